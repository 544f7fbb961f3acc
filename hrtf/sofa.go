package hrtf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/gohears/hears/internal/hdf5"
)

// maxSOFAValues bounds the number of values of one variable and of the
// set built from it (2^24 doubles, 128 MiB) so that a corrupt header cannot
// make the reader allocate without limit; the largest public HRIR sets
// hold a few million (FABIAN: 11950 × 2 × 256 = 6.1 million).
const maxSOFAValues = 1 << 24

// maxSOFADelaySeconds bounds Data.Delay: 100 ms, the time sound takes to
// travel 34 m, far beyond any head-related delay.
const maxSOFADelaySeconds = 0.1

// LoadSOFA reads an AES69 SOFA file (netCDF-4/HDF5) of the
// SimpleFreeFieldHRIR or GeneralFIR convention into a Set. Errors name the
// file, the object and the problem; malformed files never panic (see
// ReadSOFA).
func LoadSOFA(path string) (*Set, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("hrtf: %w", err)
	}
	s, err := readSOFA(b)
	if err != nil {
		return nil, fmt.Errorf("hrtf: %s: %w", path, err)
	}
	return s, nil
}

// ReadSOFA reads SOFA data of size bytes from r (see LoadSOFA), e.g. a
// bytes.Reader of an embedded file.
//
// The file is read by internal/hdf5, which checks every checksum, offset
// and size; the values are exactly those h5py reads. Then:
//   - global attributes: Conventions "SOFA", SOFAConventions
//     "SimpleFreeFieldHRIR" or "GeneralFIR", DataType "FIR"; anything else
//     is refused; text attributes that are not UTF-8 are read as Latin-1;
//   - Data.IR (M × R × N, R = 2): the impulse responses, dimensionless;
//     every numeric variable read must hold finite values;
//   - Data.SamplingRate (I or M values, all equal, positive, units hertz):
//     reported as stored (the IRCAM LISTEN files store 48000 Hz although
//     LISTEN was recorded at 44.1 kHz: the file's value is what you get);
//   - Data.Delay (I × R or M × R, optional): whole-sample delays of at most
//     100 ms are applied by prepending zeros; fractional or longer ones
//     are refused (before anything is allocated for them);
//   - ReceiverPosition: from SOFAConventionsVersion 1.0 on, the receiver
//     with the larger y (SOFA's y axis points to the listener's left) is
//     the left ear, whatever its index. Files of earlier versions (the
//     LISTEN, MIT large-pinna and Pulse files, written by the SOFA API 0.4)
//     list ReceiverPosition [0 -0.09 0; 0 0.09 0] although their data hold
//     the left ear first (the LISTEN data show it: a source at +90° reaches
//     receiver 0 first and louder); for them receiver 0 is the left ear, as
//     libmysofa reads every file;
//   - SourcePosition (M × 3, spherical in degrees or radians and metres,
//     or cartesian in metres): converted to Coordinate (azimuth
//     counterclockwise from the front, +90 left, in (-180, 180]; elevation;
//     distance in metres);
//   - ListenerView, when present, must face +x (positions relative to the
//     listener's head as the convention defines them).
func ReadSOFA(r io.ReaderAt, size int64) (*Set, error) {
	if r == nil {
		return nil, errors.New("hrtf: SOFA reader is nil")
	}
	if size < 0 || size > hdf5.MaxFileSize {
		return nil, fmt.Errorf("hrtf: SOFA data of %d bytes", size)
	}
	b := make([]byte, size)
	if n, err := r.ReadAt(b, 0); n != len(b) {
		return nil, fmt.Errorf("hrtf: SOFA data: reading %d bytes: %v", size, err)
	}
	s, err := readSOFA(b)
	if err != nil {
		return nil, fmt.Errorf("hrtf: SOFA data: %w", err)
	}
	return s, nil
}

// sofaFile is an open SOFA file's root group.
type sofaFile struct {
	g *hdf5.Group
}

// text returns a string attribute as UTF-8 (Latin-1 bytes converted);
// false when absent or not text.
func text(a *hdf5.Attribute) (string, bool) {
	if a == nil || !a.IsString() {
		return "", false
	}
	v, err := a.Strings()
	if err != nil || len(v) == 0 {
		return "", err == nil && a.Space.Null
	}
	return toUTF8(strings.Join(v, "\n")), true
}

// toUTF8 returns s unchanged when it is valid UTF-8, else reads its bytes
// as Latin-1 (ISO 8859-1), the encoding of the non-UTF-8 text in real SOFA
// files.
func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func readSOFA(b []byte) (*Set, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("file of %d bytes is too short for SOFA (netCDF-4/HDF5)", len(b))
	}
	f, err := hdf5.Open(b)
	if err != nil {
		return nil, err
	}
	g, err := f.Root()
	if err != nil {
		return nil, err
	}
	return parseSOFA(&sofaFile{g: g})
}

func (sf *sofaFile) attr(name string) (string, bool) { return text(sf.g.Attribute(name)) }

func parseSOFA(sf *sofaFile) (*Set, error) {
	conv := ""
	for _, want := range [][]string{{"Conventions", "SOFA"}, {"SOFAConventions", "SimpleFreeFieldHRIR", "GeneralFIR"}, {"DataType", "FIR"}} {
		v, ok := sf.attr(want[0])
		if !ok {
			return nil, fmt.Errorf("no global attribute %s (not a SOFA %s file)", want[0], want[1])
		}
		found := false
		for _, w := range want[1:] {
			found = found || strings.TrimSpace(v) == w
		}
		if !found {
			return nil, fmt.Errorf("global attribute %s is %q: only %s is supported", want[0], v, strings.Join(want[1:], " or "))
		}
		if want[0] == "SOFAConventions" {
			conv = strings.TrimSpace(v)
		}
	}

	// Data.IR's shape first; its values last, once every smaller
	// variable (Data.Delay above all) has been checked.
	irSet, err := sf.dataset("Data.IR")
	if err != nil {
		return nil, err
	}
	irShape := irSet.Dims()
	if len(irShape) != 3 {
		return nil, fmt.Errorf("Data.IR has shape %v, want M × R × N", irShape)
	}
	m, nr, n := int(irShape[0]), int(irShape[1]), int(irShape[2])
	if nr != 2 {
		return nil, fmt.Errorf("Data.IR has %d receivers, want 2 ears", nr)
	}
	if m == 0 || n == 0 {
		return nil, fmt.Errorf("Data.IR has shape %v: no measurements", irShape)
	}
	rate, err := sf.readRate(m)
	if err != nil {
		return nil, err
	}
	delays, err := sf.readDelay(m, rate, n)
	if err != nil {
		return nil, err
	}
	leftIdx, err := sf.leftReceiver()
	if v, _ := sf.attr("SOFAConventionsVersion"); conventionsBefore1(v) {
		// Files of SimpleFreeFieldHRIR before 1.0 store the left ear first
		// but list it at y = -0.09 m (the early SOFA APIs' default); the
		// LISTEN data prove the order (TestLISTENEars). libmysofa also takes
		// receiver 0 as the left ear.
		leftIdx, err = 0, nil
	}
	if err != nil {
		return nil, err
	}
	if err := sf.checkView(); err != nil {
		return nil, err
	}
	coords, err := sf.readSources(m)
	if err != nil {
		return nil, err
	}

	maxDelay := 0
	for _, d := range delays {
		maxDelay = max(maxDelay, d)
	}
	taps := n + maxDelay
	if uint64(m)*2*uint64(taps) > maxSOFAValues {
		return nil, fmt.Errorf("Data.IR with Data.Delay makes %d × 2 × %d values (more than %d)", m, taps, maxSOFAValues)
	}
	ir, err := sf.values(irSet, "Data.IR", maxSOFAValues)
	if err != nil {
		return nil, err
	}
	s := &Set{rate: rate, taps: taps, coords: coords, convention: conv}
	for k := range m {
		for e := range 2 {
			rcv := leftIdx
			if e == 1 {
				rcv = 1 - leftIdx
			}
			h := make([]float64, taps)
			d := delays[(k%(len(delays)/2))*2+rcv]
			copy(h[d:], ir[(k*2+rcv)*n:(k*2+rcv+1)*n])
			if e == 0 {
				s.left = append(s.left, h)
			} else {
				s.right = append(s.right, h)
			}
		}
	}
	s.attrs = map[string]string{}
	for _, a := range sf.g.Attributes() {
		if v, ok := text(a); ok {
			s.attrs[a.Name] = v
		}
	}
	s.name = s.attrs["ListenerShortName"]
	if strings.TrimSpace(s.name) == "" {
		s.name = s.attrs["DatabaseName"]
	}
	return s, nil
}

// conventionsBefore1 reports whether a SOFAConventionsVersion such as
// "0.4" is below 1.0.
func conventionsBefore1(v string) bool {
	major, _, _ := strings.Cut(strings.TrimSpace(v), ".")
	return major == "0"
}

// variable reads a numeric variable as flat float64 values (row-major)
// with its shape, refusing more than limit values and any value that is
// not finite.
func (sf *sofaFile) variable(name string, limit uint64) ([]float64, []uint64, *hdf5.Dataset, error) {
	ds, err := sf.dataset(name)
	if err != nil {
		return nil, nil, nil, err
	}
	vals, err := sf.values(ds, name, limit)
	if err != nil {
		return nil, nil, nil, err
	}
	return vals, ds.Dims(), ds, nil
}

// dataset opens a variable (its shape and attributes, not its values).
func (sf *sofaFile) dataset(name string) (*hdf5.Dataset, error) {
	if !sf.g.Has(name) {
		return nil, fmt.Errorf("no variable %s", name)
	}
	return sf.g.Dataset(name)
}

// values reads a variable's values, refusing more than limit and any value
// that is not finite.
func (sf *sofaFile) values(ds *hdf5.Dataset, name string, limit uint64) ([]float64, error) {
	vals, err := ds.Float64s(limit)
	if err != nil {
		return nil, err
	}
	for i, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s value %d (of shape %v) is %v", name, i, ds.Dims(), v)
		}
	}
	return vals, nil
}

// dsAttr returns a variable's text attribute.
func dsAttr(ds *hdf5.Dataset, name string) (string, bool) { return text(ds.Attribute(name)) }

func (sf *sofaFile) readRate(m int) (float64, error) {
	vals, shape, ds, err := sf.variable("Data.SamplingRate", uint64(m))
	if err != nil {
		return 0, err
	}
	if len(vals) != 1 && len(vals) != m {
		return 0, fmt.Errorf("Data.SamplingRate has shape %v, want 1 or %d values", shape, m)
	}
	if u, ok := dsAttr(ds, "Units"); ok {
		if lu := strings.ToLower(strings.TrimSpace(u)); lu != "hertz" && lu != "hz" {
			return 0, fmt.Errorf("Data.SamplingRate is in %q, want hertz", u)
		}
	}
	rate := vals[0]
	for _, v := range vals {
		if !(v > 0) || v > 1e7 {
			return 0, fmt.Errorf("Data.SamplingRate is %v Hz", v)
		}
		if v != rate {
			return 0, fmt.Errorf("Data.SamplingRate varies between measurements (%g and %g Hz): unsupported", rate, v)
		}
	}
	return rate, nil
}

// readDelay returns whole-sample delays, 2 per measurement row (1 or m
// rows), each at most maxSOFADelaySeconds.
func (sf *sofaFile) readDelay(m int, rate float64, n int) ([]int, error) {
	if !sf.g.Has("Data.Delay") {
		return []int{0, 0}, nil
	}
	vals, shape, _, err := sf.variable("Data.Delay", uint64(2*m))
	if err != nil {
		return nil, err
	}
	if len(vals) != 2 && len(vals) != 2*m {
		return nil, fmt.Errorf("Data.Delay has shape %v, want 1 × 2 or %d × 2", shape, m)
	}
	limit := math.Floor(maxSOFADelaySeconds * rate)
	out := make([]int, len(vals))
	for i, v := range vals {
		if v < 0 || v > limit || v != math.Trunc(v) {
			return nil, fmt.Errorf("Data.Delay value %d is %v samples: only whole non-negative delays up to %g samples (%g s) are supported", i, v, limit, maxSOFADelaySeconds)
		}
		out[i] = int(v)
	}
	return out, nil
}

// positionUnits checks a position variable's Type and Units attributes and
// returns whether it is spherical and the factor turning its angles into
// degrees.
func positionUnits(name string, ds *hdf5.Dataset) (spherical bool, degPer float64, err error) {
	typ, ok := dsAttr(ds, "Type")
	if !ok {
		return false, 0, fmt.Errorf("%s has no Type attribute", name)
	}
	units, _ := dsAttr(ds, "Units")
	var parts []string
	for _, p := range strings.Split(units, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			parts = append(parts, p)
		}
	}
	isLength := func(u string) bool {
		switch u {
		case "metre", "meter", "metres", "meters", "m":
			return true
		}
		return false
	}
	switch strings.ToLower(strings.TrimSpace(typ)) {
	case "cartesian":
		for _, p := range parts {
			if !isLength(p) {
				return false, 0, fmt.Errorf("%s is cartesian in %q, want metre", name, units)
			}
		}
		return false, 1, nil
	case "spherical":
		if len(parts) == 0 { // SOFA's default units
			return true, 1, nil
		}
		if len(parts) != 3 || parts[0] != parts[1] || !isLength(parts[2]) {
			return false, 0, fmt.Errorf("%s is spherical in %q, want \"degree, degree, metre\"", name, units)
		}
		switch parts[0] {
		case "degree", "degrees", "deg":
			return true, 1, nil
		case "radian", "radians", "rad":
			return true, 180 / math.Pi, nil
		}
		return false, 0, fmt.Errorf("%s has angles in %q", name, parts[0])
	}
	return false, 0, fmt.Errorf("%s has Type %q, want cartesian or spherical", name, typ)
}

// toCoordinate converts a position (spherical in degrees after scaling by
// degPer, or cartesian in metres) to a normalised Coordinate.
func toCoordinate(p [3]float64, spherical bool, degPer float64) Coordinate {
	var c Coordinate
	if spherical {
		c = Coordinate{Azimuth: p[0] * degPer, Elevation: p[1] * degPer, Distance: p[2]}
	} else {
		x, y, z := p[0], p[1], p[2]
		c.Distance = math.Sqrt(x*x + y*y + z*z)
		c.Azimuth = math.Atan2(y, x) * 180 / math.Pi
		c.Elevation = math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
	}
	c.Azimuth = normAzimuth(c.Azimuth)
	return c
}

// normAzimuth maps degrees to (-180, 180].
func normAzimuth(a float64) float64 {
	a = math.Mod(a, 360)
	if a > 180 {
		a -= 360
	} else if a <= -180 {
		a += 360
	}
	return a + 0 // no -0
}

func (sf *sofaFile) readSources(m int) ([]Coordinate, error) {
	vals, shape, ds, err := sf.variable("SourcePosition", uint64(3*m))
	if err != nil {
		return nil, err
	}
	if len(shape) != 2 || shape[1] != 3 || (shape[0] != uint64(m) && shape[0] != 1) {
		return nil, fmt.Errorf("SourcePosition has shape %v, want %d × 3", shape, m)
	}
	spherical, degPer, err := positionUnits("SourcePosition", ds)
	if err != nil {
		return nil, err
	}
	coords := make([]Coordinate, m)
	for k := range m {
		row := k % int(shape[0])
		p := [3]float64{vals[3*row], vals[3*row+1], vals[3*row+2]}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("SourcePosition %d is %v", k, p)
			}
		}
		if spherical && (math.Abs(p[1]*degPer) > 90 || p[2] < 0) {
			return nil, fmt.Errorf("SourcePosition %d is %v: elevation beyond ±90° or negative distance", k, p)
		}
		coords[k] = toCoordinate(p, spherical, degPer)
	}
	return coords, nil
}

// leftReceiver returns the index (0 or 1) of the receiver with the larger
// y coordinate, the left ear in SOFA's coordinate system.
func (sf *sofaFile) leftReceiver() (int, error) {
	vals, shape, ds, err := sf.variable("ReceiverPosition", 6*maxSOFAValues/8)
	if err != nil {
		return 0, err
	}
	if len(shape) < 2 || shape[0] != 2 || shape[1] != 3 {
		return 0, fmt.Errorf("ReceiverPosition has shape %v, want 2 × 3 (× I or M)", shape)
	}
	spherical, degPer, err := positionUnits("ReceiverPosition", ds)
	if err != nil {
		return 0, err
	}
	per := len(vals) / 6 // values per coordinate (I or M)
	var y [2]float64
	for r := range 2 {
		// the first measurement's position: element [r][c][0]
		p := [3]float64{vals[(r*3+0)*per], vals[(r*3+1)*per], vals[(r*3+2)*per]}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("ReceiverPosition %d is %v", r, p)
			}
		}
		if spherical {
			c := toCoordinate(p, true, degPer)
			_, y[r], _ = unit(c.Azimuth, c.Elevation)
			y[r] *= c.Distance
		} else {
			y[r] = p[1]
		}
	}
	switch {
	case y[0] > y[1]:
		return 0, nil
	case y[1] > y[0]:
		return 1, nil
	}
	return 0, fmt.Errorf("ReceiverPosition does not tell the ears apart (both at y = %g m)", y[0])
}

// checkView refuses a ListenerView that does not face +x.
func (sf *sofaFile) checkView() error {
	if !sf.g.Has("ListenerView") {
		return nil
	}
	vals, shape, ds, err := sf.variable("ListenerView", maxSOFAValues/8)
	if err != nil {
		return err
	}
	if len(vals) < 3 || len(shape) != 2 || shape[1] != 3 {
		return fmt.Errorf("ListenerView has shape %v, want I × 3", shape)
	}
	typ, _ := dsAttr(ds, "Type")
	p := [3]float64{vals[0], vals[1], vals[2]}
	c := toCoordinate(p, strings.EqualFold(strings.TrimSpace(typ), "spherical"), 1)
	if math.IsNaN(c.Azimuth+c.Elevation) || math.Abs(c.Azimuth) > 1e-9 || math.Abs(c.Elevation) > 1e-9 {
		return fmt.Errorf("ListenerView is %v: only a listener facing +x is supported", p)
	}
	return nil
}
