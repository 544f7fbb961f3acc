package cochlea

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// TestDRNLReference checks DRNL(type='human') against brian2hears. The
// model is a chain of linear filters around a memoryless compression, so
// the reference tolerance (nonlinear class, 1e-7 of the peak) holds with a
// wide margin; the only differences are rounding (folded scale factors,
// math.Pow against numpy's power).
func TestDRNLReference(t *testing.T) {
	c, snd, want := refCase(t, "drnl_human_20ch")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range []int{32, 1, 7, 1500} {
		fb, err := DRNL(snd, cf, DRNLHuman())
		if err != nil {
			t.Fatal(err)
		}
		got := readBlocks(t, fb, snd.NumFrames(), block)
		compareRef(t, c, got, want)
	}
}

func TestDRNLParams(t *testing.T) {
	p := DRNLHuman()
	if err := p.Set("c_p0", -0.5); err != nil {
		t.Fatal(err)
	}
	if p.C.P0 != -0.5 {
		t.Fatalf("c_p0 not set: %v", p.C.P0)
	}
	if v, _ := p.Get("lp_nl_cutoff_m"); v != 1.016 {
		t.Fatalf("lp_nl_cutoff_m = %v", v)
	}
	err := p.Set("c_p1", 1)
	if err == nil || !strings.Contains(err.Error(), "lp_nl_cutoff_m") || !strings.Contains(err.Error(), "stape_scale") {
		t.Fatalf("unknown name error should list valid names, got %v", err)
	}
	if err := p.Set("order_linear", 2.5); err == nil {
		t.Fatal("order_linear 2.5 accepted")
	}
	if err := p.Set("g_m", nan()); err == nil {
		t.Fatal("NaN accepted")
	}
	if len(p.Names()) != 23 {
		t.Fatalf("%d names, want 23 (as brian2hears)", len(p.Names()))
	}
	if _, err := DRNLParamSet("cat"); err == nil {
		t.Fatal("unknown type accepted")
	}
	gp, err := DRNLParamSet("guinea pig")
	if err != nil || gp.B.P0 != -5.65 {
		t.Fatalf("guinea pig set: %v %v", gp, err)
	}
	snd := testNoise(100, 44100, 1)
	if _, err := DRNL(snd, []float64{30000}, DRNLHuman()); err == nil {
		t.Fatal("cf above Nyquist accepted")
	}
	if _, err := DRNL(snd, nil, DRNLHuman()); err == nil {
		t.Fatal("no cf accepted")
	}
	if _, err := DRNL(nil, []float64{1000}, DRNLHuman()); err == nil {
		t.Fatal("nil source accepted")
	}
}

// TestDRNLBlocksAndWorkers checks that the output depends neither on the
// consumer's block size nor on the number of workers (64 channels, so that
// the bank splits them across cores).
func TestDRNLBlocksAndWorkers(t *testing.T) {
	cf, _ := filterbank.ERBSpace(100, 8000, 64)
	snd := testNoise(4000, 44100, 0.2)
	var ref []float64
	for _, w := range []int{1, 2, 3} {
		for _, block := range []int{4000, 1000, 33} {
			fb, err := DRNL(snd, cf, DRNLGuineaPig())
			if err != nil {
				t.Fatal(err)
			}
			fb.SetWorkers(w)
			got := readBlocks(t, fb, 4000, block)
			if ref == nil {
				ref = got
				continue
			}
			if d := maxAbsDiff(got, ref); d != 0 {
				t.Fatalf("workers %d block %d: differs by %g", w, block, d)
			}
		}
	}
}

// TestCompress checks the broken stick (AVX-512 where present, else its Go
// twin; and the Go twin on its own) against the definition
// sign(x)·min(a|x|, b|x|^c) with math.Pow, over many decades of |x|, for
// the published exponents (0.25, 0.1) and a steep one (1.5, which makes
// |t| = |c·log2|x|| large): within 4e-15 relative (measured at most
// 1.8e-15, math.Pow's own error included).
func TestCompress(t *testing.T) {
	cf, _ := filterbank.ERBSpace(100, 10000, 24)
	steep := DRNLHuman()
	steep.C = PowerLaw{0.176, 0.01} // exponents about 1.5: no knee, the power law wins at small |x|
	for _, p := range []DRNLParams{DRNLHuman(), DRNLGuineaPig(), steep} {
		k, err := NewDRNLKernel(cf, 44100, p)
		if err != nil {
			t.Fatal(err)
		}
		n := 400
		buf := make([]float64, n*24)
		for i := range buf {
			// |x| from 1e-14 to 1e2, both signs, and exact zeros.
			buf[i] = math.Pow(10, -14+16*float64(i%997)/997) * float64(1-2*(i%2))
			if i%101 == 0 {
				buf[i] = 0
			}
		}
		want := append([]float64(nil), buf...)
		for i, v := range want {
			c := i % 24
			av := math.Abs(v)
			want[i] = math.Copysign(min(k.a[c]*av, k.b[c]*math.Pow(av, k.e[c])), v)
		}
		twin := append([]float64(nil), buf...)
		k.compress(buf, n, 0, 24)
		compressGo(twin, 24, k.a, k.b, k.e, k.knee, n, 24)
		for name, got := range map[string][]float64{"kernel": buf, "Go twin": twin} {
			worst := 0.0
			for i := range got {
				d := math.Abs(got[i] - want[i])
				if d > 4e-15*math.Abs(want[i]) {
					t.Fatalf("%s, element %d: %g, want %g (relative error %g)", name, i, got[i], want[i], d/math.Abs(want[i]))
				}
				if want[i] != 0 {
					worst = max(worst, d/math.Abs(want[i]))
				}
			}
			t.Logf("%s: worst relative error against math.Pow: %.2g", name, worst)
		}
	}
}

// TestDRNLAsChain checks DRNL against its definition built from separate
// filterbank banks (scale, ApproximateGammatone, gain, 4 cascaded LowPass;
// ApproximateGammatone, broken stick, ApproximateGammatone, 3 LowPass; sum),
// for orders other than the reference case's, on a stereo input.
func TestDRNLAsChain(t *testing.T) {
	cf := []float64{300, 2500}
	p := DRNLHumanPaper()
	p.OrderLinear, p.OrderNonlinear = 2, 4
	x := testNoise(4000, 44100, 0.5).Data()
	stereo := make([]float64, 2*len(x))
	for i, v := range x {
		stereo[2*i], stereo[2*i+1] = v, -0.3*v
	}
	snd, err := sound.New(stereo, 2, 44100)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := DRNL(snd, cf, p)
	if err != nil {
		t.Fatal(err)
	}
	got := readBlocks(t, fb, 4000, 1000)

	eval := func(l PowerLaw) []float64 { return l.over(cf) }
	in, _ := filterbank.Scale(snd, p.StapeScale)
	lin, _ := filterbank.ApproximateGammatone(in, eval(p.CFLin), eval(p.BWLin), p.OrderLinear)
	g := eval(p.G)
	gain, _ := filterbank.Function([]sound.Source{lin}, 2, func(out []float64, in [][]float64, frames int) error {
		for i, v := range in[0][:2*frames] {
			out[i] = g[i%2] * v
		}
		return nil
	})
	var linOut sound.Source = gain
	for range 4 {
		linOut, _ = filterbank.LowPass(linOut, eval(p.LPLinCutoff)...)
	}
	nl, _ := filterbank.ApproximateGammatone(in, eval(p.CFNL), eval(p.BWNL), p.OrderNonlinear)
	a, b, e := eval(p.A), eval(p.B), eval(p.C)
	comp, _ := filterbank.Function([]sound.Source{nl}, 2, func(out []float64, in [][]float64, frames int) error {
		for i, v := range in[0][:2*frames] {
			c := i % 2
			out[i] = math.Copysign(min(a[c]*math.Abs(v), b[c]*math.Pow(math.Abs(v), e[c])), v)
		}
		return nil
	})
	nl2, _ := filterbank.ApproximateGammatone(comp, eval(p.CFNL), eval(p.BWNL), p.OrderNonlinear)
	var nlOut sound.Source = nl2
	for range 3 {
		nlOut, _ = filterbank.LowPass(nlOut, eval(p.LPNLCutoff)...)
	}
	sum, err := filterbank.Add(linOut, nlOut)
	if err != nil {
		t.Fatal(err)
	}
	want := readBlocks(t, sum, 4000, 4000)
	peak := 0.0
	for _, v := range want {
		peak = max(peak, math.Abs(v))
	}
	if d := maxAbsDiff(got, want); !(d <= 1e-12*peak) || peak == 0 {
		t.Fatalf("DRNL and its chain differ by %g of a %g peak", d, peak)
	}
}

// TestDRNLFastPath checks the order-3 AVX-512 path (factored sections,
// folded gains; drnl_amd64.s) against the general path (biquad cascades
// through filterbank.LinearKernel): they differ by rounding only, so within
// 1e-12 of the peak. 50 channels leave a partial last group; the inputs are
// mono (one channel feeding all) and one channel per centre frequency; the
// 60 and 100 dB inputs put most samples above the compression's knee, the
// 0 dB one most below.
func TestDRNLFastPath(t *testing.T) {
	const n, frames = 50, 3000
	cf, _ := filterbank.ERBSpace(100, 8000, n)
	for _, set := range []string{"human", "guinea pig", "human paper"} {
		p, _ := DRNLParamSet(set)
		for _, rms := range []float64{2e-5, 0.02, 2} {
			mono := testNoise(frames, 50000, rms)
			multi := make([]float64, frames*n)
			for f, v := range mono.Data() {
				for c := range n {
					multi[f*n+c] = v * float64(c+1) / n
				}
			}
			many, err := sound.New(multi, n, 50000)
			if err != nil {
				t.Fatal(err)
			}
			for _, src := range []*sound.Sound{mono, many} {
				var outs [2][]float64
				for i, fast := range []bool{true, false} {
					k, err := newDRNLKernel(cf, 50000, p, fast)
					if err != nil {
						t.Fatal(err)
					}
					if (k.fast != nil) != fast {
						t.Fatalf("fast path chosen: %v, want %v", k.fast != nil, fast)
					}
					fb, err := newBank("DRNL", k, src, n)
					if err != nil {
						t.Fatal(err)
					}
					outs[i] = readBlocks(t, fb, frames, 700)
				}
				peak := 0.0
				for _, v := range outs[1] {
					peak = max(peak, math.Abs(v))
				}
				if d := maxAbsDiff(outs[0], outs[1]); !(d <= 1e-12*peak) || peak == 0 {
					t.Errorf("%s, %g Pa, %d input channels: fast and general paths differ by %g of a %g peak", set, rms, src.NumChannels(), d, peak)
				}
			}
		}
	}
}

// TestDRNLLinearPathPrecision checks the linear path of both DRNL paths
// against the model's definition evaluated in 300-bit arithmetic (stapes
// scale, three gammatone biquads, gain, four first-order low-passes, each
// as brian2hears runs it), with the guinea-pig set at 50 kHz: its
// low-CF channels have 10 Hz centre frequencies and low-pass cutoffs, the
// worst-conditioned filters of either published set. Both paths are
// within 2e-12 of each channel's peak (measured: below 5e-13); merging the
// two equal low-pass poles into one biquad, as an earlier version did, gave
// 2.5e-11.
func TestDRNLLinearPathPrecision(t *testing.T) {
	const n, frames, fs = 8, 3000, 50000
	cf, _ := filterbank.ERBSpace(100, 300, n)
	p := DRNLGuineaPig()
	x := testNoise(frames, fs, 2).Data()
	want := drnlLinearBig(t, cf, fs, p, x)
	check := func(path string, got []float64) {
		t.Helper()
		for c := range n {
			peak, d := 0.0, 0.0
			for f := range frames {
				peak = max(peak, math.Abs(want[f*n+c]))
				d = max(d, math.Abs(got[f*n+c]-want[f*n+c]))
			}
			if !(d <= 2e-12*peak) {
				t.Errorf("%s path, %.0f Hz: error %g of a %g peak", path, cf[c], d/peak, peak)
			}
		}
	}
	kg, err := newDRNLKernel(cf, fs, p, false)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, frames*n)
	if err := kg.lin.Process(got, [][]float64{x}, frames); err != nil {
		t.Fatal(err)
	}
	check("general", got)
	kf, err := newDRNLKernel(cf, fs, p, true)
	if err != nil {
		t.Fatal(err)
	}
	got = make([]float64, frames*n)
	nl := make([]float64, frames*8)
	drnlPathsGo(got, n, x, 1, true, nl, kf.fast.coef, kf.fast.state, frames, n)
	check("fast (Go)", got)
	if !compressSIMD {
		return
	}
	clear(kf.fast.state)
	got = make([]float64, frames*n)
	args := drnlArgs{out: &got[0], ostride: 64, x: &x[0], xstride: 8, mono: 1, nl: &nl[0],
		coef: &kf.fast.coef[0], state: &kf.fast.state[0], frames: frames}
	drnlPathsAVX512(&args)
	check("fast (AVX-512)", got)
}

// TestDRNLGoTwins checks that the Go twins of DRNL's assembly (the two
// filter passes and the compression) give bit-identical results to it, on
// a mono and an 8-channel input, for 300 frames from a zero state and then
// from the state the first run left.
func TestDRNLGoTwins(t *testing.T) {
	if !compressSIMD {
		t.Skip("no AVX-512: only the Go twins run here")
	}
	cf, _ := filterbank.ERBSpace(150, 6000, 8)
	const frames = 300
	for _, set := range []string{"human", "guinea pig"} {
		p, _ := DRNLParamSet(set)
		for _, mono := range []bool{true, false} {
			ka, err := newDRNLKernel(cf, 44100, p, true)
			if err != nil {
				t.Fatal(err)
			}
			kg, _ := newDRNLKernel(cf, 44100, p, true)
			noise := testNoise(frames*8, 44100, 0.3).Data()
			x, xs, xstride := noise[:frames], 1, uintptr(8)
			if !mono {
				x, xs, xstride = noise, 8, 64
			}
			for run := range 2 {
				outA, outG := make([]float64, frames*8), make([]float64, frames*8)
				nlA, nlG := make([]float64, frames*8), make([]float64, frames*8)
				args := drnlArgs{out: &outA[0], ostride: 64, x: &x[0], xstride: xstride, nl: &nlA[0],
					coef: &ka.fast.coef[0], state: &ka.fast.state[0], frames: frames}
				if mono {
					args.mono = 1
				}
				drnlPathsAVX512(&args)
				drnlPathsGo(outG, 8, x, xs, mono, nlG, kg.fast.coef, kg.fast.state, frames, 8)
				same(t, fmt.Sprintf("%s, mono %v, run %d: linear path", set, mono, run), outA, outG)
				same(t, "first nonlinear gammatone", nlA, nlG)
				compressAVX512(&nlA[0], &ka.a[0], &ka.b[0], &ka.e[0], &ka.knee[0], 8, frames, 64)
				compressGo(nlG, 8, kg.a, kg.b, kg.e, kg.knee, frames, 8)
				same(t, "compression", nlA, nlG)
				drnlNL2AVX512(&args)
				drnlNL2Go(outG, 8, nlG, kg.fast.coef, kg.fast.state, frames, 8)
				same(t, "output", outA, outG)
				same(t, "state", ka.fast.state, kg.fast.state)
			}
		}
	}
}

// same fails the test unless a and b are bit for bit equal.
func same(t *testing.T, what string, a, b []float64) {
	t.Helper()
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatalf("%s: element %d: assembly %v, Go %v", what, i, a[i], b[i])
		}
	}
}

// drnlLinearBig is DRNL's linear path for a mono input x, frames × len(cf),
// in 300-bit floating point.
func drnlLinearBig(t *testing.T, cf []float64, fs float64, p DRNLParams, x []float64) []float64 {
	t.Helper()
	n := len(cf)
	eval := func(l PowerLaw) []float64 { return l.over(cf) }
	gb, ga, err := filterbank.ApproximateGammatoneCoefficients(eval(p.CFLin), fs, eval(p.BWLin), p.OrderLinear)
	if err != nil {
		t.Fatal(err)
	}
	lb, la, err := filterbank.LowPassCoefficients(eval(p.LPLinCutoff), fs)
	if err != nil {
		t.Fatal(err)
	}
	g := eval(p.G)
	const prec = 300
	num := func(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
	mul := func(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(prec).Mul(a, b) }
	out := make([]float64, len(x)*n)
	for c := range n {
		type biquad struct{ b0, b1, b2, a1, a2, z0, z1 *big.Float }
		var st []*biquad
		for s := range p.OrderLinear {
			st = append(st, &biquad{num(gb[c][0][s]), num(gb[c][1][s]), num(gb[c][2][s]), num(ga[c][1][s]), num(ga[c][2][s]), num(0), num(0)})
		}
		lp := make([]*big.Float, 4)
		for i := range lp {
			lp[i] = num(0)
		}
		lb0, la1 := num(lb[c][0][0]), num(la[c][1][0])
		for f, xv := range x {
			v := mul(num(xv), num(p.StapeScale))
			for _, s := range st {
				y := mul(s.b0, v)
				y.Add(y, s.z0)
				z0 := mul(s.b1, v)
				z0.Add(z0, s.z1)
				s.z0 = z0.Sub(z0, mul(s.a1, y))
				z1 := mul(s.b2, v)
				s.z1 = z1.Sub(z1, mul(s.a2, y))
				v = y
			}
			v = mul(v, num(g[c]))
			for i := range lp {
				// y = b0·u − a1·y1
				y := mul(lb0, v)
				lp[i] = y.Sub(y, mul(la1, lp[i]))
				v = lp[i]
			}
			out[f*n+c], _ = v.Float64()
		}
	}
	return out
}
