package main

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/sound"
	"github.com/spf13/pflag"
)

const spatialiseHelp = `Renders a mono sound at a direction: the sound through the left- and
right-ear impulse responses of an HRTF set, written as a stereo WAV file
(channel 1 left, channel 2 right; 32-bit float, so nothing clips), as long
as the input plus the responses' tail.

--hrtf is a SOFA file (SimpleFreeFieldHRIR) or "spherical" (the spherical
head of Brown & Duda 1998, made at exactly the requested direction at the
input's rate). With a SOFA file the direction nearest (on the sphere) to
--azimuth/--elevation is used, or with --interpolate a mix of the nearest
three: their impulse responses weighted by the spherical barycentric
coordinates of the requested direction in their triangle (Gamper 2013,
J. Acoust. Soc. Am. 134(6): EL547). The input is resampled to the set's
rate when they differ. The directions used are reported on stderr.

Azimuths follow SOFA: counterclockwise seen from above, +90° on the
listener's LEFT, −90° the right; elevation +90° above.

--path FILE.csv moves the source instead: one point per line,
time_s,azimuth_deg,elevation_deg (a header line and # comments are
allowed); the direction moves along the great circle between points at
constant speed and stays at the first and last points before and after
them. The sound is rendered in Hann-windowed 10 ms frames, 5 ms apart,
each through the HRTF at its centre (nearest, or --interpolate), and
overlap-added (hrtf.Set.RenderPath). Not with --hrtf spherical.`

func init() {
	registerPerFile(&perFile{
		name:    "spatialise",
		summary: "render a mono sound at a direction through an HRTF set (binaural WAV)",
		usage:   "spatialise IN -o OUT.wav --hrtf FILE|spherical --azimuth DEG --elevation DEG [--interpolate] [--path path.csv]",
		long:    spatialiseHelp,
		newJob: func(fs *pflag.FlagSet) job {
			j := &spatialiseJob{}
			fs.StringVarP(&j.out, "output", "o", "", "output stereo WAV `file` (32-bit float; - writes it to standard output)")
			fs.StringVar(&j.hrtf, "hrtf", "", "HRTF set: a SOFA `file`, or spherical")
			fs.Float64Var(&j.az, "azimuth", 0, "azimuth in `degrees` (+90 = left)")
			fs.Float64Var(&j.el, "elevation", 0, "elevation in `degrees` (+90 = above)")
			fs.BoolVar(&j.interp, "interpolate", false, "mix the nearest three directions instead of taking the nearest")
			fs.StringVar(&j.path, "path", "", "moving source: CSV `file` of time_s,azimuth_deg,elevation_deg")
			return j
		},
	})
}

// spatialiseJob holds the flags of hears spatialise.
type spatialiseJob struct {
	in, out, hrtf, path string
	az, el              float64
	interp              bool
}

func (j *spatialiseJob) setInput(p string)  { j.in = p }
func (j *spatialiseJob) input() string      { return j.in }
func (j *spatialiseJob) outputs() []*string { return []*string{&j.out} }

func (j *spatialiseJob) check() error {
	if j.out == "" {
		return usageErrorf("spatialise needs -o OUT.wav")
	}
	if j.hrtf == "" {
		return usageErrorf("spatialise needs --hrtf FILE or --hrtf spherical")
	}
	if math.IsNaN(j.az) || math.IsInf(j.az, 0) || !(j.el >= -90 && j.el <= 90) {
		return usageErrorf("direction azimuth %v°, elevation %v°: want a finite azimuth and an elevation in [-90, 90]", j.az, j.el)
	}
	if j.path != "" && j.hrtf == "spherical" {
		return usageErrorf("--path needs a SOFA file for --hrtf")
	}
	return nil
}

func (j *spatialiseJob) run(e *env) ([]string, error) {
	if err := spatialise(j, e); err != nil {
		return nil, err
	}
	return []string{j.out}, nil
}

// spatialise renders j's input as its flags say. What it used is reported
// on stderr unless quiet.
func spatialise(j *spatialiseJob, e *env) error {
	stderr := e.stderr
	if e.quiet {
		stderr = io.Discard
	}
	az, el, interp, hrtfSpec, out := &j.az, &j.el, &j.interp, &j.hrtf, &j.out
	in, err := sound.Load(j.in)
	if err != nil {
		return err
	}
	if in.NumChannels() != 1 {
		return fmt.Errorf("%s has %d channels: spatialise takes a mono sound", j.in, in.NumChannels())
	}
	if j.path != "" {
		return spatialisePath(in, j.path, *hrtfSpec, *out, *interp, stderr, e.stdout)
	}
	var h *hrtf.HRTF
	if *hrtfSpec == "spherical" {
		set, err := hrtf.Spherical(hrtf.DefaultSphericalHead(), []hrtf.Coordinate{{Azimuth: *az, Elevation: *el}}, in.SampleRate(), 0)
		if err != nil {
			return err
		}
		if h, err = set.HRTF(0); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "hears spatialise: spherical head at azimuth %g°, elevation %g°\n", *az, *el)
	} else {
		set, err := hrtf.LoadSOFA(*hrtfSpec)
		if err != nil {
			return err
		}
		if *interp {
			var used []int
			var w []float64
			h, used, w, err = set.Interpolate(*az, *el)
			if err != nil {
				return err
			}
			for i, k := range used {
				c, _ := set.Coordinate(k)
				fmt.Fprintf(stderr, "hears spatialise: direction %d (azimuth %g°, elevation %g°) weight %.3f\n", k, c.Azimuth, c.Elevation, w[i])
			}
		} else {
			k := set.Nearest(*az, *el)
			if h, err = set.HRTF(k); err != nil {
				return err
			}
			c := h.Coordinate()
			fmt.Fprintf(stderr, "hears spatialise: nearest direction %d: azimuth %g°, elevation %g° (%.1f° away)\n",
				k, c.Azimuth, c.Elevation, hrtf.GreatCircle(c, hrtf.Coordinate{Azimuth: *az, Elevation: *el}))
		}
		if in.SampleRate() != set.SampleRate() {
			if in, err = in.Resampled(set.SampleRate()); err != nil {
				return err
			}
		}
	}
	ears, err := hrtf.Render(h, in.Data())
	if err != nil {
		return err
	}
	stereo, err := sound.FromChannels(ears[:], h.SampleRate())
	if err != nil {
		return err
	}
	return saveFloatWAV(*out, stereo, e.stdout)
}

// spatialisePath renders in along the path in pathFile (--path).
func spatialisePath(in *sound.Sound, pathFile, hrtfSpec, out string, interp bool, stderr, stdout io.Writer) error {
	f, err := os.Open(pathFile)
	if err != nil {
		return err
	}
	defer f.Close()
	path, err := parsePath(f, pathFile)
	if err != nil {
		return err
	}
	set, err := hrtf.LoadSOFA(hrtfSpec)
	if err != nil {
		return err
	}
	if in.SampleRate() != set.SampleRate() {
		if in, err = in.Resampled(set.SampleRate()); err != nil {
			return err
		}
	}
	ears, err := set.RenderPath(in.Data(), path, interp)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "hears spatialise: moving source, %d path points from %g s to %g s\n", len(path), path[0].Time, path[len(path)-1].Time)
	stereo, err := sound.FromChannels(ears[:], set.SampleRate())
	if err != nil {
		return err
	}
	return saveFloatWAV(out, stereo, stdout)
}
