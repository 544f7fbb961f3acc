package expr

import (
	"fmt"
	"math"
)

func (p *Program) state() *runState {
	if s, ok := p.pool.Get().(*runState); ok {
		return s
	}
	return &runState{
		regs:  make([]float64, p.nregs*ChunkSize),
		bcast: make([]float64, p.maxArgs*ChunkSize),
		scal:  make([]float64, len(p.consts)),
		vecs:  make([][]float64, len(p.vecNames)),
		args:  make([][]float64, p.maxArgs),
		tmp:   make([]float64, ChunkSize),
	}
}

// bind resolves the environment and runs the shared prologue.
func (p *Program) bind(s *runState, env *Env, hi int) error {
	copy(s.scal, p.consts)
	for k, name := range p.vecNames {
		var v []float64
		ok := false
		if env != nil {
			v, ok = env.Vectors[name]
		}
		if !ok {
			return fmt.Errorf("expr: vector %q is not bound in the environment", name)
		}
		if len(v) < hi {
			return fmt.Errorf("expr: vector %q has %d elements, the run needs %d", name, len(v), hi)
		}
		s.vecs[k] = v
	}
	for k, name := range p.scalNames {
		var v *float64
		if env != nil {
			v = env.Scalars[name]
		}
		if v == nil {
			return fmt.Errorf("expr: shared variable %q is not bound in the environment", name)
		}
		s.scal[p.scalSlots[k]] = *v
	}
	if p.usesRand && (env == nil || env.Rand == nil) {
		return fmt.Errorf("expr: the program calls rand/randn but Env.Rand is nil")
	}
	var one [1]float64
	for _, in := range p.pre {
		if in.op == cCall {
			for j, a := range in.args {
				s.bcast[j] = s.scal[a.idx]
				s.args[j] = s.bcast[j : j+1]
			}
			in.fn(one[:], s.args[:len(in.args)], 1)
			s.scal[in.dst] = one[0]
			continue
		}
		vals := [3]float64{s.scal[in.a.idx], s.scal[in.b.idx], s.scal[in.c.idx]}
		s.scal[in.dst] = evalScalarOp(in.op, vals[:], in.f1)
	}
	return nil
}

// Run executes a statement program for the elements lo <= k < hi. Shared
// values are read once; vectors named in env must have at least hi elements.
func (p *Program) Run(env *Env, lo, hi int) error {
	if p.isExpr {
		return fmt.Errorf("expr: program compiled by CompileExpr: use Eval")
	}
	return p.exec(env, nil, lo, hi)
}

// Eval evaluates a CompileExpr program for the elements lo <= k < hi, writing
// out[k].
func (p *Program) Eval(env *Env, out []float64, lo, hi int) error {
	if !p.isExpr {
		return fmt.Errorf("expr: program compiled by Compile: use Run")
	}
	if len(out) < hi {
		return fmt.Errorf("expr: output has %d elements, the run needs %d", len(out), hi)
	}
	return p.exec(env, out, lo, hi)
}

func (p *Program) exec(env *Env, out []float64, lo, hi int) error {
	if lo < 0 || hi < lo {
		return fmt.Errorf("expr: invalid element range [%d, %d)", lo, hi)
	}
	s := p.state()
	defer p.pool.Put(s)
	if err := p.bind(s, env, hi); err != nil {
		return err
	}
	var rnd Rand
	if env != nil {
		rnd = env.Rand
	}
	for c := lo; c < hi; c += ChunkSize {
		n := min(ChunkSize, hi-c)
		p.chunk(s, out, rnd, c, n)
	}
	return nil
}

// chunk runs the vector operations on elements c..c+n-1.
func (p *Program) chunk(s *runState, out []float64, rnd Rand, c, n int) {
	get := func(o opnd) ([]float64, float64, bool) {
		switch o.kind {
		case kVec:
			return s.vecs[o.idx][c : c+n], 0, false
		case kReg:
			return s.regs[o.idx*ChunkSize : o.idx*ChunkSize+n], 0, false
		}
		return nil, s.scal[o.idx], true
	}
	for i := range p.body {
		in := &p.body[i]
		if in.op == cStore {
			var dst []float64
			if in.dst < 0 {
				dst = out[c : c+n]
			} else {
				dst = s.vecs[in.dst][c : c+n]
			}
			a, as, sa := get(in.a)
			if sa {
				for k := range dst {
					dst[k] = as
				}
			} else {
				copy(dst, a)
			}
			continue
		}
		var dst []float64
		switch {
		case !in.toVec:
			dst = s.regs[in.dst*ChunkSize : in.dst*ChunkSize+n]
		case in.dst < 0:
			dst = out[c : c+n]
		default:
			dst = s.vecs[in.dst][c : c+n]
		}
		switch in.op {
		case cRand:
			for k := range dst {
				dst[k] = rnd.Float64()
			}
			continue
		case cPoisson:
			a, as, sa := get(in.a)
			for k := range dst {
				lam := as
				if !sa {
					lam = a[k]
				}
				dst[k] = poisson(rnd, lam)
			}
			continue
		case cRandn:
			for k := range dst {
				dst[k] = rnd.NormFloat64()
			}
			continue
		case cIndex:
			for k := range dst {
				dst[k] = float64(c + k)
			}
			continue
		case cCall:
			for j, o := range in.args {
				v, sv, sc := get(o)
				if sc {
					b := s.bcast[j*ChunkSize : j*ChunkSize+n]
					for k := range b {
						b[k] = sv
					}
					v = b
				}
				s.args[j] = v
			}
			in.fn(dst, s.args[:len(in.args)], n)
			continue
		case cClip:
			a, as, sa := get(in.a)
			_, bs, sb := get(in.b)
			_, cs, sc := get(in.c)
			if !sa && sb && sc {
				a = a[:len(dst)]
				for k := range dst {
					dst[k] = clip(a[k], bs, cs)
				}
				continue
			}
			for k := range dst {
				x, l, h := as, bs, cs
				if !sa {
					x = a[k]
				}
				if !sb {
					l = s.val(in.b, c, k)
				}
				if !sc {
					h = s.val(in.c, c, k)
				}
				dst[k] = clip(x, l, h)
			}
			continue
		}
		a, as, sa := get(in.a)
		if !sa && (in.op == cExp || in.op == cExpm1 || in.op == cExprel) {
			// The vector kernels need the input intact for their fallback
			// lanes: copy it away when the result overwrites it (registers
			// never do, see finish; a store into the input vector can).
			a = a[:len(dst)]
			if len(dst) > 0 && &dst[0] == &a[0] {
				a = s.tmp[:len(dst)]
				copy(a, dst)
			}
			switch in.op {
			case cExp:
				vecExp(dst, a)
			case cExpm1:
				vecExpm1(dst, a)
			default:
				vecExprel(dst, a)
			}
			continue
		}
		if in.op >= cNeg { // unary
			unary(in.op, in.f1, dst, a, as, sa)
			continue
		}
		b, bs, sb := get(in.b)
		switch {
		case !sa && !sb:
			binVV(in.op, dst, a[:len(dst)], b[:len(dst)])
		case !sa:
			binVS(in.op, dst, a[:len(dst)], bs)
		case !sb:
			binSV(in.op, dst, as, b[:len(dst)])
		default: // both shared: only when a vector op was needed for other reasons
			v := evalScalarOp(in.op, []float64{as, bs}, nil)
			for k := range dst {
				dst[k] = v
			}
		}
	}
}

// val reads element k of a chunk operand (slow path for mixed clip operands).
func (s *runState) val(o opnd, c, k int) float64 {
	switch o.kind {
	case kVec:
		return s.vecs[o.idx][c+k]
	case kReg:
		return s.regs[o.idx*ChunkSize+k]
	}
	return s.scal[o.idx]
}

func unary(op opcode, f1 func(float64) float64, dst, a []float64, as float64, sa bool) {
	if sa {
		v := evalScalarOp(op, []float64{as}, f1)
		for k := range dst {
			dst[k] = v
		}
		return
	}
	a = a[:len(dst)]
	switch op {
	case cNeg:
		for k := range dst {
			dst[k] = -a[k]
		}
	case cNot:
		for k := range dst {
			dst[k] = b2f(a[k] == 0)
		}
	case cSquare:
		for k := range dst {
			dst[k] = a[k] * a[k]
		}
	case cCube:
		for k := range dst {
			dst[k] = a[k] * a[k] * a[k]
		}
	case cSqrt:
		for k := range dst {
			dst[k] = math.Sqrt(a[k])
		}
	case cRecip:
		for k := range dst {
			dst[k] = 1 / a[k]
		}
	case cCbrt:
		for k := range dst {
			dst[k] = powThird(a[k])
		}
	case cCopy:
		copy(dst, a)
	case cF1:
		for k := range dst {
			dst[k] = f1(a[k])
		}
	}
}
