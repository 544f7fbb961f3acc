package hrtf_test

import (
	"fmt"

	"github.com/gohears/hears/hrtf"
)

// The spherical-head model (Brown & Duda 1998) gives Woodworth's
// interaural time difference, (a/c)(φ + sin φ) for a source at lateral
// angle φ on the horizontal plane: about 655 µs at 90° for an 8.75 cm head.
// Azimuths follow SOFA (positive to the left), and the ITD is the left
// ear's delay minus the right's, so sources on the right (negative
// azimuths) give positive ITDs.
func ExampleSphericalHead_ITD() {
	head := hrtf.DefaultSphericalHead()
	for _, az := range []float64{0, -30, -90} {
		fmt.Printf("azimuth %2.0f°: ITD %4.0f µs\n", az, head.ITD(az, 0)*1e6)
	}
	// Output:
	// azimuth  0°: ITD    0 µs
	// azimuth -30°: ITD  261 µs
	// azimuth -90°: ITD  655 µs
}
