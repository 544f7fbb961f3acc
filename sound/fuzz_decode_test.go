package sound

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// fuzzDecode opens b as a file (what Open accepts is what hears reads),
// fetches blocks inside, across and past the end, then decodes up to 2^20
// frames forwards in blocks and a block near the start again (a rewind): no
// panic (a panic inside a decoder must come back as an error), no NaN or
// infinite sample, blocks of the right size, a rate in range, and no more
// uncompressed frames than the bytes hold.
func fuzzDecode(t *testing.T, dir string, b []byte) {
	p := filepath.Join(dir, "in")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(p)
	if err != nil {
		return
	}
	defer f.Close()
	nc, n := f.NumChannels(), f.NumFrames()
	// Uncompressed samples take a byte at least; compressed ones may not.
	pcm := f.Format() == formatWAV || f.Format() == formatAIFF
	if nc <= 0 || n <= 0 || (pcm && int64(n)*int64(nc) > int64(len(b))) || !(f.SampleRate() >= minFileRate && f.SampleRate() <= maxFileRate) {
		t.Fatalf("%s: %d frames × %d channels at %v Hz from %d bytes", f.Format(), n, nc, f.SampleRate(), len(b))
	}
	// Inside, across and past the end, and back to the start: blocks of the
	// right size or errors.
	for _, seg := range [][2]int{{0, min(n, 64)}, {max(n-3, 0), n + 5}, {n + 10, n + 20}, {0, min(n, 64)}} {
		blk, err := f.Fetch(seg[0], seg[1])
		if err == nil && len(blk) != (seg[1]-seg[0])*nc {
			t.Fatalf("Fetch%v: %d values for %d channels", seg, len(blk), nc)
		}
	}
	end := min(n, 1<<20)
	err = Each(f, end, 4096, func(blk []float64, _, _ int) error {
		if i := nonFinite(blk); i >= 0 {
			t.Fatalf("%s: sample %v", f.Format(), blk[i])
		}
		return nil
	})
	if err != nil {
		return
	}
	if blk, err := f.Fetch(1, 100); err == nil && len(blk) != 99*nc {
		t.Fatalf("%s: %d values for 99 frames of %d channels", f.Format(), len(blk), nc)
	}
}

func addSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(formatFixtures + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzFLAC fuzzes the FLAC path of Open (mewkiz/flac).
func FuzzFLAC(f *testing.F) {
	addSeeds(f, "speech.flac", "tone24_stereo.flac")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) { fuzzDecode(t, dir, b) })
}

// FuzzMP3 fuzzes the MP3 path of Open (frame scan, Xing/LAME tag, go-mp3).
func FuzzMP3(f *testing.F) {
	addSeeds(f, "speech.mp3", "tone_stereo.mp3", "speech_mpeg2.mp3")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) { fuzzDecode(t, dir, b) })
}

// FuzzVorbis fuzzes the Ogg Vorbis path of Open (jfreymuth/oggvorbis).
func FuzzVorbis(f *testing.F) {
	addSeeds(f, "speech.ogg", "tone_stereo.ogg")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) { fuzzDecode(t, dir, b) })
}

// FuzzOpenReader fuzzes standard input's path: a stream that cannot seek,
// read forwards (WAV, AIFF, RF64) or copied to a temporary file.
func FuzzOpenReader(f *testing.F) {
	addSeeds(f, "six.rf64", "six.wav", "speech.wav", "speech.flac")
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := OpenReader(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		defer s.Close()
		nc, n := s.NumChannels(), s.NumFrames()
		if nc <= 0 || n <= 0 {
			t.Fatalf("%d frames × %d channels", n, nc)
		}
		Each(s, min(n, 1<<20), 1000, func(blk []float64, _, _ int) error {
			if i := nonFinite(blk); i >= 0 {
				t.Fatalf("%s: sample %v", s.Format(), blk[i])
			}
			return nil
		})
	})
}

// TestDecodersSurviveDamage is a deterministic complement to the fuzz
// targets (which run a few execs per second on a loaded machine): each
// compressed fixture damaged in many seeded ways (bytes flipped, runs
// zeroed or duplicated, cut) must decode or fail cleanly — no panic out of
// the decoder, no hang, no NaN — through the checks of fuzzDecode.
func TestDecodersSurviveDamage(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 20
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"speech.flac", "tone24_stereo.flac", "speech.mp3", "tone_stereo.mp3", "speech.ogg", "tone_stereo.ogg", "six.rf64"} {
		orig, err := os.ReadFile(formatFixtures + name)
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			b := bytes.Clone(orig)
			switch rng.IntN(4) {
			case 0: // flip a few bytes
				for range 1 + rng.IntN(8) {
					b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
				}
			case 1: // zero a run
				at := rng.IntN(len(b))
				clear(b[at:min(len(b), at+1+rng.IntN(200))])
			case 2: // duplicate a run
				at, m := rng.IntN(len(b)), 1+rng.IntN(300)
				b = append(b[:at:at], append(bytes.Clone(orig[at:min(len(orig), at+m)]), orig[at:]...)...)
			case 3: // cut, and flip a byte in the header
				b = b[:1+rng.IntN(len(b))]
				b[rng.IntN(min(len(b), 64))] ^= 0xFF
			}
			fuzzDecode(t, dir, b)
		}
	}
}
