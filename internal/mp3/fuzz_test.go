package mp3

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzDecode decodes arbitrary bytes to the end: any input must give
// samples or an error, never a panic (package sound also recovers from
// panics, which would hide them from this fuzz target's view were it run
// through sound.Open). Seeds: the MPEG-1 and MPEG-2 files of
// sound/testdata/formats.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"speech.mp3", "tone_stereo.mp3", "speech_mpeg2.mp3"} {
		b, err := os.ReadFile("../../sound/testdata/formats/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// As package sound calls it: a plain reader, without Seek.
		d, err := NewDecoder(struct{ io.Reader }{bytes.NewReader(b)})
		if err != nil {
			return
		}
		buf := make([]byte, 8*1152)
		for range 1 << 12 {
			n, err := d.Read(buf)
			if n%8 != 0 && err == nil {
				t.Fatalf("%d bytes: not whole frames", n)
			}
			if err != nil {
				return // io.EOF or a decoding error: both fine
			}
		}
	})
}
