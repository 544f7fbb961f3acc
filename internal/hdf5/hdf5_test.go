package hdf5

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFeatureFiles: the feature files libhdf5 wrote (testdata/hdf5,
// make_files.py) exercise every superblock, layout, chunk index and filter
// this reader claims; their values match h5py (TestH5pyFiles), and here
// a few are checked by hand.
func TestFeatureFiles(t *testing.T) {
	superblocks := map[int]bool{}
	indices := map[int]bool{}
	layouts := map[int]bool{}
	filters := map[uint16]bool{}
	for _, v := range []string{"earliest", "v108", "latest"} {
		b, err := os.ReadFile(filepath.Join(testdata, "hdf5", "features_"+v+".h5"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(b)
		if err != nil {
			t.Fatal(err)
		}
		superblocks[f.superblock] = true
		g, err := f.Root()
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range g.Names() {
			ds, err := g.Dataset(n)
			if err != nil {
				t.Fatal(err)
			}
			layouts[ds.layout.class] = true
			if ds.layout.class == layoutChunked {
				idx := ds.layout.index
				if ds.layout.version < 4 {
					idx = indexBTree1
				}
				indices[idx] = true
			}
			for _, fl := range ds.filter {
				filters[fl.id] = true
			}
		}
		s, err := g.Attribute("latin1").Strings()
		if err != nil || s[0] != "Institut f\xfcr Schallforschung" {
			t.Errorf("%s: latin1 attribute %q %v", v, s, err)
		}
		s, err = g.Attribute("vlen").Strings()
		if err != nil || s[0] != "variable length é" {
			t.Errorf("%s: vlen attribute %q %v", v, s, err)
		}
		x, err := g.Attribute("ints").Float64s()
		if err != nil || len(x) != 3 || x[1] != -2 {
			t.Errorf("%s: big-endian ints %v %v", v, x, err)
		}
		ds, _ := g.Dataset("sparse")
		vals, err := ds.Float64s(100)
		if err != nil || vals[0] != -7.5 || vals[44] != 1 {
			t.Errorf("%s: sparse dataset with fill value: %v", v, err)
		}
		if _, err := ds.Float64s(99); err == nil || !strings.Contains(err.Error(), "limit") {
			t.Errorf("%s: a 100-element dataset read with a limit of 99: %v", v, err)
		}
		if len(g.Attributes()) < 17 || len(g.Names()) < 24 {
			t.Errorf("%s: %d attributes, %d members", v, len(g.Attributes()), len(g.Names()))
		}
	}
	for _, want := range []int{0, 2, 3} {
		if !superblocks[want] {
			t.Errorf("no file with superblock version %d", want)
		}
	}
	for _, want := range []int{indexBTree1, indexSingle, indexImplicit, indexFixedArray, indexExtArray, indexBTree2} {
		if !indices[want] {
			t.Errorf("no dataset with chunk index %d", want)
		}
	}
	for _, want := range []int{layoutCompact, layoutContiguous, layoutChunked} {
		if !layouts[want] {
			t.Errorf("no dataset with layout %d", want)
		}
	}
	for _, want := range []uint16{1, 2, 3} {
		if !filters[want] {
			t.Errorf("no dataset with filter %d", want)
		}
	}
}

func TestChecksums(t *testing.T) {
	// lookup3 of the empty string with initval 0 is 0xdeadbeef; of "Four
	// score and seven years ago" 0x17770551 (Jenkins' lookup3.c driver5).
	if got := lookup3(nil, 0); got != 0xdeadbeef {
		t.Errorf("lookup3(\"\") = %#x", got)
	}
	if got := lookup3([]byte("Four score and seven years ago"), 0); got != 0x17770551 {
		t.Errorf("lookup3(Four score…) = %#x", got)
	}
	// Fletcher-32 over 16-bit big-endian words, by hand for "abcde":
	// words 0x6162, 0x6364, 0x6500; sum1 = 0x129C6 → 0x29C7, sum2 =
	// 0x24FEE → 0x4FF0. (Wikipedia's 0xF04FC729 uses little-endian words.)
	if got := fletcher32([]byte("abcde")); got != 0x4FF029C7 {
		t.Errorf("fletcher32(abcde) = %#x", got)
	}
}

func TestNotHDF5(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("CDF\x01"), bytes.Repeat([]byte{0}, 4096)} {
		if _, err := Open(b); err == nil || !strings.Contains(err.Error(), "no HDF5 signature") {
			t.Errorf("%q: %v", b, err)
		}
	}
	if _, err := ReadAll(bytes.NewReader([]byte("x")), 2); err == nil {
		t.Error("short reader: no error")
	}
}

// FuzzDigest: any bytes give an error or a full reading, never a panic or
// a hang; seeded with the real SOFA sets and the feature files.
func FuzzDigest(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(testdata, "hdf5", "*.h5"))
	real, _ := filepath.Glob(filepath.Join(testdata, "sofa", "*.sofa"))
	small, _ := filepath.Glob(filepath.Join(testdata, "sofa", "synthetic", "ok.sofa"))
	for _, p := range append(append(seeds, real...), small...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		digest(b) // errors are fine; panics and hangs are not
	})
}

// BenchmarkReadSets reads every dataset and attribute of each real SOFA
// set (the work of a full load); bytes/s is the file's size.
func BenchmarkReadSets(b *testing.B) {
	for _, name := range []string{"LISTEN_1002_IRC_1002_C_HRIR.sofa", "MIT_KEMAR_normal_pinna.sofa", "MIT_KEMAR_large_pinna.sofa", "Pulse.sofa"} {
		data, err := os.ReadFile(filepath.Join(testdata, "sofa", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(name, ".sofa"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for range b.N {
				if _, err := digest(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestUnshuffle(t *testing.T) {
	// 3 elements of 4 bytes, bytes grouped by position, and 2 bytes left over
	in := []byte{1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12, 13, 14}
	want := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}
	if got := unshuffle(in, 4, make([]byte, len(in))); !bytes.Equal(got, want) {
		t.Errorf("unshuffle: %v", got)
	}
	in8 := make([]byte, 16)
	for i := range in8 {
		in8[i] = byte(i%2*8 + i/2) // element k's byte j at j·2 + k
	}
	got := unshuffle(in8, 8, make([]byte, 16))
	for i, v := range got {
		if int(v) != i {
			t.Fatalf("8-byte unshuffle: %v", got)
		}
	}
	// elements larger than the data (a corrupt parameter): unchanged, at once
	if got := unshuffle([]byte{1, 2, 3}, 1<<30, make([]byte, 3)); !bytes.Equal(got, []byte{1, 2, 3}) {
		t.Errorf("huge elements: %v", got)
	}
}
