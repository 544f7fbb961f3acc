package hdf5

import (
	"fmt"
	"sort"
	"strings"
)

// Group is a group of the file: its members (by name) and attributes.
type Group struct {
	f     *File
	obj   *object
	names []string          // members in name order
	addrs map[string]uint64 // member name → object header address
	attrs []*Attribute
}

type symbolTable struct{ btree, heap uint64 }

// Root reads the root group.
func (f *File) Root() (*Group, error) {
	return f.openGroup("/", f.rootAddr)
}

func (f *File) openGroup(path string, addr uint64) (*Group, error) {
	o, err := f.readObject(path, addr)
	if err != nil {
		return nil, err
	}
	g := &Group{f: f, obj: o, addrs: map[string]uint64{}}
	add := func(name string, a uint64) error {
		if _, dup := g.addrs[name]; dup {
			return errorf(path, "member %q is listed twice", name)
		}
		if len(g.addrs) >= maxLinks {
			return errorf(path, "more than %d members", maxLinks)
		}
		g.addrs[name] = a
		g.names = append(g.names, name)
		return nil
	}
	st, haveST, err := o.one(msgSymbolTable, "symbol table")
	if err != nil {
		return nil, err
	}
	if haveST {
		d := &decoder{f: f, obj: path, b: st.data}
		t := symbolTable{btree: d.addr(), heap: d.addr()}
		if d.err != nil {
			return nil, d.err
		}
		if err := f.symbolTableLinks(path, t, add); err != nil {
			return nil, err
		}
	}
	for _, m := range o.find(msgLink) {
		name, a, hard, err := parseLink(f, path, m.data)
		if err != nil {
			return nil, err
		}
		if hard {
			if err := add(name, a); err != nil {
				return nil, err
			}
		}
	}
	li, haveLI, err := o.one(msgLinkInfo, "link info")
	if err != nil {
		return nil, err
	}
	if haveLI {
		d := &decoder{f: f, obj: path, b: li.data}
		if v := d.u8(); d.err == nil && v != 0 {
			d.fail("link info version %d", v)
		}
		flags := d.u8()
		if flags&1 != 0 {
			d.skip(8)
		}
		heap, index := d.addr(), d.addr()
		if d.err != nil {
			return nil, d.err
		}
		if heap != undefined {
			if err := f.denseRecords(path, heap, index, 5, func(obj []byte) error {
				name, a, hard, err := parseLink(f, path, obj)
				if err != nil || !hard {
					return err
				}
				return add(name, a)
			}); err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(g.names)
	if g.attrs, err = f.readAttributes(o); err != nil {
		return nil, err
	}
	return g, nil
}

// parseLink decodes a link message; hard is false for soft and external
// links, which this reader does not follow.
func parseLink(f *File, path string, data []byte) (name string, addr uint64, hard bool, err error) {
	d := &decoder{f: f, obj: path, b: data}
	if v := d.u8(); d.err == nil && v != 1 {
		d.fail("link message version %d", v)
	}
	flags := d.u8()
	typ := uint8(0)
	if flags&0x08 != 0 {
		typ = d.u8()
	}
	if flags&0x04 != 0 {
		d.skip(8)
	}
	if flags&0x10 != 0 {
		d.skip(1)
	}
	n := d.uvar(1 << (flags & 3))
	if d.err == nil && (n == 0 || n > uint64(len(data))) {
		d.fail("link name of %d bytes", n)
	}
	nb := d.bytes(int(n))
	if typ == 0 {
		addr = d.addr()
	}
	if d.err != nil {
		return "", 0, false, d.err
	}
	return string(nb), addr, typ == 0, nil
}

// symbolTableLinks walks an old-style group's B-tree and symbol nodes.
func (f *File) symbolTableLinks(path string, t symbolTable, add func(string, uint64) error) error {
	hd := f.decoder(path, t.heap, uint64(len(f.b)))
	hd.signature("HEAP")
	if v := hd.u8(); hd.err == nil && v != 0 {
		hd.fail("local heap version %d", v)
	}
	hd.skip(3)
	heapSize := hd.length()
	hd.length() // free list
	heapData := hd.addr()
	if hd.err != nil {
		return hd.err
	}
	heap, err := f.at(path, heapData, heapSize)
	if err != nil {
		return err
	}
	return f.btree1(path, t.btree, 0, f.lengthSize, func(child uint64, _ []byte) error {
		sd := f.decoder(path, child, uint64(len(f.b)))
		sd.signature("SNOD")
		if v := sd.u8(); sd.err == nil && v != 1 {
			sd.fail("symbol table node version %d", v)
		}
		sd.skip(1)
		n := int(sd.u16())
		for range n {
			nameOff := sd.offset()
			a := sd.addr()
			sd.skip(4 + 4 + 16)
			if sd.err != nil {
				return sd.err
			}
			if nameOff >= uint64(len(heap)) {
				return errorf(path, "link name at heap offset %d beyond the heap's %d bytes", nameOff, len(heap))
			}
			name := heap[nameOff:]
			end := strings.IndexByte(string(name), 0)
			if end <= 0 {
				return errorf(path, "link name at heap offset %d is empty or unterminated", nameOff)
			}
			if err := add(string(name[:end]), a); err != nil {
				return err
			}
		}
		return sd.err
	})
}

// Names returns the group's members in name order.
func (g *Group) Names() []string { return append([]string(nil), g.names...) }

// Has reports whether the group has a member called name.
func (g *Group) Has(name string) bool { _, ok := g.addrs[name]; return ok }

// Attributes returns the group's attributes in the order they are stored.
func (g *Group) Attributes() []*Attribute { return g.attrs }

// Attribute returns the attribute called name, or nil.
func (g *Group) Attribute(name string) *Attribute { return findAttr(g.attrs, name) }

// Dataset opens the member called name as a dataset.
func (g *Group) Dataset(name string) (*Dataset, error) {
	a, ok := g.addrs[name]
	path := strings.TrimSuffix(g.obj.path, "/") + "/" + name
	if !ok {
		return nil, errorf(path, "no such dataset")
	}
	return g.f.openDataset(path, a)
}

func findAttr(as []*Attribute, name string) *Attribute {
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// denseRecords walks the v2 B-tree at index (of record type want: 5 for
// link names, 8 for attribute names) and passes each record's object from
// the fractal heap at heapAddr to fn.
func (f *File) denseRecords(path string, heapAddr, index uint64, want int, fn func([]byte) error) error {
	h, err := f.readFractalHeap(path, heapAddr)
	if err != nil {
		return err
	}
	return f.btree2(path, index, want, func(rec []byte) error {
		var id []byte
		switch want {
		case 5:
			if len(rec) < 4 {
				return errorf(path, "link record of %d bytes", len(rec))
			}
			id = rec[4:]
		case 8:
			if len(rec) < 8 {
				return errorf(path, "attribute record of %d bytes", len(rec))
			}
			id = rec[:8]
		}
		obj, err := h.object(id)
		if err != nil {
			return err
		}
		return fn(obj)
	})
}

func (f *File) String() string { return fmt.Sprintf("HDF5 file (superblock version %d)", f.superblock) }
