package plot

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// erbSpace returns n centre frequencies equally spaced on the ERB-rate scale
// (Glasberg & Moore 1990), for test pictures only.
func erbSpace(lo, hi float64, n int) []float64 {
	e := func(f float64) float64 { return 21.4 * math.Log10(1+0.00437*f) }
	ie := func(x float64) float64 { return (math.Pow(10, x/21.4) - 1) / 0.00437 }
	out := make([]float64, n)
	for i := range n {
		out[i] = ie(e(lo) + (e(hi)-e(lo))*float64(i)/float64(n-1))
	}
	return out
}

// synthetic returns a cochleagram-like response: harmonics of a 150 Hz
// voice whose energy rises at 0.2 s, with a band at 1 kHz.
func synthetic(cf []float64, rate float64, frames int) []float64 {
	nc := len(cf)
	data := make([]float64, frames*nc)
	for f := range frames {
		t := float64(f) / rate
		on := 0.0
		if t > 0.2 && t < 0.8 {
			on = 1
		}
		for c, fc := range cf {
			h := fc / 150
			harm := math.Pow(math.Cos(math.Pi*h), 2)
			if fc > 1500 {
				harm = 0.5
			}
			band := math.Exp(-math.Pow(math.Log(fc/1000)/0.15, 2))
			data[f*nc+c] = on * (0.3*harm + band)
		}
	}
	return data
}

func TestVisualOutput(t *testing.T) {
	dir := os.Getenv("HEARS_PLOT_OUT")
	if dir == "" {
		t.Skip("set HEARS_PLOT_OUT to a folder to write example pictures")
	}
	cf := erbSpace(50, 8000, 100)
	rate := 16000.0
	data := synthetic(cf, rate, 16000)
	for _, ax := range []FrequencyAxis{LogFrequency, ChannelRows} {
		fig, err := Cochleagram(data, cf, rate, &Options{Title: "Synthetic cochleagram", ColorLabel: "Response (a.u.)", FrequencyAxis: ax})
		if err != nil {
			t.Fatal(err)
		}
		name := []string{"log", "rows"}[ax]
		for _, ext := range []string{".png", ".svg"} {
			if err := fig.Save(filepath.Join(dir, "synthetic_"+name+ext)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestVisualOthers(t *testing.T) {
	dir := os.Getenv("HEARS_PLOT_OUT")
	if dir == "" {
		t.Skip("set HEARS_PLOT_OUT to a folder to write example pictures")
	}
	// Spectrogram of a chirp-like pattern.
	nf, nt := 129, 300
	freqs := make([]float64, nf)
	times := make([]float64, nt)
	power := make([][]float64, nf)
	for i := range nf {
		freqs[i] = float64(i) * 8000 / float64(nf-1)
		power[i] = make([]float64, nt)
	}
	for j := range nt {
		times[j] = (float64(j) + 0.5) * 0.01
		fc := 500 + 6000*float64(j)/float64(nt)
		for i := range nf {
			power[i][j] = math.Exp(-math.Pow((freqs[i]-fc)/200, 2)) + 1e-6
		}
	}
	fig, err := Spectrogram(power, times, freqs, &Options{Title: "Spectrogram"})
	if err != nil {
		t.Fatal(err)
	}
	if err := fig.Save(filepath.Join(dir, "spectrogram.png")); err != nil {
		t.Fatal(err)
	}
	var idx []int
	var ts []float64
	cf := erbSpace(100, 8000, 50)
	for i := range 50 {
		for k := range 40 {
			tt := 0.05 + float64(k)*0.02 + 0.0003*float64(i)
			idx = append(idx, i)
			ts = append(ts, tt)
		}
	}
	fig, err = Raster(idx, ts, &RasterOptions{Options: Options{Title: "Raster"}, CF: cf, Duration: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := fig.Save(filepath.Join(dir, "raster.png")); err != nil {
		t.Fatal(err)
	}
}
