package spiking

import (
	"fmt"
	"strings"
)

// MethodReason says why the group integrates with Method(): requested by
// name, or Brian2 2.5.1's automatic choice (exact when the equations are
// linear with coefficients constant over a step and noiseless, else euler
// when the noise is additive or absent, else heun) with the reason each
// earlier candidate was passed over.
func (g *NeuronGroup) MethodReason() string {
	if g.opts.Method != MethodAuto {
		return "requested"
	}
	if g.sys == nil || len(g.sys.vars) == 0 {
		return "no differential equations"
	}
	switch g.method {
	case MethodExact:
		return "chosen automatically: the equations are linear, with coefficients constant over a step, and noiseless"
	case MethodEuler:
		if g.sys.stochastic() {
			return "chosen automatically: exact needs noiseless equations; the noise is additive, so Euler–Maruyama applies"
		}
		why := "the equations are not linear"
		if g.built != nil {
			if _, err := g.linearSystem(g.built, g.builtDt); err != nil {
				why = err.Error()
			}
		}
		return "chosen automatically: exact does not apply (" + why + ")"
	case MethodHeun:
		return "chosen automatically: the noise is multiplicative (a noise term depends on a state variable): euler does not apply, heun (Stratonovich) does"
	}
	return "chosen automatically"
}

// Describe returns, in readable math, the update code the engine runs for
// the group's equations at its time step: the method and why it was
// chosen, then the statements one per line as Brian2 prints its state
// updaters (temporaries _x first, then the assignments). For exact it
// shows the linear system dX/dt = M·X + c that is advanced by a matrix
// exponential each step (Brian2 prints the symbolic solution instead).
func (g *NeuronGroup) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# method: %s (%s)\n", g.method, g.MethodReason())
	if g.method == MethodExact {
		fmt.Fprintf(&b, "# X(t + dt) = exp(M·dt)·X(t) + ∫₀^dt exp(M·s) ds · c (one Padé matrix exponential), dt = %g s, for the linear system:\n", g.builtDt)
	} else {
		fmt.Fprintf(&b, "# dt = %g s\n", g.builtDt)
	}
	if code := g.UpdateCode(); code != "" {
		b.WriteString(strings.TrimRight(code, "\n"))
		b.WriteByte('\n')
	}
	return b.String()
}
