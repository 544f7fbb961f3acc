package sound

import (
	"math"
	"strings"
	"testing"

	"github.com/mjibson/go-dsp/spectral"
	"github.com/mjibson/go-dsp/window"
	"gonum.org/v1/gonum/dsp/fourier"
)

// bandPowers returns the mean |X_k|² of channel 0 over octave bands starting
// at f0 (Hz), nb bands.
func bandPowers(t *testing.T, s *Sound, f0 float64, nb int) []float64 {
	t.Helper()
	x := s.ChannelData(0)
	n := len(x)
	c := fourier.NewFFT(n).Coefficients(nil, x)
	out := make([]float64, nb)
	for b := range nb {
		lo, hi := f0*math.Exp2(float64(b)), f0*math.Exp2(float64(b+1))
		sum, cnt := 0.0, 0
		for k := int(math.Ceil(lo * float64(n) / s.rate)); float64(k)*s.rate/float64(n) < hi; k++ {
			sum += real(c[k])*real(c[k]) + imag(c[k])*imag(c[k])
			cnt++
		}
		out[b] = sum / float64(cnt)
	}
	return out
}

// slope fits dB per octave to band powers by least squares.
func slope(p []float64) float64 {
	n := float64(len(p))
	var sx, sy, sxx, sxy float64
	for i, v := range p {
		x, y := float64(i), 10*math.Log10(v)
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// TestNoiseSlopes: over 2^19 seeded samples, octave-band power of white noise
// is flat, pink falls 3 dB and brown 6 dB per octave, within ±0.25 dB/octave
// (bands 50 Hz – 12.8 kHz).
func TestNoiseSlopes(t *testing.T) {
	for _, c := range []struct {
		name  string
		gen   func(float64, ...Option) (*Sound, error)
		slope float64
	}{
		{"white", WhiteNoise, 0},
		{"pink", PinkNoise, -3.0103},
		{"brown", BrownNoise, -6.0206},
		{"alpha0.5", func(d float64, o ...Option) (*Sound, error) { return PowerLawNoise(d, 0.5, o...) }, -1.505},
	} {
		s, err := c.gen(0, WithFrames(1<<19), WithSeed(42))
		if err != nil {
			t.Fatal(err)
		}
		got := slope(bandPowers(t, s, 50, 8))
		t.Logf("%s: %.3f dB/octave", c.name, got)
		if math.Abs(got-c.slope) > 0.25 {
			t.Errorf("%s noise: %.3f dB/octave, want %.3f ± 0.25", c.name, got, c.slope)
		}
		if m := mean(s.ChannelData(0)); math.Abs(m) > 5*math.Sqrt(1/float64(1<<19))*s.RMS()[0]+1e-12 {
			t.Errorf("%s noise mean %g", c.name, m)
		}
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func TestNoiseSeeds(t *testing.T) {
	for _, gen := range []func(float64, ...Option) (*Sound, error){
		WhiteNoise, PinkNoise, BrownNoise,
		func(d float64, o ...Option) (*Sound, error) { return IRNS(0.002, 1, 4, d, o...) },
		func(d float64, o ...Option) (*Sound, error) { return IRNO(0.002, 0.8, 4, d, o...) },
	} {
		a, _ := gen(0.05, WithSeed(1), WithChannels(2))
		b, _ := gen(0.05, WithSeed(1), WithChannels(2))
		c, _ := gen(0.05, WithSeed(2), WithChannels(2))
		d, _ := gen(0.05, WithChannels(2))
		if maxDiff(a.Data(), b.Data()) != 0 {
			t.Fatal("same seed, different noise")
		}
		if maxDiff(a.Data(), c.Data()) == 0 || maxDiff(a.Data(), d.Data()) == 0 {
			t.Fatal("different seeds, same noise")
		}
		l, _ := a.Channel(0)
		r, _ := a.Channel(1)
		if maxDiff(l.Data(), r.Data()) == 0 {
			t.Fatal("channels not independent")
		}
		if a.NumFrames() != 2205 || a.SampleRate() != 44100 {
			t.Fatalf("%d frames at %v Hz", a.NumFrames(), a.SampleRate())
		}
	}
	w, _ := WhiteNoise(0, WithFrames(1<<16), WithSeed(3))
	if r := w.RMS()[0]; math.Abs(r-1) > 0.02 {
		t.Fatalf("white noise RMS %v, want 1", r)
	}
}

// TestIRNRipple: IRN spectra peak at multiples of 1/delay and dip halfway
// between, by the amount the transfer function predicts.
func TestIRNRipple(t *testing.T) {
	const delay = 1.0 / 400 // pitch 400 Hz
	for _, c := range []struct {
		name   string
		s      func() (*Sound, error)
		minDip float64 // dB between peaks and troughs
	}{
		// IRNS with gain 1: |1+e^{-iwd}|^(2n): troughs are zeros.
		{"IRNS", func() (*Sound, error) { return IRNS(delay, 1, 3, 0, WithFrames(1<<17), WithSeed(5)) }, 30},
		// IRNO gain 0.5, 3 iterations: peak |1+.5+.25+.125|² vs trough |1-.5+.25-.125|².
		{"IRNO", func() (*Sound, error) { return IRNO(delay, 0.5, 3, 0, WithFrames(1<<17), WithSeed(5)) }, 8},
	} {
		s, err := c.s()
		if err != nil {
			t.Fatal(err)
		}
		sp, err := s.Spectrum(SpectrumOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// Average power within ±20 Hz of peaks (k·400 Hz) and troughs (k·400+200 Hz).
		var pk, tr float64
		for i, f := range sp.Freqs {
			if f < 300 || f > 8000 {
				continue
			}
			ph := math.Mod(f, 400)
			switch {
			case ph < 20 || ph > 380:
				pk += sp.Power[i]
			case math.Abs(ph-200) < 20:
				tr += sp.Power[i]
			}
		}
		dip := 10 * math.Log10(pk/tr)
		t.Logf("%s: peak/trough %.1f dB", c.name, dip)
		if dip < c.minDip {
			t.Errorf("%s: spectral ripple %.1f dB, want ≥ %v", c.name, dip, c.minDip)
		}
	}
	// IRNO with 1 iteration is noise plus its delayed copy: check in time.
	x, _ := WhiteNoise(0, WithFrames(4410), WithSeed(9))
	y, _ := IRNO(100/44100., 0.5, 1, 0, WithFrames(4410), WithSeed(9))
	for f := 100; f < 4410; f++ {
		if want := x.At(f, 0) + 0.5*x.At(f-100, 0); math.Abs(y.At(f, 0)-want) > 1e-12 {
			t.Fatalf("frame %d: %v, want %v", f, y.At(f, 0), want)
		}
	}
	z, _ := IRNS(100/44100., 0.5, 2, 0, WithFrames(4410), WithSeed(9))
	for f := 200; f < 4410; f++ {
		if want := x.At(f, 0) + x.At(f-100, 0) + 0.25*x.At(f-200, 0); math.Abs(z.At(f, 0)-want) > 1e-12 {
			t.Fatalf("IRNS frame %d: %v, want %v", f, z.At(f, 0), want)
		}
	}
}

func TestToneSpectrumPeak(t *testing.T) {
	for _, f0 := range []float64{440, 1000, 3150.5} {
		s, err := Tone(f0, 0.1, WithRate(48000))
		if err != nil {
			t.Fatal(err)
		}
		sp, err := s.Spectrum(SpectrumOptions{LogPower: true, Low: 100, High: 10000})
		if err != nil {
			t.Fatal(err)
		}
		if f := sp.Freqs[argmax(sp.Power)]; math.Abs(f-f0) > 10 {
			t.Errorf("tone %v Hz: spectrum peaks at %v Hz", f0, f)
		}
		if sp.Freqs[0] < 100 || sp.Freqs[len(sp.Freqs)-1] > 10000 {
			t.Errorf("band limits ignored: %v..%v", sp.Freqs[0], sp.Freqs[len(sp.Freqs)-1])
		}
	}
	// Parseval: Σ|X_k|² over the full two-sided spectrum = N·Σx².
	s, _ := WhiteNoise(0, WithFrames(1001), WithSeed(1))
	sp, _ := s.Spectrum(SpectrumOptions{})
	sum := sp.Power[0]
	for _, p := range sp.Power[1:] {
		sum += 2 * p
	}
	e := 0.0
	for _, v := range s.Data() {
		e += v * v
	}
	if math.Abs(sum-1001*e) > 1e-9*sum {
		t.Fatalf("Parseval: %v vs %v", sum, 1001*e)
	}
	// Phase of a cosine at a bin centre is 0; of a sine, 3π/2 (−π/2 mod 2π).
	c, _ := Tone(1000, 0, WithFrames(441), WithPhase(math.Pi/2))
	sc, _ := c.Spectrum(SpectrumOptions{Low: 1000, High: 1000})
	if len(sc.Phase) != 1 || math.Abs(math.Mod(sc.Phase[0]+math.Pi, 2*math.Pi)-math.Pi) > 1e-9 {
		t.Fatalf("cosine phase %v", sc.Phase)
	}
}

func TestSpectrogram(t *testing.T) {
	a, _ := Tone(1000, 0.25, WithRate(16000))
	b, _ := Tone(4000, 0.25, WithRate(16000))
	s, _ := Sequence(a, b)
	sg, err := s.Spectrogram(SpectrogramOptions{NFFT: 512})
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Freqs) != 257 || len(sg.Power) != 257 || len(sg.Times) != (8000-512)/256+1 {
		t.Fatalf("shape %d×%d", len(sg.Power), len(sg.Times))
	}
	for j, tm := range sg.Times {
		col := make([]float64, len(sg.Freqs))
		for i := range col {
			col[i] = sg.Power[i][j]
		}
		f := sg.Freqs[argmax(col)]
		switch {
		case tm < 0.23 && math.Abs(f-1000) > 32:
			t.Fatalf("t=%v: peak %v Hz, want 1000", tm, f)
		case tm > 0.27 && math.Abs(f-4000) > 32:
			t.Fatalf("t=%v: peak %v Hz, want 4000", tm, f)
		}
	}
	// PSD scaling: Σ PSD·Δf is the mean square (0.5 for a unit sine).
	j := 3
	ms := 0.0
	for i := range sg.Freqs {
		ms += sg.Power[i][j] * (16000. / 512)
	}
	if math.Abs(ms-0.5) > 0.01 {
		t.Fatalf("integrated PSD %v, want 0.5", ms)
	}
	if _, err := s.Spectrogram(SpectrogramOptions{NFFT: 100000}); err == nil {
		t.Fatal("segment longer than the sound accepted")
	}
}

func TestLevelOfSine(t *testing.T) {
	s, _ := Tone(1000, 1)   // 1000 whole periods at 44.1 kHz
	s = s.Scale(math.Sqrt2) // 1 Pa RMS
	if l := s.Level()[0]; math.Abs(float64(l)-93.9794) > 1e-4 {
		t.Fatalf("level of a 1 Pa RMS sine: %v, want 93.98 dB", l)
	}
	if l := SPL(1); math.Abs(float64(l)-93.97940008672037) > 1e-12 {
		t.Fatal(l)
	}
	if p := DB(93.97940008672037).Pascals(); math.Abs(p-1) > 1e-12 {
		t.Fatal(p)
	}
	st, _ := Stack(s, s.WithGain(-6))
	lv := st.Level()
	if math.Abs(float64(lv[0]-lv[1])-6) > 1e-9 || st.MaxLevel() != lv[0] {
		t.Fatalf("levels %v", lv)
	}
	m, err := st.AtMaxLevel(70)
	if err != nil {
		t.Fatal(err)
	}
	if l := m.Level(); math.Abs(float64(l[0])-70) > 1e-9 || math.Abs(float64(l[1])-64) > 1e-9 {
		t.Fatalf("AtMaxLevel: %v", l)
	}
	two, err := st.AtLevel(50, 40)
	if err != nil {
		t.Fatal(err)
	}
	if l := two.Level(); math.Abs(float64(l[0])-50) > 1e-9 || math.Abs(float64(l[1])-40) > 1e-9 {
		t.Fatalf("AtLevel(50, 40): %v", l)
	}
	if _, err := st.AtLevel(1, 2, 3); err == nil {
		t.Fatal("3 levels for 2 channels accepted")
	}
	z, _ := Silence(0.01)
	if _, err := z.AtLevel(60); err == nil || !strings.Contains(err.Error(), "silent") {
		t.Fatalf("silent sound: %v", err)
	}
	if math.Abs(Gain(20)-10) > 1e-12 || math.Abs(float64(GainDB(100))-40) > 1e-12 {
		t.Fatal("Gain")
	}
}

func TestGeneratorsMisc(t *testing.T) {
	if DefaultRate() != 44100 {
		t.Fatalf("default rate %v", DefaultRate())
	}
	s, _ := Silence(0.5, WithChannels(2), WithRate(16000))
	if s.SampleRate() != 16000 || s.NumFrames() != 8000 || s.NumChannels() != 2 || s.Peak() != 0 {
		t.Fatalf("silence %d×%d at %v", s.NumFrames(), s.NumChannels(), s.SampleRate())
	}
	if _, err := Silence(0.5, WithRate(-1)); err == nil {
		t.Fatal("a negative rate was accepted")
	}
	if _, err := Silence(0.5, WithRate(math.NaN())); err == nil {
		t.Fatal("a NaN rate was accepted")
	}
	// Tones: one frequency and phase per channel.
	ts, err := Tones([]float64{100, 200}, []float64{0, math.Pi / 2}, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if ts.NumChannels() != 2 || ts.At(0, 0) != 0 || ts.At(0, 1) != 1 {
		t.Fatalf("Tones start %v %v", ts.At(0, 0), ts.At(0, 1))
	}
	if _, err := Tones([]float64{1, 2}, []float64{1, 2, 3}, 0.01); err == nil {
		t.Fatal("3 phases for 2 tones accepted")
	}
	// Clicks: n clicks of 4 samples every 10 ms.
	c, err := Clicks(0.1e-3, 3, 0.01, 80)
	if err != nil {
		t.Fatal(err)
	}
	if c.NumFrames() != 3*441 || c.At(441, 0) != c.At(0, 0) || c.At(4, 0) != 0 || math.Abs(c.At(3, 0)-0.28) > 1e-12 {
		t.Fatalf("clicks: %d frames", c.NumFrames())
	}
	// Harmonic complex with given amplitudes and phases = sum of tones.
	h, _ := HarmonicComplex(100, 0.01, []float64{1, 0.5, 0.25}, []float64{0, 1}, WithRate(8000))
	if h != nil {
		t.Fatal("2 phases with 3 amplitudes accepted")
	}
	h, err = HarmonicComplex(100, 0.01, []float64{1, 0.5, 0.25}, []float64{0.3}, WithRate(8000), WithChannels(2))
	if err != nil {
		t.Fatal(err)
	}
	for f := range h.NumFrames() {
		tt := float64(f) / 8000
		want := math.Sin(0.3+2*math.Pi*100*tt) + 0.5*math.Sin(0.3+2*math.Pi*200*tt) + 0.25*math.Sin(0.3+2*math.Pi*300*tt)
		if math.Abs(h.At(f, 1)-want) > 1e-12 {
			t.Fatalf("frame %d: %v want %v", f, h.At(f, 1), want)
		}
	}
	// Vowels: peak-normalised, formant energy where it belongs.
	for _, v := range []string{"a", "/i/", "U"} {
		s, err := Vowel(v, 120, 0.3)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(s.Peak()-1) > 1e-12 {
			t.Fatalf("vowel %s peak %v", v, s.Peak())
		}
	}
	vi, _ := Vowel("i", 100, 0.5)
	sp, _ := vi.Spectrum(SpectrumOptions{Low: 150, High: 4000})
	if f := sp.Freqs[argmax(sp.Power)]; math.Abs(f-270) > 60 {
		t.Fatalf("vowel i: strongest component at %v Hz, want near F1 = 270 Hz", f)
	}
	// Bad inputs are errors, not panics.
	bad := []func() error{
		func() error { _, err := Tone(math.NaN(), 1); return err },
		func() error { _, err := Tone(1000, -1); return err },
		func() error { _, err := Tone(1000, math.Inf(1)); return err },
		func() error { _, err := Tone(1000, 1e12); return err },
		func() error { _, err := Tone(1000, 1, WithRate(0)); return err },
		func() error { _, err := Tone(1000, 1, WithChannels(0)); return err },
		func() error { _, err := WhiteNoise(1, WithFrames(-5)); return err },
		func() error { _, err := WhiteNoise(1, WithFrames(-1)); return err },
		func() error { _, err := Vowel("e", 100, 1); return err },
		func() error { _, err := VowelFrom([]float64{30000}, 100, 1); return err },
		func() error { _, err := Vowel("a", 0, 1); return err },
		func() error { _, err := HarmonicComplex(0, 1, nil, nil); return err },
		func() error { _, err := IRNS(0, 1, 1, 1); return err },
		func() error { _, err := IRNO(0.01, 1, -1, 1); return err },
		func() error { _, err := Clicks(0.001, -1, 0.01, 80); return err },
		func() error { _, err := Click(0.001, DB(math.NaN())); return err },
	}
	for i, f := range bad {
		if f() == nil {
			t.Errorf("bad input %d accepted", i)
		}
	}
}

func TestWelchAndFromFunc(t *testing.T) {
	s, _ := WhiteNoise(2, WithSeed(4), WithRate(8000))
	psd, freqs, err := s.Welch(WelchOptions{NFFT: 512})
	if err != nil {
		t.Fatal(err)
	}
	if len(psd) != 257 || freqs[256] != 4000 {
		t.Fatalf("%d bins up to %v Hz", len(psd), freqs[len(freqs)-1])
	}
	// Unit-variance white noise: one-sided PSD 2/rate, integral 1.
	area := 0.0
	for i := range psd {
		area += psd[i] * 8000. / 512
	}
	if math.Abs(area-1) > 0.05 {
		t.Fatalf("integrated PSD %v, want ≈ 1", area)
	}
	// Welch agrees with go-dsp's spectral.Pwelch, an independent
	// implementation with its own FFT (symmetric Hann window, the same
	// mlab.psd scaling).
	ref, refFreqs := spectral.Pwelch(s.ChannelData(0), s.SampleRate(), &spectral.PwelchOptions{NFFT: 512, Noverlap: 256, Window: window.Hann})
	if len(ref) != len(psd) {
		t.Fatalf("%d bins, go-dsp gives %d", len(psd), len(ref))
	}
	for i := range psd {
		if math.Abs(ref[i]-psd[i]) > 1e-9*ref[i] || freqs[i] != refFreqs[i] {
			t.Fatalf("bin %d (%v Hz): Welch %v, go-dsp %v (%v Hz)", i, freqs[i], psd[i], ref[i], refFreqs[i])
		}
	}
	for i, v := range window.Hann(17) {
		if w := Hann(17)[i]; math.Abs(w-v) > 1e-15 {
			t.Fatalf("Hann(17)[%d] = %v, go-dsp %v", i, w, v)
		}
	}
	if _, _, err := s.Welch(WelchOptions{NFFT: 511}); err == nil {
		t.Fatal("odd NFFT accepted")
	}
	f, err := FromFunc(func(t float64) float64 { return 3 * t }, 0.01, WithRate(1000), WithChannels(2))
	if err != nil || f.NumFrames() != 10 || f.At(4, 1) != 3*0.004 {
		t.Fatalf("FromFunc: %v", err)
	}
	if _, err := FromFunc(func(t float64) float64 { return 1 / t }, 0.01); err == nil {
		t.Fatal("Inf accepted")
	}
}
