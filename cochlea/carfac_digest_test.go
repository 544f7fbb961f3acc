package cochlea

import (
	"math"
	"runtime"
	"testing"

	"github.com/gohears/hears/internal/bitdigest"
)

// TestCARFACDigest pins the exact bits of every CARFAC output (NAP, BM,
// OHC, AGC) in a range of configurations, so that a change made for speed
// can be shown to change no result at all: the SHA-256 of the outputs'
// float64 bits must be the one recorded when the test was written
// (commit 424aa70's code). The reference cases check accuracy; this checks
// identity. amd64 only: elsewhere Go may fuse a multiply and an add into
// one FMA where amd64 rounds twice, which changes the last bits (within
// the reference tolerances, which TestCARFACReference checks everywhere).
// Each configuration runs on 1, 2 and 3 workers (SetWorkers), which must
// not change a bit either.
func TestCARFACDigest(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the digests are of amd64's rounding")
	}
	type config struct {
		name string
		fs   float64
		ears int
		n    int
		set  func(p *CARFACParams)
		want string
	}
	configs := []config{
		{"v2 default", 22050, 1, 6000, nil, "6134b3866862c8fe28fe52f34ab01044a4cd4a3659c2e447b4c2d4ea07868fe5"},
		{"v2 two ears", 16000, 2, 4000, nil, "add2b3239958c8ac494dd0462be479e4476602f071ff622cbd7e93834d49f0b0"},
		{"open loop, linear", 22050, 1, 3000, func(p *CARFACParams) { p.OpenLoop, p.LinearCAR = true, true }, "756161636310c23d6b5e759b9fdc6b46a2e35bd090b4141e2f7368f6d2531a41"},
		{"delay buffer", 22050, 1, 3000, func(p *CARFACParams) { p.UseDelayBuffer = true }, "31966ec1b06129936d07bb22a9b71fc85db0445688cc0fcc1cdb86e0df236371"},
		{"v1 one_cap", 22050, 2, 3000, func(p *CARFACParams) { p.Version, p.IHCStyle = "v1", "one_cap" }, "6935c86ca3b95f369524705fbf25c5b8e646c51684744b4d02ed52c9bf000b37"},
		{"just_hwr", 22050, 1, 3000, func(p *CARFACParams) { p.IHCStyle = "just_hwr" }, "3b34e014cbfd54fd81d957574bd7ead5d0c151f9b56eac99ba8346f8dc7dfef3"},
		{"odd decimation, 5 taps", 44100, 1, 4000, func(p *CARFACParams) {
			p.Decimation = []int{6, 3, 2, 2}
			p.AGC1Scales = []float64{2, 3, 4, 5}
			p.AGC2Scales = []float64{3, 4, 6, 8}
		}, "2feab8a2f139cfdd51766dfe7e9a5534fcaaff38ec6a3c3d6ba7b2a9c082e242"},
	}
	for _, c := range configs {
		for _, workers := range []int{1, 2, 3} {
			if got := carfacDigest(t, c.fs, c.ears, c.n, c.set, workers); got != c.want {
				t.Errorf("%s on %d workers: digest %s, want %s", c.name, workers, got, c.want)
			}
		}
	}
}

// carfacDigest runs CARFAC on the digest test's sound (n frames of each
// of ears ears at fs Hz, the parameters changed by set) on the given
// number of workers and returns the SHA-256 of its outputs' bits.
func carfacDigest(t *testing.T, fs float64, ears, n int, set func(p *CARFACParams), workers int) string {
	t.Helper()
	p := DefaultCARFACParams()
	if set != nil {
		set(&p)
	}
	m, err := NewCARFAC(fs, ears, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetWorkers(workers); err != nil {
		t.Fatal(err)
	}
	// A harmonic complex whose level steps from 40 to 90 dB SPL, so that
	// the AGC and the OHC nonlinearity work; a different phase per ear.
	x := make([]float64, n*ears)
	for k := range n {
		level := 40.0 + 10*float64(k*6/n)
		a := math.Pow(10, (level-104)/20)
		for e := range ears {
			v := 0.0
			for h := 1; h <= 8; h++ {
				v += math.Cos(2*math.Pi*float64(h)*170*float64(k)/fs + float64(e*h))
			}
			x[k*ears+e] = a * v / 2
		}
	}
	w := n * ears * m.NumChannels()
	r := CARFACRows{NAP: make([]float64, w), BM: make([]float64, w), OHC: make([]float64, w), AGC: make([]float64, w)}
	// In uneven blocks (1, 2, 4, … 512, then others), which must not
	// matter; the longer ones start the workers.
	for k := 0; k < n; {
		b := min(n-k, 1+k%997)
		at := k * ears * m.NumChannels()
		rows := CARFACRows{NAP: r.NAP[at:], BM: r.BM[at:], OHC: r.OHC[at:], AGC: r.AGC[at:]}
		if err := m.Run(x[k*ears:], b, rows); err != nil {
			t.Fatal(err)
		}
		k += b
	}
	d := bitdigest.New()
	d.Floats(r.NAP, r.BM, r.OHC, r.AGC)
	return d.Sum()
}
