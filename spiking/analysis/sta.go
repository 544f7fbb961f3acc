package analysis

import (
	"fmt"
	"math"
)

// SpikeTriggeredAverage returns the average of a stimulus sampled every dt
// seconds over the n = round(window/dt) samples preceding each spike
// (Brian 1's spike_triggered_average): sta[ℓ−1] is the mean of
// stimulus[k − ℓ] for ℓ = 1 … n, k = ⌊t/dt⌋ the sample of a spike at t,
// and lags[ℓ−1] = ℓ·dt seconds before the spike. Spikes earlier than
// onset seconds (at least window, as Brian 1 defaults it) or too close to
// the start to have n samples before them are left out; used is the number
// of spikes averaged. Brian 1 labels its lags linspace(0, window, n); here
// each lag is the true distance of its sample from the spike.
func SpikeTriggeredAverage(train, stimulus []float64, dt, window, onset float64) (sta, lags []float64, used int, err error) {
	if err := checkTrain("train", train); err != nil {
		return nil, nil, 0, err
	}
	if err := checkPositive("sample period", dt); err != nil {
		return nil, nil, 0, err
	}
	if err := checkPositive("window", window); err != nil {
		return nil, nil, 0, err
	}
	if math.IsNaN(onset) || math.IsInf(onset, 0) || onset < 0 {
		return nil, nil, 0, fmt.Errorf("analysis: onset must be a finite time ≥ 0, got %v", onset)
	}
	n := int(math.Round(window / dt))
	if n < 1 || n > len(stimulus) {
		return nil, nil, 0, fmt.Errorf("analysis: a window of %g s is %d samples of %g s; the stimulus has %d", window, n, dt, len(stimulus))
	}
	for k, v := range stimulus {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, 0, fmt.Errorf("analysis: stimulus sample %d is %v", k, v)
		}
	}
	onset = max(onset, window)
	sta = make([]float64, n)
	for _, t := range train {
		if t < onset {
			continue
		}
		k := int(math.Floor(t/dt + 1e-9))
		if k-n < 0 || k > len(stimulus) {
			continue
		}
		for l := 1; l <= n; l++ {
			sta[l-1] += stimulus[k-l]
		}
		used++
	}
	if used == 0 {
		return nil, nil, 0, fmt.Errorf("analysis: no spike of %d has %g s of stimulus before it", len(train), window)
	}
	lags = make([]float64, n)
	for l := range sta {
		sta[l] /= float64(used)
		lags[l] = float64(l+1) * dt
	}
	return sta, lags, used, nil
}
