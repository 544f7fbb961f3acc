package hdf5

import "encoding/binary"

// chunkSizeLen is the bytes of a filtered chunk's size in the newer chunk
// indices: 1 + (log2(chunk bytes) + 8)/8, at most 8.
func (ds *Dataset) chunkSizeLen() int {
	full := uint64(ds.Type.Size)
	for _, v := range ds.layout.chunk {
		full *= v
	}
	n := 0
	for v := full; v > 1; v >>= 1 {
		n++
	}
	return min(1+(n+8)/8, 8)
}

// grid returns the number of chunks along each dimension of dims.
func (ds *Dataset) grid(dims []uint64) []uint64 {
	g := make([]uint64, len(dims))
	for i, d := range dims {
		g[i] = (d + ds.layout.chunk[i] - 1) / ds.layout.chunk[i]
	}
	return g
}

// maxDims are the dataspace's maximum dimensions (its dimensions when
// none are stored).
func (ds *Dataset) maxDims() []uint64 {
	if ds.Space.MaxDims != nil {
		return ds.Space.MaxDims
	}
	return ds.Space.Dims
}

// emit checks a chunk's scaled coordinates and passes it on; chunks
// wholly outside the dataset's current extent are skipped (libhdf5
// ignores them too).
func (ds *Dataset) emit(scaled []uint64, addr, size uint64, mask uint32, fn func(chunkRef) error) error {
	dims := ds.Space.Dims
	g := ds.grid(dims)
	c := chunkRef{offset: make([]uint64, len(dims)), addr: addr, size: size, mask: mask}
	for i := range dims {
		if scaled[i] >= g[i] {
			return nil
		}
		c.offset[i] = scaled[i] * ds.layout.chunk[i]
		c.linear = c.linear*g[i] + scaled[i]
	}
	return fn(c)
}

// chunks enumerates the stored chunks of a chunked dataset.
func (ds *Dataset) chunks(nchunks uint64, fn func(chunkRef) error) error {
	l := &ds.layout
	f := ds.f
	rank := len(ds.Space.Dims)
	esz := uint64(ds.Type.Size)
	full := esz
	for _, v := range l.chunk {
		full *= v
	}
	filtered := len(ds.filter) > 0
	switch l.index {
	case indexBTree1:
		keySize := 8 + 8*(rank+1)
		return f.btree1(ds.Path, l.addr, 1, keySize, func(child uint64, key []byte) error {
			size := uint64(binary.LittleEndian.Uint32(key))
			mask := binary.LittleEndian.Uint32(key[4:])
			scaled := make([]uint64, rank)
			for i := range rank {
				off := binary.LittleEndian.Uint64(key[8+8*i:])
				if off%l.chunk[i] != 0 {
					return errorf(ds.Path, "chunk offset %d is not a multiple of the chunk size %d", off, l.chunk[i])
				}
				scaled[i] = off / l.chunk[i]
			}
			if binary.LittleEndian.Uint64(key[8+8*rank:]) != 0 {
				return errorf(ds.Path, "chunk key with a non-zero element offset")
			}
			return ds.emit(scaled, child, size, mask, fn)
		})
	case indexSingle:
		size, mask := full, uint32(0)
		if filtered {
			size, mask = l.singleSize, l.singleMask
		}
		return ds.emit(make([]uint64, rank), l.addr, size, mask, fn)
	case indexImplicit:
		if filtered {
			return errorf(ds.Path, "implicit chunk index with filters")
		}
		g := ds.grid(ds.maxDims())
		total := uint64(1)
		for _, v := range g {
			var ok bool
			if total, ok = mulLimit(total, v, uint64(len(f.b))); !ok {
				return errorf(ds.Path, "implicit chunk index of too many chunks")
			}
		}
		if _, err := f.at(ds.Path, l.addr, total*full); err != nil {
			return err
		}
		for i := range total {
			if err := ds.emit(unlinear(i, g), l.addr+i*full, full, 0, fn); err != nil {
				return err
			}
		}
		return nil
	case indexBTree2:
		typ, recSize := 10, f.offsetSize+8*rank
		csl := 0
		if filtered {
			csl = ds.chunkSizeLen()
			typ, recSize = 11, f.offsetSize+csl+4+8*rank
		}
		return f.btree2(ds.Path, l.addr, typ, func(rec []byte) error {
			if len(rec) != recSize {
				return errorf(ds.Path, "chunk record of %d bytes, want %d", len(rec), recSize)
			}
			d := &decoder{f: f, obj: ds.Path, b: rec}
			a := d.addr()
			size, mask := full, uint32(0)
			if filtered {
				size = d.uvar(csl)
				mask = d.u32()
			}
			scaled := make([]uint64, rank)
			for i := range scaled {
				scaled[i] = d.u64()
			}
			if d.err != nil {
				return d.err
			}
			return ds.emit(scaled, a, size, mask, fn)
		})
	case indexFixedArray:
		return ds.fixedArray(full, fn)
	case indexExtArray:
		return ds.extensibleArray(full, fn)
	}
	return errorf(ds.Path, "chunk index type %d", l.index)
}

// unlinear turns a row-major linear index into coordinates in grid g.
func unlinear(i uint64, g []uint64) []uint64 {
	s := make([]uint64, len(g))
	for k := len(g) - 1; k >= 0; k-- {
		if g[k] == 0 {
			return s
		}
		s[k] = i % g[k]
		i /= g[k]
	}
	return s
}

// arrayElement decodes one chunk entry of a fixed or extensible array.
func (ds *Dataset) arrayElement(d *decoder, full uint64) (addr, size uint64, mask uint32) {
	addr = d.addr()
	size = full
	if len(ds.filter) > 0 {
		size = d.uvar(ds.chunkSizeLen())
		mask = d.u32()
	}
	return
}

func (ds *Dataset) entrySize() int {
	n := ds.f.offsetSize
	if len(ds.filter) > 0 {
		n += ds.chunkSizeLen() + 4
	}
	return n
}

// fixedArray reads a fixed-array chunk index (layout version 4).
func (ds *Dataset) fixedArray(full uint64, fn func(chunkRef) error) error {
	f := ds.f
	path := ds.Path
	d := f.decoder(path, ds.layout.addr, uint64(len(f.b)))
	d.signature("FAHD")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("fixed array version %d", v)
	}
	client := d.u8()
	esz := int(d.u8())
	pageBits := int(d.u8())
	n := d.length()
	dblk := d.addr()
	d.checksum(0)
	if d.err != nil {
		return d.err
	}
	wantClient := uint8(0)
	if len(ds.filter) > 0 {
		wantClient = 1
	}
	g := ds.grid(ds.maxDims())
	total := uint64(1)
	for _, v := range g {
		total, _ = mulLimit(total, v, 1<<62)
	}
	if client != wantClient || esz != ds.entrySize() || pageBits > 32 || n != total {
		return errorf(path, "fixed array of client %d, %d-byte entries, %d page bits, %d entries (want client %d, %d-byte entries, %d entries)", client, esz, pageBits, n, wantClient, ds.entrySize(), total)
	}
	if n > uint64(len(f.b))/uint64(esz) {
		return errorf(path, "fixed array of %d entries overruns the file", n)
	}
	if dblk == undefined {
		return nil
	}
	d = f.decoder(path, dblk, uint64(len(f.b)))
	d.arrayBlock("FADB", "fixed array data block", client, ds.layout.addr)
	pageN := uint64(1) << pageBits
	visit := func(ed *decoder, idx uint64) error {
		a, size, mask := ds.arrayElement(ed, full)
		if ed.err != nil {
			return ed.err
		}
		if a == undefined {
			return nil
		}
		return ds.emit(unlinear(idx, g), a, size, mask, fn)
	}
	if n <= pageN {
		start := d.p
		d.skip(int(n) * esz)
		d.checksum(0)
		if d.err != nil {
			return d.err
		}
		ed := &decoder{f: f, obj: path, b: d.b[start:]}
		for i := range n {
			if err := visit(ed, i); err != nil {
				return err
			}
		}
		return nil
	}
	npages := (n + pageN - 1) / pageN
	bitmap := d.bytes(int((npages + 7) / 8))
	d.checksum(0)
	if d.err != nil {
		return d.err
	}
	pageAddr := dblk + uint64(d.p)
	for p := range npages {
		cnt := min(pageN, n-p*pageN)
		size := cnt*uint64(esz) + 4
		if bitmap[p/8]&(0x80>>(p%8)) == 0 {
			pageAddr += size
			continue // page never written: no chunks
		}
		pd := f.decoder(path, pageAddr, size)
		pd.skip(int(cnt) * esz)
		pd.checksum(0)
		if pd.err != nil {
			return pd.err
		}
		ed := &decoder{f: f, obj: path, b: pd.b}
		for i := range cnt {
			if err := visit(ed, p*pageN+i); err != nil {
				return err
			}
		}
		pageAddr += size
	}
	return nil
}

// extensibleArray reads an extensible-array chunk index (layout version
// 4, one unlimited dimension).
func (ds *Dataset) extensibleArray(full uint64, fn func(chunkRef) error) error {
	f := ds.f
	path := ds.Path
	d := f.decoder(path, ds.layout.addr, uint64(len(f.b)))
	d.signature("EAHD")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("extensible array version %d", v)
	}
	client := d.u8()
	esz := int(d.u8())
	maxBits := int(d.u8())
	idxElems := uint64(d.u8())
	dblkMin := uint64(d.u8())
	sblkMinPtrs := uint64(d.u8())
	pageBits := int(d.u8())
	for range 4 {
		d.length()
	}
	maxIndex := d.length()
	d.length()
	iblk := d.addr()
	d.checksum(0)
	if d.err != nil {
		return d.err
	}
	wantClient := uint8(0)
	if len(ds.filter) > 0 {
		wantClient = 1
	}
	lmin, lptr := log2(dblkMin), log2(sblkMinPtrs)
	if client != wantClient || esz != ds.entrySize() || maxBits < 1 || maxBits > 64 || lmin < 0 || lptr < 0 || maxBits < lmin || pageBits > 32 || maxIndex > uint64(len(f.b)) {
		return errorf(path, "extensible array of client %d, %d-byte entries, %d bits, %d minimum data block elements, %d minimum pointers, %d page bits", client, esz, maxBits, dblkMin, sblkMinPtrs, pageBits)
	}
	if iblk == undefined {
		return nil
	}
	// Super block geometry (H5EA header initialisation).
	nsblks := 1 + maxBits - lmin
	type sblkInfo struct{ ndblks, dblkN, startIdx, startDblk uint64 }
	si := make([]sblkInfo, nsblks)
	var startIdx, startDblk uint64
	for u := range nsblks {
		si[u].ndblks = 1 << (u / 2)
		si[u].dblkN = (1 << ((u + 1) / 2)) * dblkMin
		si[u].startIdx, si[u].startDblk = startIdx, startDblk
		startIdx += si[u].ndblks * si[u].dblkN
		startDblk += si[u].ndblks
	}
	iNsblks := 2 * lptr
	ndblkAddrs := 2 * (sblkMinPtrs - 1)
	if iNsblks > nsblks {
		return errorf(path, "extensible array geometry inconsistent")
	}
	nsblkAddrs := nsblks - iNsblks
	offBytes := (maxBits + 7) / 8

	d = f.decoder(path, iblk, uint64(len(f.b)))
	d.arrayBlock("EAIB", "extensible array index block", client, ds.layout.addr)
	elems := d.bytes(int(idxElems) * esz)
	dblks := make([]uint64, ndblkAddrs)
	for i := range dblks {
		dblks[i] = d.addr()
	}
	sblks := make([]uint64, nsblkAddrs)
	for i := range sblks {
		sblks[i] = d.addr()
	}
	d.checksum(0)
	if d.err != nil {
		return d.err
	}
	g := ds.grid(ds.maxDims())
	unlim := -1
	for i, m := range ds.maxDims() {
		if m == undefined {
			if unlim >= 0 {
				return errorf(path, "extensible array index on more than one unlimited dimension")
			}
			unlim = i
		}
	}
	if unlim < 0 {
		return errorf(path, "extensible array index without an unlimited dimension")
	}
	// Linear index → scaled coordinates: the unlimited dimension varies
	// slowest, the others in row-major order of their maximum extents.
	others := make([]uint64, 0, len(g))
	per := uint64(1)
	for i, v := range g {
		if i != unlim {
			others = append(others, v)
			per, _ = mulLimit(per, v, 1<<62)
		}
	}
	scaledOf := func(idx uint64) []uint64 {
		rest := unlinear(idx%per, others)
		s := make([]uint64, 0, len(g))
		s = append(s, rest[:unlim]...)
		s = append(s, idx/per)
		return append(s, rest[unlim:]...)
	}
	visit := func(ed *decoder, idx uint64) error {
		a, size, mask := ds.arrayElement(ed, full)
		if ed.err != nil {
			return ed.err
		}
		if a == undefined || idx >= maxIndex {
			return nil
		}
		return ds.emit(scaledOf(idx), a, size, mask, fn)
	}
	ed := &decoder{f: f, obj: path, b: elems}
	for i := range idxElems {
		if err := visit(ed, i); err != nil {
			return err
		}
	}
	// a data block of n elements starting at array index first
	dataBlock := func(a, first, n uint64) error {
		if a == undefined {
			return nil
		}
		dd := f.decoder(path, a, uint64(len(f.b)))
		dd.arrayBlock("EADB", "extensible array data block", client, ds.layout.addr)
		dd.uvar(offBytes)
		pageN := uint64(1) << pageBits
		if n <= pageN {
			start := dd.p
			dd.skip(int(n) * esz)
			dd.checksum(0)
			if dd.err != nil {
				return dd.err
			}
			ed := &decoder{f: f, obj: path, b: dd.b[start:]}
			for i := range n {
				if err := visit(ed, first+i); err != nil {
					return err
				}
			}
			return nil
		}
		dd.checksum(0)
		if dd.err != nil {
			return dd.err
		}
		// Paged data blocks: every page follows the block's prefix. (Page
		// initialisation is recorded in the super block; pages never
		// written hold undefined addresses in libhdf5's files.)
		pa := a + uint64(dd.p)
		for p := uint64(0); p*pageN < n; p++ {
			cnt := min(pageN, n-p*pageN)
			pd := f.decoder(path, pa, cnt*uint64(esz)+4)
			pd.skip(int(cnt) * esz)
			pd.checksum(0)
			if pd.err != nil {
				return pd.err
			}
			ed := &decoder{f: f, obj: path, b: pd.b}
			for i := range cnt {
				if err := visit(ed, first+p*pageN+i); err != nil {
					return err
				}
			}
			pa += cnt*uint64(esz) + 4
		}
		return nil
	}
	// data blocks addressed from the index block (the first super blocks)
	k := uint64(0)
	for u := 0; u < iNsblks; u++ {
		for j := range si[u].ndblks {
			if k >= uint64(len(dblks)) {
				return errorf(path, "extensible array geometry inconsistent")
			}
			first := idxElems + si[u].startIdx + j*si[u].dblkN
			if first < maxIndex {
				if err := dataBlock(dblks[k], first, si[u].dblkN); err != nil {
					return err
				}
			}
			k++
		}
	}
	for s, a := range sblks {
		u := iNsblks + s
		first := idxElems + si[u].startIdx
		if a == undefined || first >= maxIndex {
			continue
		}
		sd := f.decoder(path, a, uint64(len(f.b)))
		sd.arrayBlock("EASB", "extensible array super block", client, ds.layout.addr)
		sd.uvar(offBytes)
		if pageN := uint64(1) << pageBits; si[u].dblkN > pageN {
			npages := (si[u].dblkN + pageN - 1) / pageN
			sd.skip(int(si[u].ndblks * ((npages + 7) / 8)))
		}
		if si[u].ndblks > uint64(len(sd.b)-sd.p)/uint64(f.offsetSize) {
			return errorf(path, "extensible array super block of %d data blocks overruns the file", si[u].ndblks)
		}
		addrs := make([]uint64, si[u].ndblks)
		for i := range addrs {
			addrs[i] = sd.addr()
		}
		sd.checksum(0)
		if sd.err != nil {
			return sd.err
		}
		for j, da := range addrs {
			if err := dataBlock(da, first+uint64(j)*si[u].dblkN, si[u].dblkN); err != nil {
				return err
			}
		}
	}
	return nil
}

// arrayBlock checks the prefix of a fixed or extensible array block:
// signature, version 0, the header's client ID and the header's address.
func (d *decoder) arrayBlock(sig, what string, client uint8, header uint64) {
	d.signature(sig)
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("%s version %d", what, v)
	}
	if c := d.u8(); d.err == nil && c != client {
		d.fail("%s of client %d, its header's is %d", what, c, client)
	}
	if a := d.addr(); d.err == nil && a != header {
		d.fail("%s belongs to the header at %d, not %d", what, a, header)
	}
}
