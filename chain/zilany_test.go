package chain

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/anf"
	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/sound"
)

// TestZilany2014Class checks that the chain class builds the same model as
// anf.Zilany2014 with the parameters it names, and that bad values are
// errors naming the key.
func TestZilany2014Class(t *testing.T) {
	x := make([]float64, 3000)
	for i := range x {
		x[i] = 0.02 * math.Sin(2*math.Pi*1000*float64(i)/100e3)
	}
	src, err := sound.New(x, 1, 100e3)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "Zilany2014", "cf": [800, 1200], "species": 2, "cohc": 0.5, "cihc": 0.8, "fiberType": 2, "output": "synout"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g, err := spec.Build(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sound.ReadAll(g.Output, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ip := cochlea.ZilanyParams{Species: cochlea.ZilanyHumanShera, COHC: 0.5, CIHC: 0.8}
	sp := anf.ZilanySynapseParams{Fiber: anf.ZilanyMediumSpont}
	b, err := anf.Zilany2014(src, []float64{800, 1200}, ip, sp, anf.ZilanySynOut)
	if err != nil {
		t.Fatal(err)
	}
	want, err := sound.ReadAll(b, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range want.Data() {
		if got.Data()[i] != v {
			t.Fatalf("sample %d: chain %v, anf.Zilany2014 %v", i, got.Data()[i], v)
		}
	}
	for _, c := range []struct{ node, msg string }{
		{`{"class": "Zilany2014", "cf": [1000], "output": "rate"}`, `"output"`},
		{`{"class": "Zilany2014", "cf": [1000], "species": 4}`, `"species"`},
		{`{"class": "Zilany2014", "cf": [1000], "cohc": 2}`, `cohc`},
		{`{"class": "Zilany2014", "cf": [50]}`, `cf[0] = 50 Hz`},
	} {
		spec, err := ParseBytes([]byte(`{"nodes": [` + c.node + `]}`))
		if err == nil {
			_, err = spec.Build(src)
		}
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one naming %s", c.node, err, c.msg)
		}
	}
}
