package cochlea

import (
	"github.com/gohears/hears/sound"
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/filterbank"
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

// TestCompressSIMD checks the vectorised broken stick against the scalar
// definition sign(x)·min(a|x|, b|x|^c) over many decades of |x|.
func TestCompressSIMD(t *testing.T) {
	if !compressSIMD {
		t.Skip("no AVX-512")
	}
	cf, _ := filterbank.ERBSpace(100, 10000, 24)
	for _, p := range []DRNLParams{DRNLHuman(), DRNLGuineaPig()} {
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
		k.compress(buf, n, 0, 24)
		for i := range buf {
			if d := math.Abs(buf[i] - want[i]); d > 1e-14*math.Abs(want[i]) {
				t.Fatalf("element %d: %g, want %g (relative error %g)", i, buf[i], want[i], d/math.Abs(want[i]))
			}
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

	eval := func(l PowerLaw) []float64 { return []float64{l.At(cf[0]), l.At(cf[1])} }
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
