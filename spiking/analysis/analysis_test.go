package analysis

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// reference holds what testdata/make_reference.py computed with numpy,
// scipy and Brian2.
type reference struct {
	Duration       float64   `json:"duration"`
	Period         float64   `json:"period"`
	FiringRate     []float64 `json:"firing_rate"`
	CV             []float64 `json:"cv"`
	PooledCV       float64   `json:"pooled_cv"`
	VectorStrength []float64 `json:"vector_strength"`
	ISIHist        struct {
		Width, Max float64
		Counts     []float64
	} `json:"isi_hist"`
	Fano struct {
		Width  float64
		Values []float64
	} `json:"fano"`
	XCorr struct {
		A, B        int
		MaxLag, Bin float64
		Values      []float64
	} `json:"xcorr"`
	ACorr struct {
		Train       int
		MaxLag, Bin float64
		Values      []float64
	} `json:"acorr"`
	PeriodHist struct {
		Train, Bins int
		Counts      []float64
	} `json:"period_hist"`
	VanRossum struct {
		End   float64
		Cases []struct {
			A, B       int
			Tau, Value float64
		}
	} `json:"van_rossum"`
	STA struct {
		Train             int
		Dt, Window, Onset float64
		Values            []float64
		Used              int
	} `json:"sta"`
	Smooth struct {
		Dt    float64
		Cases []struct {
			Window string
			Width  float64
			Values []float64
		}
	} `json:"smooth"`
}

func loadReference(t *testing.T) (*reference, [][]float64) {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/trains.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var trains [][]float64
	for _, rec := range recs {
		k, _ := strconv.Atoi(rec[0])
		v, _ := strconv.ParseFloat(rec[1], 64)
		for len(trains) <= k {
			trains = append(trains, nil)
		}
		trains[k] = append(trains[k], v)
	}
	return &r, trains
}

func loadColumn(t *testing.T, path string) []float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, l := range strings.Fields(string(b)) {
		v, err := strconv.ParseFloat(l, 64)
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, v)
	}
	return xs
}

func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300) || got == want
}

func checkSlice(t *testing.T, what string, got, want []float64, rel, abs float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for k := range got {
		if math.Abs(got[k]-want[k]) > rel*math.Abs(want[k])+abs {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, k, got[k], want[k])
		}
	}
}

func TestAgainstScipy(t *testing.T) {
	r, trains := loadReference(t)
	for k, tr := range trains {
		fr, err := FiringRate(tr)
		if err != nil || !near(fr, r.FiringRate[k], 1e-12) {
			t.Errorf("FiringRate(train %d) = %v, %v; want %v", k, fr, err, r.FiringRate[k])
		}
		cv, err := CV(tr)
		if err != nil || !near(cv, r.CV[k], 1e-10) {
			t.Errorf("CV(train %d) = %v, %v; want scipy.stats.variation %v", k, cv, err, r.CV[k])
		}
		vs, err := VectorStrength(tr, r.Period)
		if err != nil || !near(vs, r.VectorStrength[k], 1e-9) {
			t.Errorf("VectorStrength(train %d) = %v, %v; want scipy.signal.vectorstrength %v", k, vs, err, r.VectorStrength[k])
		}
		ff, err := FanoFactor(tr, 0, r.Duration, r.Fano.Width)
		if err != nil || !near(ff, r.Fano.Values[k], 1e-10) {
			t.Errorf("FanoFactor(train %d) = %v, %v; want %v", k, ff, err, r.Fano.Values[k])
		}
	}
	pcv, err := PooledCV(trains)
	if err != nil || !near(pcv, r.PooledCV, 1e-10) {
		t.Errorf("PooledCV = %v, %v; want %v", pcv, err, r.PooledCV)
	}
	h, err := ISIHistogram(trains, r.ISIHist.Width, r.ISIHist.Max)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "ISIHistogram", h.Counts, r.ISIHist.Counts, 0, 0)
	xc, err := CrossCorrelogram(trains[r.XCorr.A], trains[r.XCorr.B], r.XCorr.MaxLag, r.XCorr.Bin, r.Duration)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "CrossCorrelogram", xc.Counts, r.XCorr.Values, 1e-12, 0)
	ac, err := Autocorrelogram(trains[r.ACorr.Train], r.ACorr.MaxLag, r.ACorr.Bin, r.Duration)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Autocorrelogram", ac.Counts, r.ACorr.Values, 1e-12, 0)
	ph, err := PeriodHistogram(trains[r.PeriodHist.Train], r.Period, r.PeriodHist.Bins)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "PeriodHistogram", ph.Counts, r.PeriodHist.Counts, 0, 0)
	for _, c := range r.VanRossum.Cases {
		cut := func(tr []float64) []float64 {
			var o []float64
			for _, v := range tr {
				if v < r.VanRossum.End {
					o = append(o, v)
				}
			}
			return o
		}
		d, err := VanRossum(cut(trains[c.A]), cut(trains[c.B]), c.Tau)
		// quad integrates to ~1e-12 relative on each piece.
		if err != nil || !near(d, c.Value, 1e-8) {
			t.Errorf("VanRossum(tau %g) = %.15g, %v; want numerical integral %.15g", c.Tau, d, err, c.Value)
		}
	}
	stim := loadColumn(t, "testdata/stimulus.csv")
	sta, lags, used, err := SpikeTriggeredAverage(trains[r.STA.Train], stim, r.STA.Dt, r.STA.Window, r.STA.Onset)
	if err != nil {
		t.Fatal(err)
	}
	if used != r.STA.Used {
		t.Errorf("STA averaged %d spikes, want %d", used, r.STA.Used)
	}
	checkSlice(t, "SpikeTriggeredAverage", sta, r.STA.Values, 1e-12, 1e-15)
	if !near(lags[0], r.STA.Dt, 1e-15) || !near(lags[len(lags)-1], r.STA.Window, 1e-12) {
		t.Errorf("STA lags run %g … %g s, want %g … %g", lags[0], lags[len(lags)-1], r.STA.Dt, r.STA.Window)
	}
}

func TestSmoothRateAgainstBrian2(t *testing.T) {
	r, _ := loadReference(t)
	rate := loadColumn(t, "testdata/rate.csv")
	for _, c := range r.Smooth.Cases {
		got, err := SmoothRate(rate, r.Smooth.Dt, Window(c.Window), c.Width)
		if err != nil {
			t.Fatal(err)
		}
		// numpy.convolve sums in another order: a few ulps of the rate.
		checkSlice(t, "SmoothRate "+c.Window, got, c.Values, 1e-12, 1e-9)
	}
}

func TestClosedForms(t *testing.T) {
	// Clock at 100 Hz: CV 0, Fano 0, vector strength 1 at its period,
	// firing rate 100 Hz; mean rate counts per second.
	var clock []float64
	for k := range 100 {
		clock = append(clock, 0.005+float64(k)*0.01)
	}
	if cv, _ := CV(clock); math.Abs(cv) > 1e-12 {
		t.Errorf("CV of a clock = %g", cv)
	}
	if fr, _ := FiringRate(clock); !near(fr, 100, 1e-12) {
		t.Errorf("FiringRate of a clock = %g", fr)
	}
	if mr, _ := MeanRate(2, clock, nil); mr != 25 {
		t.Errorf("MeanRate = %g, want 25", mr)
	}
	if vs, _ := VectorStrength(clock, 0.01); !near(vs, 1, 1e-12) {
		t.Errorf("vector strength at the clock's period = %g", vs)
	}
	if vs, _ := VectorStrength(clock, 0.02); math.Abs(vs) > 1e-12 {
		// Spikes alternate between phases 1/4 and 3/4 of 20 ms: opposite vectors.
		t.Errorf("vector strength at twice the period = %g", vs)
	}
	if ff, _ := FanoFactor(clock, 0, 1, 0.1); math.Abs(ff) > 1e-12 {
		t.Errorf("Fano factor of a clock = %g", ff)
	}
	// Van Rossum: one spike vs none is 1/√2; a shift δ gives √(1−e^(−δ/τ)).
	if d, _ := VanRossum([]float64{0.3}, nil, 0.01); !near(d, math.Sqrt(0.5), 1e-15) {
		t.Errorf("van Rossum one spike vs none = %g", d)
	}
	if d, _ := VanRossum([]float64{0.3}, []float64{0.305}, 0.01); !near(d, math.Sqrt(1-math.Exp(-0.5)), 1e-12) {
		t.Errorf("van Rossum shifted spike = %g", d)
	}
	// D² of a train with itself cancels to rounding (~n·ε of the sums).
	if d, _ := VanRossum(clock, clock, 0.01); d*d > 1e-12 {
		t.Errorf("van Rossum of a train with itself = %g", d)
	}
	// Coincidence factor: 1 for identical trains; a worked case.
	if g, _ := GammaFactor(clock, clock, 2e-3, 1); !near(g, 1, 1e-12) {
		t.Errorf("Γ of identical trains = %g", g)
	}
	data := []float64{0.1, 0.2, 0.3}
	model := []float64{0.101, 0.25, 0.302, 0.303}
	// Coincidences: 0.1–0.101 and 0.3–0.302 (0.303 is left without a partner).
	nu := 4.0
	want := (2 - 2*nu*0.002*3) / (0.5 * 7) / (1 - 2*nu*0.002)
	if g, _ := GammaFactor(data, model, 0.002, 1); !near(g, want, 1e-12) {
		t.Errorf("Γ = %g, want %g", g, want)
	}
	if n := Coincidences([]float64{0.1, 0.1005}, []float64{0.1002}, 0.001); n != 1 {
		t.Errorf("one model spike matched %d data spikes", n)
	}
	// Correlogram of independent Poisson trains: ν_a ν_b bin per bin on
	// average; a train correlated with itself shifted by 3 ms peaks there.
	a := []float64{0.1, 0.4, 0.7}
	b := []float64{0.1035, 0.4035, 0.7035}
	h, err := CrossCorrelogram(a, b, 0.01, 0.001, 1)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h.Counts {
		want := 0.0
		if k == 13 { // lag bin [3, 4) ms
			want = 3 / (1 - 0.003) // pairs per second of overlap
		}
		if !near(v, want, 1e-12) {
			t.Errorf("correlogram bin [%g, %g) = %g, want %g", h.Edges[k], h.Edges[k+1], v, want)
		}
	}
	// STA of a ramp stimulus: the sample ℓ steps before spike step k is k−ℓ.
	ramp := make([]float64, 1000)
	for k := range ramp {
		ramp[k] = float64(k)
	}
	sta, _, used, err := SpikeTriggeredAverage([]float64{0.0105, 0.0505}, ramp, 1e-3, 5e-3, 0)
	if err != nil || used != 2 {
		t.Fatal(used, err)
	}
	for l, v := range sta {
		if want := float64((10+50)/2 - (l + 1)); v != want {
			t.Errorf("STA of a ramp at lag %d = %g, want %g", l+1, v, want)
		}
	}
}

func TestErrors(t *testing.T) {
	bad := [][]float64{{0.2, 0.1}, {math.NaN()}, {0, math.Inf(1)}}
	for _, tr := range bad {
		if _, err := CV(tr); err == nil {
			t.Errorf("CV(%v) gave no error", tr)
		}
		if _, err := VanRossum(tr, nil, 1); err == nil {
			t.Errorf("VanRossum(%v) gave no error", tr)
		}
		if _, err := CrossCorrelogram(tr, tr, 0.01, 0.001, 1); err == nil {
			t.Errorf("CrossCorrelogram(%v) gave no error", tr)
		}
	}
	if _, err := CV([]float64{0.1, 0.2}); err == nil {
		t.Error("CV of 2 spikes gave no error")
	}
	if _, err := FiringRate([]float64{0.1}); err == nil {
		t.Error("firing rate of one spike gave no error")
	}
	if _, err := CrossCorrelogram([]float64{1}, []float64{1}, 1e9, 1e-12, 2e9); err == nil {
		t.Error("a correlogram of 2e21 bins gave no error")
	}
	if _, err := CrossCorrelogram([]float64{1}, []float64{1}, 1, 0.1, 0.5); err == nil {
		t.Error("lags longer than the recording gave no error")
	}
	if _, err := SmoothRate([]float64{1, 2}, 1e-4, "boxcar", 1e-3); err == nil {
		t.Error("unknown window gave no error")
	}
	if _, err := SmoothRate([]float64{1, math.NaN()}, 1e-4, Flat, 1e-3); err == nil {
		t.Error("NaN rate gave no error")
	}
	if _, err := GammaFactor([]float64{0.1}, []float64{0.1, 0.2, 0.3}, 0.2, 1); err == nil {
		t.Error("2νΔ ≥ 1 gave no error")
	}
	if _, err := PeriodHistogram([]float64{0.1}, 0, 10); err == nil {
		t.Error("zero period gave no error")
	}
	if _, _, _, err := SpikeTriggeredAverage([]float64{0.001}, []float64{1, 2, 3}, 1e-3, 2e-3, 0); err == nil {
		t.Error("STA without usable spikes gave no error")
	}
	if _, err := FanoFactor([]float64{0.1}, 0, 1, 1); err == nil {
		t.Error("Fano factor of one window gave no error")
	}
	if _, err := HistogramOf([]float64{math.NaN()}, 0, 1, 0.1); err == nil {
		t.Error("NaN value gave no error")
	}
}
