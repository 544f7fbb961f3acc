package sound

import (
	"fmt"
	"math"
)

// Resampler design figures (see Resampled).
const (
	// ResamplePassband is the passband edge as a fraction of the lower of
	// the two Nyquist frequencies: components below it keep their level to
	// within ResamplePassbandRipple.
	ResamplePassband = 0.9
	// ResamplePassbandRipple is the largest level change in the passband, dB.
	ResamplePassbandRipple = 0.001
	// ResampleStopband is the least attenuation, dB, of components at or
	// above the lower Nyquist frequency (which would otherwise alias or image).
	ResampleStopband = 95.0
	// resampleDesignDB is the Kaiser design attenuation behind ResampleStopband.
	resampleDesignDB = 100.0
)

// maxResamplePhases bounds the polyphase table (p phases × taps).
const maxResamplePhases = 1 << 16

// Resampled returns s resampled to rate Hz with an anti-aliased polyphase
// windowed-sinc resampler for the rational ratio rate/SampleRate() = p/q
// (both rates must be whole numbers of Hz, or of mHz, so that the ratio is
// exact: 44100↔48000 is 160/147, 16000↔44100 is 441/160, 44100→50000 is
// 500/441).
//
// The low-pass filter is a Kaiser-windowed sinc (β for 100 dB) with its cutoff
// midway between the passband edge, 0.9 × the lower Nyquist frequency
// fN = min(rate, SampleRate())/2, and the stopband edge fN. Measured figures:
// passband 0–0.9·fN flat within ResamplePassbandRipple (0.001 dB); stopband
// from fN up attenuated by at least ResampleStopband (95 dB); transition
// 0.9·fN–fN. The filter spans about 128 input samples at the lower rate
// (e.g. 128 taps per output sample for 44.1→48 kHz). It is zero-phase (no
// delay); the signal is taken as zero outside the sound, so the first and
// last ~64 samples carry the filter's edge transient. The output has
// ceil(NumFrames·p/q) frames.
//
// Brian Hears delegates to scikits.samplerate (libsamplerate); this is a
// plain-Go design with documented figures instead of a C dependency.
func (s *Sound) Resampled(rate float64) (*Sound, error) {
	if err := checkRate(rate); err != nil {
		return nil, err
	}
	if rate == s.rate {
		return s.Clone(), nil
	}
	p, q, err := resampleRatio(s.rate, rate)
	if err != nil {
		return nil, err
	}
	nin, nc := s.NumFrames(), s.channels
	nout := int((int64(nin)*int64(p) + int64(q) - 1) / int64(q))
	if err := checkSize(nout, nc); err != nil {
		return nil, fmt.Errorf("sound: resampled sound: %w", err)
	}
	tab, h := resampleTable(p, s.rate, rate)
	taps := 2*h + 1
	out := make([]float64, nout*nc)
	// Each channel is resampled on its own contiguous copy, so a channel's
	// result does not depend on how many channels travel with it.
	x := s.data
	if nc > 1 {
		x = make([]float64, nin)
	}
	for c := range nc {
		if nc > 1 {
			for f := range nin {
				x[f] = s.data[f*nc+c]
			}
		}
		for m := range nout {
			u := int64(m) * int64(q)
			n0 := int(u / int64(p))
			phi := int(u - int64(n0)*int64(p))
			row := tab[phi*taps : (phi+1)*taps]
			// y[m] = Σ_i x[n0+i]·row[i+h], i in [-h, h], x zero outside.
			lo, hi := max(-h, -n0), min(h, nin-1-n0)
			if lo > hi {
				continue
			}
			out[m*nc+c] = dot(x[n0+lo:n0+hi+1], row[lo+h:hi+h+1])
		}
	}
	return New(out, nc, rate)
}

// resampleRatio returns p/q = to/from in lowest terms, within the limits of
// the polyphase table.
func resampleRatio(from, to float64) (int, int, error) {
	p, q, err := ratio(to, from)
	if err != nil {
		return 0, 0, err
	}
	if p > maxResamplePhases {
		return 0, 0, fmt.Errorf("sound: resampling %v Hz to %v Hz needs %d filter phases (more than %d): choose rates with a simpler ratio", from, to, p, maxResamplePhases)
	}
	return p, q, nil
}

// ratio returns p/q = to/from in lowest terms.
func ratio(to, from float64) (int, int, error) {
	for _, scale := range []float64{1, 1e3} {
		a, b := to*scale, from*scale
		ra, rb := math.Round(a), math.Round(b)
		if math.Abs(a-ra) <= 1e-9*a && math.Abs(b-rb) <= 1e-9*b && ra < 1<<53 && rb < 1<<53 {
			x, y := int64(ra), int64(rb)
			g := gcd(x, y)
			return int(x / g), int(y / g), nil
		}
	}
	return 0, 0, fmt.Errorf("sound: cannot resample %v Hz to %v Hz: rates must be whole numbers of Hz (or mHz)", from, to)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// resampleTable returns the polyphase filter table, phase-major (p rows of
// 2h+1 taps), and the half-width h in input samples.
func resampleTable(p int, in, out float64) ([]float64, int) {
	nyq := min(in, out) / 2
	fpass, fstop := ResamplePassband*nyq, nyq
	fc := (fpass + fstop) / 2
	// Kaiser's formulas: length (A-7.95)/(2.285·Δω) at the input rate.
	dw := 2 * math.Pi * (fstop - fpass) / in
	nIn := (resampleDesignDB - 7.95) / (2.285 * dw)
	h := int(math.Ceil(nIn / 2))
	beta := 0.1102 * (resampleDesignDB - 8.7)
	taps := 2*h + 1
	tab := make([]float64, p*taps)
	fsUp := in * float64(p)
	half := float64(h * p)
	i0b := besselI0(beta)
	for phi := range p {
		for i := -h; i <= h; i++ {
			j := float64(phi - i*p) // offset in upsampled samples
			if math.Abs(j) > half {
				continue
			}
			r := j / half
			w := besselI0(beta*math.Sqrt(1-r*r)) / i0b
			arg := 2 * fc * j / fsUp
			sinc := 1.0
			if arg != 0 {
				sinc = math.Sin(math.Pi*arg) / (math.Pi * arg)
			}
			tab[phi*taps+i+h] = float64(p) * 2 * fc / fsUp * sinc * w
		}
	}
	return tab, h
}

// besselI0 is the modified Bessel function of the first kind, order 0
// (power series; converges quickly for the β values used here).
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	y := x * x / 4
	for k := 1; k < 200; k++ {
		term *= y / float64(k*k)
		sum += term
		if term < 1e-17*sum {
			break
		}
	}
	return sum
}

// dot returns Σ a[i]·b[i] (len(b) ≥ len(a)) with four partial sums, which
// lets the CPU overlap the additions.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// Resampler is a Source that resamples another Source on the fly with the
// filter of Sound.Resampled (same passband, stopband and, for a Sound
// source, bit-identical output), so that material at 16, 44.1, 48 or 50 kHz
// can feed a chain built for another rate without being held in memory. It
// keeps the input frames the filter still needs (block + ~128 frames per
// channel). As in Sound.Resampled, the input is taken as zero before frame
// 0 and after the end of a bounded source.
type Resampler struct {
	src      Source
	rate     float64
	p, q, h  int
	taps     int
	tab      []float64
	nc       int
	hist     [][]float64 // per channel: input frames [hs, hs+len)
	hs       int
	out      []float64
	lastS    int
	lastE    int
	haveLast bool
}

// NewResampler returns src resampled to rate Hz (see Sound.Resampled for the
// filter and the rates allowed).
func NewResampler(src Source, rate float64) (*Resampler, error) {
	if src == nil {
		return nil, fmt.Errorf("sound: NewResampler of a nil source")
	}
	if err := checkRate(rate); err != nil {
		return nil, err
	}
	nc := src.NumChannels()
	if rate == src.SampleRate() { // as Sound.Resampled: the input unchanged
		return &Resampler{src: src, rate: rate, p: 1, q: 1, nc: nc}, nil
	}
	p, q, err := resampleRatio(src.SampleRate(), rate)
	if err != nil {
		return nil, err
	}
	tab, h := resampleTable(p, src.SampleRate(), rate)
	return &Resampler{src: src, rate: rate, p: p, q: q, h: h, taps: 2*h + 1, tab: tab, nc: nc, hist: make([][]float64, nc)}, nil
}

// NumChannels implements Source.
func (r *Resampler) NumChannels() int { return r.nc }

// SampleRate implements Source: the output rate in Hz.
func (r *Resampler) SampleRate() float64 { return r.rate }

// NumFrames implements Source: ceil(n·p/q) for a source of n frames, or
// Unbounded.
func (r *Resampler) NumFrames() int {
	n := r.src.NumFrames()
	if n == Unbounded {
		return Unbounded
	}
	return int((int64(n)*int64(r.p) + int64(r.q) - 1) / int64(r.q))
}

// Reset implements Source: it resets the input and forgets held frames.
func (r *Resampler) Reset() error {
	for c := range r.hist {
		r.hist[c] = r.hist[c][:0]
	}
	r.hs, r.haveLast = 0, false
	return r.src.Reset()
}

// Fetch implements Source.
func (r *Resampler) Fetch(start, end int) ([]float64, error) {
	if err := CheckSegment(start, end); err != nil {
		return nil, err
	}
	if r.tab == nil {
		return r.src.Fetch(start, end) // same rate: the source's own block
	}
	if r.haveLast && start == r.lastS && end == r.lastE {
		return r.out, nil
	}
	r.haveLast = false
	nc := r.nc
	need := (end - start) * nc
	if cap(r.out) < need {
		r.out = make([]float64, need)
	}
	out := r.out[:need]
	if end == start {
		r.out, r.lastS, r.lastE, r.haveLast = out, start, end, true
		return out, nil
	}
	p, q := int64(r.p), int64(r.q)
	lo := max(0, int(int64(start)*q/p)-r.h)
	hi := int(int64(end-1)*q/p) + r.h + 1
	if err := r.fill(lo, hi); err != nil {
		return nil, err
	}
	nin := r.src.NumFrames()
	for c := range nc {
		x := r.hist[c]
		for m := start; m < end; m++ {
			u := int64(m) * q
			n0 := int(u / p)
			phi := int(u - int64(n0)*p)
			row := r.tab[phi*r.taps : (phi+1)*r.taps]
			// The same taps as Sound.Resampled (x zero before frame 0 and,
			// for a bounded source, after its end), summed in the same order.
			a, b := max(-r.h, -n0), r.h
			if nin != Unbounded {
				b = min(b, nin-1-n0)
			}
			v := 0.0
			if a <= b {
				v = dot(x[n0+a-r.hs:n0+b+1-r.hs], row[a+r.h:])
			}
			out[(m-start)*nc+c] = v
		}
	}
	r.out, r.lastS, r.lastE, r.haveLast = out, start, end, true
	return out, nil
}

// fill makes hist hold input frames [lo, hi) (at least), fetching from the
// source only what it does not hold yet when the range moves forward.
func (r *Resampler) fill(lo, hi int) error {
	held := len(r.hist[0])
	he := r.hs + held
	from := lo
	if lo >= r.hs && lo <= he {
		drop := lo - r.hs
		for c := range r.hist {
			r.hist[c] = append(r.hist[c][:0], r.hist[c][drop:]...)
		}
		r.hs = lo
		from = max(he, lo)
	} else {
		for c := range r.hist {
			r.hist[c] = r.hist[c][:0]
		}
		r.hs = lo
	}
	if hi <= from {
		return nil
	}
	b, err := r.src.Fetch(from, hi)
	if err != nil {
		return err
	}
	nc := r.nc
	if len(b) != (hi-from)*nc {
		return fmt.Errorf("sound: resampler input gave %d samples for %d frames × %d channels", len(b), hi-from, nc)
	}
	for c := range r.hist {
		h := r.hist[c]
		for f := range hi - from {
			h = append(h, b[f*nc+c])
		}
		r.hist[c] = h
	}
	return nil
}
