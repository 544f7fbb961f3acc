package hrtf

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/gohears/hears/sound"
)

// EvaluateOptions configures Localiser.Evaluate.
type EvaluateOptions struct {
	// Duration of each white-noise burst in s (default 0.2).
	Duration float64
	// Level of the noise in dB SPL before the HRTFs (default 60). Both
	// models are level-invariant; the level matters to what is rendered.
	Level sound.DB
	// EarNoise, when not nil, adds independent white noise at this level
	// (dB SPL) to each ear's signal, over the whole rendered sound: a
	// stand-in for the ear's internal noise, or a diffuse background, that
	// gives --level a meaning (the signal-to-noise ratio at the ears).
	EarNoise *sound.DB
	// Seed of the noises: direction k's noise is seeded with Seed + k, so
	// results do not depend on the order or the number of workers.
	Seed uint64
	// Directions are the indices of the set to play (nil: all of them).
	Directions []int
	// Workers is the number of goroutines (0: GOMAXPROCS).
	Workers int
	// Progress, when not nil, is called after each direction with the
	// number done and the total (from the worker goroutines, serialised).
	Progress func(done, total int)
}

// Trial is one direction of an evaluation: where the sound was played and
// where the model put it.
type Trial struct {
	Index              int // direction of the set played
	Target, Estimate   Coordinate
	EstimateIndex      int
	Error              float64 // great-circle angle between the two, degrees
	LateralError       float64 // |lateral angle difference|, degrees
	FrontBackConfusion bool
	Ties               int // see Estimate.Ties
}

// Evaluation is the result of Localiser.Evaluate: the trials, in the order
// played, and their summary.
type Evaluation struct {
	Model  Model
	Trials []Trial
	Summary
}

// Summary summarises an evaluation's trials.
type Summary struct {
	N int // trials
	// MedianError and P90Error are the median and the 90th percentile of
	// the great-circle errors in degrees (linear interpolation between
	// order statistics).
	MedianError, P90Error float64
	// Within15 and Within30 are the shares of trials (0–1) with a
	// great-circle error of at most 15° and 30°.
	Within15, Within30 float64
	// FrontBack is the share of trials that are front–back confusions:
	// target and estimate on opposite sides of the frontal plane, each more
	// than 10° away from it (trials whose target is within 10° of the plane
	// count as not confused).
	FrontBack float64
	// MedianLateralError and MeanLateralError are the median and mean
	// absolute differences of lateral angle in degrees (the angle from the
	// median plane, asin of the leftward component: what ITDs and ILDs
	// code).
	MedianLateralError, MeanLateralError float64
	// Ambiguous is the number of trials whose best score was tied.
	Ambiguous int
}

// frontBackMargin is how far (degrees) from the frontal plane a target and
// an estimate must both be for a front–back confusion to count.
const frontBackMargin = 10

// Evaluate plays white noise from every direction of opts.Directions
// through the set's HRTFs (each burst followed by the response's tail) and
// localises it against every direction of the set.
func (l *Localiser) Evaluate(opts EvaluateOptions) (*Evaluation, error) {
	if opts.Duration == 0 {
		opts.Duration = 0.2
	}
	if opts.Level == 0 {
		opts.Level = 60
	}
	if !(opts.Duration > 0) || opts.Duration > 60 {
		return nil, fmt.Errorf("hrtf: evaluate: noise duration %v s (want (0, 60])", opts.Duration)
	}
	// Levels outside [−100, 200] dB SPL are typing mistakes; far beyond
	// them the squared samples overflow.
	if !(opts.Level >= -100 && opts.Level <= 200) {
		return nil, fmt.Errorf("hrtf: evaluate: level %v dB SPL (want −100 to 200)", float64(opts.Level))
	}
	if e := opts.EarNoise; e != nil && !(*e >= -100 && *e <= 200) {
		return nil, fmt.Errorf("hrtf: evaluate: ear noise level %v dB SPL (want −100 to 200)", float64(*e))
	}
	dirs := opts.Directions
	if dirs == nil {
		dirs = make([]int, l.set.Len())
		for k := range dirs {
			dirs[k] = k
		}
	}
	if len(dirs) == 0 {
		return nil, errors.New("hrtf: evaluate: no direction to play")
	}
	for _, k := range dirs {
		if k < 0 || k >= l.set.Len() {
			return nil, fmt.Errorf("hrtf: evaluate: direction %d of %d", k, l.set.Len())
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(dirs))
	trials := make([]Trial, len(dirs))
	errs := make([]error, len(dirs))
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				trials[i], errs[i] = l.trial(dirs[i], opts)
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(dirs))
					mu.Unlock()
				}
			}
		})
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Evaluation{Model: l.model, Trials: trials, Summary: Summarise(trials)}, nil
}

// trial renders white noise from direction k and localises it.
func (l *Localiser) trial(k int, opts EvaluateOptions) (Trial, error) {
	noise, err := sound.WhiteNoise(opts.Duration, sound.WithRate(l.set.rate), sound.WithSeed(opts.Seed+uint64(k)))
	if err != nil {
		return Trial{}, err
	}
	if noise, err = noise.AtLevel(opts.Level); err != nil {
		return Trial{}, err
	}
	h, err := l.set.HRTF(k)
	if err != nil {
		return Trial{}, err
	}
	ears, err := Render(h, noise.Data())
	if err != nil {
		return Trial{}, err
	}
	if opts.EarNoise != nil {
		for e := range ears {
			n, err := sound.WhiteNoise(0, sound.WithFrames(len(ears[e])), sound.WithRate(l.set.rate),
				sound.WithSeed(opts.Seed+uint64(k)+uint64(e+1)<<40))
			if err != nil {
				return Trial{}, err
			}
			if n, err = n.AtLevel(*opts.EarNoise); err != nil {
				return Trial{}, err
			}
			for i, v := range n.Data() {
				ears[e][i] += v
			}
		}
	}
	est, err := l.localise(ears[0], ears[1], 1) // trials already run in parallel
	if err != nil {
		return Trial{}, fmt.Errorf("direction %d: %w", k, err)
	}
	return NewTrial(k, l.set.coords[k], est), nil
}

// NewTrial scores est against the target direction (index k of the set).
func NewTrial(k int, target Coordinate, est *Estimate) Trial {
	t := Trial{Index: k, Target: target, Estimate: est.Coordinate, EstimateIndex: est.Index, Ties: est.Ties}
	t.Error = GreatCircle(target, est.Coordinate)
	t.LateralError = math.Abs(Lateral(target) - Lateral(est.Coordinate))
	ft, fe := frontness(target), frontness(est.Coordinate)
	t.FrontBackConfusion = math.Abs(ft) > frontBackMargin && math.Abs(fe) > frontBackMargin && (ft > 0) != (fe > 0)
	return t
}

// GreatCircle is the angle in degrees between two directions.
func GreatCircle(a, b Coordinate) float64 {
	ax, ay, az := unit(a.Azimuth, a.Elevation)
	bx, by, bz := unit(b.Azimuth, b.Elevation)
	d := ax*bx + ay*by + az*bz
	// atan2 of the cross and dot products is accurate at small angles.
	cx, cy, cz := ay*bz-az*by, az*bx-ax*bz, ax*by-ay*bx
	return math.Atan2(math.Sqrt(cx*cx+cy*cy+cz*cz), d) * 180 / math.Pi
}

// Lateral is a direction's lateral angle in degrees: the angle from the
// median plane, positive to the left (interaural-polar coordinates).
func Lateral(c Coordinate) float64 {
	_, y, _ := unit(c.Azimuth, c.Elevation)
	return math.Asin(math.Max(-1, math.Min(1, y))) * 180 / math.Pi
}

// frontness is the angle in degrees from the frontal plane, positive in
// front.
func frontness(c Coordinate) float64 {
	x, _, _ := unit(c.Azimuth, c.Elevation)
	return math.Asin(math.Max(-1, math.Min(1, x))) * 180 / math.Pi
}

// Summarise returns the summary of trials.
func Summarise(trials []Trial) Summary {
	s := Summary{N: len(trials)}
	if len(trials) == 0 {
		return s
	}
	errs := make([]float64, len(trials))
	lat := make([]float64, len(trials))
	for i, t := range trials {
		errs[i], lat[i] = t.Error, t.LateralError
		if t.Error <= 15 {
			s.Within15++
		}
		if t.Error <= 30 {
			s.Within30++
		}
		if t.FrontBackConfusion {
			s.FrontBack++
		}
		if t.Ties > 0 {
			s.Ambiguous++
		}
		s.MeanLateralError += t.LateralError
	}
	n := float64(len(trials))
	s.Within15 /= n
	s.Within30 /= n
	s.FrontBack /= n
	s.MeanLateralError /= n
	slices.Sort(errs)
	slices.Sort(lat)
	s.MedianError = quantile(errs, 0.5)
	s.P90Error = quantile(errs, 0.9)
	s.MedianLateralError = quantile(lat, 0.5)
	return s
}

// quantile of sorted xs with linear interpolation between order statistics
// (numpy's default, Hyndman & Fan's type 7; gonum's stat.Quantile offers
// the empirical and type-4 estimators only).
func quantile(xs []float64, p float64) float64 {
	if len(xs) == 1 {
		return xs[0]
	}
	h := p * float64(len(xs)-1)
	i := int(math.Floor(h))
	if i >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-float64(i))*(xs[i+1]-xs[i])
}
