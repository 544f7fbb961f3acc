package hrtf

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

const mitPath = "../testdata/sofa/MIT_KEMAR_normal_pinna.sofa"

func loadMIT(t testing.TB) *Set {
	t.Helper()
	s, err := LoadSOFA(mitPath)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// itdXcorr returns the lag (samples) maximising the cross-correlation of
// left and right: positive when the right ear's response comes later.
func itdXcorr(l, r []float64, maxLag int) int {
	best, bestV := 0, math.Inf(-1)
	for lag := -maxLag; lag <= maxLag; lag++ {
		var s float64
		for i := range l {
			if j := i + lag; j >= 0 && j < len(r) {
				s += l[i] * r[j]
			}
		}
		if s > bestV {
			best, bestV = lag, s
		}
	}
	return best
}

// onsetITD returns the interaural delay in seconds, right ear's onset minus
// left ear's, an ear's onset being its first sample reaching 10% of its
// peak magnitude.
func onsetITD(l, r []float64, rate float64) float64 {
	onset := func(h []float64) int {
		p := 0.0
		for _, v := range h {
			p = max(p, math.Abs(v))
		}
		for i, v := range h {
			if math.Abs(v) >= 0.1*p {
				return i
			}
		}
		return len(h)
	}
	return float64(onset(r)-onset(l)) / rate
}

func energyDB(h []float64) float64 {
	var e float64
	for _, v := range h {
		e += v * v
	}
	return 10 * math.Log10(e)
}

func TestMITKEMAR(t *testing.T) {
	s := loadMIT(t)
	if s.Len() != 710 || s.Taps() != 512 || s.SampleRate() != 44100 {
		t.Fatalf("MIT KEMAR: %d directions × %d taps at %g Hz, want 710 × 512 at 44100", s.Len(), s.Taps(), s.SampleRate())
	}
	for _, tc := range []struct {
		az        float64
		nearIsLft bool
	}{{90, true}, {-90, false}} {
		k, err := s.Index(tc.az, 0)
		if err != nil {
			t.Fatal(err)
		}
		h, _ := s.HRTF(k)
		l, r := h.Left().Data(), h.Right().Data()
		itd := onsetITD(l, r, s.SampleRate())              // s; > 0: right ear later
		xc := float64(itdXcorr(l, r, 60)) / s.SampleRate() // broadband cross-correlation peak
		ild := energyDB(l) - energyDB(r)                   // dB; > 0: left ear louder
		t.Logf("azimuth %+g°: onset ITD %.3f ms, cross-correlation ITD %.3f ms (right minus left), ILD %.2f dB (left minus right)", tc.az, itd*1e3, xc*1e3, ild)
		near, nearXC, far := itd, xc, ild
		if !tc.nearIsLft {
			near, nearXC, far = -itd, -xc, -ild
		}
		if near < 0.6e-3 || near > 0.7e-3 {
			t.Errorf("azimuth %g: far ear's onset lags by %.3f ms, want 0.6–0.7 ms with the near ear first", tc.az, near*1e3)
		}
		if nearXC < 0.6e-3 { // low-frequency ITDs exceed onset ITDs (about 0.73 ms here)
			t.Errorf("azimuth %g: cross-correlation puts the far ear %.3f ms behind", tc.az, nearXC*1e3)
		}
		if far < 6 {
			t.Errorf("azimuth %g: near ear louder by %.2f dB, want several dB", tc.az, far)
		}
	}
	k, _ := s.Index(0, 0)
	h, _ := s.HRTF(k)
	l, r := h.Left().Data(), h.Right().Data()
	lag := itdXcorr(l, r, 60)
	ild := energyDB(l) - energyDB(r)
	t.Logf("azimuth 0: ITD %d samples (onset %g s), ILD %.3g dB", lag, onsetITD(l, r, s.SampleRate()), ild)
	if lag != 0 || onsetITD(l, r, s.SampleRate()) != 0 || math.Abs(ild) > 0.5 {
		t.Errorf("azimuth 0: ITD %d samples, ILD %.3g dB; want 0 and nearly equal", lag, ild)
	}
}

// TestMITMirror: the MIT normal-pinna set is built from one ear and its
// mirror image, so the right ear at (θ, φ) is the left ear at (-θ, φ)
// exactly. This fails if measurements or ears are mis-ordered (as the
// netCDF reader's chunk ordering left them before readIR's correction).
func TestMITMirror(t *testing.T) {
	s := loadMIT(t)
	checked := 0
	for k, c := range s.Coordinates() {
		j, err := s.Index(-c.Azimuth, c.Elevation)
		if err != nil {
			t.Fatalf("direction %d %+v has no mirror: %v", k, c, err)
		}
		hk, _ := s.HRTF(k)
		hj, _ := s.HRTF(j)
		if !equal(hk.Right().Data(), hj.Left().Data()) {
			t.Fatalf("right ear at %+v differs from left ear at its mirror image", c)
		}
		checked++
	}
	t.Logf("%d directions mirror exactly", checked)
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMITFilterbankClick: the set applied to a unit click gives back every
// impulse response, left ears then right ears.
func TestMITFilterbankClick(t *testing.T) {
	s := loadMIT(t)
	const frames = 600
	x := make([]float64, frames)
	x[7] = 1
	click, _ := sound.New(x, 1, s.SampleRate())
	irs := s.ImpulseResponses()
	for _, m := range []filterbank.FIRMethod{filterbank.FIRDirect, filterbank.FIRAuto} {
		fb, err := s.Filterbank(click, filterbank.FIRUse(m))
		if err != nil {
			t.Fatal(err)
		}
		if fb.NumChannels() != 2*s.Len() {
			t.Fatalf("%d channels, want %d", fb.NumChannels(), 2*s.Len())
		}
		out, err := sound.ReadAll(fb, 256)
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for c := range 2 * s.Len() {
			for f := range frames {
				want := 0.0
				if f >= 7 && f-7 < s.Taps() {
					want = irs[c][f-7]
				}
				worst = max(worst, math.Abs(out.At(f, c)-want))
			}
		}
		t.Logf("method %v: largest difference %.3g", m, worst)
		if m == filterbank.FIRDirect && worst != 0 {
			t.Errorf("direct convolution of a click differs from the responses by %g", worst)
		}
		if worst > 1e-12 {
			t.Errorf("method %v: click response differs by %g", m, worst)
		}
	}
}

// TestLISTENEars reads the IRCAM LISTEN file: it stores ReceiverPosition
// with the right ear first (SOFA 0.4) but its data hold the left ear
// first, which the loader must honour.
func TestLISTENEars(t *testing.T) {
	const p = "../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa"
	s, err := LoadSOFA(p)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 187 || s.Taps() != 512 || s.SampleRate() != 48000 {
		t.Fatalf("LISTEN: %d × %d at %g Hz", s.Len(), s.Taps(), s.SampleRate())
	}
	k, err := s.Index(90, 0)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := s.HRTF(k)
	lag := itdXcorr(h.Left().Data(), h.Right().Data(), 60)
	ild := energyDB(h.Left().Data()) - energyDB(h.Right().Data())
	t.Logf("LISTEN azimuth +90: right ear later by %.3f ms, left louder by %.2f dB", float64(lag)/48000*1e3, ild)
	if lag < 20 || ild < 6 {
		t.Errorf("LISTEN +90°: lag %d samples, ILD %.2f dB: left ear should lead and be louder", lag, ild)
	}
}

// TestPulse: the Pulse set (SOFA 0.6) stores Data.IR (1250 × 2 × 256) in
// chunks of 1169 × 1 × 239 that do not tile it (the reader this package
// used before refused it, having lost data). Every one of its 2500
// responses is a unit pulse; from a path and from bytes alike.
func TestPulse(t *testing.T) {
	const p = "../testdata/sofa/Pulse.sofa"
	s, err := LoadSOFA(p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	s2, err := ReadSOFA(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1250 || s.Taps() != 256 || s.SampleRate() != 48000 || s2.Len() != 1250 {
		t.Fatalf("Pulse: %d × %d at %g Hz", s.Len(), s.Taps(), s.SampleRate())
	}
	irs2 := s2.ImpulseResponses()
	for k, h := range s.ImpulseResponses() {
		ones, sum := 0, 0.0
		for _, v := range h {
			sum += math.Abs(v)
			if v == 1 {
				ones++
			}
		}
		if ones != 1 || sum != 1 {
			t.Fatalf("response %d is not a unit pulse (%d ones, |sum| %g)", k, ones, sum)
		}
		if !equal(h, irs2[k]) {
			t.Fatalf("response %d differs between LoadSOFA and ReadSOFA", k)
		}
	}
}

// TestRealSets: all four real sets load with their sizes and names.
func TestRealSets(t *testing.T) {
	for _, tc := range []struct {
		file       string
		n, taps    int
		rate       float64
		name, conv string
	}{
		{"LISTEN_1002_IRC_1002_C_HRIR.sofa", 187, 512, 48000, "1002", "SimpleFreeFieldHRIR"},
		{"MIT_KEMAR_normal_pinna.sofa", 710, 512, 44100, "KEMAR, normal pinna", "SimpleFreeFieldHRIR"},
		{"MIT_KEMAR_large_pinna.sofa", 710, 512, 44100, "KEMAR, large pinna", "SimpleFreeFieldHRIR"},
		{"Pulse.sofa", 1250, 256, 48000, "", "SimpleFreeFieldHRIR"},
	} {
		s, err := LoadSOFA("../testdata/sofa/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if s.Len() != tc.n || s.Taps() != tc.taps || s.SampleRate() != tc.rate || s.Convention() != tc.conv || (tc.name != "" && s.Name() != tc.name) {
			t.Errorf("%s: %d × %d at %g Hz, %q, %q", tc.file, s.Len(), s.Taps(), s.SampleRate(), s.Name(), s.Convention())
		}
		if s.Attributes()["Conventions"] != "SOFA" {
			t.Errorf("%s: attributes %v", tc.file, s.Attributes())
		}
	}
}

// TestMalformed: every malformed file gives an error naming the file, in
// bounded time, never a panic.
func TestMalformed(t *testing.T) {
	files, _ := filepath.Glob("../testdata/sofa/malformed/*.sofa")
	if len(files) != 9 {
		t.Fatalf("%d malformed files, want 9", len(files))
	}
	for _, f := range files {
		done := make(chan error, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					done <- nil
					t.Errorf("%s: panic %v", f, p)
				}
			}()
			_, err := LoadSOFA(f)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: no error", f)
			} else if !strings.Contains(err.Error(), f) {
				t.Errorf("%s: error does not name the file: %v", f, err)
			} else {
				t.Logf("%v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no answer after 30 s", f)
		}
	}
}

// TestDelayBomb: the Pulse set with Data.Delay = 65536 samples (which
// made an earlier reader allocate 1250 × 2 × 65792 doubles) is refused
// naming Data.Delay before Data.IR is read, having allocated under 4 MB.
func TestDelayBomb(t *testing.T) {
	const p = "../testdata/sofa/synthetic/delay_bomb.sofa"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := LoadSOFA(p)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "Data.Delay") || !strings.Contains(err.Error(), p) {
		t.Fatalf("delay bomb: %v", err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%v (in %v, %.1f MB allocated)", err, took, float64(alloc)/1e6)
	if alloc > 4<<20 {
		t.Errorf("refusing the delay bomb allocated %d bytes", alloc)
	}
}

const synth = "../testdata/sofa/synthetic/"

func TestSyntheticSOFA(t *testing.T) {
	s, err := LoadSOFA(synth + "ok.sofa")
	if err != nil {
		t.Fatal(err)
	}
	// Receiver 1 is at y = +0.09 m: the left ear (SOFA 1.0 file). Data.Delay
	// delays it by 2 samples; the right ear by 0; taps 4 + 2.
	if s.Taps() != 6 || s.SampleRate() != 8000 || s.Len() != 3 || s.Name() != "synthetic" {
		t.Fatalf("%d taps, %g Hz, %d directions, %q", s.Taps(), s.SampleRate(), s.Len(), s.Name())
	}
	h, _ := s.HRTF(2)
	if !equal(h.Left().Data(), []float64{0, 0, 0, 0, 0, 0.75}) || !equal(h.Right().Data(), []float64{0.25, 0, 0, 0, 0, 0}) {
		t.Errorf("direction 2: left %v right %v", h.Left().Data(), h.Right().Data())
	}
	want := []Coordinate{{0, 0, 1}, {90, 0, 2}, {-90, 45, math.Sqrt2}}
	for k, w := range want {
		c, _ := s.Coordinate(k)
		if math.Abs(c.Azimuth-w.Azimuth) > 1e-12 || math.Abs(c.Elevation-w.Elevation) > 1e-12 || math.Abs(c.Distance-w.Distance) > 1e-12 {
			t.Errorf("direction %d: %+v, want %+v", k, c, w)
		}
	}
	// A SOFA 0.x file: receiver 0 is the left ear whatever the positions say.
	s, err = LoadSOFA(synth + "v04.sofa")
	if err != nil {
		t.Fatal(err)
	}
	h, _ = s.HRTF(2)
	if !equal(h.Left().Data(), []float64{0.25, 0, 0, 0, 0, 0}) {
		t.Errorf("SOFA 0.4: left %v", h.Left().Data())
	}
	// Spherical source positions in degrees (azimuth 270 = -90) and the
	// same in radians.
	for _, f := range []string{"spherical_degree.sofa", "spherical_radian.sofa"} {
		s, err = LoadSOFA(synth + f)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Coordinates()
		if math.Abs(c[1].Azimuth+90) > 1e-12 || math.Abs(c[1].Elevation+30) > 1e-12 || c[1].Distance != 1.2 ||
			math.Abs(c[2].Azimuth-180) > 1e-12 || math.Abs(c[2].Elevation-90) > 1e-12 {
			t.Errorf("%s: %+v", f, c)
		}
	}
	// Per-measurement delays (M × R): direction 0's left ear (receiver 1)
	// is delayed by 1, direction 1's right ear (receiver 0) by 2.
	s, err = LoadSOFA(synth + "delay_per_measurement.sofa")
	if err != nil {
		t.Fatal(err)
	}
	h0, _ := s.HRTF(0)
	h1, _ := s.HRTF(1)
	if s.Taps() != 6 || !equal(h0.Left().Data(), []float64{0, 0, 0.5, 0, 0, 0}) || !equal(h0.Right().Data(), []float64{1, 0, 0, 0, 0, 0}) ||
		!equal(h1.Right().Data(), []float64{0, 0, 0, 1, 0, 0}) {
		t.Errorf("per-measurement delays: %v %v %v", h0.Left().Data(), h0.Right().Data(), h1.Right().Data())
	}
	// GeneralFIR is read like SimpleFreeFieldHRIR.
	s, err = LoadSOFA(synth + "generalfir.sofa")
	if err != nil || s.Convention() != "GeneralFIR" || s.Len() != 3 {
		t.Errorf("GeneralFIR: %v", err)
	}
	// Latin-1 text becomes UTF-8.
	s, err = LoadSOFA(synth + "latin1.sofa")
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "Künstkopf" || s.Attributes()["ListenerShortName"] != "Künstkopf" {
		t.Errorf("Latin-1 name read as %q", s.Name())
	}
}

func TestSyntheticSOFAErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"bad_convention.sofa", "SOFAConventions"},
		{"bad_datatype.sofa", "DataType"},
		{"no_ir.sofa", "Data.IR"},
		{"no_sources.sofa", "SourcePosition"},
		{"three_receivers.sofa", "3 receivers"},
		{"nan_tap.sofa", "NaN"},
		{"inf_tap.sofa", "+Inf"},
		{"zero_rate.sofa", "SamplingRate is 0"},
		{"nan_rate.sofa", "Data.SamplingRate value 0"},
		{"fractional_delay.sofa", "Data.Delay"},
		{"long_delay.sofa", "Data.Delay value 0 is 65536"},
		{"source_shape.sofa", "SourcePosition has shape"},
		{"ears_together.sofa", "tell the ears apart"},
		{"nan_source.sofa", "SourcePosition value 4"},
	} {
		path := synth + tc.file
		_, err := LoadSOFA(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming the file and %q", tc.file, err, tc.want)
		}
	}
	if _, err := LoadSOFA("no/such/file.sofa"); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := ReadSOFA(bytes.NewReader([]byte("hello world, not netCDF")), 23); err == nil || !strings.Contains(err.Error(), "no HDF5 signature") {
		t.Errorf("text: %v", err)
	}
}

func FuzzReadSOFA(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/sofa/malformed/*.sofa")
	real, _ := filepath.Glob("../testdata/sofa/*.sofa")
	syn, _ := filepath.Glob("../testdata/sofa/synthetic/*.sofa")
	seeds = append(append(seeds, real...), syn...)
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSOFA(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		if s.Len() < 1 || s.Taps() < 1 || !(s.SampleRate() > 0) {
			t.Fatalf("accepted a set of %d × %d at %g Hz", s.Len(), s.Taps(), s.SampleRate())
		}
		for k, h := range s.ImpulseResponses() {
			for _, v := range h {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("response %d holds %v", k, v)
				}
			}
		}
	})
}
