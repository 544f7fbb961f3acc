package spiking

// uniformExact is the exact update of a group whose M and c are the same
// for every neuron (constants, shared values and TimedArrays of t only: the
// CUBA and COBA models, most LIF models). The propagator is computed once
// per change of the coefficients instead of once per neuron, the update
// X ← E X + d (d = Phi c) runs as a dense kernel unrolled for up to four
// variables, and refractory neurons are patched afterwards: their
// (unless refractory) variables are restored, and, only when other
// variables depend on those, recomputed with the propagator of the system
// whose masked rows are zero (Brian2's int(not_refractory) factor).
type uniformExact struct {
	n       int
	on, off fastProp
	hasMask bool
	closed  bool // no unmasked variable depends on a masked one
	m, c    []float64
	valid   bool
	// per block of stateBlock neurons: indices and saved states of the
	// refractory neurons (blocks run in parallel).
	idx [][]int32
	sav [][]float64
}

// fastProp is one propagator: X_new = E X + d.
type fastProp struct{ e, d []float64 }

func newUniformExact(ex *exactUpdater, size int) *uniformExact {
	u := &uniformExact{n: ex.n, m: make([]float64, ex.n*ex.n), c: make([]float64, ex.n)}
	for _, m := range ex.masked {
		u.hasMask = u.hasMask || m
	}
	if u.hasMask {
		nb := (size + stateBlock - 1) / stateBlock
		u.idx, u.sav = make([][]int32, nb), make([][]float64, nb)
		for b := range nb {
			u.idx[b] = make([]int32, 0, stateBlock)
			u.sav[b] = make([]float64, 0, stateBlock*ex.n)
		}
	}
	return u
}

// refresh recomputes the propagators when the coefficients changed (called
// once per step, before the blocks run).
func (u *uniformExact) refresh(ex *exactUpdater) error {
	n := u.n
	same := u.valid
	for k := range u.m {
		if v := ex.mAt(k, 0); v != u.m[k] {
			u.m[k], same = v, false
		}
	}
	for k := range u.c {
		if v := ex.cAt(k, 0); v != u.c[k] {
			u.c[k], same = v, false
		}
	}
	if same {
		return nil
	}
	var err error
	if u.on, err = u.prop(ex, u.m, u.c); err != nil {
		return err
	}
	if u.hasMask {
		u.closed = true
		moff, coff := append([]float64(nil), u.m...), append([]float64(nil), u.c...)
		for r := 0; r < n; r++ {
			for q := 0; q < n; q++ {
				if ex.masked[r] {
					moff[r*n+q] = 0
				} else if ex.masked[q] && u.m[r*n+q] != 0 {
					u.closed = false
				}
			}
			if ex.masked[r] {
				coff[r] = 0
			}
		}
		if !u.closed {
			if u.off, err = u.prop(ex, moff, coff); err != nil {
				return err
			}
		}
	}
	u.valid = true
	return nil
}

func (u *uniformExact) prop(ex *exactUpdater, m, c []float64) (fastProp, error) {
	p, err := ex.propagatorFor(m)
	if err != nil {
		return fastProp{}, err
	}
	n := u.n
	d := make([]float64, n)
	for r := 0; r < n; r++ {
		for q := 0; q < n; q++ {
			d[r] += p.phi[r*n+q] * c[q]
		}
	}
	return fastProp{e: p.e, d: d}, nil
}

// step advances neurons [lo, hi) (one block).
func (u *uniformExact) step(ex *exactUpdater, lo, hi int) {
	n := u.n
	var idx []int32
	var sav []float64
	if u.hasMask {
		b := lo / stateBlock
		idx, sav = u.idx[b][:0], u.sav[b][:0]
		nr := ex.nr[lo:hi]
		for k := 0; k < len(nr); k++ {
			// not_refractory is 0 or 1: a product of four skips four
			// active neurons with one branch.
			if k+4 <= len(nr) && nr[k]*nr[k+1]*nr[k+2]*nr[k+3] != 0 {
				k += 3
				continue
			}
			if nr[k] == 0 {
				i := lo + k
				idx = append(idx, int32(i))
				for r := 0; r < n; r++ {
					sav = append(sav, ex.state[r][i])
				}
			}
		}
		u.idx[b], u.sav[b] = idx, sav
	}
	st := ex.state
	e, d := u.on.e, u.on.d
	switch n {
	case 1:
		kernel1(e, d, st[0][lo:hi])
	case 2:
		kernel2(e, d, st[0][lo:hi], st[1][lo:hi])
	case 3:
		kernel3(e, d, st[0][lo:hi], st[1][lo:hi], st[2][lo:hi])
	case 4:
		kernel4(e, d, st[0][lo:hi], st[1][lo:hi], st[2][lo:hi], st[3][lo:hi])
	default:
		var x [16]float64
		xs := x[:0]
		if n > len(x) {
			xs = make([]float64, n)
		} else {
			xs = x[:n]
		}
		for i := lo; i < hi; i++ {
			for r := 0; r < n; r++ {
				xs[r] = st[r][i]
			}
			for r := 0; r < n; r++ {
				s := d[r]
				for q := 0; q < n; q++ {
					s += float64(e[r*n+q] * xs[q])
				}
				st[r][i] = s
			}
		}
	}
	for k, i := range idx {
		x := sav[k*n : (k+1)*n]
		for r := 0; r < n; r++ {
			switch {
			case ex.masked[r]:
				st[r][i] = x[r]
			case !u.closed:
				s := u.off.d[r]
				for q := 0; q < n; q++ {
					s += float64(u.off.e[r*n+q] * x[q])
				}
				st[r][i] = s
			}
		}
	}
}

// The kernels compute X_new = E X + d for one variable count, with E and d
// in registers (E is row-major n×n). Each product is rounded on its own
// (float64(x*y)): without that the compiler fuses x*y + z into one FMA on
// arm64 (not on amd64), and the paths that must agree to the bit (these
// kernels, the one-pass update in exact_fused.go, lif3Arith and its AVX2
// twin) would differ there in the last bit.

func kernel1(e, d, s0 []float64) {
	e00, d0 := e[0], d[0]
	for i, a := range s0 {
		s0[i] = float64(e00*a) + d0
	}
}

func kernel2(e, d, s0, s1 []float64) {
	e00, e01, e10, e11 := e[0], e[1], e[2], e[3]
	d0, d1 := d[0], d[1]
	s1 = s1[:len(s0)]
	for i, a := range s0 {
		b := s1[i]
		s0[i] = float64(e00*a) + float64(e01*b) + d0
		s1[i] = float64(e10*a) + float64(e11*b) + d1
	}
}

func kernel3(e, d, s0, s1, s2 []float64) {
	e00, e01, e02 := e[0], e[1], e[2]
	e10, e11, e12 := e[3], e[4], e[5]
	e20, e21, e22 := e[6], e[7], e[8]
	d0, d1, d2 := d[0], d[1], d[2]
	s1, s2 = s1[:len(s0)], s2[:len(s0)]
	for i, a := range s0 {
		b, c := s1[i], s2[i]
		s0[i] = float64(e00*a) + float64(e01*b) + float64(e02*c) + d0
		s1[i] = float64(e10*a) + float64(e11*b) + float64(e12*c) + d1
		s2[i] = float64(e20*a) + float64(e21*b) + float64(e22*c) + d2
	}
}

func kernel4(e, d, s0, s1, s2, s3 []float64) {
	s1, s2, s3 = s1[:len(s0)], s2[:len(s0)], s3[:len(s0)]
	e = e[:16]
	d = d[:4]
	for i, a := range s0 {
		b, c, x := s1[i], s2[i], s3[i]
		s0[i] = float64(e[0]*a) + float64(e[1]*b) + float64(e[2]*c) + float64(e[3]*x) + d[0]
		s1[i] = float64(e[4]*a) + float64(e[5]*b) + float64(e[6]*c) + float64(e[7]*x) + d[1]
		s2[i] = float64(e[8]*a) + float64(e[9]*b) + float64(e[10]*c) + float64(e[11]*x) + d[2]
		s3[i] = float64(e[12]*a) + float64(e[13]*b) + float64(e[14]*c) + float64(e[15]*x) + d[3]
	}
}
