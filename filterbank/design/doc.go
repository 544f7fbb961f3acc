// Package design designs IIR filters the way scipy.signal does: analog
// low-pass prototypes (Butterworth, Chebyshev I and II, elliptic, Bessel),
// frequency transformations (low-pass to low-pass, high-pass, band-pass,
// band-stop), the bilinear transform with pre-warping, minimum-order
// selection from a pass-band/stop-band specification (Buttord, Cheb1ord,
// Cheb2ord, Ellipord) and the complete design from such a specification
// (IIRDesign, as scipy.signal.iirdesign, which Brian Hears' IIRFilterbank
// calls).
//
// Every design is computed and returned as zeros, poles and gain (ZPK).
// From a ZPK you get second-order sections (ZPK.SOS, scipy's zpk2sos with
// pairing "nearest"), which stay accurate and stable at any order, or the
// direct form b/a (ZPK.TF, scipy's zpk2tf) that Brian Hears' single-stage
// LinearFilterbank uses. The direct form of a high-order filter whose poles
// crowd near z = 1 (narrow bands, low normalised frequencies) is badly
// conditioned: see docs/design.md for where the two differ.
//
// Frequencies. Without options, the critical frequencies of a digital design
// are normalised to the Nyquist frequency (0 < Wn < 1), as in scipy. With
// the SampleRate option they are in hertz (0 < Wn < fs/2). With the Analog
// option the design is analog and frequencies are angular (rad/s).
//
// The package imports nothing from the rest of the project.
package design
