package expr

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gohears/hears/units"
)

// HH tutorial parameters (brian2-reference case hh_tutorial_rk4, SI).
var hhParams = map[string]float64{
	"Cm": 2e-10, "gl": 1e-08, "El": -0.065, "EK": -0.09, "ENa": 0.05,
	"g_na": 2e-05, "g_kd": 6e-06, "VT": -0.063, "dt": 1e-05,
}

type hhState struct{ v, m, n, h float64 }

// hhRHS is the HH tutorial model written by hand from the equations.
func hhRHS(s hhState, I float64) hhState {
	p := hhParams
	am, bm := hhRates("m")
	an, bn := hhRates("n")
	ah, bh := hhRates("h")
	v, VT := s.v, p["VT"]
	return hhState{
		v: (p["gl"]*(p["El"]-v) - p["g_na"]*s.m*s.m*s.m*s.h*(v-p["ENa"]) - p["g_kd"]*s.n*s.n*s.n*s.n*(v-p["EK"]) + I) / p["Cm"],
		m: am(v, VT)*(1-s.m) - bm(v, VT)*s.m,
		n: an(v, VT)*(1-s.n) - bn(v, VT)*s.n,
		h: ah(v, VT)*(1-s.h) - bh(v, VT)*s.h,
	}
}

func (s hhState) axpy(a float64, d hhState) hhState {
	return hhState{s.v + a*d.v, s.m + a*d.m, s.n + a*d.n, s.h + a*d.h}
}

func hhRK4(s hhState, I, dt float64) hhState {
	k1 := hhRHS(s, I)
	k2 := hhRHS(s.axpy(dt/2, k1), I)
	k3 := hhRHS(s.axpy(dt/2, k2), I)
	k4 := hhRHS(s.axpy(dt, k3), I)
	r := s.axpy(dt/6, k1).axpy(dt/3, k2).axpy(dt/3, k3).axpy(dt/6, k4)
	return r
}

func hhExpEuler(s hhState, I, dt float64) hhState {
	p := hhParams
	step := func(x, a, b float64) float64 { return -b/a + (x+b/a)*math.Exp(a*dt) }
	var r hhState
	for _, g := range []struct {
		x    float64
		out  *float64
		gate string
	}{{s.m, &r.m, "m"}, {s.n, &r.n, "n"}, {s.h, &r.h, "h"}} {
		al, be := hhRates(g.gate)
		a, b := al(s.v, p["VT"]), be(s.v, p["VT"])
		*g.out = step(g.x, -(a + b), a)
	}
	m3h, n4 := s.m*s.m*s.m*s.h, s.n*s.n*s.n*s.n
	A := -(p["gl"] + p["g_na"]*m3h + p["g_kd"]*n4) / p["Cm"]
	B := (p["gl"]*p["El"] + p["g_na"]*m3h*p["ENa"] + p["g_kd"]*n4*p["EK"] + I) / p["Cm"]
	r.v = step(s.v, A, B)
	return r
}

// TestBrian2UpdateCodeRuns compiles the update code Brian2 generates for the
// HH tutorial model (rk4 and exponential Euler, copied from the reference
// update_rules.md) with dimension checks on, runs one step over many neurons
// and compares with the same integrators written by hand in Go.
func TestBrian2UpdateCodeRuns(t *testing.T) {
	d := NewDecls().Vector("v", units.DimVoltage()).Vector("m", units.Dimensionless()).
		Vector("n", units.Dimensionless()).Vector("h", units.Dimensionless()).Scalar("I", units.DimCurrent())
	dims := map[string]units.Dim{"Cm": units.DimCapacitance(), "gl": units.DimConductance(), "g_na": units.DimConductance(),
		"g_kd": units.DimConductance(), "El": units.DimVoltage(), "EK": units.DimVoltage(), "ENa": units.DimVoltage(),
		"VT": units.DimVoltage(), "dt": units.DimTime()}
	for k, v := range hhParams {
		d.Constant(k, v, dims[k])
	}
	for _, c := range []struct {
		file string
		step func(hhState, float64, float64) hhState
	}{{"hh_rk4_update.txt", hhRK4}, {"hh_expeuler_update.txt", hhExpEuler}} {
		src, err := os.ReadFile("testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := ParseStatements(string(src))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		prog, err := Compile(stmts, d)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		const N = 2000
		r := rand.New(rand.NewPCG(21, 22))
		st := make([]hhState, N)
		v, m, n, h := make([]float64, N), make([]float64, N), make([]float64, N), make([]float64, N)
		for k := range st {
			for {
				st[k] = hhState{v: (-80 + 120*r.Float64()) * 1e-3, m: r.Float64(), n: r.Float64(), h: r.Float64()}
				// Keep away from the removable singularities of the rate functions.
				if x := st[k].v * 1e3; math.Abs(x+50) > 0.5 && math.Abs(x+23) > 0.5 && math.Abs(x+48) > 0.5 {
					break
				}
			}
			v[k], m[k], n[k], h[k] = st[k].v, st[k].m, st[k].n, st[k].h
		}
		I := 1e-8
		env := &Env{Vectors: map[string][]float64{"v": v, "m": m, "n": n, "h": h}, Scalars: map[string]*float64{"I": &I}}
		if err := prog.Run(env, 0, N); err != nil {
			t.Fatal(err)
		}
		var worst float64
		for k := range st {
			want := c.step(st[k], I, hhParams["dt"])
			for _, q := range [][3]float64{{v[k], want.v, 1e-3}, {m[k], want.m, 1}, {n[k], want.n, 1}, {h[k], want.h, 1}} {
				e := math.Abs(q[0]-q[1]) / (math.Abs(q[1]) + q[2])
				worst = math.Max(worst, e)
				if !(e < 1e-12) {
					t.Fatalf("%s neuron %d (v=%g m=%g n=%g h=%g): got %v want %v", c.file, k, st[k].v, st[k].m, st[k].n, st[k].h, q[0], q[1])
				}
			}
		}
		shared, vector := prog.NumOps()
		t.Logf("%s: %d statements, %d shared + %d vector ops, worst relative difference %.2g", c.file, len(stmts), shared, vector, worst)
	}
}

// BenchmarkHHRK4Compiled runs one RK4 step of the HH tutorial model (Brian2's
// generated update code, 24 statements) over 10,000 neurons.
func BenchmarkHHRK4Compiled(b *testing.B) {
	d := NewDecls().Vector("v", units.DimVoltage()).Vector("m", units.Dimensionless()).
		Vector("n", units.Dimensionless()).Vector("h", units.Dimensionless()).Scalar("I", units.DimCurrent())
	for k, v := range hhParams {
		d.Constant(k, v, units.Dimensionless())
	}
	d.NoUnitCheck = true
	src, err := os.ReadFile("testdata/hh_rk4_update.txt")
	if err != nil {
		b.Fatal(err)
	}
	stmts, err := ParseStatements(string(src))
	if err != nil {
		b.Fatal(err)
	}
	prog, err := Compile(stmts, d)
	if err != nil {
		b.Fatal(err)
	}
	const N = 10000
	v, m, n, h := make([]float64, N), make([]float64, N), make([]float64, N), make([]float64, N)
	I := 1e-8
	env := &Env{Vectors: map[string][]float64{"v": v, "m": m, "n": n, "h": h}, Scalars: map[string]*float64{"I": &I}}
	reset := func() {
		for k := range v {
			v[k], m[k], n[k], h[k] = -0.065+1e-6*float64(k%100), 0.05, 0.3, 0.6
		}
	}
	reset()
	b.ReportAllocs()
	for b.Loop() {
		if err := prog.Run(env, 0, N); err != nil {
			b.Fatal(err)
		}
		if v[0] > 0 || v[0] < -0.1 {
			reset()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/N, "ns/neuron-step")
}
