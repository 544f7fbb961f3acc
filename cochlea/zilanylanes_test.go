package cochlea

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// zilanyLanesRun runs the IHC kernel for cf on x (one channel, or one per
// cf) in blocks of block frames, with the lanes kernel on or off, and
// returns the output probe out.
func zilanyLanesRun(t *testing.T, cf []float64, p ZilanyParams, x []float64, perChannel bool, block, out int, lanes bool) []float64 {
	t.Helper()
	defer func(old bool) { zilanyLanesSIMD = old }(zilanyLanesSIMD)
	zilanyLanesSIMD = lanes
	k, err := NewZilanyIHCKernel(cf, 100e3, p)
	if err != nil {
		t.Fatal(err)
	}
	k.out = out
	nc := len(cf)
	frames := len(x)
	if perChannel {
		frames /= nc
	}
	res := make([]float64, frames*nc)
	for s := 0; s < frames; s += block {
		n := min(block, frames-s)
		in := x[s : s+n]
		if perChannel {
			in = x[s*nc : (s+n)*nc]
		}
		if err := k.Process(res[s*nc:(s+n)*nc], [][]float64{in}, n); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

// TestZilanyLanesMatchScalar checks that the AVX2 lanes give every channel
// exactly the values ZilanyIHCKernel.frame gives one channel at a time
// (equal as float64s: the sign of a zero aside, the same bits), for loud
// and quiet sounds, tones far above and below the CFs, impaired hair cells,
// both species' tunings, groups of four with a remainder, per-channel
// input and blocks that do not divide the sound.
func TestZilanyLanesMatchScalar(t *testing.T) {
	if !zilanyLanesSIMD {
		t.Skip("no AVX2 lanes on this machine")
	}
	if goFusesMulAdd {
		t.Skip("built with GOAMD64=v3 or above: the compiler fuses multiply-adds in the one-channel code")
	}
	const fs = 100e3
	rng := rand.New(rand.NewPCG(3, 4))
	mk := func(n int, f func(i int) float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = f(i)
		}
		return x
	}
	tone := func(hz, db float64, n int) []float64 {
		a := math.Sqrt2 * 20e-6 * math.Pow(10, db/20)
		return mk(n, func(i int) float64 { return a * math.Sin(2*math.Pi*hz*float64(i)/fs) })
	}
	cfs := []float64{125, 180, 420, 1000, 2300, 5000, 11000, 20000, 39000}
	cases := []struct {
		name       string
		cf         []float64
		p          ZilanyParams
		x          []float64
		perChannel bool
		block      int
	}{
		{"tone 1 kHz 60 dB", cfs, DefaultZilanyParams(), tone(1000, 60, 6000), false, 4096},
		{"tone 500 Hz 110 dB", cfs, DefaultZilanyParams(), tone(500, 110, 6000), false, 777},
		{"tone 8 kHz 90 dB, cohc 0.3 cihc 0.6", cfs[:7], ZilanyParams{Species: ZilanyCat, COHC: 0.3, CIHC: 0.6}, tone(8000, 90, 5000), false, 1000},
		{"noise 80 dB, human Shera", cfs[:8], ZilanyParams{Species: ZilanyHumanShera, COHC: 1, CIHC: 1},
			mk(5000, func(int) float64 { return 0.2 * rng.NormFloat64() }), false, 2048},
		{"clicks, human Glasberg-Moore", cfs[:6], ZilanyParams{Species: ZilanyHumanGlasbergMoore, COHC: 1, CIHC: 1},
			mk(5000, func(i int) float64 { return 2 * float64(min(1, (i%1500)/1499)) }), false, 333},
		// A 39 kHz channel driven far beyond the model's range (its
		// control path's exponential overflows) beside ordinary ones: the
		// lanes hand the frames back for that channel alone.
		{"one channel overdriven", []float64{39000, 30000, 20000, 10000, 5000}, DefaultZilanyParams(),
			mk(5*4000, func(i int) float64 {
				a := 0.1
				if i%5 == 0 && (i/5)%1000 < 3 {
					a = 3e4
				}
				return a * math.Sin(float64(i/5)*0.3)
			}), true, 1000},
		{"per channel input, cohc 0", cfs[:5], ZilanyParams{Species: ZilanyCat, COHC: 0, CIHC: 1},
			mk(5*4000, func(i int) float64 { return 0.05 * float64(i%5+1) * math.Sin(float64(i)*0.01) }), true, 1500},
	}
	handed := zilanyLanesHandedBack.Load()
	for _, c := range cases {
		for _, out := range []int{zOutIHC, zOutC1, zOutC2} {
			want := zilanyLanesRun(t, c.cf, c.p, c.x, c.perChannel, c.block, out, false)
			got := zilanyLanesRun(t, c.cf, c.p, c.x, c.perChannel, c.block, out, true)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s, output %d: channel %d frame %d: lanes %v, one channel at a time %v",
						c.name, out, i%len(c.cf), i/len(c.cf), got[i], want[i])
				}
			}
		}
	}
	if zilanyLanesHandedBack.Load() == handed {
		t.Error("no case made some lanes, but not all, hand a frame back")
	}
}

// TestZilanyLanesLayout checks that the offsets zilanylanes_amd64.s
// defines (ZL_NAME) are the rows zilanylanes.go names (zlName) and the
// fields of zLanes.
func TestZilanyLanesLayout(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "zilanylanes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"RING":     int(unsafe.Offsetof(zLanes{}.ring)),
		"MASK":     int(unsafe.Offsetof(zLanes{}.mask)),
		"N":        int(unsafe.Offsetof(zLanes{}.n)),
		"FAILED":   int(unsafe.Offsetof(zLanes{}.failed)),
		"INSTRIDE": int(unsafe.Offsetof(zLanes{}.inStride)),
		"MONO":     int(unsafe.Offsetof(zLanes{}.mono)),
	}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 || !strings.HasPrefix(vs.Names[0].Name, "zl") {
			return true
		}
		lit, ok := vs.Values[0].(*ast.BasicLit)
		if !ok {
			return true
		}
		v, err := strconv.Atoi(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		want[strings.ToUpper(strings.TrimPrefix(vs.Names[0].Name, "zl"))] = 32 * v
		return true
	})
	if want["ROWS"] != 32*zlRows || int(unsafe.Offsetof(zLanes{}.ring)) != 32*zlRows {
		t.Fatalf("zLanes.v has %d rows; parsed %d", zlRows, want["ROWS"]/32)
	}
	src, err := os.ReadFile("zilanylanes_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defs := regexp.MustCompile(`(?m)^#define ZL_([A-Z0-9]+) \((\d+)\*32(?:\+(\d+))?\)$`).FindAllStringSubmatch(string(src), -1)
	if len(defs) < 40 {
		t.Fatalf("found %d ZL_ offsets in zilanylanes_amd64.s", len(defs))
	}
	for _, d := range defs {
		row, _ := strconv.Atoi(d[2])
		add, _ := strconv.Atoi(d[3])
		w, ok := want[d[1]]
		if !ok {
			t.Errorf("ZL_%s has no counterpart in zilanylanes.go", d[1])
		} else if w != 32*row+add {
			t.Errorf("ZL_%s is byte %d; zilanylanes.go puts it at %d", d[1], 32*row+add, w)
		}
	}
}

// BenchmarkZilanyScalarIHC is BenchmarkZilanyIHC one channel at a time
// (ZilanyIHCKernel.frame), as on machines without AVX2.
func BenchmarkZilanyScalarIHC(b *testing.B) {
	defer func(old bool) { zilanyLanesSIMD = old }(zilanyLanesSIMD)
	zilanyLanesSIMD = false
	BenchmarkZilanyIHC(b)
}
