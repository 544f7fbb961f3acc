package hdf5

// Header message types (HDF5 File Format Specification, IV.A.2).
const (
	msgNIL          = 0x00
	msgDataspace    = 0x01
	msgLinkInfo     = 0x02
	msgDatatype     = 0x03
	msgFillOld      = 0x04
	msgFill         = 0x05
	msgLink         = 0x06
	msgLayout       = 0x08
	msgGroupInfo    = 0x0a
	msgFilters      = 0x0b
	msgAttribute    = 0x0c
	msgContinuation = 0x10
	msgSymbolTable  = 0x11
	msgAttrInfo     = 0x15
)

// message is one header message; data aliases the file's bytes.
type message struct {
	typ   uint16
	flags uint8
	data  []byte
}

// object is a parsed object header.
type object struct {
	path string
	addr uint64
	msgs []message
}

// readObject parses the object header at addr, following continuation
// blocks (each at most once).
func (f *File) readObject(path string, addr uint64) (*object, error) {
	o := &object{path: path, addr: addr}
	head, err := f.at(path, addr, 4)
	if err != nil {
		return nil, err
	}
	type block struct{ addr, size uint64 }
	var queue []block
	seen := map[uint64]bool{}
	// pop takes the next continuation block, each address once.
	pop := func() (block, []byte, error) {
		b := queue[0]
		queue = queue[1:]
		if seen[b.addr] {
			return b, nil, errorf(path, "object header continuation at %d is visited twice", b.addr)
		}
		seen[b.addr] = true
		if len(seen) > maxHeaderChunks {
			return b, nil, errorf(path, "more than %d object header blocks", maxHeaderChunks)
		}
		raw, err := f.at(path, b.addr, b.size)
		return b, raw, err
	}
	if string(head) == "OHDR" {
		d := f.decoder(path, addr, uint64(len(f.b)))
		d.signature("OHDR")
		if v := d.u8(); d.err == nil && v != 2 {
			return nil, errorf(path, "object header version %d (OHDR must be 2)", v)
		}
		flags := d.u8()
		if flags&^0x3f != 0 {
			d.fail("object header flags %#x has reserved bits set", flags)
		}
		if flags&0x20 != 0 {
			d.skip(16)
		}
		if flags&0x10 != 0 {
			d.skip(4)
		}
		size := d.uvar(1 << (flags & 3))
		if d.err != nil {
			return nil, d.err
		}
		body := d.bytes(int(min(size, uint64(len(f.b)))))
		d.checksumFrom(0)
		if d.err != nil {
			return nil, d.err
		}
		if err := o.parseV2(f, body, flags&0x04 != 0, func(a, n uint64) { queue = append(queue, block{a, n}) }); err != nil {
			return nil, err
		}
		seen[addr] = true
		for len(queue) > 0 {
			b, raw, err := pop()
			if err != nil {
				return nil, err
			}
			if len(raw) < 8 {
				return nil, errorf(path, "object header continuation of %d bytes", len(raw))
			}
			cd := f.decoder(path, b.addr, b.size)
			cd.signature("OCHK")
			body := cd.bytes(len(raw) - 8)
			cd.checksumFrom(0)
			if cd.err != nil {
				return nil, cd.err
			}
			if err := o.parseV2(f, body, flags&0x04 != 0, func(a, n uint64) { queue = append(queue, block{a, n}) }); err != nil {
				return nil, err
			}
		}
		return o, nil
	}
	d := f.decoder(path, addr, 16)
	if v := d.u8(); d.err == nil && v != 1 {
		return nil, errorf(path, "object header version %d (1 or an OHDR header expected)", v)
	}
	d.skip(1)
	nmsgs := int(d.u16())
	d.skip(4) // reference count
	size := uint64(d.u32())
	if d.err != nil {
		return nil, d.err
	}
	queue = append(queue, block{addr + 16, size})
	for len(queue) > 0 {
		_, raw, err := pop()
		if err != nil {
			return nil, err
		}
		for p := 0; p+8 <= len(raw); {
			md := &decoder{f: f, obj: path, b: raw, p: p}
			typ := md.u16()
			msize := int(md.u16())
			mflags := md.u8()
			md.skip(3)
			data := md.bytes(msize)
			if md.err != nil {
				return nil, md.err
			}
			p = md.p
			if err := o.add(f, typ, mflags, data, func(a, n uint64) { queue = append(queue, block{a, n}) }); err != nil {
				return nil, err
			}
		}
	}
	if len(o.msgs) > nmsgs {
		return nil, errorf(path, "object header holds %d messages but declares %d", len(o.msgs), nmsgs)
	}
	return o, nil
}

// checksumFrom verifies the checksum of d.b[start:d.p] stored at d.p.
func (d *decoder) checksumFrom(start int) { d.checksum(start) }

func (o *object) parseV2(f *File, body []byte, creationOrder bool, cont func(a, n uint64)) error {
	hdr := 4
	if creationOrder {
		hdr = 6
	}
	for p := 0; p+hdr <= len(body); {
		md := &decoder{f: f, obj: o.path, b: body, p: p}
		typ := uint16(md.u8())
		msize := int(md.u16())
		mflags := md.u8()
		if creationOrder {
			md.skip(2)
		}
		data := md.bytes(msize)
		if md.err != nil {
			return md.err
		}
		p = md.p
		if err := o.add(f, typ, mflags, data, cont); err != nil {
			return err
		}
	}
	return nil
}

func (o *object) add(f *File, typ uint16, flags uint8, data []byte, cont func(a, n uint64)) error {
	if len(o.msgs) >= maxMessages {
		return errorf(o.path, "more than %d header messages", maxMessages)
	}
	switch typ {
	case msgNIL:
		return nil
	case msgContinuation:
		d := &decoder{f: f, obj: o.path, b: data}
		a, n := d.addr(), d.length()
		if d.err != nil {
			return d.err
		}
		cont(a, n)
		return nil
	}
	o.msgs = append(o.msgs, message{typ: typ, flags: flags, data: data})
	return nil
}

// find returns the messages of one type.
func (o *object) find(typ uint16) []message {
	var out []message
	for _, m := range o.msgs {
		if m.typ == typ {
			out = append(out, m)
		}
	}
	return out
}

// one returns the only message of a type (ok false when absent); more
// than one, or a shared message, is an error.
func (o *object) one(typ uint16, what string) (message, bool, error) {
	ms := o.find(typ)
	if len(ms) == 0 {
		return message{}, false, nil
	}
	if len(ms) > 1 {
		return message{}, false, errorf(o.path, "%d %s messages", len(ms), what)
	}
	if ms[0].flags&0x02 != 0 {
		return message{}, false, errorf(o.path, "shared %s messages are not supported", what)
	}
	return ms[0], true, nil
}
