package hdf5

// btree1 walks the version-1 B-tree at addr (node type typ: 0 group nodes,
// 1 chunk nodes; keySize bytes per key) and calls fn for every leaf child
// with the key to its left.
func (f *File) btree1(path string, addr uint64, typ int, keySize int, fn func(child uint64, key []byte) error) error {
	seen := map[uint64]bool{}
	var walk func(a uint64, level int) error
	walk = func(a uint64, level int) error {
		if seen[a] {
			return errorf(path, "B-tree node at %d is visited twice", a)
		}
		seen[a] = true
		d := f.decoder(path, a, uint64(len(f.b)))
		d.signature("TREE")
		t := int(d.u8())
		lvl := int(d.u8())
		n := int(d.u16())
		d.addr()
		d.addr()
		if d.err != nil {
			return d.err
		}
		if t != typ {
			return errorf(path, "B-tree node of type %d, want %d", t, typ)
		}
		if level >= 0 && lvl != level {
			return errorf(path, "B-tree node at level %d, want %d", lvl, level)
		}
		if lvl > maxBTreeDepth {
			return errorf(path, "B-tree of depth %d", lvl)
		}
		// every entry takes at least keySize + offsetSize bytes: bound n by
		// what remains of the file before iterating.
		if per := keySize + f.offsetSize; n > (len(d.b)-d.p)/per {
			return errorf(path, "B-tree node with %d entries overruns the file", n)
		}
		for range n {
			key := d.bytes(keySize)
			child := d.addr()
			if d.err != nil {
				return d.err
			}
			if lvl > 0 {
				if err := walk(child, lvl-1); err != nil {
					return err
				}
			} else if err := fn(child, key); err != nil {
				return err
			}
		}
		d.bytes(keySize) // the last key bounds the last child
		return d.err
	}
	return walk(addr, -1)
}

// limitEncSize is the bytes needed to store the integer v (H5VM_limit_enc_size).
func limitEncSize(v uint64) int {
	n := 0
	for v > 1 {
		v >>= 1
		n++
	}
	return n/8 + 1
}

// btree2 walks the version-2 B-tree whose header is at addr, of record
// type want, and calls fn with every record's bytes.
func (f *File) btree2(path string, addr uint64, want int, fn func(rec []byte) error) error {
	d := f.decoder(path, addr, uint64(len(f.b)))
	d.signature("BTHD")
	if v := d.u8(); d.err == nil && v != 0 {
		d.fail("v2 B-tree header version %d", v)
	}
	typ := int(d.u8())
	nodeSize := uint64(d.u32())
	recSize := int(d.u16())
	depth := int(d.u16())
	d.skip(2)
	root := d.addr()
	rootN := int(d.u16())
	total := d.length()
	d.checksum(0)
	if d.err != nil {
		return d.err
	}
	if typ != want {
		return errorf(path, "v2 B-tree of record type %d, want %d", typ, want)
	}
	if recSize == 0 || nodeSize < 16 || nodeSize > 1<<24 || depth > maxBTreeDepth {
		return errorf(path, "v2 B-tree with node size %d, record size %d, depth %d", nodeSize, recSize, depth)
	}
	if total > uint64(len(f.b)) {
		return errorf(path, "v2 B-tree claims %d records in a file of %d bytes", total, len(f.b))
	}
	if root == undefined {
		if total != 0 || rootN != 0 {
			return errorf(path, "v2 B-tree has no root but %d records", total)
		}
		return nil
	}
	// Node geometry, as the format derives it from the node size.
	const prefix = 10 // signature, version, type, checksum
	type info struct {
		maxRec       uint64
		maxRecSize   int
		cumMax       uint64
		cumMaxSize   int
		pointerBytes int // of a child pointer in a node at this depth
	}
	nodes := make([]info, depth+1)
	nodes[0].maxRec = (nodeSize - prefix) / uint64(recSize)
	nodes[0].maxRecSize = limitEncSize(nodes[0].maxRec)
	nodes[0].cumMax = nodes[0].maxRec
	nodes[0].cumMaxSize = nodes[0].maxRecSize
	for u := 1; u <= depth; u++ {
		ptr := f.offsetSize + nodes[u-1].maxRecSize
		if u > 1 {
			ptr += nodes[u-1].cumMaxSize
		}
		nodes[u].pointerBytes = ptr
		if nodeSize < prefix+uint64(ptr) {
			return errorf(path, "v2 B-tree nodes of %d bytes are too small", nodeSize)
		}
		m := (nodeSize - prefix - uint64(ptr)) / uint64(recSize+ptr)
		nodes[u].maxRec = m
		nodes[u].maxRecSize = limitEncSize(m)
		c, ok := mulLimit(m+1, nodes[u-1].cumMax, 1<<62)
		if !ok {
			c = 1 << 62
		}
		nodes[u].cumMax = c + m
		nodes[u].cumMaxSize = limitEncSize(nodes[u].cumMax)
	}
	seen := map[uint64]bool{}
	count := uint64(0)
	var walk func(a uint64, n int, lvl int) error
	walk = func(a uint64, n int, lvl int) error {
		if seen[a] {
			return errorf(path, "v2 B-tree node at %d is visited twice", a)
		}
		seen[a] = true
		if uint64(n) > nodes[lvl].maxRec {
			return errorf(path, "v2 B-tree node with %d records (at most %d fit)", n, nodes[lvl].maxRec)
		}
		nd := f.decoder(path, a, nodeSize)
		if lvl == 0 {
			nd.signature("BTLF")
		} else {
			nd.signature("BTIN")
		}
		if v := nd.u8(); nd.err == nil && v != 0 {
			nd.fail("v2 B-tree node version %d", v)
		}
		if t := int(nd.u8()); nd.err == nil && t != typ {
			nd.fail("v2 B-tree node of type %d in a tree of type %d", t, typ)
		}
		recs := nd.bytes(n * recSize)
		type child struct {
			addr uint64
			n    int
		}
		var kids []child
		if lvl > 0 {
			kids = make([]child, n+1)
			for i := range kids {
				kids[i].addr = nd.addr()
				kids[i].n = int(nd.uvar(nodes[lvl-1].maxRecSize))
				if lvl > 1 {
					nd.uvar(nodes[lvl-1].cumMaxSize)
				}
			}
		}
		nd.checksum(0)
		if nd.err != nil {
			return nd.err
		}
		for i := 0; i <= n; i++ {
			if lvl > 0 {
				if err := walk(kids[i].addr, kids[i].n, lvl-1); err != nil {
					return err
				}
			}
			if i < n {
				count++
				if err := fn(recs[i*recSize : (i+1)*recSize]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(root, rootN, depth); err != nil {
		return err
	}
	if count != total {
		return errorf(path, "v2 B-tree holds %d records but its header says %d", count, total)
	}
	return nil
}
