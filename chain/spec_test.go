package chain

import (
	"strings"
	"testing"
)

func TestParseSourcesAndNames(t *testing.T) {
	spec, err := ParseBytes([]byte(`{"samplerate": 16000, "nodes": [
		{"class": "Gammatone", "name": "gt", "cf": [100, 200]},
		{"class": "LowPass", "fc": 10},
		{"class": "SumFilterbank", "source": ["gt", "input"], "weights": [1, -1]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	if spec.SampleRate != 16000 || len(spec.Nodes) != 3 {
		t.Fatalf("got %+v", spec)
	}
	n := spec.Nodes[2]
	if n.Class != "SumFilterbank" || strings.Join(n.Sources, ",") != "gt,input" || strings.Join(n.Keys(), ",") != "weights" {
		t.Fatalf("node 2: %+v keys %v", n, n.Keys())
	}
	if spec.Nodes[0].Name != "gt" || len(spec.Nodes[1].Sources) != 0 {
		t.Fatal("names or default source wrong")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{`[]`, "not a JSON object"},
		{`{"nodes": [{"class": "X"}], "rate": 3}`, `unknown top-level key "rate"`},
		{`{"nodes": []}`, "empty"},
		{`{"samplerate": -3, "nodes": [{"class": "X"}]}`, "positive number of Hz"},
		{`{"nodes": [{"cf": 3}]}`, `node 0 has no "class"`},
		{`{"nodes": [{"class": 3}]}`, "class name string"},
		{`{"nodes": [{"class": "A", "name": "a"}, {"class": "B", "name": "a"}]}`, "already used by node 0"},
		{`{"nodes": [{"class": "A", "source": "later"}, {"class": "B", "name": "later"}]}`, `source "later" is neither`},
		{`{"nodes": [{"class": "A", "source": []}]}`, "non-empty list"},
		{`{"nodes": [{"class": "A", "name": "input"}]}`, "other than \"input\""},
		{"{\n\"nodes\": [\n{\"class\": \"A\",}]}", "line 3"},
		{`{"nodes": [{"class": "A"}]} {}`, "trailing data"},
	}
	for _, c := range cases {
		_, err := ParseBytes([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.in, err, c.want)
		}
	}
}

func TestArgsValueForms(t *testing.T) {
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "X",
		"a": 3, "b": [1, 2], "c": {"linspace": [0, 1, 5]}, "d": {"erbspace": [100, 1000, 4]},
		"e": "txt", "f": 2, "g": [[1, 2], [3]], "h": [[[1, 2]], [[3, 4]]], "p": {"x": 1.5}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var gotLow, gotHigh float64
	var gotN int
	a := newArgs(&spec.Nodes[0], func(lo, hi float64, n int) ([]float64, error) {
		gotLow, gotHigh, gotN = lo, hi, n
		return make([]float64, n), nil
	})
	if v := a.floats("a", true); len(v) != 1 || v[0] != 3 {
		t.Errorf("a: %v", v)
	}
	if v := a.floats("b", true); len(v) != 2 || v[1] != 2 {
		t.Errorf("b: %v", v)
	}
	if v := a.floats("c", true); len(v) != 5 || v[1] != 0.25 || v[4] != 1 {
		t.Errorf("c: %v", v)
	}
	if v := a.floats("d", true); len(v) != 4 || gotLow != 100 || gotHigh != 1000 || gotN != 4 {
		t.Errorf("d: %v (%v %v %v)", v, gotLow, gotHigh, gotN)
	}
	if s := a.str("e", ""); s != "txt" {
		t.Errorf("e: %q", s)
	}
	if n := a.integer("f", 0); n != 2 {
		t.Errorf("f: %d", n)
	}
	if m := a.matrix("g", true); len(m) != 2 || len(m[1]) != 1 {
		t.Errorf("g: %v", m)
	}
	if x := a.tensor3("h", true); len(x) != 2 || x[1][0][1] != 4 {
		t.Errorf("h: %v", x)
	}
	if p := a.paramList("p"); len(p) != 1 || p[0].name != "x" || p[0].v[0] != 1.5 {
		t.Errorf("p: %v", p)
	}
	if d := a.float("absent", 7); d != 7 {
		t.Errorf("default: %v", d)
	}
	if err := a.finish(); err != nil {
		t.Fatal(err)
	}
}

func TestArgsErrorsNameNodeAndKey(t *testing.T) {
	spec, _ := ParseBytes([]byte(`{"nodes": [{"class": "Gammatone", "name": "gt", "cf": "high", "bw": 2}]}`))
	a := newArgs(&spec.Nodes[0], nil)
	a.floats("cf", true)
	err := a.finish()
	if err == nil || !strings.Contains(err.Error(), `node 0 ("gt", Gammatone)`) || !strings.Contains(err.Error(), `key "cf"`) {
		t.Fatalf("bad value error: %v", err)
	}
	a = newArgs(&spec.Nodes[0], nil)
	a.raw("cf", true)
	err = a.finish()
	if err == nil || !strings.Contains(err.Error(), `unknown key "bw"`) || !strings.Contains(err.Error(), `"cf"`) {
		t.Fatalf("unknown key error: %v", err)
	}
	a = newArgs(&spec.Nodes[0], nil)
	a.mustFloat("order")
	if err := a.finish(); err == nil || !strings.Contains(err.Error(), `key "order": missing`) {
		t.Fatalf("missing key error: %v", err)
	}
	for _, bad := range []string{`{"linspace": [0, 1]}`, `{"erbspace": [100, 10, 3]}`, `{"logspace": [1, 2, 3]}`, `[1, "x"]`, `{"linspace": [0, 1, 2.5]}`} {
		spec, err := ParseBytes([]byte(`{"nodes": [{"class": "X", "cf": ` + bad + `}]}`))
		if err != nil {
			t.Fatal(err)
		}
		a := newArgs(&spec.Nodes[0], func(lo, hi float64, n int) ([]float64, error) { return make([]float64, n), nil })
		a.floats("cf", true)
		if a.finish() == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"samplerate": 44100, "nodes": [{"class": "Gammatone", "cf": {"erbspace": [20, 20000, 3000]}}, {"class": "LowPass", "fc": 10, "source": "input"}]}`))
	f.Add([]byte(`{"nodes": [{"class": "A", "name": "a"}, {"class": "B", "source": ["a", "input"]}]}`))
	f.Add([]byte(`{"nodes": [{"class": "A", "cf": {"linspace": [1, 2, 1e9]}}]}`))
	f.Add([]byte("\xef\xbb\xbf{\"nodes\": [{\"class\": \"A\"}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := ParseBytes(data)
		if err != nil {
			return
		}
		for i := range spec.Nodes {
			a := newArgs(&spec.Nodes[i], func(lo, hi float64, n int) ([]float64, error) { return make([]float64, n), nil })
			for _, k := range spec.Nodes[i].Keys() {
				a.floats(k, false)
				a.matrix(k, false)
				a.tensor3(k, false)
				a.paramList(k)
				a.integer(k, 0)
				a.str(k, "")
			}
			_ = a.finish()
		}
	})
}

// TestParseDuplicateKeys: a key given twice in one object is an error with
// its place (encoding/json would keep the last value without a word); the
// same key in different objects is fine.
func TestParseDuplicateKeys(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`{"nodes": [{"class": "LowPass", "fc": 10, "fc": 100}]}`, `line 1, column 47: key "fc" appears twice`},
		{"{\"nodes\": [{\"class\": \"LowPass\", \"fc\": 10}],\n \"nodes\": []}", `line 2, column 9: key "nodes" appears twice`},
		{`{"nodes": [{"class": "X", "cf": {"erbspace": [1, 2, 3], "erbspace": [1, 2, 4]}}]}`, `key "erbspace" appears twice`},
	} {
		if _, err := ParseBytes([]byte(c.text)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.text, err, c.want)
		}
	}
	ok := `{"nodes": [{"class": "LowPass", "name": "a", "fc": [10, 20]}, {"class": "LowPass", "fc": {"linspace": [1, 2, 2]}, "source": ["a"]}], "samplerate": 100}`
	if _, err := ParseBytes([]byte(ok)); err != nil {
		t.Errorf("distinct objects sharing keys: %v", err)
	}
}

func TestNodeFloats(t *testing.T) {
	spec, err := ParseBytes([]byte(`{"nodes": [{"class": "Gammatone", "cf": {"erbspace": [100, 8000, 32]}}, {"class": "LowPass", "fc": "x"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	cf, ok, err := spec.Nodes[0].Floats("cf")
	if err != nil || !ok || len(cf) != 32 || cf[0] < 99.99 || cf[31] > 8000.01 {
		t.Fatalf("cf: %v %v %v", cf, ok, err)
	}
	if _, ok, err := spec.Nodes[0].Floats("b"); ok || err != nil {
		t.Fatalf("absent key: %v %v", ok, err)
	}
	if _, ok, err := spec.Nodes[1].Floats("fc"); !ok || err == nil || !strings.Contains(err.Error(), `node 1 (LowPass): key "fc"`) {
		t.Fatalf("bad value: %v %v", ok, err)
	}
}

// TestParseBOM: a chain file saved with a UTF-8 byte-order mark is accepted
// (RFC 8259 lets a parser ignore it); a mark elsewhere is still an error.
func TestParseBOM(t *testing.T) {
	const doc = `{"nodes":[{"class":"Gammatone","cf":[1000]}]}`
	sp, err := ParseBytes([]byte("\xef\xbb\xbf" + doc))
	if err != nil {
		t.Fatalf("chain file with a byte-order mark: %v", err)
	}
	if len(sp.Nodes) != 1 {
		t.Errorf("%d nodes, want 1", len(sp.Nodes))
	}
	if string(sp.JSON) != doc {
		t.Errorf("JSON = %q, want the text without the mark", sp.JSON)
	}
	if _, err := ParseBytes([]byte(" \xef\xbb\xbf" + doc)); err == nil {
		t.Error("a byte-order mark after a space was accepted")
	}
}

// endless is an io.Reader that never ends, as /dev/zero or a FIFO.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.n += len(p)
	return len(p), nil
}

// TestParseEndlessStream: an endless input is refused after MaxSpecBytes,
// not read until memory runs out.
func TestParseEndlessStream(t *testing.T) {
	r := &endless{}
	_, err := Parse(r)
	if err == nil || !strings.Contains(err.Error(), "larger than the limit") {
		t.Fatalf("endless stream: err = %v, want a size refusal", err)
	}
	if r.n > 2*MaxSpecBytes {
		t.Errorf("read %d bytes of an endless stream", r.n)
	}
}
