package expr

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/gohears/hears/units"
)

// TestBrian2UpdateRulesCompile parses and compiles every block of update code
// Brian2 2.5.1 prints for its integrators (testdata/brian2_update_rules.md,
// copied from the reference data) and runs it over a few elements: the
// language covers everything Brian2's code generation emits.
func TestBrian2UpdateRulesCompile(t *testing.T) {
	b, err := os.ReadFile("testdata/brian2_update_rules.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var blocks []string
	var heads []string
	head, inCode, isUpdate := "", false, false
	var cur []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "```") && !inCode:
			inCode, cur = true, nil
		case strings.HasPrefix(l, "```") && inCode:
			inCode = false
			if isUpdate {
				blocks = append(blocks, strings.Join(cur, "\n"))
				heads = append(heads, head)
			}
		case inCode:
			cur = append(cur, l)
		case strings.HasPrefix(l, "## "):
			head, isUpdate = l, false
		case strings.HasPrefix(l, "### "):
			head, isUpdate = head+" / "+l, true
		}
	}
	if len(blocks) < 40 {
		t.Fatalf("only %d update blocks found", len(blocks))
	}
	ta := &Func{NArgs: -1, Vec: func(out []float64, args [][]float64, n int) {
		for k := 0; k < n; k++ {
			out[k] = 0.1 + 0.01*args[0][k]
		}
	}}
	for bi, src := range blocks {
		stmts, err := ParseStatements(src)
		if err != nil {
			t.Errorf("%s: %v", heads[bi], err)
			continue
		}
		d := NewDecls().Func("ta", ta).Index("i").Scalar("t", units.DimTime())
		d.NoUnitCheck = true
		targets := map[string]bool{}
		for _, s := range stmts {
			targets[s.Target] = true
		}
		for _, s := range stmts {
			for _, name := range append([]string{s.Target}, Variables(s.Value)...) {
				if _, ok := d.Vars[name]; ok || strings.HasPrefix(name, "_") {
					continue
				}
				if _, _, isConst, ok := resolveName(name, nil); ok && isConst {
					continue
				}
				switch {
				case IsNoise(name) && targets[name]:
					d.Temp(name, units.Dimensionless())
				case targets[name]:
					d.Vector(name, units.Dimensionless())
				case name == "dt":
					d.Constant(name, 1e-4, units.DimTime())
				default: // parameters: distinct values so that no difference vanishes
					d.Constant(name, 0.01*float64(1+len(d.Vars)), units.Dimensionless())
				}
			}
		}
		prog, err := Compile(stmts, d)
		if err != nil {
			t.Errorf("%s: %v", heads[bi], err)
			continue
		}
		env := &Env{Vectors: map[string][]float64{}, Scalars: map[string]*float64{"t": new(float64)}, Rand: rand.New(rand.NewPCG(1, 2))}
		for name, v := range d.Vars {
			if v.Kind == Vector {
				env.Vectors[name] = []float64{0.01, 0.02, 0.03}
			}
		}
		if err := prog.Run(env, 0, 3); err != nil {
			t.Errorf("%s: %v", heads[bi], err)
		}
	}
	t.Logf("%d update blocks compiled and run", len(blocks))
}
