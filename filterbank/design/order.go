package design

import (
	"fmt"
	"math"
)

// Minimum-order selection, as scipy.signal's buttord, cheb1ord, cheb2ord and
// ellipord, including scipy's optimisation of the pass-band edges of a
// band-stop specification (fminbound on band_stop_obj, reproduced in
// fminbound below so the edges, hence the designs, agree with scipy).

// Buttord returns the lowest order of a Butterworth filter that loses at most
// gpass dB in the pass band (edges wp) and attenuates at least gstop dB in
// the stop band (edges ws), and its natural (-3 dB) frequencies wn for
// Butter, in the units of wp (see IIRFilter). The band type follows from the
// edges as in IIRDesign.
func Buttord(wp, ws []float64, gpass, gstop float64, opts ...Option) (int, []float64, error) {
	return publicOrder(wp, ws, gpass, gstop, Butterworth, opts)
}

// Cheb1ord returns the lowest order of a Chebyshev type I filter meeting the
// specification (see Buttord) and its critical frequencies wn for Cheby1 (the
// pass-band edges, optimised for a band-stop).
func Cheb1ord(wp, ws []float64, gpass, gstop float64, opts ...Option) (int, []float64, error) {
	return publicOrder(wp, ws, gpass, gstop, Chebyshev1, opts)
}

// Cheb2ord returns the lowest order of a Chebyshev type II filter meeting the
// specification (see Buttord) and its critical frequencies wn for Cheby2
// (where the gain reaches -gstop dB).
func Cheb2ord(wp, ws []float64, gpass, gstop float64, opts ...Option) (int, []float64, error) {
	return publicOrder(wp, ws, gpass, gstop, Chebyshev2, opts)
}

// Ellipord returns the lowest order of an elliptic filter meeting the
// specification (see Buttord) and its critical frequencies wn for Ellip (the
// pass-band edges, optimised for a band-stop).
func Ellipord(wp, ws []float64, gpass, gstop float64, opts ...Option) (int, []float64, error) {
	return publicOrder(wp, ws, gpass, gstop, Elliptic, opts)
}

func publicOrder(wp, ws []float64, gpass, gstop float64, ftype FilterType, opts []Option) (int, []float64, error) {
	ord, wn, _, err := order(wp, ws, gpass, gstop, ftype, opts)
	if err != nil {
		return 0, nil, err
	}
	cfg, _ := newConfig(opts)
	return ord, cfg.denormalise(wn), nil
}

// order validates a specification and returns order, normalised critical
// frequencies and band type.
func order(wp, ws []float64, gpass, gstop float64, ftype FilterType, opts []Option) (int, []float64, BandType, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return 0, nil, 0, err
	}
	if err := checkDB("gpass", gpass); err != nil {
		return 0, nil, 0, err
	}
	if err := checkDB("gstop", gstop); err != nil {
		return 0, nil, 0, err
	}
	if !(gpass < gstop) {
		return 0, nil, 0, fmt.Errorf("design: gpass = %g dB must be smaller than gstop = %g dB", gpass, gstop)
	}
	if len(wp) != len(ws) || (len(wp) != 1 && len(wp) != 2) {
		return 0, nil, 0, fmt.Errorf("design: wp and ws must have one or two edges each, and as many, got %d and %d", len(wp), len(ws))
	}
	w1, err := cfg.normalise("wp", wp)
	if err != nil {
		return 0, nil, 0, err
	}
	w2, err := cfg.normalise("ws", ws)
	if err != nil {
		return 0, nil, 0, err
	}
	var bt BandType
	if len(w1) == 1 {
		if w1[0] == w2[0] {
			return 0, nil, 0, fmt.Errorf("design: pass-band edge wp = %g equals stop-band edge ws", wp[0])
		}
		bt = Lowpass
		if w1[0] >= w2[0] {
			bt = Highpass
		}
	} else {
		if !((w2[0] < w1[0] && w1[1] < w2[1]) || (w1[0] < w2[0] && w2[1] < w1[1])) {
			return 0, nil, 0, fmt.Errorf("design: pass band [%g, %g] must lie strictly inside stop band [%g, %g] or vice versa", wp[0], wp[1], ws[0], ws[1])
		}
		bt = Bandstop
		if w1[0] >= w2[0] {
			bt = Bandpass
		}
	}
	var kind string
	switch ftype {
	case Butterworth:
		kind = "butter"
	case Chebyshev1, Chebyshev2:
		kind = "cheby"
	case Elliptic:
		kind = "ellip"
	default:
		return 0, nil, 0, fmt.Errorf("design: %v filters have no order selection; use IIRFilter", ftype)
	}
	passb, stopb := w1, w2
	if !cfg.analog {
		passb, stopb = make([]float64, len(w1)), make([]float64, len(w2))
		for i := range w1 {
			passb[i] = math.Tan(math.Pi * w1[i] / 2)
			stopb[i] = math.Tan(math.Pi * w2[i] / 2)
		}
	}
	nat, passb := natFreq(stopb, passb, gpass, gstop, bt, kind)

	gs := math.Pow(10, 0.1*gstop)
	gp := math.Pow(10, 0.1*gpass)
	var ordF float64
	switch ftype {
	case Butterworth:
		ordF = math.Ceil(math.Log10((gs-1)/(gp-1)) / (2 * math.Log10(nat)))
	case Chebyshev1, Chebyshev2:
		ordF = math.Ceil(math.Acosh(math.Sqrt((gs-1)/(gp-1))) / math.Acosh(nat))
	case Elliptic:
		arg1Sq := pow10m1(0.1*gpass) / pow10m1(0.1*gstop)
		arg0 := 1 / nat
		ordF = math.Ceil(ellipK(arg0*arg0) * ellipKm1(arg1Sq) / (ellipKm1(arg0*arg0) * ellipK(arg1Sq)))
	}
	if math.IsNaN(ordF) || ordF < 1 || ordF > MaxOrder {
		return 0, nil, 0, fmt.Errorf("design: the specification (wp %v, ws %v, gpass %g dB, gstop %g dB) needs order %g, outside 1..%d", wp, ws, gpass, gstop, ordF, MaxOrder)
	}
	ord := int(ordF)

	var wn []float64
	switch ftype {
	case Butterworth:
		w0 := math.Pow(gp-1, -1/(2*float64(ord)))
		switch bt {
		case Lowpass:
			wn = []float64{w0 * passb[0]}
		case Highpass:
			wn = []float64{passb[0] / w0}
		case Bandstop:
			discr := math.Sqrt((passb[1]-passb[0])*(passb[1]-passb[0]) + 4*w0*w0*passb[0]*passb[1])
			a := math.Abs(((passb[1] - passb[0]) + discr) / (2 * w0))
			b := math.Abs(((passb[1] - passb[0]) - discr) / (2 * w0))
			wn = []float64{math.Min(a, b), math.Max(a, b)}
		case Bandpass:
			d := passb[1] - passb[0]
			f := func(w float64) float64 {
				return math.Abs(-w*d/2 + math.Sqrt(w*w/4*d*d+passb[0]*passb[1]))
			}
			a, b := f(-w0), f(w0)
			wn = []float64{math.Min(a, b), math.Max(a, b)}
		}
	case Chebyshev1, Elliptic:
		wn = append([]float64(nil), passb...)
	case Chebyshev2:
		vps := math.Acosh(math.Sqrt((gs - 1) / (gp - 1)))
		nf := 1 / math.Cosh(1/float64(ord)*vps)
		switch bt {
		case Lowpass:
			wn = []float64{passb[0] / nf}
		case Highpass:
			wn = []float64{passb[0] * nf}
		case Bandstop:
			n0 := nf/2*(passb[0]-passb[1]) + math.Sqrt(nf*nf*(passb[1]-passb[0])*(passb[1]-passb[0])/4+passb[1]*passb[0])
			wn = []float64{n0, passb[1] * passb[0] / n0}
		case Bandpass:
			n0 := 1/(2*nf)*(passb[0]-passb[1]) + math.Sqrt((passb[1]-passb[0])*(passb[1]-passb[0])/(4*nf*nf)+passb[1]*passb[0])
			wn = []float64{n0, passb[0] * passb[1] / n0}
		}
	}
	if !cfg.analog {
		for i := range wn {
			wn[i] = math.Atan(wn[i]) * 2 / math.Pi
		}
	}
	// scipy returns Cheb2ord's band edges as computed (nat0 > nat1 is
	// impossible for a valid band, but guard the ordering anyway).
	if len(wn) == 2 && !(wn[0] < wn[1]) {
		return 0, nil, 0, fmt.Errorf("design: order selection gave band edges %v out of order", wn)
	}
	for _, v := range wn {
		if math.IsNaN(v) || v <= 0 || (!cfg.analog && v >= 1) {
			return 0, nil, 0, fmt.Errorf("design: order selection gave a critical frequency %g outside the valid range", v)
		}
	}
	return ord, wn, bt, nil
}

// natFreq is scipy's _find_nat_freq: the stop-band edge of the equivalent
// low-pass prototype, and the (for band-stop, optimised) pass-band edges.
func natFreq(stopb, passb []float64, gpass, gstop float64, bt BandType, kind string) (float64, []float64) {
	var nat []float64
	switch bt {
	case Lowpass:
		nat = []float64{stopb[0] / passb[0]}
	case Highpass:
		nat = []float64{passb[0] / stopb[0]}
	case Bandstop:
		wp0 := fminbound(func(x float64) float64 {
			return bandStopObj(x, 0, passb, stopb, gpass, gstop, kind)
		}, passb[0], stopb[0]-1e-12, 1e-5, 500)
		wp1 := fminbound(func(x float64) float64 {
			return bandStopObj(x, 1, passb, stopb, gpass, gstop, kind)
		}, stopb[1]+1e-12, passb[1], 1e-5, 500)
		passb = []float64{wp0, wp1}
		nat = make([]float64, 2)
		for i, s := range stopb {
			nat[i] = s * (passb[0] - passb[1]) / (s*s - passb[0]*passb[1])
		}
	case Bandpass:
		nat = make([]float64, 2)
		for i, s := range stopb {
			nat[i] = (s*s - passb[0]*passb[1]) / (s * (passb[0] - passb[1]))
		}
	}
	m := math.Inf(1)
	for _, v := range nat {
		m = math.Min(m, math.Abs(v))
	}
	return m, passb
}

// bandStopObj is scipy's band_stop_obj: the (non-integer) order of an analog
// band-stop filter when pass-band edge ind is moved to wp.
func bandStopObj(wp float64, ind int, passb, stopb []float64, gpass, gstop float64, kind string) float64 {
	pb := []float64{passb[0], passb[1]}
	pb[ind] = wp
	nat := math.Inf(1)
	for _, s := range stopb {
		nat = math.Min(nat, math.Abs(s*(pb[0]-pb[1])/(s*s-pb[0]*pb[1])))
	}
	switch kind {
	case "butter":
		gs := math.Pow(10, 0.1*math.Abs(gstop))
		gp := math.Pow(10, 0.1*math.Abs(gpass))
		return math.Log10((gs-1)/(gp-1)) / (2 * math.Log10(nat))
	case "cheby":
		gs := math.Pow(10, 0.1*math.Abs(gstop))
		gp := math.Pow(10, 0.1*math.Abs(gpass))
		return math.Acosh(math.Sqrt((gs-1)/(gp-1))) / math.Acosh(nat)
	default: // ellip
		gs := math.Pow(10, 0.1*gstop)
		gp := math.Pow(10, 0.1*gpass)
		arg1 := math.Sqrt((gp - 1) / (gs - 1))
		arg0 := 1 / nat
		return ellipK(arg0*arg0) * ellipK(1-arg1*arg1) / (ellipK(1-arg0*arg0) * ellipK(arg1*arg1))
	}
}

// fminbound is scipy.optimize.fminbound (Brent's bounded minimiser,
// _minimize_scalar_bounded) step for step, so that band-stop order
// selection lands on the same pass-band edges as scipy. gonum's optimize
// has no bounded scalar minimiser with these exact steps.
func fminbound(f func(float64) float64, x1, x2, xatol float64, maxfun int) float64 {
	sqrtEps := math.Sqrt(2.2e-16)
	goldenMean := 0.5 * (3 - math.Sqrt(5))
	a, b := x1, x2
	fulc := a + goldenMean*(b-a)
	nfc, xf := fulc, fulc
	rat, e := 0.0, 0.0
	x := xf
	fx := f(x)
	num := 1
	ffulc, fnfc := fx, fx
	xm := 0.5 * (a + b)
	tol1 := sqrtEps*math.Abs(xf) + xatol/3
	tol2 := 2 * tol1
	sign := func(v float64) float64 {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	for math.Abs(xf-xm) > (tol2 - 0.5*(b-a)) {
		golden := true
		if math.Abs(e) > tol1 {
			golden = false
			r := (xf - nfc) * (fx - ffulc)
			q := (xf - fulc) * (fx - fnfc)
			p := (xf-fulc)*q - (xf-nfc)*r
			q = 2 * (q - r)
			if q > 0 {
				p = -p
			}
			q = math.Abs(q)
			r = e
			e = rat
			if math.Abs(p) < math.Abs(0.5*q*r) && p > q*(a-xf) && p < q*(b-xf) {
				rat = (p + 0) / q
				x = xf + rat
				if (x-a) < tol2 || (b-x) < tol2 {
					si := sign(xm - xf)
					if xm-xf == 0 {
						si++
					}
					rat = tol1 * si
				}
			} else {
				golden = true
			}
		}
		if golden {
			if xf >= xm {
				e = a - xf
			} else {
				e = b - xf
			}
			rat = goldenMean * e
		}
		si := sign(rat)
		if rat == 0 {
			si++
		}
		x = xf + si*math.Max(math.Abs(rat), tol1)
		fu := f(x)
		num++
		if fu <= fx {
			if x >= xf {
				a = xf
			} else {
				b = xf
			}
			fulc, ffulc = nfc, fnfc
			nfc, fnfc = xf, fx
			xf, fx = x, fu
		} else {
			if x < xf {
				a = x
			} else {
				b = x
			}
			if fu <= fnfc || nfc == xf {
				fulc, ffulc = nfc, fnfc
				nfc, fnfc = x, fu
			} else if fu <= ffulc || fulc == xf || fulc == nfc {
				fulc, ffulc = x, fu
			}
		}
		xm = 0.5 * (a + b)
		tol1 = sqrtEps*math.Abs(xf) + xatol/3
		tol2 = 2 * tol1
		if num >= maxfun {
			break
		}
	}
	return xf
}
