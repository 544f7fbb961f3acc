package oggvorbis

import (
	"bytes"
	"os"
	"testing"
)

// FuzzDecode decodes arbitrary bytes to the end: any input must give
// samples or an error, never a panic (package sound recovers from panics,
// which would hide them from its own fuzz target). Seeds: the Ogg Vorbis
// files of sound/testdata/formats.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"speech.ogg", "tone_stereo.ogg"} {
		b, err := os.ReadFile("../../sound/testdata/formats/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		buf := make([]float32, 4096)
		for range 1 << 12 {
			if _, err := r.Read(buf); err != nil {
				return
			}
		}
	})
}
