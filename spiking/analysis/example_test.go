package analysis_test

import (
	"fmt"

	"github.com/gohears/hears/spiking/analysis"
)

// Statistics of a spike train (times in seconds) locked to a 250 Hz tone,
// one spike every second period with a jitter of ±0.2 ms: the mean rate,
// the coefficient of variation of the intervals, and the vector strength
// of the phase locking (Goldberg & Brown 1969).
func Example() {
	const period = 4e-3 // s
	var train []float64
	for k := range 50 {
		jitter := 0.2e-3 * float64(k%3-1) // −0.2, 0, +0.2 ms
		train = append(train, float64(2*k)*period+1e-3+jitter)
	}
	rate, _ := analysis.FiringRate(train)
	cv, _ := analysis.CV(train)
	vs, _ := analysis.VectorStrength(train, period)
	fmt.Printf("rate %.1f Hz, CV %.3f, vector strength %.3f\n", rate, cv, vs)
	// Output: rate 124.9 Hz, CV 0.035, vector strength 0.968
}
