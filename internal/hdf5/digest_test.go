package hdf5

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"sort"
)

// digest is the SHA-256 of the canonical serialisation that
// testdata/sofa/h5py_fixture.py computes from h5py's reading of a file:
// root attributes, then every dataset (shape, values as little-endian
// float64, attributes), in byte order of names; integers, floats and
// strings only.
func digest(b []byte) (string, error) {
	f, err := Open(b)
	if err != nil {
		return "", err
	}
	g, err := f.Root()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if err := emitAttrs(h, g.Attributes()); err != nil {
		return "", err
	}
	for _, name := range g.Names() { // sorted
		ds, err := g.Dataset(name)
		if err != nil {
			return "", err
		}
		h.Write([]byte("D" + name + "\x00"))
		if ds.Type.numeric() {
			h.Write(shapeBytes(ds.Space))
			if !ds.Space.Null {
				v, err := ds.Float64s(1 << 22) // 4M values; the real sets hold at most 727k
				if err != nil {
					return "", err
				}
				h.Write([]byte("F"))
				h.Write(floatBytes(v))
			}
		} else {
			h.Write([]byte("X"))
		}
		if err := emitAttrs(h, ds.Attributes()); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func shapeBytes(s *Dataspace) []byte {
	if s.Null {
		return []byte("N")
	}
	var out []byte
	for _, d := range s.Dims {
		out = binary.LittleEndian.AppendUint64(out, d)
	}
	return append(out, '|')
}

func floatBytes(v []float64) []byte {
	out := make([]byte, 0, 8*len(v))
	for _, x := range v {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(x))
	}
	return out
}

func emitAttrs(h hash.Hash, as []*Attribute) error {
	sorted := append([]*Attribute(nil), as...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, a := range sorted {
		str := a.Type.Class == ClassString || a.Type.VarString
		if !str && !a.Type.numeric() {
			continue
		}
		h.Write([]byte("A" + a.Name + "\x00"))
		h.Write(shapeBytes(a.Space))
		if a.Space.Null {
			continue
		}
		if str {
			s, err := a.Strings()
			if err != nil {
				return err
			}
			h.Write([]byte("S"))
			for _, v := range s {
				h.Write([]byte(v + "\x00"))
			}
			continue
		}
		v, err := a.Float64s()
		if err != nil {
			return err
		}
		h.Write([]byte("F"))
		h.Write(floatBytes(v))
	}
	return nil
}
