package sound

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/internal/cputime"

	"github.com/go-audio/wav"
)

// benchFile writes 10 s of stereo noise at 44.1 kHz in encoding e.
func benchFile(b *testing.B, e Encoding) (string, int64) {
	b.Helper()
	s, err := WhiteNoise(10, WithChannels(2), WithSeed(1))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.wav")
	if err := SaveWAV(path, s, WAVOptions{Encoding: e, Normalise: true}); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	return path, st.Size()
}

func benchLoad(b *testing.B, e Encoding) {
	path, size := benchFile(b, e)
	b.SetBytes(size)
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if _, err := LoadWAV(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadWAV16(b *testing.B)      { benchLoad(b, PCM16) }
func BenchmarkLoadWAV24(b *testing.B)      { benchLoad(b, PCM24) }
func BenchmarkLoadWAVFloat32(b *testing.B) { benchLoad(b, Float32) }

// BenchmarkGoAudioWAV16 is go-audio/wav's FullPCMBuffer on the same file
// (buffered), for comparison.
func BenchmarkGoAudioWAV16(b *testing.B) {
	path, size := benchFile(b, PCM16)
	b.SetBytes(size)
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		// go-audio needs an io.ReadSeeker: give it buffered reads with the
		// file's Seek (it only seeks before the samples).
		d := wav.NewDecoder(&bufSeeker{r: f, br: bufio.NewReaderSize(f, 1<<16)})
		if _, err := d.FullPCMBuffer(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

func BenchmarkSaveWAV16(b *testing.B) {
	s, _ := WhiteNoise(10, WithChannels(2), WithSeed(1))
	s = s.Normalized()
	path := filepath.Join(b.TempDir(), "out.wav")
	b.SetBytes(int64(len(s.Data()) * 2))
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if err := SaveWAV(path, s, WAVOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchResample(b *testing.B, from, to float64, channels int) {
	s, _ := WhiteNoise(1, WithRate(from), WithChannels(channels), WithSeed(1))
	b.ReportAllocs()
	var out int
	defer cpuClock(b)()
	for b.Loop() {
		y, err := s.Resampled(to)
		if err != nil {
			b.Fatal(err)
		}
		out = len(y.Data())
	}
	b.ReportMetric(float64(out)*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

func BenchmarkResample44to48(b *testing.B)       { benchResample(b, 44100, 48000, 1) }
func BenchmarkResample48to44(b *testing.B)       { benchResample(b, 48000, 44100, 1) }
func BenchmarkResample16to44(b *testing.B)       { benchResample(b, 16000, 44100, 1) }
func BenchmarkResample44to16(b *testing.B)       { benchResample(b, 44100, 16000, 1) }
func BenchmarkResample44to50(b *testing.B)       { benchResample(b, 44100, 50000, 1) }
func BenchmarkResample44to48Stereo(b *testing.B) { benchResample(b, 44100, 48000, 2) }

func benchSpectrum(b *testing.B, n int) {
	s, _ := WhiteNoise(0, WithFrames(n), WithSeed(1))
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if _, err := s.Spectrum(SpectrumOptions{LogPower: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

func BenchmarkSpectrum44100(b *testing.B) { benchSpectrum(b, 44100) }
func BenchmarkSpectrum65536(b *testing.B) { benchSpectrum(b, 1<<16) }

func BenchmarkSpectrogram(b *testing.B) {
	s, _ := WhiteNoise(1, WithSeed(1))
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if _, err := s.Spectrogram(SpectrogramOptions{NFFT: 512}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(44100*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

func BenchmarkShiftedFractional(b *testing.B) {
	s, _ := WhiteNoise(1, WithSeed(1))
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if _, err := s.ShiftedFractional(2.3/44100, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(44100*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

func BenchmarkPinkNoise(b *testing.B) {
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if _, err := PinkNoise(1, WithSeed(1)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(44100*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}

// BenchmarkEncodeWAV16 is the encoding alone (SaveWAV adds the file, fsync
// and rename).
func BenchmarkEncodeWAV16(b *testing.B) {
	s, _ := WhiteNoise(10, WithChannels(2), WithSeed(1))
	s = s.Normalized()
	b.SetBytes(int64(len(s.Data()) * 2))
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if err := EncodeWAV(io.Discard, s, WAVOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the CPU time (user+system) this process has used, in ns. The
// shared benchmark machine is often oversubscribed, so the benchmarks also
// report CPU ns per operation, which contention inflates far less than wall
// time.
func cpuTime() int64 {
	t, _ := cputime.Process()
	return t.Nanoseconds()
}

// cpuClock reports cpu-ns/op when the benchmark ends; start it after setup.
func cpuClock(b *testing.B) func() {
	t0 := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op") }
}

// BenchmarkOpenStream reads the 10 s 16-bit stereo file through Open in
// blocks of DefaultBlockFrames (bounded memory).
func BenchmarkOpenStream(b *testing.B) {
	path, size := benchFile(b, PCM16)
	f, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.SetBytes(size)
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		if err := Each(f, f.NumFrames(), 0, func([]float64, int, int) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResamplerStream is the streaming Resampler, 1 s mono 44.1→48 kHz
// in blocks of DefaultBlockFrames.
func BenchmarkResamplerStream(b *testing.B) {
	s, _ := WhiteNoise(1, WithSeed(1))
	r, err := NewResampler(s, 48000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cpuClock(b)()
	for b.Loop() {
		r.Reset()
		if err := Each(r, r.NumFrames(), 0, func([]float64, int, int) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(48000*float64(b.N)/b.Elapsed().Seconds(), "ch-samples/s")
}
