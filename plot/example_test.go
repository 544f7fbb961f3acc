package plot_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/gohears/hears/plot"
)

// A Decimator reduces a stream of frame-major blocks to time-bin means.
func ExampleDecimator() {
	// 2 channels, 6 frames at 1 Hz, into 3 bins of 2 frames.
	d, _ := plot.NewDecimator(2, 6, 3, 1)
	block := []float64{1, 10, 3, 30, 5, 50, 7, 70, 9, 90, 11, 110}
	_ = d.Add(block[:6], 3) // frames 0-2
	_ = d.Add(block[6:], 3) // frames 3-5
	g, _ := d.Grid()
	fmt.Println(g.Bins, g.Data, g.End, "s")
	// Output: 3 [2 20 6 60 10 100] 6 s
}

// Cochleagram draws frame-major filterbank output against centre frequency.
func ExampleCochleagram() {
	const rate, frames = 1000.0, 1000
	cf := []float64{125, 250, 500, 1000, 2000, 4000} // Hz, increasing
	data := make([]float64, frames*len(cf))
	for f := range frames {
		for c := range cf {
			data[f*len(cf)+c] = math.Sin(float64(f)/100) * float64(c) // any response
		}
	}
	fig, err := plot.Cochleagram(data, cf, rate, &plot.Options{Title: "Example", Width: 600, Height: 300})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "cochleagram")
	defer os.RemoveAll(dir)
	if err := fig.Save(filepath.Join(dir, "example.svg")); err != nil {
		fmt.Println(err)
		return
	}
	w, h := fig.Size()
	fmt.Println(w, h)
	// Output: 600 300
}
