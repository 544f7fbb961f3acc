package hrtf

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"
	"gonum.org/v1/gonum/floats"

	"github.com/gohears/hears/filterbank"
)

// Model names a sound-localisation model of Localiser.
type Model string

const (
	// GoodmanBrette is the coincidence-detector model of Goodman & Brette
	// (2010), "Spike-timing-based computation in sound localization",
	// PLoS Comput. Biol. 6(11): e1000993, computed directly (see
	// Localiser): for every candidate direction k and frequency band, the
	// true right ear's signal through k's left HRTF is compared with the
	// true left ear's through k's right HRTF; they are identical exactly
	// when k is the sound's direction (L_k·R = R_k·L), which is the
	// condition under which the model's coincidence detector for (k,
	// band) receives identical inputs and fires most.
	GoodmanBrette Model = "goodman-brette"
	// CrossCorrelation is the binaural baseline: an interaural time
	// difference from the across-frequency pooled, normalised interaural
	// cross-correlation of the bands up to 1.5 kHz (Jeffress 1948, J.
	// Comp. Physiol. Psychol. 41: 35–39; pooled as in Shackleton, Meddis &
	// Hewitt 1992, J. Acoust. Soc. Am. 91: 2276–2279) and an interaural
	// level difference in every band (the duplex theory, Rayleigh 1907),
	// matched against the same features of every direction of the set
	// (template matching as in Roman, Wang & Brown 2003, J. Acoust. Soc. Am.
	// 114: 2236–2252), each difference counted in just-noticeable
	// differences (ITD 10 µs, Klumpp & Eady 1956; ILD 1 dB, Mills 1960).
	CrossCorrelation Model = "xcorr-ild"
)

// Models lists the models of Localiser, in the order the CLI shows them.
var Models = []Model{GoodmanBrette, CrossCorrelation}

// LocaliserOptions configures NewLocaliser. The zero value is
// GoodmanBrette with its defaults.
type LocaliserOptions struct {
	// Model is GoodmanBrette (default) or CrossCorrelation.
	Model Model
	// Bands is the number of gammatone bands (default 40, as Brian
	// Hears' sound-localisation example).
	Bands int
	// FMin and FMax are the lowest and highest centre frequencies in Hz,
	// ERB-spaced (defaults 150 Hz and 5 kHz, Brian Hears' example, for
	// GoodmanBrette; 150 Hz and 16 kHz for CrossCorrelation, whose ILD
	// spectrum carries the elevation cues above 5 kHz). FMax is lowered to
	// 0.45·rate when the set's rate is too low.
	FMin, FMax float64
}

// Band shape and ITD/ILD constants of the models.
const (
	// gammatoneOrder is the order of the gammatone filters whose power
	// responses weight the bands (Patterson et al. 1992).
	gammatoneOrder = 4
	// gammatoneERBFactor widens the ERB to the 4th-order gammatone's
	// bandwidth parameter b = 1.019·ERB (Patterson et al. 1992).
	gammatoneERBFactor = 1.019
	// itdCutoff is the highest centre frequency (Hz) whose bands enter the
	// pooled cross-correlogram: above it the fine structure's phase is
	// not followed (the duplex theory).
	itdCutoff = 1500
	// maxITDLag is the largest interaural lag searched, in s.
	maxITDLag = 1e-3
	// itdJND and ildJND are the just-noticeable differences in which
	// CrossCorrelation counts feature differences: 10 µs (Klumpp & Eady
	// 1956) and 1 dB (Mills 1960).
	itdJND = 10e-6
	ildJND = 1.0
)

// Localiser estimates the direction of a binaural sound among the
// directions of a Set, with one of Models.
//
// Both models weight frequency bins by the power responses of 4th-order
// gammatone filters, |G_f(ν)|² = [1 + ((ν − cf)/b)²]^−4 with b = 1.019·ERB(cf)
// (Patterson et al. 1992, APU Report 2341; filterbank.ERB), on the DFT grid
// of the sound, so that band energies and correlations are sums over bins
// (Parseval) rather than outputs of time-domain filters.
//
// GoodmanBrette, computed directly. Brian Hears' sound-localisation example
// (examples/sound_localisation) builds, per candidate k and band f, two
// gammatone-filtered signals, a_kf = G_f∗L_k∗r and b_kf = G_f∗R_k∗l (r, l:
// the sound at the right and left ear; L_k, R_k: k's HRIRs), feeds each
// through a hair cell and a noisy leaky integrate-and-fire neuron, and
// counts the coincidences of the two neurons' spikes. Goodman & Brette's
// argument is that the coincidence count is largest when the two inputs
// are identical, which happens for every band exactly when L_k·R = R_k·L,
// i.e. when k's interaural transfer function equals the sound's. The
// direct formulation scores that similarity without neurons: the
// normalised correlation of the two inputs,
//
//	ρ_kf = 2⟨a_kf, b_kf⟩ / (‖a_kf‖² + ‖b_kf‖²)  ∈ [−1, 1],
//
// which is 1 exactly when a_kf = b_kf, and the score of k is the mean of
// ρ_kf over the bands. What is equivalent: the linear stage (HRTF, band
// filter) and the condition that makes a detector fire most (identical
// inputs, ρ = 1), so both rank the true direction first whenever the set
// distinguishes it; what is not: the hair cells' compression, the neurons'
// noise and refractoriness, which make the spike count a noisy, level-
// dependent, monotone-decreasing function of the inputs' difference — the
// direct model is noiseless and does not depend on the level (measured
// agreement: docs/hrtf.md). The cost is
// 3 inverse FFTs per band for the sound and, per candidate, three dot
// products of length 2·taps − 1 per band: the inner products are evaluated
// in the lag domain, ‖a_kf‖² = Σ_m (L_k⋆L_k)(m)·(G_f r⋆r)(m) and so on,
// with the HRIRs' auto- and cross-correlations computed once per set.
//
// CrossCorrelation: see the constant.
//
// A Localiser is safe for concurrent use.
type Localiser struct {
	set   *Set
	model Model
	cf    []float64 // Hz
	bw    []float64 // gammatone b per band, Hz
	taps  int
	lags  int // 2·taps − 1
	// GoodmanBrette: per direction, the HRIRs' autocorrelations (left,
	// right) and their cross-correlation y(m) = Σ_n l(n+m)·r(n), lag m at
	// index m + taps − 1.
	autoL, autoR, cross [][]float64
	// CrossCorrelation: per direction the ITD (s, positive when the left
	// ear is delayed) and the ILD per band (dB, left re right).
	itd []float64
	ild [][]float64

	mu      sync.Mutex
	weights map[int][][]float64 // DFT size → per band, per bin |G_f|²
}

// maxLocaliserWork bounds directions × taps (the correlations' memory).
const maxLocaliserWork = 1 << 26

// NewLocaliser prepares model opts.Model over every direction of set.
func NewLocaliser(set *Set, opts LocaliserOptions) (*Localiser, error) {
	if set == nil {
		return nil, errors.New("hrtf: localiser: set is nil")
	}
	if opts.Model == "" {
		opts.Model = GoodmanBrette
	}
	if !slices.Contains(Models, opts.Model) {
		return nil, fmt.Errorf("hrtf: unknown localisation model %q (want one of %v)", opts.Model, Models)
	}
	if opts.Bands == 0 {
		opts.Bands = 40
	}
	if opts.FMin == 0 {
		opts.FMin = 150
	}
	if opts.FMax == 0 {
		opts.FMax = 5000
		if opts.Model == CrossCorrelation {
			opts.FMax = 16000
		}
		opts.FMax = min(opts.FMax, 0.45*set.rate)
	}
	if opts.Bands < 1 || opts.Bands > 1000 {
		return nil, fmt.Errorf("hrtf: localiser: %d bands (want 1 to 1000)", opts.Bands)
	}
	if !(opts.FMin > 0) || !(opts.FMax >= opts.FMin) || opts.FMax >= set.rate/2 || math.IsInf(opts.FMax, 0) {
		return nil, fmt.Errorf("hrtf: localiser: band range %g–%g Hz at a sample rate of %g Hz", opts.FMin, opts.FMax, set.rate)
	}
	if opts.Bands == 1 && opts.FMin != opts.FMax {
		opts.FMin = math.Sqrt(opts.FMin * opts.FMax)
		opts.FMax = opts.FMin
	}
	if int64(set.Len())*int64(set.taps) > maxLocaliserWork {
		return nil, fmt.Errorf("hrtf: localiser: %d directions × %d taps is too large", set.Len(), set.taps)
	}
	cf, err := filterbank.ERBSpace(opts.FMin, opts.FMax, opts.Bands)
	if err != nil {
		return nil, fmt.Errorf("hrtf: localiser: %w", err)
	}
	l := &Localiser{set: set, model: opts.Model, cf: cf, taps: set.taps, lags: 2*set.taps - 1, weights: map[int][][]float64{}}
	for _, f := range cf {
		l.bw = append(l.bw, gammatoneERBFactor*filterbank.ERB(f))
	}
	n := fftSize(l.lags)
	fft := fourier.NewFFT(n)
	switch l.model {
	case GoodmanBrette:
		for k := range set.Len() {
			lk := fft.Coefficients(nil, zeroPad(set.left[k], n))
			rk := fft.Coefficients(nil, zeroPad(set.right[k], n))
			l.autoL = append(l.autoL, l.lagWindow(fft, productSpectrum(lk, lk), n))
			l.autoR = append(l.autoR, l.lagWindow(fft, productSpectrum(rk, rk), n))
			l.cross = append(l.cross, l.lagWindow(fft, productSpectrum(lk, rk), n))
		}
	case CrossCorrelation:
		w := l.bandWeights(n)
		for k := range set.Len() {
			lk := fft.Coefficients(nil, zeroPad(set.left[k], n))
			rk := fft.Coefficients(nil, zeroPad(set.right[k], n))
			itd, ild := l.features(fft, w, lk, rk, n)
			l.itd = append(l.itd, itd)
			l.ild = append(l.ild, ild)
		}
	}
	return l, nil
}

// Model returns the localiser's model.
func (l *Localiser) Model() Model { return l.model }

// CentreFrequencies returns the bands' centre frequencies in Hz.
func (l *Localiser) CentreFrequencies() []float64 { return slices.Clone(l.cf) }

// Set returns the set whose directions are the candidates.
func (l *Localiser) Set() *Set { return l.set }

// fftSize is the smallest power of two ≥ n.
func fftSize(n int) int {
	m := 1
	for m < n {
		m *= 2
	}
	return m
}

// smoothSize is the smallest n ≥ m of the form 2^a·3^b·5^c (a ≥ 1): the
// sizes gonum's FFT (FFTPACK) transforms fastest, up to half the work of
// the next power of two.
func smoothSize(m int) int {
	best := fftSize(m)
	for p5 := 1; p5 < best; p5 *= 5 {
		for p35 := p5; p35 < best; p35 *= 3 {
			n := p35 * 2
			for n < m {
				n *= 2
			}
			best = min(best, n)
		}
	}
	return best
}

func zeroPad(x []float64, n int) []float64 {
	out := make([]float64, n)
	copy(out, x)
	return out
}

// productSpectrum returns a·conj(b) bin by bin: the spectrum of the
// cross-correlation Σ_n a(n+m)·b(n).
func productSpectrum(a, b []complex128) []complex128 {
	out := make([]complex128, len(a))
	for i := range a {
		out[i] = a[i] * complex(real(b[i]), -imag(b[i]))
	}
	return out
}

// lagWindow returns the inverse DFT (with 1/n) of spec at lags
// −(taps−1)…taps−1, lag m at index m + taps − 1.
func (l *Localiser) lagWindow(fft *fourier.FFT, spec []complex128, n int) []float64 {
	seq := fft.Sequence(nil, spec)
	out := make([]float64, l.lags)
	for m := -(l.taps - 1); m < l.taps; m++ {
		out[m+l.taps-1] = seq[(m+n)%n] / float64(n)
	}
	return out
}

// bandWeights returns, per band, the gammatone power response at the
// n/2 + 1 bins of an n-point DFT at the set's rate (cached).
func (l *Localiser) bandWeights(n int) [][]float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if w, ok := l.weights[n]; ok {
		return w
	}
	w := make([][]float64, len(l.cf))
	for f, cf := range l.cf {
		w[f] = make([]float64, n/2+1)
		for b := range w[f] {
			x := (float64(b)*l.set.rate/float64(n) - cf) / l.bw[f]
			w[f][b] = math.Pow(1+x*x, -gammatoneOrder)
		}
	}
	if len(l.weights) > 8 { // a few sound lengths at a time
		clear(l.weights)
	}
	l.weights[n] = w
	return w
}

// features returns the CrossCorrelation features of the ear spectra lk,
// rk (n-point DFTs, n/2+1 bins): the pooled cross-correlogram's ITD and
// the ILD per band.
func (l *Localiser) features(fft *fourier.FFT, w [][]float64, lk, rk []complex128, n int) (float64, []float64) {
	maxLag := int(math.Ceil(maxITDLag * l.set.rate))
	maxLag = min(maxLag, n/2-1)
	pooled := make([]float64, 2*maxLag+1)
	ild := make([]float64, len(l.cf))
	spec := make([]complex128, n/2+1)
	seq := make([]float64, n)
	for f, cf := range l.cf {
		// Band energies as fft.Sequence's lag 0 counts them: the
		// interior bins stand for two (their mirror images).
		var el, er float64
		for b := range spec {
			c := 2.0
			if b == 0 || (n%2 == 0 && b == n/2) {
				c = 1
			}
			el += c * w[f][b] * sqAbs(lk[b])
			er += c * w[f][b] * sqAbs(rk[b])
		}
		const floor = 1e-300
		ild[f] = 10 * math.Log10((el+floor)/(er+floor))
		if cf > itdCutoff || el == 0 || er == 0 {
			continue
		}
		for b := range spec {
			spec[b] = complex(w[f][b], 0) * lk[b] * complex(real(rk[b]), -imag(rk[b]))
		}
		fft.Sequence(seq, spec)
		norm := math.Sqrt(el * er)
		for m := -maxLag; m <= maxLag; m++ {
			pooled[m+maxLag] += seq[(m+n)%n] / norm
		}
	}
	// A positive lag m means the left ear's signal matches the right's m
	// samples later: the left ear is delayed.
	best := 0
	for i := range pooled {
		if pooled[i] > pooled[best] {
			best = i
		}
	}
	lag := float64(best - maxLag)
	if best > 0 && best < len(pooled)-1 {
		a, b, c := pooled[best-1], pooled[best], pooled[best+1]
		if d := a - 2*b + c; d < 0 {
			lag += 0.5 * (a - c) / d
		}
	}
	return lag / l.set.rate, ild
}

func sqAbs(z complex128) float64 { return real(z)*real(z) + imag(z)*imag(z) }

// Estimate is a Localiser's answer for one sound.
type Estimate struct {
	// Index is the direction of the set with the best score, Coordinate
	// its coordinates.
	Index      int
	Coordinate Coordinate
	// Scores holds every direction's score, larger is more likely:
	// GoodmanBrette's mean normalised correlation ρ over the bands (1 for
	// a perfect match); CrossCorrelation's −D/2, D the squared feature
	// distance in just-noticeable differences (0 for a perfect match).
	Scores []float64
	// Ties is the number of other directions whose score is within 1e-9
	// of the best (e.g. every median-plane direction of a left/right
	// symmetric set, for GoodmanBrette: the interaural transfer function
	// is 1 on all of them); Index is then the first of them.
	Ties int
	// ITD (s, positive when the left ear is delayed) and ILD (dB per band,
	// left re right) are the sound's features (CrossCorrelation only).
	ITD float64
	ILD []float64
}

// maxLocaliseFrames bounds the length of a sound Localise accepts
// (2^24 frames, 6 minutes at 44.1 kHz).
const maxLocaliseFrames = 1 << 24

// Localise estimates the direction of the sound whose left and right ear
// signals (at the set's sample rate, equal lengths) are given, on
// GOMAXPROCS goroutines.
func (l *Localiser) Localise(left, right []float64) (*Estimate, error) {
	return l.localise(left, right, runtime.GOMAXPROCS(0))
}

func (l *Localiser) localise(left, right []float64, workers int) (*Estimate, error) {
	if len(left) != len(right) {
		return nil, fmt.Errorf("hrtf: localise: left ear has %d samples, right %d", len(left), len(right))
	}
	if len(left) == 0 {
		return nil, errors.New("hrtf: localise: empty sound")
	}
	if len(left) > maxLocaliseFrames {
		return nil, fmt.Errorf("hrtf: localise: %d samples is longer than %d", len(left), maxLocaliseFrames)
	}
	var energy float64
	for i := range left {
		if math.IsNaN(left[i]) || math.IsInf(left[i], 0) || math.IsNaN(right[i]) || math.IsInf(right[i], 0) {
			return nil, fmt.Errorf("hrtf: localise: sample %d is not finite", i)
		}
		energy += left[i]*left[i] + right[i]*right[i]
	}
	if energy == 0 {
		return nil, errors.New("hrtf: localise: the sound is silent")
	}
	n := smoothSize(len(left) + l.taps)
	fft := fourier.NewFFT(n)
	ls := fft.Coefficients(nil, zeroPad(left, n))
	rs := fft.Coefficients(nil, zeroPad(right, n))
	w := l.bandWeights(n)
	est := &Estimate{Scores: make([]float64, l.set.Len())}
	switch l.model {
	case GoodmanBrette:
		l.goodmanBrette(w, ls, rs, n, est.Scores, workers)
	case CrossCorrelation:
		est.ITD, est.ILD = l.features(fft, w, ls, rs, n)
		for k := range est.Scores {
			d := (est.ITD - l.itd[k]) / itdJND
			var dl float64
			for f := range l.cf {
				x := (est.ILD[f] - l.ild[k][f]) / ildJND
				dl += x * x
			}
			est.Scores[k] = -(d*d + dl/float64(len(l.cf))) / 2
		}
	}
	for k, s := range est.Scores {
		if math.IsNaN(s) {
			return nil, fmt.Errorf("hrtf: localise: direction %d scored NaN", k)
		}
		if s > est.Scores[est.Index] {
			est.Index = k
		}
	}
	best := est.Scores[est.Index]
	for k, s := range est.Scores {
		if k != est.Index && math.Abs(s-best) <= 1e-9*math.Max(1, math.Abs(best)) {
			est.Ties++
		}
	}
	est.Coordinate = l.set.coords[est.Index]
	return est, nil
}

// goodmanBrette writes every direction's mean ρ over the bands to scores,
// splitting the bands' transforms and then the directions over workers
// goroutines (each result is computed alone: the same for any workers).
func (l *Localiser) goodmanBrette(w [][]float64, ls, rs []complex128, n int, scores []float64, workers int) {
	nb := len(l.cf)
	// Per band, the lag windows of the band-weighted r⋆r, l⋆l and of
	// c(m) = Σ_n r(n+m)·l(n), reversed so that Σ_m y_k(m)·c(−m) is a
	// plain dot product.
	crr := make([][]float64, nb)
	cll := make([][]float64, nb)
	crl := make([][]float64, nb)
	parallel(nb, workers, func(lo, hi int) {
		fft := fourier.NewFFT(n)
		spec := make([]complex128, n/2+1)
		for f := lo; f < hi; f++ {
			for b := range spec {
				spec[b] = complex(w[f][b]*sqAbs(rs[b]), 0)
			}
			crr[f] = l.lagWindow(fft, spec, n)
			for b := range spec {
				spec[b] = complex(w[f][b]*sqAbs(ls[b]), 0)
			}
			cll[f] = l.lagWindow(fft, spec, n)
			for b := range spec {
				spec[b] = complex(w[f][b], 0) * rs[b] * complex(real(ls[b]), -imag(ls[b]))
			}
			crl[f] = l.lagWindow(fft, spec, n)
			slices.Reverse(crl[f])
		}
	})
	parallel(len(scores), workers, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			al, ar, y := l.autoL[k], l.autoR[k], l.cross[k]
			var sum float64
			for f := range nb {
				// ‖L_k∗r‖² = Σ_m (L_k⋆L_k)(m)·(r⋆r)(m) (both even in m),
				// ⟨L_k∗r, R_k∗l⟩ = Σ_m y_k(m)·c(−m).
				ea, eb, x := evenDot(al, crr[f]), evenDot(ar, cll[f]), dot(y, crl[f])
				if e := ea + eb; e > 0 {
					sum += 2 * x / e
				}
			}
			scores[k] = sum / float64(nb)
		}
	})
}

// parallel calls do on workers contiguous parts of [0, n) at once.
func parallel(n, workers int, do func(lo, hi int)) {
	workers = max(1, min(workers, n))
	if workers == 1 {
		do(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { do(i*n/workers, (i+1)*n/workers) })
	}
	wg.Wait()
}

// evenDot is dot(a, b) for two sequences even about their middle element
// (autocorrelations): twice the dot of one half plus the middle product.
func evenDot(a, b []float64) float64 {
	c := len(a) / 2
	return 2*dot(a[c+1:], b[c+1:]) + a[c]*b[c]
}

// dot is gonum's Σ a[i]·b[i] (assembly on amd64).
func dot(a, b []float64) float64 { return floats.Dot(a, b) }

// Interaural returns every direction's interaural time difference in
// seconds (positive when the left ear is delayed, as ITDs) and its
// broadband interaural level difference in dB (left re right: positive
// when the left ear is louder), measured from the impulse responses: the
// ITD as CrossCorrelation measures it (the peak of the normalised
// cross-correlation pooled over ERB-spaced gammatone bands from 150 Hz to
// 1.5 kHz, within ±1 ms, parabolically interpolated), the ILD as the ratio
// of the responses' energies.
func (s *Set) Interaural() (itd, ild []float64, err error) {
	fmax := min(itdCutoff, 0.45*s.rate)
	l, err := NewLocaliser(s, LocaliserOptions{Model: CrossCorrelation, FMin: min(150, fmax), FMax: fmax, Bands: 16})
	if err != nil {
		return nil, nil, err
	}
	ild = make([]float64, s.Len())
	for k := range ild {
		var el, er float64
		for j := range s.left[k] {
			el += s.left[k][j] * s.left[k][j]
			er += s.right[k][j] * s.right[k][j]
		}
		const floor = 1e-300
		ild[k] = 10 * math.Log10((el+floor)/(er+floor))
	}
	return l.itd, ild, nil
}
