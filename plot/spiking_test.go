package plot

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lifTraces integrates three leaky integrate-and-fire neurons (τ = 10 ms,
// threshold −50 mV, reset −70 mV) driven at different strengths, for test
// pictures.
func lifTraces() (t []float64, v [][]float64, spikes [][]float64) {
	const dt, tau = 1e-4, 10e-3
	drive := []float64{-45e-3, -40e-3, -52e-3}
	v = make([][]float64, len(drive))
	spikes = make([][]float64, len(drive))
	x := []float64{-70e-3, -70e-3, -70e-3}
	for k := range 1000 {
		tk := float64(k) * dt
		t = append(t, tk)
		for i := range x {
			x[i] += dt * (drive[i] - x[i]) / tau
			if x[i] > -50e-3 {
				x[i] = -70e-3
				spikes[i] = append(spikes[i], tk)
			}
			v[i] = append(v[i], x[i])
		}
	}
	return t, v, spikes
}

// poissonGroup returns the spikes of n neurons firing at rate Hz for dur s,
// modulated at 10 Hz, for test pictures.
func poissonGroup(r *rand.Rand, n int, rate, dur float64) (idx []int, ts []float64) {
	const dt = 1e-4
	for k := range int(dur / dt) {
		t := float64(k) * dt
		p := rate * dt * (1 + 0.8*math.Sin(2*math.Pi*10*t))
		for i := range n {
			if r.Float64() < p {
				idx = append(idx, i)
				ts = append(ts, t)
			}
		}
	}
	return idx, ts
}

// countColor counts pixels within 40 of c in each channel.
func countColor(img image.Image, c color.Color) int {
	cr, cg, cb, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			d := func(a, b uint32) float64 { return math.Abs(float64(a>>8) - float64(b>>8)) }
			if d(r, cr) < 40 && d(g, cg) < 40 && d(bb, cb) < 40 {
				n++
			}
		}
	}
	return n
}

func spikingFigures(t *testing.T) map[string]*Figure {
	t.Helper()
	figs := map[string]*Figure{}
	tt, v, sp := lifTraces()
	f, err := Traces(tt, v, sp, &TraceOptions{Options: Options{Title: "LIF neurons"}, Labels: []string{"−45 mV", "−40 mV", "−52 mV"}})
	if err != nil {
		t.Fatal(err)
	}
	figs["traces"] = f
	r := rand.New(rand.NewPCG(1, 2))
	ei, et := poissonGroup(r, 80, 20, 0.5)
	ii, it := poissonGroup(r, 20, 40, 0.5)
	groups := []RasterGroup{{Name: "E", N: 80, Indices: ei, Times: et}, {Name: "I", N: 20, Indices: ii, Times: it}}
	var rt, rate []float64
	for k := range 500 {
		rt = append(rt, float64(k)*1e-3)
		rate = append(rate, 26*(1+0.8*math.Sin(2*math.Pi*10*float64(k)*1e-3)))
	}
	f, err = RasterRate(groups, 0.5, rt, rate, &RasterRateOptions{Options: Options{Title: "E/I network", Height: 800}})
	if err != nil {
		t.Fatal(err)
	}
	figs["raster_rate"] = f
	edges := make([]float64, 51)
	counts := make([]float64, 50)
	for k := range edges {
		edges[k] = float64(k) * 2e-3
	}
	for k := range counts {
		x := (float64(k) + 0.5) * 2e-3
		counts[k] = 1000 * 30 * math.Exp(-30*x) * 2e-3
	}
	f, err = Histogram(edges, counts, &HistogramOptions{Options: Options{Title: "ISI histogram"},
		Axes: Axes{XLabel: "Interspike interval (ms)", XScale: 1e3, YLabel: "Count"}})
	if err != nil {
		t.Fatal(err)
	}
	figs["isi"] = f
	I := []float64{0, 0.1e-9, 0.2e-9, 0.3e-9, 0.4e-9, 0.5e-9, 0.6e-9}
	fi := [][]float64{{0, 0, 12, 30, 45, 57, 68}, {0, 5, 20, 34, 47, 58, 69}}
	f, err = Curves(I, fi, &CurveOptions{Options: Options{Title: "f–I curves"}, Labels: []string{"LIF", "AdEx"},
		Axes: Axes{XLabel: "I (nA)", XScale: 1e9, YLabel: "Rate (Hz)"}})
	if err != nil {
		t.Fatal(err)
	}
	figs["fi"] = f
	ce := make([]float64, 41)
	cv := make([]float64, 40)
	for k := range ce {
		ce[k] = float64(k-20) * 1e-3
	}
	for k := range cv {
		x := (float64(k-20) + 0.5) * 1e-3
		cv[k] = 400 + 300*math.Exp(-x*x/(2*3e-3*3e-3))
	}
	f, err = Correlogram(ce, cv, &Options{Title: "Cross-correlogram"})
	if err != nil {
		t.Fatal(err)
	}
	figs["correlogram"] = f
	pe := make([]float64, 21)
	pc := make([]float64, 20)
	for k := range pe {
		pe[k] = float64(k) / 20
	}
	for k := range pc {
		pc[k] = 5 + 100*math.Exp(-math.Pow((float64(k)+0.5)/20-0.3, 2)/0.005)
	}
	f, err = PeriodHistogram(pe, pc, &Options{Title: "Period histogram, 250 Hz"})
	if err != nil {
		t.Fatal(err)
	}
	figs["period"] = f
	// Four panels, shared axes along rows and columns.
	a, _ := TracePanel(tt, v[:1], sp[:1], TraceOptions{Axes: Axes{XLabel: "Time (ms)", XScale: 1e3, YLabel: "v (mV)", YScale: 1e3}})
	b, _ := TracePanel(tt, v[1:2], sp[1:2], TraceOptions{Axes: Axes{XLabel: "Time (ms)", XScale: 1e3, YLabel: "v (mV)", YScale: 1e3}})
	c, _ := HistogramPanel(edges, counts, HistogramOptions{Axes: Axes{XLabel: "ISI (ms)", XScale: 1e3, YLabel: "Count"}})
	d, _ := HistogramPanel(edges, counts, HistogramOptions{Axes: Axes{XLabel: "ISI (ms)", XScale: 1e3, YLabel: "Count"}})
	f, err = Arrange(&Options{Title: "Four panels", Height: 900}, ShareX, []*Panel{a, c}, []*Panel{b, d})
	if err != nil {
		t.Fatal(err)
	}
	figs["panels"] = f
	return figs
}

func TestSpikingFigures(t *testing.T) {
	dir := os.Getenv("HEARS_PLOT_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, f := range spikingFigures(t) {
		for _, ext := range []string{".png", ".svg", ".pdf"} {
			if err := f.Save(filepath.Join(dir, "spiking_"+name+ext)); err != nil {
				t.Fatalf("%s%s: %v", name, ext, err)
			}
		}
		var buf bytes.Buffer
		if err := f.Encode(&buf, "svg"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "<svg") {
			t.Errorf("%s: SVG output has no <svg element", name)
		}
	}
}

func TestSpikingFigureContent(t *testing.T) {
	figs := spikingFigures(t)
	// Every trace and every raster group is drawn in its palette colour.
	img := figs["traces"].Image()
	for k := range 3 {
		if n := countColor(img, Palette[k]); n < 200 {
			t.Errorf("trace %d: %d pixels of its colour", k, n)
		}
	}
	img = figs["raster_rate"].Image()
	// The E group (80 rows) is below the I group (20 rows): in the raster,
	// the lowest coloured pixel is blue (E) and the highest vermillion (I).
	b := img.Bounds()
	first, last, blue, red := -1, -1, 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R > 180 && c.G < 150 && c.B < 80 { // vermillion
				if first < 0 {
					first = y
				}
				red++
			}
			if c.B > 150 && int(c.B)-int(c.R) > 80 { // blue
				last = y
				blue++
			}
		}
	}
	if !(first >= 0 && last > first) || blue < 500 || red < 300 {
		t.Errorf("%d blue (E) and %d vermillion (I) spike pixels", blue, red)
		t.Errorf("I spikes start at row %d, E spikes end at row %d: I should be drawn above E", first, last)
	}
}

func TestSpikingFigureErrors(t *testing.T) {
	tt, v, sp := lifTraces()
	if _, err := Traces(tt[:10], v, sp, nil); err == nil {
		t.Error("traces longer than their times gave no error")
	}
	bad := append([]float64(nil), v[0]...)
	bad[5] = math.NaN()
	if _, err := Traces(tt, [][]float64{bad}, nil, nil); err == nil {
		t.Error("NaN in a trace gave no error")
	}
	if _, err := RasterRate([]RasterGroup{{Name: "E", N: 2, Indices: []int{2}, Times: []float64{0.1}}}, 1, nil, nil, nil); err == nil {
		t.Error("spike from neuron 2 of 2 gave no error")
	}
	if _, err := RasterRate(nil, 1, nil, nil, nil); err == nil {
		t.Error("raster of no groups gave no error")
	}
	if _, err := Histogram([]float64{0, 1}, []float64{1, 2}, nil); err == nil {
		t.Error("2 counts with 2 edges gave no error")
	}
	if _, err := Histogram([]float64{0, 1, 1}, []float64{1, 2}, nil); err == nil {
		t.Error("equal edges gave no error")
	}
	if _, err := Curves([]float64{0, 1}, [][]float64{{1, 2}}, &CurveOptions{LogX: true}); err == nil {
		t.Error("zero on a log axis gave no error")
	}
	if _, err := Curves([]float64{1, 2}, [][]float64{{1, 2}}, &CurveOptions{Axes: Axes{XScale: -1}}); err == nil {
		t.Error("negative scale gave no error")
	}
	if _, err := Arrange(nil, ShareX); err == nil {
		t.Error("figure of no panels gave no error")
	}
	pn := NewPanel("", "x", "y")
	pn.Weight = -1
	if _, err := Stack(nil, ShareNone, pn); err == nil {
		t.Error("negative weight gave no error")
	}
}
