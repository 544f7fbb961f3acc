package hdf5

// fractalHeap is a parsed fractal heap header (the storage of dense links
// and attributes).
type fractalHeap struct {
	f           *File
	path        string
	addr        uint64
	idLen       int
	flags       uint8
	width       uint64
	start       uint64 // starting block size
	maxDirect   uint64 // maximum direct block size
	maxHeapBits int
	root        uint64
	rootRows    int
	offBytes    int             // bytes of a heap offset
	verified    map[uint64]bool // direct blocks whose checksum matched
	lenBytes    int             // bytes of an object length in a managed heap ID
	maxDirRows  int
}

func (f *File) readFractalHeap(path string, addr uint64) (*fractalHeap, error) {
	d := f.decoder(path, addr, uint64(len(f.b)))
	d.signature("FRHP")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("fractal heap version %d", v)
	}
	h := &fractalHeap{f: f, path: path, addr: addr}
	h.idLen = int(d.u16())
	filterLen := int(d.u16())
	h.flags = d.u8()
	maxManaged := uint64(d.u32())
	d.length() // next huge ID
	d.addr()   // huge objects' B-tree
	d.length() // free space
	d.addr()   // free-space manager
	d.length() // managed space
	d.length() // allocated managed space
	d.length() // direct block allocation iterator
	d.length() // managed objects
	d.length() // huge objects' size
	d.length() // huge objects
	d.length() // tiny objects' size
	d.length() // tiny objects
	h.width = uint64(d.u16())
	h.start = d.length()
	h.maxDirect = d.length()
	h.maxHeapBits = int(d.u16())
	d.u16() // starting rows of the root indirect block
	h.root = d.addr()
	h.rootRows = int(d.u16())
	if filterLen > 0 {
		d.fail("filtered fractal heaps are not supported")
	}
	d.checksum(0)
	if d.err != nil {
		return nil, d.err
	}
	ls, lm, lw := log2(h.start), log2(h.maxDirect), log2(h.width)
	if ls < 0 || lm < ls || lw < 0 || h.maxHeapBits < 1 || h.maxHeapBits > 64 || lm >= h.maxHeapBits || h.idLen < 2 || h.idLen > 64 || h.rootRows > 64 {
		return nil, errorf(path, "fractal heap with width %d, block sizes %d to %d, %d-bit offsets, %d-byte IDs, %d root rows", h.width, h.start, h.maxDirect, h.maxHeapBits, h.idLen, h.rootRows)
	}
	h.offBytes = (h.maxHeapBits + 7) / 8
	h.lenBytes = min((lm+7)/8, limitEncSize(maxManaged))
	h.maxDirRows = lm - ls + 2
	return h, nil
}

// rowSize is the block size of a row of the doubling table.
func (h *fractalHeap) rowSize(r int) uint64 {
	if r == 0 {
		return h.start
	}
	if r-1 >= 64-log2(h.start) {
		return 1 << 63
	}
	return h.start << (r - 1)
}

// object returns the bytes of the object with heap ID id.
func (h *fractalHeap) object(id []byte) ([]byte, error) {
	if len(id) < 1 {
		return nil, errorf(h.path, "empty heap ID")
	}
	switch kind := id[0] >> 4 & 3; {
	case id[0]>>6 != 0:
		return nil, errorf(h.path, "heap ID version %d", id[0]>>6)
	case kind == 2: // tiny: the object is in the ID
		n := int(id[0]&0x0f) + 1
		if 1+n > len(id) {
			return nil, errorf(h.path, "tiny heap object of %d bytes in a %d-byte ID", n, len(id))
		}
		return id[1 : 1+n], nil
	case kind != 0:
		return nil, errorf(h.path, "huge heap objects are not supported")
	}
	d := &decoder{f: h.f, obj: h.path, b: id, p: 1}
	off := d.uvar(h.offBytes)
	n := d.uvar(h.lenBytes)
	if d.err != nil {
		return nil, d.err
	}
	if n == 0 || n > h.maxDirect {
		return nil, errorf(h.path, "heap object of %d bytes", n)
	}
	if h.rootRows == 0 {
		return h.fromDirect(h.root, h.start, 0, off, n)
	}
	return h.fromIndirect(h.root, h.rootRows, 0, off, n, 0)
}

func (h *fractalHeap) fromDirect(addr, size, base, off, n uint64) ([]byte, error) {
	blk, err := h.f.at(h.path, addr, size)
	if err != nil {
		return nil, err
	}
	d := &decoder{f: h.f, obj: h.path, b: blk}
	d.signature("FHDB")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("fractal heap direct block version %d", v)
	}
	if a := d.addr(); d.err == nil && a != h.addr {
		d.fail("direct block belongs to the heap at %d, not %d", a, h.addr)
	}
	if bo := d.uvar(h.offBytes); d.err == nil && bo != base {
		d.fail("direct block at heap offset %d, want %d", bo, base)
	}
	if h.flags&2 != 0 {
		at := d.p
		sum := d.u32()
		if d.err == nil && !h.verified[addr] {
			tmp := append([]byte(nil), blk...)
			clear(tmp[at : at+4])
			if got := lookup3(tmp, 0); got != sum {
				d.fail("direct block checksum mismatch (stored %#08x, computed %#08x)", sum, got)
			} else {
				if h.verified == nil {
					h.verified = map[uint64]bool{}
				}
				h.verified[addr] = true
			}
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	rel := off - base
	if rel < uint64(d.p) || rel > size || n > size-rel {
		return nil, errorf(h.path, "heap object of %d bytes at offset %d does not fit its %d-byte block", n, rel, size)
	}
	return blk[rel : rel+n], nil
}

func (h *fractalHeap) fromIndirect(addr uint64, rows int, base, off, n uint64, depth int) ([]byte, error) {
	if depth > 16 {
		return nil, errorf(h.path, "fractal heap indirect blocks nested too deeply")
	}
	d := h.f.decoder(h.path, addr, uint64(len(h.f.b)))
	d.signature("FHIB")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("fractal heap indirect block version %d", v)
	}
	if a := d.addr(); d.err == nil && a != h.addr {
		d.fail("indirect block belongs to the heap at %d, not %d", a, h.addr)
	}
	if bo := d.uvar(h.offBytes); d.err == nil && bo != base {
		d.fail("indirect block at heap offset %d, want %d", bo, base)
	}
	if d.err != nil {
		return nil, d.err
	}
	entries := uint64(rows) * h.width
	if entries > uint64(len(d.b)) {
		return nil, errorf(h.path, "indirect block of %d entries overruns the file", entries)
	}
	addrs := make([]uint64, entries)
	for i := range addrs {
		addrs[i] = d.addr()
	}
	d.checksum(0)
	if d.err != nil {
		return nil, d.err
	}
	pos := base
	for r := range rows {
		sz := h.rowSize(r)
		for c := range h.width {
			if off < pos+sz {
				a := addrs[uint64(r)*h.width+c]
				if a == undefined {
					return nil, errorf(h.path, "heap object at offset %d lies in an unallocated block", off)
				}
				if r < h.maxDirRows {
					return h.fromDirect(a, sz, pos, off, n)
				}
				childRows := log2(sz) - log2(h.start) - log2(h.width) + 1
				if childRows < 1 || childRows >= rows+1 && depth > 0 {
					return nil, errorf(h.path, "indirect block of %d rows", childRows)
				}
				return h.fromIndirect(a, childRows, pos, off, n, depth+1)
			}
			pos += sz
		}
	}
	return nil, errorf(h.path, "heap offset %d beyond the heap", off)
}
