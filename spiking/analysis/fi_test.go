package analysis

import (
	"math"
	"testing"

	"github.com/gohears/hears/spiking"
)

// TestFICurveLIF checks FICurve on a leaky integrate-and-fire neuron whose
// exact-integration spike times have a closed form: from v = 0 after j
// updates v = I(1 − e^(−j·dt/τ)), so it fires after j* = min{j: v > 1}
// updates; refractoriness of 2 ms (20 steps) holds v at 0 for 19 steps
// after a spike, so spikes come every 19 + j* steps, the first at step
// j* − 1.
func TestFICurveLIF(t *testing.T) {
	const dt, tau, dur, settle = 1e-4, 10e-3, 0.5, 0.1
	currents := []float64{0.9, 1.05, 1.2, 1.5, 2, 3, 5}
	g, err := spiking.NewNeuronGroup(len(currents), `
		dv/dt = (I - v)/tau : 1 (unless refractory)
		I : 1`, spiking.NeuronGroupOptions{
		Threshold: "v > 1", Reset: "v = 0", Refractory: 2e-3, Method: "exact",
		Namespace: map[string]any{"tau": "10*ms"},
	})
	if err != nil {
		t.Fatal(err)
	}
	rates, err := FICurve(g, "I", currents, dt, dur, settle)
	if err != nil {
		t.Fatal(err)
	}
	steps := int(math.Round(dur / dt))
	for k, I := range currents {
		want := 0.0
		if I > 1 {
			j := 1
			for I*(1-math.Exp(-float64(j)*dt/tau)) <= 1 {
				j++
			}
			n := 0
			for s := j - 1; s < steps; s += 19 + j {
				if float64(s)*dt >= settle-1e-9 {
					n++
				}
			}
			want = float64(n) / (dur - settle)
			// and the continuous law, within the steps' rounding
			cont := 1 / (2e-3 + tau*math.Log(I/(I-1)))
			if math.Abs(want-cont) > cont*cont*2*dt+1/(dur-settle) {
				t.Fatalf("closed forms disagree at I = %g: %g vs %g Hz", I, want, cont)
			}
		}
		if math.Abs(rates[k]-want) > 1e-9 {
			t.Errorf("rate at I = %g: %g Hz, want %g", I, rates[k], want)
		}
	}
	if _, err := FICurve(g, "I", currents[:3], dt, dur, settle); err == nil {
		t.Error("3 values for 7 neurons gave no error")
	}
	if _, err := FICurve(g, "I", currents, dt, dur, dur); err == nil {
		t.Error("settling time = duration gave no error")
	}
}
