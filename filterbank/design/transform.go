package design

import (
	"fmt"
	"math"
	"math/cmplx"
)

// Frequency transformations of an analog low-pass prototype (cutoff
// 1 rad/s) and the bilinear transform, on zeros, poles and gain, as scipy's
// lp2lp_zpk, lp2hp_zpk, lp2bp_zpk, lp2bs_zpk and bilinear_zpk.

func relativeDegree(f ZPK) (int, error) {
	d := len(f.P) - len(f.Z)
	if d < 0 {
		return 0, fmt.Errorf("design: improper transfer function: %d zeros but only %d poles", len(f.Z), len(f.P))
	}
	return d, nil
}

// prodRatio returns Π(a - z_i) / Π(a - p_i), multiplying the ratios pairwise
// so that high orders do not overflow the separate products (scipy divides
// the two products; the results agree to rounding).
func prodRatio(a complex128, z, p []complex128) complex128 {
	r := complex(1, 0)
	n := min(len(z), len(p))
	for i := 0; i < n; i++ {
		r *= (a - z[i]) / (a - p[i])
	}
	for _, v := range z[n:] {
		r *= a - v
	}
	for _, v := range p[n:] {
		r /= a - v
	}
	return r
}

func checkAngular(what string, w float64) error {
	if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 {
		return fmt.Errorf("design: %s = %g rad/s must be positive and finite", what, w)
	}
	return nil
}

// LP2LP moves the cutoff of an analog low-pass prototype to wo rad/s
// (s → s/wo).
func LP2LP(f ZPK, wo float64) (ZPK, error) {
	if err := checkAngular("wo", wo); err != nil {
		return ZPK{}, err
	}
	d, err := relativeDegree(f)
	if err != nil {
		return ZPK{}, err
	}
	out := ZPK{Z: make([]complex128, len(f.Z)), P: make([]complex128, len(f.P))}
	w := complex(wo, 0)
	for i, v := range f.Z {
		out.Z[i] = w * v
	}
	for i, v := range f.P {
		out.P[i] = w * v
	}
	out.K = f.K * math.Pow(wo, float64(d))
	return out, nil
}

// LP2HP turns an analog low-pass prototype into a high-pass filter with
// cutoff wo rad/s (s → wo/s).
func LP2HP(f ZPK, wo float64) (ZPK, error) {
	if err := checkAngular("wo", wo); err != nil {
		return ZPK{}, err
	}
	d, err := relativeDegree(f)
	if err != nil {
		return ZPK{}, err
	}
	if err := checkSingular("LP2HP", f, 0); err != nil {
		return ZPK{}, err
	}
	out := ZPK{Z: make([]complex128, 0, len(f.Z)+d), P: make([]complex128, len(f.P))}
	w := complex(wo, 0)
	for _, v := range f.Z {
		out.Z = append(out.Z, w/v)
	}
	for i, v := range f.P {
		out.P[i] = w / v
	}
	for i := 0; i < d; i++ {
		out.Z = append(out.Z, 0)
	}
	out.K = f.K * real(prodRatio(0, f.Z, f.P))
	return out, nil
}

// bandArgs validates the arguments of LP2BP and LP2BS and returns the
// relative degree of f.
func bandArgs(f ZPK, wo, bw float64) (int, error) {
	if err := checkAngular("wo", wo); err != nil {
		return 0, err
	}
	if err := checkAngular("bw", bw); err != nil {
		return 0, err
	}
	return relativeDegree(f)
}

// splitBand maps each root v to the pair m(v) ± √(m(v)² - wo²): the
// duplication of roots from baseband to +wo and -wo of lp2bp_zpk (m(v) =
// v·bw/2) and lp2bs_zpk (m(v) = (bw/2)/v). Results: all "+" roots, then all
// "-" roots, as scipy orders them.
func splitBand(in []complex128, wo float64, m func(complex128) complex128) []complex128 {
	out := make([]complex128, 2*len(in))
	w2 := complex(wo*wo, 0)
	for i, v := range in {
		c := m(v)
		r := cmplx.Sqrt(c*c - w2)
		out[i] = c + r
		out[len(in)+i] = c - r
	}
	return out
}

// checkSingular reports a zero or pole of f at s, which the transform
// named op would send to infinity (scipy returns inf there).
func checkSingular(op string, f ZPK, s complex128) error {
	for _, roots := range []struct {
		name string
		v    []complex128
	}{{"zero", f.Z}, {"pole", f.P}} {
		for i, v := range roots.v {
			if v == s {
				return fmt.Errorf("design: %s: %s %d at s = %v maps to infinity", op, roots.name, i, v)
			}
		}
	}
	return nil
}

// LP2BP turns an analog low-pass prototype into a band-pass filter centred
// on wo rad/s with bandwidth bw rad/s (s → (s² + wo²)/(s·bw)).
func LP2BP(f ZPK, wo, bw float64) (ZPK, error) {
	d, err := bandArgs(f, wo, bw)
	if err != nil {
		return ZPK{}, err
	}
	m := func(v complex128) complex128 { return v * complex(bw/2, 0) }
	out := ZPK{Z: splitBand(f.Z, wo, m), P: splitBand(f.P, wo, m)}
	for i := 0; i < d; i++ {
		out.Z = append(out.Z, 0)
	}
	out.K = f.K * math.Pow(bw, float64(d))
	return out, nil
}

// LP2BS turns an analog low-pass prototype into a band-stop filter centred
// on wo rad/s with stop-band width bw rad/s (s → s·bw/(s² + wo²)).
func LP2BS(f ZPK, wo, bw float64) (ZPK, error) {
	d, err := bandArgs(f, wo, bw)
	if err != nil {
		return ZPK{}, err
	}
	if err := checkSingular("LP2BS", f, 0); err != nil {
		return ZPK{}, err
	}
	m := func(v complex128) complex128 { return complex(bw/2, 0) / v }
	out := ZPK{Z: splitBand(f.Z, wo, m), P: splitBand(f.P, wo, m)}
	for i := 0; i < d; i++ {
		out.Z = append(out.Z, complex(0, wo))
	}
	for i := 0; i < d; i++ {
		out.Z = append(out.Z, complex(0, -wo))
	}
	out.K = f.K * real(prodRatio(0, f.Z, f.P))
	return out, nil
}

// Bilinear maps an analog filter to a digital one sampled at fs Hz with
// Tustin's substitution s = 2·fs·(z-1)/(z+1), no pre-warping (the designers
// pre-warp their critical frequencies before calling it). Zeros at infinity
// go to z = -1 (the Nyquist frequency).
func Bilinear(f ZPK, fs float64) (ZPK, error) {
	if math.IsNaN(fs) || math.IsInf(fs, 0) || fs <= 0 {
		return ZPK{}, fmt.Errorf("design: sample rate %g Hz must be positive and finite", fs)
	}
	d, err := relativeDegree(f)
	if err != nil {
		return ZPK{}, err
	}
	fs2 := complex(2*fs, 0)
	if err := checkSingular("Bilinear", f, fs2); err != nil {
		return ZPK{}, err
	}
	out := ZPK{Z: make([]complex128, 0, len(f.Z)+d), P: make([]complex128, len(f.P))}
	for _, v := range f.Z {
		out.Z = append(out.Z, (fs2+v)/(fs2-v))
	}
	for i, v := range f.P {
		out.P[i] = (fs2 + v) / (fs2 - v)
	}
	for i := 0; i < d; i++ {
		out.Z = append(out.Z, -1)
	}
	out.K = f.K * real(prodRatio(fs2, f.Z, f.P))
	return out, nil
}
