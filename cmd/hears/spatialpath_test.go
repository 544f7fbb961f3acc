package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/sound"
)

func TestParsePath(t *testing.T) {
	p, err := parsePath(strings.NewReader("time_s,azimuth_deg,elevation_deg\n# a comment\n0,90,0\n\n0.5 0 10\n1\t-90\t0\n"), "p.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []hrtf.PathPoint{{Time: 0, Azimuth: 90}, {Time: 0.5, Elevation: 10}, {Time: 1, Azimuth: -90}}
	if len(p) != len(want) {
		t.Fatalf("%+v", p)
	}
	for i := range want {
		if p[i] != want[i] {
			t.Errorf("point %d: %+v, want %+v", i, p[i], want[i])
		}
	}
	for _, bad := range []string{"", "# only\n", "0,1\n", "0,1,2\nx,y,z\n", "a,b,c\nd,e,f\n", "0,1,2,3\n"} {
		if _, err := parsePath(strings.NewReader(bad), "p.csv"); err == nil {
			t.Errorf("%q: no error", bad)
		} else if !strings.Contains(err.Error(), "p.csv") {
			t.Errorf("%q: error %q does not name the file", bad, err)
		}
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"t,a,e\n0,90,0\n1,-90,0\n", "0 0 0", "# c\n1e308,1e-308,-0\n", "NaN,Inf,-Inf\n", ",,\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePath(strings.NewReader(s), "f.csv")
		if err == nil && len(p) == 0 {
			t.Fatal("no error and no point")
		}
	})
}

func TestSpatialiseMovingSource(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "noise.wav")
	writeNoise(t, in, 44100, 1)
	path := filepath.Join(dir, "path.csv")
	if err := os.WriteFile(path, []byte("time_s,azimuth_deg,elevation_deg\n0.02,90,0\n0.075,0,0\n0.13,-90,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "moving.wav")
	if code, _, errOut := hears(t, "spatialise", in, "-o", out, "--hrtf", kemarSOFA, "--path", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := sound.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	n := sound.FramesOf(0.15, 44100)
	energy := func(c, lo, hi int) float64 {
		var e float64
		for _, v := range s.ChannelData(c)[lo:hi] {
			e += v * v
		}
		return e
	}
	if !(energy(0, 0, n/6) > 4*energy(1, 0, n/6)) || !(energy(1, 5*n/6, n) > 4*energy(0, 5*n/6, n)) {
		t.Error("the source does not move from left to right")
	}
	if code, _, _ := hears(t, "spatialise", in, "-o", out, "--hrtf", "spherical", "--path", path); code != 2 {
		t.Errorf("--path with the spherical head: exit %d, want 2", code)
	}
}
