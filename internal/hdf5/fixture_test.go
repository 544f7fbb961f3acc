package hdf5

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type fixture struct {
	H5py        string                  `json:"h5py"`
	HDF5        string                  `json:"hdf5"`
	Files       map[string]string       `json:"files"`
	Corruptions map[string][]corruption `json:"corruptions"`
}

type corruption struct {
	Kind   string `json:"kind"`
	At     int    `json:"at"`
	Digest string `json:"digest"`
}

const testdata = "../../testdata"

func loadFixture(t testing.TB) *fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, "sofa", "h5py.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx fixture
	if err := json.Unmarshal(b, &fx); err != nil {
		t.Fatal(err)
	}
	return &fx
}

// TestH5pyFiles: every SOFA file in testdata reads to exactly what h5py
// reads (the same digest of every attribute and dataset), or, where h5py
// fails, to an error.
func TestH5pyFiles(t *testing.T) {
	fx := loadFixture(t)
	t.Logf("reference: h5py %s, HDF5 %s", fx.H5py, fx.HDF5)
	real := 0
	for name, want := range fx.Files {
		b, err := os.ReadFile(filepath.Join(testdata, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := digest(b)
		switch {
		case want == "error" && err == nil:
			t.Errorf("%s: h5py fails but we read it (digest %s)", name, got)
		case want != "error" && err != nil:
			if !strings.HasPrefix(name, "sofa/malformed/") {
				t.Errorf("%s: %v (h5py reads it)", name, err)
			} else {
				t.Logf("%s: %v (h5py reads it)", name, err)
			}
		case want != "error" && got != want:
			t.Errorf("%s: digest %s, h5py's %s", name, got, want)
		case err != nil:
			t.Logf("%s: %v", name, err)
		default:
			if !strings.HasPrefix(name, "sofa/malformed/") {
				real++
			}
		}
	}
	if real < 4+3+20 {
		t.Errorf("%d files (real sets, feature files, synthetic sets) equal h5py's reading, want at least 27", real)
	}
}

// TestH5pyCorruptions: one-byte flips and truncations of the real sets at
// the fixture's offsets give an error or exactly h5py's reading of the
// same corrupted bytes.
func TestH5pyCorruptions(t *testing.T) {
	fx := loadFixture(t)
	for name, cases := range fx.Corruptions {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			corruptions(t, name, cases)
		})
	}
}

func corruptions(t *testing.T, name string, cases []corruption) {
	orig, err := os.ReadFile(filepath.Join(testdata, "sofa", name))
	if err != nil {
		t.Fatal(err)
	}
	var same, refused, h5pyRefused int
	step := 1
	switch {
	case raceEnabled:
		step = 40 // inflating under -race is ~10× slower: 10 cases per set
	case testing.Short():
		step = 8
	}
	for i := 0; i < len(cases); i += step {
		c := cases[i]
		var b []byte
		switch c.Kind {
		case "flip":
			b = append([]byte(nil), orig...)
			b[c.At] ^= 0xff
		case "cut":
			b = orig[:c.At]
		default:
			t.Fatalf("kind %q", c.Kind)
		}
		got, err := digest(b)
		if c.Digest == "error" {
			h5pyRefused++
		}
		switch {
		case err != nil:
			refused++
		case got == c.Digest:
			same++
		default:
			t.Errorf("%s %s at %d: read without error to digest %s, h5py's %s", name, c.Kind, c.At, got, c.Digest)
		}
	}
	t.Logf("%s: %d of %d variants: %d read as h5py does, %d refused (h5py refused %d)", name, (len(cases)+step-1)/step, len(cases), same, refused, h5pyRefused)
	if len(cases) < 300 {
		t.Errorf("%s: only %d variants", name, len(cases))
	}
}
