package design

import (
	"fmt"
	"math"
	"math/cmplx"
)

// IIRFilter designs an order-n digital (or, with Analog, analog) IIR filter
// of family ftype and band btype, as scipy.signal.iirfilter: analog
// prototype, pre-warping of the critical frequencies (digital only),
// frequency transformation, bilinear transform.
//
// wn holds one critical frequency for Lowpass and Highpass, two increasing
// ones (the band edges) for Bandpass and Bandstop: normalised to Nyquist by
// default, in Hz with SampleRate, in rad/s with Analog. What "critical"
// means depends on the family: the -3 dB point for Butterworth, the edge
// where the gain leaves the rp ripple band for Chebyshev I and elliptic, the
// edge where it reaches -rs for Chebyshev II, see BesselNorm for Bessel.
// rp (pass-band ripple, dB) is read by Chebyshev1 and Elliptic, rs
// (stop-band attenuation, dB) by Chebyshev2 and Elliptic; Bessel uses
// BesselPhase.
func IIRFilter(n int, wn []float64, btype BandType, ftype FilterType, rp, rs float64, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, ftype, rp, rs, BesselPhase, opts)
}

func iirFilter(n int, wn []float64, btype BandType, ftype FilterType, rp, rs float64, norm BesselNorm, opts []Option) (ZPK, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return ZPK{}, err
	}
	if err := checkOrder(n); err != nil {
		return ZPK{}, err
	}
	w, err := cfg.normalise("Wn", wn)
	if err != nil {
		return ZPK{}, err
	}
	switch btype {
	case Lowpass, Highpass:
		if len(w) != 1 {
			return ZPK{}, fmt.Errorf("design: a %v filter takes one critical frequency Wn, got %d", btype, len(w))
		}
	case Bandpass, Bandstop:
		if len(w) != 2 {
			return ZPK{}, fmt.Errorf("design: a %v filter takes two critical frequencies Wn (the band edges), got %d", btype, len(w))
		}
		if !(w[0] < w[1]) {
			return ZPK{}, fmt.Errorf("design: Wn[0] = %g must be less than Wn[1] = %g", wn[0], wn[1])
		}
	default:
		return ZPK{}, fmt.Errorf("design: unknown band type %v", btype)
	}
	return designZPK(n, w, btype, ftype, rp, rs, norm, cfg.analog)
}

// designZPK works on validated, normalised frequencies.
func designZPK(n int, w []float64, btype BandType, ftype FilterType, rp, rs float64, norm BesselNorm, analog bool) (ZPK, error) {
	var proto ZPK
	var err error
	switch ftype {
	case Butterworth:
		proto, err = Buttap(n)
	case Chebyshev1:
		proto, err = Cheb1ap(n, rp)
	case Chebyshev2:
		proto, err = Cheb2ap(n, rs)
	case Elliptic:
		proto, err = Ellipap(n, rp, rs)
	case BesselThomson:
		proto, err = Besselap(n, norm)
	default:
		return ZPK{}, fmt.Errorf("design: unknown filter type %v", ftype)
	}
	if err != nil {
		return ZPK{}, err
	}
	warped := make([]float64, len(w))
	const fs = 2.0
	for i, v := range w {
		if analog {
			warped[i] = v
		} else {
			warped[i] = 2 * fs * math.Tan(math.Pi*v/fs)
		}
	}
	var out ZPK
	switch btype {
	case Lowpass:
		out, err = LP2LP(proto, warped[0])
	case Highpass:
		out, err = LP2HP(proto, warped[0])
	case Bandpass, Bandstop:
		bw := warped[1] - warped[0]
		wo := math.Sqrt(warped[0] * warped[1])
		if btype == Bandpass {
			out, err = LP2BP(proto, wo, bw)
		} else {
			out, err = LP2BS(proto, wo, bw)
		}
	}
	if err != nil {
		return ZPK{}, err
	}
	if analog {
		return out, nil
	}
	out, err = Bilinear(out, fs)
	if err != nil {
		return ZPK{}, err
	}
	// Extreme specifications (e.g. 150 dB of pass-band ripple) put analog
	// poles so close to the imaginary axis that float64 rounds their digital
	// images onto the unit circle; say so rather than return an unstable filter.
	if math.IsNaN(out.K) || math.IsInf(out.K, 0) || out.K == 0 {
		return ZPK{}, fmt.Errorf("design: order-%d %v %v design has gain %g, outside float64 range", n, ftype, btype, out.K)
	}
	for _, p := range out.P {
		if m := cmplx.Abs(p); !(m < 1) {
			return ZPK{}, fmt.Errorf("design: order-%d %v %v design has a pole at |z| = %.17g, not inside the unit circle in float64 (rp = %g dB, rs = %g dB)", n, ftype, btype, m, rp, rs)
		}
	}
	return out, nil
}

// Butter designs an order-n Butterworth filter (scipy.signal.butter): wn is
// the -3 dB frequency, or the two -3 dB band edges. See IIRFilter for units.
// A band-pass or band-stop design has 2n poles.
func Butter(n int, wn []float64, btype BandType, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, Butterworth, 0, 0, BesselPhase, opts)
}

// Cheby1 designs an order-n Chebyshev type I filter with rp dB of pass-band
// ripple (scipy.signal.cheby1); wn is where the gain first drops below -rp dB.
func Cheby1(n int, rp float64, wn []float64, btype BandType, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, Chebyshev1, rp, 0, BesselPhase, opts)
}

// Cheby2 designs an order-n Chebyshev type II filter with rs dB of stop-band
// attenuation (scipy.signal.cheby2); wn is where the gain first reaches -rs dB.
func Cheby2(n int, rs float64, wn []float64, btype BandType, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, Chebyshev2, 0, rs, BesselPhase, opts)
}

// Ellip designs an order-n elliptic (Cauer) filter with rp dB of pass-band
// ripple and rs dB of stop-band attenuation (scipy.signal.ellip); wn is where
// the gain first drops below -rp dB.
func Ellip(n int, rp, rs float64, wn []float64, btype BandType, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, Elliptic, rp, rs, BesselPhase, opts)
}

// Bessel designs an order-n Bessel (Thomson) filter normalised as norm
// says (scipy.signal.bessel; BesselPhase is scipy's default). The digital
// version comes from the bilinear transform, which keeps the flat group delay
// only well below fs/4.
func Bessel(n int, wn []float64, btype BandType, norm BesselNorm, opts ...Option) (ZPK, error) {
	return iirFilter(n, wn, btype, BesselThomson, 0, 0, norm, opts)
}

// IIRDesign designs the minimum-order filter of family ftype (Butterworth,
// Chebyshev1, Chebyshev2 or Elliptic) that loses at most gpass dB in the pass
// band and attenuates at least gstop dB in the stop band, as
// scipy.signal.iirdesign. wp and ws are the pass-band and stop-band edges
// (one each, or two each), in the units of IIRFilter. The band type follows
// from the edges, exactly as in scipy:
//
//	one edge each:  wp < ws → Lowpass,  wp ≥ ws → Highpass
//	two edges each: wp[0] < ws[0] → Bandstop, wp[0] ≥ ws[0] → Bandpass
//
// and for two edges the pass band must lie strictly inside the stop band or
// the other way round. (So Brian Hears' IIRFilterbank, which passes its
// btype only to decide between one and two edges, designs a band-pass when
// the stop-band edges lie outside the pass-band edges, whatever btype says.)
// It also returns the band type and order chosen.
func IIRDesign(wp, ws []float64, gpass, gstop float64, ftype FilterType, opts ...Option) (ZPK, BandType, int, error) {
	ord, wn, bt, err := order(wp, ws, gpass, gstop, ftype, opts)
	if err != nil {
		return ZPK{}, 0, 0, err
	}
	cfg, _ := newConfig(opts)
	if err := checkOrder(ord); err != nil {
		return ZPK{}, 0, 0, fmt.Errorf("design: the specification needs order %d: %w", ord, err)
	}
	z, err := designZPK(ord, wn, bt, ftype, gpass, gstop, BesselPhase, cfg.analog)
	return z, bt, ord, err
}
