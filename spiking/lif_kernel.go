package spiking

import "math"

// The arithmetic of lif3 (exact_fused.go) as a kernel over a block of
// three state variables x0, x1, x2 (in the group's order), of which xp
// (the threshold's variable, v) depends on all and the other two decay:
// v ← ((E[p][0] x0 + E[p][1] x1) + E[p][2] x2) + d[p] (the dense row's
// order), x_r ← E[r][r] x_r + d[r] for r ≠ p, v kept where a refractory
// neuron's v is (unless refractory), a running finite check, and one
// spike-candidate bit per neuron (v > limit and not refractory), four
// neurons per mask byte. It first sets each neuron's not_refractory from
// its lastspike, as Brian2 does: 1 when the last spike is more than r+1
// steps back (a comparison with long = t - (r+1)*dt, a whole step of
// margin against rounding), else timestep(t - lastspike, dt) >= r. lif3Arith is the pure-Go kernel; on amd64 with
// AVX2, lif3ArithFast (lif_amd64.s) does four neurons per instruction
// with the same IEEE operations in the same order, so the two give
// identical bits (TestLIF3KernelMatchesGo).

// lifCoef holds the kernel's constants, each repeated in four lanes (the
// layout the assembly loads). The time lanes (lcLong to lcRf) change every
// step (setTime).
type lifCoef [27][4]float64

const (
	lcR0 = iota // v's row: E[p][0], E[p][1], E[p][2], d[p]
	lcR1
	lcR2
	lcDV
	lcE0 // the diagonal: E[0][0], E[1][1], E[2][2]
	lcE1
	lcE2
	lcD0 // d[0], d[1], d[2]
	lcD1
	lcD2
	lcLimit // the threshold
	lcKeep  // all bits set when v is (unless refractory)
	lcP     // p, as a number
	lcLong  // t - (r+1)*dt: a neuron whose last spike is before is not refractory
	lcT     // t, the step's time (s)
	lcEps   // 1e-3*dt, as timestep rounds it
	lcDt    // dt (s)
	lcRf    // r, the refractory period in steps, as a float64 (exact: r < 2^52)
	lcOne   // 1.0
	// The assembly's slots: P is v, Q and R the decaying variables in the
	// group's order (lifSlots); v's row as alpha*P, beta*Q, gamma*R; the
	// decays of Q and R; p2 all bits set when v is the last variable, whose
	// product is then added last.
	lcAlpha
	lcBeta
	lcGamma
	lcEQ
	lcER
	lcDQ
	lcDR
	lcP2
)

// lifSlots gives the variables (in the group's order) in the assembly's
// slots P (v), Q and R for v at index p. v's row sum
// (r0*x0 + r1*x1) + r2*x2 is (beta*Q + alpha*P) + gamma*R for p = 0 and 1
// (IEEE addition is commutative) and (beta*Q + gamma*R) + alpha*P for p = 2.
func lifSlots(p int) (P, Q, R int) {
	switch p {
	case 0:
		return 0, 1, 2
	case 1:
		return 1, 0, 2
	}
	return 2, 0, 1
}

func newLifCoef(e, d []float64, p int, keepV bool, limit float64) *lifCoef {
	var c lifCoef
	vals := [len(lifCoef{})]float64{e[3*p], e[3*p+1], e[3*p+2], d[p], e[0], e[4], e[8], d[0], d[1], d[2], limit, 0, float64(p)}
	if keepV {
		vals[lcKeep] = allOnes
	}
	vals[lcOne] = 1
	P, Q, R := lifSlots(p)
	vals[lcAlpha], vals[lcBeta], vals[lcGamma] = e[3*p+P], e[3*p+Q], e[3*p+R]
	vals[lcEQ], vals[lcER], vals[lcDQ], vals[lcDR] = e[4*Q], e[4*R], d[Q], d[R]
	if p == 2 {
		vals[lcP2] = allOnes
	}
	for k, v := range vals {
		c[k] = lanes(v)
	}
	return &c
}

// setTime writes the step's time t, dt and the refractory period r
// (steps) into c.
func (c *lifCoef) setTime(t, dt float64, r int64) {
	c[lcLong] = lanes(t - float64(r+1)*dt)
	c[lcT] = lanes(t)
	c[lcEps] = lanes(float64(1e-3 * dt))
	c[lcDt] = lanes(dt)
	c[lcRf] = lanes(float64(r))
}

func lanes(v float64) [4]float64 { return [4]float64{v, v, v, v} }

// lifMaxR bounds the refractory period (steps) of the lif3 path, so that
// float64(r) and r+1 are exact.
const lifMaxR = 1 << 52

// allOnes is the float64 whose bits are all set (a NaN), a lane mask.
var allOnes = math.Float64frombits(^uint64(0))

// lif3Arith runs the kernel on neurons [0, len(x0)): act gets
// not_refractory (0 or 1) from ls (lastspike) and mask one byte per four
// neurons. It returns false if a state became NaN or infinite.
func lif3Arith(x0, x1, x2, act, ls []float64, c *lifCoef, mask []uint8) bool {
	n := len(x0)
	x1, x2, act, ls = x1[:n], x2[:n], act[:n], ls[:n]
	long, t, dt, r := c[lcLong][0], c[lcT][0], c[lcDt][0], int64(c[lcRf][0])
	r0, r1, r2, dv := c[lcR0][0], c[lcR1][0], c[lcR2][0], c[lcDV][0]
	e0, e1, e2 := c[lcE0][0], c[lcE1][0], c[lcE2][0]
	d0, d1, d2 := c[lcD0][0], c[lcD1][0], c[lcD2][0]
	limit, keep, p := c[lcLimit][0], c[lcKeep][0] != 0, int(c[lcP][0])
	fin := 0.0
	for g := 0; g*4 < n; g++ {
		var m uint8
		for l := 0; l < 4 && g*4+l < n; l++ {
			k := g*4 + l
			nr := 1.0
			if x := ls[k]; x >= long {
				nr = b2f(timestep(t-x, dt) >= r)
			}
			act[k] = nr
			a, b, cc := x0[k], x1[k], x2[k]
			v := float64(r0*a) + float64(r1*b) + float64(r2*cc) + dv
			na, nb, nc := float64(e0*a)+d0, float64(e1*b)+d1, float64(e2*cc)+d2
			old := a
			switch p {
			case 1:
				old = b
			case 2:
				old = cc
			}
			if act[k] == 0 && keep {
				v = old
			}
			switch p {
			case 0:
				na = v
			case 1:
				nb = v
			default:
				nc = v
			}
			x0[k], x1[k], x2[k] = na, nb, nc
			fin += (na - na) + (nb - nb) + (nc - nc)
			if v > limit && act[k] != 0 {
				m |= 1 << l
			}
		}
		mask[g] = m
	}
	return fin == 0
}
