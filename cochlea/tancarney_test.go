package cochlea

import (
	"math"
	"strings"
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

	// A single CF applies to every channel (brian2hears' scalar CF).
	syn, err = ZhangSynapseRate(vihc, cf[:1], p)
	if err != nil {
		t.Fatal(err)
	}
	if syn.NumChannels() != 2 {
		t.Fatalf("scalar CF: %d channels, want 2", syn.NumChannels())
	}
	compareRef(t, c, readBlocks(t, syn, vihc.NumFrames(), 2000), want)
	if _, err := ZhangSynapseRate(vihc, []float64{1000, 1000, 1000}, p); err == nil {
		t.Fatal("3 CFs for a 2-channel input accepted")
	}
	bad := p
	if err := bad.Set("A_SS", 20); err != nil {
		t.Fatal(err)
	}
	if _, err := ZhangSynapseRate(vihc, cf, bad); err == nil {
		t.Fatal("A_SS below spont accepted")
	}
	if err := bad.Set("tau", 1); err == nil || !strings.Contains(err.Error(), "tau_ST") {
		t.Fatalf("unknown name: %v", err)
	}
}

func TestTanCarneyParams(t *testing.T) {
	p := DefaultTanCarneyParams()
	if err := p.Set("fc_LP_fb", 400); err != nil || p.FcLPFb != 400 {
		t.Fatalf("fc_LP_fb: %v %v", p.FcLPFb, err)
	}
	if v, err := p.Get("fc_LP_control"); err != nil || v != 800 {
		t.Fatalf("fc_LP_control: %v %v", v, err)
	}
	if err := p.Set("fp1", 900); err != nil || len(p.FP1) != 1 || p.FP1[0] != 900 {
		t.Fatalf("fp1: %v %v", p.FP1, err)
	}
	if err := p.SetValues("tb", []float64{300, 400}); err != nil || len(p.TB) != 2 {
		t.Fatalf("tb: %v %v", p.TB, err)
	}
	if err := p.Set("nlgain", 1); err == nil || !strings.Contains(err.Error(), "derived") {
		t.Fatalf("nlgain: %v", err)
	}
	if err := p.SetValues("average_control", []float64{1, 2}); err == nil {
		t.Fatal("two values for a scalar accepted")
	}
	if err := p.Set("rgian", 1); err == nil || !strings.Contains(err.Error(), "rgain") {
		t.Fatalf("unknown name should list valid names: %v", err)
	}
	if err := p.Set("ta", math.Inf(1)); err == nil {
		t.Fatal("infinite ta accepted")
	}
	snd := testNoise(100, 50000, 0.01)
	// tb has 2 values: a 3-channel model is an error naming it.
	if _, err := TanCarney(snd, []float64{500, 1000, 2000}, 1, p); err == nil || !strings.Contains(err.Error(), "tb") {
		t.Fatalf("3 channels with 2 tb values: %v", err)
	}
	if _, err := TanCarney(snd, []float64{500, 1000}, 1, p); err != nil {
		t.Fatal(err)
	}
	if _, err := TanCarney(snd, []float64{1000}, 0, DefaultTanCarneyParams()); err == nil {
		t.Fatal("update interval 0 accepted")
	}
	if _, err := TanCarney(snd, []float64{math.NaN()}, 1, DefaultTanCarneyParams()); err == nil {
		t.Fatal("NaN cf accepted")
	}
	// Below 97.66 Hz the default fp1 is not positive: the signal path is
	// not tuned (a 50 Hz channel answers a 1 kHz tone 20 dB louder than the
	// 1 kHz channel). Refused, naming the channel; 100 Hz is accepted, and
	// so is 50 Hz with a positive fp1 of the user's.
	if _, err := TanCarney(snd, []float64{1000, 50}, 1, DefaultTanCarneyParams()); err == nil || !strings.Contains(err.Error(), "channel 1 (cf 50 Hz)") || !strings.Contains(err.Error(), "97.66") {
		t.Fatalf("cf 50 Hz: %v", err)
	}
	if _, err := TanCarneySignal(snd, []float64{100}, 1, DefaultTanCarneyParams()); err != nil {
		t.Fatal(err)
	}
	own := DefaultTanCarneyParams()
	if err := own.Set("fp1", -5); err != nil {
		t.Fatal(err)
	}
	if _, err := TanCarney(snd, []float64{1000}, 1, own); err == nil || !strings.Contains(err.Error(), "fp1 must be a positive") {
		t.Fatalf("negative fp1: %v", err)
	}
	if err := own.Set("fp1", 40); err != nil {
		t.Fatal(err)
	}
	if _, err := TanCarney(snd, []float64{50}, 1, own); err != nil {
		t.Fatal(err)
	}
}
