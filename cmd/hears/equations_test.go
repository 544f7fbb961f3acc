package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/units"
)

// updateRule is one model of Brian2's update_rules.md: its equations and,
// per method, the code Brian2 2.5.1 prints ("" when not applicable).
type updateRule struct {
	title, eqs string
	code       map[string]string
}

func loadUpdateRules(t *testing.T) []updateRule {
	t.Helper()
	b, err := os.ReadFile("testdata/brian2_update_rules.md")
	if err != nil {
		t.Fatal(err)
	}
	var rules []updateRule
	var cur *updateRule
	method := ""
	lines := strings.Split(string(b), "\n")
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		switch {
		case strings.HasPrefix(l, "## "):
			rules = append(rules, updateRule{title: l[3:], code: map[string]string{}})
			cur, method = &rules[len(rules)-1], ""
		case strings.HasPrefix(l, "### ") && cur != nil:
			method = l[4:]
			cur.code[method] = ""
		case l == "```" && cur != nil:
			var block []string
			for k++; k < len(lines) && lines[k] != "```"; k++ {
				block = append(block, lines[k])
			}
			if method == "" {
				cur.eqs = strings.Join(block, "\n")
			} else {
				cur.code[method] = strings.Join(block, "\n")
			}
		}
	}
	return rules
}

// modelCase gives a model of update_rules.md its parameters (SI, declared
// as per-neuron parameters or as file constants) and ranges of initial
// states.
type modelCase struct {
	prefix string
	params map[string][3]any // name: unit, low, high (SI)
	consts string            // "name = value" lines
	states map[string][2]float64
}

var modelCases = []modelCase{
	{"LIF with one conductance", map[string][3]any{"gL": {"siemens", 5e-9, 20e-9}, "EL": {"volt", -0.075, -0.06}, "Ee": {"volt", -0.01, 0.01}, "C": {"farad", 100e-12, 300e-12}},
		"taue = 5*ms", map[string][2]float64{"v": {-0.08, -0.04}, "ge": {0, 20e-9}}},
	{"LIF with two conductances", map[string][3]any{"gL": {"siemens", 5e-9, 20e-9}, "EL": {"volt", -0.075, -0.06}, "Ee": {"volt", -0.01, 0.01}, "Ei": {"volt", -0.085, -0.07}, "C": {"farad", 100e-12, 300e-12}, "taui": {"second", 8e-3, 12e-3}},
		"taue = 5*ms", map[string][2]float64{"v": {-0.08, -0.04}, "ge": {0, 20e-9}, "gi": {0, 50e-9}}},
	{"CUBA", map[string][3]any{"El": {"volt", -0.05, -0.048}, "taum": {"second", 15e-3, 25e-3}, "taue": {"second", 4e-3, 6e-3}, "taui": {"second", 8e-3, 12e-3}},
		"", map[string][2]float64{"v": {-0.06, -0.05}, "ge": {0, 0.01}, "gi": {-0.02, 0}}},
	{"Hodgkin-Huxley", map[string][3]any{"gl": {"siemens", 5e-9, 15e-9}, "El": {"volt", -0.07, -0.06}, "g_na": {"siemens", 10e-6, 30e-6}, "g_kd": {"siemens", 3e-6, 9e-6}, "Cm": {"farad", 100e-12, 300e-12}},
		"ENa = 50*mV\nEK = -90*mV\nVT = -63*mV", map[string][2]float64{"v": {-0.08, 0.02}, "m": {0, 1}, "n": {0, 1}, "h": {0, 1}, "I": {0, 1e-9}}},
	{"AdEx", map[string][3]any{"gL": {"siemens", 8e-9, 12e-9}, "EL": {"volt", -0.07, -0.058}, "VT": {"volt", -0.052, -0.05}, "DeltaT": {"volt", 1.5e-3, 2.5e-3}, "I": {"amp", 0.0, 500e-12}, "C": {"farad", 100e-12, 200e-12}, "a": {"siemens", -10e-9, 4e-9}, "tauw": {"second", 30e-3, 300e-3}},
		"", map[string][2]float64{"vm": {-0.07, -0.045}, "w": {0, 200e-12}}},
	{"Explicitly time-dependent drive", map[string][3]any{"tau": {"second", 5e-3, 20e-3}, "A": {"hertz", 10.0, 100.0}, "f": {"hertz", 10.0, 200.0}},
		"", map[string][2]float64{"x": {-1, 1}}},
}

// knownDifferences are the model/method pairs where the engine departs
// from Brian2 2.5.1, and why. The test fails when one disappears, so that
// the list stays true.
var knownDifferences = map[string]string{}

// brian2Step runs Brian2's printed update code once over the states and
// parameters given (SI; mV and ms as their values, no unit checks).
func brian2Step(t *testing.T, code string, vecs map[string][]float64, dt float64) {
	t.Helper()
	stmts, err := expr.ParseStatements(code)
	if err != nil {
		t.Fatalf("Brian2 code: %v\n%s", err, code)
	}
	d := expr.NewDecls()
	d.NoUnitCheck = true
	for name := range vecs {
		d.Vector(name, units.Dimensionless())
	}
	d.Constant("dt", dt, units.Dimensionless()).Constant("mV", 1e-3, units.Dimensionless()).Constant("ms", 1e-3, units.Dimensionless())
	d.Constant("t", 0, units.Dimensionless())
	prog, err := expr.Compile(stmts, d)
	if err != nil {
		t.Fatalf("Brian2 code: %v\n%s", err, code)
	}
	n := 0
	for _, v := range vecs {
		n = len(v)
	}
	if err := prog.Run(&expr.Env{Vectors: vecs}, 0, n); err != nil {
		t.Fatal(err)
	}
}

// TestEquationsAgainstBrian2 checks, for every model and method of
// Brian2's update_rules.md (TimedArray and noise cases aside), that (1) the
// update code hears equations prints, run as printed, and (2) the engine's
// own step both give what Brian2's printed code gives from the same
// states, to 1e-9 relative; and that where Brian2 finds a method not
// applicable, so does gohears.
func TestEquationsAgainstBrian2(t *testing.T) {
	rules := loadUpdateRules(t)
	const n, dt = 40, 1e-4
	tested := 0
	for _, mc := range modelCases {
		var rule *updateRule
		for k := range rules {
			if strings.HasPrefix(rules[k].title, mc.prefix) {
				rule = &rules[k]
			}
		}
		if rule == nil {
			t.Fatalf("no section %q in update_rules.md", mc.prefix)
		}
		src := rule.eqs
		for name, p := range mc.params {
			if !strings.Contains(src, "\n"+name+" :") && !strings.HasPrefix(src, name+" :") {
				src += "\n" + name + " : " + p[0].(string)
			}
		}
		src += "\n" + mc.consts
		r := rand.New(rand.NewPCG(7, uint64(len(mc.prefix))))
		init := map[string][]float64{}
		for name, p := range mc.params {
			lo, hi := p[1].(float64), p[2].(float64)
			for range n {
				init[name] = append(init[name], lo+(hi-lo)*r.Float64())
			}
		}
		for name, rg := range mc.states {
			for range n {
				init[name] = append(init[name], rg[0]+(rg[1]-rg[0])*r.Float64())
			}
		}
		for _, method := range []string{"exact", "euler", "rk2", "rk4", "exponential_euler", "heun", "milstein"} {
			want, ok := rule.code[method]
			if !ok {
				t.Fatalf("%s: no %s in update_rules.md", mc.prefix, method)
			}
			text, err := describeModel(src, method, dt)
			if want == "" {
				if err == nil {
					t.Errorf("%s, %s: Brian2 finds the method not applicable, gohears printed\n%s", mc.prefix, method, text)
				}
				continue
			}
			if why, known := knownDifferences[mc.prefix+"/"+method]; known {
				if err == nil {
					t.Errorf("%s, %s: now accepted; remove it from knownDifferences (%s)", mc.prefix, method, why)
				} else {
					t.Logf("%s, %s: known difference from Brian2: %s", mc.prefix, method, why)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s, %s: %v", mc.prefix, method, err)
			}
			// Brian2's code from the initial states.
			ref := map[string][]float64{}
			for k, v := range init {
				ref[k] = append([]float64(nil), v...)
			}
			for _, c := range strings.Split(mc.consts, "\n") {
				if name, val, ok := strings.Cut(c, "="); ok {
					ref[strings.TrimSpace(name)] = repeat(siValue(t, val), n)
				}
			}
			brian2Step(t, want, ref, dt)
			// The engine's step.
			g := buildGroup(t, src, method, dt, init)
			net, err := spiking.NewNetwork(dt, g)
			if err != nil {
				t.Fatal(err)
			}
			if err := net.Run(dt); err != nil {
				t.Fatal(err)
			}
			// The printed code, run as printed (not for exact, which prints
			// its linear system).
			var printed map[string][]float64
			if method != "exact" {
				printed = map[string][]float64{}
				for k, v := range init {
					printed[k] = append([]float64(nil), v...)
				}
				code := stripComments(text)
				stmts, err := expr.ParseStatements(code)
				if err != nil {
					t.Fatalf("%s, %s: printed code does not parse: %v\n%s", mc.prefix, method, err, code)
				}
				d := expr.NewDecls()
				d.NoUnitCheck = true
				for name := range printed {
					d.Vector(name, units.Dimensionless())
				}
				d.Constant("t", 0, units.Dimensionless())
				prog, err := expr.Compile(stmts, d)
				if err != nil {
					t.Fatalf("%s, %s: printed code: %v\n%s", mc.prefix, method, err, code)
				}
				if err := prog.Run(&expr.Env{Vectors: printed}, 0, n); err != nil {
					t.Fatal(err)
				}
			}
			for name := range mc.states {
				got, err := g.Get(name)
				if err != nil {
					t.Fatal(err)
				}
				for k := range n {
					scale := math.Abs(init[name][k]) + math.Abs(ref[name][k]-init[name][k]) + 1e-300
					if e := math.Abs(got[k]-ref[name][k]) / scale; !(e < 1e-9) {
						t.Fatalf("%s, %s: engine %s[%d] = %.15g, Brian2's code %.15g", mc.prefix, method, name, k, got[k], ref[name][k])
					}
					if printed != nil {
						if e := math.Abs(printed[name][k]-ref[name][k]) / scale; !(e < 1e-9) {
							t.Fatalf("%s, %s: printed code gives %s[%d] = %.15g, Brian2's code %.15g\n%s", mc.prefix, method, name, k, printed[name][k], ref[name][k], text)
						}
					}
				}
			}
			tested++
		}
	}
	if tested < 30 {
		t.Errorf("only %d model × method pairs compared", tested)
	}
}

// siValue reads "number*unit" in SI.
func siValue(t *testing.T, s string) float64 {
	t.Helper()
	num, unit, _ := strings.Cut(strings.TrimSpace(s), "*")
	x, err := strconv.ParseFloat(num, 64)
	q, ok := units.Lookup(unit)
	if err != nil || !ok {
		t.Fatalf("constant %q", s)
	}
	return x * q.Value
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for k := range out {
		out[k] = v
	}
	return out
}

func stripComments(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// buildGroup builds n neurons of a model file's text with the values init
// (SI) set.
func buildGroup(t *testing.T, src, method string, dt float64, init map[string][]float64) *spiking.NeuronGroup {
	t.Helper()
	var eqs []string
	ns := map[string]any{}
	for _, l := range strings.Split(src, "\n") {
		if name, val, ok := strings.Cut(l, "="); ok && !strings.Contains(l, ":") {
			ns[strings.TrimSpace(name)] = strings.TrimSpace(val)
			continue
		}
		eqs = append(eqs, l)
	}
	n := 0
	for _, v := range init {
		n = len(v)
	}
	g, err := spiking.NewNeuronGroup(n, strings.Join(eqs, "\n"), spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Dt: dt}, Method: method, Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range init {
		if err := g.Set(name, v...); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestEquationsCommand(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/lif.eqs"
	_ = os.WriteFile(path, []byte("dv/dt = (El - v)/tau : volt  # leak\nEl = -70*mV\ntau = 10*ms\n"), 0o644)
	var out, errOut bytes.Buffer
	if err := equationsCmd([]string{path}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "method: exact (chosen automatically: the equations are linear") || !strings.Contains(s, "dv/dt =") {
		t.Errorf("output:\n%s", s)
	}
	out.Reset()
	if err := equationsCmd([]string{"--method", "euler", path}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "method: euler (requested)") || !strings.Contains(s, "_v = v") {
		t.Errorf("output:\n%s", s)
	}
	out.Reset()
	if err := equationsCmd([]string{path, "--method", "rk4"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "__k_4_v") {
		t.Errorf("flags after the file: %v\n%s", err, out.String())
	}
	// Errors name the line and the term.
	bad := dir + "/bad.eqs"
	_ = os.WriteFile(bad, []byte("El = -70*mV\ndv/dt = (El - v)/tau : volt\n"), 0o644)
	err := equationsCmd([]string{bad}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), `"tau"`) {
		t.Errorf("unknown name: %v", err)
	}
	_ = os.WriteFile(bad, []byte("dv/dt = (El - v)/tau : volt\nEl = -70*mV\ntau = 10*mV\n"), 0o644)
	if err := equationsCmd([]string{bad}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("unit error: %v", err)
	}
	for _, args := range [][]string{{}, {path, path}, {path, "--method", "rk5"}, {path, "--dt", "-1"}, {dir}, {dir + "/none.eqs"}} {
		if err := equationsCmd(args, &out, &errOut); err == nil {
			t.Errorf("%v gave no error", args)
		}
	}
	// Multiplicative noise: heun, with its reason.
	_ = os.WriteFile(path, []byte("dv/dt = -v/tau + v*xi/sqrt(tau) : 1\ntau = 10*ms\n"), 0o644)
	out.Reset()
	if err := equationsCmd([]string{path}, &out, &errOut); err != nil || !strings.Contains(out.String(), "method: heun (chosen automatically: the noise is multiplicative") {
		t.Errorf("multiplicative noise: %v\n%s", err, out.String())
	}
}

func FuzzDescribeModel(f *testing.F) {
	for _, s := range []string{"dv/dt = -v/tau : 1\ntau = 10*ms", "dv/dt = (El - v)/tau : volt\nEl = -70*mV\ntau : second", "x = ", "= 3", "dx/dt = x**x : 1"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, src, method string) {
		if len(src) > 2000 {
			return
		}
		if method != "" && !slices.Contains(equationsMethods, method) {
			method = ""
		}
		_, _ = describeModel(src, method, 1e-4) // must not panic
	})
}

// equationsCmd runs `hears equations args...`; a non-zero exit is an
// error holding what was printed on stderr.
func equationsCmd(args []string, stdout, stderr *bytes.Buffer) error {
	if code := run(append([]string{"equations"}, args...), stdout, stderr); code != 0 {
		return fmt.Errorf("exit %d: %s", code, stderr.String())
	}
	return nil
}
