package sound

import "testing"

func TestIsAudioFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.wav": true, "dir/B.WAV": true, "x.aiff": true, "x.AIF": true, "x.aifc": true,
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
