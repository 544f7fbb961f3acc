package refdata

import (
	"math"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	tol := Tolerance{Rtol: 1e-9, Atol: 1e-12}
	want := []float64{1, -2, 0, 1e-3}
	if _, err := Compare([]float64{1 + 5e-10, -2, 5e-13, 1e-3}, want, tol); err != nil {
		t.Fatalf("within tolerance: %v", err)
	}
	m, err := Compare([]float64{1, -2, 2e-12, 1e-3}, want, tol)
	if err == nil || m.Index != 2 || !strings.Contains(err.Error(), "element 2") {
		t.Fatalf("outside atol: %+v %v", m, err)
	}
	if _, err := Compare([]float64{1, -2 * (1 + 2e-9), 0, 1e-3}, want, tol); err == nil {
		t.Fatal("outside rtol accepted")
	}
	if _, err := Compare([]float64{math.NaN(), -2, 0, 1e-3}, want, tol); err == nil {
		t.Fatal("NaN accepted")
	}
	// A NaN in the reference, or got and reference both infinite (their
	// difference is NaN), used to pass whatever got was.
	if _, err := Compare([]float64{5, -2, 0, 1e-3}, []float64{math.NaN(), -2, 0, 1e-3}, tol); err == nil {
		t.Error("NaN reference accepted")
	}
	if _, err := Compare([]float64{math.Inf(1), 1}, []float64{math.Inf(1), 1}, tol); err != nil {
		t.Errorf("equal infinities: %v", err)
	}
	if _, err := Compare([]float64{math.Inf(-1), 1}, []float64{math.Inf(1), 1}, tol); err == nil {
		t.Error("opposite infinities accepted")
	}
	if _, err := Compare([]float64{3, 1}, []float64{math.Inf(1), 1}, tol); err == nil {
		t.Error("a finite value accepted against an infinite reference")
	}
	if _, err := Compare(want[:3], want, tol); err == nil {
		t.Fatal("length mismatch accepted")
	}
	if _, err := Compare([]float64{1, -2, 1e-300, 1e-3}, want, Tolerance{}); err == nil {
		t.Fatal("exact comparison accepted a difference")
	}
}

func TestCaseAccessors(t *testing.T) {
	c, err := Load("../../testdata/fir_stereo")
	if err != nil {
		t.Fatal(err)
	}
	in, err := c.Input()
	if err != nil || in.NumChannels() != 2 || in.SampleRate() != 20000 {
		t.Fatalf("input: %v %v", in, err)
	}
	out, nc, err := c.Output()
	if err != nil || nc != 2 || len(out) != 2*in.NumFrames() {
		t.Fatalf("output: %d values, %d columns, %v", len(out), nc, err)
	}
	if _, err := c.Check(out); err != nil {
		t.Fatalf("output against itself: %v", err)
	}
	out[7] += 1
	if _, err := c.Check(out); err == nil || !strings.Contains(err.Error(), "fir_stereo") {
		t.Fatalf("perturbed output: %v", err)
	}
	cols, err := c.Columns("impulse_response.csv")
	if err != nil || len(cols) != 2 || len(cols[0]) != 64 {
		t.Fatalf("columns: %d %v", len(cols), err)
	}
	if v, err := c.Floats("parameters", "nonexistent"); err == nil {
		t.Fatalf("missing key gave %v", v)
	}
}
