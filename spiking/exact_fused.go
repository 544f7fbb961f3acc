package spiking

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/gohears/hears/expr"
)

// fusedExact is the one-pass update of a group on the uniform exact path
// (every coefficient the same for all neurons, up to three state
// variables: CUBA, COBA and most LIF models) whose threshold is a
// comparison of a variable with a constant and whose refractory period is
// one constant. For each neuron, in one sweep over the block:
// refractoriness from lastspike, X ← E X + d with (unless refractory)
// variables kept for refractory neurons, the finite-state check as a
// test of the sum of x - x (0 for finite x, NaN otherwise; a branch, not a
// running sum, so that no floating-point chain links the neurons), and the
// threshold.
// The arithmetic and its order are those of the separate passes
// (updateBlock, uniformExact.step, simpleThreshold.collect), so the states
// and spikes are bit-identical to theirs; it only saves the passes over
// memory, the list of refractory neurons and the per-pass branches.
type fusedExact struct {
	// threshold: spike when sign*x > limit (see fusedExactOf)
	x     []float64
	sign  float64
	limit float64
	// vIdx is the state variable the threshold compares (sign 1), or -1
	vIdx int
	// set by prepare before the blocks run: lif (lifShape holds) and, for
	// three variables, the kernel constants of the current propagator
	lif   bool
	coef  *lifCoef
	coefE []float64 // the propagator (E and d) coef was made from
	coefD []float64
}

// prepare runs once per step before the blocks (serially): it checks the
// shape of the current propagator, builds the kernel constants when the
// propagator changed and writes the step's time into them.
func (f *fusedExact) prepare(g *NeuronGroup, ex *exactUpdater, s tick) {
	r := int64(0)
	if g.hasRefr {
		r = timestep(g.opts.Refractory, s.Dt)
	}
	f.lif = ex.n == 3 && r >= 0 && r < lifMaxR && f.lifShape(g, ex)
	if !f.lif {
		return
	}
	e, d := ex.fast.on.e, ex.fast.on.d
	// refresh makes a new d whenever M or c changed (E may come from the
	// propagator cache), so the identity of d and E says when to rebuild.
	if f.coef == nil || &f.coefE[0] != &e[0] || &f.coefD[0] != &d[0] {
		f.coef = newLifCoef(e, d, f.vIdx, ex.masked[f.vIdx], f.limit)
		f.coefE, f.coefD = e, d
	}
	f.coef.setTime(s.T, s.Dt, r)
}

// fusedExactOf returns the one-pass form of g's update, or nil when the
// group does not have the shape it handles.
func (g *NeuronGroup) fusedExactOf(c *groupCode) *fusedExact {
	ex := c.exact
	if ex == nil || ex.fast == nil || ex.n > 3 || ex.n < 1 || !g.fused || c.thrFast == nil || len(g.codt) > 0 {
		return nil
	}
	if g.hasRefr && (c.refr != nil || ex.nr == nil) {
		return nil
	}
	u := ex.fast
	if u.hasMask && !u.closed {
		return nil
	}
	f := &fusedExact{x: c.thrFast.x}
	// x >= c is x > nextDown(c) and x < c is -x > -c, exactly (negation
	// and the comparison with the next float below are exact), for finite c.
	lim := c.thrFast.value
	if math.IsInf(lim, 0) || math.IsNaN(lim) {
		return nil
	}
	switch c.thrFast.op {
	case expr.OpGt:
		f.sign, f.limit = 1, lim
	case expr.OpGe:
		f.sign, f.limit = 1, math.Nextafter(lim, math.Inf(-1))
	case expr.OpLt:
		f.sign, f.limit = -1, -lim
	case expr.OpLe:
		f.sign, f.limit = -1, math.Nextafter(-lim, math.Inf(-1))
	default:
		return nil
	}
	f.vIdx = -1
	for k, x := range ex.state {
		if f.sign == 1 && len(f.x) > 0 && len(x) > 0 && &f.x[0] == &x[0] {
			f.vIdx = k
		}
	}
	return f
}

// lifShape reports whether the propagator has the shape of most LIF
// models (CUBA, COBA with current-like synapses): the variable the
// threshold compares (v, index vIdx) depends on all, every other one only
// decays towards a constant (ge ← e ge + d), nothing but v is (unless
// refractory), and the group is refractory. Skipping the zero products of
// the decaying rows changes no value: x + 0·y equals x for finite y,
// except that -0 could become +0, and the final + d (d ≠ -0, checked)
// turns -0 into +0 in both forms.
func (f *fusedExact) lifShape(g *NeuronGroup, ex *exactUpdater) bool {
	n := ex.n
	p := f.vIdx
	if n < 2 || p < 0 || !g.hasRefr {
		return false
	}
	e, d := ex.fast.on.e, ex.fast.on.d
	for r := range n {
		if r == p {
			continue
		}
		if ex.masked[r] || math.Float64bits(d[r]) == 1<<63 {
			return false
		}
		for q := range n {
			if q != r && e[r*n+q] != 0 {
				return false
			}
		}
	}
	return true
}

// step runs the update of neurons [lo, hi) at step s and returns the
// spikes appended to dst and whether every state value is finite.
func (f *fusedExact) step(g *NeuronGroup, ex *exactUpdater, s tick, dst []int32, lo, hi int) ([]int32, bool) {
	u := ex.fast
	var nr, ls []float64
	var long, t float64
	var r int64
	refr := g.hasRefr
	if refr {
		nr = ex.nr[lo:hi]
		ls = g.vars.vars["lastspike"].data[lo:hi]
		r = timestep(g.opts.Refractory, s.Dt)
		long = s.T - float64(r+1)*s.Dt
	}
	t = s.T
	x := f.x[lo:hi]
	sign, limit := f.sign, f.limit
	e, d := u.on.e, u.on.d
	if f.lif {
		return lif3(ex.state[0][lo:hi], ex.state[1][lo:hi], ex.state[2][lo:hi], nr, ls, f.coef, t, dst, lo)
	}
	finite := true
	switch ex.n {
	case 1:
		s0 := ex.state[0][lo:hi]
		m0 := ex.masked[0]
		e00, d0 := e[0], d[0]
		for k, a := range s0 {
			act := 1.0
			if refr {
				if ls[k] >= long {
					act = b2f(timestep(s.T-ls[k], s.Dt) >= r)
				}
				nr[k] = act
			}
			na := float64(e00*a) + d0
			if act == 0 && m0 {
				na = a
			}
			s0[k] = na
			if na-na != 0 {
				finite = false
			}
			if act != 0 && sign*x[k] > limit {
				dst = append(dst, int32(lo+k))
				if refr {
					nr[k], ls[k] = 0, t
				}
			}
		}
	case 2:
		s0, s1 := ex.state[0][lo:hi], ex.state[1][lo:hi]
		s1 = s1[:len(s0)]
		m0, m1 := ex.masked[0], ex.masked[1]
		e00, e01, e10, e11 := e[0], e[1], e[2], e[3]
		d0, d1 := d[0], d[1]
		for k, a := range s0 {
			act := 1.0
			if refr {
				if ls[k] >= long {
					act = b2f(timestep(s.T-ls[k], s.Dt) >= r)
				}
				nr[k] = act
			}
			b := s1[k]
			na := float64(e00*a) + float64(e01*b) + d0
			nb := float64(e10*a) + float64(e11*b) + d1
			if act == 0 {
				if m0 {
					na = a
				}
				if m1 {
					nb = b
				}
			}
			s0[k], s1[k] = na, nb
			if (na-na)+(nb-nb) != 0 {
				finite = false
			}
			if act != 0 && sign*x[k] > limit {
				dst = append(dst, int32(lo+k))
				if refr {
					nr[k], ls[k] = 0, t
				}
			}
		}
	case 3:
		s0, s1, s2 := ex.state[0][lo:hi], ex.state[1][lo:hi], ex.state[2][lo:hi]
		s1, s2 = s1[:len(s0)], s2[:len(s0)]
		m0, m1, m2 := ex.masked[0], ex.masked[1], ex.masked[2]
		e00, e01, e02 := e[0], e[1], e[2]
		e10, e11, e12 := e[3], e[4], e[5]
		e20, e21, e22 := e[6], e[7], e[8]
		d0, d1, d2 := d[0], d[1], d[2]
		for k, a := range s0 {
			act := 1.0
			if refr {
				if ls[k] >= long {
					act = b2f(timestep(s.T-ls[k], s.Dt) >= r)
				}
				nr[k] = act
			}
			b, c := s1[k], s2[k]
			na := float64(e00*a) + float64(e01*b) + float64(e02*c) + d0
			nb := float64(e10*a) + float64(e11*b) + float64(e12*c) + d1
			nc := float64(e20*a) + float64(e21*b) + float64(e22*c) + d2
			if act == 0 {
				if m0 {
					na = a
				}
				if m1 {
					nb = b
				}
				if m2 {
					nc = c
				}
			}
			s0[k], s1[k], s2[k] = na, nb, nc
			if (na-na)+(nb-nb)+(nc-nc) != 0 {
				finite = false
			}
			if act != 0 && sign*x[k] > limit {
				dst = append(dst, int32(lo+k))
				if refr {
					nr[k], ls[k] = 0, t
				}
			}
		}
	}
	return dst, finite
}

// lif3 reads its candidate mask in words of 32 neurons.
var _ = [1]struct{}{}[stateBlock%32]

// lif3 is fusedExact.step for three variables of lifShape: v depends on
// all, the two others decay (in any order of the variables). Two sweeps
// over the block (which stays in the first-level cache): the kernel
// (lif_kernel.go; AVX2 where available, the same bits), which sets
// not_refractory and does the arithmetic, and the spikes from its
// candidate bits.
func lif3(s0, s1, s2, nr, ls []float64, c *lifCoef, t float64, dst []int32, lo int) ([]int32, bool) {
	nr, ls = nr[:len(s0)], ls[:len(s0)]
	var buf [stateBlock / 4]uint8
	nm := (len(s0) + 3) / 4
	finite := lif3ArithFast(s0, s1, s2, nr, ls, c, buf[:nm])
	// Spikes are rare: the mask is read eight bytes (32 neurons) at a
	// time (stateBlock is a multiple of 32); the bytes beyond nm stay zero.
	for w := 0; w < nm; w += 8 {
		for m := binary.LittleEndian.Uint64(buf[w:]); m != 0; m &= m - 1 {
			bit := bits.TrailingZeros64(m)
			k := 4*(w+bit>>3) + bit&7
			dst = append(dst, int32(lo+k))
			nr[k], ls[k] = 0, t
		}
	}
	return dst, finite
}
