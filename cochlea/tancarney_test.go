package cochlea

import (
	"math"
	"testing"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/internal/refdata"
	"github.com/gohears/hears/sound"
)

// TestTanCarneyReference checks TanCarney(MiddleEar(sound)) against
// brian2hears at 40 and 80 dB SPL. The model feeds its output back into
// its own coefficients at every sample, so rounding differences (pow and
// log against numpy's, products in another order) are amplified; the
// case's suggested tolerance (feedback class, 1e-6 of the peak) allows
// for that.
func TestTanCarneyReference(t *testing.T) {
	c, snd, want := refCase(t, "tancarney_cf1k_40_80dB")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range []int{32, 1, 13, 2000} {
		me, err := filterbank.MiddleEar(snd, []float64{1})
		if err != nil {
			t.Fatal(err)
		}
		fb, err := TanCarney(me, cf, 1, DefaultTanCarneyParams())
		if err != nil {
			t.Fatal(err)
		}
		got := readBlocks(t, fb, snd.NumFrames(), block)
		compareRef(t, c, got, want)
	}
}

// TestZhangSynapseReference checks the synapse rate s, first from the
// reference IHC input (state_V_ihc.csv) and then chained after our
// TanCarney, against Brian2's forward-Euler integration. Tolerance: the
// case's (feedback class, 1e-6 of the peak rate).
func TestZhangSynapseReference(t *testing.T) {
	c, snd, want := refCase(t, "zhang_synapse_rate_cf1k_40_80dB")
	cf, err := c.Floats("parameters", "cf", "value")
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultZhangParams()
	k, err := p.Constants()
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]float64{"p_1": k.P1, "P_rest": k.PRest, "P_L": k.PL, "V_I": k.VI, "P_G": k.PG, "C_G": k.CG} {
		w, err := c.Float("values", "model_constants", "value", name)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v-w) > 1e-12*math.Abs(w) {
			t.Errorf("%s = %.17g, want %.17g", name, v, w)
		}
	}
	p2, _ := c.Floats("values", "p_2", "value")
	if got := p.P2(cf[0], k); math.Abs(got-p2[0]) > 1e-12*p2[0] {
		t.Errorf("p_2 = %.17g, want %.17g", got, p2[0])
	}
	rows, err := c.CSV("state_V_ihc.csv")
	if err != nil {
		t.Fatal(err)
	}
	v, nc := refdata.Flatten(rows)
	vihc, err := sound.New(v, nc, snd.SampleRate())
	if err != nil {
		t.Fatal(err)
	}
	syn, err := ZhangSynapseRate(vihc, cf, p)
	if err != nil {
		t.Fatal(err)
	}
	compareRef(t, c, readBlocks(t, syn, vihc.NumFrames(), 32), want)

	me, _ := filterbank.MiddleEar(snd, []float64{1})
	ihc, err := TanCarney(me, cf, 1, DefaultTanCarneyParams())
	if err != nil {
		t.Fatal(err)
	}
	syn, err = ZhangSynapseRate(ihc, cf, p)
	if err != nil {
		t.Fatal(err)
	}
	compareRef(t, c, readBlocks(t, syn, snd.NumFrames(), 100), want)
}
