// Command sound_localisation ports Brian Hears' sound_localisation_model.py,
// a simplified version of the "ideal" sound localisation model of Goodman &
// Brette (2010), "Spike-timing-based computation in sound localization",
// PLoS Comput. Biol. 6(11): e1000993.
//
// White noise (500 ms, unit variance) is played from one direction of an
// HRTF set: the two ears' signals are the noise through that direction's
// left and right head-related impulse responses. The two channels are
// swapped and repeated once per candidate direction k, and every candidate's
// pair of HRTFs is applied to them: the left channel of candidate k carries
// (true right HRTF ∗ candidate k's left HRTF) ∗ noise, the right channel
// (true left ∗ candidate k's right) ∗ noise. For the true direction the two
// are the same signal. Every channel then goes through 40 gammatone filters
// (ERB-spaced, 150 Hz–5 kHz), hair cells 15·max(x, 0)^(1/3) and a noisy
// leaky integrate-and-fire neuron (a spiking.FilterbankGroup)
//
//	dV/dt = (I − V)/(1 ms) + 0.1·xi/(0.5 ms)^½  (unless refractory),
//	threshold V > 1, reset V = 0, refractory 5 ms, Euler,
//
// and one coincidence detector per (candidate, centre frequency), the same
// neuron with a 1 ms refractory period, receives two synapses (V += 0.5),
// from the left-channel and the right-channel neuron of its candidate and
// frequency: it fires mostly when both fire within about a millisecond. Its
// inputs are most alike, and it fires most, for the true direction. The
// coincidence detectors' spikes are counted per candidate (summed over
// frequencies) and the candidate with the most spikes is the estimate.
//
//	go run ./examples/sound_localisation [-o sound_localisation.png]
//	    [-sofa file.sofa] [-azimuth 30 -elevation 0] [-elmin -90 -elmax 90]
//	    [-every 2] [-cf 40] [-duration 0.5] [-seed 1]
//
// HRTFs: by default the MIT KEMAR normal-pinna set that Debian's libmysofa1
// installs (/usr/share/libmysofa/MIT_KEMAR_normal_pinna.sofa); -sofa reads
// any SimpleFreeFieldHRIR SOFA file (e.g. an IRCAM LISTEN subject, the set
// of the original, at the rate its file states). The sound is made at the
// set's sample rate and the neurons are simulated at that rate. The MIT set
// has 710 directions (elevations −40° to 90° in 10° rings, 5° to 360°/n
// apart in azimuth); all of them take about 31 s on two cores, so by default
// the candidates are every other azimuth of every ring (356 directions:
// 10° apart on the rings from −20° to 20°; 42 720 neurons, about 20 s).
// -elmin, -elmax and -every change the subset
// (-every 1 -elmin -90 -elmax 90 is the whole set). The true direction is
// the candidate nearest -azimuth, -elevation (degrees; SOFA's convention:
// azimuth +90° is the listener's LEFT, −90° the right); -random picks one
// at random, as the original does.
//
// What to look for: in the picture (azimuth across, elevation up, one dot
// per candidate whose area grows with its normalised spike count) the
// biggest dots cluster around the true direction (+) and the estimate (x)
// sits on it; candidates with nearly the same interaural differences (the
// "cone of confusion": the column of elevations at the true azimuth and the
// mirror column behind the head, 180° − azimuth) respond more than the
// rest, those on the other side least. With the default sound at 30°
// azimuth the true direction gets 752 coincidence spikes, the next
// (30°, −10°) 521. KEMAR's set is left/right symmetric, so for a sound on
// the median plane (azimuth 0° or 180°) every median-plane candidate's two
// inputs are identical and only the neurons' noise picks among them. The
// program prints the estimate, the count at the true direction and the
// largest count elsewhere.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io/fs"
	"log"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/gohears/hears/examples/internal/figs"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/plot"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
)

// DefaultSOFA is where Debian's libmysofa1 installs the MIT KEMAR set.
const DefaultSOFA = "/usr/share/libmysofa/MIT_KEMAR_normal_pinna.sofa"

// Parameters of the Brian Hears example.
const (
	hairCellGain = 15.0 // hair cells: 15·max(x, 0)^(1/3)
	anfRefrac    = 5e-3 // s, refractory period of the ear neurons
	cdRefrac     = 1e-3 // s, refractory period of the coincidence detectors
	cdWeight     = "V += 0.5"
	model        = "dV/dt = (I - V)/(1*ms) + 0.1*xi/(0.5*ms)**.5 : 1 (unless refractory)\nI : 1"
)

// config is one run of the model.
type config struct {
	set          *hrtf.Set // all the candidate directions
	truth        int       // index in set of the sound's direction
	duration     float64   // s, of the noise
	cfN          int       // number of centre frequencies
	cfMin, cfMax float64   // Hz
	seed         uint64    // of the noise and of the neurons
}

// result is what a run gives.
type result struct {
	coords    []hrtf.Coordinate
	truth     int       // index of the sound's direction
	guess     int       // index of the direction with the most CD spikes
	counts    []int     // CD spikes per direction, summed over frequencies
	norm      []float64 // counts / max(counts)
	anfSpikes int       // spikes of all ear neurons
	neurons   int       // ear neurons + coincidence detectors
	rate      float64   // Hz
	duration  float64   // s
}

func main() {
	outPath := flag.String("o", "sound_localisation.png", "picture to write (PNG)")
	sofa := flag.String("sofa", DefaultSOFA, "HRTF set (SOFA file, SimpleFreeFieldHRIR)")
	az := flag.Float64("azimuth", 30, "azimuth of the sound, degrees (+90 = left); the nearest candidate is used")
	el := flag.Float64("elevation", 0, "elevation of the sound, degrees")
	random := flag.Bool("random", false, "pick the sound's direction at random among the candidates (as the original)")
	elMin := flag.Float64("elmin", -90, "lowest elevation of the candidates, degrees")
	elMax := flag.Float64("elmax", 90, "highest elevation of the candidates, degrees")
	every := flag.Int("every", 2, "keep every n-th azimuth of each elevation ring (1: all)")
	cfN := flag.Int("cf", 40, "number of centre frequencies")
	duration := flag.Float64("duration", 0.5, "duration of the noise, s")
	seed := flag.Uint64("seed", 1, "seed of the noise, the neurons and -random")
	flag.Parse()

	full, err := hrtf.LoadSOFA(*sofa)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && *sofa == DefaultSOFA {
			log.Fatalf("%v\nthe MIT KEMAR set is installed by Debian's libmysofa1 (apt-get install libmysofa1); or give another SOFA file with -sofa", err)
		}
		log.Fatal(err)
	}
	set, err := candidates(full, *elMin, *elMax, *every)
	if err != nil {
		log.Fatal(err)
	}
	truth := set.Nearest(*az, *el)
	if *random {
		truth = rand.New(rand.NewPCG(*seed, 0)).IntN(set.Len())
	}
	c := config{set: set, truth: truth, duration: *duration, cfN: *cfN, cfMin: 150, cfMax: 5000, seed: *seed}
	start := time.Now()
	r, err := run(c)
	if err != nil {
		log.Fatal(err)
	}
	elapsed := time.Since(start)
	tc, gc := r.coords[r.truth], r.coords[r.guess]
	fmt.Printf("%s: %d of %d directions, %d centre frequencies, %.0f ms of noise at %.0f Hz: %d neurons, %d ear spikes, %.1f s\n",
		set.Name(), set.Len(), full.Len(), c.cfN, 1e3*r.duration, r.rate, r.neurons, r.anfSpikes, elapsed.Seconds())
	fmt.Printf("sound at azimuth %g°, elevation %g°; estimate azimuth %g°, elevation %g° (%s)\n",
		tc.Azimuth, tc.Elevation, gc.Azimuth, gc.Elevation, map[bool]string{true: "correct", false: "wrong"}[r.guess == r.truth])
	other, k := r.runnerUp()
	fmt.Printf("coincidence spikes at the true direction %d; largest elsewhere %d (azimuth %g°, elevation %g°)\n",
		r.counts[r.truth], other, r.coords[k].Azimuth, r.coords[k].Elevation)
	if err := draw(r, set.Name(), *outPath); err != nil {
		log.Fatal(err)
	}
}

// candidates returns the directions of set with elevation in [elMin, elMax]
// degrees, keeping every every-th azimuth of each elevation ring (counted
// from straight ahead, counterclockwise).
func candidates(set *hrtf.Set, elMin, elMax float64, every int) (*hrtf.Set, error) {
	if every < 1 {
		return nil, fmt.Errorf("-every %d: want at least 1", every)
	}
	rings := map[float64][]float64{} // elevation -> azimuths in [0, 360)
	for _, c := range set.Coordinates() {
		rings[c.Elevation] = append(rings[c.Elevation], math.Mod(c.Azimuth+360, 360))
	}
	keep := map[[2]float64]bool{}
	for el, azs := range rings {
		slices.Sort(azs)
		for n, a := range slices.Compact(azs) {
			if n%every == 0 {
				keep[[2]float64{el, a}] = true
			}
		}
	}
	sub, err := set.Subset(func(c hrtf.Coordinate) bool {
		return c.Elevation >= elMin && c.Elevation <= elMax && keep[[2]float64{c.Elevation, math.Mod(c.Azimuth+360, 360)}]
	})
	if err != nil {
		return nil, fmt.Errorf("no direction with elevation in [%g, %g]°: %w", elMin, elMax, err)
	}
	return sub, nil
}

// run builds the model of the package comment for c and simulates it.
func run(c config) (*result, error) {
	set := c.set
	n := set.Len()
	if c.truth < 0 || c.truth >= n {
		return nil, fmt.Errorf("true direction %d out of range [0, %d)", c.truth, n)
	}
	rate := set.SampleRate()
	noise, err := sound.WhiteNoise(c.duration, sound.WithRate(rate), sound.WithSeed(c.seed))
	if err != nil {
		return nil, err
	}
	candidatesFB, err := binaural(set, c.truth, noise)
	if err != nil {
		return nil, err
	}
	cf, err := filterbank.ERBSpace(c.cfMin, c.cfMax, c.cfN)
	if err != nil {
		return nil, err
	}
	// Every HRTF channel through every centre frequency: channel
	// ch*cfN + f is HRTF channel ch at cf[f].
	perCF, err := filterbank.Repeat(candidatesFB, c.cfN)
	if err != nil {
		return nil, err
	}
	allCF := make([]float64, 0, 2*n*c.cfN)
	for range 2 * n {
		allCF = append(allCF, cf...)
	}
	gt, err := filterbank.Gammatone(perCF, allCF)
	if err != nil {
		return nil, err
	}
	// 15·max(x, 0)^(1/3) as two fast banks rather than ExprFunction:
	// HalfWaveCubeRoot is vectorised.
	rect, err := filterbank.HalfWaveCubeRoot(gt)
	if err != nil {
		return nil, err
	}
	ihc, err := filterbank.Scale(rect, hairCellGain)
	if err != nil {
		return nil, err
	}
	// The ear neurons: Brian Hears' FilterbankGroup(cochlea, 'I', ...).
	anf, err := spiking.NewFilterbankGroup(ihc, "I", model, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "ears"},
		Threshold:    "V > 1", Reset: "V = 0", Refractory: anfRefrac, Method: "euler",
	})
	if err != nil {
		return nil, err
	}
	cd, err := spiking.NewNeuronGroup(n*c.cfN, model, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "cd"},
		Threshold:    "V > 1", Reset: "V = 0", Refractory: cdRefrac, Method: "euler",
	})
	if err != nil {
		return nil, err
	}
	syn, err := spiking.NewSynapses(anf, cd, spiking.SynapsesOptions{GroupOptions: spiking.GroupOptions{Name: "c"}, OnPre: cdWeight})
	if err != nil {
		return nil, err
	}
	// Brian Hears: connect(j='i') and connect(j='i-num_indices*cfN'):
	// detector j gets the left-channel neuron j and the right-channel
	// neuron n*cfN + j.
	m := n * c.cfN
	pre, post := make([]int, 0, 2*m), make([]int, 0, 2*m)
	for j := range m {
		pre = append(pre, j, m+j)
		post = append(post, j, j)
	}
	if err := syn.Connect(pre, post); err != nil {
		return nil, err
	}
	anfCount, err := spiking.NewSpikeCounter(anf, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	cdCount, err := spiking.NewSpikeCounter(cd, spiking.MonitorOptions{})
	if err != nil {
		return nil, err
	}
	net, err := spiking.NewNetwork(1/rate, anf, cd, syn, anfCount, cdCount)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	net.Seed(c.seed)
	if err := net.Run(noise.Duration()); err != nil {
		return nil, err
	}

	r := &result{coords: set.Coordinates(), truth: c.truth, counts: make([]int, n), norm: make([]float64, n),
		anfSpikes: anfCount.Total(), neurons: 3 * m, rate: rate, duration: noise.Duration()}
	for j, k := range cdCount.Count() {
		r.counts[j/c.cfN] += k
	}
	for k, v := range r.counts {
		if v > r.counts[r.guess] {
			r.guess = k
		}
	}
	if top := r.counts[r.guess]; top > 0 {
		for k, v := range r.counts {
			r.norm[k] = float64(v) / float64(top)
		}
	}
	return r, nil
}

// binaural returns the 2·Len() channels of the model's first stage for a
// mono sound played from direction truth of set: channel k < Len() is the
// true right ear's signal through candidate k's left HRTF, channel Len()+k
// the true left ear's through candidate k's right HRTF (brian2hears'
// hrtfset.filterbank(Repeat(swapped_channels, num_indices))). The two are
// the same signal for k = truth.
func binaural(set *hrtf.Set, truth int, snd sound.Source) (*filterbank.FIRBank, error) {
	h, err := set.HRTF(truth)
	if err != nil {
		return nil, err
	}
	ears, err := h.Filterbank(snd) // channel 0 left, 1 right
	if err != nil {
		return nil, err
	}
	swapped, err := filterbank.Restructure([]sound.Source{ears}, 1, filterbank.JoinSerial, 1, []int{1, 0})
	if err != nil {
		return nil, err
	}
	// Len() copies of the right ear, then Len() of the left.
	repeated, err := filterbank.Repeat(swapped, set.Len())
	if err != nil {
		return nil, err
	}
	// One channel per response: channel k through response k.
	fb, err := set.Filterbank(repeated)
	if err != nil {
		return nil, err
	}
	return fb, nil
}

// runnerUp returns the largest count of a direction other than the true
// one, and that direction.
func (r *result) runnerUp() (int, int) {
	best, at := -1, -1
	for k, v := range r.counts {
		if k != r.truth && v > best {
			best, at = v, k
		}
	}
	return best, at
}

// draw saves the azimuth × elevation map: a dot per candidate, its area
// proportional to the normalised count; + the truth, x the estimate.
func draw(r *result, name, path string) error {
	p := gplot.New()
	p.Title.Text = fmt.Sprintf("Sound localisation model (Goodman & Brette 2010), %s: %d directions", name, len(r.coords))
	p.X.Label.Text = "Azimuth (deg, +90 = left)"
	p.Y.Label.Text = "Elevation (deg)"
	p.X.Min, p.X.Max = -185, 185
	elLo, elHi := math.Inf(1), math.Inf(-1)
	for _, c := range r.coords {
		elLo, elHi = min(elLo, c.Elevation), max(elHi, c.Elevation)
	}
	p.Y.Min, p.Y.Max = elLo-10, elHi+10
	p.X.Tick.Marker = gplot.ConstantTicks(ticks(-180, 180, 30))
	p.Add(plotter.NewGrid())

	xy := make(plotter.XYs, len(r.coords))
	for k, c := range r.coords {
		xy[k].X, xy[k].Y = c.Azimuth, c.Elevation
	}
	dots, err := plotter.NewScatter(xy)
	if err != nil {
		return err
	}
	blue := color.RGBA{31, 119, 180, 200}
	dots.GlyphStyleFunc = func(k int) vgdraw.GlyphStyle {
		// Area ∝ count, as matplotlib's scatter(s=100*count); a dot
		// for a silent candidate is still visible.
		radius := vg.Points(0.6 + 6*math.Sqrt(r.norm[k]))
		return vgdraw.GlyphStyle{Color: blue, Radius: radius, Shape: vgdraw.CircleGlyph{}}
	}
	p.Add(dots)
	mark := func(k int, shape vgdraw.GlyphDrawer, c color.Color, label string) error {
		s, err := plotter.NewScatter(plotter.XYs{{X: r.coords[k].Azimuth, Y: r.coords[k].Elevation}})
		if err != nil {
			return err
		}
		s.GlyphStyle = vgdraw.GlyphStyle{Color: c, Radius: vg.Points(9), Shape: shape}
		p.Add(s)
		p.Legend.Add(label, s)
		return nil
	}
	if err := mark(r.truth, plot.ThickCross{Width: vg.Points(2.5)}, color.RGBA{214, 39, 40, 255}, "true direction"); err != nil {
		return err
	}
	if err := mark(r.guess, plot.ThickCross{Diagonal: true, Width: vg.Points(2.5)}, color.RGBA{44, 160, 44, 255}, "estimate (most CD spikes)"); err != nil {
		return err
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Max += 5 // room for the legend
	p.Legend.XOffs = vg.Points(8)
	return figs.SavePNG(path, figs.Render(p, 1000, 520))
}

// ticks returns major ticks from lo to hi every step.
func ticks(lo, hi, step float64) []gplot.Tick {
	var t []gplot.Tick
	for v := lo; v <= hi; v += step {
		t = append(t, gplot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
	}
	return t
}
