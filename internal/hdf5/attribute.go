package hdf5

// Attribute is an attribute of a group or dataset. Its value is decoded
// when asked for.
type Attribute struct {
	f     *File
	path  string // owner's path + "@" + name, for errors
	Name  string
	Type  *Datatype
	Space *Dataspace
	data  []byte
}

// readAttributes returns an object's attributes: the attribute messages
// in its header and those in dense storage.
func (f *File) readAttributes(o *object) ([]*Attribute, error) {
	var out []*Attribute
	add := func(data []byte) error {
		a, err := f.parseAttribute(o.path, data)
		if err != nil {
			return err
		}
		if findAttr(out, a.Name) != nil {
			return errorf(o.path, "attribute %q appears twice", a.Name)
		}
		if len(out) >= maxLinks {
			return errorf(o.path, "more than %d attributes", maxLinks)
		}
		out = append(out, a)
		return nil
	}
	for _, m := range o.find(msgAttribute) {
		if m.flags&0x02 != 0 {
			return nil, errorf(o.path, "shared attribute messages are not supported")
		}
		if err := add(m.data); err != nil {
			return nil, err
		}
	}
	ai, ok, err := o.one(msgAttrInfo, "attribute info")
	if err != nil {
		return nil, err
	}
	if ok {
		d := &decoder{f: f, obj: o.path, b: ai.data}
		if v := d.u8(); d.err == nil && v != 0 {
			d.fail("attribute info version %d", v)
		}
		flags := d.u8()
		if flags&1 != 0 {
			d.skip(2)
		}
		heap, index := d.addr(), d.addr()
		if d.err != nil {
			return nil, d.err
		}
		if heap != undefined {
			if err := f.denseRecords(o.path, heap, index, 8, add); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (f *File) parseAttribute(owner string, data []byte) (*Attribute, error) {
	d := &decoder{f: f, obj: owner, b: data}
	ver := d.u8()
	if ver < 1 || ver > 3 {
		d.fail("attribute message version %d", ver)
	}
	flags := d.u8()
	nameLen := int(d.u16())
	typeLen := int(d.u16())
	spaceLen := int(d.u16())
	if ver == 3 {
		d.u8() // name encoding
	}
	if d.err == nil && ver > 1 && flags&3 != 0 {
		d.fail("shared attribute datatype or dataspace is not supported")
	}
	pad := func(n int) int {
		if ver == 1 {
			return (n + 7) &^ 7
		}
		return n
	}
	nb := d.bytes(pad(nameLen))
	if d.err != nil {
		return nil, d.err
	}
	if nameLen == 0 || nameLen > len(nb) {
		return nil, errorf(owner, "attribute name of %d bytes", nameLen)
	}
	a := &Attribute{f: f, Name: cutNUL(string(nb[:nameLen]))}
	a.path = owner + "@" + a.Name
	tb := d.bytes(pad(typeLen))
	sb := d.bytes(pad(spaceLen))
	if d.err != nil {
		return nil, errorf(a.path, "%s", d.err.(*Error).Problem)
	}
	td := &decoder{f: f, obj: a.path, b: tb}
	if a.Type = parseDatatype(td, 0); td.err != nil {
		return nil, td.err
	}
	sd := &decoder{f: f, obj: a.path, b: sb}
	if a.Space = parseDataspace(sd); sd.err != nil {
		return nil, sd.err
	}
	a.data = data[d.p:]
	return a, nil
}

// elements returns the raw elements and their count.
func (a *Attribute) elements() ([]byte, uint64, error) {
	n, ok := a.Space.count(maxAttributeData)
	if !ok {
		return nil, 0, errorf(a.path, "%v elements are too many", a.Space.Dims)
	}
	esz := uint64(a.Type.Size)
	if a.Type.Class == ClassVarLen {
		esz = uint64(4 + a.f.offsetSize + 4)
	}
	total, ok := mulLimit(n, esz, maxAttributeData)
	if !ok || total > uint64(len(a.data)) {
		return nil, 0, errorf(a.path, "%d elements of %d bytes overrun the attribute's %d bytes of data", n, esz, len(a.data))
	}
	return a.data[:total], n, nil
}

// Float64s returns a numeric attribute's values.
func (a *Attribute) Float64s() ([]float64, error) {
	if !a.Type.numeric() {
		return nil, errorf(a.path, "datatype class %d is not numeric", a.Type.Class)
	}
	raw, n, err := a.elements()
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	decodeNumbers(a.Type, raw, out)
	return out, nil
}

// Strings returns a string attribute's values as stored (bytes, which
// need not be UTF-8).
func (a *Attribute) Strings() ([]string, error) {
	raw, n, err := a.elements()
	if err != nil {
		return nil, err
	}
	return a.f.decodeStrings(a.path, a.Type, raw, n)
}

// IsString reports whether the attribute holds strings.
func (a *Attribute) IsString() bool {
	return a.Type.Class == ClassString || a.Type.VarString
}
