package sound

import "testing"

func TestIsAudioFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.wav": true, "dir/B.WAV": true, "x.aiff": true, "x.AIF": true, "x.aifc": true,
		"a.flac": true, "A.FLAC": true, "b.mp3": true, "c.ogg": true, "c.oga": true, "long.rf64": true,
		"x.opus": false, "x.m4a": false,
		"a.txt": false, "wav": false, "a.wav.bak": false, "": false,
	} {
		if got := IsAudioFile(name); got != want {
			t.Errorf("IsAudioFile(%q) = %v, want %v", name, got, want)
		}
	}
	e := Extensions()
	e[0] = ".changed"
	if Extensions()[0] == ".changed" {
		t.Error("Extensions returned the package's own slice")
	}
}

// TestSniffFormat: each format is recognised by its first bytes, and every
// format Open reads has extensions.
func TestSniffFormat(t *testing.T) {
	for head, want := range map[string]string{
		"RIFF\x00\x00\x00\x00WAVE": formatWAV, "RF64": formatWAV, "FORM\x00\x00\x00\x00AIFF": formatAIFF,
		"fLaC": formatFLAC, "OggS": formatVorbis, "ID3\x04": formatMP3, "\xff\xfb\x90\x64": formatMP3,
		"\xff\xfd\x90\x64": "", // Layer II
		"hello":            "", "": "",
	} {
		if got := sniffFormat([]byte(head)); got != want {
			t.Errorf("sniffFormat(%q) = %q, want %q", head, got, want)
		}
	}
	for _, f := range audioFormats {
		if len(f.extensions) == 0 {
			t.Errorf("%s has no extensions", f.name)
		}
	}
}
