package models

import "strings"

// named replaces {x} in each string by x, so that one synapse model can be
// used several times in one group (ExpConductance("exc"),
// ExpConductance("inh")).
func named(x string, s ...*string) {
	for _, p := range s {
		*p = strings.ReplaceAll(*p, "{x}", x)
	}
}

func namedParams(x string, ps map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range ps {
		out[strings.ReplaceAll(k, "{x}", x)] = v
	}
	return out
}

func build(x string, s Synapse) Synapse {
	named(x, &s.Name, &s.Target, &s.Model, &s.OnPre, &s.OnPost)
	s.Params = namedParams(x, s.Params)
	return s
}

// ExpCurrent is a current-based synapse with exponential decay: each
// presynaptic spike adds its weight w (amp) to the target's I_x, which
// decays with time constant tau_x (default 5 ms); the target's membrane
// equation adds I_x. The PSP of a LIF (time constant τm) to one spike peaks
// at t* = τm τs ln(τm/τs)/(τm − τs).
func ExpCurrent(x string) Synapse {
	return build(x, Synapse{
		Name: "exponential current ({x})", Citation: "e.g. Brunel 2000; Brette et al. 2007",
		Target: "dI_{x}/dt = -I_{x}/tau_{x} : amp",
		Model:  "w : amp", OnPre: "I_{x}_post += w",
		Params: map[string]string{"tau_{x}": "5*ms"},
	})
}

// AlphaCurrent is a current-based synapse with an alpha-function time
// course, I(t) = w (t/τ) e^(1 − t/τ) after a spike (peak w at t = τ), made
// of two exponential stages of time constant tau_x (default 2 ms).
func AlphaCurrent(x string) Synapse {
	return build(x, Synapse{
		Name: "alpha current ({x})", Citation: "Rall 1967",
		Target: `dI_{x}/dt = (s_{x} - I_{x})/tau_{x} : amp
			ds_{x}/dt = -s_{x}/tau_{x} : amp`,
		Model: "w : amp", OnPre: "s_{x}_post += w*exp(1)",
		Params: map[string]string{"tau_{x}": "2*ms"},
	})
}

// ExpConductance is a conductance-based synapse: a spike adds w (siemens)
// to g_x, which decays with tau_x; the current into the target, whose
// membrane potential must be named v, is I_x = g_x (E_x − v).
func ExpConductance(x string) Synapse {
	return build(x, Synapse{
		Name: "exponential conductance ({x})", Citation: "e.g. Brette et al. 2007 (COBA)",
		Target: `dg_{x}/dt = -g_{x}/tau_{x} : siemens
			I_{x} = g_{x}*(E_{x} - v) : amp`,
		Model: "w : siemens", OnPre: "g_{x}_post += w",
		Params: map[string]string{"tau_{x}": "5*ms", "E_{x}": "0*mV"},
	})
}

// AlphaConductance is ExpConductance with an alpha time course: g(t) =
// w (t/τ) e^(1 − t/τ) after a spike.
func AlphaConductance(x string) Synapse {
	return build(x, Synapse{
		Name: "alpha conductance ({x})", Citation: "Rall 1967",
		Target: `dg_{x}/dt = (s_{x} - g_{x})/tau_{x} : siemens
			ds_{x}/dt = -s_{x}/tau_{x} : siemens
			I_{x} = g_{x}*(E_{x} - v) : amp`,
		Model: "w : siemens", OnPre: "s_{x}_post += w*exp(1)",
		Params: map[string]string{"tau_{x}": "2*ms", "E_{x}": "0*mV"},
	})
}

// AMPA is the excitatory conductance of the COBA benchmark (Brette et al.
// 2007, after Vogels & Abbott 2005): exponential, τ = 5 ms, reversal 0 mV;
// variables g_ampa, I_ampa.
func AMPA() Synapse { return ExpConductance("ampa").With("tau_ampa", "5*ms", "E_ampa", "0*mV") }

// GABAA is the inhibitory conductance of the COBA benchmark: exponential,
// τ = 10 ms, reversal −80 mV; variables g_gaba, I_gaba.
func GABAA() Synapse { return ExpConductance("gaba").With("tau_gaba", "10*ms", "E_gaba", "-80*mV") }

// NMDA is an NMDA conductance with rise (τ 2 ms) and decay (τ 100 ms) as in
// Wang (2002), without saturation, and Jahr & Stevens' (1990) voltage-
// dependent magnesium block: I_nmda = g_nmda (E_nmda − v)/(1 + [Mg²⁺]
// e^(−0.062 v/mV)/3.57), [Mg²⁺] = Mg mM (default 1).
func NMDA() Synapse {
	return Synapse{
		Name: "NMDA with magnesium block", Citation: "Jahr & Stevens 1990; Wang 2002",
		Target: `dg_nmda/dt = (x_nmda - g_nmda)/tau_nmda_decay : siemens
			dx_nmda/dt = -x_nmda/tau_nmda_rise : siemens
			I_nmda = g_nmda*(E_nmda - v)/(1 + Mg*exp(-0.062*v/mV)/3.57) : amp`,
		Model: "w : siemens", OnPre: "x_nmda_post += w",
		Params: map[string]string{"tau_nmda_rise": "2*ms", "tau_nmda_decay": "100*ms", "E_nmda": "0*mV", "Mg": "1"},
	}
}

// TsodyksMarkram is short-term depression and facilitation (Tsodyks &
// Markram 1997; Tsodyks, Pawelzik & Markram 1998, in the form of Brian2's
// STP example): a spike first raises the utilisation u by U(1 − u), then
// releases the fraction u of the available resources x — the synaptic
// variable released holds u·x of the last spike — and adds w·u·x to the
// target's variable named target; w has the unit wUnit ("amp", "siemens",
// "volt" or "1"). Between spikes u decays to 0 with tau_f and x recovers to
// 1 with tau_d. The engine's event-driven equations must decay to zero, so
// the synapse keeps y = 1 − x, the resources in use.
func TsodyksMarkram(target, wUnit string) Synapse {
	s := Synapse{
		Name: "Tsodyks–Markram short-term plasticity", Citation: "Tsodyks & Markram 1997; Tsodyks et al. 1998",
		Model: `w : {unit}
			released : 1
			dy/dt = -y/tau_d : 1 (event-driven)
			du/dt = -u/tau_f : 1 (event-driven)`,
		OnPre: `u += U*(1 - u)
			released = u*(1 - y)
			{x}_post += w*released
			y += released`,
		Params: map[string]string{"U": "0.5", "tau_d": "200*ms", "tau_f": "50*ms"},
	}
	named(target, &s.OnPre)
	s.Model = strings.ReplaceAll(s.Model, "{unit}", wUnit)
	return s
}

// STDP is pair-based spike-timing-dependent plasticity with all-to-all
// pairing (Song, Miller & Abbott 2000, in the form of Brian2's example):
// weight w in [0, 1] scales gmax, added to the target's variable named
// target at each presynaptic spike; a post spike Δ after a pre spike
// changes w by dApre·e^(−Δ/taupre), the reverse order by
// dApost·e^(−Δ/taupost), clipped to [0, 1]. Song et al.'s parameters:
// τ = 20 ms, dApre = 0.01, dApost = −1.05 dApre.
func STDP(target string) Synapse {
	s := Synapse{
		Name: "pair-based STDP", Citation: "Song, Miller & Abbott 2000",
		Model: `w : 1
			dApre/dt = -Apre/taupre : 1 (event-driven)
			dApost/dt = -Apost/taupost : 1 (event-driven)`,
		OnPre: `{x}_post += w*gmax
			Apre += dApre
			w = clip(w + Apost, 0, 1)`,
		OnPost: `Apost += dApost
			w = clip(w + Apre, 0, 1)`,
		Params: map[string]string{"taupre": "20*ms", "taupost": "20*ms", "dApre": "0.01", "dApost": "-0.0105", "gmax": "0.01*nS"},
	}
	named(target, &s.OnPre)
	return s
}

// TripletSTDP is the minimal all-to-all triplet rule of Pfister & Gerstner
// (2006): presynaptic traces r1 (τ+) and r2 (τx), postsynaptic o1 (τ−) and
// o2 (τy). A pre spike depresses w by o1·(A2m + A3m·r2), a post spike
// potentiates by r1·(A2p + A3p·o2), each trace read before its own
// spike's increment; w stays in [0, 1] and scales gmax onto the target's
// variable named target. Defaults: the visual-cortex all-to-all minimal
// set of Pfister & Gerstner (2006), Table 4.
func TripletSTDP(target string) Synapse {
	s := Synapse{
		Name: "triplet STDP", Citation: "Pfister & Gerstner 2006",
		Model: `w : 1
			dr1/dt = -r1/tau_plus : 1 (event-driven)
			dr2/dt = -r2/tau_x : 1 (event-driven)
			do1/dt = -o1/tau_minus : 1 (event-driven)
			do2/dt = -o2/tau_y : 1 (event-driven)`,
		OnPre: `{x}_post += w*gmax
			w = clip(w - o1*(A2m + A3m*r2), 0, 1)
			r1 += 1
			r2 += 1`,
		OnPost: `w = clip(w + r1*(A2p + A3p*o2), 0, 1)
			o1 += 1
			o2 += 1`,
		Params: map[string]string{"tau_plus": "16.8*ms", "tau_minus": "33.7*ms", "tau_x": "101*ms", "tau_y": "125*ms",
			"A2p": "5e-10", "A3p": "6.2e-3", "A2m": "7e-3", "A3m": "2.3e-4", "gmax": "1*nS"},
	}
	named(target, &s.OnPre)
	return s
}
