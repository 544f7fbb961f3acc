package spiking

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/units"
)

// lifCase runs the LIF + 2-D TimedArray cases of the Brian2 reference.
func lifCase(t *testing.T, name, model, method string, refrExpr string, refr float64, ref []float64) {
	c := refCase(t, name)
	in, err := c.CSV("input_ta.csv")
	if err != nil {
		t.Fatal(err)
	}
	ta, err := NewTimedArrayRows("ta", in, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	ns := map[string]any{"ta": ta, "tau": units.Quantity{Value: 10e-3, Dim: units.DimTime()}}
	g, err := NewNeuronGroup(5, model, NeuronGroupOptions{Threshold: "v>1", Reset: "v=0",
		Refractory: refr, RefractoryExpr: refrExpr, Method: method, Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	if ref != nil {
		if err := g.Set("ref", ref...); err != nil {
			t.Fatal(err)
		}
	}
	sm := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net, err := NewNetwork(1e-4, g, sm, spm)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(0.2); err != nil {
		t.Fatal(err)
	}
	t.Logf("method %s:\n%s", g.Method(), g.UpdateCode())
	checkSpikes(t, c, "spikes.csv", spm, 1e-4)
	checkTrace(t, c, "trace_v.csv", sm, "v", 1)
}

func TestBrian2LIFTimedArrayExact(t *testing.T) {
	lifCase(t, "lif_timedarray_exact", "dv/dt = (I - v)/tau : 1\nI = ta(t, i) : 1", "exact", "", 2e-3, nil)
}

func TestBrian2LIFTimedArrayEuler(t *testing.T) {
	lifCase(t, "lif_timedarray_euler", "dv/dt = (I - v)/tau : 1\nI = ta(t, i) : 1", "euler", "", 2e-3, nil)
}

func TestBrian2LIFUnlessRefractory(t *testing.T) {
	lifCase(t, "lif_unless_refractory", "dv/dt = (I - v)/tau : 1 (unless refractory)\nI = ta(t, i) : 1\nref : second",
		"exact", "ref", 0, []float64{1e-3, 2e-3, 3e-3, 4e-3, 5e-3})
}

const hhModel = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/C : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/
    (exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/
    (exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/
    (exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
`

func hhNamespace() map[string]any {
	area := "20000*umetre**2"
	return map[string]any{
		"gl": "5e-5*siemens*cm**-2*" + area, "El": "-65*mV", "EK": "-90*mV", "ENa": "50*mV",
		"g_na": "100*msiemens*cm**-2*" + area, "g_kd": "30*msiemens*cm**-2*" + area, "VT": "-63*mV",
	}
}

// TestBrian2HHSteps: the tutorial's HH neurons with steps of current from
// run_regularly every 10 ms, exponential Euler, refractory condition.
func TestBrian2HHSteps(t *testing.T) {
	c := refCase(t, "hh_tutorial_steps")
	in, err := c.CSV("input_I.csv")
	if err != nil {
		t.Fatal(err)
	}
	ta, err := NewTimedArrayRows("I_ta", in, 10e-3)
	if err != nil {
		t.Fatal(err)
	}
	ta.SetUnit(units.DimCurrent())
	ns := hhNamespace()
	ns["I_ta"] = ta
	g, err := NewNeuronGroup(3, hhModel+"I : amp (shared)\nC : farad", NeuronGroupOptions{
		Threshold: "v > -40*mV", RefractoryExpr: "v > -40*mV", Method: "exponential_euler", Namespace: ns, GroupOptions: GroupOptions{Dt: 1e-5}})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetExpr("v", "El"); err != nil {
		t.Fatal(err)
	}
	if err := g.SetExpr("C", "1*ufarad*cm**-2*20000*umetre**2"); err != nil {
		t.Fatal(err)
	}
	cc := must(g.Get("C"))(t)
	if err := g.Set("C", 0.8*cc[0], cc[0], 1.2*cc[0]); err != nil {
		t.Fatal(err)
	}
	if err := g.RunRegularly("I = I_ta(t)", RegularOptions{Dt: 10e-3}); err != nil {
		t.Fatal(err)
	}
	sm := must(NewStateMonitor(g, []string{"v"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-5, g, sm, spm))(t)
	if err := net.Run(50e-3); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-5)
	checkTrace(t, c, "trace_v.csv", sm, "v", 1)
}

// TestBrian2HHRK4: one HH neuron, constant 10 nA, rk4.
func TestBrian2HHRK4(t *testing.T) {
	c := refCase(t, "hh_tutorial_rk4")
	ns := hhNamespace()
	ns["C"] = "1*ufarad*cm**-2*20000*umetre**2"
	g, err := NewNeuronGroup(1, hhModel+"I : amp", NeuronGroupOptions{
		Threshold: "v > -40*mV", RefractoryExpr: "v > -40*mV", Method: "rk4", Namespace: ns, GroupOptions: GroupOptions{Dt: 1e-5}})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetExpr("v", "El"); err != nil {
		t.Fatal(err)
	}
	if err := g.Set("I", 10e-9); err != nil {
		t.Fatal(err)
	}
	sm := must(NewStateMonitor(g, []string{"v", "m", "n", "h"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-5, g, sm, spm))(t)
	if err := net.Run(50e-3); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-5)
	checkTrace(t, c, "trace_v.csv", sm, "v", 1)
	for _, v := range []string{"m", "n", "h"} {
		st := must(c.Float("outputs", "trace_"+v+".csv", "stride_steps"))(t)
		checkTrace(t, c, "trace_"+v+".csv", sm, v, int(st))
	}
}

// TestBrian2AdEx: three AdEx firing patterns, forward Euler.
func TestBrian2AdEx(t *testing.T) {
	c := refCase(t, "adex_modes")
	model := `
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
C : farad
gL : siemens
EL : volt
VT : volt
DeltaT : volt
Vcut : volt
a : siemens
tauw : second
b : amp
Vr : volt
I : amp
`
	g, err := NewNeuronGroup(3, model, NeuronGroupOptions{Threshold: "vm>Vcut", Reset: "vm=Vr; w+=b", Method: "euler", GroupOptions: GroupOptions{Dt: 1e-5}})
	if err != nil {
		t.Fatal(err)
	}
	set := func(name string, scale float64, v ...float64) {
		for k := range v {
			v[k] *= scale
		}
		if err := g.Set(name, v...); err != nil {
			t.Fatal(err)
		}
	}
	set("C", 1e-12, 200, 200, 200)
	set("gL", 1e-9, 10, 12, 10)
	set("EL", 1e-3, -70, -70, -58)
	set("VT", 1e-3, -50, -50, -50)
	set("DeltaT", 1e-3, 2, 2, 2)
	set("a", 1e-9, 2, 2, 2)
	set("tauw", 1e-3, 30, 300, 120)
	set("b", 1e-12, 0, 60, 100)
	set("Vr", 1e-3, -58, -58, -46)
	set("I", 1e-12, 500, 500, 210)
	if err := g.SetExpr("Vcut", "VT + 5*DeltaT"); err != nil {
		t.Fatal(err)
	}
	if err := g.SetExpr("vm", "EL"); err != nil {
		t.Fatal(err)
	}
	sm := must(NewStateMonitor(g, []string{"vm", "w"}, StateMonitorOptions{}))(t)
	spm := must(NewSpikeMonitor(g, nil, MonitorOptions{}))(t)
	net := must(NewNetwork(1e-5, g, sm, spm))(t)
	if err := net.Run(0.3); err != nil {
		t.Fatal(err)
	}
	checkSpikes(t, c, "spikes.csv", spm, 1e-5)
	for _, v := range []string{"vm", "w"} {
		st := must(c.Float("outputs", "trace_"+v+".csv", "stride_steps"))(t)
		checkTrace(t, c, "trace_"+v+".csv", sm, v, int(st))
	}
}

const cubaModel = `
dv/dt = (ge + gi - (v - El))/taum : volt
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`

func twoExp(t *testing.T, name string, taue float64) {
	c := refCase(t, name)
	ms := func(x float64) units.Quantity { return units.Quantity{Value: x * 1e-3, Dim: units.DimTime()} }
	ns := map[string]any{"taum": ms(20), "taue": ms(taue), "taui": ms(10), "El": "-49*mV"}
	g, err := NewNeuronGroup(3, cubaModel, NeuronGroupOptions{Method: "exact", Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, g.Set("v", -60e-3, -55e-3, -49e-3))
	noErr(t, g.Set("ge", 10e-3, 0, 5e-3))
	noErr(t, g.Set("gi", 0, -10e-3, -5e-3))
	sm := must(NewStateMonitor(g, []string{"v", "ge", "gi"}, StateMonitorOptions{}))(t)
	net := must(NewNetwork(1e-4, g, sm))(t)
	if err := net.Run(0.1); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", g.UpdateCode())
	for _, v := range []string{"v", "ge", "gi"} {
		checkTrace(t, c, "trace_"+v+".csv", sm, v, 1)
	}
}

func TestBrian2ExactTwoExponentials(t *testing.T) { twoExp(t, "exact_two_exponentials", 5) }

// TestBrian2ExactDegenerate: taue = taum as separate constants (Brian2
// 2.5.1 gives NaN here) must give Brian2's Jordan-block solution.
func TestBrian2ExactDegenerate(t *testing.T) { twoExp(t, "exact_two_exponentials_degenerate", 20) }

// TestBrian2IntegratorAccuracy: dx/dt = -x/tau + A*sin(2*pi*f*t) with
// euler, rk2, rk4 and exponential_euler at three steps: traces equal
// Brian2's, and the error against the analytic solution shrinks with the
// method's order (1, 2, 4, 1) as dt halves.
func TestBrian2IntegratorAccuracy(t *testing.T) {
	c := refCase(t, "integrator_accuracy")
	ana, err := c.CSV("analytic_x.csv")
	if err != nil {
		t.Fatal(err)
	}
	orders := map[string]float64{"euler": 1, "rk2": 2, "rk4": 4, "exponential_euler": 1}
	for _, method := range []string{"euler", "rk2", "rk4", "exponential_euler"} {
		var errs []float64
		for k, dtms := range []string{"0.1", "0.05", "0.025"} {
			dt := []float64{1e-4, 5e-5, 2.5e-5}[k]
			ns := map[string]any{"tau": "10*ms", "A": "200*Hz", "f": "50*Hz"}
			g, err := NewNeuronGroup(2, "dx/dt = -x/tau + A*sin(2*pi*f*t) : 1", NeuronGroupOptions{Method: method, Namespace: ns})
			if err != nil {
				t.Fatal(err)
			}
			noErr(t, g.Set("x", 0, 1))
			sm := must(NewStateMonitor(g, []string{"x"}, StateMonitorOptions{}))(t)
			net := must(NewNetwork(dt, g, sm))(t)
			if err := net.Run(0.1); err != nil {
				t.Fatal(err)
			}
			checkTrace(t, c, "trace_x_"+method+"_dt"+dtms+"ms.csv", sm, "x", 1<<k)
			rows := must(sm.Rows("x"))(t)
			e := 0.0
			for r := range ana {
				for j := 0; j < 2; j++ {
					e = max(e, math.Abs(rows[r<<k][j]-ana[r][j+1]))
				}
			}
			errs = append(errs, e)
		}
		for k := 0; k < 2; k++ {
			o := math.Log2(errs[k] / errs[k+1])
			if math.Abs(o-orders[method]) > 0.05 {
				t.Errorf("%s: observed order %.3f, want %g (errors %v)", method, o, orders[method], errs)
			}
			t.Logf("%s: order %.4f", method, o)
		}
	}
	// exact is not applicable: t appears outside a TimedArray.
	if _, err := NewNeuronGroup(2, "dx/dt = -x/tau + A*sin(2*pi*f*t) : 1", NeuronGroupOptions{Method: "exact",
		Namespace: map[string]any{"tau": "10*ms", "A": "200*Hz", "f": "50*Hz"}}); err == nil || !strings.Contains(err.Error(), "constant over a time step") {
		t.Errorf("exact on a time-dependent equation: %v", err)
	}
}

// TestBrian2SDE: heun and milstein (multiplicative noise) and euler
// (additive noise) fed with the standard normal draws Brian2 used.
func TestBrian2SDE(t *testing.T) {
	c := refCase(t, "sde_milstein_heun")
	draws, err := c.CSV("input_randn.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct{ method, model, file string }{
		{"heun", "dx/dt = -x/tau + sigma*x*xi/sqrt(tau) : 1", "trace_x_heun.csv"},
		{"milstein", "dx/dt = -x/tau + sigma*x*xi/sqrt(tau) : 1", "trace_x_milstein.csv"},
		{"euler", "dx/dt = -x/tau + sigma*xi/sqrt(tau) : 1", "trace_x_euler_additive.csv"},
	} {
		g, err := NewNeuronGroup(4, run.model, NeuronGroupOptions{Method: run.method, Namespace: map[string]any{"tau": "10*ms", "sigma": 0.5}})
		if err != nil {
			t.Fatal(err)
		}
		g.noiseHook = func(k int64, xi string, dst []float64) { copy(dst, draws[k]) }
		noErr(t, g.Set("x", 1, 0.5, 2, -1))
		sm := must(NewStateMonitor(g, []string{"x"}, StateMonitorOptions{}))(t)
		net := must(NewNetwork(1e-4, g, sm))(t)
		if err := net.Run(0.1); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s:\n%s", run.method, g.UpdateCode())
		checkTrace(t, c, run.file, sm, "x", 1)
	}
	if _, err := NewNeuronGroup(1, "dx/dt = -x/tau + sigma*x*xi/sqrt(tau) : 1", NeuronGroupOptions{Method: "euler", Namespace: map[string]any{"tau": "10*ms", "sigma": 0.5}}); err == nil || !strings.Contains(err.Error(), "multiplicative") {
		t.Errorf("euler with multiplicative noise: %v", err)
	}
	for _, m := range []string{"rk2", "rk4", "exponential_euler", "exact"} {
		if _, err := NewNeuronGroup(1, "dx/dt = -x/tau + sigma*xi/sqrt(tau) : 1", NeuronGroupOptions{Method: m, Namespace: map[string]any{"tau": "10*ms", "sigma": 0.5}}); err == nil || !strings.Contains(err.Error(), "stochastic") {
			t.Errorf("%s with noise: %v", m, err)
		}
	}
}
