package sound

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const formatFixtures = "testdata/formats/"

// Tolerances of the compressed formats against Debian's decoders (see
// docs/formats.md for the measurements behind them):
const (
	// flacTol: FLAC is lossless; the decoded samples are the source's and
	// the flac tool's, bit for bit.
	flacTol = 0
	// vorbisTol: jfreymuth/vorbis and libvorbis (float output through
	// libsndfile) both compute in float32 with different operation orders;
	// measured up to 2.4e-7, a few float32 steps at full scale.
	vorbisTol = 1e-6
	// mp3Tol: internal/mp3 and mpg123 (-e f32) both synthesise in float32,
	// in different orders: measured up to 9.7e-7 over 48 LAME files of 8
	// to 48 kHz, mono and joint stereo, CBR and VBR, with short blocks, and
	// 7.0e-7 in TestMP3AgainstTools. sox reads MP3 through libmad (28-bit
	// fixed point, 24-bit samples to sox): up to 1.22e-6 there.
	mp3Tol = 2e-6
	// soxVorbisTol: sox reads Vorbis through ov_read's 16-bit output, so it
	// is half a 16-bit step from libvorbis' float output.
	soxVorbisTol = 0.5/32768 + vorbisTol
)

// compare reports the largest absolute difference of got and want over
// their first n frames, failing when it is above tol.
func compare(t *testing.T, what string, got, want []float64, tol float64) float64 {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d samples, reference %d", what, len(got), len(want))
	}
	d, at := 0.0, 0
	for i := range got {
		if e := math.Abs(got[i] - want[i]); e > d {
			d, at = e, i
		}
	}
	if d > tol {
		t.Errorf("%s: max |diff| %.3g at sample %d (%v vs %v), tolerance %.3g", what, d, at, got[at], want[at], tol)
	} else {
		t.Logf("%s: max |diff| %.3g (tolerance %.3g)", what, d, tol)
	}
	return d
}

// TestDecodeFixtures decodes the committed FLAC, MP3 and Ogg Vorbis files
// (made with flac, lame and oggenc; testdata/formats/README.md) and
// compares them with the source WAV (FLAC) or with libsndfile's float
// decoding through libvorbis and mpg123 (Vorbis, MP3), through Load and
// through Open streamed in odd blocks.
func TestDecodeFixtures(t *testing.T) {
	cases := []struct {
		file, ref, format string
		tol               float64
	}{
		{"speech.flac", "speech.wav", "FLAC", flacTol},
		{"tone24_stereo.flac", "tone24_stereo.wav", "FLAC", flacTol},
		{"speech.ogg", "speech_ogg.sndfile.wav", "Ogg Vorbis", vorbisTol},
		{"tone_stereo.ogg", "tone_stereo_ogg.sndfile.wav", "Ogg Vorbis", vorbisTol},
		{"speech.mp3", "speech_mp3.mpg123.wav", "MP3", mp3Tol},
		{"tone_stereo.mp3", "tone_stereo_mp3.mpg123.wav", "MP3", mp3Tol},
		{"speech_mpeg2.mp3", "speech_mpeg2_mp3.mpg123.wav", "MP3", mp3Tol},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			want := mustLoad(t, formatFixtures+c.ref)
			got := mustLoad(t, formatFixtures+c.file)
			if got.NumChannels() != want.NumChannels() || got.SampleRate() != want.SampleRate() {
				t.Fatalf("%d channels at %v Hz, reference %d at %v Hz", got.NumChannels(), got.SampleRate(), want.NumChannels(), want.SampleRate())
			}
			compare(t, "Load", got.Data(), want.Data(), c.tol)
			f, err := Open(formatFixtures + c.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.history = 100 // a small window, so that the rewind below happens
			if f.Format() != c.format || f.NumFrames() != want.NumFrames() {
				t.Fatalf("Open: %s of %d frames, want %s of %d", f.Format(), f.NumFrames(), c.format, want.NumFrames())
			}
			s, err := ReadFrames(f, f.NumFrames()+7, 333)
			if err != nil {
				t.Fatal(err)
			}
			n := len(want.Data())
			if d := maxDiff(s.Data()[:n], got.Data()); d != 0 {
				t.Errorf("streamed in blocks of 333 frames: differs from Load by %g", d)
			}
			for _, v := range s.Data()[n:] {
				if v != 0 {
					t.Fatal("nonzero past the end")
				}
			}
			// Backwards: a fetch before the window restarts the decoder.
			r0, wantRw := f.Rewinds(), f.Rewinds()
			if f.winStart > 10 {
				wantRw++ // frame 10 has left the window (a FLAC frame may hold the whole file)
			}
			b, err := f.Fetch(10, 20)
			if err != nil {
				t.Fatal(err)
			}
			if d := maxDiff(b, got.Data()[10*got.NumChannels():20*got.NumChannels()]); d != 0 || f.Rewinds() != wantRw {
				t.Errorf("fetch after a rewind: diff %g, rewinds %d → %d", d, r0, f.Rewinds())
			}
		})
	}
}

// TestDecodeWindow checks that two consumers a block apart, and a jump
// forwards, never restart the decoder, and that the window stays bounded.
func TestDecodeWindow(t *testing.T) {
	want := mustLoad(t, formatFixtures+"speech.flac")
	f, err := Open(formatFixtures + "speech.flac")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for start := 0; start+1000 <= f.NumFrames(); start += 500 {
		for _, seg := range [][2]int{{start, start + 1000}, {max(0, start-700), start + 300}} {
			b, err := f.Fetch(seg[0], seg[1])
			if err != nil {
				t.Fatal(err)
			}
			if d := maxDiff(b, want.Data()[seg[0]:seg[1]]); d != 0 {
				t.Fatalf("Fetch%v differs by %g", seg, d)
			}
		}
		if len(f.win) > 2*(historySamples+1000+65536) {
			t.Fatalf("window of %d samples", len(f.win))
		}
	}
	if f.Rewinds() != 0 {
		t.Errorf("%d rewinds for consumers 700 frames apart", f.Rewinds())
	}
}

// TestCorruptCompressed cuts and damages each compressed fixture: every
// result is an error naming the file and the format (never a panic, a hang
// or samples that pass as right), or for damage inside the samples, a
// decoding that either fails or keeps the declared length.
func TestCorruptCompressed(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"speech.flac", "tone24_stereo.flac", "speech.ogg", "tone_stereo.ogg", "speech.mp3", "tone_stereo.mp3"} {
		orig, err := os.ReadFile(formatFixtures + name)
		if err != nil {
			t.Fatal(err)
		}
		format := map[string]string{".flac": "FLAC", ".ogg": "Ogg Vorbis", ".mp3": "MP3"}[filepath.Ext(name)]
		for _, cut := range []int{3, 10, 40, 200, len(orig)/2 + 3, len(orig) - 5} {
			p := filepath.Join(dir, fmt.Sprintf("cut%d_%s", cut, name))
			os.WriteFile(p, orig[:cut], 0o644)
			s, err := Load(p)
			if err == nil {
				t.Errorf("%s cut to %d of %d bytes: loaded %d frames", name, cut, len(orig), s.NumFrames())
				continue
			}
			if !strings.Contains(err.Error(), p) || (cut >= 10 && !strings.Contains(err.Error(), format)) {
				t.Errorf("%s cut to %d bytes: error %q does not name the file and %s", name, cut, err, format)
			}
			if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrFormat) {
				t.Errorf("%s cut to %d bytes: %v wraps neither ErrTruncated nor ErrFormat", name, cut, err)
			}
		}
		for _, at := range []int{len(orig) / 3, len(orig) / 2} {
			b := bytes.Clone(orig)
			for i := at; i < min(at+64, len(b)); i++ {
				b[i] ^= 0x5A
			}
			p := filepath.Join(dir, fmt.Sprintf("flip%d_%s", at, name))
			os.WriteFile(p, b, 0o644)
			f, err := Open(p)
			if err != nil {
				continue
			}
			if _, err := ReadAll(f, 0); err != nil && !strings.Contains(err.Error(), p) {
				t.Errorf("%s damaged at %d: error %q does not name the file", name, at, err)
			}
			f.Close()
		}
	}
	// Ogg with another codec: named.
	opus := append([]byte("OggS\x00\x02"), make([]byte, 22)...)
	opus = append(opus, "\x01\x13OpusHead"...)
	p := filepath.Join(dir, "x.opus")
	os.WriteFile(p, opus, 0o644)
	if _, err := Open(p); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "Opus") {
		t.Errorf("Ogg Opus: %v", err)
	}
}
