package hrtf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strings"

	"github.com/batchatco/go-native-netcdf/netcdf/api"
)

// maxSOFAValues bounds the number of values of one variable (2^26 doubles,
// 512 MiB) so that a corrupt header cannot make the reader allocate
// without limit; the largest public HRIR sets hold a few million.
const maxSOFAValues = 1 << 26

// maxSOFADelay bounds Data.Delay in samples.
const maxSOFADelay = 1 << 16

// LoadSOFA reads an AES69 SOFA file of the SimpleFreeFieldHRIR convention
// (netCDF-4/HDF5) into a Set. Errors name the file and the problem;
// malformed files never panic (see ReadSOFA).
func LoadSOFA(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("hrtf: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("hrtf: %s: %w", path, err)
	}
	s, err := readSOFA(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("hrtf: %s: %w", path, err)
	}
	return s, nil
}

// ReadSOFA reads SOFA data of size bytes from r (see LoadSOFA), e.g. a
// bytes.Reader of an embedded file.
//
// What is read, and how:
//   - global attributes: Conventions "SOFA", SOFAConventions
//     "SimpleFreeFieldHRIR", DataType "FIR"; anything else is refused;
//   - Data.IR (M × R × N, R = 2): the impulse responses, dimensionless;
//     NaN or infinite taps are refused;
//   - Data.SamplingRate (I or M values, all equal, positive, units hertz):
//     reported as stored (the IRCAM LISTEN files store 48000 Hz although
//     LISTEN was recorded at 44.1 kHz: the file's value is what you get);
//   - Data.Delay (I × R or M × R, optional): whole-sample delays are
//     applied by prepending zeros; fractional ones are refused;
//   - ReceiverPosition: from SOFAConventionsVersion 1.0 on, the receiver
//     with the larger y (SOFA's y axis points to the listener's left) is
//     the left ear, whatever its index. Files of earlier versions (the
//     LISTEN, MIT large-pinna and Pulse files, written by the SOFA API 0.4)
//     list ReceiverPosition [0 -0.09 0; 0 0.09 0] although their data hold
//     the left ear first (the LISTEN data show it: a source at +90° reaches
//     receiver 0 first and louder); for them receiver 0 is the left ear, as
//     libmysofa reads every file;
//   - SourcePosition (M × 3, spherical "degree, degree, metre" or cartesian
//     "metre"): converted to Coordinate (azimuth counterclockwise from the
//     front, +90 left, in (-180, 180]; elevation; distance in metres);
//   - ListenerView, when present, must face +x (positions relative to the
//     listener's head as the convention defines them).
func ReadSOFA(r io.ReaderAt, size int64) (*Set, error) {
	if r == nil {
		return nil, errors.New("hrtf: SOFA reader is nil")
	}
	s, err := readSOFA(r, size)
	if err != nil {
		return nil, fmt.Errorf("hrtf: SOFA data: %w", err)
	}
	return s, nil
}

func readSOFA(r io.ReaderAt, size int64) (*Set, error) {
	if size < 8 {
		return nil, fmt.Errorf("file of %d bytes is too short for netCDF", size)
	}
	var set *Set
	err := withNative(r, size, func(g api.Group) error {
		var err error
		set, err = parseSOFA(g)
		return err
	})
	return set, err
}

// attrString returns a string attribute ("" and false when absent or not a
// string).
func attrString(a api.AttributeMap, key string) (string, bool) {
	if a == nil {
		return "", false
	}
	v, ok := a.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}

func parseSOFA(g api.Group) (*Set, error) {
	ga := g.Attributes()
	for _, want := range [][2]string{{"Conventions", "SOFA"}, {"SOFAConventions", "SimpleFreeFieldHRIR"}, {"DataType", "FIR"}} {
		v, ok := attrString(ga, want[0])
		if !ok {
			return nil, fmt.Errorf("no global attribute %s (not a SOFA %s file)", want[0], want[1])
		}
		if strings.TrimSpace(v) != want[1] {
			return nil, fmt.Errorf("global attribute %s is %q: only %s %s data is supported", want[0], v, "SOFA SimpleFreeFieldHRIR", want[1])
		}
	}

	ir, irShape, err := readIR(g)
	if err != nil {
		return nil, err
	}
	if len(irShape) != 3 {
		return nil, fmt.Errorf("Data.IR has shape %v, want M × R × N", irShape)
	}
	m, nr, n := irShape[0], irShape[1], irShape[2]
	if nr != 2 {
		return nil, fmt.Errorf("Data.IR has %d receivers, want 2 ears", nr)
	}
	if m == 0 || n == 0 {
		return nil, fmt.Errorf("Data.IR has shape %v: no measurements", irShape)
	}
	for i, v := range ir {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("Data.IR measurement %d receiver %d tap %d is %v", i/(nr*n), i/n%nr, i%n, v)
		}
	}

	rate, err := readRate(g, m)
	if err != nil {
		return nil, err
	}
	delays, err := readDelay(g, m)
	if err != nil {
		return nil, err
	}
	leftIdx, err := leftReceiver(g)
	if v, _ := attrString(ga, "SOFAConventionsVersion"); conventionsBefore1(v) {
		// Files of SimpleFreeFieldHRIR before 1.0 store the left ear first
		// but list it at y = -0.09 m (the early SOFA APIs' default); the
		// LISTEN data prove the order (TestLISTENEars). libmysofa also takes
		// receiver 0 as the left ear.
		leftIdx = 0
	}
	if err != nil {
		return nil, err
	}
	if err := checkView(g); err != nil {
		return nil, err
	}
	coords, err := readSources(g, m)
	if err != nil {
		return nil, err
	}

	maxDelay := 0
	for _, d := range delays {
		maxDelay = max(maxDelay, d)
	}
	taps := n + maxDelay
	s := &Set{rate: rate, taps: taps, coords: coords}
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
	s.name, _ = attrString(ga, "ListenerShortName")
	if strings.TrimSpace(s.name) == "" {
		s.name, _ = attrString(ga, "DatabaseName")
	}
	return s, nil
}

// conventionsBefore1 reports whether a SOFAConventionsVersion such as
// "0.4" is below 1.0.
func conventionsBefore1(v string) bool {
	major, _, _ := strings.Cut(strings.TrimSpace(v), ".")
	return major == "0"
}

// readVar reads a numeric variable as flat float64 values with its shape
// and attributes, after checking that its declared size is bounded.
func readVar(g api.Group, name string) ([]float64, []int, api.AttributeMap, error) {
	if vg, err := g.GetVarGetter(name); err == nil {
		total := 1.0
		for _, d := range vg.Dimensions() {
			if sz, ok := g.GetDimension(d); ok {
				total *= float64(sz)
			}
		}
		if total > maxSOFAValues {
			return nil, nil, nil, fmt.Errorf("%s declares %g values (more than %d)", name, total, maxSOFAValues)
		}
	}
	v, err := g.GetVariable(name)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot read variable %s: %v", name, err)
	}
	if v == nil {
		return nil, nil, nil, fmt.Errorf("cannot read variable %s", name)
	}
	vals, shape, err := flatten(v.Values)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("variable %s: %v", name, err)
	}
	return vals, shape, v.Attributes, nil
}

// flatten turns nested slices (or a scalar) of numbers into flat float64
// values and a shape; ragged arrays are refused.
func flatten(x any) ([]float64, []int, error) {
	var shape []int
	rv := reflect.ValueOf(x)
	if !rv.IsValid() {
		return nil, nil, errors.New("no values")
	}
	for t := rv; t.Kind() == reflect.Slice; {
		shape = append(shape, t.Len())
		if t.Len() == 0 {
			break
		}
		t = t.Index(0)
	}
	total := 1
	for _, d := range shape {
		total *= d
	}
	if total > maxSOFAValues {
		return nil, nil, fmt.Errorf("%d values (more than %d)", total, maxSOFAValues)
	}
	out := make([]float64, 0, total)
	var walk func(v reflect.Value, depth int) error
	walk = func(v reflect.Value, depth int) error {
		if depth < len(shape) {
			if v.Kind() != reflect.Slice || v.Len() != shape[depth] {
				return fmt.Errorf("ragged or mixed array (shape %v)", shape)
			}
			for i := range v.Len() {
				if err := walk(v.Index(i), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		switch v.Kind() {
		case reflect.Float32, reflect.Float64:
			out = append(out, v.Float())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out = append(out, float64(v.Int()))
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			out = append(out, float64(v.Uint()))
		default:
			return fmt.Errorf("holds %s, not numbers", v.Type())
		}
		return nil
	}
	if err := walk(rv, 0); err != nil {
		return nil, nil, err
	}
	return out, shape, nil
}

func readRate(g api.Group, m int) (float64, error) {
	vals, shape, attrs, err := readVar(g, "Data.SamplingRate")
	if err != nil {
		return 0, err
	}
	if len(vals) != 1 && len(vals) != m {
		return 0, fmt.Errorf("Data.SamplingRate has shape %v, want 1 or %d values", shape, m)
	}
	if u, ok := attrString(attrs, "Units"); ok {
		if lu := strings.ToLower(strings.TrimSpace(u)); lu != "hertz" && lu != "hz" {
			return 0, fmt.Errorf("Data.SamplingRate is in %q, want hertz", u)
		}
	}
	rate := vals[0]
	for _, v := range vals {
		if !(v > 0) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("Data.SamplingRate is %v Hz", v)
		}
		if v != rate {
			return 0, fmt.Errorf("Data.SamplingRate varies between measurements (%g and %g Hz): unsupported", rate, v)
		}
	}
	return rate, nil
}

// readDelay returns whole-sample delays, 2 per measurement row (1 or m rows).
func readDelay(g api.Group, m int) ([]int, error) {
	if !hasVar(g, "Data.Delay") {
		return []int{0, 0}, nil
	}
	vals, shape, _, err := readVar(g, "Data.Delay")
	if err != nil {
		return nil, err
	}
	if len(vals) != 2 && len(vals) != 2*m {
		return nil, fmt.Errorf("Data.Delay has shape %v, want 1 × 2 or %d × 2", shape, m)
	}
	out := make([]int, len(vals))
	for i, v := range vals {
		if math.IsNaN(v) || v < 0 || v > maxSOFADelay || v != math.Trunc(v) {
			return nil, fmt.Errorf("Data.Delay value %d is %v samples: only whole non-negative delays up to %d are supported", i, v, maxSOFADelay)
		}
		out[i] = int(v)
	}
	return out, nil
}

func hasVar(g api.Group, name string) bool {
	for _, v := range g.ListVariables() {
		if v == name {
			return true
		}
	}
	return false
}

// positionUnits checks a position variable's Type and Units attributes and
// returns whether it is spherical and the factor turning its angles into
// degrees.
func positionUnits(name string, attrs api.AttributeMap) (spherical bool, degPer float64, err error) {
	typ, ok := attrString(attrs, "Type")
	if !ok {
		return false, 0, fmt.Errorf("%s has no Type attribute", name)
	}
	units, _ := attrString(attrs, "Units")
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

func readSources(g api.Group, m int) ([]Coordinate, error) {
	vals, shape, attrs, err := readVar(g, "SourcePosition")
	if err != nil {
		return nil, err
	}
	if len(shape) != 2 || shape[1] != 3 || (shape[0] != m && shape[0] != 1) {
		return nil, fmt.Errorf("SourcePosition has shape %v, want %d × 3", shape, m)
	}
	spherical, degPer, err := positionUnits("SourcePosition", attrs)
	if err != nil {
		return nil, err
	}
	coords := make([]Coordinate, m)
	for k := range m {
		row := k % shape[0]
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
func leftReceiver(g api.Group) (int, error) {
	vals, shape, attrs, err := readVar(g, "ReceiverPosition")
	if err != nil {
		return 0, err
	}
	if len(shape) < 2 || shape[0] != 2 || shape[1] != 3 {
		return 0, fmt.Errorf("ReceiverPosition has shape %v, want 2 × 3 (× I or M)", shape)
	}
	spherical, degPer, err := positionUnits("ReceiverPosition", attrs)
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
func checkView(g api.Group) error {
	if !hasVar(g, "ListenerView") {
		return nil
	}
	vals, shape, attrs, err := readVar(g, "ListenerView")
	if err != nil {
		return err
	}
	if len(vals) < 3 || len(shape) != 2 || shape[1] != 3 {
		return fmt.Errorf("ListenerView has shape %v, want I × 3", shape)
	}
	typ, _ := attrString(attrs, "Type")
	p := [3]float64{vals[0], vals[1], vals[2]}
	c := toCoordinate(p, strings.EqualFold(strings.TrimSpace(typ), "spherical"), 1)
	if math.IsNaN(c.Azimuth+c.Elevation) || math.Abs(c.Azimuth) > 1e-9 || math.Abs(c.Elevation) > 1e-9 {
		return fmt.Errorf("ListenerView is %v: only a listener facing +x is supported", p)
	}
	return nil
}
