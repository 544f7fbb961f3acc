package models

// LIF is the leaky integrate-and-fire neuron (Lapicque 1907; in the form of
// Tuckwell 1988, ch. 3) with a per-neuron input current I (amp):
// C dv/dt = gL(EL − v) + I, a spike when v > VT, reset to Vr and an
// absolute refractory period. Above the rheobase gL(VT − EL) its rate is
// 1/(t_ref + τ ln((EL + RI − Vr)/(EL + RI − VT))), τ = C/gL, R = 1/gL.
func LIF() Neuron {
	return Neuron{
		Name: "leaky integrate-and-fire", Citation: "Lapicque 1907; Tuckwell 1988",
		Equations: `
			dv/dt = (gL*(EL - v) + I)/C : volt (unless refractory)
			I : amp`,
		Threshold: "v > VT", Reset: "v = Vr", Refractory: "2*ms", Method: "exact",
		Params: map[string]string{"C": "200*pF", "gL": "10*nS", "EL": "-70*mV", "VT": "-50*mV", "Vr": "-60*mV"},
		Init:   map[string]string{"v": "EL"},
	}
}

// QIF is the quadratic integrate-and-fire neuron in Izhikevich's (2007,
// ch. 5, eq. 5.2) dimensional form: C dv/dt = k(v − vr)(v − vt) + I, a
// spike at v ≥ vpeak, reset to c. Above the rheobase k((vt − vr)/2)² the
// time from c to vpeak is (C/(k·α))[atan((vpeak − m)/α) − atan((c − m)/α)],
// m = (vr + vt)/2, α = √(I/k − ((vt − vr)/2)²) — the canonical type-I
// (saddle-node on invariant circle) neuron (Ermentrout & Kopell 1986).
func QIF() Neuron {
	return Neuron{
		Name: "quadratic integrate-and-fire", Citation: "Izhikevich 2007, eq. 5.2; Ermentrout & Kopell 1986",
		Equations: `
			dv/dt = (k*(v - vr)*(v - vt) + I)/C : volt
			I : amp`,
		Threshold: "v >= vpeak", Reset: "v = c", Method: "rk4",
		Params: map[string]string{"C": "100*pF", "k": "0.7*nS/mV", "vr": "-60*mV", "vt": "-40*mV", "vpeak": "35*mV", "c": "-50*mV"},
		Init:   map[string]string{"v": "vr"},
	}
}

// EIF is the exponential integrate-and-fire neuron (Fourcaud-Trocmé et al.
// 2003): C dv/dt = gL(EL − v) + gL ΔT exp((v − VT)/ΔT) + I, a spike when v
// passes Vcut, reset to Vr. Its rheobase for repetitive firing, the
// saddle-node of the membrane equation, is gL(VT − EL − ΔT).
func EIF() Neuron {
	return Neuron{
		Name: "exponential integrate-and-fire", Citation: "Fourcaud-Trocmé et al. 2003",
		Equations: `
			dv/dt = (gL*(EL - v) + gL*DeltaT*exp((v - VT)/DeltaT) + I)/C : volt (unless refractory)
			I : amp`,
		Threshold: "v > Vcut", Reset: "v = Vr", Refractory: "1*ms", Method: "euler",
		Params: map[string]string{"C": "200*pF", "gL": "10*nS", "EL": "-70*mV", "VT": "-50*mV", "DeltaT": "2*mV", "Vcut": "-30*mV", "Vr": "-58*mV"},
		Init:   map[string]string{"v": "EL"},
	}
}

// AdExPattern names one of the eight firing patterns of Naud et al. (2008),
// Table 1.
type AdExPattern string

// The firing patterns of Naud et al. (2008), Table 1 and Fig. 2.
const (
	Tonic                  AdExPattern = "tonic"
	Adapting               AdExPattern = "adapting"
	InitialBurst           AdExPattern = "initial_burst"
	RegularBursting        AdExPattern = "regular_bursting"
	DelayedAccelerating    AdExPattern = "delayed_accelerating"
	DelayedRegularBursting AdExPattern = "delayed_regular_bursting"
	Transient              AdExPattern = "transient"
	Irregular              AdExPattern = "irregular"
)

// AdExPatterns lists the patterns in the order of Naud et al.'s Table 1.
var AdExPatterns = []AdExPattern{Tonic, Adapting, InitialBurst, RegularBursting, DelayedAccelerating, DelayedRegularBursting, Transient, Irregular}

// adexTable holds Naud et al. (2008), Table 1: C, gL, EL, VT, ΔT, a, τw, b,
// Vr and the step current I of each pattern.
var adexTable = map[AdExPattern][10]string{
	Tonic:                  {"200*pF", "10*nS", "-70*mV", "-50*mV", "2*mV", "2*nS", "30*ms", "0*pA", "-58*mV", "500*pA"},
	Adapting:               {"200*pF", "12*nS", "-70*mV", "-50*mV", "2*mV", "2*nS", "300*ms", "60*pA", "-58*mV", "500*pA"},
	InitialBurst:           {"130*pF", "18*nS", "-58*mV", "-50*mV", "2*mV", "4*nS", "150*ms", "120*pA", "-50*mV", "400*pA"},
	RegularBursting:        {"200*pF", "10*nS", "-58*mV", "-50*mV", "2*mV", "2*nS", "120*ms", "100*pA", "-46*mV", "210*pA"},
	DelayedAccelerating:    {"200*pF", "12*nS", "-70*mV", "-50*mV", "2*mV", "-10*nS", "300*ms", "0*pA", "-58*mV", "300*pA"},
	DelayedRegularBursting: {"100*pF", "10*nS", "-65*mV", "-50*mV", "2*mV", "-10*nS", "90*ms", "30*pA", "-47*mV", "110*pA"},
	Transient:              {"100*pF", "10*nS", "-65*mV", "-50*mV", "2*mV", "10*nS", "90*ms", "100*pA", "-47*mV", "180*pA"},
	Irregular:              {"100*pF", "12*nS", "-60*mV", "-50*mV", "2*mV", "-11*nS", "130*ms", "30*pA", "-48*mV", "160*pA"},
}

// AdEx is the adaptive exponential integrate-and-fire neuron (Brette &
// Gerstner 2005) with the parameters of one firing pattern of Naud et al.
// (2008), Table 1 (the step current I is the initial value of I):
//
//	C dvm/dt = gL(EL − vm) + gL ΔT exp((vm − VT)/ΔT) + I − w
//	τw dw/dt = a(vm − EL) − w
//
// a spike when vm > VT + 5ΔT, then vm = Vr, w += b. The second result is
// false for an unknown pattern.
func AdEx(p AdExPattern) (Neuron, bool) {
	v, ok := adexTable[p]
	if !ok {
		return Neuron{}, false
	}
	return Neuron{
		Name: "adaptive exponential integrate-and-fire (" + string(p) + ")", Citation: "Brette & Gerstner 2005; Naud et al. 2008, Table 1",
		Equations: `
			dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
			dw/dt = (a*(vm - EL) - w)/tauw : amp
			I : amp`,
		Threshold: "vm > VT + 5*DeltaT", Reset: "vm = Vr; w += b", Method: "euler",
		Params: map[string]string{"C": v[0], "gL": v[1], "EL": v[2], "VT": v[3], "DeltaT": v[4], "a": v[5], "tauw": v[6], "b": v[7], "Vr": v[8]},
		Init:   map[string]string{"vm": "EL", "w": "0*amp", "I": v[9]},
	}, true
}

// IzhikevichRegime names a regime of Izhikevich (2003), Fig. 2.
type IzhikevichRegime string

// Regimes of Izhikevich (2003), with their (a, b, c, d).
const (
	RegularSpiking     IzhikevichRegime = "RS"  // a .02, b .2, c −65, d 8
	IntrinsicBursting  IzhikevichRegime = "IB"  // c −55, d 4
	Chattering         IzhikevichRegime = "CH"  // c −50, d 2
	FastSpiking        IzhikevichRegime = "FS"  // a .1, d 2
	LowThresholdSpikes IzhikevichRegime = "LTS" // b .25, d 2
)

var izhTable = map[IzhikevichRegime][4]string{
	RegularSpiking:     {"0.02", "0.2", "-65", "8"},
	IntrinsicBursting:  {"0.02", "0.2", "-55", "4"},
	Chattering:         {"0.02", "0.2", "-50", "2"},
	FastSpiking:        {"0.1", "0.2", "-65", "2"},
	LowThresholdSpikes: {"0.02", "0.25", "-65", "2"},
}

// Izhikevich is the simple model of Izhikevich (2003), v in mV and t in
// ms as the paper writes it (dimensionless v, u, I):
//
//	dv/dt = 0.04v² + 5v + 140 − u + I,  du/dt = a(bv − u)
//
// a spike at v ≥ 30, then v = c, u += d; the regime's (a, b, c, d) are
// Fig. 2's. I is per neuron (initially 10, the paper's step).
func Izhikevich(r IzhikevichRegime) (Neuron, bool) {
	v, ok := izhTable[r]
	if !ok {
		return Neuron{}, false
	}
	return Neuron{
		Name: "Izhikevich (" + string(r) + ")", Citation: "Izhikevich 2003, Fig. 2",
		Equations: `
			dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
			du/dt = a*(b*v - u)/ms : 1
			I : 1`,
		Threshold: "v >= 30", Reset: "v = c; u += d", Method: "euler",
		Params: map[string]string{"a": v[0], "b": v[1], "c": v[2], "d": v[3]},
		Init:   map[string]string{"v": "-65", "u": "b*(-65)", "I": "10"},
	}, true
}

// HodgkinHuxley is the Hodgkin–Huxley-type neuron of Traub & Miles (1991)
// as Brette et al. (2007) use it in the COBAHH benchmark: a 20 000 µm²
// single compartment with sodium, delayed-rectifier potassium and leak,
// a per-neuron current I; a spike is counted when v crosses −20 mV (the
// crossing condition doubles as refractoriness, as in Brian2's COBAHH).
func HodgkinHuxley() Neuron {
	return Neuron{
		Name: "Hodgkin–Huxley (Traub & Miles)", Citation: "Traub & Miles 1991; Brette et al. 2007 (COBAHH)",
		Equations: `
			dv/dt = (gl*(El - v) - g_na*(m*m*m)*h*(v - ENa) - g_kd*(n*n*n*n)*(v - EK) + I)/Cm : volt
			dm/dt = 0.32*(mV**-1)*4*mV/exprel((13*mV - v + VT)/(4*mV))/ms*(1 - m) - 0.28*(mV**-1)*5*mV/exprel((v - VT - 40*mV)/(5*mV))/ms*m : 1
			dn/dt = 0.032*(mV**-1)*5*mV/exprel((15*mV - v + VT)/(5*mV))/ms*(1 - n) - 0.5*exp((10*mV - v + VT)/(40*mV))/ms*n : 1
			dh/dt = 0.128*exp((17*mV - v + VT)/(18*mV))/ms*(1 - h) - 4/(1 + exp((40*mV - v + VT)/(5*mV)))/ms*h : 1
			I : amp`,
		Threshold: "v > -20*mV", Refractory: "v > -20*mV", Method: "exponential_euler",
		Params: map[string]string{
			"Cm": "1*ufarad*cm**-2*(20000*umetre**2)", "gl": "5e-5*siemens*cm**-2*(20000*umetre**2)",
			"El": "-60*mV", "EK": "-90*mV", "ENa": "50*mV",
			"g_na": "100*msiemens*cm**-2*(20000*umetre**2)", "g_kd": "30*msiemens*cm**-2*(20000*umetre**2)", "VT": "-63*mV"},
		Init: map[string]string{"v": "El"},
	}
}

// GIF is the generalised integrate-and-fire neuron of Mihalas & Niebur
// (2009): a LIF with two spike-induced currents I1, I2 and an adaptive
// threshold Θ,
//
//	dV/dt = (−(V − EL) + R(Ie + I1 + I2))/τ,  dIj/dt = −kj Ij,
//	dΘ/dt = a(V − EL) − b(Θ − Θinf),
//
// a spike when V > Θ, then Ij = Rj·Ij + Aj, V = Vr, Θ = max(Θr, Θ). The
// defaults are the paper's common parameters with its tonic-spiking set
// (a = 0, A1 = A2 = 0), where the model is a LIF with threshold Θinf.
func GIF() Neuron {
	return Neuron{
		Name: "generalised integrate-and-fire", Citation: "Mihalas & Niebur 2009",
		Equations: `
			dV/dt = (-(V - EL) + R*(Ie + I1 + I2))/tau : volt
			dI1/dt = -k1*I1 : amp
			dI2/dt = -k2*I2 : amp
			dTheta/dt = a*(V - EL) - b*(Theta - Thetainf) : volt
			Ie : amp`,
		Threshold: "V > Theta", Reset: "I1 = R1*I1 + A1; I2 = R2*I2 + A2; V = Vr; Theta = clip(Theta, Thetar, inf*volt)", Method: "euler",
		Params: map[string]string{
			"EL": "-70*mV", "R": "1*Gohm", "tau": "10*ms", "k1": "200/second", "k2": "20/second",
			"a": "0/second", "b": "10/second", "Thetainf": "-50*mV", "Thetar": "-60*mV", "Vr": "-70*mV",
			"R1": "0", "R2": "1", "A1": "0*pA", "A2": "0*pA"},
		Init: map[string]string{"V": "EL", "Theta": "Thetainf"},
	}
}

// HindmarshRose is the Hindmarsh & Rose (1984) burster in its common
// dimensionless form, time in ms:
//
//	dx/dt = y − a x³ + b x² − z + I,  dy/dt = c − d x² − y,
//	dz/dt = r(s(x − xR) − z)
//
// with a = 1, b = 3, c = 1, d = 5, s = 4, xR = −1.6, r = 0.001; a spike is
// x crossing 1 upwards. It bursts for I ≈ 1.3 to 3 and fires tonically at
// larger I.
func HindmarshRose() Neuron {
	return Neuron{
		Name: "Hindmarsh–Rose", Citation: "Hindmarsh & Rose 1984",
		Equations: `
			dx/dt = (y - a*x**3 + b*x**2 - z + I)/ms : 1
			dy/dt = (c - d*x**2 - y)/ms : 1
			dz/dt = r*(s*(x - xR) - z)/ms : 1
			I : 1`,
		Threshold: "x > 1", Refractory: "x > 1", Method: "rk4",
		Params: map[string]string{"a": "1", "b": "3", "c": "1", "d": "5", "s": "4", "xR": "-1.6", "r": "0.001"},
		Init:   map[string]string{"x": "-1.6", "y": "-11.8", "z": "0", "I": "2"},
	}
}

// ResonateAndFire is Izhikevich's (2001) resonate-and-fire neuron, the
// linear damped oscillator ż = (b + iω)z + I written in its real and
// imaginary parts x and y: dx/dt = bx − ωy + I, dy/dt = ωx + by; a spike
// when y exceeds ythr, then (x, y) = (0, 0)... reset to rest. Pulses of
// input kick x; a pair of pulses one period 2π/ω apart adds up, half a
// period apart they cancel: the neuron prefers input at its resonant
// frequency. Here b = −10/s, ω = 2π·20 Hz.
func ResonateAndFire() Neuron {
	return Neuron{
		Name: "resonate-and-fire", Citation: "Izhikevich 2001",
		Equations: `
			dx/dt = b*x - omega*y + I : 1
			dy/dt = omega*x + b*y : 1
			I : Hz`,
		Threshold: "y > ythr", Reset: "x = 0; y = 0", Method: "exact",
		Params: map[string]string{"b": "-10/second", "omega": "2*pi*20*Hz", "ythr": "1"},
	}
}
