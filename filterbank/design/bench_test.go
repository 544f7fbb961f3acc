package design

import (
	"math"
	"testing"
)

// bankEdges returns nch band-pass edges [lo, hi] (Hz) around log-spaced
// centres 100 Hz - 8 kHz, one ERB wide (Glasberg & Moore).
func bankEdges(nch int) [][2]float64 {
	out := make([][2]float64, nch)
	for i := range out {
		cf := 100 * math.Pow(80, float64(i)/float64(nch-1))
		erb := 24.7 * (4.37*cf/1000 + 1)
		out[i] = [2]float64{cf - erb/2, cf + erb/2}
	}
	return out
}

const benchChannels = 3000

// toSOS converts a design to sections, passing on a design error.
func toSOS(z ZPK, err error) error {
	if err != nil {
		return err
	}
	_, err = z.SOS()
	return err
}

func benchBank(b *testing.B, design func(e [2]float64) error) {
	edges := bankEdges(benchChannels)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, e := range edges {
			if err := design(e); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*benchChannels)/b.Elapsed().Seconds(), "channels/s")
}

// Design of a 3000-channel set of 4th-order Butterworth band-passes
// (Butter(2, ...): 4 poles, Brian Hears' Butterworth(order=2, 'bandpass')),
// zeros/poles only.
func BenchmarkButterBandpass4thOrder3000ZPK(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		_, err := Butter(2, e[:], Bandpass, SampleRate(44100))
		return err
	})
}

// The same set converted to second-order sections (what a bank runs).
func BenchmarkButterBandpass4thOrder3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		return toSOS(Butter(2, e[:], Bandpass, SampleRate(44100)))
	})
}

// The same set as direct-form b/a (Brian Hears' layout).
func BenchmarkButterBandpass4thOrder3000TF(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		z, err := Butter(2, e[:], Bandpass, SampleRate(44100))
		z.TF()
		return err
	})
}

// 3000 Butter(4, ...) band-passes (8 poles each) to SOS.
func BenchmarkButterBandpassN4x3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		return toSOS(Butter(4, e[:], Bandpass, SampleRate(44100)))
	})
}

// 3000 elliptic 4th-order band-passes (Ellip(2, ...)), SOS.
func BenchmarkEllipBandpass4thOrder3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		return toSOS(Ellip(2, 1, 40, e[:], Bandpass, SampleRate(44100)))
	})
}

// 3000 IIRDesign Chebyshev I band-passes from a pass/stop specification
// (Brian Hears' IIRFilterbank example: stop band 1.1 bandwidths out, 1 dB /
// 10 dB), order selection included, SOS.
func BenchmarkIIRDesignCheby1Bandpass3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		bw, c := e[1]-e[0], (e[0]+e[1])/2
		z, _, _, err := IIRDesign(e[:], []float64{c - 1.1*bw, c + 1.1*bw}, 1, 10, Chebyshev1, SampleRate(44100))
		return toSOS(z, err)
	})
}

// Band-stop order selection runs scipy's two bounded minimisations per channel.
func BenchmarkIIRDesignButterBandstop3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		bw, c := e[1]-e[0], (e[0]+e[1])/2
		z, _, _, err := IIRDesign([]float64{c - 1.5*bw, c + 1.5*bw}, e[:], 1, 30, Butterworth, SampleRate(44100))
		return toSOS(z, err)
	})
}

// 3000 Bessel 4th-order band-passes: the prototype's zeros are cached after
// the first design.
func BenchmarkBesselBandpass4thOrder3000SOS(b *testing.B) {
	benchBank(b, func(e [2]float64) error {
		return toSOS(Bessel(2, e[:], Bandpass, BesselPhase, SampleRate(44100)))
	})
}
