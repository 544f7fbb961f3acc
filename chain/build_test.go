package chain

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// param returns a case parameter as JSON text.
func param(t *testing.T, c *refdata.Case, name string) string {
	t.Helper()
	v, err := c.Get("parameters", name, "value")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// runCase builds the chain on the case's input and compares with its output
// at the case's suggested tolerance.
func runCase(t *testing.T, name string, chainFor func(c *refdata.Case) string) {
	t.Helper()
	c, err := refdata.Load("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	src, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	text := chainFor(c)
	spec, err := ParseBytes([]byte(text))
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	g, err := spec.Build(src)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	got, err := sound.ReadAll(g.Output, 32)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(got.Data()); err != nil {
		t.Fatal(err)
	}
}

// TestReferenceChains writes each brian2hears reference script as a chain
// file, line by line, and checks the output against brian2hears'.
func TestReferenceChains(t *testing.T) {
	cases := map[string]func(c *refdata.Case) string{
		"gammatone_click_32ch": func(c *refdata.Case) string {
			return `{"samplerate": 44100, "nodes": [{"class": "Gammatone", "cf": {"erbspace": [100, 8000, 32]}, "b": 1.019}]}`
		},
		"lowpass_1st_order": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "LowPass", "fc": %s}]}`, param(t, c, "fc"))
		},
		"cascade_lowpass_x4": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "LowPass", "name": "lp", "fc": %s},
				{"class": "Cascade", "source": "input", "filterbank": "lp", "n": 4}]}`, param(t, c, "fc"))
		},
		"butterworth_lowpass_order2": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "Butterworth", "nchannels": 20, "order": 2, "fc": {"linspace": [200, 1000, 20]}, "btype": "low"}]}`
		},
		"butterworth_bandpass_order2": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "Butterworth", "nchannels": 20, "order": 2, "fc": %s, "btype": "bandpass"}]}`, param(t, c, "fc"))
		},
		"iir_cheby1_low": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "IIRFilterbank", "nchannels": 20, "passband": %s, "stopband": %s,
				"gpass": 1, "gstop": 10, "btype": "low", "ftype": "cheby1"}]}`, param(t, c, "passband"), param(t, c, "stopband"))
		},
		"iir_butter_bandpass": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "IIRFilterbank", "nchannels": 4, "passband": %s, "stopband": %s,
				"gpass": 3, "gstop": 20, "btype": "bandpass", "ftype": "butter"}]}`, param(t, c, "passband"), param(t, c, "stopband"))
		},
		"middle_ear_click": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "MiddleEar"}]}`
		},
		"approximate_gammatone_order4": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "ApproximateGammatone", "cf": %s, "bandwidth": %s, "order": 4}]}`, param(t, c, "cf"), param(t, c, "bandwidth"))
		},
		"loggammachirp_click": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "LogGammachirp", "f": {"erbspace": [100, 4000, 20]}, "b": 1.81, "c": -2.96}]}`
		},
		"asymmetric_compensation": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "AsymmetricCompensation", "f": {"erbspace": [200, 4000, 20]}, "b": 2.17, "c": 2.2}]}`
		},
		"lineargammachirp_10ch": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "LinearGammachirp", "f": {"erbspace": [100, 1000, 10]}, "time_constant": %s, "c": 0}]}`, param(t, c, "time_constant"))
		},
		"lineargaborchirp_10ch": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "LinearGaborchirp", "f": {"erbspace": [100, 1000, 10]}, "time_constant": %s, "c": 0}]}`, param(t, c, "time_constant"))
		},
		"fir_mono_replicated": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "FIRFilterbank", "impulse_response": %s}]}`, transposedCSV(t, c, "impulse_response.csv"))
		},
		"fir_stereo": func(c *refdata.Case) string {
			return fmt.Sprintf(`{"nodes": [{"class": "FIRFilterbank", "impulse_response": %s}]}`, transposedCSV(t, c, "impulse_response.csv"))
		},
		"function_filterbank_rectify_cuberoot": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"}]}`
		},
		// The restructuring cases split one 8-column input into the sources
		// X (columns 0-2), Y (3-4) and Z (5-7), as their Python code does.
		"restructure_repeat":       restructure(`{"class": "Repeat", "source": "X", "numrepeat": 3}`),
		"restructure_tile":         restructure(`{"class": "Tile", "source": "X", "numtile": 2}`),
		"restructure_join":         restructure(`{"class": "Join", "source": ["X", "Y"]}`),
		"restructure_interleave":   restructure(`{"class": "Interleave", "source": ["X", "Z"]}`),
		"restructure_indexmapping": restructure(`{"class": "RestructureFilterbank", "source": "X", "indexmapping": [2, 0, 0, 1]}`),
		"drnl_human_20ch": func(c *refdata.Case) string {
			return `{"samplerate": 50000, "nodes": [{"class": "DRNL", "cf": {"erbspace": [100, 1000, 20]}, "type": "human"}]}`
		},
		"dcgc_20ch_ui1": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "DCGC", "cf": {"erbspace": [100, 1000, 20]}, "update_interval": 1}]}`
		},
		"tancarney_cf1k_40_80dB": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "MiddleEar"}, {"class": "TanCarney", "cf": [1000, 1000], "update_interval": 1}]}`
		},
		"zhang_synapse_rate_cf1k_40_80dB": func(c *refdata.Case) string {
			return `{"nodes": [{"class": "MiddleEar"}, {"class": "TanCarney", "cf": [1000, 1000]},
				{"class": "ZhangSynapseRate", "CF": [1000, 1000]}]}`
		},
		"sum_filterbank_weights": func(c *refdata.Case) string {
			return `{"nodes": [
				{"class": "RestructureFilterbank", "name": "X", "source": "input", "indexmapping": [0, 1, 2]},
				{"class": "RestructureFilterbank", "name": "Z", "source": "input", "indexmapping": [3, 4, 5]},
				{"class": "SumFilterbank", "source": ["X", "Z"], "weights": [1, -1]}]}`
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) { runCase(t, name, f) })
	}
}

// restructure returns a chain that splits the restructure cases' input into
// X, Y and Z and ends with node.
func restructure(node string) func(*refdata.Case) string {
	return func(*refdata.Case) string {
		return `{"nodes": [
			{"class": "RestructureFilterbank", "name": "X", "source": "input", "indexmapping": [0, 1, 2]},
			{"class": "RestructureFilterbank", "name": "Y", "source": "input", "indexmapping": [3, 4]},
			{"class": "RestructureFilterbank", "name": "Z", "source": "input", "indexmapping": [5, 6, 7]},
			` + node + `]}`
	}
}

// transposedCSV returns a taps × channels CSV of the case as JSON rows of
// channels × taps (Brian Hears' impulse_response shape).
func transposedCSV(t *testing.T, c *refdata.Case, name string) string {
	t.Helper()
	cols, err := c.Columns(name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(cols)
	return string(b)
}

func TestBuildErrors(t *testing.T) {
	src, _ := sound.New(make([]float64, 100), 1, 44100)
	cases := []struct{ chain, want string }{
		{`{"samplerate": 16000, "nodes": [{"class": "LowPass", "fc": 10}]}`, "for 16000 Hz but the input runs at 44100 Hz"},
		{`{"nodes": [{"class": "Gamatone", "cf": [100]}]}`, `unknown class "Gamatone" (did you mean "Gammatone"?)`},
		{`{"nodes": [{"class": "Gammatone", "cf": [100], "bw": 3}]}`, `node 0 (Gammatone): unknown key "bw"`},
		{`{"nodes": [{"class": "Gammatone"}]}`, `key "cf": missing`},
		{`{"nodes": [{"class": "LowPass", "fc": "ten"}]}`, `node 0 (LowPass): key "fc": expected a number`},
		{`{"nodes": [{"class": "Butterworth", "nchannels": 2, "order": 2, "fc": [100, 200, 300], "btype": "bandpass"}]}`, "pair [low, high]"},
		{`{"nodes": [{"class": "Butterworth", "nchannels": 2, "order": 2, "fc": 100, "btype": "sideways"}]}`, `key "btype"`},
		{`{"nodes": [{"class": "IIRFilterbank", "nchannels": 1, "passband": 100, "stopband": 200, "gpass": 1, "gstop": 10, "ftype": "cheby9"}]}`, `key "ftype"`},
		{`{"nodes": [{"class": "Cascade", "filterbank": "nope", "n": 2}]}`, `no earlier node is named "nope"`},
		{`{"nodes": [{"class": "Cascade", "filterbank": "x", "n": 0}]}`, `key "n"`},
		{`{"nodes": [{"class": "LowPass", "fc": 1e6}]}`, "node 0 (LowPass)"},
		{`{"nodes": [{"class": "Gammatone", "cf": [100, 200]}, {"class": "LowPass", "fc": [1, 2, 3]}]}`, "node 1 (LowPass)"},
		{`{"nodes": [{"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)^(1/3)"}]}`, "node 0 (FunctionFilterbank)"},
		{`{"nodes": [{"class": "FunctionFilterbank"}]}`, `key "expr": missing`},
		{`{"nodes": [{"class": "DRNL", "cf": [500], "type": "cat"}]}`, `key "type"`},
		{`{"nodes": [{"class": "DRNL", "cf": [500], "param": {"c_p9": 1}}]}`, `c_p9`},
		{`{"nodes": [{"class": "DCGC", "cf": [500]}]}`, `key "update_interval"`},
		{`{"nodes": [{"class": "TanCarney", "cf": [500], "update_interval": 0}]}`, `key "update_interval": expected a whole number from 1`},
		{`{"nodes": [{"class": "TanCarney", "cf": [500], "param": {"nlgain": 2}}]}`, `nlgain`},
		{`{"nodes": [{"class": "ZhangSynapseRate", "CF": [500], "params": {"spont": [1, 2]}}]}`, `"spont" takes one number`},
		{`{"nodes": [{"class": "RestructureFilterbank", "type": "zigzag"}]}`, `key "type"`},
		{`{"nodes": [{"class": "SumFilterbank", "source": ["input", "input"], "weights": [1, 2, 3]}]}`, "node 0 (SumFilterbank)"},
	}
	wantBuildErrors(t, src, cases)
}

// TestClassesSorted checks the class listing used in help texts.
func TestClassesSorted(t *testing.T) {
	names := Classes()
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Fatalf("Classes not sorted: %v", names)
		}
	}
}

// TestEveryClassDocumented keeps docs/chains.md and the class table in step:
// every class has a section, and every example in the document builds (on a
// mono input, with the source names the examples use defined first).
func TestEveryClassDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/chains.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, name := range Classes() {
		if !strings.Contains(text, "\n#### "+name+"\n") {
			t.Errorf("docs/chains.md has no section for %s", name)
		}
	}
	prelude := `{"class": "DoNothingFilterbank", "name": "left", "source": "input"},
		{"class": "DoNothingFilterbank", "name": "right", "source": "input"},
		{"class": "Repeat", "name": "X", "source": "input", "numrepeat": 3},
		{"class": "Repeat", "name": "Z", "source": "input", "numrepeat": 3},
		{"class": "DoNothingFilterbank", "source": "input"},`
	src, _ := sound.New(make([]float64, 4410), 1, 44100)
	examples := 0
	for _, p := range strings.Split(text, "```json\n")[1:] {
		nodes := strings.TrimSpace(p[:strings.Index(p, "```")])
		if strings.Contains(nodes, `"nodes"`) {
			nodes = `{"class": "DoNothingFilterbank"}` // the whole-file example is parsed below
			if _, err := ParseBytes([]byte(p[:strings.Index(p, "```")])); err != nil {
				t.Errorf("whole-file example: %v", err)
			}
		}
		spec, err := ParseBytes([]byte(`{"nodes": [` + prelude + nodes + `]}`))
		if err == nil {
			_, err = spec.Build(src)
		}
		if err != nil {
			t.Errorf("example %s: %v", nodes, err)
		}
		examples++
	}
	if examples < len(Classes()) {
		t.Errorf("%d examples for %d classes", examples, len(Classes()))
	}
}

// TestBuildSizeLimits checks that counts too large to hold in memory are
// errors naming the node and key, before anything is allocated (each of
// these exhausted memory or panicked before the limits).
func TestBuildSizeLimits(t *testing.T) {
	src, _ := sound.New(make([]float64, 100), 1, 44100)
	cases := []struct{ chain, want string }{
		{`{"nodes": [{"class": "Gammatone", "cf": {"erbspace": [20, 20000, 1e9]}}]}`, `key "cf"`},
		{`{"nodes": [{"class": "Gammatone", "cf": {"erbspace": [20, 20000, 1000000]}}]}`, `key "cf"`},
		{`{"nodes": [{"class": "Repeat", "numrepeat": 2147483648}]}`, `key "numrepeat"`},
		{`{"nodes": [{"class": "Repeat", "numrepeat": 100000000}]}`, `key "numrepeat"`},
		{`{"nodes": [{"class": "Repeat", "source": ["input"], "numrepeat": 65536}, {"class": "Repeat", "numrepeat": 2}]}`, `node 1 (Repeat): key "numrepeat"`},
		{`{"nodes": [{"class": "Tile", "numtile": 100000000}]}`, `key "numtile"`},
		{`{"nodes": [{"class": "RestructureFilterbank", "numrepeat": 100000000, "numtile": 100000000}]}`, `key "numrepeat"`},
		{`{"nodes": [{"class": "RestructureFilterbank", "numrepeat": 65536, "numtile": 65536}]}`, `key "numrepeat"`},
		{`{"nodes": [{"class": "RestructureFilterbank", "indexmapping": {"linspace": [0, 0, 1000000]}}]}`, `key "indexmapping"`},
		{`{"nodes": [{"class": "FractionalDelay", "delays": [0.001], "filter_length": 2147483647}]}`, `key "filter_length"`},
		{`{"nodes": [{"class": "FractionalDelay", "delays": {"linspace": [0, 0.001, 60000]}, "filter_length": 60000}]}`, `key "filter_length"`},
		{`{"nodes": [{"class": "LogGammachirp", "f": [1000], "ncascades": 2147483647}]}`, `key "ncascades"`},
		{`{"nodes": [{"class": "AsymmetricCompensation", "f": [1000], "ncascades": 100000}]}`, `key "ncascades"`},
		{`{"nodes": [{"class": "ApproximateGammatone", "cf": [1000], "bandwidth": [100], "order": 2147483647}]}`, `key "order"`},
		{`{"nodes": [{"class": "Butterworth", "nchannels": 100000000, "order": 2, "fc": 1000}]}`, `key "nchannels"`},
		{`{"nodes": [{"class": "IIRFilterbank", "nchannels": 100000000, "passband": 100, "stopband": 200, "gpass": 1, "gstop": 10}]}`, `key "nchannels"`},
		{`{"nodes": [{"class": "LowPass", "name": "lp", "fc": 100}, {"class": "Cascade", "filterbank": "lp", "n": 2147483647}]}`, `node 1 (Cascade): key "n"`},
		{`{"nodes": [{"class": "Gammatone", "name": "g", "cf": {"erbspace": [20, 20000, 30000]}}, {"class": "Cascade", "filterbank": "g", "n": 1000}]}`, `node 1 (Cascade): key "n"`},
		// Within each node's limit, but not all together.
		{`{"nodes": [{"class": "Gammatone", "cf": {"erbspace": [20, 20000, 40000]}}, {"class": "LowPass", "fc": 10}]}`, "node 1 (LowPass): the chain would have 80000 channels"},
	}
	wantBuildErrors(t, src, cases)
}

// TestBuildUnknownSource checks a Spec built by hand (not by Parse) whose
// node names a source that does not exist.
func TestBuildUnknownSource(t *testing.T) {
	src, _ := sound.New(make([]float64, 100), 1, 44100)
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "DoNothingFilterbank"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	spec.Nodes[0].Sources = []string{"nowhere"}
	if _, err := spec.Build(src); err == nil || !strings.Contains(err.Error(), `source "nowhere"`) {
		t.Fatalf("error %v, want one naming the source", err)
	}
}

// FuzzBuild parses and builds small chain files on a short stereo input and
// reads a block: whatever the file, the answer is a chain or an error, never
// a panic.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		`{"nodes": [{"class": "Gammatone", "cf": {"erbspace": [100, 8000, 4]}}, {"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"}, {"class": "LowPass", "fc": 10}]}`,
		`{"nodes": [{"class": "LowPass", "name": "lp", "fc": 100}, {"class": "Cascade", "filterbank": "lp", "n": 3, "source": "input"}]}`,
		`{"nodes": [{"class": "Repeat", "name": "r", "numrepeat": 2}, {"class": "Join", "source": ["r", "input"]}, {"class": "Tile", "numtile": 3}]}`,
		`{"nodes": [{"class": "Butterworth", "nchannels": 2, "order": 2, "fc": [100, 200], "btype": "bandpass"}]}`,
		`{"nodes": [{"class": "IIRFilterbank", "nchannels": 1, "passband": 100, "stopband": 200, "gpass": 1, "gstop": 10, "ftype": "ellip"}]}`,
		`{"nodes": [{"class": "LinearFilterbank", "b": [[[1], [0.5]]], "a": [[[1], [-0.5]]]}, {"class": "FIRFilterbank", "impulse_response": [[1, 0.5]]}]}`,
		`{"nodes": [{"class": "FractionalDelay", "delays": [0.0001, 0.0002]}, {"class": "SumFilterbank", "source": ["input", "input"], "weights": [1, -1]}]}`,
		`{"nodes": [{"class": "LinearGammachirp", "f": [1000], "time_constant": [0.001]}, {"class": "RestructureFilterbank", "indexmapping": [0, 0]}]}`,
		`{"nodes": [{"class": "ApproximateGammatone", "cf": [1000], "bandwidth": [100], "order": 3}, {"class": "MiddleEar"}]}`,
		`{"nodes": [{"class": "LogGammachirp", "f": [500, 1000]}, {"class": "AsymmetricCompensation", "f": [500, 1000]}, {"class": "Interleave", "source": ["input", "input"]}]}`,
		`{"nodes": [{"class": "DRNL", "cf": {"erbspace": [100, 1000, 9]}, "type": "guinea pig", "param": {"c_p0": -0.1, "order_nonlinear": 3}}]}`,
		`{"nodes": [{"class": "DCGC", "cf": [500, 1000], "update_interval": 2}]}`,
		`{"nodes": [{"class": "MiddleEar"}, {"class": "TanCarney", "cf": [1000, 2000], "update_interval": 1}, {"class": "ZhangSynapseRate", "CF": [1000, 2000]}]}`,
		`{"nodes": [{"class": "CARFAC", "output": "agc", "ihc_style": "one_cap", "param": {"decimation": [4, 2], "time_constants": [0.002, 0.008], "agc1_scales": [1, 1.4], "agc2_scales": [1.6, 2.3]}}]}`,
	} {
		f.Add([]byte(s))
	}
	in, _ := sound.New(make([]float64, 2*64), 2, 16000)
	in.Data()[0] = 1
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		spec, err := ParseBytes(data)
		if err != nil {
			return
		}
		g, err := spec.Build(in)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "chain: ") {
				t.Fatalf("error without the chain prefix: %v", err)
			}
			return
		}
		if g.Output.NumChannels() <= 0 || g.Output.NumChannels() > MaxChannels {
			t.Fatalf("output of %d channels", g.Output.NumChannels())
		}
		b, err := g.Output.Fetch(0, 16)
		if err == nil && len(b) != 16*g.Output.NumChannels() {
			t.Fatalf("block of %d values for 16 frames × %d channels", len(b), g.Output.NumChannels())
		}
	})
}

// TestBuildSilentValues: values that a bank would silently misread are
// errors naming the key.
func TestBuildSilentValues(t *testing.T) {
	src, _ := sound.New(make([]float64, 100), 1, 44100)
	wantBuildErrors(t, src, []struct{ chain, want string }{
		{`{"nodes": [{"class": "LinearFilterbank", "b": [[[1]]], "a": [[[0]]]}]}`, `key "a": a[0][0][0] = 0`},
		{`{"nodes": [{"class": "LinearFilterbank", "b": [[[1, 1], [0.5, 0.5]]], "a": [[[1, 2], [0.1, 0.1]]]}]}`, `a[0][0][1] = 2`},
		{`{"nodes": [{"class": "RestructureFilterbank", "indexmapping": [1e300]}]}`, `key "indexmapping": element 0`},
	})
}

// wantBuildErrors parses and builds each chain on src and checks that it
// fails with an error containing want.
func wantBuildErrors(t *testing.T, src sound.Source, cases []struct{ chain, want string }) {
	t.Helper()
	for _, c := range cases {
		spec, err := ParseBytes([]byte(c.chain))
		if err == nil {
			_, err = spec.Build(src)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n  error %v\n  want it to contain %q", c.chain, err, c.want)
		}
	}
}

// TestModelParamsApply checks that a param override reaches the model.
func TestModelParamsApply(t *testing.T) {
	tone, err := sound.Tone(1000, 0.01, sound.WithRate(50000))
	if err != nil {
		t.Fatal(err)
	}
	tone = tone.Scale(0.02) // 57 dB SPL
	run := func(chain string) []float64 {
		spec, err := ParseBytes([]byte(chain))
		if err != nil {
			t.Fatal(err)
		}
		g, err := spec.Build(tone)
		if err != nil {
			t.Fatal(err)
		}
		out, err := sound.ReadAll(g.Output, 0)
		if err != nil {
			t.Fatal(err)
		}
		return out.Data()
	}
	for _, c := range [][2]string{
		{`{"nodes": [{"class": "DRNL", "cf": [1000]}]}`, `{"nodes": [{"class": "DRNL", "cf": [1000], "param": {"c_p0": -0.5}}]}`},
		{`{"nodes": [{"class": "DRNL", "cf": [1000]}]}`, `{"nodes": [{"class": "DRNL", "cf": [1000], "type": "human paper"}]}`},
		{`{"nodes": [{"class": "TanCarney", "cf": [1000]}]}`, `{"nodes": [{"class": "TanCarney", "cf": [1000], "param": {"fc_LP_control": 400}}]}`},
		{`{"nodes": [{"class": "DCGC", "cf": [1000], "update_interval": 1}]}`, `{"nodes": [{"class": "DCGC", "cf": [1000], "update_interval": 1, "param": {"c2": 1.5}}]}`},
		{`{"nodes": [{"class": "ZhangSynapseRate", "CF": [1000]}]}`, `{"nodes": [{"class": "ZhangSynapseRate", "CF": [1000], "params": {"spont": 5}}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "output": "bm"}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "ihc_style": "one_cap"}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "version": "v1"}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "param": {"open_loop": 1}}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "param": {"ohc_health": 0.5}}]}`},
		{`{"nodes": [{"class": "CARFAC"}]}`, `{"nodes": [{"class": "CARFAC", "param": {"time_constants": [0.004, 0.016, 0.064, 0.256]}}]}`},
	} {
		a, b := run(c[0]), run(c[1])
		same := true
		for i := range a {
			same = same && a[i] == b[i]
		}
		if same {
			t.Errorf("override had no effect: %s", c[1])
		}
	}
}

// TestCARFACClass checks the CARFAC chain class's channels (71 at
// 22050 Hz, two ears ear-major) and that bad values are errors naming the
// key; TestModelParamsApply checks that its keys reach the model.
func TestCARFACClass(t *testing.T) {
	stereo, err := sound.New(make([]float64, 2*100), 2, 22050)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "CARFAC", "output": "agc"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g, err := spec.Build(stereo)
	if err != nil {
		t.Fatal(err)
	}
	if g.Output.NumChannels() != 2*71 {
		t.Errorf("%d channels, want 2 ears × 71", g.Output.NumChannels())
	}
	wantBuildErrors(t, stereo, []struct{ chain, want string }{
		{`{"nodes": [{"class": "CARFAC", "output": "spikes"}]}`, `key "output"`},
		{`{"nodes": [{"class": "CARFAC", "ihc_style": "three_cap"}]}`, `key "ihc_style"`},
		{`{"nodes": [{"class": "CARFAC", "version": 2}]}`, `key "version"`},
		{`{"nodes": [{"class": "CARFAC", "param": {"max_zeta": [1, 2]}}]}`, `max_zeta`},
		{`{"nodes": [{"class": "CARFAC", "param": {"erb_per_step": 1e-9}}]}`, `CARFAC`},
	})
}
