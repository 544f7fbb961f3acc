package spiking

import (
	"github.com/gohears/hears/expr"
)

// This file is the only place that runs compiled expr programs, so the
// engine depends on the expr run API in one spot.

// runProgram runs a statement program over elements [lo, hi).
func runProgram(p *expr.Program, env *expr.Env, lo, hi int) error {
	return p.Run(env, lo, hi)
}

// evalProgram evaluates an expression program for elements [lo, hi) into
// out[lo:hi] (out has at least hi elements).
func evalProgram(p *expr.Program, env *expr.Env, out []float64, lo, hi int) error {
	return p.Eval(env, out, lo, hi)
}
