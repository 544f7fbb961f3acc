package plot

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"

	"github.com/gohears/hears/sound"
)

// TestLogFrequencyTicksBrianHears checks the tick sets against the rules
// of brian2hears 0.9.2's log_frequency_axis_labels (plotting.py): the first
// of its six sets whose ends contain the axis, else powers of 2.
func TestLogFrequencyTicksBrianHears(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   []float64
	}{
		{1, 64, []float64{1, 2, 4, 8, 16, 32, 64}},
		{3, 40, []float64{4, 8, 16, 32}},
		{60, 380, []float64{75, 100, 150, 200, 300}},
		{10, 320, []float64{10, 20, 40, 80, 160, 320}},
		{1.5, 700, []float64{2, 4, 8, 16, 32, 64, 100, 200, 400}},
		{200, 4000, []float64{250, 500, 1000, 2000, 4000}},
		{125, 16000, []float64{125, 250, 500, 1000, 2000, 4000, 8000, 16000}},
		{100, 8000, []float64{100, 250, 500, 1000, 2500, 5000}},
		{120, 44100, []float64{250, 500, 1000, 2500, 5000, 10000, 25000}},
		// 0.9999 and 1.0001 of slack at the ends, as Brian Hears allows.
		{124.99, 16001, []float64{125, 250, 500, 1000, 2000, 4000, 8000, 16000}},
		// No set fits: powers of 2.
		{20, 20000, []float64{32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384}},
		{0.1, 1e6, nil}, // 24 powers of 2, thinned
	} {
		got, err := LogFrequencyTicks(c.lo, c.hi, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.lo == 0.1 { // 24 powers of 2: thinned to at most 11
			if len(got) > 11 || len(got) < 6 {
				t.Errorf("[%g, %g]: %d ticks %v", c.lo, c.hi, len(got), got)
			}
			for i := 1; i < len(got); i++ {
				if r := got[i] / got[i-1]; r != got[1]/got[0] || math.Log2(got[i]) != math.Round(math.Log2(got[i])) {
					t.Errorf("[%g, %g]: ticks %v are not evenly spaced powers of 2", c.lo, c.hi, got)
				}
			}
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("[%g, %g]: ticks %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
	// The override (Brian Hears' freqs=): those inside the axis.
	got, err := LogFrequencyTicks(100, 8000, []float64{50, 300, 3000, 9000})
	if err != nil || !slices.Equal(got, []float64{300, 3000}) {
		t.Errorf("override: %v, %v", got, err)
	}
	for _, bad := range [][3]float64{{0, 100}, {-1, 100}, {100, 100}, {100, math.Inf(1)}, {math.NaN(), 10}} {
		if _, err := LogFrequencyTicks(bad[0], bad[1], nil); err == nil {
			t.Errorf("LogFrequencyTicks(%g, %g): no error", bad[0], bad[1])
		}
	}
	if _, err := LogFrequencyTicks(1, 10, []float64{-5}); err == nil {
		t.Error("negative tick frequency: no error")
	}
}

func tickLabels(tk gplot.Ticker, lo, hi float64) string {
	var ls []string
	for _, t := range tk.Ticks(lo, hi) {
		if t.Label != "" {
			ls = append(ls, t.Label)
		}
	}
	return strings.Join(ls, " ")
}

// TestSpectrogramLogFrequency: on a log axis a 3 kHz tone's brightest row
// sits at log10(3000), the 0 Hz bin is left out, and the ticks are Brian
// Hears' or the override.
func TestSpectrogramLogFrequency(t *testing.T) {
	s, err := sound.Tone(3000, 0.5, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := s.Spectrogram(sound.SpectrogramOptions{NFFT: 512})
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Spectrogram(sp.Power, sp.Times, sp.Freqs, &Options{Width: 600, Height: 400, LogFrequencyAxis: true})
	if err != nil {
		t.Fatal(err)
	}
	img := fig.Image()
	d := dataRect(fig)
	by := brightestRow(img, d, d.Min.X+d.Dx()/2)
	df := sp.Freqs[1] - sp.Freqs[0]
	ylo, yhi := math.Log10(df/2), math.Log10(8000+df/2)
	p := fig.Plot()
	if math.Abs(p.Y.Min-ylo) > 1e-12 || math.Abs(p.Y.Max-yhi) > 1e-12 {
		t.Fatalf("y range [%g, %g], want [%g, %g]", p.Y.Min, p.Y.Max, ylo, yhi)
	}
	want := d.Max.Y - int(math.Round((math.Log10(3000)-ylo)/(yhi-ylo)*float64(d.Dy())))
	if abs(by-want) > 3 {
		t.Errorf("brightest row at %d px, 3 kHz at %d px", by, want)
	}
	// 15.6 Hz – 8 kHz fits none of Brian Hears' sets: powers of 2.
	if got := tickLabels(p.Y.Tick.Marker, p.Y.Min, p.Y.Max); got != "16 32 64 128 256 512 1024 2048 4096" {
		t.Errorf("log ticks %q", got)
	}
	// Override, on the log and on the linear axis.
	for _, logAxis := range []bool{true, false} {
		fig, err = Spectrogram(sp.Power, sp.Times, sp.Freqs, &Options{Width: 600, Height: 400, LogFrequencyAxis: logAxis, FrequencyTicks: []float64{100, 1000, 3000, 20000}})
		if err != nil {
			t.Fatal(err)
		}
		p = fig.Plot()
		if got := tickLabels(p.Y.Tick.Marker, p.Y.Min, p.Y.Max); got != "100 1k 3k" {
			t.Errorf("log %v: override ticks %q", logAxis, got)
		}
	}
	if _, err := Spectrogram([][]float64{{1}}, []float64{0.1}, []float64{0}, &Options{LogFrequencyAxis: true}); err == nil {
		t.Error("log axis of 0 Hz only: no error")
	}
	if _, err := Spectrogram(sp.Power, sp.Times, sp.Freqs, &Options{FrequencyTicks: []float64{math.NaN()}}); err == nil {
		t.Error("NaN tick frequency: no error")
	}
}

func TestCochleagramFrequencyTicks(t *testing.T) {
	cf := erbSpace(100, 8000, 50)
	for _, ax := range []FrequencyAxis{LogFrequency, ChannelRows} {
		fig, err := Cochleagram(bandData(cf, 1000, 1000, 200), cf, 1000, &Options{Width: 400, Height: 300, FrequencyAxis: ax, FrequencyTicks: []float64{50, 250, 1000, 4000}})
		if err != nil {
			t.Fatal(err)
		}
		p := fig.Plot()
		ts := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
		ly := newFreqLayout(cf, ax, 300)
		if len(ts) != 3 {
			t.Fatalf("axis %d: ticks %v", ax, ts)
		}
		for i, f := range []float64{250, 1000, 4000} {
			if ts[i].Label != hzLabel(f) || math.Abs(ts[i].Value-ly.pos(f)) > 1e-12 {
				t.Errorf("axis %d: tick %d = %+v, want %s at %g", ax, i, ts[i], hzLabel(f), ly.pos(f))
			}
		}
	}
}

// TestCurvesFrequencyX: a tuning curve (threshold against frequency) on a
// log-frequency x axis.
func TestCurvesFrequencyX(t *testing.T) {
	f := []float64{200, 400, 800, 1600, 3200}
	thr := []float64{60, 40, 10, 35, 70}
	for _, c := range []struct {
		ticks []float64
		want  string
	}{{nil, "250 500 1k 2k"}, {[]float64{300, 1000, 3000}, "300 1k 3k"}} {
		fig, err := Curves(f, [][]float64{thr}, &CurveOptions{Options: Options{Width: 500, Height: 400, FrequencyTicks: c.ticks},
			Axes: Axes{XLabel: "Frequency (Hz)", YLabel: "Threshold (dB SPL)"}, FrequencyX: true})
		if err != nil {
			t.Fatal(err)
		}
		p := fig.Plot()
		if _, ok := p.X.Scale.(gplot.LogScale); !ok {
			t.Fatalf("x scale %T, want log", p.X.Scale)
		}
		if got := tickLabels(p.X.Tick.Marker, p.X.Min, p.X.Max); got != c.want {
			t.Errorf("ticks %q, want %q", got, c.want)
		}
	}
	if _, err := Curves([]float64{0, 100}, [][]float64{{1, 2}}, &CurveOptions{FrequencyX: true}); err == nil {
		t.Error("0 Hz on a log-frequency axis: no error")
	}
	// A panel made by hand: the error comes when the figure is made.
	pn := NewPanel("", "f (Hz)", "")
	if _, err := pn.Line([]float64{0, 10}, []float64{1, 2}, ""); err != nil {
		t.Fatal(err)
	}
	if err := pn.LogFrequencyX(); err != nil {
		t.Fatal(err)
	}
	if _, err := Stack(nil, ShareNone, pn); err == nil || !strings.Contains(err.Error(), "x axis") {
		t.Errorf("x reaching 0 Hz on a log-frequency axis: error %v", err)
	}
	// y from 1 to 2 (Hz) is a valid log-frequency y axis.
	pn = NewPanel("", "", "f (Hz)")
	if _, err := pn.Line([]float64{0, 10}, []float64{1, 2}, ""); err != nil {
		t.Fatal(err)
	}
	if err := pn.LogFrequencyY(1, 1.5, 2); err != nil {
		t.Fatal(err)
	}
	fig, err := Stack(nil, ShareNone, pn)
	if err != nil {
		t.Fatal(err)
	}
	if p := fig.Plot(); tickLabels(p.Y.Tick.Marker, p.Y.Min, p.Y.Max) != "1 1.5 2" {
		t.Errorf("y ticks %q", tickLabels(p.Y.Tick.Marker, p.Y.Min, p.Y.Max))
	}
	if err := pn.LogFrequencyX(-1); err == nil {
		t.Error("negative tick: no error")
	}
}

// TestSpectrumPicture draws Brian Hears' spectrum(display=True) of a 1 kHz
// tone: the power peak of the top panel lies at 1 kHz on the log axis.
func TestSpectrumPicture(t *testing.T) {
	s, err := sound.Tone(1000, 0.1, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := s.Spectrum(sound.SpectrumOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Spectrum(sp.Freqs, sp.Power, sp.Phase, &Options{Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	p := fig.Plot() // the top panel
	if p.Y.Label.Text != "Power (dB)" || p.X.Min != 10 || p.X.Max != 8000 {
		t.Fatalf("top panel: %q, x [%g, %g]", p.Y.Label.Text, p.X.Min, p.X.Max)
	}
	// 10 Hz – 8 kHz fits none of Brian Hears' sets: powers of 2.
	if got := tickLabels(p.X.Tick.Marker, p.X.Min, p.X.Max); got != "16 32 64 128 256 512 1024 2048 4096" {
		t.Errorf("ticks %q", got)
	}
	img := fig.Image()
	line := Palette[0]
	x0, x1, peakX, peakY := math.MaxInt, -1, 0, math.MaxInt
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y/2; y++ { // the top panel
		for x := b.Min.X; x < b.Max.X; x++ {
			if !near(img.At(x, y), line) {
				continue
			}
			x0, x1 = min(x0, x), max(x1, x)
			if y < peakY {
				peakX, peakY = x, y
			}
		}
	}
	if x1 < 0 {
		t.Fatal("no line drawn")
	}
	want := float64(x0) + math.Log(1000.0/10)/math.Log(8000.0/10)*float64(x1-x0)
	if math.Abs(float64(peakX)-want) > 3 {
		t.Errorf("power peak at x = %d px, 1 kHz at %.0f px (line spans %d–%d)", peakX, want, x0, x1)
	}
	// Override and errors.
	fig, err = Spectrum(sp.Freqs, sp.Power, sp.Phase, &Options{FrequencyTicks: []float64{100, 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if p := fig.Plot(); tickLabels(p.X.Tick.Marker, p.X.Min, p.X.Max) != "100 1k" {
		t.Errorf("override ticks %q", tickLabels(p.X.Tick.Marker, p.X.Min, p.X.Max))
	}
	for name, c := range map[string][3][]float64{
		"lengths":   {{1, 2}, {1}, {1, 2}},
		"only 0 Hz": {{0}, {1}, {0}},
		"negative":  {{1, 2}, {1, -1}, {0, 0}},
		"order":     {{2, 1}, {1, 1}, {0, 0}},
		"NaN":       {{1, 2}, {1, math.NaN()}, {0, 0}},
	} {
		if _, err := Spectrum(c[0], c[1], c[2], nil); err == nil || !strings.HasPrefix(err.Error(), "plot: ") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func near(c color.Color, want color.Color) bool {
	r, g, b, _ := c.RGBA()
	wr, wg, wb, _ := want.RGBA()
	d := math.Abs(float64(r)-float64(wr)) + math.Abs(float64(g)-float64(wg)) + math.Abs(float64(b)-float64(wb))
	return d < 3*0x1000
}
