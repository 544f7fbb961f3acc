package spiking

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestLinearPropagatorScalar: dv/dt = -v/tau + c gives E = exp(-h/tau),
// Phi = tau*(1-exp(-h/tau)).
func TestLinearPropagatorScalar(t *testing.T) {
	tau, h := 0.01, 1e-4
	e, phi, err := linearPropagator([]float64{-1 / tau}, 1, h)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(e[0] - math.Exp(-h/tau)); d > 3e-16 {
		t.Errorf("E off by %g", d)
	}
	if d := math.Abs(phi[0]/(tau*-math.Expm1(-h/tau)) - 1); d > 1e-14 {
		t.Errorf("Phi relative error %g", d)
	}
	// Pure integrator: M = 0, Phi = h.
	e, phi, _ = linearPropagator([]float64{0}, 1, h)
	if e[0] != 1 || math.Abs(phi[0]-h) > 1e-20 {
		t.Errorf("integrator: E %g Phi %g", e[0], phi[0])
	}
}

// TestLinearPropagatorDegenerate: dv/dt = (ge - v)/tau, dge/dt = -ge/tau
// (repeated eigenvalue): v(h) = v e^{-h/tau} + ge h/tau e^{-h/tau}, the
// Jordan-block solution Brian2 derives only when both constants share a name.
func TestLinearPropagatorDegenerate(t *testing.T) {
	tau, h := 0.02, 1e-4
	e, _, err := linearPropagator([]float64{-1 / tau, 1 / tau, 0, -1 / tau}, 2, h)
	if err != nil {
		t.Fatal(err)
	}
	x := math.Exp(-h / tau)
	want := []float64{x, h / tau * x, 0, x}
	for k := range want {
		if math.Abs(e[k]-want[k]) > 1e-15 {
			t.Errorf("E[%d] = %.17g want %.17g", k, e[k], want[k])
		}
	}
	if _, _, err := linearPropagator([]float64{math.NaN()}, 1, h); err == nil {
		t.Error("NaN accepted")
	}
}

// relClose reports whether got is within tol of want, relative to the
// scale of the entry (|want|) or, for entries that are zero, absolutely.
func relClose(got, want, scale, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(math.Abs(want), scale)
}

// TestLinearPropagatorBadlyScaled checks E = exp(M h) and Phi = ∫_0^h
// exp(M s) ds against closed forms for two-variable systems whose coupling
// spans 1e-12..1e12 in SI units (a membrane driven by a synaptic current
// through a resistance: dv/dt = (k·I − v)/τ1 ... in both orders), with
// distinct and equal time constants, for uncoupled systems with time
// constants from 1 µs to 100 s, for a 3-variable Jordan chain, and for a
// badly scaled rotation (intrinsically coupled: eigenvalues -1/τ ± iω).
// Before the diagonal scaling, a coupling of 1e11 s⁻¹ lost 37% of v.
func TestLinearPropagatorBadlyScaled(t *testing.T) {
	const h = 1e-4
	const tol = 1e-13
	check := func(what string, m []float64, n int, wantE, wantPhi []float64) {
		t.Helper()
		e, phi, err := linearPropagator(m, n, h)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for k := range wantE {
			// Off-diagonal zeros must come out as exact zeros (or
			// negligible against the row's diagonal).
			r := k / n
			if !relClose(e[k], wantE[k], 1e-300, tol) && !(wantE[k] == 0 && math.Abs(e[k]) < 1e-16*math.Abs(wantE[r*n+r])) {
				t.Errorf("%s: E[%d] = %.17g, want %.17g (rel %.2g)", what, k, e[k], wantE[k], e[k]/wantE[k]-1)
			}
			if !relClose(phi[k], wantPhi[k], 1e-300, tol) && !(wantPhi[k] == 0 && math.Abs(phi[k]) < 1e-16*math.Abs(wantPhi[r*n+r])) {
				t.Errorf("%s: Phi[%d] = %.17g, want %.17g (rel %.2g)", what, k, phi[k], wantPhi[k], phi[k]/wantPhi[k]-1)
			}
		}
	}
	// phi1(a) = ∫_0^h exp(-a s) ds.
	phi1 := func(a float64) float64 { return -math.Expm1(-a*h) / a }
	for _, taus := range [][2]float64{{10e-3, 2e-3}, {2e-3, 10e-3}, {5e-3, 5e-3}, {1e-6, 100}, {100, 100}} {
		a, b := 1/taus[0], 1/taus[1]
		ea, eb := math.Exp(-a*h), math.Exp(-b*h)
		// Uncoupled.
		check(fmt.Sprintf("uncoupled tau %g, %g", taus[0], taus[1]), []float64{-a, 0, 0, -b}, 2,
			[]float64{ea, 0, 0, eb}, []float64{phi1(a), 0, 0, phi1(b)})
		for p := -12; p <= 12; p += 2 {
			k := math.Pow(10, float64(p)) * a // k = R/τ1 with R = 10^p Ω
			// x1' = -a x1 + k x2, x2' = -b x2: x1 gets k ∫ e^{-a(h-s)} e^{-b s} ds.
			var e12, phi12 float64
			if a == b {
				e12 = k * h * ea
			} else {
				e12 = k * (ea - eb) / (b - a)
			}
			if x, y := -a*h, -b*h; max(-x, -y) <= 1 {
				// ∫_0^h k e^{-a(h-s)} e^{-bs} ds as a series free of the
				// closed form's cancellation: k h² Σ_{n>=1} (Σ_j x^j y^(n-1-j))/(n+1)!.
				sum, fact := 0.0, 1.0
				for nn := 1; nn < 40; nn++ {
					fact *= float64(nn + 1)
					dd := 0.0
					for j := 0; j < nn; j++ {
						dd += math.Pow(x, float64(j)) * math.Pow(y, float64(nn-1-j))
					}
					sum += dd / fact
				}
				phi12 = k * h * h * sum
			} else if a == b {
				// ∫_0^h k s e^{-a s} ds = k (1 - e^{-ah}(1 + ah))/a².
				phi12 = k * (-math.Expm1(-a*h) - a*h*ea) / (a * a)
			} else {
				phi12 = k / (b - a) * (phi1(a) - phi1(b))
			}
			check(fmt.Sprintf("upper tau %g, %g, k %g", taus[0], taus[1], k), []float64{-a, k, 0, -b}, 2,
				[]float64{ea, e12, 0, eb}, []float64{phi1(a), phi12, 0, phi1(b)})
			// The same system with the variables in the other order.
			check(fmt.Sprintf("lower tau %g, %g, k %g", taus[0], taus[1], k), []float64{-b, 0, k, -a}, 2,
				[]float64{eb, 0, e12, ea}, []float64{phi1(b), 0, phi12, phi1(a)})
		}
	}
	// Jordan chain x3' = -a x3 + k2 x2, x2' = -a x2 + k1 x1, x1' = -a x1:
	// exp(M h) = e^{-ah} (I + N h + N² h²/2) with N the nilpotent part.
	for p := -12; p <= 12; p += 4 {
		a := 1 / 20e-3
		k1, k2 := math.Pow(10, float64(p)), math.Pow(10, float64(-p/2))*1e3
		ea := math.Exp(-a * h)
		e, phi, err := linearPropagator([]float64{-a, 0, 0, k1, -a, 0, 0, k2, -a}, 3, h)
		if err != nil {
			t.Fatal(err)
		}
		want := []float64{ea, 0, 0, k1 * h * ea, ea, 0, k1 * k2 * h * h / 2 * ea, k2 * h * ea, ea}
		for k := range want {
			if !relClose(e[k], want[k], 1e-300, tol) {
				t.Errorf("chain k1 %g: E[%d] = %.17g want %.17g", k1, k, e[k], want[k])
			}
		}
		// Phi's corner: k1 k2 ∫_0^h s²/2 e^{-as} ds = k1 k2 (2 − e^{-ah}(a²h² + 2ah + 2))/(2a³).
		x := a * h
		corner := k1 * k2 * (-2*math.Expm1(-x) - ea*(x*x+2*x)) / (2 * a * a * a)
		if !relClose(phi[6], corner, 0, 1e-9) { // the closed form itself cancels ~5 digits at ah = 0.005
			t.Errorf("chain k1 %g: Phi[6] = %.17g want %.17g", k1, phi[6], corner)
		}
	}
	// Rotation with a badly scaled coupling: x' = -x/τ + ω s y,
	// y' = -ω/s x - y/τ: E = e^{-h/τ} [[cos ωh, s sin ωh], [-sin ωh / s, cos ωh]].
	for p := -12; p <= 12; p += 3 {
		s := math.Pow(10, float64(p))
		tau, w := 10e-3, 2*math.Pi*100
		d := math.Exp(-h / tau)
		c, sn := math.Cos(w*h), math.Sin(w*h)
		e, _, err := linearPropagator([]float64{-1 / tau, w * s, -w / s, -1 / tau}, 2, h)
		if err != nil {
			t.Fatal(err)
		}
		want := []float64{d * c, d * s * sn, -d * sn / s, d * c}
		for k := range want {
			if !relClose(e[k], want[k], 0, tol) {
				t.Errorf("rotation s %g: E[%d] = %.17g want %.17g", s, k, e[k], want[k])
			}
		}
	}
}

// TestExactBadlyScaledNeuron is issue 12's case: a membrane driven by a
// decaying current through 100 MΩ and 1 GΩ; v(5 ms) must be the analytic
// Rm I0/τm (e^{-t/τm} − e^{-t/τe})/(1/τe − 1/τm) (it was 39% low at 1 GΩ).
func TestExactBadlyScaledNeuron(t *testing.T) {
	for _, rm := range []float64{1e8, 1e9, 1e12} {
		g, err := NewNeuronGroup(1, "dv/dt = (Rm*I - v)/taum : volt\ndI/dt = -I/tau_e : amp", NeuronGroupOptions{Method: "exact",
			Namespace: map[string]any{"Rm": fmt.Sprintf("%g*ohm", rm), "taum": "10*ms", "tau_e": "2*ms"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := g.SetExpr("I", "1*nA"); err != nil {
			t.Fatal(err)
		}
		net, err := NewNetwork(1e-4, g)
		if err != nil {
			t.Fatal(err)
		}
		if err := net.Run(0.005); err != nil {
			t.Fatal(err)
		}
		v, err := g.Get("v")
		if err != nil {
			t.Fatal(err)
		}
		tm, te, tt := 0.01, 0.002, 0.005
		want := rm * 1e-9 / tm * (math.Exp(-tt/tm) - math.Exp(-tt/te)) / (1/te - 1/tm)
		if math.Abs(v[0]/want-1) > 1e-12 {
			t.Errorf("Rm %g Ω: v(5 ms) = %.15g V, want %.15g V (rel %.2g)", rm, v[0], want, v[0]/want-1)
		}
	}
}

// TestExactUniformFastPath: the fast path for coefficients shared by all
// neurons gives the general per-neuron path's results, including
// refractory neurons whose (unless refractory) variable drives another
// variable (w depends on the frozen v) and a 5-variable system.
func TestExactUniformFastPath(t *testing.T) {
	models := []string{
		"dv/dt = (2 - v)/tau : 1 (unless refractory)\ndw/dt = (v - w)/(3*tau) : 1",
		"dv/dt = (2 + g - v)/tau : 1 (unless refractory)\ndg/dt = -g/(0.5*tau) : 1\ndw/dt = (v - w)/(3*tau) : 1\ndx/dt = (w - x)/(2*tau) : 1\ndy/dt = (x - y + 1)/(4*tau) : 1",
	}
	for _, model := range models {
		run := func(perNeuron bool) [][]float64 {
			m := model + "\ntau : second"
			ns := map[string]any{}
			if !perNeuron {
				m = model
				ns["tau"] = "10*ms"
			}
			g, err := NewNeuronGroup(700, m, NeuronGroupOptions{Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: "exact", Namespace: ns})
			if err != nil {
				t.Fatal(err)
			}
			if perNeuron {
				if err := g.Set("tau", 10e-3); err != nil {
					t.Fatal(err)
				}
			}
			if (g.built.exact.fast != nil) == perNeuron {
				t.Fatalf("perNeuron %v: fast path %v", perNeuron, g.built.exact.fast != nil)
			}
			g.SeedInit(1)
			if err := g.SetExpr("v", "rand()"); err != nil {
				t.Fatal(err)
			}
			net, err := NewNetwork(1e-4, g)
			if err != nil {
				t.Fatal(err)
			}
			if err := net.Run(0.05); err != nil {
				t.Fatal(err)
			}
			var out [][]float64
			for _, x := range g.sys.vars {
				v := must(g.Get(x))(t)
				out = append(out, v)
			}
			return out
		}
		fast, slow := run(false), run(true)
		for r := range fast {
			for i := range fast[r] {
				if math.Abs(fast[r][i]-slow[r][i]) > 1e-13*math.Max(1, math.Abs(slow[r][i])) {
					t.Fatalf("%q: variable %d neuron %d: fast %.17g, general %.17g", model, r, i, fast[r][i], slow[r][i])
				}
			}
		}
	}
}

// TestIntegratorRegistry: every registered name and alias resolves, an
// unknown one is refused with the registry's list, and the automatic
// choice follows Brian2 (exact, else euler, else heun).
func TestIntegratorRegistry(t *testing.T) {
	for _, name := range IntegrationMethods() {
		if _, err := lookupIntegrator(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := lookupIntegrator("rk45"); err == nil || !strings.Contains(err.Error(), strings.Join(IntegrationMethods(), ", ")) {
		t.Errorf("rk45: %v", err)
	}
	for _, c := range []struct{ model, method, want string }{
		{"dv/dt = -v/(10*ms) : 1", "", MethodExact},
		{"dv/dt = -v/(10*ms) : 1", "linear", MethodExact},
		{"dv/dt = -v**2/(10*ms) : 1", "", MethodEuler},
		{"dv/dt = -v/(10*ms) + xi/sqrt(10*ms) : 1", "", MethodEuler},
		{"dv/dt = -v/(10*ms) + v*xi/sqrt(10*ms) : 1", "", MethodHeun},
		{"dv/dt = -v/(10*ms) : 1", "rk4", MethodRK4},
	} {
		g, err := NewNeuronGroup(1, c.model, NeuronGroupOptions{Method: c.method})
		if err != nil {
			t.Fatal(err)
		}
		if g.Method() != c.want {
			t.Errorf("%q with %q: method %s, want %s", c.model, c.method, g.Method(), c.want)
		}
	}
}
