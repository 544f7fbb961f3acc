package expr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/gohears/hears/units"
)

// ChunkSize is the number of elements each vector operation of a compiled
// program processes at a time. Chunks keep the working set of temporaries in
// the L1 cache while each operation is a tight Go loop, so the interpretive
// dispatch costs one switch per operation per 256 elements.
const ChunkSize = 256

// Rand is the random source of rand() (uniform on [0,1)) and randn()
// (standard normal). *math/rand/v2.Rand satisfies it.
type Rand interface {
	Float64() float64
	NormFloat64() float64
}

// Env binds a program's names to storage for one Run.
type Env struct {
	// Vectors holds per-element variables (Vector kind); a Run over [lo, hi)
	// reads and writes elements lo..hi-1.
	Vectors map[string][]float64
	// Scalars holds shared variables (Scalar kind), read at the start of a Run.
	Scalars map[string]*float64
	// Rand is used by rand() and randn(); required only if the program calls
	// them. Draws are made call by call within each chunk of ChunkSize
	// elements, in element order, so the same program, range and seed give
	// the same numbers. Concurrent Runs need separate sources.
	Rand Rand
}

// opcode is an operation of a compiled program.
type opcode int

const (
	cAdd opcode = iota + 1
	cSub
	cMul
	cDiv
	cPow
	cLt
	cLe
	cGt
	cGe
	cEq
	cNe
	cAnd
	cOr
	cMod
	cFloorDiv
	cNeg
	cNot
	cSquare
	cCube
	cSqrt
	cRecip
	cCbrt   // x**(1/3) as math.Cbrt for x >= 0, NaN below, like pow
	cF1     // one-argument math function
	cExp    // exp, vector kernel (vexp.go)
	cExpm1  // expm1, vector kernel
	cExprel // exprel, vector kernel
	cClip   // clip(a, b, c)
	cCall   // user function
	cRand   // uniform
	cRandn  // normal
	cPoisson
	cIndex // element index
	cStore // copy a value into an env vector (target)
	cCopy  // copy a value into a register
)

var binCode = map[Op]opcode{
	OpAdd: cAdd, OpSub: cSub, OpMul: cMul, OpDiv: cDiv, OpPow: cPow,
	OpLt: cLt, OpLe: cLe, OpGt: cGt, OpGe: cGe, OpEq: cEq, OpNe: cNe, OpAnd: cAnd, OpOr: cOr, OpMod: cMod, OpFloorDiv: cFloorDiv,
}

// operand kinds at run time.
const (
	kVec  = iota // env vector
	kReg         // register (chunk buffer)
	kScal        // scalar slot (shared value or constant)
	kOut         // the output slice of Eval
)

type opnd struct {
	kind int
	idx  int
}

type instr struct {
	op      opcode
	dst     int // register, scalar slot, or env vector (cStore; -1 = output)
	a, b, c opnd
	args    []opnd
	f1      func(float64) float64
	fn      VecFunc
	name    string // for messages
	toVec   bool   // the result goes straight to env vector dst (-1: the output)
}

// Program is a compiled statement block or expression. It is immutable and
// safe for concurrent Runs on disjoint element ranges (each with its own Rand
// if the program draws random numbers).
type Program struct {
	vecNames  []string  // env vectors used, in slot order
	vecWrite  []bool    // whether the program writes the vector
	scalNames []string  // env scalars used
	scalSlots []int     // slot of each env scalar
	consts    []float64 // initial scalar slots (constants; others overwritten)
	pre       []instr   // scalar instructions, once per Run
	body      []instr   // vector instructions, per chunk
	nregs     int       // registers
	maxArgs   int       // broadcast buffers needed by user calls
	usesRand  bool      // needs Env.Rand
	isExpr    bool      // compiled by CompileExpr (use Eval)
	text      []string  // source statements, for String
	pool      sync.Pool // *runState
	dimResult units.Dim // CompileExpr: the dimension of the result
}

type runState struct {
	regs  []float64
	bcast []float64
	scal  []float64
	vecs  [][]float64
	args  [][]float64
	tmp   []float64 // a copy of an input that the result overwrites
}

// value is a compile-time value.
type value struct {
	scalar bool    // same for all elements
	konst  bool    // known at compile time
	c      float64 // constant value
	slot   int     // scalar slot (scalar values)
	vec    int     // env vector slot for a direct reference, else -1
	def    int     // defining body instruction, else -1
}

type builder struct {
	d        *Decls
	vals     []value
	pre      []instr
	body     []instr
	preDst   []int // value id of each pre instr result
	preArgs  [][]int
	bodyImp  []bool // impure user call (kept even if its result is unused)
	bodyDst  []int  // value id of each body instr result (-1 for stores)
	bodyUse  [][]int
	cse      map[string]int
	consts   map[float64]int // constant value -> value id
	nslots   int
	slotInit map[int]float64
	vecSlot  map[string]int
	vecNames []string
	vecWrite []bool
	vecVer   map[string]int
	scalVal  map[string]int
	scalName []string
	scalSlot []int
	temps    map[string]int // temp name -> value id
	usesRand bool
	maxArgs  int
}

func newBuilder(d *Decls) *builder {
	return &builder{d: d, cse: map[string]int{}, consts: map[float64]int{}, slotInit: map[int]float64{},
		vecSlot: map[string]int{}, vecVer: map[string]int{}, scalVal: map[string]int{}, temps: map[string]int{}}
}

func (b *builder) newVal(v value) int {
	b.vals = append(b.vals, v)
	return len(b.vals) - 1
}

func (b *builder) constVal(c float64) int {
	if math.IsNaN(c) { // NaN is not a usable map key
		if id, ok := b.cse["nan"]; ok {
			return id
		}
		id := b.newConstSlot(c)
		b.cse["nan"] = id
		return id
	}
	if c == 0 && math.Signbit(c) { // keep -0 apart from 0
		if id, ok := b.cse["-0"]; ok {
			return id
		}
		id := b.newConstSlot(c)
		b.cse["-0"] = id
		return id
	}
	if id, ok := b.consts[c]; ok {
		return id
	}
	id := b.newConstSlot(c)
	b.consts[c] = id
	return id
}

func (b *builder) newConstSlot(c float64) int {
	slot := b.nslots
	b.nslots++
	b.slotInit[slot] = c
	return b.newVal(value{scalar: true, konst: true, c: c, slot: slot, vec: -1, def: -1})
}

func (b *builder) vecRef(name string) int {
	slot, ok := b.vecSlot[name]
	if !ok {
		slot = len(b.vecNames)
		b.vecSlot[name] = slot
		b.vecNames = append(b.vecNames, name)
		b.vecWrite = append(b.vecWrite, false)
	}
	key := "vec:" + name + ":" + strconv.Itoa(b.vecVer[name])
	if id, ok := b.cse[key]; ok {
		return id
	}
	id := b.newVal(value{vec: slot, def: -1})
	b.cse[key] = id
	return id
}

func (b *builder) scalRef(name string) int {
	if id, ok := b.scalVal[name]; ok {
		return id
	}
	slot := b.nslots
	b.nslots++
	id := b.newVal(value{scalar: true, slot: slot, vec: -1, def: -1})
	b.scalVal[name] = id
	b.scalName = append(b.scalName, name)
	b.scalSlot = append(b.scalSlot, slot)
	return id
}

// emit adds an operation on value ids; it folds constants, hoists operations
// on shared values into the per-Run prologue and merges repeated operations.
func (b *builder) emit(op opcode, args []int, f1 func(float64) float64, fn *Func, name string, impure bool) int {
	allConst, allScalar := true, true
	for _, a := range args {
		allConst = allConst && b.vals[a].konst
		allScalar = allScalar && b.vals[a].scalar
	}
	if impure { // rand, randn, impure user functions: evaluated per element
		allConst = false
		allScalar = false
	}
	if allConst && fn == nil && op != cIndex {
		vs := make([]float64, len(args))
		for k, a := range args {
			vs[k] = b.vals[a].c
		}
		return b.constVal(evalScalarOp(op, vs, f1))
	}
	if op == cIndex {
		allScalar = false
	}
	key := ""
	if !impure {
		var sb strings.Builder
		sb.WriteString(strconv.Itoa(int(op)))
		sb.WriteString(name)
		for _, a := range args {
			sb.WriteByte(',')
			sb.WriteString(strconv.Itoa(a))
		}
		key = sb.String()
		if id, ok := b.cse[key]; ok {
			return id
		}
	}
	in := instr{op: op, f1: f1, name: name}
	if fn != nil {
		in.fn = fn.Vec
		if len(args) > b.maxArgs {
			b.maxArgs = len(args)
		}
	}
	var id int
	if allScalar {
		slot := b.nslots
		b.nslots++
		id = b.newVal(value{scalar: true, slot: slot, vec: -1, def: -1})
		in.dst = slot
		b.pre = append(b.pre, in)
		b.preDst = append(b.preDst, id)
		b.preArgs = append(b.preArgs, args)
	} else {
		id = b.newVal(value{vec: -1, def: len(b.body)})
		b.body = append(b.body, in)
		b.bodyDst = append(b.bodyDst, id)
		b.bodyUse = append(b.bodyUse, args)
		b.bodyImp = append(b.bodyImp, impure && fn != nil)
	}
	if key != "" {
		b.cse[key] = id
	}
	return id
}

// evalScalarOp evaluates an operation on scalars (constant folding and the
// per-Run prologue).
func evalScalarOp(op opcode, a []float64, f1 func(float64) float64) float64 {
	switch op {
	case cNeg:
		return -a[0]
	case cNot:
		return b2f(a[0] == 0)
	case cSquare:
		return a[0] * a[0]
	case cCube:
		return a[0] * a[0] * a[0]
	case cSqrt:
		return math.Sqrt(a[0])
	case cRecip:
		return 1 / a[0]
	case cCbrt:
		return powThird(a[0])
	case cF1:
		return f1(a[0])
	case cExp:
		return math.Exp(a[0])
	case cExpm1:
		return math.Expm1(a[0])
	case cExprel:
		return exprel(a[0])
	case cClip:
		return clip(a[0], a[1], a[2])
	case cCopy:
		return a[0]
	}
	for o, c := range binCode {
		if c == op {
			return evalBinary(o, a[0], a[1])
		}
	}
	return math.NaN()
}

func (b *builder) expr(n Node) (int, error) {
	switch m := n.(type) {
	case *Number:
		return b.constVal(m.Value), nil
	case *Name:
		return b.name(m)
	case *Unary:
		x, err := b.expr(m.X)
		if err != nil {
			return 0, err
		}
		if m.Op == OpNot {
			return b.emit(cNot, []int{x}, nil, nil, "", false), nil
		}
		return b.emit(cNeg, []int{x}, nil, nil, "", false), nil
	case *Binary:
		x, err := b.expr(m.X)
		if err != nil {
			return 0, err
		}
		if m.Op == OpPow {
			if p, ok := numVal(Simplify(m.Y)); ok {
				if op, ok := powCodes[p]; ok {
					return b.emit(op, []int{x}, nil, nil, "", false), nil
				}
			}
		}
		y, err := b.expr(m.Y)
		if err != nil {
			return 0, err
		}
		if m.Op == OpPow && b.vals[y].konst {
			if op, ok := powCodes[b.vals[y].c]; ok {
				return b.emit(op, []int{x}, nil, nil, "", false), nil
			}
		}
		return b.emit(binCode[m.Op], []int{x, y}, nil, nil, "", false), nil
	case *CallExpr:
		args := make([]int, len(m.Args))
		for k, a := range m.Args {
			v, err := b.expr(a)
			if err != nil {
				return 0, err
			}
			args[k] = v
		}
		if f, ok := b.d.Funcs[m.Func]; ok && f != nil {
			if f.Vec == nil {
				return 0, errAt(m.At, "function %s has no vector implementation (Func.Vec)", m.Func)
			}
			if f.NArgs >= 0 && f.NArgs != len(args) {
				return 0, errAt(m.At, "%s takes %d argument%s, got %d", m.Func, f.NArgs, plural(f.NArgs), len(args))
			}
			return b.emit(cCall, args, nil, f, m.Func, f.Impure), nil
		}
		bf := builtinFuncs[m.Func]
		if bf == nil {
			return 0, errAt(m.At, "unknown function %q", m.Func)
		}
		if bf.nargs != len(args) {
			return 0, errAt(m.At, "%s takes %d argument%s, got %d", m.Func, bf.nargs, plural(bf.nargs), len(args))
		}
		switch m.Func {
		case "rand":
			b.usesRand = true
			return b.emit(cRand, nil, nil, nil, "rand", true), nil
		case "randn":
			b.usesRand = true
			return b.emit(cRandn, nil, nil, nil, "randn", true), nil
		case "poisson":
			b.usesRand = true
			return b.emit(cPoisson, args, nil, nil, "poisson", true), nil
		case "clip":
			return b.emit(cClip, args, nil, nil, "", false), nil
		case "sqrt":
			return b.emit(cSqrt, args, nil, nil, "", false), nil
		case "timestep":
			// int((t + 1e-3*dt)/dt), as generic operations.
			a := b.emit(cAdd, []int{args[0], b.emit(cMul, []int{b.constVal(1e-3), args[1]}, nil, nil, "", false)}, nil, nil, "", false)
			q := b.emit(cDiv, []int{a, args[1]}, nil, nil, "", false)
			return b.emit(cF1, []int{q}, math.Trunc, nil, "int", false), nil
		}
		switch m.Func {
		case "exp":
			return b.emit(cExp, args, nil, nil, "", false), nil
		case "expm1":
			return b.emit(cExpm1, args, nil, nil, "", false), nil
		case "exprel":
			return b.emit(cExprel, args, nil, nil, "", false), nil
		}
		return b.emit(cF1, args, bf.f1, nil, m.Func, false), nil
	}
	return 0, &Error{Msg: fmt.Sprintf("unknown node type %T", n)}
}

// powCodes replaces x**p for common constant p by cheaper exact or
// near-exact operations. x**(1/3) is the cube-root compression of hair-cell
// models, evaluated on every channel-sample: math.Cbrt costs a quarter of
// math.Pow and differs from it by at most an ulp.
var powCodes = map[float64]opcode{2: cSquare, 3: cCube, 0.5: cSqrt, -1: cRecip, 1.0 / 3: cCbrt}

// powThird is math.Pow(x, 1.0/3) computed as a cube root, with pow's
// special cases: NaN for negative finite x, +0 for ±0, +Inf for ±Inf.
func powThird(x float64) float64 {
	switch {
	case x > 0 || x != x:
		return math.Cbrt(x)
	case x == 0:
		return 0
	case math.IsInf(x, -1):
		return math.Inf(1)
	}
	return math.NaN()
}

func (b *builder) name(m *Name) (int, error) {
	if v, ok := b.d.Vars[m.Name]; ok {
		switch v.Kind {
		case Vector:
			return b.vecRef(m.Name), nil
		case Scalar:
			return b.scalRef(m.Name), nil
		case Constant:
			return b.constVal(v.Value), nil
		case Index:
			return b.emit(cIndex, nil, nil, nil, "", false), nil
		case Temp:
			id, ok := b.temps[m.Name]
			if !ok {
				return 0, errAt(m.At, "temporary %q is used before it is assigned", m.Name)
			}
			return id, nil
		}
		return 0, errAt(m.At, "name %q has an invalid declaration kind %d", m.Name, v.Kind)
	}
	if IsNoise(m.Name) {
		return 0, errAt(m.At, "noise %q must be declared (the caller draws it, e.g. as a temporary from randn())", m.Name)
	}
	if _, val, isConst, ok := resolveName(m.Name, nil); ok && isConst {
		return b.constVal(val), nil
	}
	return 0, errAt(m.At, "unknown name %q", m.Name)
}

// Compile compiles a statement block into a Program. Statements run in order
// for every element; a later statement sees the values written by earlier
// ones. Targets must be declared Vector or Temp (or start with '_', making
// them temporaries). Unless d.NoUnitCheck, each statement is dimension-checked:
// "=", "+=" and "-=" need the target's dimension, "*=" and "/=" a
// dimensionless value. d is not modified.
func Compile(stmts []Statement, d *Decls) (*Program, error) {
	if d == nil {
		d = NewDecls()
	}
	d = d.clone()
	b := newBuilder(d)
	p := &Program{}
	for _, st := range stmts {
		if st.Value == nil {
			return nil, errAt(Pos{st.Line, st.Col}, "statement for %q has no value", st.Target)
		}
		p.text = append(p.text, st.String())
		v, declared := d.Vars[st.Target]
		if !declared {
			if !strings.HasPrefix(st.Target, "_") {
				return nil, errAt(Pos{st.Line, st.Col}, "cannot assign to undeclared variable %q", st.Target)
			}
			if st.Op != "=" {
				return nil, errAt(Pos{st.Line, st.Col}, "temporary %q must be assigned with '=' first", st.Target)
			}
			v = Var{Kind: Temp}
			if !d.NoUnitCheck {
				dim, err := DimOf(st.Value, d)
				if err != nil {
					return nil, err
				}
				v.Dim = dim
			}
			d.Vars[st.Target] = v
		}
		switch v.Kind {
		case Vector, Temp:
		default:
			return nil, errAt(Pos{st.Line, st.Col}, "cannot assign to %q: only per-element variables and temporaries can be targets", st.Target)
		}
		if !d.NoUnitCheck {
			if err := checkStatement(st, v.Dim, d); err != nil {
				return nil, err
			}
		}
		value := st.Value
		switch st.Op {
		case "=":
		case "+=", "-=", "*=", "/=":
			op := map[string]Op{"+=": OpAdd, "-=": OpSub, "*=": OpMul, "/=": OpDiv}[st.Op]
			value = &Binary{Op: op, X: &Name{Name: st.Target, At: Pos{st.Line, st.Col}}, Y: st.Value, At: Pos{st.Line, st.Col}}
		default:
			return nil, errAt(Pos{st.Line, st.Col}, "unknown assignment operator %q", st.Op)
		}
		if d.Reassociate {
			value = FoldConstants(value, d.ConstantValue)
		}
		id, err := b.expr(value)
		if err != nil {
			return nil, err
		}
		if v.Kind == Temp {
			if b.vals[id].vec >= 0 {
				// A temporary must not alias a vector that may be overwritten later.
				id = b.emit(cCopy, []int{id}, nil, nil, "", true)
			}
			b.temps[st.Target] = id
			continue
		}
		slot := b.vecSlotFor(st.Target)
		b.vecWrite[slot] = true
		in := instr{op: cStore, dst: slot}
		b.body = append(b.body, in)
		b.bodyDst = append(b.bodyDst, -1)
		b.bodyUse = append(b.bodyUse, []int{id})
		b.bodyImp = append(b.bodyImp, false)
		b.vecVer[st.Target]++
	}
	if err := b.finish(p); err != nil {
		return nil, err
	}
	return p, nil
}

func (b *builder) vecSlotFor(name string) int {
	if slot, ok := b.vecSlot[name]; ok {
		return slot
	}
	slot := len(b.vecNames)
	b.vecSlot[name] = slot
	b.vecNames = append(b.vecNames, name)
	b.vecWrite = append(b.vecWrite, false)
	return slot
}

func checkStatement(st Statement, target units.Dim, s Scope) error {
	d, err := DimOf(st.Value, s)
	if err != nil {
		return err
	}
	pos := Pos{st.Line, st.Col}
	switch st.Op {
	case "*=", "/=":
		if !d.IsDimensionless() {
			return errAt(pos, "%s: the value of %s must be dimensionless, got %s", st, st.Op, d)
		}
	default:
		if d != target && !isWild(st.Value) {
			return errAt(pos, "%s: %s has dimension %s but the value has %s", st, st.Target, target, d)
		}
	}
	return nil
}

// CompileExpr compiles one expression; Eval writes its value for each element
// into an output slice. Unless d.NoUnitCheck the expression is dimension-checked
// (ResultDim reports the result's dimension).
func CompileExpr(n Node, d *Decls) (*Program, error) {
	if d == nil {
		d = NewDecls()
	}
	var dim units.Dim
	if !d.NoUnitCheck {
		var err error
		if dim, err = DimOf(n, d); err != nil {
			return nil, err
		}
	}
	d = d.clone()
	b := newBuilder(d)
	folded := n
	if d.Reassociate {
		folded = FoldConstants(n, d.ConstantValue)
	}
	id, err := b.expr(folded)
	if err != nil {
		return nil, err
	}
	b.body = append(b.body, instr{op: cStore, dst: -1})
	b.bodyDst = append(b.bodyDst, -1)
	b.bodyUse = append(b.bodyUse, []int{id})
	b.bodyImp = append(b.bodyImp, false)
	p := &Program{isExpr: true, dimResult: dim, text: []string{n.String()}}
	if err := b.finish(p); err != nil {
		return nil, err
	}
	return p, nil
}

// finish removes dead operations, allocates registers and fills p.
func (b *builder) finish(p *Program) error {
	// Dead-code elimination, backwards: stores, random draws and impure
	// calls are live; so is everything they use.
	live := make([]bool, len(b.vals))
	bodyLive := make([]bool, len(b.body))
	for k := len(b.body) - 1; k >= 0; k-- {
		in := b.body[k]
		keep := in.op == cStore || in.op == cRand || in.op == cRandn || in.op == cPoisson ||
			(b.bodyDst[k] >= 0 && live[b.bodyDst[k]])
		if b.bodyImp[k] {
			keep = true
		}
		if keep {
			bodyLive[k] = true
			for _, a := range b.bodyUse[k] {
				live[a] = true
			}
		}
	}
	preLive := make([]bool, len(b.pre))
	for k := len(b.pre) - 1; k >= 0; k-- {
		if live[b.preDst[k]] {
			preLive[k] = true
			for _, a := range b.preArgs[k] {
				live[a] = true
			}
		}
	}
	b.fuseStores(bodyLive)
	// Last use of each body value, over live instructions.
	lastUse := make([]int, len(b.vals))
	for k := range lastUse {
		lastUse[k] = -1
	}
	for k, args := range b.bodyUse {
		if bodyLive[k] {
			for _, a := range args {
				lastUse[a] = k
			}
		}
	}
	reg := make([]int, len(b.vals))
	var free []int
	nregs := 0
	alloc := func() int {
		if n := len(free); n > 0 {
			r := free[n-1]
			free = free[:n-1]
			return r
		}
		nregs++
		return nregs - 1
	}
	toOpnd := func(id int) opnd {
		v := b.vals[id]
		switch {
		case v.scalar:
			return opndScal(v.slot)
		case v.vec >= 0:
			return opnd{kind: kVec, idx: v.vec}
		}
		return opnd{kind: kReg, idx: reg[id]}
	}
	for k, in := range b.body {
		if !bodyLive[k] {
			continue
		}
		args := b.bodyUse[k]
		ops := make([]opnd, len(args))
		for j, a := range args {
			ops[j] = toOpnd(a)
		}
		releaseArgs := func() {
			for _, a := range args {
				if lastUse[a] == k && !b.vals[a].scalar && b.vals[a].vec < 0 {
					lastUse[a] = -2 // release once
					free = append(free, reg[a])
				}
			}
		}
		if in.op == cStore {
			in.a = ops[0]
			releaseArgs()
		} else if in.toVec {
			releaseArgs()
			setOperands(&in, ops)
		} else {
			// Elementwise ops may write in place; calls and the exp kernels
			// (whose fallback lanes reread the input) get a fresh register.
			inPlace := in.op != cCall && in.op != cExp && in.op != cExpm1 && in.op != cExprel
			if inPlace {
				releaseArgs()
			}
			r := alloc()
			reg[b.bodyDst[k]] = r
			in.dst = r
			if !inPlace {
				releaseArgs()
			}
			if lastUse[b.bodyDst[k]] < 0 {
				free = append(free, r) // result unused (impure call or random draw)
			}
			setOperands(&in, ops)
		}
		p.body = append(p.body, in)
	}
	for k, in := range b.pre {
		if !preLive[k] {
			continue
		}
		args := b.preArgs[k]
		ops := make([]opnd, len(args))
		for j, a := range args {
			ops[j] = opndScal(b.vals[a].slot)
		}
		setOperands(&in, ops)
		p.pre = append(p.pre, in)
	}
	p.nregs = nregs
	p.maxArgs = b.maxArgs
	p.usesRand = b.usesRand
	p.vecNames = b.vecNames
	p.vecWrite = b.vecWrite
	p.scalNames = b.scalName
	p.scalSlots = b.scalSlot
	p.consts = make([]float64, b.nslots)
	for s, c := range b.slotInit {
		p.consts[s] = c
	}
	return nil
}

// fuseStores lets the operation that computes a stored value write straight
// into the target vector (or the output) instead of a register followed by a
// copy, when the value has no other use and nothing in between touches the
// target. Elementwise operations may read the target they write.
func (b *builder) fuseStores(live []bool) {
	uses := make([]int, len(b.vals))
	for k, args := range b.bodyUse {
		if live[k] {
			for _, a := range args {
				uses[a]++
			}
		}
	}
	for s, in := range b.body {
		if !live[s] || in.op != cStore {
			continue
		}
		id := b.bodyUse[s][0]
		k := b.vals[id].def
		if k < 0 || uses[id] != 1 || b.body[k].op == cCall || b.body[k].toVec {
			continue
		}
		target := in.dst
		clash := false
		for j := k + 1; j < s && !clash; j++ {
			if !live[j] {
				continue
			}
			if target >= 0 && b.body[j].op == cStore && b.body[j].dst == target {
				clash = true
			}
			for _, a := range b.bodyUse[j] {
				if target >= 0 && b.vals[a].vec == target {
					clash = true
				}
			}
			if target < 0 && b.body[j].op == cStore && b.body[j].dst < 0 {
				clash = true
			}
		}
		if clash {
			continue
		}
		b.body[k].toVec = true
		b.body[k].dst = target
		b.bodyDst[k] = -1
		live[s] = false
	}
}

func opndScal(slot int) opnd { return opnd{kind: kScal, idx: slot} }

func setOperands(in *instr, ops []opnd) {
	if in.op == cCall {
		in.args = ops
		return
	}
	if len(ops) > 0 {
		in.a = ops[0]
	}
	if len(ops) > 1 {
		in.b = ops[1]
	}
	if len(ops) > 2 {
		in.c = ops[2]
	}
}

// ResultDim returns the dimension of a CompileExpr program's result
// (dimensionless if unit checking was off).
func (p *Program) ResultDim() units.Dim { return p.dimResult }

// Inputs returns the per-element variables the program reads or writes
// (in first-use order), and which of them it writes.
func (p *Program) Inputs() (names []string, written []bool) {
	return append([]string(nil), p.vecNames...), append([]bool(nil), p.vecWrite...)
}

// SharedInputs returns the shared variables the program reads.
func (p *Program) SharedInputs() []string { return append([]string(nil), p.scalNames...) }

// UsesRand reports whether the program draws random numbers (needs Env.Rand).
func (p *Program) UsesRand() bool { return p.usesRand }

// NumOps returns the number of per-Run (shared) and per-chunk (vector)
// operations after folding, merging and dead-code removal.
func (p *Program) NumOps() (shared, vector int) { return len(p.pre), len(p.body) }

// String lists the source statements.
func (p *Program) String() string { return strings.Join(p.text, "\n") }
