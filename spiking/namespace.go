package spiking

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/units"
)

// Namespace values (NeuronGroupOptions.Namespace) name the external
// constants and functions that equations, thresholds and resets use:
//
//	float64 / int           a dimensionless constant
//	units.Quantity          a constant with a dimension
//	string                  a constant expression with units, e.g. "10*ms"
//	*TimedArray             a function ta(t) or ta(t, i)
//	*expr.Func              any Go function of element vectors
//
// Names the model defines itself (variables, parameters, subexpressions)
// take precedence; unit names (mV, ms...) and pi, e, inf need no entry.

// addNamespace declares the namespace entries in d. dtGroup is the step of
// the group (for the TimedArray row rule). It returns the TimedArrays used.
func addNamespace(d *expr.Decls, ns map[string]any, dtGroup float64) (map[string]*TimedArray, error) {
	keys := make([]string, 0, len(ns))
	for k := range ns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tas := map[string]*TimedArray{}
	for _, name := range keys {
		switch v := ns[name].(type) {
		case float64:
			d.Constant(name, v, units.Dimensionless())
		case int:
			d.Constant(name, float64(v), units.Dimensionless())
		case units.Quantity:
			d.Constant(name, v.Value, v.Dim)
		case string:
			q, err := namespaceConstant(ns, name, nil)
			if err != nil {
				return nil, err
			}
			d.Constant(name, q.Value, q.Dim)
		case *TimedArray:
			if v == nil {
				return nil, fmt.Errorf("namespace entry %q is a nil TimedArray", name)
			}
			d.Func(name, v.exprFunc(dtGroup))
			tas[name] = v
		case *expr.Func:
			if v == nil || v.Vec == nil {
				return nil, fmt.Errorf("namespace entry %q is a function without a vector implementation", name)
			}
			d.Func(name, v)
		default:
			return nil, fmt.Errorf("namespace entry %q has unsupported type %T (use float64, units.Quantity, a string like \"10*ms\", *TimedArray or *expr.Func)", name, v)
		}
	}
	return tas, nil
}

// namespaceConstant evaluates the string entry name of ns, a constant
// expression with units that may use other constant entries of ns
// ("tau2": "2*tau"), resolved recursively; visiting holds the entries being
// evaluated, to refuse cycles.
func namespaceConstant(ns map[string]any, name string, visiting []string) (units.Quantity, error) {
	src := ns[name].(string)
	fail := func(err error) (units.Quantity, error) {
		if len(visiting) > 0 {
			return units.Quantity{}, err // the outermost entry names the chain
		}
		return units.Quantity{}, fmt.Errorf("namespace entry %q = %q: %w", name, src, err)
	}
	if slices.Contains(visiting, name) {
		return fail(fmt.Errorf("the entries %s refer to each other in a cycle", strings.Join(append(visiting, name), " -> ")))
	}
	visiting = append(visiting, name)
	n, err := expr.ParseExpr(src)
	if err != nil {
		return fail(err)
	}
	known := map[string]units.Quantity{}
	for _, ref := range expr.Variables(n) {
		v, ok := ns[ref]
		if !ok {
			continue // a unit, pi, e, inf, or an unknown name (constantExpr says which)
		}
		switch v := v.(type) {
		case float64:
			known[ref] = units.Quantity{Value: v, Dim: units.Dimensionless()}
		case int:
			known[ref] = units.Quantity{Value: float64(v), Dim: units.Dimensionless()}
		case units.Quantity:
			known[ref] = v
		case string:
			q, err := namespaceConstant(ns, ref, visiting)
			if err != nil {
				return fail(err)
			}
			known[ref] = q
		default:
			return fail(fmt.Errorf("%q is a function or array, not a constant", ref))
		}
	}
	q, err := constantExprWith(src, known)
	if err != nil {
		return fail(err)
	}
	return q, nil
}

// constantExpr evaluates a constant expression with units ("10*ms").
func constantExpr(src string) (units.Quantity, error) { return constantExprWith(src, nil) }

// constantExprWith evaluates a constant expression with units that may
// use the named constants.
func constantExprWith(src string, known map[string]units.Quantity) (units.Quantity, error) {
	n, err := expr.ParseExpr(src)
	if err != nil {
		return units.Quantity{}, err
	}
	d := expr.NewDecls()
	for name, q := range known {
		d.Constant(name, q.Value, q.Dim)
	}
	p, err := expr.CompileExpr(n, d)
	if err != nil {
		return units.Quantity{}, err
	}
	for _, name := range expr.Variables(n) {
		if _, ok := known[name]; ok {
			continue
		}
		if _, ok := units.Lookup(name); !ok && name != "pi" && name != "e" && name != "inf" {
			return units.Quantity{}, fmt.Errorf("%q is not a constant (it uses %s)", src, name)
		}
	}
	out := make([]float64, 1)
	if err := evalProgram(p, &expr.Env{}, out, 0, 1); err != nil {
		return units.Quantity{}, err
	}
	if math.IsNaN(out[0]) {
		return units.Quantity{}, fmt.Errorf("%q is NaN", src)
	}
	return units.Quantity{Value: out[0], Dim: p.ResultDim()}, nil
}

// exprFunc returns the array as an expression function for a group with
// step dtGroup. The row is computed once per run of equal times (all
// elements of a step share t).
func (ta *TimedArray) exprFunc(dtGroup float64) *expr.Func {
	k, eps := ta.rowRule(dtGroup)
	f := &expr.Func{Result: ta.unit}
	if ta.cols == 1 {
		f.NArgs = 1
		f.ArgDims = []units.Dim{units.DimTime()}
		f.Vec = func(out []float64, args [][]float64, n int) {
			ts := args[0]
			lastT, row := math.NaN(), 0
			for j := 0; j < n; j++ {
				if ts[j] != lastT {
					lastT, row = ts[j], ta.row(ts[j], k, eps)
				}
				out[j] = ta.values[row]
			}
		}
		return f
	}
	f.NArgs = 2
	f.ArgDims = []units.Dim{units.DimTime(), units.Dimensionless()}
	cols := ta.cols
	f.Vec = func(out []float64, args [][]float64, n int) {
		ts, is := args[0], args[1]
		lastT, base := math.NaN(), 0
		for j := 0; j < n; j++ {
			if ts[j] != lastT {
				lastT, base = ts[j], ta.row(ts[j], k, eps)*cols
			}
			c := int(is[j])
			if c < 0 || c >= cols {
				out[j] = math.NaN()
				continue
			}
			out[j] = ta.values[base+c]
		}
	}
	return f
}

// SetUnit sets the unit of the array's values (default dimensionless),
// e.g. units.DimCurrent() for a current in amp.
func (ta *TimedArray) SetUnit(d units.Dim) { ta.unit = d }
