package hdf5

import (
	"encoding/binary"
	"math"
)

// Class is an HDF5 datatype class.
type Class int

// The datatype classes (HDF5 File Format Specification IV.A.2.d).
const (
	ClassFixedPoint Class = 0
	ClassFloat      Class = 1
	ClassTime       Class = 2
	ClassString     Class = 3
	ClassBitfield   Class = 4
	ClassOpaque     Class = 5
	ClassCompound   Class = 6
	ClassReference  Class = 7
	ClassEnum       Class = 8
	ClassVarLen     Class = 9
	ClassArray      Class = 10
)

// Datatype describes the type of a dataset's or attribute's elements.
type Datatype struct {
	Class     Class
	Size      uint32 // bytes per element
	BigEndian bool   // fixed-point and floating-point
	Signed    bool   // fixed-point
	// VarString is true for a variable-length string (class 9 of type 1).
	VarString bool
	// UTF8 is true for strings whose character set is UTF-8 (else ASCII,
	// which real files often fill with Latin-1 bytes).
	UTF8 bool
	// base is the element type of a variable-length sequence.
	base *Datatype
}

// numeric reports whether values of t decode as numbers.
func (t *Datatype) numeric() bool {
	return t.Class == ClassFixedPoint || t.Class == ClassFloat
}

// parseDatatype decodes a datatype message.
func parseDatatype(d *decoder, depth int) *Datatype {
	if depth > 8 {
		d.fail("datatype nested too deeply")
		return nil
	}
	cv := d.u8()
	bf := uint32(d.u8()) | uint32(d.u8())<<8 | uint32(d.u8())<<16
	t := &Datatype{Class: Class(cv & 0x0f), Size: d.u32()}
	ver := cv >> 4
	if d.err != nil {
		return nil
	}
	if ver < 1 || ver > 4 {
		d.fail("datatype version %d", ver)
		return nil
	}
	if t.Size == 0 && t.Class != ClassVarLen {
		d.fail("datatype of class %d has size 0", t.Class)
		return nil
	}
	switch t.Class {
	case ClassFixedPoint:
		t.BigEndian = bf&1 != 0
		t.Signed = bf&8 != 0
		off, prec := d.u16(), d.u16()
		if d.err == nil && (off != 0 || uint32(prec) != 8*t.Size || (t.Size != 1 && t.Size != 2 && t.Size != 4 && t.Size != 8)) {
			d.fail("integer type of %d bytes with bit offset %d and precision %d is not supported", t.Size, off, prec)
		}
	case ClassFloat:
		t.BigEndian = bf&1 != 0
		if bf&0x40 != 0 {
			d.fail("VAX floating-point byte order is not supported")
		}
		off, prec := d.u16(), d.u16()
		eloc, esize, mloc, msize := d.u8(), d.u8(), d.u8(), d.u8()
		bias := d.u32()
		if d.err != nil {
			return nil
		}
		ieee := (t.Size == 4 && off == 0 && prec == 32 && eloc == 23 && esize == 8 && mloc == 0 && msize == 23 && bias == 127) ||
			(t.Size == 8 && off == 0 && prec == 64 && eloc == 52 && esize == 11 && mloc == 0 && msize == 52 && bias == 1023)
		if !ieee || (bf>>4)&3 != 2 || (bf>>1)&7 != 0 {
			d.fail("floating-point type of %d bytes is not IEEE 754 single or double", t.Size)
		}
	case ClassString:
		t.UTF8 = (bf>>4)&0x0f == 1
		if pad := bf & 0x0f; pad > 2 {
			d.fail("string padding type %d", pad)
		}
	case ClassVarLen:
		kind := bf & 0x0f
		if kind == 1 {
			t.VarString = true
			t.UTF8 = (bf>>8)&0x0f == 1
		}
		t.base = parseDatatype(d, depth+1)
	default:
		// Other classes (references, compounds …) are kept opaque: their
		// properties are skipped by the caller, which knows the message's
		// size; values of these types are refused when asked for.
	}
	if d.err != nil {
		return nil
	}
	return t
}

// Dataspace is the shape of a dataset or attribute: Dims is nil for a
// scalar; Null is true for an empty (null) dataspace.
type Dataspace struct {
	Dims    []uint64
	MaxDims []uint64
	Null    bool
}

// count is the number of elements, or false above limit.
func (s *Dataspace) count(limit uint64) (uint64, bool) {
	if s.Null {
		return 0, true
	}
	n := uint64(1)
	for _, v := range s.Dims {
		var ok bool
		if n, ok = mulLimit(n, v, limit); !ok {
			return 0, false
		}
	}
	return n, true
}

func parseDataspace(d *decoder) *Dataspace {
	ver := d.u8()
	rank := int(d.u8())
	flags := d.u8()
	s := &Dataspace{}
	switch ver {
	case 1:
		d.skip(5)
	case 2:
		switch d.u8() {
		case 0: // scalar
		case 1:
		case 2:
			s.Null = true
		default:
			d.fail("dataspace type unknown")
		}
	default:
		d.fail("dataspace version %d", ver)
	}
	if rank > maxRank {
		d.fail("dataspace of rank %d (at most %d)", rank, maxRank)
	}
	if d.err != nil {
		return nil
	}
	if rank > 0 {
		s.Dims = make([]uint64, rank)
		for i := range s.Dims {
			s.Dims[i] = d.length()
		}
		if flags&1 != 0 {
			s.MaxDims = make([]uint64, rank)
			for i := range s.MaxDims {
				s.MaxDims[i] = d.length()
			}
		}
	}
	if d.err != nil {
		return nil
	}
	return s
}

// decodeNumbers converts n elements of numeric type t in raw to float64.
func decodeNumbers(t *Datatype, raw []byte, out []float64) {
	var bo binary.ByteOrder = binary.LittleEndian
	if t.BigEndian {
		bo = binary.BigEndian
	}
	sz := int(t.Size)
	for i := range out {
		b := raw[i*sz : (i+1)*sz]
		switch {
		case t.Class == ClassFloat && sz == 8:
			out[i] = math.Float64frombits(bo.Uint64(b))
		case t.Class == ClassFloat:
			out[i] = float64(math.Float32frombits(bo.Uint32(b)))
		case sz == 1 && t.Signed:
			out[i] = float64(int8(b[0]))
		case sz == 1:
			out[i] = float64(b[0])
		case sz == 2 && t.Signed:
			out[i] = float64(int16(bo.Uint16(b)))
		case sz == 2:
			out[i] = float64(bo.Uint16(b))
		case sz == 4 && t.Signed:
			out[i] = float64(int32(bo.Uint32(b)))
		case sz == 4:
			out[i] = float64(bo.Uint32(b))
		case t.Signed:
			out[i] = float64(int64(bo.Uint64(b)))
		default:
			out[i] = float64(bo.Uint64(b))
		}
	}
}
