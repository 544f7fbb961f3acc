package hrtf

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/batchatco/go-native-netcdf/netcdf/api"
	"github.com/batchatco/go-native-netcdf/netcdf/cdf"
	"github.com/batchatco/go-native-netcdf/netcdf/util"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

const mitPath = "/usr/share/libmysofa/MIT_KEMAR_normal_pinna.sofa"

func loadMIT(t testing.TB) *Set {
	t.Helper()
	if _, err := os.Stat(mitPath); err != nil {
		t.Skipf("%s missing (scripts/test installs Debian's libmysofa1)", mitPath)
	}
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

// TestLISTENEars reads the IRCAM LISTEN file when present: it stores
// ReceiverPosition with the right ear first (SOFA 0.4) but its data hold
// the left ear first, which the loader must honour.
func TestLISTENEars(t *testing.T) {
	const p = "/work/shared/hrtf/LISTEN_1002_IRC_1002_C_HRIR.sofa"
	if _, err := os.Stat(p); err != nil {
		t.Skip("LISTEN file not present")
	}
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
// chunks of 1169 × 1 × 239. The netCDF reader's layout code keeps only the
// first receiver's data of the last chunk row (the rest is lost before we
// see it), so the loader must refuse the file, not return scrambled
// responses, both from a path and from bytes.
func TestPulse(t *testing.T) {
	const p = "../testdata/sofa/Pulse.sofa"
	_, err := LoadSOFA(p)
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "chunks of [1169 1 239]") {
		t.Fatalf("Pulse: %v", err)
	}
	t.Log(err)
	b, _ := os.ReadFile(p)
	if _, err := ReadSOFA(bytes.NewReader(b), int64(len(b))); err == nil || !strings.Contains(err.Error(), "SOFA data") {
		t.Fatalf("Pulse from bytes: %v", err)
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

// TestNativeHooks: the library's fatal paths (logger.Fatal, padBytesCheck's
// logFunc) become errors instead of exiting the process.
func TestNativeHooks(t *testing.T) {
	if err := installNativeHooks(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile("../testdata/sofa/Pulse.sofa")
	err := withNative(bytes.NewReader(b), int64(len(b)), func(api.Group) error {
		nativeLogFunc("Reserved not zero")
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "Reserved not zero") {
		t.Errorf("logFunc: %v", err)
	}
	err = withNative(bytes.NewReader(b), int64(len(b)), func(api.Group) error {
		nativeLogger.logger.SetPrefix("FATAL ")
		nativeLogger.logger.Fatalln("time type is obsolete") // would os.Exit without the hook
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "time type is obsolete") {
		t.Errorf("logger.Fatal: %v", err)
	}
}

// sofaCDF writes a small SOFA-like netCDF-3 file (the reader opens both
// formats) with 3 directions × 2 receivers × 4 taps; edit changes the
// variables and attributes before writing.
func sofaCDF(t *testing.T, edit func(attrs map[string]any, vars map[string]api.Variable)) string {
	t.Helper()
	attrs := map[string]any{"Conventions": "SOFA", "SOFAConventions": "SimpleFreeFieldHRIR", "DataType": "FIR", "SOFAConventionsVersion": "1.0", "ListenerShortName": "synthetic"}
	amap := func(kv ...string) api.AttributeMap {
		m := map[string]any{}
		var keys []string
		for i := 0; i < len(kv); i += 2 {
			keys = append(keys, kv[i])
			m[kv[i]] = kv[i+1]
		}
		om, err := util.NewOrderedMap(keys, m)
		if err != nil {
			t.Fatal(err)
		}
		return om
	}
	ir := [][][]float64{
		{{1, 0, 0, 0}, {0, 0.5, 0, 0}},
		{{0, 1, 0, 0}, {0, 0, 1, 0}},
		{{0.25, 0, 0, 0}, {0, 0, 0, 0.75}},
	}
	vars := map[string]api.Variable{
		"Data.IR":           {Values: ir, Dimensions: []string{"M", "R", "N"}, Attributes: amap()},
		"Data.SamplingRate": {Values: []float64{8000}, Dimensions: []string{"I"}, Attributes: amap("Units", "hertz")},
		"Data.Delay":        {Values: [][]float64{{0, 2}}, Dimensions: []string{"I", "R"}, Attributes: amap()},
		"ReceiverPosition":  {Values: [][]float64{{0, -0.09, 0}, {0, 0.09, 0}}, Dimensions: []string{"R", "C"}, Attributes: amap("Type", "cartesian", "Units", "metre")},
		"SourcePosition":    {Values: [][]float64{{1, 0, 0}, {0, 2, 0}, {0, -1, 1}}, Dimensions: []string{"M", "C"}, Attributes: amap("Type", "cartesian", "Units", "metre")},
	}
	edit(attrs, vars)
	path := filepath.Join(t.TempDir(), "synthetic.sofa")
	w, err := cdf.OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range attrs {
		keys = append(keys, k)
	}
	ga, err := util.NewOrderedMap(keys, attrs)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddGlobalAttrs(ga); err != nil {
		t.Fatal(err)
	}
	for name, v := range vars {
		if err := w.AddVar(name, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSyntheticSOFA(t *testing.T) {
	path := sofaCDF(t, func(map[string]any, map[string]api.Variable) {})
	s, err := LoadSOFA(path)
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
	old := sofaCDF(t, func(a map[string]any, _ map[string]api.Variable) { a["SOFAConventionsVersion"] = "0.4" })
	s, err = LoadSOFA(old)
	if err != nil {
		t.Fatal(err)
	}
	h, _ = s.HRTF(2)
	if !equal(h.Left().Data(), []float64{0.25, 0, 0, 0, 0, 0}) {
		t.Errorf("SOFA 0.4: left %v", h.Left().Data())
	}
	// Spherical source positions in degrees, azimuth 270 = -90.
	sph := sofaCDF(t, func(_ map[string]any, v map[string]api.Variable) {
		x := v["SourcePosition"]
		x.Values = [][]float64{{0, 0, 1.2}, {270, -30, 1.2}, {180, 90, 1.2}}
		om, _ := util.NewOrderedMap([]string{"Type", "Units"}, map[string]any{"Type": "spherical", "Units": "degree, degree, metre"})
		x.Attributes = om
		v["SourcePosition"] = x
	})
	s, err = LoadSOFA(sph)
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Coordinates(); c[1] != (Coordinate{-90, -30, 1.2}) || c[2] != (Coordinate{180, 90, 1.2}) {
		t.Errorf("spherical: %+v", c)
	}
}

func TestSyntheticSOFAErrors(t *testing.T) {
	setAttr := func(k, v string) func(map[string]any, map[string]api.Variable) {
		return func(a map[string]any, _ map[string]api.Variable) { a[k] = v }
	}
	setVals := func(name string, vals any) func(map[string]any, map[string]api.Variable) {
		return func(_ map[string]any, v map[string]api.Variable) {
			x := v[name]
			x.Values = vals
			v[name] = x
		}
	}
	for _, tc := range []struct {
		name string
		edit func(map[string]any, map[string]api.Variable)
		want string
	}{
		{"convention", setAttr("SOFAConventions", "GeneralFIR"), "SOFAConventions"},
		{"datatype", setAttr("DataType", "TF"), "DataType"},
		{"missing IR", func(_ map[string]any, v map[string]api.Variable) { delete(v, "Data.IR") }, "Data.IR"},
		{"missing sources", func(_ map[string]any, v map[string]api.Variable) { delete(v, "SourcePosition") }, "SourcePosition"},
		{"three receivers", func(_ map[string]any, v map[string]api.Variable) {
			v["Data.IR"] = api.Variable{Values: [][][]float64{{{1}, {1}, {1}}, {{1}, {1}, {1}}, {{1}, {1}, {1}}}, Dimensions: []string{"M", "R3", "N1"}, Attributes: v["Data.IR"].Attributes}
		}, "3 receivers"},
		{"NaN tap", setVals("Data.IR", [][][]float64{{{1, math.NaN()}, {0, 0}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}}), "NaN"},
		{"Inf tap", setVals("Data.IR", [][][]float64{{{1, 0}, {0, 0}}, {{0, 0}, {0, math.Inf(1)}}, {{0, 0}, {0, 0}}}), "+Inf"},
		{"zero rate", setVals("Data.SamplingRate", []float64{0}), "SamplingRate is 0"},
		{"NaN rate", setVals("Data.SamplingRate", []float64{math.NaN()}), "SamplingRate is NaN"},
		{"fractional delay", setVals("Data.Delay", [][]float64{{0.5, 0}}), "Data.Delay"},
		{"source shape", func(_ map[string]any, v map[string]api.Variable) {
			v["SourcePosition"] = api.Variable{Values: [][]float64{{1, 0, 0}, {0, 1, 0}}, Dimensions: []string{"M2", "C"}, Attributes: v["SourcePosition"].Attributes}
		}, "SourcePosition has shape"},
		{"ears apart", setVals("ReceiverPosition", [][]float64{{0, 0, 0}, {0, 0, 0}}), "tell the ears apart"},
		{"NaN source", setVals("SourcePosition", [][]float64{{1, 0, 0}, {0, math.NaN(), 0}, {0, 0, 1}}), "SourcePosition 1"},
	} {
		path := sofaCDF(t, tc.edit)
		_, err := LoadSOFA(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming the file and %q", tc.name, err, tc.want)
		}
	}
	if _, err := LoadSOFA("no/such/file.sofa"); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := ReadSOFA(bytes.NewReader([]byte("hello world, not netCDF")), 23); err == nil || !strings.Contains(err.Error(), "not a netCDF") {
		t.Errorf("text: %v", err)
	}
}

func FuzzReadSOFA(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/sofa/malformed/*.sofa")
	seeds = append(seeds, "../testdata/sofa/Pulse.sofa")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("CDF\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSOFA(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		if s.Len() < 1 || s.Taps() < 1 || !(s.SampleRate() > 0) {
			t.Fatalf("accepted a set of %d × %d at %g Hz", s.Len(), s.Taps(), s.SampleRate())
		}
	})
}
