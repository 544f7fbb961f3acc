// Package tvcommon holds what the two time-varying filter examples share:
// their input, their output files (a CSV and a spectrogram picture) and the
// measure their tests use (how closely the output's spectral peak follows
// the centre frequency).
package tvcommon

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// Rate is the sample rate of both examples (Hz), Q the quality factor of
// their band-pass, FCInit its initial centre frequency (Hz).
const (
	Rate   = 20000.0
	Q      = 5.0
	FCInit = 5000.0
)

// Noise is the input of both examples: white noise of the given duration
// (s) at Rate with 10 ms sin² on- and offset ramps, as Brian Hears'
// whitenoise(...).ramp().
func Noise(duration float64, seed uint64) (*sound.Sound, error) {
	s, err := sound.WhiteNoise(duration, sound.WithRate(Rate), sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	if err := s.Ramp(sound.Both, 0.01, nil); err != nil {
		return nil, err
	}
	return s, nil
}

// Write saves y (the filter output) and fc (the centre frequency in force
// at each frame, Hz) as dir/name.csv, rows "time (s),fc (Hz),output (Pa)",
// and the spectrogram of y (NFFT 256, overlap 240, as the Brian Hears
// examples draw it) as dir/name.png.
func Write(dir, name string, y, fc []float64) error {
	if len(y) != len(fc) {
		return fmt.Errorf("%d output frames but %d centre frequencies", len(y), len(fc))
	}
	csvPath := filepath.Join(dir, name+".csv")
	tmp := csvPath + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range y {
		line := strconv.AppendFloat(nil, float64(i)/Rate, 'g', -1, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, fc[i], 'g', -1, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, y[i], 'g', 17, 64)
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, csvPath); err != nil {
		return err
	}
	sg, err := spectrogram(y)
	if err != nil {
		return err
	}
	fig, err := plot.Spectrogram(sg.Power, sg.Times, sg.Freqs, &plot.Options{Title: name + ": band-pass with a time-varying centre frequency", DynamicRange: 60})
	if err != nil {
		return err
	}
	return fig.Save(filepath.Join(dir, name+".png"))
}

func spectrogram(y []float64) (*sound.Spectrogram, error) {
	s, err := sound.New(y, 1, Rate)
	if err != nil {
		return nil, err
	}
	return s.Spectrogram(sound.SpectrogramOptions{NFFT: 256, Overlap: 240})
}

// PeakError returns the median, over spectrogram segments, of the distance
// in Hz between the frequency of the output's largest spectral power and the
// centre frequency at the middle of the segment.
func PeakError(y, fc []float64) (float64, error) {
	sg, err := spectrogram(y)
	if err != nil {
		return 0, err
	}
	errs := make([]float64, len(sg.Times))
	for j, t := range sg.Times {
		best := 0
		for i := range sg.Freqs {
			if sg.Power[i][j] > sg.Power[best][j] {
				best = i
			}
		}
		f := fc[min(len(fc)-1, int(math.Round(t*Rate)))]
		errs[j] = math.Abs(sg.Freqs[best] - f)
	}
	slices.Sort(errs)
	return errs[len(errs)/2], nil
}

// Main is the command line of both examples: it reads -o (the folder for
// the files) and -duration (of the noise, s), calls run with the duration
// and writes its output y and centre frequencies fc as name.csv and
// name.png (Write), exiting with the error if either fails.
func Main(name string, run func(duration float64) (y, fc []float64, err error)) {
	out := flag.String("o", ".", "directory for the CSV and PNG files")
	duration := flag.Float64("duration", 0.3, "duration of the noise, s")
	flag.Parse()
	y, fc, err := run(*duration)
	if err != nil {
		log.Fatal(err)
	}
	if err := Write(*out, name, y, fc); err != nil {
		log.Fatal(err)
	}
}
