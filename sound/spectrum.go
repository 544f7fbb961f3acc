package sound

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Spectrum is the discrete Fourier spectrum of one channel.
type Spectrum struct {
	Freqs []float64 // bin frequencies k·rate/N, Hz, ascending
	Power []float64 // |X_k|² (Pa²), or 10·log10 of it (dB, floored at -200) if LogPower
	Phase []float64 // unwrapped phase of X_k, radians
}

// SpectrumOptions selects the channel and band of Sound.Spectrum.
type SpectrumOptions struct {
	Channel  int     // channel to analyse (default 0)
	Low      float64 // lowest frequency kept, Hz (default 0)
	High     float64 // highest frequency kept, Hz (0: the Nyquist frequency)
	LogPower bool    // return 10·log10(power) instead of power
}

// Spectrum returns the spectrum of one channel over its whole length, as
// Brian Hears' Sound.spectrum: power |X_k|² of the unnormalised DFT
// X_k = Σ x_n e^{-2πikn/N}, frequencies k·rate/N and the phase
// unwrap(angle(X_k) mod 2π). Only the non-redundant bins 0..N/2 (up to the
// Nyquist frequency) are returned, restricted to [Low, High]; Brian Hears
// also lists the mirrored upper half. Log power floors power at 1e-20 as
// Brian Hears does. The FFT is gonum's dsp/fourier (any N).
func (s *Sound) Spectrum(o SpectrumOptions) (*Spectrum, error) {
	if o.Channel < 0 || o.Channel >= s.channels {
		return nil, fmt.Errorf("sound: Spectrum: channel %d of a %d-channel sound", o.Channel, s.channels)
	}
	n := s.NumFrames()
	if n == 0 {
		return nil, fmt.Errorf("sound: Spectrum of an empty sound")
	}
	high := o.High
	if high == 0 {
		high = s.rate / 2
	}
	if math.IsNaN(o.Low) || math.IsNaN(high) || high < o.Low {
		return nil, fmt.Errorf("sound: Spectrum: band [%v, %v] Hz is empty", o.Low, high)
	}
	x := s.ChannelData(o.Channel)
	if err := checkPowerRange(x, n); err != nil {
		return nil, fmt.Errorf("sound: Spectrum: %w", err)
	}
	coeff := fourier.NewFFT(n).Coefficients(nil, x)
	sp := &Spectrum{}
	prev, offset := 0.0, 0.0
	for k, z := range coeff {
		ph := math.Mod(cmplx.Phase(z), 2*math.Pi)
		if ph < 0 {
			ph += 2 * math.Pi
		}
		if k > 0 { // numpy.unwrap: jumps larger than π are folded by 2π
			d := ph + offset - prev
			for d > math.Pi {
				offset -= 2 * math.Pi
				d -= 2 * math.Pi
			}
			for d < -math.Pi {
				offset += 2 * math.Pi
				d += 2 * math.Pi
			}
		}
		ph += offset
		prev = ph
		f := float64(k) / float64(n) * s.rate
		if f < o.Low || f > high {
			continue
		}
		p := real(z)*real(z) + imag(z)*imag(z)
		if o.LogPower {
			p = 10 * math.Log10(max(p, 1e-20))
		}
		sp.Freqs = append(sp.Freqs, f)
		sp.Power = append(sp.Power, p)
		sp.Phase = append(sp.Phase, ph)
	}
	return sp, nil
}

// Spectrogram is a short-time power spectrum.
type Spectrogram struct {
	Power [][]float64 // Power[i][j]: frequency Freqs[i], time Times[j]; PSD in Pa²/Hz or dB if LogPower
	Freqs []float64   // Hz, ascending
	Times []float64   // centre of each segment, s
}

// SpectrogramOptions configures Sound.Spectrogram. The defaults are those of
// matplotlib's specgram, which Brian Hears' Sound.spectrogram calls.
type SpectrogramOptions struct {
	Channel  int                 // channel to analyse (default 0)
	NFFT     int                 // segment length, frames (default 256)
	Overlap  int                 // frames shared by neighbouring segments (default NFFT/2)
	Window   func(int) []float64 // window (default Hann, symmetric)
	Low      float64             // lowest frequency kept, Hz (default 0)
	High     float64             // highest frequency kept, Hz (0: Nyquist)
	LogPower bool                // 10·log10(power), floored at 1e-20 as Brian Hears
}

// Spectrogram returns the one-sided power spectral density of successive
// windowed segments of one channel (matplotlib specgram / mlab.psd scaling:
// |X_k|²/(rate·Σw²), doubled except at DC and Nyquist, so summing over
// frequency × bin width gives the mean square), with segment centre times and
// bin frequencies. The sound must have at least NFFT frames.
func (s *Sound) Spectrogram(o SpectrogramOptions) (*Spectrogram, error) {
	if o.Channel < 0 || o.Channel >= s.channels {
		return nil, fmt.Errorf("sound: Spectrogram: channel %d of a %d-channel sound", o.Channel, s.channels)
	}
	nfft := o.NFFT
	if nfft == 0 {
		nfft = 256
	}
	ov := o.Overlap
	if ov == 0 {
		ov = nfft / 2
	}
	if nfft < 2 || ov < 0 || ov >= nfft {
		return nil, fmt.Errorf("sound: Spectrogram: need NFFT ≥ 2 and 0 ≤ overlap < NFFT, got %d and %d", nfft, ov)
	}
	n := s.NumFrames()
	if n < nfft {
		return nil, fmt.Errorf("sound: Spectrogram: sound of %d frames is shorter than one segment of %d", n, nfft)
	}
	wf := o.Window
	if wf == nil {
		wf = Hann
	}
	w := wf(nfft)
	if err := checkWindow(w, nfft); err != nil {
		return nil, fmt.Errorf("sound: Spectrogram: %w", err)
	}
	high := o.High
	if high == 0 {
		high = s.rate / 2
	}
	if math.IsNaN(o.Low) || math.IsNaN(high) || high < o.Low {
		return nil, fmt.Errorf("sound: Spectrogram: band [%v, %v] Hz is empty", o.Low, high)
	}
	ww := 0.0
	for _, v := range w {
		ww += v * v
	}
	x := s.ChannelData(o.Channel)
	if err := checkPowerRange(x, nfft); err != nil {
		return nil, fmt.Errorf("sound: Spectrogram: %w", err)
	}
	step := nfft - ov
	nseg := (n-nfft)/step + 1
	fft := fourier.NewFFT(nfft)
	var keep []int
	sg := &Spectrogram{}
	for k := 0; k <= nfft/2; k++ {
		f := float64(k) * s.rate / float64(nfft)
		if f >= o.Low && f <= high {
			keep = append(keep, k)
			sg.Freqs = append(sg.Freqs, f)
		}
	}
	sg.Power = make([][]float64, len(keep))
	for i := range sg.Power {
		sg.Power[i] = make([]float64, nseg)
	}
	seg := make([]float64, nfft)
	var coeff []complex128
	for j := range nseg {
		st := j * step
		for i := range nfft {
			seg[i] = x[st+i] * w[i]
		}
		coeff = fft.Coefficients(coeff, seg)
		for i, k := range keep {
			z := coeff[k]
			p := (real(z)*real(z) + imag(z)*imag(z)) / (s.rate * ww)
			if k != 0 && !(nfft%2 == 0 && k == nfft/2) {
				p *= 2
			}
			if o.LogPower {
				p = 10 * math.Log10(max(p, 1e-20))
			}
			sg.Power[i][j] = p
		}
		sg.Times = append(sg.Times, (float64(st)+float64(nfft)/2)/s.rate)
	}
	return sg, nil
}

// WelchOptions configures Sound.Welch.
type WelchOptions struct {
	Channel int                 // channel to analyse (default 0)
	NFFT    int                 // segment length, frames, even (default 256)
	Overlap int                 // frames shared by neighbouring segments (default NFFT/2)
	Window  func(int) []float64 // window (default Hann, symmetric)
}

// Welch returns Welch's estimate of the one-sided power spectral density
// (Pa²/Hz) of one channel and its frequencies (Hz, 0 to rate/2): the average
// over overlapping windowed segments of the scaled periodogram, matplotlib's
// mlab.psd scaling (integrating over frequency gives the mean square). It is
// the time average of Spectrogram's columns for the same segments, and so
// shares its FFT (gonum's): go-dsp's spectral.Pwelch, used before, brought a
// second general FFT into the library for the same numbers (it stays only in
// the tests, as an independent check).
func (s *Sound) Welch(o WelchOptions) (psd, freqs []float64, err error) {
	if o.Channel < 0 || o.Channel >= s.channels {
		return nil, nil, fmt.Errorf("sound: Welch: channel %d of a %d-channel sound", o.Channel, s.channels)
	}
	if o.NFFT == 0 {
		o.NFFT = 256
	}
	if o.Overlap == 0 {
		o.Overlap = o.NFFT / 2
	}
	if o.NFFT < 2 || o.NFFT%2 != 0 || o.Overlap < 0 || o.Overlap >= o.NFFT {
		return nil, nil, fmt.Errorf("sound: Welch: need an even NFFT ≥ 2 and 0 ≤ overlap < NFFT, got %d and %d", o.NFFT, o.Overlap)
	}
	if s.NumFrames() < o.NFFT {
		return nil, nil, fmt.Errorf("sound: Welch: sound of %d frames is shorter than one segment of %d", s.NumFrames(), o.NFFT)
	}
	sg, err := s.Spectrogram(SpectrogramOptions{Channel: o.Channel, NFFT: o.NFFT, Overlap: o.Overlap, Window: o.Window})
	if err != nil {
		return nil, nil, fmt.Errorf("sound: Welch: %w", err)
	}
	psd = make([]float64, len(sg.Power))
	for i, row := range sg.Power {
		sum := 0.0
		for _, p := range row {
			sum += p
		}
		psd[i] = sum / float64(len(row))
	}
	return psd, sg.Freqs, nil
}

// Hann returns the symmetric Hann window of n points, 0.5 − 0.5·cos(2πk/(n−1))
// for k = 0 … n−1 (one point: 1): the default window of Spectrogram and Welch.
func Hann(n int) []float64 {
	w := make([]float64, n)
	if n == 1 {
		w[0] = 1
		return w
	}
	for k := range w {
		w[k] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(k)/float64(n-1))
	}
	return w
}

// maxSpectrumSum bounds n·max|x| for a power spectrum of n samples: each
// coefficient is at most that sum, and its square must stay well inside
// float64 (1.8e308) after the scalings of the periodograms.
const maxSpectrumSum = 1e150

// checkPowerRange refuses samples whose power spectrum over segments of n
// frames cannot be represented: NaN or infinite samples, or n·max|x| above
// maxSpectrumSum (samples near 1e150 and above), where |X|² would overflow
// to +Inf.
func checkPowerRange(x []float64, n int) error {
	peak := 0.0
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("sample %d is %v", i, v)
		}
		peak = max(peak, math.Abs(v))
	}
	if peak*float64(n) > maxSpectrumSum {
		return fmt.Errorf("samples up to %g over %d frames: their power (up to %g²) is beyond float64; scale the sound down first", peak, n, peak*float64(n))
	}
	return nil
}

// checkWindow reports a window of the wrong length, with a NaN or infinite
// value, or all zero: the spectra would be NaN (power is divided by the
// window's energy).
func checkWindow(w []float64, n int) error {
	if len(w) != n {
		return fmt.Errorf("window gave %d values for %d frames", len(w), n)
	}
	energy := 0.0
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("window value %d is %v", i, v)
		}
		energy += v * v
	}
	if !(energy > 0) || math.IsInf(energy, 0) {
		return fmt.Errorf("window of %d values has energy %v (all zero, or too large)", n, energy)
	}
	return nil
}
