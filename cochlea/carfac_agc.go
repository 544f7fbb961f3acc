package cochlea

import "unsafe"

// The AGC's per-channel passes for the default design (power-of-two
// decimations, 3-tap smoothing with one iteration, v2's quadratic stage
// gain), over arrays padded to a multiple of 4 channels so that they run
// on 4 channels per AVX2 vector (carfac_agc_amd64.s). These Go versions
// are the twins of the vector ones: the same operations in the same order,
// so that both give the same bits (TestCARFACSIMDBits), and the same bits
// as the reference order of agc_step, spatial_smooth and close_agc_loop.

// carfacAGCArgs are the arrays and coefficients of one stage's update.
type carfacAGCArgs struct {
	in, mem, nm, t *float64 // input, memory, next stage's memory (nil for the last stage), scratch of n+2
	n, nReal       int      // padded and real channel counts
	eps, gain      float64  // epsilon, stage_gain
	f0, f1, f2     float64  // the 3-tap spatial FIR
}

// carfacRampArgs are the arrays of setRamps (all of n values).
type carfacRampArgs struct {
	m, health, zr, ga, gb, gc *float64 // stage 0's memory and the design
	dzb, zb, dg, g            *float64 // the ramps and the state they move
	n                         int
	inv                       float64 // 1/decimation[0]
}

// carfacAGCScaleGo divides a stage's accumulated input by its decimation
// (a product with the exact inverse of a power of two) and, where nxt is
// not nil, adds it to the next stage's accumulator.
func carfacAGCScaleGo(accP, nxtP *float64, n int, inv float64) {
	acc := unsafe.Slice(accP, n)
	if nxtP == nil {
		for i := range n {
			acc[i] *= inv
		}
		return
	}
	nxt := unsafe.Slice(nxtP, n)
	for i := range n {
		x := acc[i] * inv
		acc[i] = x
		nxt[i] += x
	}
}

// carfacAGCUpdate3Go moves the stage's memory ε toward its input plus
// stage_gain times the next stage's memory, clears the input, and smooths
// the memory across channels with the 3-tap FIR, the edge values repeated.
func carfacAGCUpdate3Go(a *carfacAGCArgs) {
	n := a.n
	in, mem, t := unsafe.Slice(a.in, n), unsafe.Slice(a.mem, n), unsafe.Slice(a.t, n+2)
	var nm []float64
	if a.nm != nil {
		nm = unsafe.Slice(a.nm, n)
	}
	eps, gain := a.eps, a.gain
	for i := range n {
		x := in[i]
		if nm != nil {
			x += gain * nm[i]
		}
		t[i+1] = mem[i] + eps*(x-mem[i])
		in[i] = 0
	}
	t[0], t[a.nReal+1] = t[1], t[a.nReal]
	f0, f1, f2 := a.f0, a.f1, a.f2
	for i := range n {
		mem[i] = f0*t[i] + f1*t[i+1] + f2*t[i+2]
	}
}

// carfacRampsGo sets the ramps toward the AGC's new target (v2, a power-
// of-two decimation): u = (1 − m)·ohc_health, zb → zr·u, g → the quadratic
// stage gain of u, each over decimation[0] samples.
func carfacRampsGo(r *carfacRampArgs) {
	n := r.n
	m, health, zr := unsafe.Slice(r.m, n), unsafe.Slice(r.health, n), unsafe.Slice(r.zr, n)
	ga, gb, gc := unsafe.Slice(r.ga, n), unsafe.Slice(r.gb, n), unsafe.Slice(r.gc, n)
	dzb, zb, dg, g := unsafe.Slice(r.dzb, n), unsafe.Slice(r.zb, n), unsafe.Slice(r.dg, n), unsafe.Slice(r.g, n)
	inv := r.inv
	for i := range n {
		u := (1 - m[i]) * health[i]
		dzb[i] = (zr[i]*u - zb[i]) * inv
		dg[i] = ((ga[i]*(u*u) + gb[i]*u + gc[i]) - g[i]) * inv
	}
}
