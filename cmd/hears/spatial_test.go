package main

import (
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/sound"
)

const (
	kemarSOFA  = "../../testdata/sofa/MIT_KEMAR_normal_pinna.sofa"
	listenSOFA = "../../testdata/sofa/LISTEN_1002_IRC_1002_C_HRIR.sofa"
)

func TestHRTFInfo(t *testing.T) {
	code, out, errOut := hears(t, "hrtf", "info", kemarSOFA)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"directions   710", "taps         512", "sample rate  44100 Hz", "-40°:56", "90°:1", "receivers    left ear, right ear",
		"convention   SimpleFreeFieldHRIR", "subject      KEMAR, normal pinna (database MIT)", "  DateCreated            1999-11-16 20:01:52",
		"  History                Converted from the MIT format Upgraded from SOFA 0.6"} {
		if !strings.Contains(out, want) {
			t.Errorf("info lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = hears(t, "hrtf", "info", "--json", listenSOFA)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var info hrtfInfo
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if info.Directions != 187 || info.Taps != 512 || info.SampleRate != 48000 || len(info.Rings) != 10 ||
		info.Convention != "SimpleFreeFieldHRIR" || info.Subject != "1002" || info.Attributes["DatabaseName"] != "LISTEN" {
		t.Errorf("LISTEN info %+v", info)
	}
	// The largest ITD of a human head is 600–800 µs, its sign opposite
	// on the two sides.
	if !(info.ITDRange[0] < -600e-6 && info.ITDRange[0] > -800e-6 && info.ITDRange[1] > 600e-6 && info.ITDRange[1] < 800e-6) {
		t.Errorf("ITD range %v s", info.ITDRange)
	}
	if code, _, _ := hears(t, "hrtf", "info", "nosuch.sofa"); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
	if code, _, _ := hears(t, "hrtf", "draw", kemarSOFA); code != 2 {
		t.Errorf("unknown subcommand: exit %d, want 2", code)
	}
}

func TestHRTFPlot(t *testing.T) {
	out := filepath.Join(t.TempDir(), "kemar.png")
	if code, _, errOut := hears(t, "hrtf", "plot", kemarSOFA, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// Three panels: 380 + 380 + 520 pixels high.
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 1280 {
		t.Errorf("picture %v, want 1200×1280", b)
	}
}

// writeNoise writes a mono white-noise WAV at rate Hz.
func writeNoise(t *testing.T, path string, rate float64, channels int) {
	t.Helper()
	n, err := sound.WhiteNoise(0.15, sound.WithRate(rate), sound.WithSeed(2), sound.WithChannels(channels))
	if err != nil {
		t.Fatal(err)
	}
	n = n.Scale(0.1)
	if err := sound.SaveWAV(path, n, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
}

func TestSpatialiseAndLocalise(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "noise.wav")
	writeNoise(t, in, 44100, 1)
	left := filepath.Join(dir, "left.wav")
	code, _, errOut := hears(t, "spatialise", in, "-o", left, "--hrtf", kemarSOFA, "--azimuth", "62", "--elevation", "-3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "nearest direction") || !strings.Contains(errOut, "azimuth 60°, elevation 0°") {
		t.Errorf("stderr %q", errOut)
	}
	s, err := sound.Load(left)
	if err != nil {
		t.Fatal(err)
	}
	if s.NumChannels() != 2 || s.NumFrames() != sound.FramesOf(0.15, 44100)+511 {
		t.Errorf("output %d channels × %d frames", s.NumChannels(), s.NumFrames())
	}
	if lv := s.Level(); !(lv[0] > lv[1]+5) {
		t.Errorf("a source on the left: levels %v dB", lv)
	}
	// The model finds the direction rendered.
	for _, m := range []string{"goodman-brette", "xcorr-ild"} {
		pic := filepath.Join(dir, m+".png")
		code, out, errOut := hears(t, "localise", left, "--hrtf", kemarSOFA, "--model", m, "-o", pic)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", m, code, errOut)
		}
		if !strings.Contains(out, "azimuth 60°, elevation 0°") {
			t.Errorf("%s: %s", m, out)
		}
		if _, err := os.Stat(pic); err != nil {
			t.Error(err)
		}
	}
	// Interpolated and spherical renderings.
	for _, args := range [][]string{
		{"--hrtf", kemarSOFA, "--azimuth", "-32.5", "--elevation", "14", "--interpolate"},
		{"--hrtf", "spherical", "--azimuth", "-90", "--elevation", "0"},
	} {
		out := filepath.Join(dir, "x.wav")
		code, _, errOut := hears(t, append([]string{"spatialise", in, "-o", out}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		s, err := sound.Load(out)
		if err != nil {
			t.Fatal(err)
		}
		if lv := s.Level(); !(lv[1] > lv[0]+3) {
			t.Errorf("%v: a source on the right: levels %v dB", args, lv)
		}
	}
	// Errors: a stereo input, a missing -o, a binaural input to spatialise.
	stereo := filepath.Join(dir, "stereo.wav")
	writeNoise(t, stereo, 44100, 2)
	if code, _, _ := hears(t, "spatialise", stereo, "-o", filepath.Join(dir, "y.wav"), "--hrtf", kemarSOFA); code != 1 {
		t.Errorf("stereo input: exit %d, want 1", code)
	}
	if code, _, _ := hears(t, "spatialise", in, "--hrtf", kemarSOFA); code != 2 {
		t.Errorf("no -o: exit %d, want 2", code)
	}
	if code, _, _ := hears(t, "localise", in, "--hrtf", kemarSOFA); code != 1 {
		t.Errorf("mono input to localise: exit %d, want 1", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.wav")); err == nil {
		t.Error("a failed run left an output")
	}
}

func TestLocaliseEvaluate(t *testing.T) {
	code, out, errOut := hears(t, "localise", "--hrtf", listenSOFA, "--evaluate", "--model", "xcorr-ild", "--plane", "horizontal", "--duration", "100ms", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"summary: 24 directions", "within 15°: 100.0%", "front-back confusions: 0.0%", "white noise 100 ms at 60 dB SPL"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines < 24+2+7 {
		t.Errorf("%d lines of output", lines)
	}
	if code, _, _ := hears(t, "localise", "--hrtf", listenSOFA, "--evaluate", "--plane", "diagonal"); code != 2 {
		t.Errorf("bad plane: exit %d, want 2", code)
	}
	if code, _, _ := hears(t, "localise", "--hrtf", listenSOFA, "--evaluate", "--duration", "long"); code != 2 {
		t.Errorf("bad duration: exit %d, want 2", code)
	}
}

// The spherical head end to end: rendered at −60° and localised against
// the spherical-head grid. A sphere with its ears at ±90° gives every
// direction on a cone of constant lateral angle the same responses, so
// only the lateral angle (−60°) is determined; the tie is reported.
func TestSphericalHeadEndToEnd(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "noise.wav")
	writeNoise(t, in, 44100, 1)
	out := filepath.Join(dir, "sphere.wav")
	if code, _, errOut := hears(t, "spatialise", in, "-o", out, "--hrtf", "spherical", "--azimuth", "-60", "--elevation", "0"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, stdout, errOut := hears(t, "localise", out, "--hrtf", "spherical")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var az, el float64
	if _, err := fmt.Sscanf(stdout[strings.Index(stdout, "azimuth"):], "azimuth %g°, elevation %g°", &az, &el); err != nil {
		t.Fatalf("%v: %q", err, stdout)
	}
	if lat := hrtf.Lateral(hrtf.Coordinate{Azimuth: az, Elevation: el}); math.Abs(lat+60) > 1e-6 {
		t.Errorf("estimate azimuth %g°, elevation %g°: lateral angle %g°, want −60°", az, el, lat)
	}
	if !strings.Contains(stdout, "ambiguous") {
		t.Errorf("the cone of confusion's tie is not reported: %q", stdout)
	}
}

// A recording at another rate than the set's is resampled first.
func TestLocaliseResamples(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "noise.wav")
	writeNoise(t, in, 44100, 1)
	out := filepath.Join(dir, "kemar.wav")
	if code, _, errOut := hears(t, "spatialise", in, "-o", out, "--hrtf", kemarSOFA, "--azimuth", "-40", "--elevation", "20"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := sound.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Resampled(48000)
	if err != nil {
		t.Fatal(err)
	}
	at48 := filepath.Join(dir, "kemar48.wav")
	if err := sound.SaveWAV(at48, r, sound.WAVOptions{Encoding: sound.Float32}); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := hears(t, "localise", at48, "--hrtf", kemarSOFA)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "azimuth -40°, elevation 20°") {
		t.Errorf("%s", stdout)
	}
}

// TestBatchSpatialiseLocalise: the spatial commands are per-file commands,
// so hears batch drives them; localise prints its estimate, which under
// batch (no standard output for jobs) must not crash the job.
func TestBatchSpatialiseLocalise(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, f := range []float64{500, 800} {
		writeWAV(t, filepath.Join(in, fmt.Sprintf("s%d.wav", i)), tone(t, f, 0.2, 44100))
	}
	bin, loc := filepath.Join(dir, "bin"), filepath.Join(dir, "loc")
	if code, _, stderr := hears(t, "batch", "spatialise", "--hrtf", kemarSOFA, "--azimuth", "30", "-o", ".wav", "--outdir", bin, "-q", in); code != 0 {
		t.Fatalf("batch spatialise: exit %d: %s", code, stderr)
	}
	if code, _, stderr := hears(t, "batch", "localise", "--hrtf", kemarSOFA, "-o", ".png", "--outdir", loc, "-q", bin); code != 0 {
		t.Fatalf("batch localise: exit %d: %s", code, stderr)
	}
	for i := range 2 {
		checkPNG(t, filepath.Join(loc, fmt.Sprintf("s%d.png", i)), 1200, 620)
	}
}
