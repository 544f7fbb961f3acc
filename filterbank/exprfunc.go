package filterbank

import (
	"fmt"
	"strconv"

	"github.com/gohears/hears/expr"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/units"
)

// ExprKernel evaluates a compiled text expression sample by sample: the
// kernel of ExprFunction.
type ExprKernel struct {
	nc    int
	text  string
	names []string // the variable bound to each input
	alias bool     // one input, bound to both x and x0
	prog  *expr.Program
	env   expr.Env
}

// NumChannels implements Kernel.
func (k *ExprKernel) NumChannels() int { return k.nc }

// Reset implements Kernel (no state).
func (k *ExprKernel) Reset() {}

// Expression returns the expression text.
func (k *ExprKernel) Expression() string { return k.text }

// Process implements Kernel.
func (k *ExprKernel) Process(out []float64, in [][]float64, frames int) error {
	n := frames * k.nc
	if len(in) != len(k.names) {
		return fmt.Errorf("filterbank: expression reads %d inputs, got %d", len(k.names), len(in))
	}
	for i, name := range k.names {
		if len(in[i]) != n {
			return fmt.Errorf("filterbank: expression input %s holds %d samples, need %d", name, len(in[i]), n)
		}
		k.env.Vectors[name] = in[i]
	}
	if k.alias {
		k.env.Vectors["x0"] = in[0]
	}
	err := k.prog.Eval(&k.env, out[:n], 0, n)
	clear(k.env.Vectors) // do not keep the sources' blocks alive
	return err
}

// ExprFunction is a function bank written as text (brian2hears'
// FunctionFilterbank with the function as an expression): text is an
// expression in x (one source; x0 is a synonym) or x0, x1, ... (one name per
// source, in order), evaluated sample by sample, e.g.
// "3*clip(x, 0, inf)**(1/3)" or "x0 - 0.5*x1". Signals are dimensionless
// numbers in the expression (their SI values); the language is package
// expr's (Python precedence, ** for powers, clip, exp, log, sqrt, abs, ...).
// The sources need equal channel counts (a mono one is replicated); the
// output has that many channels. rand() and randn() are not allowed. Errors
// name the position in text.
func ExprFunction(sources []sound.Source, text string) (*Bank, error) {
	nc, inCh, err := commonChannels(sources)
	if err != nil {
		return nil, err
	}
	node, err := expr.ParseExpr(text)
	if err != nil {
		return nil, fmt.Errorf("filterbank: expression %q: %w", text, err)
	}
	d := expr.NewDecls()
	k := &ExprKernel{nc: nc, text: text, env: expr.Env{Vectors: map[string][]float64{}}}
	if len(sources) == 1 {
		k.names, k.alias = []string{"x"}, true
		d.Vector("x", units.Dimensionless()).Vector("x0", units.Dimensionless())
	} else {
		for i := range sources {
			name := "x" + strconv.Itoa(i)
			k.names = append(k.names, name)
			d.Vector(name, units.Dimensionless())
		}
	}
	if k.prog, err = expr.CompileExpr(node, d); err != nil {
		return nil, fmt.Errorf("filterbank: expression %q: %w", text, err)
	}
	if k.prog.UsesRand() {
		return nil, fmt.Errorf("filterbank: expression %q calls rand() or randn(), which a function bank does not support", text)
	}
	if !k.prog.ResultDim().IsDimensionless() {
		return nil, fmt.Errorf("filterbank: expression %q has unit %v; it must give a plain number", text, k.prog.ResultDim())
	}
	return NewBank(k, sources, inCh)
}
