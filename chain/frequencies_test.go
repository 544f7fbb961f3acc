package chain

import (
	"slices"
	"testing"

	"github.com/gohears/hears/sound"
)

// TestCentreFrequencies builds chains that restructure, select, repeat,
// combine and compress gammatone channels and checks the frequency the
// output reports for every channel against the one it must have.
func TestCentreFrequencies(t *testing.T) {
	tone, err := sound.Tone(1000, 0.01, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	g3 := `{"class": "Gammatone", "name": "g", "cf": [100, 200, 400]}`
	cases := []struct {
		name, nodes string
		want        []float64 // nil: the output's channels have none
	}{
		{"gammatone", g3, []float64{100, 200, 400}},
		{"repeat", g3 + `, {"class": "Repeat", "numrepeat": 2}`, []float64{100, 100, 200, 200, 400, 400}},
		{"tile", g3 + `, {"class": "Tile", "numtile": 2}`, []float64{100, 200, 400, 100, 200, 400}},
		{"select", g3 + `, {"class": "RestructureFilterbank", "indexmapping": [2, 0, 2]}`, []float64{400, 100, 400}},
		{"restructure repeat and tile", g3 + `, {"class": "RestructureFilterbank", "numrepeat": 2, "numtile": 2}`,
			[]float64{100, 100, 200, 200, 400, 400, 100, 100, 200, 200, 400, 400}},
		{"join", g3 + `, {"class": "ApproximateGammatone", "name": "a", "source": "input", "cf": [50, 60], "bandwidth": [10, 10]},
			{"class": "Join", "source": ["g", "a"]}`, []float64{100, 200, 400, 50, 60}},
		{"interleave", g3 + `, {"class": "Gammatone", "name": "h", "source": "input", "cf": [150, 250, 450]},
			{"class": "RestructureFilterbank", "source": ["g", "h"], "type": "interleave"}`, []float64{100, 150, 200, 250, 400, 450}},
		{"function keeps", g3 + `, {"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"}, {"class": "LowPass", "fc": 30}`, []float64{100, 200, 400}},
		{"sum with the mono input keeps", g3 + `, {"class": "SumFilterbank", "source": ["g", "input"]}`, []float64{100, 200, 400}},
		{"sum of equal tunings keeps", g3 + `, {"class": "Gammatone", "name": "h", "source": "input", "cf": [100, 200, 400]},
			{"class": "SumFilterbank", "source": ["g", "h"], "weights": [1, -1]}`, []float64{100, 200, 400}},
		{"sum of different tunings has none", g3 + `, {"class": "Gammatone", "name": "h", "source": "input", "cf": [150, 250, 450]},
			{"class": "SumFilterbank", "source": ["g", "h"]}`, nil},
		{"cascade", g3 + `, {"class": "Cascade", "source": "input", "filterbank": "g", "n": 2}`, []float64{100, 200, 400}},
		{"drnl then select", `{"class": "DRNL", "cf": [250, 500, 1000]}, {"class": "RestructureFilterbank", "indexmapping": [1]}`, []float64{500}},
		{"dcgc", `{"class": "DCGC", "cf": [500, 1000], "update_interval": 4}`, []float64{500, 1000}},
		{"gammachirp", `{"class": "LinearGammachirp", "f": [300, 600], "time_constant": 0.002}, {"class": "Repeat", "numrepeat": 2}`, []float64{300, 300, 600, 600}},
		{"raw input has none", `{"class": "LowPass", "fc": 100}`, nil},
		{"fan-out by untuned filters has none", `{"class": "FIRFilterbank", "impulse_response": [[1, 0], [0, 1]]}`, nil},
		{"join with the raw input has none", g3 + `, {"class": "Join", "source": ["g", "input"]}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := `{"nodes": [` + c.nodes + `]}`
			spec, err := ParseBytes([]byte(text))
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			g, err := spec.Build(tone)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			got := g.CentreFrequencies()
			if !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
				t.Fatalf("%s: centre frequencies %v, want %v", text, got, c.want)
			}
			if n := g.Output.NumChannels(); got != nil && len(got) != n {
				t.Fatalf("%d frequencies for %d channels", len(got), n)
			}
		})
	}
}

// TestNodeCentreFrequencies checks every node's list, not only the
// output's.
func TestNodeCentreFrequencies(t *testing.T) {
	tone, err := sound.Tone(1000, 0.01, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "Gammatone", "cf": [300, 900]}, {"class": "Tile", "numtile": 2}, {"class": "FIRFilterbank", "impulse_response": [[1]]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g, err := spec.Build(tone)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{300, 900}, {300, 900, 300, 900}, {300, 900, 300, 900}}
	for i, w := range want {
		if got := g.NodeCentreFrequencies(i); !slices.Equal(got, w) {
			t.Errorf("node %d: %v, want %v", i, got, w)
		}
	}
	if g.NodeCentreFrequencies(3) != nil || g.NodeCentreFrequencies(-1) != nil {
		t.Error("a node that does not exist has frequencies")
	}
}
