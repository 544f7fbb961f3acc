package sound

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkDecode streams 30 s of stereo 44.1 kHz sound (a sweep and pink
// noise) through Open, decoding every frame to float64, and runs sox
// decoding the same file to 32-bit float (`sox FILE -t f32 /dev/null`)
// interleaved with it, iteration by iteration. It reports audio seconds
// decoded per CPU second (user + system) for both (x-realtime,
// sox-x-realtime) and their ratio (vs-sox: above 1, gohears is faster): CPU
// time, not wall time, because the machines this runs on are shared. sox's
// figure includes starting the process (a few ms of CPU).
func BenchmarkDecode(b *testing.B) {
	needTools(b, "sox", "flac", "lame", "oggenc")
	dir := b.TempDir()
	const seconds = 30
	src := filepath.Join(dir, "src.wav")
	source(b, src, 44100, 2, 16, seconds)
	files := []struct{ name, path string }{
		{"WAV16", src},
		{"FLAC", filepath.Join(dir, "src.flac")},
		{"MP3", filepath.Join(dir, "src.mp3")},
		{"Vorbis", filepath.Join(dir, "src.ogg")},
	}
	run(b, "flac", "-s", "-f", "-o", files[1].path, src)
	run(b, "lame", "--quiet", "-b", "192", src, files[2].path)
	run(b, "oggenc", "-Q", "-q", "5", "-o", files[3].path, src)
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			var ours, sox time.Duration
			for b.Loop() {
				t0 := cpuTime()
				s, err := Open(f.path)
				if err != nil {
					b.Fatal(err)
				}
				if err := Each(s, s.NumFrames(), 0, func([]float64, int, int) error { return nil }); err != nil {
					b.Fatal(err)
				}
				s.Close()
				ours += time.Duration(cpuTime() - t0)
				cmd := exec.Command("sox", f.path, "-t", "f32", "/dev/null")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("sox: %v\n%s", err, out)
				}
				sox += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			n := float64(b.N) * seconds
			b.ReportMetric(n/ours.Seconds(), "x-realtime")
			b.ReportMetric(n/sox.Seconds(), "sox-x-realtime")
			b.ReportMetric(sox.Seconds()/ours.Seconds(), "vs-sox")
		})
	}
}
