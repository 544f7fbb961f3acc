package cochlea

import (
	"math"
	"strings"
	"testing"

	"github.com/gohears/hears/sound"
)

// carfacTone is a 1 kHz sine at level dB SPL (rms 1 = 104 dB), phase 0.
func carfacTone(f float64, n int, fs, level float64) []float64 {
	a := math.Sqrt2 * math.Pow(10, (level-104)/20)
	x := make([]float64, n)
	for k := range x {
		x[k] = a * math.Sin(2*math.Pi*f*float64(k)/fs)
	}
	return x
}

// rmsTail runs x (one ear) and returns the NAP and BM rms of channel ch
// over the last tail samples.
func rmsTail(t *testing.T, fs float64, p CARFACParams, x []float64, ch, tail int) (nap, bm float64) {
	t.Helper()
	m, err := NewCARFAC(fs, 1, p)
	if err != nil {
		t.Fatal(err)
	}
	nc := m.NumChannels()
	n := len(x)
	rows := CARFACRows{NAP: make([]float64, n*nc), BM: make([]float64, n*nc)}
	if err := m.Run(x, n, rows); err != nil {
		t.Fatal(err)
	}
	for k := n - tail; k < n; k++ {
		nap += rows.NAP[k*nc+ch] * rows.NAP[k*nc+ch]
		bm += rows.BM[k*nc+ch] * rows.BM[k*nc+ch]
	}
	return math.Sqrt(nap / float64(tail)), math.Sqrt(bm / float64(tail))
}

// TestCARFACCompression measures the compression of CARFAC at 1 kHz, as the
// reference data set's sanity sweep does: 300 ms tones at 20 to 100 dB SPL
// in 10 dB steps, rms over the last 100 ms, channel 38 (pole 992.9 Hz) at
// 22050 Hz. The NAP and BM rms must match the reference's sweep within its
// precision (rtol 3e-3; the sweep ran the stock float32 design), and so the
// slopes d(dB out)/d(dB in) within 0.01: NAP 0.72 → 0.01 dB/dB, BM 0.81 →
// 0.43 → 0.53 closed loop; with the loop open, the BM linear (0.999) at low
// level.
func TestCARFACCompression(t *testing.T) {
	const fs, n, tail, ch = 22050, 6615, 2205, 38
	levels := []float64{20, 30, 40, 50, 60, 70, 80, 90, 100}
	sweeps := []struct {
		name           string
		open           bool
		napRMS, bmRMS  []float64 // reference sweep (sanity.json), channel 38
		napSlo, bmSlo  []float64
		napAll, bmAllL [2]float64 // 20→100 dB overall slope bounds
	}{
		{"closed loop", false,
			[]float64{0.2126284709551414, 0.4846007208658186, 0.792665899132334, 1.0628554634455138, 1.23977942640341, 1.3404287273676905, 1.398601374510676},
			[]float64{0.032198463991511835, 0.0820004399098622, 0.17509738972733557, 0.3398738598450182, 0.6139709499572923, 1.0424532833666085, 1.7188526880582142},
			[]float64{0.7155252794340632, 0.42741223840628695, 0.2547680685358654, 0.13374043168522332, 0.06779860337323876, 0.03690044776600181, 0.021282568198706376, 0.012531611074554893},
			[]float64{0.8119620556590469, 0.6589269792107073, 0.5760761836592261, 0.5136601185661934, 0.45981755715045186, 0.43436411221506066, 0.4542744196931089, 0.5333342264323646},
			[2]float64{0.20, 0.22}, [2]float64{0.55, 0.57}},
		{"open loop", true,
			[]float64{0.22430267972272072, 0.589700558618758, 1.06033708844735, 1.3328849626700388, 1.4214588255147174, 1.4484495404498414, 1.4582846091923418},
			[]float64{0.034057821700203245, 0.10759498142725814, 0.3370319912407082, 0.9892566040583769, 2.3457374435352003, 4.407125759079448, 7.293835136010911},
			[]float64{0.8395941541861536, 0.5096248264679206, 0.19869743190543604, 0.05588323182145505, 0.01633817206635042, 0.005877843881296441, 0.0023040849629609285, 0.0007325843081430694},
			[]float64{0.9991502947879788, 0.9917582226943559, 0.9352756638601427, 0.7499408841470561, 0.5477520863532263, 0.437600998386689, 0.39644726781473805, 0.3941301878747325},
			[2]float64{0, 1}, [2]float64{0, 1}},
	}
	for _, sw := range sweeps {
		p := DefaultCARFACParams()
		p.OpenLoop = sw.open
		nap := make([]float64, len(levels))
		bm := make([]float64, len(levels))
		for i, l := range levels {
			nap[i], bm[i] = rmsTail(t, fs, p, carfacTone(1000, n, fs, l), ch, tail)
			if i < len(sw.napRMS) {
				if math.Abs(nap[i]-sw.napRMS[i]) > 3e-3*sw.napRMS[i] || math.Abs(bm[i]-sw.bmRMS[i]) > 3e-3*sw.bmRMS[i] {
					t.Errorf("%s %v dB: NAP rms %.6g (reference %.6g), BM rms %.6g (reference %.6g)", sw.name, l, nap[i], sw.napRMS[i], bm[i], sw.bmRMS[i])
				}
			}
		}
		slope := func(y []float64, i, j int) float64 { return 20 * math.Log10(y[j]/y[i]) / (levels[j] - levels[i]) }
		var gotN, gotB []float64
		for i := range len(levels) - 1 {
			sn, sb := slope(nap, i, i+1), slope(bm, i, i+1)
			gotN, gotB = append(gotN, sn), append(gotB, sb)
			if math.Abs(sn-sw.napSlo[i]) > 0.01 || math.Abs(sb-sw.bmSlo[i]) > 0.01 {
				t.Errorf("%s %v→%v dB: slopes NAP %.3f (reference %.3f), BM %.3f (reference %.3f)", sw.name, levels[i], levels[i+1], sn, sw.napSlo[i], sb, sw.bmSlo[i])
			}
		}
		all, allB := slope(nap, 0, len(levels)-1), slope(bm, 0, len(levels)-1)
		t.Logf("%s: NAP slopes %.3f (20→100 dB: %.3f dB/dB), BM slopes %.3f (%.3f dB/dB)", sw.name, gotN, all, gotB, allB)
		if all < sw.napAll[0] || all > sw.napAll[1] || allB < sw.bmAllL[0] || allB > sw.bmAllL[1] {
			t.Errorf("%s: overall slopes NAP %.3f, BM %.3f out of range", sw.name, all, allB)
		}
	}
}

// agcRun runs a two-ear CARFAC on the frames of x (frames × 2) and returns
// the mean over the last 100 ms of the AGC output zb / zr (1 at rest, lower
// as the AGC damps) at channel ch, per ear.
func agcRun(t *testing.T, p CARFACParams, x []float64, ch int) [2]float64 {
	t.Helper()
	m, err := NewCARFAC(22050, 2, p)
	if err != nil {
		t.Fatal(err)
	}
	nc := m.NumChannels()
	n := len(x) / 2
	agc := make([]float64, n*2*nc)
	if err := m.Run(x, n, CARFACRows{AGC: agc}); err != nil {
		t.Fatal(err)
	}
	var r [2]float64
	for e := range 2 {
		for k := n - 2205; k < n; k++ {
			r[e] += agc[(k*2+e)*nc+ch] / m.d.zr[ch]
		}
		r[e] /= 2205
	}
	return r
}

// TestCARFACBinauralCoupling checks the AGC's binaural coupling with
// numbers. A 70 dB SPL 1 kHz tone in ear 0 and silence in ear 1 for 300 ms:
// uncoupled (agc_mix_coeff 0), ear 1's undamping stays at rest (zb/zr = 1
// to rounding); coupled (0.5), ear 1's undamping falls measurably and ear 0's
// rises (less damping), each toward the other. Identical ears give exactly
// the one-ear result.
func TestCARFACBinauralCoupling(t *testing.T) {
	const n, ch = 6615, 38
	tone := carfacTone(1000, n, 22050, 70)
	x := make([]float64, 2*n)
	for k, v := range tone {
		x[2*k] = v
	}
	p := DefaultCARFACParams()
	coupled := agcRun(t, p, x, ch)
	p.AGCMixCoeff = 0
	alone := agcRun(t, p, x, ch)
	t.Logf("zb/zr at channel %d over the last 100 ms: uncoupled ear0 %.4f ear1 %.4f; coupled ear0 %.4f ear1 %.4f", ch, alone[0], alone[1], coupled[0], coupled[1])
	if math.Abs(alone[1]-1) > 1e-9 { // the NAP at rest is 0 to rounding (~1e-16)
		t.Errorf("uncoupled silent ear: zb/zr = %v, want 1", alone[1])
	}
	if !(alone[0] < 0.7) {
		t.Errorf("a 70 dB tone should damp its own ear strongly: zb/zr %.4f", alone[0])
	}
	if !(coupled[1] < 0.99) || !(coupled[1] > coupled[0]) {
		t.Errorf("coupled silent ear: zb/zr %.4f, want < 0.99 and above the driven ear's %.4f", coupled[1], coupled[0])
	}
	if !(coupled[0] > alone[0]+0.005) {
		t.Errorf("coupling should relieve the driven ear: %.4f vs uncoupled %.4f", coupled[0], alone[0])
	}
	// Identical ears: the coupling mixes toward a mean that equals each.
	both := make([]float64, 2*n)
	for k, v := range tone {
		both[2*k], both[2*k+1] = v, v
	}
	m2, _ := NewCARFAC(22050, 2, DefaultCARFACParams())
	m1, _ := NewCARFAC(22050, 1, DefaultCARFACParams())
	nc := m1.NumChannels()
	nap2 := make([]float64, n*2*nc)
	nap1 := make([]float64, n*nc)
	if err := m2.Run(both, n, CARFACRows{NAP: nap2}); err != nil {
		t.Fatal(err)
	}
	if err := m1.Run(tone, n, CARFACRows{NAP: nap1}); err != nil {
		t.Fatal(err)
	}
	for k := range n {
		for e := range 2 {
			for c := range nc {
				if nap2[(k*2+e)*nc+c] != nap1[k*nc+c] {
					t.Fatalf("identical ears differ from one ear at frame %d ear %d channel %d", k, e, c)
				}
			}
		}
	}
}

// TestCARFACStreaming checks that the bank's output does not depend on how
// it is fetched (one block, odd blocks of 1, 7 and 1000 frames) and that
// Reset reproduces it; and that every output option streams what Run
// computes.
func TestCARFACStreaming(t *testing.T) {
	const n = 3000
	x := make([]float64, 2*n)
	for k := range n {
		x[2*k] = 0.05 * math.Sin(2*math.Pi*700*float64(k)/16000)
		x[2*k+1] = 0.02 * math.Sin(2*math.Pi*3100*float64(k)/16000)
	}
	snd, err := sound.New(x, 2, 16000)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewCARFAC(16000, 2, DefaultCARFACParams())
	if err != nil {
		t.Fatal(err)
	}
	nc := m.NumChannels()
	w := n * 2 * nc
	ref := CARFACRows{NAP: make([]float64, w), BM: make([]float64, w), OHC: make([]float64, w), AGC: make([]float64, w)}
	if err := m.Run(x, n, ref); err != nil {
		t.Fatal(err)
	}
	for o, want := range map[CARFACOutput][]float64{CARFACNAP: ref.NAP, CARFACBM: ref.BM, CARFACOHC: ref.OHC, CARFACAGC: ref.AGC} {
		b, cf, err := CARFACBank(snd, DefaultCARFACParams(), o)
		if err != nil {
			t.Fatal(err)
		}
		if len(cf) != nc || b.NumChannels() != 2*nc {
			t.Fatalf("%v: %d cf, %d channels", o, len(cf), b.NumChannels())
		}
		for _, blk := range []int{n, 1, 7, 1000} {
			got := readBlocks(t, b, n, blk)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%v in blocks of %d: value %d is %v, want %v", o, blk, i, got[i], want[i])
				}
			}
			if err := b.Reset(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestCARFACOpenLoopSwitch checks the v2 open-loop fix: opening the loop
// mid-run freezes the damping where it is (zb stops moving), where the old
// behaviour would have kept ramping toward the last AGC target.
func TestCARFACOpenLoopSwitch(t *testing.T) {
	m, err := NewCARFAC(22050, 1, DefaultCARFACParams())
	if err != nil {
		t.Fatal(err)
	}
	nc := m.NumChannels()
	x := carfacTone(1000, 2000, 22050, 80)
	if err := m.Run(x[:1003], 1003, CARFACRows{}); err != nil { // mid-ramp: 1003 is not a multiple of 8
		t.Fatal(err)
	}
	m.SetOpenLoop(true)
	agc := make([]float64, 997*nc)
	if err := m.Run(x[1003:], 997, CARFACRows{AGC: agc}); err != nil {
		t.Fatal(err)
	}
	for c := range nc {
		if agc[c] != agc[996*nc+c] {
			t.Fatalf("channel %d: zb moved from %v to %v with the loop open", c, agc[c], agc[996*nc+c])
		}
	}
}

// TestCARFACErrors checks that bad parameters and input are errors that
// name the problem.
func TestCARFACErrors(t *testing.T) {
	bad := []struct {
		set  func(*CARFACParams)
		want string
	}{
		{func(p *CARFACParams) { p.ERBPerStep = 0 }, "erb_per_step"},
		{func(p *CARFACParams) { p.ERBPerStep = 1e-6 }, "channels"},
		{func(p *CARFACParams) { p.MinPoleHz = 1e6 }, "no channel"},
		{func(p *CARFACParams) { p.FirstPoleTheta = 4 }, "first_pole_theta"},
		{func(p *CARFACParams) { p.Decimation = []int{8, 2} }, "AGC stages"},
		{func(p *CARFACParams) { p.IHCStyle = "three_cap" }, "ihc_style"},
		{func(p *CARFACParams) { p.TauLPF = 0 }, "tau_lpf"},
		{func(p *CARFACParams) { p.OHCHealth = []float64{1, 0.5} }, "ohc_health"},
		{func(p *CARFACParams) { p.OHCHealth = []float64{2} }, "ohc_health"},
		{func(p *CARFACParams) { p.AGC1Scales = []float64{1e4, 1e4, 1e4, 1e4} }, "spatial smoothing"},
		{func(p *CARFACParams) { p.VOffset = math.NaN() }, "v_offset"},
	}
	for _, b := range bad {
		p := DefaultCARFACParams()
		b.set(&p)
		if _, err := NewCARFAC(22050, 1, p); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("want an error naming %q, got %v", b.want, err)
		}
	}
	if _, err := NewCARFAC(0, 1, DefaultCARFACParams()); err == nil {
		t.Error("fs 0 accepted")
	}
	if _, err := NewCARFAC(22050, 0, DefaultCARFACParams()); err == nil {
		t.Error("0 ears accepted")
	}
	many := DefaultCARFACParams()
	many.ERBPerStep = 0.01 // about 3500 channels at 22050 Hz
	if _, err := NewCARFAC(22050, 64, many); err == nil || !strings.Contains(err.Error(), "ears exceeds") {
		t.Errorf("3500 channels × 64 ears: %v", err)
	}
	m, _ := NewCARFAC(22050, 1, DefaultCARFACParams())
	if err := m.Run([]float64{0, math.NaN()}, 2, CARFACRows{}); err == nil || !strings.Contains(err.Error(), "frame 1") {
		t.Errorf("NaN input: %v", err)
	}
	loud := carfacTone(1000, 100, 22050, 104+6000)
	if err := m.Run(loud, 100, CARFACRows{}); err == nil || !strings.Contains(err.Error(), "too loud") {
		t.Errorf("input at 6000 dB: %v", err)
	}
	p := DefaultCARFACParams()
	if err := p.Set("open_loop", 2); err == nil {
		t.Error("open_loop 2 accepted")
	}
	if err := p.SetValues("decimation", []float64{8, 2.5}); err == nil {
		t.Error("decimation 2.5 accepted")
	}
	if err := p.Set("velocity_scal", 1); err == nil || !strings.Contains(err.Error(), "velocity_scale") {
		t.Errorf("typo: %v", err)
	}
	if err := p.SetString("ihc_style", "one_cap"); err != nil || p.IHCStyle != "one_cap" {
		t.Error(err)
	}
}

// TestCARFACChannelsAnyRate checks the channel counts and pole ranges the
// reference gives at its four sample rates (sanity.json): 65, 71, 83 and
// 84 channels, first pole 0.425·fs, and the 5-tap AGC filter at 16 kHz.
func TestCARFACChannelsAnyRate(t *testing.T) {
	for _, c := range []struct {
		fs         float64
		n          int
		last, taps float64
	}{{16000, 65, 34.62572479248047, 5}, {22050, 71, 30.923477172851562, 3}, {44100, 83, 34.622806549072266, 3}, {48000, 84, 40.412899017333984, 3}} {
		d, err := designCARFAC(c.fs, DefaultCARFACParams())
		if err != nil {
			t.Fatal(err)
		}
		if d.nCh != c.n || math.Abs(d.poles[0]-0.425*c.fs) > 1e-9*c.fs || math.Abs(d.poles[d.nCh-1]-c.last) > 1e-6*c.last || float64(d.agc[0].nTaps) != c.taps {
			t.Errorf("fs %v: %d channels, poles %v … %v, %d taps", c.fs, d.nCh, d.poles[0], d.poles[d.nCh-1], d.agc[0].nTaps)
		}
	}
}

// TestCARFACBenchSoundAgrees checks that the speed comparison compares the
// same work: on the benchmark's sound (1 s of the 200 Hz complex), the NAP
// rms of channel 38 is the NumPy reference's 0.8000980 (stock code, printed
// by the timing script of docs/bench/carfac.md) within the stock
// tolerance, 3e-3.
func TestCARFACBenchSoundAgrees(t *testing.T) {
	const want = 0.8000980420109447
	got, _ := rmsTail(t, 22050, DefaultCARFACParams(), carfacBenchSound().Data(), 38, 22050)
	t.Logf("NAP rms at channel 38: %.9f (NumPy %.9f)", got, want)
	if math.Abs(got-want) > 3e-3*want {
		t.Errorf("NAP rms at channel 38 is %v, NumPy gives %v", got, want)
	}
}

// TestCARFACJustHWR checks the just_hwr IHC: the NAP is the BM output
// clipped to [0, 2] (ihc_step's just_hwr), sample by sample.
func TestCARFACJustHWR(t *testing.T) {
	p := DefaultCARFACParams()
	p.IHCStyle = "just_hwr"
	m, err := NewCARFAC(22050, 1, p)
	if err != nil {
		t.Fatal(err)
	}
	x := carfacTone(1000, 2000, 22050, 90)
	nc := m.NumChannels()
	r := CARFACRows{NAP: make([]float64, 2000*nc), BM: make([]float64, 2000*nc)}
	if err := m.Run(x, 2000, r); err != nil {
		t.Fatal(err)
	}
	clipped := 0
	for i, b := range r.BM {
		if want := min(2, max(0, b)); r.NAP[i] != want {
			t.Fatalf("value %d: NAP %v, BM %v", i, r.NAP[i], b)
		}
		if b > 2 {
			clipped++
		}
	}
	if clipped == 0 {
		t.Error("a 90 dB tone should drive some BM samples above 2")
	}
}

// TestCARFACFewChannels runs designs with one and two channels (a high
// min_pole_hz), where the spatial smoothing meets both edges at once.
func TestCARFACFewChannels(t *testing.T) {
	for _, minPole := range []float64{9000, 8500} {
		p := DefaultCARFACParams()
		p.MinPoleHz = minPole
		m, err := NewCARFAC(22050, 2, p)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float64, 2*500)
		for k := range x {
			x[k] = 0.1 * math.Sin(float64(k))
		}
		nap := make([]float64, 500*2*m.NumChannels())
		if err := m.Run(x, 500, CARFACRows{NAP: nap}); err != nil {
			t.Fatal(err)
		}
		for i, v := range nap {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%d channels: NAP value %d is %v", m.NumChannels(), i, v)
			}
		}
		t.Logf("min_pole_hz %v: %d channels", minPole, m.NumChannels())
	}
}

// TestCARFACCochleagramOrder checks that the cochleagram pipeline is
// CARFACBank's NAP with each ear's channels reversed (apex first), and its
// frequencies increasing.
func TestCARFACCochleagramOrder(t *testing.T) {
	x := make([]float64, 2*500)
	for k := range 500 {
		x[2*k] = 0.01 * math.Sin(float64(k)*0.3)
		x[2*k+1] = 0.02 * math.Sin(float64(k)*0.1)
	}
	snd, err := sound.New(x, 2, 22050)
	if err != nil {
		t.Fatal(err)
	}
	cg, cf, err := CARFACCochleagram(snd)
	if err != nil {
		t.Fatal(err)
	}
	bank, bcf, err := CARFACBank(snd, DefaultCARFACParams(), CARFACNAP)
	if err != nil {
		t.Fatal(err)
	}
	n := len(cf)
	for i := range n {
		if cf[i] != bcf[n-1-i] || (i > 0 && !(cf[i] > cf[i-1])) {
			t.Fatalf("cf[%d] = %v", i, cf[i])
		}
	}
	a, b := readBlocks(t, cg, 500, 128), readBlocks(t, bank, 500, 500)
	for k := range 500 {
		for e := range 2 {
			for c := range n {
				if a[(k*2+e)*n+c] != b[(k*2+e)*n+n-1-c] {
					t.Fatalf("frame %d ear %d channel %d differs", k, e, c)
				}
			}
		}
	}
}
