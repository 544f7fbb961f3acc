package cochlea

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// tones returns one ramped tone per (freq, level) pair, 50 kHz, duration s,
// 2.5 ms sin² ramps, each channel at its level (dB SPL), as the Brian Hears
// Tan & Carney examples build them.
func tones(t testing.TB, freqs, levels []float64, duration float64) *sound.Sound {
	t.Helper()
	chans := make([][]float64, len(freqs))
	for i, f := range freqs {
		s, err := sound.Tone(f, duration, sound.WithRate(50000))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Ramp(sound.Both, 2.5e-3, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.SetLevel(sound.DB(levels[i])); err != nil {
			t.Fatal(err)
		}
		chans[i] = s.Data()
	}
	s, err := sound.FromChannels(chans, 50000)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// acRMS is the RMS of the AC component of channel c over frames [lo, hi).
func acRMS(y []float64, nc, c, lo, hi int) float64 {
	m := 0.0
	for f := lo; f < hi; f++ {
		m += y[f*nc+c]
	}
	m /= float64(hi - lo)
	s := 0.0
	for f := lo; f < hi; f++ {
		d := y[f*nc+c] - m
		s += d * d
	}
	return math.Sqrt(s / float64(hi-lo))
}

// slope is the growth in dB per dB between two levels.
func slope(r1, r2, l1, l2 float64) float64 { return 20 * math.Log10(r2/r1) / (l2 - l1) }

// TestTanCarneyCompression asserts what Tan & Carney (2003) Fig. 7 shows:
// the signal path's output (rms of the AC component of Fout, tone at CF)
// grows linearly at low levels and compressively at mid levels, and more
// compressively at high CFs than at 500 Hz.
func TestTanCarneyCompression(t *testing.T) {
	cfs := []float64{500, 1100, 2000, 4000}
	levels := []float64{0, 10, 40, 70}
	var fr, lv, cf []float64
	for _, f := range cfs {
		for _, l := range levels {
			fr, lv, cf = append(fr, f), append(lv, l), append(cf, f)
		}
	}
	snd := tones(t, fr, lv, 0.05)
	me, _ := filterbank.MiddleEar(snd, []float64{1})
	fb, err := TanCarneySignal(me, cf, 1, DefaultTanCarneyParams())
	if err != nil {
		t.Fatal(err)
	}
	y := readBlocks(t, fb, snd.NumFrames(), 2500)
	nc := len(cf)
	mids := make([]float64, len(cfs))
	for i, f := range cfs {
		r := make([]float64, len(levels))
		for j := range levels {
			r[j] = acRMS(y, nc, i*len(levels)+j, 500, 2250)
		}
		low := slope(r[0], r[1], levels[0], levels[1])
		mid := slope(r[2], r[3], levels[2], levels[3])
		t.Logf("CF %v Hz: slope %.2f dB/dB at 0-10 dB, %.2f at 40-70 dB", f, low, mid)
		if low < 0.85 || low > 1.1 {
			t.Errorf("CF %v Hz: slope %.2f dB/dB at 0-10 dB, want about 1 (linear at low levels)", f, low)
		}
		mids[i] = mid
		if f >= 1100 && mid > 0.65 {
			t.Errorf("CF %v Hz: slope %.2f dB/dB at 40-70 dB, want < 0.65 (compressive)", f, mid)
		}
	}
	// Compression is weaker at low CFs (Fig. 7: the 500 Hz curve is the
	// least compressed).
	for i := 1; i < len(cfs); i++ {
		if mids[0] < mids[i]+0.15 {
			t.Errorf("slope at 500 Hz (%.2f) not clearly above that at %v Hz (%.2f)", mids[0], cfs[i], mids[i])
		}
	}
}

// responseArea runs TanCarney + ZhangSynapseRate at CF 2200 Hz (update
// interval 2, as the Brian Hears Fig. 11 example) for tones at freqs and
// levels, returning the mean rate and the phase of the rate's component at
// the tone frequency, per (frequency, level).
func responseArea(t *testing.T, freqs, levels []float64) (rate, phase [][]float64) {
	var fr, lv, cf []float64
	for _, f := range freqs {
		for _, l := range levels {
			fr, lv, cf = append(fr, f), append(lv, l), append(cf, 2200)
		}
	}
	snd := tones(t, fr, lv, 0.05)
	me, _ := filterbank.MiddleEar(snd, []float64{1})
	ihc, err := TanCarney(me, cf, 2, DefaultTanCarneyParams())
	if err != nil {
		t.Fatal(err)
	}
	syn, err := ZhangSynapseRate(ihc, cf, DefaultZhangParams())
	if err != nil {
		t.Fatal(err)
	}
	n := snd.NumFrames()
	s := readBlocks(t, syn, n, 2500)
	nc := len(cf)
	rate = make([][]float64, len(freqs))
	phase = make([][]float64, len(freqs))
	for i, f := range freqs {
		rate[i] = make([]float64, len(levels))
		phase[i] = make([]float64, len(levels))
		for j := range levels {
			c := i*len(levels) + j
			var sum float64
			var z complex128
			for k := range n {
				v := s[k*nc+c]
				sum += v
				z += cmplx.Rect(v, 2*math.Pi*math.Mod(float64(k)/50000, 1/f)*f)
			}
			rate[i][j] = sum / float64(n)
			phase[i][j] = cmplx.Phase(z)
		}
	}
	return rate, phase
}

// TestTanCarneyResponseArea asserts what Tan & Carney (2003) Fig. 11
// shows for a fibre with CF 2200 Hz: the rate saturates at high levels
// (upper panel: rates at CF rise from spontaneous and level off; the
// downward move of the response area with level is TestTanCarneyRateBF's),
// and the phase re 90 dB changes with
// level below and above CF in opposite directions while staying nearly
// constant near CF (lower panel; the frequency glide).
func TestTanCarneyResponseArea(t *testing.T) {
	freqs := []float64{1300, 1700, 1900, 2100, 2200, 2300, 2500, 2700}
	levels := []float64{10, 30, 50, 70, 90}
	rate, phase := responseArea(t, freqs, levels)
	for i, f := range freqs {
		t.Logf("%5.0f Hz: rates %.1f, phases re 90 dB (π rad) %.3f %.3f %.3f %.3f", f, rate[i],
			rel(phase[i][0], phase[i][4]), rel(phase[i][1], phase[i][4]), rel(phase[i][2], phase[i][4]), rel(phase[i][3], phase[i][4]))
	}
	at := func(f float64) int {
		for i, g := range freqs {
			if g == f {
				return i
			}
		}
		t.Fatalf("no %v Hz", f)
		return 0
	}
	// Rate at CF: near spontaneous (50/s) at 10 dB, saturating by 70-90 dB.
	cf := rate[at(2200)]
	if cf[0] > 100 || cf[4] > 250 {
		t.Errorf("rates at CF %.1f/s at 10 dB and %.1f/s at 90 dB, want < 100 and < 250", cf[0], cf[4])
	}
	if grow, sat := cf[3]-cf[0], cf[4]-cf[3]; sat > 0.1*grow {
		t.Errorf("rate at CF grows %.1f/s from 10 to 70 dB and %.1f/s more to 90 dB: not saturating", grow, sat)
	}
	// Phase re 90 dB at 10 dB: lag below CF, lead above, ~0 just below CF,
	// shrinking towards 90 dB.
	lowF, nearF, highF := at(1700), at(2100), at(2500)
	if p := rel(phase[lowF][0], phase[lowF][4]); p > -0.1 {
		t.Errorf("phase at 1700 Hz, 10 dB re 90 dB = %.3fπ, want < -0.1π", p)
	}
	if p := rel(phase[highF][0], phase[highF][4]); p < 0.1 {
		t.Errorf("phase at 2500 Hz, 10 dB re 90 dB = %.3fπ, want > 0.1π", p)
	}
	if p := rel(phase[nearF][0], phase[nearF][4]); math.Abs(p) > 0.05 {
		t.Errorf("phase at 2100 Hz, 10 dB re 90 dB = %.3fπ, want within ±0.05π", p)
	}
	for _, i := range []int{lowF, highF} {
		if a, b := math.Abs(rel(phase[i][0], phase[i][4])), math.Abs(rel(phase[i][3], phase[i][4])); b > a/2 {
			t.Errorf("%v Hz: phase re 90 dB %.3fπ at 10 dB but %.3fπ at 70 dB, want it to shrink with level", freqs[i], a, b)
		}
	}
}

// TestDRNLCompression asserts the compressive growth of Lopez-Poveda &
// Meddis (2001) (the basilar-membrane input-output functions at CF the
// model was fitted to): linear (slope 1 dB/dB) at low levels, compressive
// (slope well below 1) at mid levels,
// with the paper's linear gain (DRNLHumanPaper; brian2hears' human set is
// linear throughout, see docs/cochlea.md).
func TestDRNLCompression(t *testing.T) {
	levels := []float64{0, 10, 40, 70}
	for _, cfv := range []float64{1000, 4000} {
		cf := []float64{cfv, cfv, cfv, cfv}
		snd := tones(t, cf, levels, 0.05)
		fb, err := DRNL(snd, cf, DRNLHumanPaper())
		if err != nil {
			t.Fatal(err)
		}
		y := readBlocks(t, fb, snd.NumFrames(), 2500)
		r := make([]float64, 4)
		for j := range r {
			r[j] = acRMS(y, 4, j, 500, 2250)
		}
		low, mid := slope(r[0], r[1], 0, 10), slope(r[2], r[3], 40, 70)
		t.Logf("CF %v Hz: slope %.2f dB/dB at 0-10 dB, %.2f at 40-70 dB", cfv, low, mid)
		if low < 0.85 || low > 1.1 || mid > 0.5 {
			t.Errorf("CF %v Hz: slopes %.2f (0-10 dB) and %.2f (40-70 dB), want about 1 and < 0.5", cfv, low, mid)
		}
	}
	// brian2hears' human set: the linear path's gain 10^(4.2+0.48·log10 cf)
	// swamps the nonlinear path, so growth is linear.
	cf := []float64{1000, 1000}
	snd := tones(t, cf, []float64{40, 70}, 0.05)
	fb, _ := DRNL(snd, cf, DRNLHuman())
	y := readBlocks(t, fb, snd.NumFrames(), 2500)
	if s := slope(acRMS(y, 2, 0, 500, 2250), acRMS(y, 2, 1, 500, 2250), 40, 70); math.Abs(s-1) > 0.02 {
		t.Errorf("brian2hears human set: slope %.3f at 40-70 dB, expected linear", s)
	}
}

// TestDCGCCompression asserts the level dependence of DCGC: the signal
// path's gain at the passive peak falls as level rises (the compressive
// input-output function of Irino & Patterson 2006), though in brian2hears'
// parameterisation only by about 1.5 dB between 30 and 110 dB (see
// docs/cochlea.md).
func TestDCGCCompression(t *testing.T) {
	levels := []float64{30, 60, 90, 110}
	g := make([]float64, len(levels))
	for i, l := range levels {
		snd := tones(t, []float64{3350}, []float64{l}, 0.05)
		fb, err := DCGC(snd, []float64{4000}, 1, DefaultDCGCParams())
		if err != nil {
			t.Fatal(err)
		}
		y := readBlocks(t, fb, snd.NumFrames(), 2500)
		g[i] = 20*math.Log10(acRMS(y, 1, 0, 500, 2250)) - l
	}
	t.Logf("DCGC gain at 3350 Hz (dB) for %v dB: %.3f", levels, g)
	for i := 1; i < len(g); i++ {
		if g[i] >= g[i-1] {
			t.Errorf("gain %.3f dB at %v dB not below %.3f dB at %v dB", g[i], levels[i], g[i-1], levels[i-1])
		}
	}
	if g[0]-g[3] < 0.5 {
		t.Errorf("gain falls by %.2f dB from 30 to 110 dB, want > 0.5", g[0]-g[3])
	}
}

// rel is the phase a − b wrapped to (−π, π], in units of π.
func rel(a, b float64) float64 {
	d := math.Remainder(a-b, 2*math.Pi)
	return d / math.Pi
}
