package spiking

import (
	"math"
)

// simClock is a simulation clock with step dt (seconds). Time is always
// computed as t = float64(step)*dt, never by accumulating dt, as in Brian2.
type simClock struct {
	dt   float64
	step int64
	iEnd int64
}

// clockEpsilonDt is Brian2's Clock.epsilon_dt: a target time within this
// fraction of a step of a whole step is rounded to that step.
const clockEpsilonDt = 1e-4

// clockEpsilon is Brian2's Clock.epsilon: two clocks whose times differ by
// less than this (seconds) tick together.
const clockEpsilon = 1e-14

// Dt is the step of the clock in seconds.
func (c *simClock) Dt() float64 { return c.dt }

// Step is the index of the current step.
func (c *simClock) Step() int64 { return c.step }

// T is the time of the current step, float64(Step())*Dt() seconds.
func (c *simClock) T() float64 { return float64(c.step) * c.dt }

// stepOf is Brian2's Clock._calc_timestep: the step that starts at time
// target, rounded to the nearest step when target lies within 1e-4 steps
// of it, otherwise rounded up.
func (c *simClock) stepOf(target float64) int64 {
	n := math.RoundToEven(target / c.dt)
	if nt := n * c.dt; nt == target || math.Abs(nt-target)/c.dt <= clockEpsilonDt {
		return int64(n)
	}
	return int64(math.Ceil(target / c.dt))
}

// setInterval positions the clock for a run from start to end (seconds).
func (c *simClock) setInterval(start, end float64) {
	c.step = c.stepOf(start)
	c.iEnd = c.stepOf(end)
}

// timestep is Brian2's timestep(x, dt) function used for refractoriness:
// int64((x + 1e-3*dt)/dt), truncating. The product 1e-3*dt is rounded on
// its own (float64(...)), so that no compiler fuses it with the sum into
// an FMA and lif3AVX2, which computes it in separate operations, agrees
// to the bit on every architecture.
func timestep(x, dt float64) int64 {
	return int64((x + float64(1e-3*dt)) / dt)
}
