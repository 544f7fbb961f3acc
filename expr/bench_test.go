package expr

import (
	"math"
	"testing"
	"time"

	"github.com/gohears/hears/units"
)

const benchN = 10000

// BenchmarkHHGatingCompiled runs the compiled HH gating right-hand sides
// (six rates, three derivatives) over 10,000 elements.
func BenchmarkHHGatingCompiled(b *testing.B) {
	stmts, err := ParseStatements(hhGatingSrc)
	if err != nil {
		b.Fatal(err)
	}
	prog, err := Compile(stmts, hhDecls())
	if err != nil {
		b.Fatal(err)
	}
	d := newHH(benchN, 1)
	env := d.env()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := prog.Run(env, 0, benchN); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchN, "ns/element")
}

// BenchmarkHHGatingGo is the same arithmetic hand-written in Go.
func BenchmarkHHGatingGo(b *testing.B) {
	d := newHH(benchN, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hhGatingGo(d.v, d.m, d.n, d.h, d.dm, d.dn, d.dh, d.VT)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchN, "ns/element")
}

// BenchmarkFilterExpr is the function filterbank expression 3*clip(x, 0, inf)**(1/3).
func BenchmarkFilterExpr(b *testing.B) {
	prog, err := CompileExpr(MustParseExpr("3*clip(x, 0, inf)**(1/3)"), NewDecls().Vector("x", units.Dimensionless()))
	if err != nil {
		b.Fatal(err)
	}
	x, out := make([]float64, benchN), make([]float64, benchN)
	for k := range x {
		x[k] = float64(k%100) - 20
	}
	env := &Env{Vectors: map[string][]float64{"x": x}}
	b.ReportAllocs()
	for b.Loop() {
		if err := prog.Eval(env, out, 0, benchN); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHHGatingRatio alternates the compiled program and the hand-written
// Go on the same data, so that machine load affects both alike; it reports
// the ratio of their total times (compiled/Go).
func BenchmarkHHGatingRatio(b *testing.B) {
	stmts, _ := ParseStatements(hhGatingSrc)
	prog, err := Compile(stmts, hhDecls())
	if err != nil {
		b.Fatal(err)
	}
	d := newHH(benchN, 1)
	env := d.env()
	var tc, tg time.Duration
	minC, minG := time.Duration(1<<62), time.Duration(1<<62)
	for b.Loop() {
		t0 := time.Now()
		if err := prog.Run(env, 0, benchN); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		hhGatingGo(d.v, d.m, d.n, d.h, d.dm, d.dn, d.dh, d.VT)
		t2 := time.Now()
		tc += t1.Sub(t0)
		tg += t2.Sub(t1)
		minC, minG = min(minC, t1.Sub(t0)), min(minG, t2.Sub(t1))
	}
	b.ReportMetric(float64(tc)/float64(tg), "compiled/Go")
	// The fastest run of each is least disturbed by other load on the machine.
	b.ReportMetric(float64(minC)/float64(minG), "min-compiled/min-Go")
	b.ReportMetric(float64(minC.Nanoseconds())/benchN, "min-ns/element-compiled")
	b.ReportMetric(float64(minG.Nanoseconds())/benchN, "min-ns/element-Go")
	b.ReportMetric(float64(tc.Nanoseconds())/float64(b.N)/benchN, "ns/element-compiled")
	b.ReportMetric(float64(tg.Nanoseconds())/float64(b.N)/benchN, "ns/element-Go")
}

// BenchmarkFilterRatio alternates the compiled 3*clip(x, 0, inf)**(1/3) with
// the same expression hand-written in Go.
func BenchmarkFilterRatio(b *testing.B) {
	prog, err := CompileExpr(MustParseExpr("3*clip(x, 0, inf)**(1/3)"), NewDecls().Vector("x", units.Dimensionless()))
	if err != nil {
		b.Fatal(err)
	}
	x, out := make([]float64, benchN), make([]float64, benchN)
	for k := range x {
		x[k] = float64(k%100) - 20
	}
	env := &Env{Vectors: map[string][]float64{"x": x}}
	var tc, tg time.Duration
	minC, minG := time.Duration(1<<62), time.Duration(1<<62)
	for b.Loop() {
		t0 := time.Now()
		if err := prog.Eval(env, out, 0, benchN); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		for k, v := range x {
			out[k] = 3 * math.Pow(clip(v, 0, math.Inf(1)), 1.0/3)
		}
		t2 := time.Now()
		tc += t1.Sub(t0)
		tg += t2.Sub(t1)
		minC, minG = min(minC, t1.Sub(t0)), min(minG, t2.Sub(t1))
	}
	b.ReportMetric(float64(tc)/float64(tg), "compiled/Go")
	b.ReportMetric(float64(minC)/float64(minG), "min-compiled/min-Go")
	b.ReportMetric(float64(tc.Nanoseconds())/float64(b.N)/benchN, "ns/element-compiled")
	b.ReportMetric(float64(tg.Nanoseconds())/float64(b.N)/benchN, "ns/element-Go")
}
