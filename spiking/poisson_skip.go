package spiking

import (
	"container/heap"
	"math"
	"slices"
)

// poissonSkip draws the spikes of a PoissonGroup with constant rates by
// skipping: Brian2 draws, every step and for every element, a uniform u
// and spikes when u < rate*dt; the steps between two spikes of one element
// are then geometric with p = rate*dt, so drawing each element's next spike
// step directly (1 + floor(log(u)/log(1 − p)) steps after the last) gives
// spike trains with the same distribution at a cost per spike instead of
// per element and step (1000 inputs at 15 Hz: 1.5 spikes per step instead
// of 1000 draws). The numbers are not those of the per-step rule (nor
// Brian2's); a change of rates, seed or dt draws new gaps from the current
// step, which the memorylessness of the process allows.
type poissonSkip struct {
	valid bool
	gen   uint64  // seed generation of the streams the gaps came from
	dt    float64 // clock step the gaps were drawn for
	next  poissonHeap
	logq  []float64 // log(1 − p) per element; 0: never (p = 0); -Inf: every step
}

// poissonHeap orders elements by their next spike step (then index).
type poissonHeap []poissonNext

type poissonNext struct {
	k int64
	i int32
}

func (h poissonHeap) Len() int { return len(h) }
func (h poissonHeap) Less(a, b int) bool {
	return h[a].k < h[b].k || (h[a].k == h[b].k && h[a].i < h[b].i)
}
func (h poissonHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *poissonHeap) Push(x any)   { *h = append(*h, x.(poissonNext)) }
func (h *poissonHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (ps poissonSkip) clone() poissonSkip {
	ps.next = slices.Clone(ps.next)
	ps.logq = slices.Clone(ps.logq)
	return ps
}

// gap draws the number of steps to element i's next spike (>= 1).
func (ps *poissonSkip) gap(r *RNG, i int32) int64 {
	lq := ps.logq[i]
	if math.IsInf(lq, -1) {
		return 1
	}
	g := 1 + math.Floor(math.Log(r.float64Open())/lq)
	if g > 1<<62 {
		return 1 << 62
	}
	return int64(g)
}

// step returns the spikes of step s (ascending), appended to dst.
func (ps *poissonSkip) step(g *PoissonGroup, s tick, dst []int32) []int32 {
	if !ps.valid || ps.gen != g.rng.gen || ps.dt != s.Dt {
		ps.valid, ps.gen, ps.dt = true, g.rng.gen, s.Dt
		ps.logq = make([]float64, g.n)
		ps.next = ps.next[:0]
		for i, rate := range g.rates.data {
			p := rate * s.Dt
			switch {
			case p >= 1:
				ps.logq[i] = math.Inf(-1)
			case p > 0:
				ps.logq[i] = math.Log1p(-p)
			default:
				continue // never spikes
			}
			// The first spike is at s.K with probability p: gap − 1 steps on.
			r := &g.rng.r[i/poissonBlock]
			ps.next = append(ps.next, poissonNext{s.K - 1 + ps.gap(r, int32(i)), int32(i)})
		}
		heap.Init(&ps.next)
	}
	start := len(dst)
	for len(ps.next) > 0 && ps.next[0].k <= s.K {
		top := &ps.next[0]
		i := top.i
		dst = append(dst, i)
		top.k = s.K + ps.gap(&g.rng.r[int(i)/poissonBlock], i)
		heap.Fix(&ps.next, 0)
	}
	slices.Sort(dst[start:])
	return dst
}
