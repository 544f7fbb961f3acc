package plot

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/cputime"

	"github.com/gohears/hears/sound"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// dataRect returns the data area of f in pixels (y down, as in the image).
func dataRect(f *Figure) image.Rectangle {
	w, h := f.lengths()
	dc := draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(f.dpi)))
	main := dc
	if f.bar != nil {
		main = draw.Crop(dc, 0, -f.bar.width(), 0, 0)
	}
	d := f.plot.DataCanvas(main)
	px := func(l vg.Length) int { return int(math.Round(float64(l) * float64(f.dpi) / 72)) }
	return image.Rect(px(d.Min.X), f.height-px(d.Max.Y), px(d.Max.X), f.height-px(d.Min.Y))
}

// brightestRow returns the row of d with the largest luminance in column x.
func brightestRow(img image.Image, d image.Rectangle, x int) int {
	best, by := -1.0, 0
	for y := d.Min.Y; y < d.Max.Y; y++ {
		if l := lum(img, x, y); l > best {
			best, by = l, y
		}
	}
	return by
}

func lum(img image.Image, x, y int) float64 {
	r, g, b, _ := img.At(x, y).RGBA()
	return 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
}

// bandData is a response concentrated in channels near fc Hz, switched on
// over the middle half of the time span.
func bandData(cf []float64, fc, rate float64, frames int) []float64 {
	nc := len(cf)
	data := make([]float64, frames*nc)
	for f := frames / 4; f < 3*frames/4; f++ {
		for c, x := range cf {
			data[f*nc+c] = math.Exp(-math.Pow(math.Log(x/fc)/0.05, 2))
		}
	}
	return data
}

func TestCochleagramPicture(t *testing.T) {
	cf := erbSpace(50, 8000, 100)
	for _, ax := range []FrequencyAxis{LogFrequency, ChannelRows} {
		fig, err := Cochleagram(bandData(cf, 1000, 8000, 8000), cf, 8000, &Options{Title: "t", ColorLabel: "x", FrequencyAxis: ax, Width: 900, Height: 500})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := fig.Encode(&buf, "png"); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 500 {
			t.Fatalf("axis %d: picture is %v, want 900×500", ax, b)
		}
		d := dataRect(fig)
		// Not blank: the data area holds many distinct colours.
		seen := map[uint32]bool{}
		for y := d.Min.Y; y < d.Max.Y; y += 2 {
			r, g, b, _ := img.At(d.Min.X+d.Dx()/2, y).RGBA()
			seen[r>>8<<16|g>>8<<8|b>>8] = true
		}
		if len(seen) < 8 {
			t.Errorf("axis %d: only %d colours down the middle of the picture", ax, len(seen))
		}
		// Silence (first quarter) is dark, the band bright.
		xq := d.Min.X + d.Dx()/8
		xm := d.Min.X + d.Dx()/2
		// The brightest row in the middle lies at the 1 kHz tick.
		best, by := -1.0, 0
		for y := d.Min.Y; y < d.Max.Y; y++ {
			if l := lum(img, xm, y); l > best {
				best, by = l, y
			}
		}
		ly := newFreqLayout(cf, ax, 500)
		frac := (ly.pos(1000) - ly.ylo) / (ly.yhi - ly.ylo)
		want := d.Max.Y - int(math.Round(frac*float64(d.Dy())))
		if abs(by-want) > 3 {
			t.Errorf("axis %d: brightest row at y=%d px, the 1 kHz tick at y=%d px", ax, by, want)
		}
		if l := lum(img, xq, by); l > 0.05*best {
			t.Errorf("axis %d: silent part has luminance %g, band %g", ax, l, best)
		}
		// The colour bar right of the data area runs dark (bottom) to bright (top).
		x := d.Max.X + int(math.Round(float64(barGap+barWidth/2)*150/72))
		bot, top := lum(img, x, d.Max.Y-3), lum(img, x, d.Min.Y+3)
		if !(top > 20*bot+1000) {
			t.Errorf("axis %d: colour bar luminance bottom %g, top %g: no bar", ax, bot, top)
		}
		prev := -1.0
		drops := 0
		for y := d.Max.Y - 3; y > d.Min.Y+3; y-- {
			if l := lum(img, x, y); l < prev-500 {
				drops++
			} else {
				prev = l
			}
		}
		if drops > 3 {
			t.Errorf("axis %d: colour bar luminance not increasing upwards (%d drops)", ax, drops)
		}
	}
}

func abs(x int) int { return max(x, -x) }

func TestFrequencyTicks(t *testing.T) {
	ly := newFreqLayout(erbSpace(50, 8000, 100), LogFrequency, 500)
	var labels []string
	for _, tk := range ly.ticks() {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	got := strings.Join(labels, " ")
	for _, w := range []string{"50", "100", "200", "500", "1k", "2k", "5k"} {
		if !strings.Contains(" "+got+" ", " "+w+" ") {
			t.Errorf("ticks %q lack %s", got, w)
		}
	}
	// A narrow band still gets at least two labels.
	ly = newFreqLayout(erbSpace(1000, 1100, 10), LogFrequency, 500)
	n := 0
	for _, tk := range ly.ticks() {
		if tk.Label != "" {
			n++
		}
	}
	if n < 2 {
		t.Errorf("narrow band: %d labelled ticks", n)
	}
	for f, want := range map[float64]string{50: "50", 100: "100", 1000: "1k", 2500: "2.5k", 20000: "20k", 0.5: "0.5"} {
		if got := hzLabel(f); got != want {
			t.Errorf("hzLabel(%g) = %q, want %q", f, got, want)
		}
	}
	// The ChannelRows position of each centre frequency is its index.
	cf := erbSpace(50, 8000, 40)
	rows := newFreqLayout(cf, ChannelRows, 500)
	for i, f := range cf {
		if p := rows.pos(f); math.Abs(p-float64(i)) > 1e-9 {
			t.Fatalf("pos(cf[%d]) = %g", i, p)
		}
		if g := rows.freqAt(float64(i)); math.Abs(g-f) > 1e-9*f {
			t.Fatalf("freqAt(%d) = %g, want %g", i, g, f)
		}
	}
}

func TestDecimateKnown(t *testing.T) {
	// 7 frames × 2 channels into 3 bins: frame f goes to bin f*3/7, so bins
	// hold frames {0,1,2}, {3,4}, {5,6}.
	data := []float64{
		0, 10,
		1, 11,
		2, 12,
		3, 13,
		4, 14,
		5, 15,
		6, 16,
	}
	g, err := Decimate(data, 2, 7, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 11, 3.5, 13.5, 5.5, 15.5}
	if g.Bins != 3 || g.Channels != 2 || g.Start != 0 || g.End != 1 {
		t.Fatalf("grid %d bins × %d ch over [%g, %g)", g.Bins, g.Channels, g.Start, g.End)
	}
	for i, w := range want {
		if g.Data[i] != w {
			t.Errorf("Data[%d] = %g, want %g", i, g.Data[i], w)
		}
	}
	// More bins than frames: one bin per frame, unchanged.
	g, err = Decimate(data, 2, 7, 100)
	if err != nil {
		t.Fatal(err)
	}
	if g.Bins != 7 || g.At(6, 1) != 16 {
		t.Errorf("no decimation: %d bins, last %g", g.Bins, g.At(6, 1))
	}
}

func TestDecimatorStreamsLikeBatch(t *testing.T) {
	const nc, frames = 5, 1003
	data := make([]float64, nc*frames)
	for i := range data {
		data[i] = math.Sin(float64(i) * 0.37)
	}
	batch, err := Decimate(data, nc, 44100, 64)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDecimator(nc, frames, 64, 44100)
	if err != nil {
		t.Fatal(err)
	}
	for start, blk := 0, 1; start < frames; start, blk = start+blk, blk*2+1 {
		n := min(blk, frames-start)
		if err := d.Add(data[start*nc:(start+n)*nc], n); err != nil {
			t.Fatal(err)
		}
	}
	g, err := d.Grid()
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.Data {
		if math.Abs(g.Data[i]-batch.Data[i]) > 1e-12 {
			t.Fatalf("streamed %g, batch %g at %d", g.Data[i], batch.Data[i], i)
		}
	}
	if err := d.Add(data[:nc], 1); err == nil {
		t.Error("adding past the announced length: no error")
	}
}

func TestErrors(t *testing.T) {
	cf := []float64{100, 200, 400}
	nan := []float64{0, 0, 0, 0, math.NaN(), 0}
	cases := map[string]func() error{
		"shape": func() error { _, err := Cochleagram(make([]float64, 7), cf, 1000, nil); return err },
		"empty": func() error { _, err := Cochleagram(nil, cf, 1000, nil); return err },
		"no cf": func() error { _, err := Cochleagram(make([]float64, 6), nil, 1000, nil); return err },
		"NaN":   func() error { _, err := Cochleagram(nan, cf, 1000, nil); return err },
		"Inf":   func() error { _, err := Cochleagram([]float64{0, math.Inf(1), 0}, cf, 1000, nil); return err },
		"cf order": func() error {
			_, err := Cochleagram(make([]float64, 6), []float64{100, 400, 200}, 1000, nil)
			return err
		},
		"cf NaN": func() error {
			_, err := Cochleagram(make([]float64, 6), []float64{100, math.NaN(), 200}, 1000, nil)
			return err
		},
		"cf zero": func() error { _, err := Cochleagram(make([]float64, 6), []float64{0, 100, 200}, 1000, nil); return err },
		"rate":    func() error { _, err := Cochleagram(make([]float64, 6), cf, 0, nil); return err },
		"range": func() error {
			_, err := Cochleagram(make([]float64, 6), cf, 1000, &Options{Min: 2, Max: 1})
			return err
		},
		"size": func() error { _, err := Cochleagram(make([]float64, 6), cf, 1000, &Options{Width: -1}); return err },
		"axis": func() error {
			_, err := Cochleagram(make([]float64, 6), cf, 1000, &Options{FrequencyAxis: 7})
			return err
		},
		"grid cf": func() error {
			_, err := CochleagramGrid(&Grid{Channels: 2, Bins: 1, Data: []float64{1, 2}, End: 1}, cf, nil)
			return err
		},
		"grid shape": func() error {
			_, err := CochleagramGrid(&Grid{Channels: 3, Bins: 2, Data: []float64{1, 2}, End: 1}, cf, nil)
			return err
		},
		"grid span": func() error {
			_, err := CochleagramGrid(&Grid{Channels: 3, Bins: 1, Data: []float64{1, 2, 3}}, cf, nil)
			return err
		},
		"grid nil":     func() error { _, err := CochleagramGrid(nil, cf, nil); return err },
		"short stream": func() error { d, _ := NewDecimator(3, 10, 5, 100); _, err := d.Grid(); return err },
		"decim frames": func() error { _, err := NewDecimator(3, 0, 5, 100); return err },
		"spec shape": func() error {
			_, err := Spectrogram([][]float64{{1, 2}}, []float64{0, 1}, []float64{0, 1}, nil)
			return err
		},
		"spec row": func() error {
			_, err := Spectrogram([][]float64{{1, 2}, {1}}, []float64{0, 1}, []float64{0, 1}, nil)
			return err
		},
		"spec NaN": func() error {
			_, err := Spectrogram([][]float64{{1, math.NaN()}}, []float64{0, 1}, []float64{0}, nil)
			return err
		},
		"spec negative": func() error {
			_, err := Spectrogram([][]float64{{1, -1}}, []float64{0, 1}, []float64{0}, nil)
			return err
		},
		"spec uneven": func() error {
			_, err := Spectrogram([][]float64{{1, 1, 1}}, []float64{0, 1, 3}, []float64{0}, nil)
			return err
		},
		"raster lengths": func() error { _, err := Raster([]int{0, 1}, []float64{0}, nil); return err },
		"raster index": func() error {
			_, err := Raster([]int{0, 5}, []float64{0, 1}, &RasterOptions{Neurons: 3})
			return err
		},
		"raster NaN": func() error { _, err := Raster([]int{0}, []float64{math.NaN()}, nil); return err },
		"raster cf": func() error {
			_, err := Raster([]int{0}, []float64{0.1}, &RasterOptions{Neurons: 2, CF: []float64{100}})
			return err
		},
		"raster empty": func() error { _, err := Raster(nil, nil, nil); return err },
	}
	for name, f := range cases {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.HasPrefix(err.Error(), "plot: ") {
			t.Errorf("%s: error %q does not name the package", name, err)
		}
	}
}

func TestSaveFormatsAndAtomicity(t *testing.T) {
	cf := erbSpace(100, 4000, 20)
	fig, err := Cochleagram(bandData(cf, 1000, 1000, 500), cf, 1000, &Options{Width: 400, Height: 250})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"c.png", "c.svg", "c.pdf"} {
		if err := fig.Save(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	svg, err := os.ReadFile(filepath.Join(dir, "c.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("<image")) {
		t.Error("SVG lacks an svg element or the embedded heat map")
	}
	f, err := os.Open(filepath.Join(dir, "c.png"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 400 || cfg.Height != 250 {
		t.Errorf("PNG config %+v, %v", cfg, err)
	}
	// Failures leave nothing behind.
	if err := fig.Save(filepath.Join(dir, "c.xyz")); err == nil {
		t.Error("unknown extension: no error")
	}
	if err := fig.Save(filepath.Join(dir, "noext")); err == nil {
		t.Error("no extension: no error")
	}
	if err := fig.Save(filepath.Join(dir, "missing", "c.png")); err == nil {
		t.Error("missing folder: no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only the three pictures", names)
	}
}

func TestSpectrogramPeak(t *testing.T) {
	// A steady 2 kHz line: the brightest row sits at 2 kHz.
	nf, nt := 65, 50
	freqs := make([]float64, nf)
	times := make([]float64, nt)
	power := make([][]float64, nf)
	for i := range nf {
		freqs[i] = float64(i) * 125
		power[i] = make([]float64, nt)
		for j := range nt {
			power[i][j] = 1e-9
			if freqs[i] == 2000 {
				power[i][j] = 1
			}
		}
	}
	for j := range nt {
		times[j] = 0.01 * float64(j+1)
	}
	fig, err := Spectrogram(power, times, freqs, &Options{Width: 600, Height: 400})
	if err != nil {
		t.Fatal(err)
	}
	img := fig.Image()
	d := dataRect(fig)
	by := brightestRow(img, d, d.Min.X+d.Dx()/2)
	ylo, yhi := -62.5, 8062.5
	want := d.Max.Y - int(math.Round((2000-ylo)/(yhi-ylo)*float64(d.Dy())))
	if abs(by-want) > 3 {
		t.Errorf("brightest row at %d px, 2 kHz at %d px", by, want)
	}
}

func TestRasterMarksSpikes(t *testing.T) {
	// Neuron 1 of 4 fires at 0.5 s only: its row is dark there and nowhere
	// else.
	fig, err := Raster([]int{1}, []float64{0.5}, &RasterOptions{Options: Options{Width: 600, Height: 400}, Neurons: 4, Duration: 1})
	if err != nil {
		t.Fatal(err)
	}
	img := fig.Image()
	d := dataRect(fig)
	var dark []image.Point
	for y := d.Min.Y + 2; y < d.Max.Y-2; y++ {
		for x := d.Min.X + 2; x < d.Max.X-2; x++ {
			if lum(img, x, y) < 30000 {
				dark = append(dark, image.Pt(x, y))
			}
		}
	}
	if len(dark) == 0 {
		t.Fatal("no spike drawn")
	}
	for _, p := range dark {
		fx := float64(p.X-d.Min.X) / float64(d.Dx())
		fy := float64(d.Max.Y-p.Y) / float64(d.Dy()) * 4 // neuron coordinate from the bottom
		if math.Abs(fx-0.5) > 0.01 || fy < 0.95 || fy > 2.05 {
			t.Fatalf("dark pixel at %v (t=%.3f, neuron %.2f)", p, fx, fy)
		}
	}
}

func BenchmarkCochleagram3000x44100(b *testing.B) {
	cf := erbSpace(20, 20000, 3000)
	data := make([]float64, 44100*3000)
	for i := range data {
		data[i] = float64(i%977) / 977
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		fig, err := Cochleagram(data, cf, 44100, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := fig.Encode(&bytes.Buffer{}, "png"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0)/(float64(len(data))*float64(b.N)), "cpu-ns/ch-sample")
	b.ReportMetric(float64(len(data))*float64(b.N)/b.Elapsed().Seconds(), "channel-samples/s")
}

func BenchmarkDecimate3000x44100(b *testing.B) {
	data := make([]float64, 44100*3000)
	for i := range data {
		data[i] = float64(i%977) / 977
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Decimate(data, 3000, 44100, 1200); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))*float64(b.N)/b.Elapsed().Seconds(), "channel-samples/s")
}

func BenchmarkRenderPNG1200x3000(b *testing.B) {
	cf := erbSpace(20, 20000, 3000)
	g := &Grid{Channels: 3000, Bins: 1200, Data: make([]float64, 3000*1200), End: 1}
	for i := range g.Data {
		g.Data[i] = float64(i%977) / 977
	}
	b.ResetTimer()
	for range b.N {
		fig, err := CochleagramGrid(g, cf, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := fig.Encode(&bytes.Buffer{}, "png"); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is this process's user + system CPU time in ns: on a shared
// machine, wall-clock figures depend on other processes; this does not.
func cpuTime() float64 {
	t, _ := cputime.Process()
	return float64(t.Nanoseconds())
}

// TestSpectrogramOfSound draws sound.Spectrogram's output as it comes: the
// layouts agree, and a 3 kHz tone is brightest at 3 kHz.
func TestSpectrogramOfSound(t *testing.T) {
	s, err := sound.Tone(3000, 0.5, sound.WithRate(16000))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := s.Spectrogram(sound.SpectrogramOptions{NFFT: 512})
	if err != nil {
		t.Fatal(err)
	}
	for _, inDB := range []bool{false, true} {
		power := sp.Power
		if inDB {
			db, err := s.Spectrogram(sound.SpectrogramOptions{NFFT: 512, LogPower: true})
			if err != nil {
				t.Fatal(err)
			}
			power = db.Power
		}
		fig, err := Spectrogram(power, sp.Times, sp.Freqs, &Options{Width: 600, Height: 400, InputDB: inDB})
		if err != nil {
			t.Fatal(err)
		}
		img := fig.Image()
		d := dataRect(fig)
		by := brightestRow(img, d, d.Min.X+d.Dx()/2)
		df := sp.Freqs[1] - sp.Freqs[0]
		ylo, yhi := sp.Freqs[0]-df/2, sp.Freqs[len(sp.Freqs)-1]+df/2
		want := d.Max.Y - int(math.Round((3000-ylo)/(yhi-ylo)*float64(d.Dy())))
		if abs(by-want) > 3 {
			t.Errorf("InputDB %v: brightest row at %d px, 3 kHz at %d px", inDB, by, want)
		}
	}
}

func BenchmarkRaster1MSpikes(b *testing.B) {
	idx := make([]int, 1<<20)
	ts := make([]float64, len(idx))
	for k := range idx {
		idx[k] = k % 3000
		ts[k] = float64(k) / float64(len(idx))
	}
	b.ResetTimer()
	for range b.N {
		fig, err := Raster(idx, ts, &RasterOptions{Neurons: 3000, Duration: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := fig.Encode(&bytes.Buffer{}, "png"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHostileValues: inputs that drew a blank or black picture without a
// word now give an error naming the problem, and huge or tiny axis spans
// keep their tick labels short.
func TestHostileValues(t *testing.T) {
	cf := []float64{100, 200, 400}
	data := make([]float64, 300)
	for i := range data {
		data[i] = float64(i % 7)
	}
	huge := append([]float64(nil), data...)
	huge[3], huge[4] = 1e308, -1e308
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"colour range overflows": {func() error { _, err := Cochleagram(huge, cf, 1000, nil); return err }(), "wider than float64"},
		"DPI 1e9":                {func() error { _, err := Cochleagram(data, cf, 1000, &Options{DPI: 1e9}); return err }(), "lower the DPI"},
		"spike at MaxFloat64":    {func() error { _, err := Raster([]int{0}, []float64{math.MaxFloat64}, nil); return err }(), "too large to draw"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", name, c.err, c.want)
		}
	}
	for _, span := range []float64{1e-300, 1e-9, 1e10, 1e100, 1.7e308} {
		for _, tk := range linearTicks(0, span, 10) {
			if len(tk.Label) > 12 {
				t.Errorf("span %g: tick label %q", span, tk.Label)
			}
		}
	}
	if _, err := Cochleagram(data, cf, 1000, &Options{Width: 100, Height: 100}); err != nil {
		t.Errorf("a 100×100 px picture at the default DPI: %v", err)
	}
}
