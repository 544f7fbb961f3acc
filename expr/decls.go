package expr

import (
	"github.com/gohears/hears/units"
)

// VarKind says how a compiled program gets a name's value.
type VarKind int

// Variable kinds.
const (
	// Vector is a per-element variable: a []float64 bound in Env.Vectors,
	// read and written at the element indices a Run covers.
	Vector VarKind = iota + 1
	// Scalar is a shared variable: a *float64 bound in Env.Scalars, read once
	// at the start of each Run (programs cannot assign to it).
	Scalar
	// Constant has its value fixed at compile time and is folded.
	Constant
	// Temp is a per-element temporary assigned by the program's own statements
	// and discarded after the Run. Targets starting with '_' that are not
	// declared are temporaries automatically.
	Temp
	// Index is the element index itself (Brian2's i), as a float64.
	Index
)

// Var declares one name for Compile.
type Var struct {
	Kind  VarKind
	Dim   units.Dim
	Value float64 // for Constant
}

// Decls declares the names and functions a compiled program may use. It is a
// Scope, so the same declarations drive dimension checking. Names it does not
// declare fall back to pi, e, inf, units and physical constants (compile-time
// constants). The zero value is usable; the chaining methods fill it.
type Decls struct {
	Vars  map[string]Var
	Funcs map[string]*Func
	// NoUnitCheck skips dimension checking in Compile and CompileExpr (for
	// code generated from already-checked equations, or dimensionless filters).
	NoUnitCheck bool
	// Reassociate lets Compile and CompileExpr gather the constants of sums
	// and products (FoldConstants) before compiling, after dimension
	// checking: fewer vector operations, results changed by rounding only
	// (about 1e-16 relative). Generated update code (the spiking engine)
	// uses it; off by default so that hand-written expressions are
	// evaluated as written.
	Reassociate bool
}

// NewDecls returns empty declarations.
func NewDecls() *Decls { return &Decls{Vars: map[string]Var{}, Funcs: map[string]*Func{}} }

func (d *Decls) set(name string, v Var) *Decls {
	if d.Vars == nil {
		d.Vars = map[string]Var{}
	}
	d.Vars[name] = v
	return d
}

// Vector declares a per-element variable and returns d.
func (d *Decls) Vector(name string, dim units.Dim) *Decls {
	return d.set(name, Var{Kind: Vector, Dim: dim})
}

// Scalar declares a shared variable and returns d.
func (d *Decls) Scalar(name string, dim units.Dim) *Decls {
	return d.set(name, Var{Kind: Scalar, Dim: dim})
}

// Constant declares a compile-time constant (SI value) and returns d.
func (d *Decls) Constant(name string, value float64, dim units.Dim) *Decls {
	return d.set(name, Var{Kind: Constant, Dim: dim, Value: value})
}

// Temp declares a per-element temporary and returns d.
func (d *Decls) Temp(name string, dim units.Dim) *Decls {
	return d.set(name, Var{Kind: Temp, Dim: dim})
}

// Index declares name as the element index (dimensionless) and returns d.
func (d *Decls) Index(name string) *Decls {
	return d.set(name, Var{Kind: Index})
}

// Func declares a user function and returns d.
func (d *Decls) Func(name string, f *Func) *Decls {
	if d.Funcs == nil {
		d.Funcs = map[string]*Func{}
	}
	d.Funcs[name] = f
	return d
}

// LookupDim implements Scope.
func (d *Decls) LookupDim(name string) (units.Dim, bool) {
	v, ok := d.Vars[name]
	return v.Dim, ok
}

// LookupFunc implements Scope.
func (d *Decls) LookupFunc(name string) (*Func, bool) {
	f, ok := d.Funcs[name]
	return f, ok
}

// clone copies the declarations (maps included).
func (d *Decls) clone() *Decls {
	c := &Decls{Vars: map[string]Var{}, Funcs: map[string]*Func{}, NoUnitCheck: d.NoUnitCheck, Reassociate: d.Reassociate}
	for k, v := range d.Vars {
		c.Vars[k] = v
	}
	for k, v := range d.Funcs {
		c.Funcs[k] = v
	}
	return c
}
