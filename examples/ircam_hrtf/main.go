// Command ircam_hrtf ports Brian Hears' ircam_hrtf.py example: the
// horizontal-plane HRTFs of IRCAM LISTEN subject 1002 applied to 10 ms of
// white noise as one filterbank (brian2hears' HRTFSet.filterbank), the
// responses drawn as two pictures, time across and azimuth up, one per ear.
//
//	go run ./examples/ircam_hrtf [-o ircam_hrtf.png] [-sofa file.sofa] [-duration 0.01]
//
// The set is read from the AES69 SOFA file of LISTEN subject 1002
// (testdata/sofa/, copied from the IRCAM LISTEN database: "public and
// available for any use"; acknowledgement: IRCAM, Room Acoustics Team)
// rather than from IRCAM's own .mat files. Azimuths follow SOFA: +90° is
// the listener's LEFT (IRCAM's files number the same direction 90°, so
// the picture reads as Brian Hears' from 0 up to 180°; IRCAM's 270° is
// −90° here).
//
// What to look for: the left ear's response is strongest and earliest for
// sources on the left (azimuths near +90°) and weak and late for sources
// on the right (near −90°), where the head shadows the ear; the right ear
// mirrors it. The program prints, for each ear, the azimuth of its
// loudest and of its quietest response.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"image"
	"log"
	"math"
	"slices"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
)

// DefaultSOFA is LISTEN subject 1002, relative to the repository's root.
const DefaultSOFA = "testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa"

// result is what the example computes.
type result struct {
	azimuth []float64   // degrees, ascending
	times   []float64   // ms
	left    [][]float64 // [direction][frame] left ear response
	right   [][]float64
	rmsL    []float64 // per direction
	rmsR    []float64
	name    string
}

func main() {
	out := flag.String("o", "ircam_hrtf.png", "picture to write (PNG)")
	sofa := flag.String("sofa", DefaultSOFA, "HRTF set (SOFA file)")
	dur := flag.Float64("duration", 0.01, "duration of the noise, s")
	flag.Parse()
	r, err := run(*sofa, *dur, 1)
	if err != nil {
		log.Fatal(err)
	}
	for _, ear := range []struct {
		name string
		rms  []float64
	}{{"left", r.rmsL}, {"right", r.rmsR}} {
		hi, lo := argmax(ear.rms), argmin(ear.rms)
		fmt.Printf("%s ear: loudest at azimuth %g° (%.1f dB above the quietest, at %g°)\n",
			ear.name, r.azimuth[hi], 20*math.Log10(ear.rms[hi]/ear.rms[lo]), r.azimuth[lo])
	}
	if err := draw(r, *out); err != nil {
		log.Fatal(err)
	}
}

// run applies the horizontal plane of the set in path to white noise.
func run(path string, duration float64, seed uint64) (*result, error) {
	set, err := hrtf.LoadSOFA(path)
	if err != nil {
		return nil, err
	}
	// brian2hears: hrtfset.subset(lambda elev: elev == 0)
	horizontal, err := set.Subset(func(c hrtf.Coordinate) bool { return c.Elevation == 0 })
	if err != nil {
		return nil, err
	}
	noise, err := sound.WhiteNoise(duration, sound.WithRate(set.SampleRate()), sound.WithSeed(seed))
	if err != nil {
		return nil, err
	}
	fb, err := horizontal.Filterbank(noise)
	if err != nil {
		return nil, err
	}
	out, err := sound.ReadAll(fb, 0)
	if err != nil {
		return nil, err
	}
	n := horizontal.Len()
	coords := horizontal.Coordinates()
	// Directions in ascending azimuth (the set lists them in its own order).
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(coords[a].Azimuth, coords[b].Azimuth) })
	r := &result{name: set.Name(), times: figs.Times(out.NumFrames(), out.SampleRate(), 1000)}
	for _, k := range order {
		l := out.ChannelData(k)
		rr := out.ChannelData(n + k)
		r.azimuth = append(r.azimuth, coords[k].Azimuth)
		r.left = append(r.left, l)
		r.right = append(r.right, rr)
		r.rmsL = append(r.rmsL, rms(l))
		r.rmsR = append(r.rmsR, rms(rr))
	}
	return r, nil
}

func draw(r *result, path string) error {
	var panels []image.Image
	for _, ear := range []struct {
		name string
		data [][]float64
	}{{"Left ear", r.left}, {"Right ear", r.right}} {
		fig, err := plot.HeatMap(ear.data, r.times, r.azimuth, "Time (ms)", "Azimuth (°, +90 = left)",
			&plot.Options{Width: 700, Height: 600, ColorLabel: "Response",
				Title: fmt.Sprintf("%s, subject %s", ear.name, r.name)})
		if err != nil {
			return err
		}
		panels = append(panels, fig.Image())
	}
	img, err := figs.Grid(2, panels...)
	if err != nil {
		return err
	}
	return figs.SavePNG(path, img)
}

func rms(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s / float64(len(x)))
}

// argmax and argmin are the indices of x's largest and smallest values.
func argmax(x []float64) int { return slices.Index(x, slices.Max(x)) }
func argmin(x []float64) int { return slices.Index(x, slices.Min(x)) }
