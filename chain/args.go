package chain

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// args reads a node's keyword arguments. Each getter records the key as
// known; the first error is kept and returned by err, so a builder reads all
// its arguments and checks once. Unknown keys are reported by finish with the
// list of keys the class takes.
type args struct {
	node  *Node
	known []string
	first error
	erb   func(low, high float64, n int) ([]float64, error)
}

func newArgs(n *Node, erb func(low, high float64, n int) ([]float64, error)) *args {
	return &args{node: n, erb: erb}
}

func (a *args) fail(key, format string, v ...any) {
	if a.first == nil {
		a.first = fmt.Errorf("chain: %s: key %q: %s", a.node.Label(), key, fmt.Sprintf(format, v...))
	}
}

func (a *args) raw(key string, required bool) (json.RawMessage, bool) {
	a.known = append(a.known, key)
	v, ok := a.node.args[key]
	if !ok && required {
		a.fail(key, "missing (required by %s)", a.node.Class)
	}
	return v, ok
}

// has reports whether the key is present (and marks it known).
func (a *args) has(key string) bool {
	_, ok := a.raw(key, false)
	return ok
}

// finish reports the first error, or an unknown key.
func (a *args) finish() error {
	if a.first != nil {
		return a.first
	}
	var unknown []string
	for _, k := range a.node.Keys() {
		if !contains(a.known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		ks := append([]string(nil), a.known...)
		sort.Strings(ks)
		return fmt.Errorf("chain: %s: unknown key %q; %s takes %s", a.node.Label(), unknown[0], a.node.Class, quoteList(ks))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(ks []string) string {
	if len(ks) == 0 {
		return "no keys"
	}
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// float reads a finite number; def is used when the key is absent.
func (a *args) float(key string, def float64) float64 {
	v, ok := a.raw(key, false)
	if !ok {
		return def
	}
	return a.decodeFloat(key, v)
}

// mustFloat reads a required finite number.
func (a *args) mustFloat(key string) float64 {
	v, ok := a.raw(key, true)
	if !ok {
		return 0
	}
	return a.decodeFloat(key, v)
}

func (a *args) decodeFloat(key string, v json.RawMessage) float64 {
	var f float64
	if err := json.Unmarshal(v, &f); err != nil || !finite(f) {
		a.fail(key, "expected a number, got %s", v)
	}
	return f
}

// Limits on the sizes a chain file may ask for. They sit far above any
// published model (Brian Hears' examples use a few thousand channels and
// cascades of a few stages) and exist so that a mistyped count, such as
// an extra zero or {"erbspace": [20, 20000, 1e9]}, is an error naming the
// node and key rather than an out-of-memory crash: every channel of every
// node holds a block of samples, and every stage or tap of a filter holds
// coefficients and state for each of its channels.
const (
	// MaxChannels is the most channels the nodes of one chain may have
	// between them (about 1 GiB of block buffers at 1024-frame blocks).
	MaxChannels = 1 << 16
	// MaxStages is the most cascaded stages a node may ask for (order,
	// ncascades, Cascade's n).
	MaxStages = 1000
	// MaxTaps is the most taps a filter_length may ask for.
	MaxTaps = 1 << 16
	// maxCoefficients bounds channels × stages and channels × taps of one
	// node (128 MiB of float64).
	maxCoefficients = 1 << 24
)

// count reads a whole number in [lo, hi]; def is used when the key is
// absent.
func (a *args) count(key string, def, lo, hi int) int {
	v, ok := a.raw(key, false)
	if !ok {
		return def
	}
	var f float64
	if err := json.Unmarshal(v, &f); err != nil || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		a.fail(key, "expected a whole number from %d to %d, got %s", lo, hi, v)
		return def
	}
	return int(f)
}

// budget fails on key when channels × per (stages or taps per channel)
// exceeds maxCoefficients.
func (a *args) budget(key string, channels, per int) {
	if int64(channels)*int64(per) > maxCoefficients {
		a.fail(key, "%d channels × %d would need %d coefficients, more than the limit of %d", channels, per, int64(channels)*int64(per), maxCoefficients)
	}
}

// channels fails on key when a node would have more than MaxChannels
// channels.
func (a *args) channels(key string, n int64) {
	if n > MaxChannels {
		a.fail(key, "the node would have %d channels, more than the limit of %d (MaxChannels)", n, MaxChannels)
	}
}

// integer reads a whole number from -2^31 to 2^31-1 (an int on every
// platform); def is used when the key is absent.
func (a *args) integer(key string, def int) int {
	return a.count(key, def, math.MinInt32, math.MaxInt32)
}

// str reads a string; def is used when the key is absent.
func (a *args) str(key, def string) string {
	v, ok := a.raw(key, false)
	if !ok {
		return def
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		a.fail(key, "expected a string, got %s", v)
	}
	return s
}

// floats reads a frequency list or any list of numbers: a number (a list of
// one), a list, {"erbspace": [low, high, N]} or {"linspace": [a, b, N]}.
func (a *args) floats(key string, required bool) []float64 {
	v, ok := a.raw(key, required)
	if !ok {
		return nil
	}
	return a.decodeFloats(key, v)
}

func (a *args) decodeFloats(key string, v json.RawMessage) []float64 {
	var f float64
	if err := json.Unmarshal(v, &f); err == nil {
		if !finite(f) {
			a.fail(key, "not a finite number: %s", v)
		}
		return []float64{f}
	}
	var list []float64
	if err := json.Unmarshal(v, &list); err == nil {
		if len(list) == 0 {
			a.fail(key, "empty list")
		}
		if len(list) > MaxChannels {
			a.fail(key, "%d values, more than the limit of %d (MaxChannels)", len(list), MaxChannels)
			return nil
		}
		for i, x := range list {
			if !finite(x) {
				a.fail(key, "element %d is not a finite number", i)
			}
		}
		return list
	}
	var gen map[string][]float64
	if err := json.Unmarshal(v, &gen); err != nil || len(gen) != 1 {
		a.fail(key, "expected a number, a list of numbers, {\"erbspace\": [low, high, N]} or {\"linspace\": [a, b, N]}, got %s", v)
		return nil
	}
	for kind, p := range gen {
		if len(p) != 3 || p[2] != math.Trunc(p[2]) || p[2] < 1 || p[2] > MaxChannels || !finite(p[0]) || !finite(p[1]) {
			a.fail(key, "%s needs [low, high, N] with a whole N from 1 to %d (MaxChannels), got %v", kind, MaxChannels, p)
			return nil
		}
		n := int(p[2])
		switch kind {
		case "erbspace":
			if !(p[0] > 0 && p[1] > p[0]) {
				a.fail(key, "erbspace needs 0 < low < high (Hz), got %v", p)
				return nil
			}
			f, err := a.erb(p[0], p[1], n)
			if err != nil {
				a.fail(key, "%v", err)
			}
			return f
		case "linspace":
			out := make([]float64, n)
			for i := range out {
				if n == 1 {
					out[i] = p[0]
				} else {
					out[i] = p[0] + (p[1]-p[0])*float64(i)/float64(n-1)
				}
			}
			return out
		default:
			a.fail(key, "unknown generator %q (expected \"erbspace\" or \"linspace\")", kind)
		}
	}
	return nil
}

// matrix reads a list of lists of numbers (rows need not be equal unless
// the caller checks).
func (a *args) matrix(key string, required bool) [][]float64 {
	v, ok := a.raw(key, required)
	if !ok {
		return nil
	}
	var m [][]float64
	if err := json.Unmarshal(v, &m); err != nil {
		var row []float64
		if err2 := json.Unmarshal(v, &row); err2 == nil {
			return [][]float64{row}
		}
		a.fail(key, "expected a list of lists of numbers, got %.60s", v)
		return nil
	}
	for _, r := range m {
		for j, x := range r {
			if !finite(x) {
				a.fail(key, "element %d of a row is not a finite number", j)
			}
		}
	}
	return m
}

// tensor3 reads a [channel][tap][stage] coefficient array.
func (a *args) tensor3(key string, required bool) [][][]float64 {
	v, ok := a.raw(key, required)
	if !ok {
		return nil
	}
	var t [][][]float64
	if err := json.Unmarshal(v, &t); err != nil {
		var m [][]float64
		if err2 := json.Unmarshal(v, &m); err2 == nil {
			// [channel][tap]: one stage.
			t = make([][][]float64, len(m))
			for c, row := range m {
				t[c] = make([][]float64, len(row))
				for k, x := range row {
					t[c][k] = []float64{x}
				}
			}
			return t
		}
		a.fail(key, "expected an array shaped [channel][tap][stage], got %.60s", v)
		return nil
	}
	return t
}

// ints reads a list of whole numbers.
func (a *args) ints(key string, required bool) []int {
	fs := a.floats(key, required)
	out := make([]int, len(fs))
	for i, f := range fs {
		if f != math.Trunc(f) || math.Abs(f) > 1<<31 {
			a.fail(key, "element %d is not a whole number of at most 2^31 in magnitude: %v", i, f)
			return nil
		}
		out[i] = int(f)
	}
	return out
}

// namedValues is one entry of a model's parameter overrides.
type namedValues struct {
	name string
	v    []float64
}

// paramList reads a {"name": number or [numbers]} object of model parameter
// overrides (Brian Hears' param dictionaries), sorted by name so that errors
// are reproducible.
func (a *args) paramList(key string) []namedValues {
	v, ok := a.raw(key, false)
	if !ok {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		a.fail(key, "expected an object of {\"name\": number or [numbers]}, got %.60s", v)
		return nil
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]namedValues, 0, len(names))
	for _, k := range names {
		out = append(out, namedValues{k, a.decodeFloats(key+"."+k, m[k])})
	}
	return out
}

// maxInterval bounds update_interval (samples): a day at 50 kHz, or the
// largest int where int has 32 bits.
const maxInterval = min(50000*86400, math.MaxInt)

// setParams applies a {"name": number or [numbers]} object of model
// parameter overrides through set (a params type's SetValues, or Set through
// scalar), reporting each failure on key.
func (a *args) setParams(key string, set func(name string, v []float64) error) {
	for _, kv := range a.paramList(key) {
		if err := set(kv.name, kv.v); err != nil {
			a.fail(key, "%v", err)
		}
	}
}

// scalar adapts a parameter setter that takes one number to setParams.
func scalar(set func(name string, v float64) error) func(string, []float64) error {
	return func(name string, v []float64) error {
		if len(v) != 1 {
			return fmt.Errorf("%q takes one number", name)
		}
		return set(name, v[0])
	}
}
