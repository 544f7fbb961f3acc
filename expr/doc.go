// Package expr is gohears' text language for models: Brian2's equation syntax,
// expressions and statements, parsed once, dimension-checked with package
// units, manipulated symbolically, and compiled into vector programs that run
// over arrays of elements (neurons or channels).
//
// # Parsing
//
//	n, err := expr.ParseExpr("3*clip(x, 0, inf)**(1/3)")          // expr.Node
//	stmts, err := expr.ParseStatements("v = v_reset; w += b")     // []expr.Statement
//	eqs, err := expr.ParseEquations(`
//	    dv/dt = (gL*(EL - v) + I - w)/C : volt (unless refractory)
//	    dw/dt = (a*(v - EL) - w)/tauw   : amp
//	    I : amp (shared)`)                                           // *expr.Equations
//
// Expressions follow Python precedence: or, and, not, comparisons, + -,
// * / % // (modulo and floor division as in Python), unary -, **
// (right-associative). '^' is rejected with a hint to use '**'.
// Numbers carry units by multiplication (10*mV). Functions: exp log log10 sqrt
// sin cos tan sinh cosh tanh arcsin arccos arctan abs sign floor ceil clip int
// exprel expm1 log1p timestep rand randn poisson, plus user functions (Func).
// Names: pi, e, inf, True, False, every unit of package units and its
// physical constants, and the special names t, dt, i, N and xi, xi_* (white
// noise, dimension second^-1/2). Dimension checking knows t, dt (second), i
// and N (1) without declarations; compiled programs need them declared.
//
// Equations: "dx/dt = expr : unit (flags)", "name = expr : unit (flags)",
// "name : unit (flags)". An equation ends with the line holding its ':' (so
// an expression may continue over lines). Flags are returned verbatim
// (whitespace-normalised) for the caller to validate: constant, shared,
// unless refractory, linked, constant over dt, summed, event-driven... Units
// "boolean" and "integer" set Equation.Type.
//
// Every error is an *Error with Line and Col and reads like
//
//	line 1:10: dv/dt = (I - v)/tau: cannot subtract volt from amp in "I - v"
//
// # Dimensions
//
// DimOf(node, scope) returns an expression's units.Dim; (*Equations).Check(scope)
// checks a whole model; EvalConst evaluates a constant expression with units
// ("10*ms") to a units.Quantity; ParseUnit parses a unit ("siemens/meter**2"). A Scope maps names to dimensions and functions to
// result rules: Dims (a map), *Decls, or Chain to layer them.
//
// # Symbolic work
//
// Substitute, Simplify (constant folding, neutral elements), Derivative,
// SplitLinear / IsLinear (n == A*x + B with A, B free of x), Variables,
// DependsOn, Equal, and (*Equations).Substituted (subexpressions substituted
// into a right-hand side). Trees can be built in Go with Num, Ident, Neg, Not,
// Add, Sub, Mul, Div, Pow, Bin, Call and statements with Assign.
//
// # Compiled evaluation
//
// Compile turns a statement block, and CompileExpr one expression, into a
// Program over arrays of elements. Decls declares each name: Vector
// (per-element []float64), Scalar (shared *float64, read once per Run),
// Constant (folded at compile time), Temp (per-element temporary; undeclared
// targets starting with '_' are temporaries), Index (the element index, i),
// and user functions (Func with a vector implementation, e.g. TimedArray
// lookups ta(t, i)). Env binds the names for a Run; rand() and randn() draw
// from Env.Rand.
//
//	d := expr.NewDecls().
//		Vector("v", units.DimVoltage()).Vector("w", units.DimCurrent()).
//		Constant("v_reset", -70e-3, units.DimVoltage()).Scalar("b", units.DimCurrent())
//	stmts, _ := expr.ParseStatements("v = v_reset; w += b")
//	prog, err := expr.Compile(stmts, d)
//	err = prog.Run(&expr.Env{
//		Vectors: map[string][]float64{"v": v, "w": w},
//		Scalars: map[string]*float64{"b": &b},
//	}, 0, len(v))
//
//	f, err := expr.CompileExpr(expr.MustParseExpr("3*clip(x, 0, inf)**(1/3)"),
//		expr.NewDecls().Vector("x", units.Dimensionless()))
//	err = f.Eval(&expr.Env{Vectors: map[string][]float64{"x": x}}, out, 0, len(x))
//
// A Program is a list of vector operations, each a tight Go loop over a chunk
// of ChunkSize (256) elements: constants are folded, operations on shared
// values run once per Run, repeated subexpressions are computed once, unused
// results are dropped and chunk buffers are reused. Statements take effect in
// order for each element (the result equals running each statement over all
// elements in turn, because elements never read each other). Programs hold no
// mutable state: one Program may Run concurrently on disjoint ranges.
package expr
