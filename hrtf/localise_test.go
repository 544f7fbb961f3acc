package hrtf

import (
	"math"
	"math/cmplx"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/gohears/hears/sound"
)

// The real sets the accuracy tests use, copied from the shared HRTF data
// (see testdata/sofa/README.md).
const (
	kemarPath  = "../testdata/sofa/MIT_KEMAR_normal_pinna.sofa"
	listenPath = "../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa"
)

func loadTestSet(t testing.TB, path string) *Set {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%v (copy it from the shared HRTF data)", err)
	}
	s, err := LoadSOFA(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The lag-domain evaluation of the Goodman & Brette scores equals the
// definition on the sound's DFT grid: ρ_kf = 2Σ W_f Re(L_k R conj(R_k L)) /
// Σ W_f (|L_k R|² + |R_k L|²), the sums over the full spectrum.
func TestGoodmanBretteLagDomainIsTheDefinition(t *testing.T) {
	head := DefaultSphericalHead()
	coords := []Coordinate{{Azimuth: 20}, {Azimuth: -50, Elevation: 10}, {Azimuth: 160, Elevation: -20}, {Azimuth: 90}}
	set, err := Spherical(head, coords, 16000, 64)
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLocaliser(set, LocaliserOptions{Bands: 6, FMin: 200, FMax: 6000})
	if err != nil {
		t.Fatal(err)
	}
	// A sound that is not the set's: noise through direction 0 plus
	// some noise on the right ear only.
	noise, _ := sound.WhiteNoise(0, sound.WithFrames(300), sound.WithRate(16000), sound.WithSeed(3))
	extra, _ := sound.WhiteNoise(0, sound.WithFrames(300+63), sound.WithRate(16000), sound.WithSeed(4))
	h0, _ := set.HRTF(0)
	ears, err := Render(h0, noise.Data())
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range extra.Data() {
		ears[1][i] += 0.3 * v
	}
	est, err := l.Localise(ears[0], ears[1])
	if err != nil {
		t.Fatal(err)
	}
	n := smoothSize(len(ears[0]) + set.Taps())
	fft := fourier.NewFFT(n)
	L := fft.Coefficients(nil, zeroPad(ears[0], n))
	R := fft.Coefficients(nil, zeroPad(ears[1], n))
	w := l.bandWeights(n)
	for k := range coords {
		Lk := fft.Coefficients(nil, zeroPad(set.left[k], n))
		Rk := fft.Coefficients(nil, zeroPad(set.right[k], n))
		var mean float64
		for f := range w {
			var ea, eb, x float64
			for b := range L {
				c := 2.0
				if b == 0 || b == n/2 {
					c = 1
				}
				a, bb := Lk[b]*R[b], Rk[b]*L[b]
				ea += c * w[f][b] * sqAbs(a)
				eb += c * w[f][b] * sqAbs(bb)
				x += c * w[f][b] * real(a*cmplx.Conj(bb))
			}
			mean += 2 * x / (ea + eb)
		}
		mean /= float64(len(w))
		if d := math.Abs(est.Scores[k] - mean); d > 1e-12 {
			t.Errorf("direction %d: lag-domain score %.15g, DFT-grid definition %.15g (Δ %g)", k, est.Scores[k], mean, d)
		}
	}
	if est.Index != 0 {
		t.Errorf("estimate %d, want 0", est.Index)
	}
}

// Noise from a direction of the set is found at that direction by both
// models, and the true direction's Goodman & Brette score is 1.
func TestLocaliseFindsTheDirection(t *testing.T) {
	set := loadTestSet(t, listenPath)
	for _, m := range Models {
		l, err := NewLocaliser(set, LocaliserOptions{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{0, 17, 60, 101, 150, 186} {
			noise, _ := sound.WhiteNoise(0.1, sound.WithRate(set.SampleRate()), sound.WithSeed(uint64(k)))
			h, _ := set.HRTF(k)
			ears, err := Render(h, noise.Data())
			if err != nil {
				t.Fatal(err)
			}
			est, err := l.Localise(ears[0], ears[1])
			if err != nil {
				t.Fatal(err)
			}
			if est.Index != k {
				t.Errorf("%s: direction %d (%+v) localised at %d (%+v)", m, k, set.coords[k], est.Index, est.Coordinate)
			}
			one, err := l.localise(ears[0], ears[1], 1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(one.Scores, est.Scores) {
				t.Errorf("%s: scores on one goroutine differ from Localise's", m)
			}
			if m == GoodmanBrette && math.Abs(est.Scores[k]-1) > 1e-9 {
				t.Errorf("%s: true direction %d scores %.12g, want 1", m, k, est.Scores[k])
			}
		}
	}
}

// accuracyCase is one measured accuracy, with the bounds the test holds it
// to. The bounds are the value measured with seed 1 (docs/hrtf.md) widened
// to what another seed could move it: a few trials either way.
type accuracyCase struct {
	path        string
	model       Model
	earNoise    *sound.DB
	minWithin15 float64 // share
	maxWithin15 float64
	minFB       float64 // share of front-back confusions
	maxFB       float64
	maxLateral  float64 // mean lateral error, degrees
	minAmbig    int     // tied trials at least
	maxAmbig    int
}

func TestLocaliseAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates every direction of two sets with two models")
	}
	snr0 := sound.DB(60) // ear noise at the source's level
	cases := []accuracyCase{
		// KEMAR is left/right symmetric: the median plane's directions
		// have an interaural transfer function of 1 and tie for both
		// models; they are the only errors. Which of the tied directions
		// is reported is decided by rounding, so the front-back bound
		// allows all 26 tied trials to be confusions (3.7%).
		{kemarPath, GoodmanBrette, nil, 0.95, 0.985, 0, 0.04, 0.5, 20, 30},
		{kemarPath, CrossCorrelation, nil, 0.95, 0.99, 0, 0.04, 0.5, 20, 30},
		// LISTEN 1002 is a real, asymmetric head: without noise both
		// models find every direction.
		{listenPath, GoodmanBrette, nil, 1, 1, 0, 0, 0, 0, 0},
		{listenPath, CrossCorrelation, nil, 0.98, 1, 0, 0.01, 0.5, 0, 0},
		// With independent noise at each ear at the source's level,
		// measured 70.1% within 15° and 17.6% front-back confusions for
		// Goodman & Brette, 20.3% and 33.2% for the baseline (seed 1); the
		// bounds are about ±3 binomial standard deviations (n = 187).
		{listenPath, GoodmanBrette, &snr0, 0.60, 0.80, 0.08, 0.28, 2.5, 0, 0},
		{listenPath, CrossCorrelation, &snr0, 0.12, 0.30, 0.22, 0.44, 5, 0, 0},
	}
	sets := map[string]*Set{}
	for _, c := range cases {
		if sets[c.path] == nil {
			sets[c.path] = loadTestSet(t, c.path)
		}
		l, err := NewLocaliser(sets[c.path], LocaliserOptions{Model: c.model})
		if err != nil {
			t.Fatal(err)
		}
		ev, err := l.Evaluate(EvaluateOptions{Seed: 1, EarNoise: c.earNoise})
		if err != nil {
			t.Fatal(err)
		}
		s := ev.Summary
		t.Logf("%s %s: %+v", sets[c.path].Name(), c.model, s)
		if s.Within15 < c.minWithin15 || s.Within15 > c.maxWithin15 {
			t.Errorf("%s %s: %.1f%% within 15°, want %.1f–%.1f%%", c.path, c.model, 100*s.Within15, 100*c.minWithin15, 100*c.maxWithin15)
		}
		if s.FrontBack < c.minFB || s.FrontBack > c.maxFB {
			t.Errorf("%s %s: %.1f%% front-back confusions, want %.1f–%.1f%%", c.path, c.model, 100*s.FrontBack, 100*c.minFB, 100*c.maxFB)
		}
		if s.MeanLateralError > c.maxLateral {
			t.Errorf("%s %s: mean lateral error %.2f°, want at most %.2f°", c.path, c.model, s.MeanLateralError, c.maxLateral)
		}
		if s.Ambiguous < c.minAmbig || s.Ambiguous > c.maxAmbig {
			t.Errorf("%s %s: %d tied trials, want %d–%d", c.path, c.model, s.Ambiguous, c.minAmbig, c.maxAmbig)
		}
	}
}

// Results do not depend on the number of workers.
func TestEvaluateWorkers(t *testing.T) {
	set := loadTestSet(t, listenPath)
	l, err := NewLocaliser(set, LocaliserOptions{Model: CrossCorrelation})
	if err != nil {
		t.Fatal(err)
	}
	noise := sound.DB(55)
	opts := EvaluateOptions{Directions: []int{3, 40, 77, 120, 160}, EarNoise: &noise, Duration: 0.05}
	opts.Workers = 1
	a, err := l.Evaluate(opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Workers = 3
	b, err := l.Evaluate(opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Trials {
		if a.Trials[i] != b.Trials[i] {
			t.Errorf("trial %d: %+v with 1 worker, %+v with 3", i, a.Trials[i], b.Trials[i])
		}
	}
}

func TestSummariseAndAngles(t *testing.T) {
	if d := GreatCircle(Coordinate{Azimuth: 10}, Coordinate{Azimuth: 40}); math.Abs(d-30) > 1e-12 {
		t.Errorf("GreatCircle along the horizon: %g, want 30", d)
	}
	if d := GreatCircle(Coordinate{Elevation: 90}, Coordinate{Azimuth: 123, Elevation: 90}); d > 1e-12 {
		t.Errorf("zenith to zenith: %g", d)
	}
	if d := GreatCircle(Coordinate{Azimuth: 30}, Coordinate{Azimuth: 150}); math.Abs(d-120) > 1e-12 {
		t.Errorf("front-back mirror: %g, want 120", d)
	}
	if a := Lateral(Coordinate{Azimuth: 150}); math.Abs(a-30) > 1e-12 {
		t.Errorf("lateral angle of 150°: %g, want 30", a)
	}
	est := func(az, el float64) *Estimate { return &Estimate{Coordinate: Coordinate{Azimuth: az, Elevation: el}} }
	trials := []Trial{
		NewTrial(0, Coordinate{Azimuth: 30}, est(30, 0)),   // exact
		NewTrial(1, Coordinate{Azimuth: 30}, est(150, 0)),  // front-back confusion, lateral error 0
		NewTrial(2, Coordinate{Azimuth: 0}, est(20, 0)),    // 20°
		NewTrial(3, Coordinate{Azimuth: 85}, est(95, 0)),   // 10°, within 10° of the frontal plane: no confusion
		NewTrial(4, Coordinate{Azimuth: -90}, est(90, 10)), // opposite sides
	}
	if !trials[1].FrontBackConfusion || trials[3].FrontBackConfusion || trials[0].FrontBackConfusion {
		t.Errorf("front-back flags %v %v %v", trials[0].FrontBackConfusion, trials[1].FrontBackConfusion, trials[3].FrontBackConfusion)
	}
	if trials[1].LateralError > 1e-12 {
		t.Errorf("mirror image's lateral error %g, want 0", trials[1].LateralError)
	}
	s := Summarise(trials)
	// Errors sorted: 0, 10, 20, 120, 170: median 20, p90 = 120 + 0.6·50 = 150.
	if math.Abs(s.MedianError-20) > 1e-9 || math.Abs(s.P90Error-150) > 1e-9 {
		t.Errorf("median %g, p90 %g; want 20, 150", s.MedianError, s.P90Error)
	}
	if s.Within15 != 0.4 || s.Within30 != 0.6 || s.FrontBack != 0.2 {
		t.Errorf("within15 %g within30 %g frontback %g", s.Within15, s.Within30, s.FrontBack)
	}
}

func TestLocaliserErrors(t *testing.T) {
	set, err := Spherical(DefaultSphericalHead(), []Coordinate{{}, {Azimuth: 90}}, 16000, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewLocaliser(nil, LocaliserOptions{}); err == nil {
		t.Error("nil set: no error")
	}
	if _, err := NewLocaliser(set, LocaliserOptions{Model: "jeffress"}); err == nil {
		t.Error("unknown model: no error")
	}
	if _, err := NewLocaliser(set, LocaliserOptions{FMax: 9000}); err == nil {
		t.Error("band above Nyquist: no error")
	}
	l, err := NewLocaliser(set, LocaliserOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, lr := range map[string][2][]float64{
		"lengths": {{1, 2}, {1}},
		"empty":   {{}, {}},
		"NaN":     {{1, math.NaN()}, {1, 1}},
		"silent":  {{0, 0}, {0, 0}},
	} {
		if _, err := l.Localise(lr[0], lr[1]); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := l.Evaluate(EvaluateOptions{Directions: []int{5}}); err == nil {
		t.Error("direction out of range: no error")
	}
	if _, err := l.Evaluate(EvaluateOptions{Duration: -1}); err == nil {
		t.Error("negative duration: no error")
	}
	if _, err := l.Evaluate(EvaluateOptions{Level: 1000}); err == nil {
		t.Error("level 1000 dB SPL: no error")
	}
	huge := sound.DB(math.Inf(1))
	if _, err := l.Evaluate(EvaluateOptions{EarNoise: &huge}); err == nil {
		t.Error("infinite ear noise: no error")
	}
}

func TestInterpolate(t *testing.T) {
	set := loadTestSet(t, kemarPath)
	// At a measured direction: that direction alone.
	k, _ := set.Index(30, 10)
	h, used, w, err := set.Interpolate(30, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(used) != 1 || used[0] != k || w[0] != 1 {
		t.Errorf("at a measured direction: %v %v", used, w)
	}
	h0, _ := set.HRTF(k)
	if !slices.Equal(h.left, h0.left) || !slices.Equal(h.right, h0.right) {
		t.Error("at a measured direction the responses differ from the measured ones")
	}
	// Between directions: three, weights positive summing to 1, and the
	// weighted unit vectors point at the requested direction.
	_, used, w, err = set.Interpolate(32.5, 14)
	if err != nil {
		t.Fatal(err)
	}
	if len(used) != 3 {
		t.Fatalf("used %v", used)
	}
	var sum, x, y, z float64
	for i, k := range used {
		if w[i] < 0 {
			t.Errorf("negative weight %g", w[i])
		}
		sum += w[i]
		c := set.coords[k]
		if GreatCircle(c, Coordinate{Azimuth: 32.5, Elevation: 14}) > 12 {
			t.Errorf("direction %+v is far from the target", c)
		}
		cx, cy, cz := unit(c.Azimuth, c.Elevation)
		x, y, z = x+w[i]*cx, y+w[i]*cy, z+w[i]*cz
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("weights sum to %g", sum)
	}
	if d := GreatCircle(Coordinate{Azimuth: math.Atan2(y, x) * 180 / math.Pi, Elevation: math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi},
		Coordinate{Azimuth: 32.5, Elevation: 14}); d > 1e-9 {
		t.Errorf("weighted direction is %g° off", d)
	}
	if _, _, _, err := set.Interpolate(0, 91); err == nil {
		t.Error("elevation 91°: no error")
	}
}

func TestRenderPath(t *testing.T) {
	set := loadTestSet(t, kemarPath)
	noise, _ := sound.WhiteNoise(0.3, sound.WithRate(set.SampleRate()), sound.WithSeed(5))
	x := noise.Data()
	// A path that stays at one direction renders as Render does.
	k := set.Nearest(40, 10)
	h, _ := set.HRTF(k)
	want, err := Render(h, x)
	if err != nil {
		t.Fatal(err)
	}
	got, err := set.RenderPath(x, []PathPoint{{Time: 0, Azimuth: 40, Elevation: 10}, {Time: 1, Azimuth: 41, Elevation: 10}}, false)
	if err != nil {
		t.Fatal(err)
	}
	for e := range want {
		if len(got[e]) != len(want[e]) {
			t.Fatalf("ear %d: %d samples, want %d", e, len(got[e]), len(want[e]))
		}
		peak, worst := 0.0, 0.0
		for i := range want[e] {
			peak = max(peak, math.Abs(want[e][i]))
			worst = max(worst, math.Abs(got[e][i]-want[e][i]))
		}
		if worst > 1e-12*peak {
			t.Errorf("ear %d: static path differs from Render by %g (peak %g)", e, worst, peak)
		}
	}
	// From the left (+90°) to the right (−90°) through the front: the left
	// ear is louder at the start, the right ear at the end.
	path := []PathPoint{{Time: 0.05, Azimuth: 90}, {Time: 0.15, Azimuth: 0}, {Time: 0.25, Azimuth: -90}}
	for _, interp := range []bool{false, true} {
		ears, err := set.RenderPath(x, path, interp)
		if err != nil {
			t.Fatal(err)
		}
		energy := func(y []float64, lo, hi int) float64 {
			var s float64
			for _, v := range y[lo:hi] {
				s += v * v
			}
			return s
		}
		n := len(x)
		if !(energy(ears[0], 0, n/6) > 4*energy(ears[1], 0, n/6)) || !(energy(ears[1], 5*n/6, n) > 4*energy(ears[0], 5*n/6, n)) {
			t.Errorf("interpolate %v: the source does not move from left to right", interp)
		}
	}
	if az, el := pathAt(path, 0.10); math.Abs(az-45) > 1e-9 || math.Abs(el) > 1e-9 {
		t.Errorf("half way from +90° to 0°: %g°, %g°, want 45°, 0°", az, el)
	}
	for name, p := range map[string][]PathPoint{
		"empty":      nil,
		"decreasing": {{Time: 1}, {Time: 0.5}},
		"NaN":        {{Time: math.NaN()}},
		"elevation":  {{Elevation: 100}},
		"opposite":   {{Time: 0, Azimuth: 90}, {Time: 1, Azimuth: -90}},
	} {
		if _, err := set.RenderPath(x, p, false); err == nil {
			t.Errorf("%s path: no error", name)
		}
	}
}

// Set.Interaural on KEMAR: a source at the left (+90°) reaches the left ear
// 600–800 µs earlier and more than 10 dB louder; the front is balanced.
func TestInteraural(t *testing.T) {
	set := loadTestSet(t, kemarPath)
	itd, ild, err := set.Interaural()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		az   float64
		sign float64
	}{{90, 1}, {-90, -1}} {
		k, _ := set.Index(c.az, 0)
		if v := -c.sign * itd[k]; !(v > 600e-6 && v < 800e-6) {
			t.Errorf("azimuth %g°: ITD %.0f µs", c.az, 1e6*itd[k])
		}
		if v := c.sign * ild[k]; !(v > 10) {
			t.Errorf("azimuth %g°: ILD %.1f dB", c.az, ild[k])
		}
	}
	k, _ := set.Index(0, 0)
	if math.Abs(itd[k]) > 10e-6 || math.Abs(ild[k]) > 0.5 {
		t.Errorf("front: ITD %.1f µs, ILD %.2f dB", 1e6*itd[k], ild[k])
	}
}
