package sound

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func seq(n, nc int, rate float64) *Sound {
	d := make([]float64, n*nc)
	for i := range d {
		d[i] = float64(i)
	}
	s, _ := New(d, nc, rate)
	return s
}

func TestCombining(t *testing.T) {
	s := seq(5, 2, 1000) // frames (0,1) (2,3) ... (8,9)
	r, _ := s.Repeat(3)
	if r.NumFrames() != 15 || r.At(5, 1) != 1 || r.At(14, 0) != 8 {
		t.Fatalf("Repeat: %v", r.Data())
	}
	if _, err := s.Repeat(-1); err == nil {
		t.Fatal("Repeat(-1) accepted")
	}
	e, _ := s.Extended(0.003)
	if e.NumFrames() != 8 || e.At(7, 1) != 0 || e.At(4, 1) != 9 {
		t.Fatalf("Extended: %v", e.Data())
	}
	if z, _ := s.Resized(2); z.NumFrames() != 2 || z.At(1, 1) != 3 {
		t.Fatalf("Resized: %v", z.Data())
	}
	sh, _ := s.Shifted(0.002)
	if sh.NumFrames() != 7 || sh.At(1, 0) != 0 || sh.At(2, 0) != 0 || sh.At(2, 1) != 1 {
		t.Fatalf("Shifted: %v", sh.Data())
	}
	if n, _ := s.ShiftedFrames(-2); n.NumFrames() != 3 || n.At(0, 0) != 4 {
		t.Fatalf("ShiftedFrames(-2): %v", n.Data())
	}
	if n, _ := s.ShiftedFrames(-20); n.NumFrames() != 0 {
		t.Fatalf("ShiftedFrames(-20): %v", n.Data())
	}
	sl, _ := s.SliceFrames(-1, 3)
	if sl.NumFrames() != 4 || sl.At(0, 0) != 0 || sl.At(1, 0) != 0 || sl.At(3, 1) != 5 {
		t.Fatalf("SliceFrames: %v", sl.Data())
	}
	st, _ := s.Slice(0.001, 0.0035) // frames 1 .. rint(3.5)=4 (half to even)
	if st.NumFrames() != 3 || st.At(0, 0) != 2 {
		t.Fatalf("Slice: %v", st.Data())
	}
	ch, _ := s.Channels(1, 2)
	if ch.NumChannels() != 1 || ch.At(2, 0) != 5 {
		t.Fatalf("Channels: %v", ch.Data())
	}
	l, _ := s.Left()
	rr, _ := s.Right()
	if l.At(1, 0) != 2 || rr.At(1, 0) != 3 {
		t.Fatal("Left/Right")
	}
	if _, err := l.Right(); err == nil {
		t.Fatal("Right of a mono sound accepted")
	}
	if _, err := s.Channels(1, 5); err == nil {
		t.Fatal("channel range beyond the sound accepted")
	}
	rv := s.Reversed()
	if rv.At(0, 0) != 8 || rv.At(0, 1) != 9 || rv.At(4, 1) != 1 {
		t.Fatalf("Reversed: %v", rv.Data())
	}
	stk, err := Stack(l, s, rr)
	if err != nil {
		t.Fatal(err)
	}
	if stk.NumChannels() != 4 || stk.At(2, 0) != 4 || stk.At(2, 2) != 5 || stk.At(2, 3) != 5 {
		t.Fatalf("Stack: %v", stk.Data())
	}
	if _, err := Stack(s, mustSound(s.Resized(4))); err == nil {
		t.Fatal("Stack of different lengths accepted")
	}
	q, err := Sequence(s, mustSound(s.Resized(1)))
	if err != nil || q.NumFrames() != 6 || q.At(5, 1) != 1 {
		t.Fatalf("Sequence: %v %v", q, err)
	}
	if _, err := Sequence(s, l); err == nil {
		t.Fatal("Sequence of different channel counts accepted")
	}
	// Sequence resamples to the highest rate.
	a, _ := Tone(500, 0.1, WithRate(16000))
	b, _ := Tone(500, 0.1, WithRate(48000))
	ab, err := Sequence(a, b)
	if err != nil || ab.SampleRate() != 48000 || ab.NumFrames() != 9600 {
		t.Fatalf("Sequence across rates: %v", err)
	}
}

func TestArithmetic(t *testing.T) {
	a := seq(4, 2, 100)
	b := seq(4, 2, 100).Scale(2)
	sum, err := a.Add(b)
	if err != nil || sum.At(3, 1) != 21 {
		t.Fatalf("Add: %v %v", sum, err)
	}
	d, _ := b.Sub(a)
	m, _ := a.Mul(b)
	q, _ := b.Div(a)
	if d.At(2, 0) != 4 || m.At(2, 0) != 32 || q.At(2, 0) != 2 {
		t.Fatal("Sub/Mul/Div")
	}
	if o := a.Offset(1).Scale(0.5); o.At(1, 0) != 1.5 {
		t.Fatal("Offset/Scale")
	}
	if g := a.WithGain(20); g.At(1, 0) != 20.000000000000004 && math.Abs(g.At(1, 0)-20) > 1e-12 {
		t.Fatal("WithGain")
	}
	for _, o := range []*Sound{seq(5, 2, 100), seq(4, 1, 100), seq(4, 2, 200), nil} {
		_, err := a.Add(o)
		if err == nil {
			t.Fatalf("Add of a mismatched sound accepted")
		}
		if o != nil && !strings.Contains(err.Error(), "differ") {
			t.Fatalf("unhelpful error %v", err)
		}
	}
	if n := a.Normalized(); n.Peak() != 1 || n.At(1, 0) != 2.0/7 {
		t.Fatalf("Normalized: %v", n.Data())
	}
}

func TestShiftedFractional(t *testing.T) {
	// An integer delay is exact; a half-sample delay of a low tone matches the
	// analytically delayed tone away from the edges; negative delays work.
	x, _ := Tone(300, 0.2, WithRate(8000))
	y, err := x.ShiftedFractional(3/8000., 0)
	if err != nil {
		t.Fatal(err)
	}
	if y.NumFrames() != x.NumFrames()-1+3 {
		t.Fatalf("length %d", y.NumFrames())
	}
	for f := 3; f < y.NumFrames(); f++ {
		if math.Abs(y.At(f, 0)-x.At(f-3, 0)) > 1e-15 {
			t.Fatalf("integer delay, frame %d: %v vs %v", f, y.At(f, 0), x.At(f-3, 0))
		}
	}
	for _, d := range []float64{2.5, -1.25, 0.999999999999} {
		y, err := x.ShiftedFractional(d/8000., 256)
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for f := 300; f < 1200; f++ {
			want := math.Sin(2 * math.Pi * 300 * (float64(f) - d) / 8000)
			worst = max(worst, math.Abs(y.At(f, 0)-want))
		}
		if worst > 2e-3 {
			t.Errorf("delay %v samples: max error %g", d, worst)
		}
	}
	// The direct and FFT convolutions agree (long sound, default length).
	n, _ := WhiteNoise(0, WithFrames(5000), WithSeed(1), WithChannels(2))
	long, err := n.ShiftedFractional(7.3/44100, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := n.Channel(1)
	short, _ := mustSound(c.Resized(1500)).ShiftedFractional(7.3/44100, 0)
	for f := range 450 { // beyond, the short copy lacks input the filter reaches
		if math.Abs(long.At(f, 1)-short.At(f, 0)) > 1e-12 {
			t.Fatalf("frame %d: FFT %v vs direct %v", f, long.At(f, 1), short.At(f, 0))
		}
	}
	if _, err := x.ShiftedFractional(math.NaN(), 0); err == nil {
		t.Fatal("NaN delay accepted")
	}
	if _, err := x.ShiftedFractional(0.001, 1); err == nil {
		t.Fatal("filter length 1 accepted")
	}
}

func TestRampVariants(t *testing.T) {
	one, _ := ClickAmplitude(0, 1, WithFrames(100), WithRate(1000))
	on, _ := one.Ramped(Onset, 0.01, nil)
	if on.At(0, 0) != 0 || on.At(9, 0) != 1 || on.At(99, 0) != 1 {
		t.Fatal("onset ramp")
	}
	off, _ := one.Ramped(Offset, 0.01, func(t float64) float64 { return t })
	if off.At(99, 0) != 0 || off.At(90, 0) != 1 || math.Abs(off.At(95, 0)-4.0/9) > 1e-15 {
		t.Fatalf("offset linear ramp: %v", off.Data()[88:])
	}
	if _, err := one.Ramped(Both, 1, nil); err == nil {
		t.Fatal("ramp longer than the sound accepted")
	}
	if err := one.RampFrames(RampWhen(8), 5, nil); err == nil {
		t.Fatal("unknown ramp position accepted")
	}
}

func TestResamplePassband(t *testing.T) {
	for _, c := range []struct{ from, to, f float64 }{
		{44100, 48000, 1000},
		{44100, 48000, 19000}, // 0.86 of the Nyquist frequency
		{48000, 44100, 19500},
		{16000, 44100, 7000},
		{44100, 16000, 3000},
		{44100, 50000, 15000},
		{50000, 44100, 250},
	} {
		x, _ := Tone(c.f, 0.5, WithRate(c.from))
		y, err := x.Resampled(c.to)
		if err != nil {
			t.Fatal(err)
		}
		if want := (x.NumFrames()*int(c.to) + int(c.from) - 1) / int(c.from); y.NumFrames() != want {
			t.Fatalf("%v→%v: %d frames, want %d", c.from, c.to, y.NumFrames(), want)
		}
		// Away from the edges the output is the tone sampled at the new
		// rate: level within 0.1 dB (in fact ~1e-4) and error < -80 dB.
		edge := int(0.02 * c.to)
		inner, _ := y.SliceFrames(edge, y.NumFrames()-edge)
		ideal, _ := Tone(c.f, 0, WithRate(c.to), WithFrames(y.NumFrames()))
		ideal, _ = ideal.SliceFrames(edge, y.NumFrames()-edge)
		lv := float64(inner.Level()[0] - ideal.Level()[0])
		diff, _ := inner.Sub(ideal)
		errDB := float64(diff.Level()[0] - ideal.Level()[0])
		t.Logf("%v→%v Hz, %v Hz tone: level change %.2g dB, error %.1f dB", c.from, c.to, c.f, lv, errDB)
		if math.Abs(lv) > 0.1 {
			t.Errorf("%v→%v: tone at %v Hz changed level by %.3f dB", c.from, c.to, c.f, lv)
		}
		if errDB > -80 {
			t.Errorf("%v→%v: tone at %v Hz has error %.1f dB", c.from, c.to, c.f, errDB)
		}
	}
}

// TestResampleStopband: tones above the new Nyquist frequency are removed by
// at least ResampleStopband dB (measured away from the edges).
func TestResampleStopband(t *testing.T) {
	for _, c := range []struct{ from, to, f float64 }{
		{48000, 44100, 22100},
		{48000, 44100, 23500},
		{44100, 16000, 8000},
		{44100, 16000, 12000},
		{44100, 16000, 21000},
		{50000, 44100, 24000},
	} {
		x, _ := Tone(c.f, 0.5, WithRate(c.from))
		y, err := x.Resampled(c.to)
		if err != nil {
			t.Fatal(err)
		}
		edge := int(0.02 * c.to)
		inner, _ := y.SliceFrames(edge, y.NumFrames()-edge)
		att := float64(x.Level()[0] - inner.Level()[0])
		t.Logf("%v→%v Hz, %v Hz tone: attenuated %.1f dB", c.from, c.to, c.f, att)
		if att < ResampleStopband {
			t.Errorf("%v→%v: tone at %v Hz attenuated only %.1f dB, want ≥ %v", c.from, c.to, c.f, att, ResampleStopband)
		}
	}
	// Upsampling: the images of a 19 kHz tone (above 22.05 kHz) are gone,
	// so the 48 kHz spectrum above 22.05 kHz holds nothing.
	x, _ := Tone(19000, 1, WithRate(44100))
	x, _ = x.Ramped(Both, 0.1, nil)
	y, _ := x.Resampled(48000)
	sp, _ := y.Spectrum(SpectrumOptions{})
	var in, out float64
	for i, f := range sp.Freqs {
		if f > 22050 {
			out += sp.Power[i]
		} else {
			in += sp.Power[i]
		}
	}
	if r := 10 * math.Log10(out/in); r > -ResampleStopband {
		t.Errorf("images above 22.05 kHz at %.1f dB", r)
	}
	// Bad rates.
	for _, r := range []float64{0, math.NaN(), 44100.5e-4} {
		if _, err := x.Resampled(r); err == nil {
			t.Errorf("rate %v accepted", r)
		}
	}
	// Multichannel: each channel as if alone.
	st, _ := WhiteNoise(0.05, WithChannels(3), WithSeed(2))
	ys, _ := st.Resampled(16000)
	c1, _ := st.Channel(1)
	y1, _ := c1.Resampled(16000)
	yc, _ := ys.Channel(1)
	if d := maxDiff(yc.Data(), y1.Data()); d > 1e-15 {
		t.Fatalf("channel 1 differs by %g", d)
	}
}

func TestOnlinePulled(t *testing.T) {
	calls := 0
	o, err := NewOnline(2, 1000, func(b []float64, start, n int) error {
		calls++
		for f := range n {
			b[2*f] = float64(start + f)
			b[2*f+1] = -float64(start + f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if o.NumFrames() != Unbounded || o.NumChannels() != 2 || o.SampleRate() != 1000 {
		t.Fatal("shape")
	}
	b, _ := o.Fetch(0, 10)
	b2, _ := o.Fetch(0, 10) // cached: no new call
	if calls != 1 || &b[0] != &b2[0] || b[19] != -9 {
		t.Fatalf("cache: %d calls", calls)
	}
	b, err = o.Fetch(3000, 3004) // skip ahead
	if err != nil || b[0] != 3000 || b[7] != -3003 {
		t.Fatalf("skip ahead: %v %v", b, err)
	}
	if _, err := o.Fetch(5, 10); err == nil {
		t.Fatal("rewind accepted")
	}
	o.Reset()
	s, err := ReadFrames(o, 100, 7)
	if err != nil || s.At(99, 1) != -99 {
		t.Fatalf("ReadFrames: %v", err)
	}
	if _, err := ReadAll(o, 0); err == nil {
		t.Fatal("ReadAll of an unbounded source accepted")
	}
	boom := errors.New("device gone")
	bad, _ := NewOnline(1, 1000, func([]float64, int, int) error { return boom })
	if _, err := bad.Fetch(0, 4); !errors.Is(err, boom) {
		t.Fatalf("fill error lost: %v", err)
	}
	if _, err := NewOnline(0, 1000, nil); err == nil {
		t.Fatal("nil fill accepted")
	}
}

func TestOnlinePushed(t *testing.T) {
	o, _ := NewPushed(1, 100)
	go func() {
		for i := range 50 {
			o.Push([]float64{float64(2 * i), float64(2*i + 1)})
		}
		o.Close()
	}()
	sum := 0.0
	err := Each(o, 120, 16, func(b []float64, start, n int) error {
		for _, v := range b {
			sum += v
		}
		return nil
	})
	if err != nil || sum != 99*100/2 {
		t.Fatalf("sum %v, err %v", sum, err)
	}
	if err := o.Push([]float64{1}); err == nil {
		t.Fatal("Push after Close accepted")
	}
	p, _ := NewPushed(2, 100)
	if err := p.Push([]float64{1, 2, 3}); err == nil {
		t.Fatal("partial frame accepted")
	}
	if err := p.Push([]float64{1, math.NaN()}); err == nil {
		t.Fatal("NaN pushed")
	}
	// A fill function's NaN or infinity is reported by the Fetch that meets it.
	f, _ := NewOnline(1, 100, func(b []float64, start, n int) error {
		for i := range b {
			b[i] = 1 / float64(start+i-20) // +Inf at frame 20
		}
		return nil
	})
	if _, err := f.Fetch(0, 16); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Fetch(16, 32); err == nil || !strings.Contains(err.Error(), "frame 20 channel 0 is +Inf") {
		t.Fatalf("infinite fill: %v", err)
	}
}

// TestResamplerSource: streaming in odd blocks gives exactly Resampled.
func TestResamplerSource(t *testing.T) {
	s, _ := WhiteNoise(0.3, WithChannels(2), WithSeed(8))
	for _, rate := range []float64{48000, 16000, 50000} {
		want, err := s.Resampled(rate)
		if err != nil {
			t.Fatal(err)
		}
		r, err := NewResampler(s, rate)
		if err != nil {
			t.Fatal(err)
		}
		if r.NumFrames() != want.NumFrames() || r.SampleRate() != rate || r.NumChannels() != 2 {
			t.Fatalf("%v: %d frames", rate, r.NumFrames())
		}
		for _, blk := range []int{1, 37, 1024} {
			r.Reset()
			got, err := ReadAll(r, blk)
			if err != nil {
				t.Fatal(err)
			}
			if d := maxDiff(got.Data(), want.Data()); d != 0 {
				t.Fatalf("%v Hz, blocks of %d: differs by %g", rate, blk, d)
			}
		}
		// Random access: a later block, then an earlier one.
		b, _ := r.Fetch(500, 520)
		if b[0] != want.At(500, 0) || b[39] != want.At(519, 1) {
			t.Fatal("random access")
		}
		b, _ = r.Fetch(3, 5)
		if b[0] != want.At(3, 0) {
			t.Fatal("rewind")
		}
	}
	// The same rate passes the input through, as Resampled copies it.
	same, _ := NewResampler(s, s.SampleRate())
	if b, _ := same.Fetch(10, 12); b[0] != s.At(10, 0) || same.NumFrames() != s.NumFrames() {
		t.Fatal("same-rate resampler")
	}
	// An unbounded input stays unbounded.
	o, _ := NewOnline(1, 16000, func(b []float64, start, n int) error { return nil })
	r, err := NewResampler(o, 44100)
	if err != nil || r.NumFrames() != Unbounded {
		t.Fatalf("online: %v", err)
	}
	if _, err := ReadFrames(r, 5000, 512); err != nil {
		t.Fatal(err)
	}
	if _, err := NewResampler(s, 44100.3e-3); err == nil {
		t.Fatal("irrational ratio accepted")
	}
}

func mustSound(s *Sound, err error) *Sound {
	if err != nil {
		panic(err)
	}
	return s
}

func TestSizeLimits(t *testing.T) {
	s := seq(4, 2, 1000)
	for i, f := range []func() error{
		func() error { _, err := s.Resized(-1); return err },
		func() error { _, err := s.Resized(MaxSamples); return err },
		func() error { _, err := s.ShiftedFrames(MaxSamples); return err },
		func() error { _, err := s.Repeat(MaxSamples); return err },
		func() error { _, err := s.SliceFrames(0, MaxSamples); return err },
		func() error { _, err := s.Extended(1e9); return err },
		func() error { _, err := Tone(1000, 7000); return err }, // 7000 s: a typo for 7 s
		func() error { _, err := WhiteNoise(1, WithChannels(1<<20)); return err },
		func() error { _, err := HarmonicComplex(1e-6, 0.01, nil, nil); return err },
		func() error { _, err := wrap([]float64{1, math.NaN()}, 1, 100).AtLevel(60); return err },
		func() error { _, err := wrap([]float64{1, math.Inf(1)}, 1, 100).AtMaxLevel(60); return err },
		func() error { _, err := ReadFrames(s, -1, 0); return err },
		func() error { _, err := ReadFrames(s, math.MaxInt/2, 0); return err },
		func() error { _, err := s.Fetch(0, math.MaxInt/2); return err },
		func() error { _, err := s.Fetch(0, MaxSamples); return err }, // 2 channels
		func() error { _, err := FetchDuration(s, 0, 1e9); return err },
		func() error { _, err := IRNS(0.002, 1, math.MaxInt/2, 0.01); return err },
		func() error { _, err := IRNO(0.002, 1, math.MaxInt/2, 0.01); return err },
		func() error { _, err := IRNS(0.002, 1, 2000, 0.01); return err },  // (1+1)^2000 overflows
		func() error { _, err := IRNO(0.002, 10, 1000, 0.01); return err }, // 10^1000 overflows
	} {
		if f() == nil {
			t.Errorf("oversized request %d accepted", i)
		}
	}
}

// TestHostileArguments: arguments that used to panic or give a wrong answer
// silently.
func TestHostileArguments(t *testing.T) {
	s := seq(4, 2, 1000)
	if _, err := Sequence(nil); err == nil {
		t.Error("Sequence(nil) accepted")
	}
	if _, err := Sequence(s, nil); err == nil {
		t.Error("Sequence(s, nil) accepted")
	}
	// A shift past the start drops every frame, however far it goes.
	for _, n := range []int{-5, math.MinInt / 2, math.MinInt} {
		r, err := s.ShiftedFrames(n)
		if err != nil || r.NumFrames() != 0 {
			t.Errorf("ShiftedFrames(%d): %v frames, %v; want an empty sound", n, r, err)
		}
	}
	for _, d := range []float64{-1, -1e300} {
		r, err := s.Shifted(d)
		if err != nil || r.NumFrames() != 0 {
			t.Errorf("Shifted(%g): %v, %v; want an empty sound", d, r, err)
		}
	}
	if r, err := s.ShiftedFrames(-1); err != nil || r.NumFrames() != 3 || r.At(0, 0) != s.At(1, 0) {
		t.Errorf("ShiftedFrames(-1): %v, %v", r, err)
	}
	if _, err := s.Ramped(Both, 0.002, func(float64) float64 { return math.Inf(1) }); err == nil {
		t.Error("an infinite ramp envelope accepted")
	}
}

// badSource gives blocks one sample short, or fails from frame failAt on.
type badSource struct {
	short  bool
	failAt int
}

func (b *badSource) NumChannels() int    { return 2 }
func (b *badSource) SampleRate() float64 { return 100 }
func (b *badSource) NumFrames() int      { return 50 }
func (b *badSource) Reset() error        { return nil }
func (b *badSource) Fetch(start, end int) ([]float64, error) {
	if end > b.failAt {
		return nil, errors.New("disk on fire")
	}
	n := 2 * (end - start)
	if b.short {
		n--
	}
	return make([]float64, n), nil
}

// TestEachChecksSources: a Fetch error reaches the caller of Each, ReadAll
// and NewResampler's Fetch, and a source that breaks the block-size contract
// is an error, not a panic or a misaligned result.
func TestEachChecksSources(t *testing.T) {
	for _, src := range []*badSource{{short: true, failAt: 1 << 30}, {failAt: 30}} {
		err := Each(src, 50, 16, func([]float64, int, int) error { return nil })
		if err == nil {
			t.Errorf("%+v: Each succeeded", *src)
		}
		if _, err := ReadAll(src, 16); err == nil {
			t.Errorf("%+v: ReadAll succeeded", *src)
		}
	}
	r, err := NewResampler(&badSource{failAt: 30}, 200)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Fetch(0, 100); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("resampler: %v", err)
	}
	if _, err := r.Fetch(0, 100); err == nil { // refetching reports it again
		t.Error("resampler: refetch after an error succeeded")
	}
}

// TestSpectralWindows: a window that would make every power NaN (all zero,
// or holding NaN) is an error, as a window of the wrong length is.
func TestSpectralWindows(t *testing.T) {
	s, err := WhiteNoise(0.1, WithRate(8000), WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]func(int) []float64{
		"zero":  func(n int) []float64 { return make([]float64, n) },
		"NaN":   func(n int) []float64 { w := make([]float64, n); w[0] = math.NaN(); return w },
		"short": func(n int) []float64 { return make([]float64, 3) },
	} {
		if _, err := s.Spectrogram(SpectrogramOptions{Window: w}); err == nil || !strings.Contains(err.Error(), "window") {
			t.Errorf("Spectrogram, %s window: %v", name, err)
		}
		if _, _, err := s.Welch(WelchOptions{Window: w}); err == nil || !strings.Contains(err.Error(), "window") {
			t.Errorf("Welch, %s window: %v", name, err)
		}
	}
}
