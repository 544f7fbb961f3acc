package hdf5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Dataset is a dataset (a netCDF variable) of the file.
type Dataset struct {
	f      *File
	obj    *object
	Path   string
	Type   *Datatype
	Space  *Dataspace
	attrs  []*Attribute
	layout layout
	filter []filter
	fill   []byte // one element, nil when undefined (zeros)
}

// Layout classes and chunk index types.
const (
	layoutCompact    = 0
	layoutContiguous = 1
	layoutChunked    = 2

	indexBTree1     = 0 // layout versions 1–3
	indexSingle     = 1
	indexImplicit   = 2
	indexFixedArray = 3
	indexExtArray   = 4
	indexBTree2     = 5
)

type layout struct {
	class   int
	version int
	data    []byte   // compact
	addr    uint64   // contiguous data, chunk index or the single chunk
	size    uint64   // contiguous size
	chunk   []uint64 // chunk dims (rank of the dataspace)
	index   int
	// single chunk of a filtered dataset
	singleSize uint64
	singleMask uint32
	// fixed array page bits, extensible array parameters
	params []byte
}

type filter struct {
	id       uint16
	optional bool
	values   []uint32
}

func (f *File) openDataset(path string, addr uint64) (*Dataset, error) {
	o, err := f.readObject(path, addr)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{f: f, obj: o, Path: path}
	m, ok, err := o.one(msgDatatype, "datatype")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errorf(path, "not a dataset (no datatype message)")
	}
	d := &decoder{f: f, obj: path, b: m.data}
	if ds.Type = parseDatatype(d, 0); d.err != nil {
		return nil, d.err
	}
	if m, ok, err = o.one(msgDataspace, "dataspace"); err != nil || !ok {
		if err == nil {
			err = errorf(path, "dataset without a dataspace")
		}
		return nil, err
	}
	d = &decoder{f: f, obj: path, b: m.data}
	if ds.Space = parseDataspace(d); d.err != nil {
		return nil, d.err
	}
	if m, ok, err = o.one(msgLayout, "layout"); err != nil || !ok {
		if err == nil {
			err = errorf(path, "dataset without a layout")
		}
		return nil, err
	}
	if err := ds.parseLayout(m.data); err != nil {
		return nil, err
	}
	if m, ok, err = o.one(msgFilters, "filter pipeline"); err != nil {
		return nil, err
	} else if ok {
		if err := ds.parseFilters(m.data); err != nil {
			return nil, err
		}
	}
	if err := ds.parseFill(); err != nil {
		return nil, err
	}
	if ds.attrs, err = f.readAttributes(o); err != nil {
		return nil, err
	}
	return ds, nil
}

// Attributes returns the dataset's attributes.
func (ds *Dataset) Attributes() []*Attribute { return ds.attrs }

// Attribute returns the attribute called name, or nil.
func (ds *Dataset) Attribute(name string) *Attribute { return findAttr(ds.attrs, name) }

// Dims returns the dataset's dimensions (nil for a scalar).
func (ds *Dataset) Dims() []uint64 { return append([]uint64(nil), ds.Space.Dims...) }

func (ds *Dataset) parseLayout(data []byte) error {
	d := &decoder{f: ds.f, obj: ds.Path, b: data}
	l := &ds.layout
	l.version = int(d.u8())
	rank := len(ds.Space.Dims)
	switch l.version {
	case 1, 2:
		nd := int(d.u8())
		l.class = int(d.u8())
		d.skip(5)
		if l.class != layoutCompact {
			l.addr = d.addr()
		}
		if nd < 1 || nd > maxRank+1 {
			d.fail("layout of %d dimensions", nd)
			return d.err
		}
		dims := make([]uint64, nd)
		for i := range dims {
			dims[i] = uint64(d.u32())
		}
		switch l.class {
		case layoutChunked:
			// the last dimension is the element size
			if dims[nd-1] != uint64(ds.Type.Size) {
				d.fail("chunk element size %d differs from the datatype's %d", dims[nd-1], ds.Type.Size)
			}
			l.chunk = dims[:nd-1]
			l.index = indexBTree1
		case layoutContiguous:
			n := uint64(ds.Type.Size)
			for _, v := range dims {
				var ok bool
				if n, ok = mulLimit(n, v, uint64(len(ds.f.b))); !ok {
					d.fail("contiguous data larger than the file")
				}
			}
			l.size = n
		case layoutCompact:
			n := d.u32()
			l.data = d.bytes(int(n))
		default:
			d.fail("layout class %d", l.class)
		}
	case 3, 4:
		l.class = int(d.u8())
		switch l.class {
		case layoutCompact:
			n := d.u16()
			l.data = d.bytes(int(n))
		case layoutContiguous:
			l.addr = d.addr()
			l.size = d.length()
		case layoutChunked:
			flags := uint8(0)
			if l.version == 4 {
				flags = d.u8()
			}
			nd := int(d.u8())
			if d.err == nil && (nd < 1 || nd > maxRank+1) {
				d.fail("chunks of %d dimensions", nd)
			}
			if l.version == 3 {
				l.addr = d.addr()
			}
			encLen := 4
			if l.version == 4 {
				encLen = int(d.u8())
				if d.err == nil && (encLen < 1 || encLen > 8) {
					d.fail("chunk dimensions encoded in %d bytes", encLen)
				}
			}
			if d.err != nil {
				return d.err
			}
			dims := make([]uint64, nd)
			for i := range dims {
				dims[i] = d.uvar(encLen)
			}
			l.chunk = dims[:nd-1]
			if l.version == 3 {
				l.index = indexBTree1
				if dims[nd-1] != uint64(ds.Type.Size) {
					d.fail("chunk element size %d differs from the datatype's %d", dims[nd-1], ds.Type.Size)
				}
				break
			}
			l.index = int(d.u8())
			switch l.index {
			case indexSingle:
				if flags&2 != 0 {
					l.singleSize = d.length()
					l.singleMask = d.u32()
				}
			case indexImplicit:
			case indexFixedArray:
				l.params = d.bytes(1)
			case indexExtArray:
				l.params = d.bytes(5)
			case indexBTree2:
				l.params = d.bytes(6)
			default:
				d.fail("chunk index type %d", l.index)
			}
			l.addr = d.addr()
			if d.err == nil && dims[nd-1] != uint64(ds.Type.Size) {
				d.fail("chunk element size %d differs from the datatype's %d", dims[nd-1], ds.Type.Size)
			}
		default:
			d.fail("layout class %d (virtual datasets are not supported)", l.class)
		}
	default:
		d.fail("layout message version %d", l.version)
	}
	if d.err != nil {
		return d.err
	}
	if l.class == layoutChunked {
		if len(l.chunk) != rank {
			return errorf(ds.Path, "chunks of rank %d for a dataspace of rank %d", len(l.chunk), rank)
		}
		n := uint64(ds.Type.Size)
		for _, c := range l.chunk {
			var ok bool
			if c == 0 {
				return errorf(ds.Path, "chunk dimension of 0")
			}
			if n, ok = mulLimit(n, c, maxChunkBytes); !ok {
				return errorf(ds.Path, "chunks of %v elements are larger than %d bytes", l.chunk, maxChunkBytes)
			}
		}
	}
	return nil
}

func (ds *Dataset) parseFilters(data []byte) error {
	d := &decoder{f: ds.f, obj: ds.Path, b: data}
	ver := d.u8()
	n := int(d.u8())
	if ver == 1 {
		d.skip(6)
	} else if ver != 2 {
		d.fail("filter pipeline version %d", ver)
	}
	if n > 32 {
		d.fail("%d filters", n)
	}
	for range n {
		var flt filter
		flt.id = d.u16()
		nameLen := 0
		if ver == 1 || flt.id >= 256 {
			nameLen = int(d.u16())
		}
		flags := d.u16()
		flt.optional = flags&1 != 0
		nv := int(d.u16())
		if ver == 1 {
			d.skip((nameLen + 7) &^ 7)
		} else {
			d.skip(nameLen)
		}
		if nv > 256 {
			d.fail("filter with %d parameters", nv)
		}
		if d.err != nil {
			return d.err
		}
		flt.values = make([]uint32, nv)
		for i := range flt.values {
			flt.values[i] = d.u32()
		}
		if ver == 1 && nv%2 == 1 {
			d.skip(4)
		}
		switch flt.id {
		case 1, 2, 3:
		default:
			d.fail("filter %d is not supported (deflate, shuffle and fletcher32 are)", flt.id)
		}
		ds.filter = append(ds.filter, flt)
	}
	return d.err
}

func (ds *Dataset) parseFill() error {
	if m, ok, err := ds.obj.one(msgFill, "fill value"); err != nil {
		return err
	} else if ok {
		d := &decoder{f: ds.f, obj: ds.Path, b: m.data}
		ver := d.u8()
		var defined bool
		switch ver {
		case 1, 2:
			d.skip(2)
			defined = d.u8() != 0
			if ver == 1 {
				defined = true
			}
		case 3:
			flags := d.u8()
			defined = flags&0x20 != 0
		default:
			d.fail("fill value message version %d", ver)
		}
		if defined && d.err == nil {
			n := d.u32()
			if n != 0 {
				if n != ds.Type.Size {
					d.fail("fill value of %d bytes for elements of %d", n, ds.Type.Size)
				}
				ds.fill = d.bytes(int(n))
			}
		}
		return d.err
	}
	if m, ok, err := ds.obj.one(msgFillOld, "old fill value"); err != nil {
		return err
	} else if ok {
		d := &decoder{f: ds.f, obj: ds.Path, b: m.data}
		n := d.u32()
		if n != 0 && n == ds.Type.Size {
			ds.fill = d.bytes(int(n))
		}
		return d.err
	}
	return nil
}

// raw returns the dataset's elements as bytes (count × element size) in
// row-major order. It refuses datasets of more than maxElems elements.
func (ds *Dataset) raw(maxElems uint64) ([]byte, uint64, error) {
	count, ok := ds.Space.count(maxElems)
	if !ok {
		return nil, 0, errorf(ds.Path, "%v elements exceed the limit of %d", ds.Space.Dims, maxElems)
	}
	esz := uint64(ds.Type.Size)
	total, ok := mulLimit(count, esz, 1<<40)
	if !ok {
		return nil, 0, errorf(ds.Path, "dataset too large")
	}
	l := &ds.layout
	switch l.class {
	case layoutCompact:
		if uint64(len(l.data)) != total {
			return nil, 0, errorf(ds.Path, "compact data of %d bytes, want %d", len(l.data), total)
		}
		return l.data, count, nil
	case layoutContiguous:
		if len(ds.filter) > 0 {
			return nil, 0, errorf(ds.Path, "filters on contiguous data")
		}
		if l.addr == undefined {
			return ds.filled(total), count, nil
		}
		if l.size < total {
			return nil, 0, errorf(ds.Path, "contiguous data of %d bytes, want %d", l.size, total)
		}
		b, err := ds.f.at(ds.Path, l.addr, total)
		if err != nil {
			return nil, 0, err
		}
		return b, count, nil
	}
	if l.class != layoutChunked || len(l.chunk) != len(ds.Space.Dims) {
		return nil, 0, errorf(ds.Path, "layout class %d with chunks of rank %d for a dataspace of rank %d", l.class, len(l.chunk), len(ds.Space.Dims))
	}
	// chunked: the output is bounded by maxElems; the file's chunks must
	// also be able to hold it (every chunk is at least one byte stored),
	// which bounds allocation by the file's size for corrupt dimensions.
	nchunks := uint64(1)
	for i, dim := range ds.Space.Dims {
		nchunks, _ = mulLimit(nchunks, (dim+l.chunk[i]-1)/l.chunk[i], 1<<62)
	}
	if count > 0 && l.addr == undefined {
		return ds.filled(total), count, nil
	}
	if count == 0 {
		return nil, 0, nil
	}
	// Every allocated chunk of a real file takes file space; a dataset
	// far larger than 1000× the file with all chunks present is corrupt.
	if total > 1024*uint64(len(ds.f.b))+1<<20 {
		return nil, 0, errorf(ds.Path, "%d bytes of data declared in a file of %d bytes", total, len(ds.f.b))
	}
	out := ds.filled(total)
	seen := map[uint64]bool{}
	var refs []chunkRef
	err := ds.chunks(nchunks, func(c chunkRef) error {
		if seen[c.linear] {
			return errorf(ds.Path, "chunk at %v listed twice", c.offset)
		}
		seen[c.linear] = true
		refs = append(refs, c)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if err := ds.placeChunks(out, refs); err != nil {
		return nil, 0, err
	}
	return out, count, nil
}

func (ds *Dataset) filled(total uint64) []byte {
	out := make([]byte, total)
	if ds.fill != nil && !allZero(ds.fill) {
		for i := 0; i < len(out); i += len(ds.fill) {
			copy(out[i:], ds.fill)
		}
	}
	return out
}

func allZero(b []byte) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return true
}

// chunkRef is one stored chunk.
type chunkRef struct {
	offset []uint64 // element offsets of the chunk's first element
	linear uint64   // linear index of the chunk in the chunk grid
	addr   uint64
	size   uint64 // bytes stored
	mask   uint32 // filters skipped
}

// placeChunks decodes the chunks into out, on up to GOMAXPROCS goroutines
// (chunks are disjoint: duplicates were refused). The error reported is
// that of the first failing chunk in index order, whatever the timing.
func (ds *Dataset) placeChunks(out []byte, refs []chunkRef) error {
	workers := min(runtime.GOMAXPROCS(0), len(refs), 8)
	errs := make([]error, len(refs))
	if workers <= 1 {
		var sc scratch
		for i, c := range refs {
			if errs[i] = ds.placeChunk(out, c, &sc); errs[i] != nil {
				return errs[i]
			}
		}
		return nil
	}
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc scratch // buffers reused from chunk to chunk
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(refs) {
					return
				}
				if errs[i] = ds.placeChunk(out, refs[i], &sc); errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// placeChunk decodes a chunk and copies its elements into out.
func (ds *Dataset) placeChunk(out []byte, c chunkRef, sc *scratch) error {
	l := &ds.layout
	esz := uint64(ds.Type.Size)
	full := esz
	for _, v := range l.chunk {
		full *= v
	}
	stored, err := ds.f.at(ds.Path, c.addr, c.size)
	if err != nil {
		return err
	}
	data, err := ds.unfilter(stored, c.mask, full, sc)
	if err != nil {
		return errorf(ds.Path, "chunk at %v: %v", c.offset, err.(*Error).Problem)
	}
	dims := ds.Space.Dims
	rank := len(dims)
	if rank == 0 {
		copy(out, data[:esz])
		return nil
	}
	// strides in elements of the dataset and of the chunk
	dstStride := make([]uint64, rank)
	srcStride := make([]uint64, rank)
	dstStride[rank-1], srcStride[rank-1] = 1, 1
	for i := rank - 2; i >= 0; i-- {
		dstStride[i] = dstStride[i+1] * dims[i+1]
		srcStride[i] = srcStride[i+1] * l.chunk[i+1]
	}
	last := min(l.chunk[rank-1], dims[rank-1]-c.offset[rank-1])
	idx := make([]uint64, rank) // position within the chunk, dims 0..rank-2
	for {
		var src, dst uint64
		inside := true
		for i := 0; i < rank-1; i++ {
			if c.offset[i]+idx[i] >= dims[i] {
				inside = false
				break
			}
			src += idx[i] * srcStride[i]
			dst += (c.offset[i] + idx[i]) * dstStride[i]
		}
		if inside {
			dst += c.offset[rank-1]
			copy(out[dst*esz:(dst+last)*esz], data[src*esz:(src+last)*esz])
		}
		i := rank - 2
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < l.chunk[i] && c.offset[i]+idx[i] < dims[i] {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return nil
		}
	}
}

// unfilter reverses the filter pipeline on a stored chunk; the result
// must be exactly want bytes.
func (ds *Dataset) unfilter(b []byte, mask uint32, want uint64, sc *scratch) ([]byte, error) {
	for i := len(ds.filter) - 1; i >= 0; i-- {
		flt := ds.filter[i]
		if mask&(1<<i) != 0 {
			continue
		}
		switch flt.id {
		case 1: // deflate (zlib stream; its adler32 is checked at its end)
			zr, err := zlib.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, &Error{ds.Path, "deflate: " + err.Error()}
			}
			// The output is the chunk (want bytes, 4 more when fletcher32
			// came first on writing); deflate expands at most 1032-fold, so
			// never reserve more than the stored bytes could inflate to.
			out := sc.inflate.get(min(want+8, 1032*uint64(len(b))+1024), b)
			n, err := io.ReadFull(zr, out)
			switch err {
			case io.ErrUnexpectedEOF, io.EOF: // the stream ended (and its checksum matched)
			case nil: // filled: the stream must end here
				var one [1]byte
				if m, err := zr.Read(one[:]); m > 0 || err != io.EOF {
					if err != nil && err != io.EOF {
						return nil, &Error{ds.Path, "deflate: " + err.Error()}
					}
					return nil, errorf(ds.Path, "deflate: chunk inflates to more than %d bytes", len(out))
				}
			default:
				return nil, &Error{ds.Path, "deflate: " + err.Error()}
			}
			b = out[:n]
		case 2: // shuffle
			esz := int(ds.Type.Size)
			if len(flt.values) > 0 {
				esz = int(flt.values[0])
			}
			if esz > 1 {
				b = unshuffle(b, esz, sc.shuffle.get(uint64(len(b)), b))
			}
		case 3: // fletcher32
			if len(b) < 4 {
				return nil, errorf(ds.Path, "fletcher32: chunk of %d bytes", len(b))
			}
			data := b[:len(b)-4]
			stored := binary.LittleEndian.Uint32(b[len(b)-4:])
			sum := fletcher32(data)
			// Files of HDF5 before 1.6.3 stored the halves swapped.
			if stored != sum && stored != sum>>16|sum<<16 {
				return nil, errorf(ds.Path, "fletcher32 checksum mismatch (stored %#08x, computed %#08x)", stored, sum)
			}
			b = data
		}
	}
	if uint64(len(b)) != want {
		return nil, errorf(ds.Path, "chunk decodes to %d bytes, want %d", len(b), want)
	}
	return b, nil
}

// Float64s returns a numeric dataset's values in row-major order,
// converted to float64 (integers beyond 2^53 lose precision), refusing
// more than maxElems elements.
func (ds *Dataset) Float64s(maxElems uint64) ([]float64, error) {
	if !ds.Type.numeric() {
		return nil, errorf(ds.Path, "datatype class %d is not numeric", ds.Type.Class)
	}
	raw, n, err := ds.raw(maxElems)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	decodeNumbers(ds.Type, raw, out)
	return out, nil
}

// Strings returns a string dataset's values, refusing more than maxElems.
func (ds *Dataset) Strings(maxElems uint64) ([]string, error) {
	raw, n, err := ds.raw(maxElems)
	if err != nil {
		return nil, err
	}
	return ds.f.decodeStrings(ds.Path, ds.Type, raw, n)
}

// decodeStrings decodes n fixed- or variable-length strings.
func (f *File) decodeStrings(path string, t *Datatype, raw []byte, n uint64) ([]string, error) {
	switch {
	case t.Class == ClassString:
		out := make([]string, n)
		sz := uint64(t.Size)
		for i := range n {
			s := raw[i*sz : (i+1)*sz]
			// as numpy's fixed-length bytes (what h5py returns): trailing
			// NULs removed, nothing else
			out[i] = strings.TrimRight(string(s), "\x00")
		}
		return out, nil
	case t.VarString:
		esz := uint64(4 + f.offsetSize + 4)
		if uint64(len(raw)) < n*esz {
			return nil, errorf(path, "variable-length strings truncated")
		}
		out := make([]string, n)
		heaps := map[uint64]map[uint32][]byte{} // collections parsed once
		total := 0
		for i := range n {
			d := &decoder{f: f, obj: path, b: raw[i*esz : (i+1)*esz]}
			length := d.u32()
			coll := d.addr()
			idx := d.u32()
			if d.err != nil {
				return nil, d.err
			}
			if length == 0 {
				continue
			}
			objs, ok := heaps[coll]
			if !ok {
				var err error
				if objs, err = f.globalHeap(path, coll); err != nil {
					return nil, err
				}
				heaps[coll] = objs
			}
			b, ok := objs[idx]
			if !ok {
				return nil, errorf(path, "global heap object %d not found", idx)
			}
			if uint64(len(b)) < uint64(length) {
				return nil, errorf(path, "string of %d bytes in a heap object of %d", length, len(b))
			}
			if total += int(length); total > maxAttributeData {
				return nil, errorf(path, "strings of more than %d bytes", maxAttributeData)
			}
			out[i] = cutNUL(string(b[:length]))
		}
		return out, nil
	}
	return nil, errorf(path, "datatype class %d is not a string", t.Class)
}

// cutNUL returns s up to its first NUL (null-terminated and null-padded
// strings).
func cutNUL(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// globalHeap returns the objects of the global heap collection at a by
// index (slices of the file's bytes).
func (f *File) globalHeap(path string, a uint64) (map[uint32][]byte, error) {
	d := f.decoder(path, a, uint64(len(f.b)))
	d.signature("GCOL")
	if v := d.u8(); d.err == nil && v != 1 {
		d.fail("global heap version %d", v)
	}
	d.skip(3)
	size := d.length()
	if d.err != nil {
		return nil, d.err
	}
	coll, err := f.at(path, a, size)
	if err != nil {
		return nil, err
	}
	objs := map[uint32][]byte{}
	d = &decoder{f: f, obj: path, b: coll, p: 8 + f.lengthSize}
	for d.p+8+f.lengthSize <= len(coll) {
		id := d.u16()
		d.skip(6)
		n := d.length()
		if d.err != nil {
			return nil, d.err
		}
		if id == 0 {
			break
		}
		if n > uint64(len(coll)-d.p) {
			return nil, errorf(path, "global heap object of %d bytes overruns its collection", n)
		}
		if _, dup := objs[uint32(id)]; dup {
			return nil, errorf(path, "global heap object %d appears twice", id)
		}
		objs[uint32(id)] = coll[d.p : d.p+int(n)]
		d.skip(int((n + 7) &^ 7))
		if d.err != nil {
			return nil, d.err
		}
	}
	return objs, nil
}

// unshuffle reverses the shuffle filter: byte j of element k was stored at
// j·n + k (n elements); trailing bytes beyond n·esz are kept as they are.
func unshuffle(b []byte, esz int, o []byte) []byte {
	n := len(b) / esz
	if n == 0 { // elements larger than the chunk: libhdf5 leaves it as is
		copy(o, b)
		return o
	}
	if esz == 8 {
		s0, s1, s2, s3 := b[0:n], b[n:2*n], b[2*n:3*n], b[3*n:4*n]
		s4, s5, s6, s7 := b[4*n:5*n], b[5*n:6*n], b[6*n:7*n], b[7*n:8*n]
		for k := range s0 {
			d := o[8*k : 8*k+8 : 8*k+8]
			d[0], d[1], d[2], d[3] = s0[k], s1[k], s2[k], s3[k]
			d[4], d[5], d[6], d[7] = s4[k], s5[k], s6[k], s7[k]
		}
	} else {
		for j := range esz {
			src := b[j*n : (j+1)*n]
			for k, v := range src {
				o[k*esz+j] = v
			}
		}
	}
	copy(o[n*esz:], b[n*esz:])
	return o
}

// scratch holds a dataset read's buffers, reused from chunk to chunk
// (a filter's output is copied into the dataset before the next chunk).
type scratch struct{ inflate, shuffle buffer }

type buffer []byte

// get returns n bytes (contents undefined), reusing the buffer when large
// enough and not holding in, the filter's input (a pipeline may apply a
// filter twice).
func (b *buffer) get(n uint64, in []byte) []byte {
	if cap(*b) > 0 && len(in) > 0 && &(*b)[:1][0] == &in[0] {
		return make([]byte, n)
	}
	if uint64(cap(*b)) < n {
		*b = make([]byte, n)
	}
	return (*b)[:n]
}
