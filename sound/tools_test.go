package sound

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/internal/testenv"
)

// needTools returns when every named program is installed. Otherwise the
// test fails under scripts/test (which installs them, so a missing one is a
// broken install, not a reason to skip: internal/testenv) and is skipped
// elsewhere, saying why.
func needTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			testenv.Missing(t, n+" is not installed (scripts/test installs it)")
		}
	}
}

// run runs a command, failing the test with its output on error.
func run(t testing.TB, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// source makes a test signal with sox: a sweep and pink noise per channel
// (different in each), of the given rate, channels, bits and duration.
func source(t testing.TB, path string, rate, channels, bits int, seconds float64) {
	t.Helper()
	// sox's synth takes one generator per channel: make a sweep and pink
	// noise apart, then mix them.
	sweep, noise := path+".sweep.wav", path+".noise.wav"
	a := []string{"-D", "-R", "-n", "-r", fmt.Sprint(rate), "-c", fmt.Sprint(channels), "-b", fmt.Sprint(bits), sweep, "synth", fmt.Sprint(seconds)}
	b := []string{"-D", "-R", "-n", "-r", fmt.Sprint(rate), "-c", fmt.Sprint(channels), "-b", fmt.Sprint(bits), noise, "synth", fmt.Sprint(seconds)}
	for c := range channels {
		a = append(a, "sine", fmt.Sprintf("%d-%d", 100+70*c, rate*4/10))
		b = append(b, "pinknoise")
	}
	run(t, "sox", append(a, "vol", "0.4")...)
	run(t, "sox", append(b, "vol", "0.3")...)
	run(t, "sox", "-D", "-R", "-m", sweep, noise, "-b", fmt.Sprint(bits), path)
	os.Remove(sweep)
	os.Remove(noise)
}

// TestFLACAgainstTools encodes signals of many rates, channel counts and
// sample sizes with the flac tool (also as a stream whose header does not
// give its length) and checks that gohears decodes exactly what `flac -d`
// and sox decode.
func TestFLACAgainstTools(t *testing.T) {
	needTools(t, "sox", "flac")
	dir := t.TempDir()
	for _, c := range []struct {
		rate, channels, bits int
		stream               bool
	}{
		{8000, 1, 8, false}, {16000, 1, 16, false}, {44100, 2, 16, false}, {48000, 2, 24, false},
		{96000, 6, 24, false}, {22050, 1, 16, true}, {44100, 8, 16, false},
	} {
		name := fmt.Sprintf("%dHz_%dch_%dbit_stream%v", c.rate, c.channels, c.bits, c.stream)
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(dir, name+".wav")
			source(t, src, c.rate, c.channels, c.bits, 0.7)
			fl := filepath.Join(dir, name+".flac")
			if c.stream { // through a pipe: flac cannot go back to write the length
				cmd := fmt.Sprintf("sox %s -t raw - | flac -s --force-raw-format --endian=little --sign=signed --channels=%d --bps=%d --sample-rate=%d -c - > %s",
					src, c.channels, c.bits, c.rate, fl)
				run(t, "sh", "-c", cmd)
			} else {
				run(t, "flac", "-s", "-f", "-o", fl, src)
			}
			dec := filepath.Join(dir, name+".dec.wav")
			run(t, "flac", "-s", "-f", "-d", "-o", dec, fl)
			soxDec := filepath.Join(dir, name+".sox.wav")
			run(t, "sox", fl, "-e", "float", "-b", "64", soxDec)
			got := mustLoad(t, fl)
			compare(t, "flac -d", got.Data(), mustLoad(t, dec).Data(), flacTol)
			compare(t, "sox", got.Data(), mustLoad(t, soxDec).Data(), flacTol)
			compare(t, "source", got.Data(), mustLoad(t, src).Data(), flacTol)
		})
	}
}

// TestVorbisAgainstTools encodes with oggenc at several qualities, rates and
// channel counts, 5.1 among them (6 channels, the LFE channel on a floor
// of its own with no partitions: vorbis v1.0.2 refused it, see
// internal/oggvorbis), and compares gohears' decoding with libvorbis'
// float output (through libsndfile) and with sox's 16-bit one.
func TestVorbisAgainstTools(t *testing.T) {
	needTools(t, "sox", "oggenc", "sndfile-convert")
	dir := t.TempDir()
	for _, c := range []struct{ rate, channels, quality int }{
		{8000, 1, 0}, {22050, 1, 3}, {44100, 2, 5}, {48000, 2, 10}, {48000, 3, 4}, {48000, 6, 4}, {44100, 6, 1}, {48000, 8, 4},
	} {
		name := fmt.Sprintf("%dHz_%dch_q%d", c.rate, c.channels, c.quality)
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(dir, name+".wav")
			source(t, src, c.rate, c.channels, 16, 0.7)
			ogg := filepath.Join(dir, name+".ogg")
			run(t, "oggenc", "-Q", "-q", fmt.Sprint(c.quality), "-o", ogg, src)
			lib := filepath.Join(dir, name+".libvorbis.wav")
			run(t, "sndfile-convert", "-float32", ogg, lib)
			soxDec := filepath.Join(dir, name+".sox.wav")
			run(t, "sox", ogg, "-e", "float", "-b", "32", soxDec)
			got := mustLoad(t, ogg)
			if got.NumFrames() != mustLoad(t, src).NumFrames() {
				t.Errorf("%d frames, the source %d", got.NumFrames(), mustLoad(t, src).NumFrames())
			}
			compare(t, "libvorbis float", got.Data(), mustLoad(t, lib).Data(), vorbisTol)
			compare(t, "sox (16-bit)", got.Data(), mustLoad(t, soxDec).Data(), soxVorbisTol)
		})
	}
}

// TestMP3AgainstTools encodes with lame (MPEG-1, 2 and 2.5 at every rate
// from 8 to 48 kHz, CBR and VBR, mono and joint stereo, with and without
// ID3 tags, with clicks that make the encoder switch to short blocks) and
// compares gohears' decoding with mpg123's float output (gapless, the same
// length) and with sox's (libmad: it keeps the encoder delay and drops the
// last frame, so the overlap is compared, shifted by the delay gohears
// trims). The MPEG-2/2.5 cases and the clicks in joint stereo are those
// go-mp3 v0.3.4 decoded wrongly (internal/mp3's package comment).
func TestMP3AgainstTools(t *testing.T) {
	needTools(t, "sox", "lame", "mpg123")
	dir := t.TempDir()
	for _, c := range []struct {
		rate, channels int
		lame           []string
		clicks         bool
	}{
		{44100, 2, []string{"-b", "128"}, false},
		{48000, 1, []string{"-V", "5"}, false},
		{44100, 2, []string{"-V", "2", "--tt", "title", "--add-id3v2"}, false},
		{32000, 2, []string{"-b", "96", "--id3v1-only", "--tt", "title"}, false},
		{32000, 1, []string{"-b", "48"}, false},
		{48000, 2, []string{"-b", "320"}, false},
		{44100, 2, []string{"-b", "48"}, true},
		{24000, 2, []string{"-b", "64"}, false},
		{22050, 2, []string{"-b", "32"}, true},
		{22050, 1, []string{"-V", "7"}, true},
		{16000, 2, []string{"-V", "2"}, true},
		{16000, 1, []string{"-b", "64"}, false},
		{12000, 2, []string{"-b", "24"}, false},
		{11025, 1, []string{"-b", "32"}, true},
		{8000, 2, []string{"-b", "16"}, true},
		{8000, 1, []string{"-V", "5"}, false},
	} {
		name := fmt.Sprintf("%dHz_%dch_%s", c.rate, c.channels, strings.Join(c.lame, ""))
		if c.clicks {
			name += "_clicks"
		}
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(dir, name+".wav")
			source(t, src, c.rate, c.channels, 16, 0.7)
			if c.clicks { // a 20 Hz square wave: transients every 25 ms
				clicked := src + ".clicks.wav"
				sq := src + ".square.wav"
				run(t, "sox", "-D", "-R", "-n", "-r", fmt.Sprint(c.rate), "-c", fmt.Sprint(c.channels), "-b", "16", sq, "synth", "0.7", "square", "20", "vol", "0.2")
				run(t, "sox", "-D", "-R", "-m", src, sq, "-b", "16", clicked)
				os.Rename(clicked, src)
				os.Remove(sq)
			}
			mp3 := filepath.Join(dir, name+".mp3")
			run(t, "lame", append(append([]string{"--quiet", "--resample", fmt.Sprint(c.rate / 1000)}, c.lame...), src, mp3)...)
			ref := filepath.Join(dir, name+".mpg123.wav")
			run(t, "mpg123", "-q", "-e", "f32", "-w", ref, mp3)
			soxDec := filepath.Join(dir, name+".sox.wav")
			run(t, "sox", mp3, "-e", "float", "-b", "64", soxDec)
			got := mustLoad(t, mp3)
			want := mustLoad(t, ref)
			if got.SampleRate() != float64(c.rate) || got.NumChannels() != c.channels {
				t.Fatalf("%d channels at %v Hz", got.NumChannels(), got.SampleRate())
			}
			compare(t, "mpg123", got.Data(), want.Data(), mp3Tol)
			f, err := Open(mp3)
			if err != nil {
				t.Fatal(err)
			}
			lead := f.dec.(*mp3Decoder).lead
			f.Close()
			sx := mustLoad(t, soxDec).Data()
			nc := c.channels
			n := min(len(got.Data()), len(sx)-lead*nc)
			compare(t, fmt.Sprintf("sox (libmad, %d frames later, %d of %d compared)", lead, n/nc, got.NumFrames()), got.Data()[:n], sx[lead*nc:lead*nc+n], mp3Tol)
		})
	}
}

// TestPipeFromSox is the command line of issue 10: `sox in.flac -t wav - |
// hears cochleagram -`: a WAV on a pipe, streamed forwards.
func TestPipeFromSox(t *testing.T) {
	needTools(t, "sox", "flac")
	dir := t.TempDir()
	src := filepath.Join(dir, "in.wav")
	source(t, src, 16000, 2, 16, 3)
	fl := filepath.Join(dir, "in.flac")
	run(t, "flac", "-s", "-f", "-o", fl, src)
	want := mustLoad(t, fl)
	for _, args := range [][]string{{fl, "-t", "wav", "-"}, {fl, "-e", "float", "-b", "32", "-t", "wav", "-"}} {
		cmd := exec.Command("sox", args...)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		f, err := OpenReader(out, "standard input")
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadAll(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
		if f.dec == nil {
			t.Errorf("sox %v: spooled, not streamed", args)
		}
		compare(t, fmt.Sprintf("sox %s", strings.Join(args, " ")), got.Data(), want.Data(), 0)
	}
}

// TestMP3LSFIntensityStereoRefused: an MPEG-2 frame in intensity stereo,
// which internal/mp3 does not decode (docs/formats.md), is an error naming
// the feature and the file, not wrong samples. LAME never writes intensity
// stereo, so the test sets the intensity bit of the mode extension in every
// frame header of a joint-stereo file.
func TestMP3LSFIntensityStereoRefused(t *testing.T) {
	needTools(t, "sox", "lame")
	dir := t.TempDir()
	src := filepath.Join(dir, "s.wav")
	source(t, src, 22050, 2, 16, 0.3)
	mp3 := filepath.Join(dir, "s.mp3")
	run(t, "lame", "--quiet", "--resample", "22.05", "-m", "j", "-b", "32", src, mp3)
	if _, err := Load(mp3); err != nil {
		t.Fatalf("the file before the change: %v", err)
	}
	b, err := os.ReadFile(mp3)
	if err != nil {
		t.Fatal(err)
	}
	start := int(id3v2Size(b))
	for pos := start; pos+4 <= len(b); {
		if _, _, _, ok := mp3Header(b[pos:]); !ok {
			break
		}
		if b[pos+3]>>6 == 1 { // joint stereo: set the intensity bit
			b[pos+3] |= 0x10
		}
		pos += mp3FrameSize(b[pos:])
	}
	if err := os.WriteFile(mp3, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(mp3); err == nil || !strings.Contains(err.Error(), "intensity stereo is not supported") || !strings.Contains(err.Error(), mp3) {
		t.Errorf("intensity stereo at 22.05 kHz: %v", err)
	}
}
