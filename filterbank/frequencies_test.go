package filterbank

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

func TestSetCentreFrequencies(t *testing.T) {
	tone, err := sound.Tone(500, 0.01, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Linear(tone, [][][]float64{{{1}}, {{1}}}, [][][]float64{{{1}}, {{1}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := b.CentreFrequencies(); f != nil {
		t.Fatalf("untuned fan-out reports %v", f)
	}
	for _, bad := range [][]float64{{100}, {100, 0}, {-1, 100}, {100, math.Inf(1)}, {math.NaN(), 1}} {
		if err := b.SetCentreFrequencies(bad); err == nil || !strings.Contains(err.Error(), "centre frequenc") {
			t.Errorf("%v: err = %v", bad, err)
		}
	}
	if err := b.SetCentreFrequencies([]float64{100, 200}); err != nil {
		t.Fatal(err)
	}
	got := b.CentreFrequencies()
	got[0] = 7 // a copy: the bank keeps its own
	if f := b.CentreFrequencies(); !slices.Equal(f, []float64{100, 200}) {
		t.Fatalf("got %v", f)
	}
	if f, ok := b.DeclaredCentreFrequencies(); !ok || !slices.Equal(f, []float64{100, 200}) {
		t.Fatalf("declared %v %v", f, ok)
	}
	// A ControlBank and a CombinedBank report what they pass on.
	ctl, err := Control(b, nil, []int{0}, func([][]float64, []int) error { return nil }, 4)
	if err != nil {
		t.Fatal(err)
	}
	if f := CentreFrequencies(ctl); !slices.Equal(f, []float64{100, 200}) {
		t.Fatalf("control bank: %v", f)
	}
	comb, err := Combined(tone, func(in sound.Source) (sound.Source, error) {
		g, err := Gammatone(in, []float64{300, 600, 1200})
		if err != nil {
			return nil, err
		}
		return Scale(g, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
	if f := comb.CentreFrequencies(); !slices.Equal(f, []float64{300, 600, 1200}) {
		t.Fatalf("combined bank: %v", f)
	}
	// Declaring none overrides what would be derived.
	g, err := Gammatone(tone, []float64{300, 600})
	if err != nil {
		t.Fatal(err)
	}
	lp, err := LowPass(g, 50)
	if err != nil {
		t.Fatal(err)
	}
	if f := lp.CentreFrequencies(); !slices.Equal(f, []float64{300, 600}) {
		t.Fatalf("low-pass of a gammatone: %v", f)
	}
	lp.SetCentreFrequencies(nil)
	if f := lp.CentreFrequencies(); f != nil {
		t.Fatalf("declared none, got %v", f)
	}
	// A time-varying band-pass's centre moves: none.
	tv, err := TimeVaryingBandpass(tone, tone, []float64{1000}, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	if f := CentreFrequencies(tv); f != nil {
		t.Fatalf("time-varying band-pass: %v", f)
	}
	// A sound has none.
	if f := CentreFrequencies(tone); f != nil {
		t.Fatalf("a sound: %v", f)
	}
}

// TestCentreFrequenciesSharedSources walks a graph in which every node
// reads the node before twice: without remembering nodes already seen the
// walk would take 2^60 steps.
func TestCentreFrequenciesSharedSources(t *testing.T) {
	tone, err := sound.Tone(500, 0.01, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	var s sound.Source
	if s, err = Gammatone(tone, []float64{400, 800}); err != nil {
		t.Fatal(err)
	}
	for range 60 {
		if s, err = Sum([]sound.Source{s, s}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if f := CentreFrequencies(s); !slices.Equal(f, []float64{400, 800}) {
		t.Fatalf("got %v", f)
	}
}
