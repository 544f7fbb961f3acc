package spiking

import (
	"github.com/gohears/hears/expr"
)

// foldConstants gathers the constants of generated update code before it is
// compiled. The rewriting lives in package expr now (expr.FoldConstants,
// also applied by expr.Compile when Decls.Reassociate is set); this wrapper
// keeps the engine's call site unchanged.
func foldConstants(n expr.Node, constOf func(string) (float64, bool)) expr.Node {
	return expr.FoldConstants(n, constOf)
}

// constantsOf returns the lookup of compile-time constants of d: declared
// constants, then (for names d does not declare) units and pi, e.
func constantsOf(d *expr.Decls) func(string) (float64, bool) {
	return d.ConstantValue
}
