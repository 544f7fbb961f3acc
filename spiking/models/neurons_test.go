package models

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/gohears/hears/spiking"
	"github.com/gohears/hears/spiking/analysis"
)

type brian2Reference struct {
	AdEx struct {
		Dt, Duration float64
		Patterns     []struct {
			Name   string
			Spikes []float64
		}
	} `json:"adex"`
	Izhikevich struct {
		Dt, Duration float64
		Regimes      []struct {
			Name   string
			Spikes []float64
		}
	} `json:"izhikevich"`
	HH struct {
		Dt, Duration, Settle float64
		Currents, Rates      []float64
	} `json:"hh_traub_miles"`
}

func loadBrian2(t *testing.T) *brian2Reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r brian2Reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// run simulates g for duration seconds at dt and returns its spike trains.
func run(t *testing.T, g *spiking.NeuronGroup, dt, duration float64) [][]float64 {
	t.Helper()
	mon, err := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := spiking.NewNetwork(dt, g, mon)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.Run(duration); err != nil {
		t.Fatal(err)
	}
	return mon.Trains()
}

func isis(tr []float64) []float64 {
	out, _ := analysis.ISI(tr)
	return out
}

// sameSpikes checks the first n spikes of got against Brian2's within one
// time step, and the counts within one (the euler update differs from
// Brian2's numpy code in the order of its floating-point operations).
func sameSpikes(t *testing.T, name string, got, want []float64, n int, dt float64) {
	t.Helper()
	if d := len(got) - len(want); d < -1 || d > 1 {
		t.Errorf("%s: %d spikes, Brian2 %d", name, len(got), len(want))
	}
	for k := range min(n, len(got), len(want)) {
		if math.Abs(got[k]-want[k]) > 1.01*dt {
			t.Errorf("%s: spike %d at %.5f s, Brian2 %.5f s", name, k, got[k], want[k])
			return
		}
	}
}

func TestAdExNaudPatterns(t *testing.T) {
	ref := loadBrian2(t)
	dt, dur := ref.AdEx.Dt, ref.AdEx.Duration
	if testing.Short() {
		dur = 0.25
	}
	trains := map[AdExPattern][]float64{}
	for k, p := range AdExPatterns {
		m, ok := AdEx(p)
		if !ok {
			t.Fatal(p)
		}
		g, err := m.Group(1, "", spiking.NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tr := run(t, g, dt, dur)[0]
		trains[p] = tr
		want := ref.AdEx.Patterns[k]
		if want.Name != string(p) {
			t.Fatalf("reference pattern %s, model %s", want.Name, p)
		}
		var w []float64
		for _, s := range want.Spikes {
			if s < dur {
				w = append(w, s)
			}
		}
		n := len(w)
		if p == Irregular {
			n = 8 // chaotic: rounding differences grow
		}
		sameSpikes(t, string(p), tr, w, n, dt)
	}
	// The behaviours of Naud et al. (2008), Fig. 2, in numbers.
	tonic := isis(trains[Tonic])
	if cv, _ := analysis.CV(trains[Tonic][2:]); cv > 0.02 || len(tonic) < 20 {
		t.Errorf("tonic: %d intervals with CV %.3f (regular firing expected)", len(tonic), cv)
	}
	ad := isis(trains[Adapting])
	for k := 1; k < len(ad); k++ {
		if ad[k] < ad[k-1]*0.99 && k < 6 {
			t.Errorf("adapting: interval %d (%.1f ms) shorter than the one before (%.1f ms)", k, ad[k]*1e3, ad[k-1]*1e3)
		}
	}
	if ad[len(ad)-1] < 5*ad[0] {
		t.Errorf("adapting: intervals grow only from %.1f to %.1f ms", ad[0]*1e3, ad[len(ad)-1]*1e3)
	}
	ib := isis(trains[InitialBurst])
	if !(ib[0] < 10e-3 && ib[1] < 10e-3 && ib[len(ib)-1] > 50e-3) {
		t.Errorf("initial burst: intervals %.1f, %.1f … %.1f ms", ib[0]*1e3, ib[1]*1e3, ib[len(ib)-1]*1e3)
	}
	if n := bursts(trains[RegularBursting], 10e-3, 100e-3); n < 2 {
		t.Errorf("regular bursting: %d bursts", n)
	}
	da := isis(trains[DelayedAccelerating])
	if !(trains[DelayedAccelerating][0] > 25e-3 && da[0] > 1.5*da[len(da)-1]) {
		t.Errorf("delayed accelerating: first spike at %.1f ms, intervals %.1f … %.1f ms", trains[DelayedAccelerating][0]*1e3, da[0]*1e3, da[len(da)-1]*1e3)
	}
	if tr := trains[DelayedRegularBursting]; tr[0] < 40e-3 || bursts(tr, 20e-3, 50e-3) < 2 {
		t.Errorf("delayed regular bursting: first spike at %.1f ms, %d bursts", tr[0]*1e3, bursts(tr, 20e-3, 50e-3))
	}
	if tr := trains[Transient]; len(tr) == 0 || tr[len(tr)-1] > 60e-3 {
		t.Errorf("transient: spikes %v (only at the onset expected)", tr)
	}
	if cv, _ := analysis.CV(trains[Irregular]); cv < 0.3 {
		t.Errorf("irregular: CV %.2f", cv)
	}
	if _, ok := AdEx("nonsense"); ok {
		t.Error("unknown pattern accepted")
	}
}

// bursts counts groups of at least 2 spikes with intervals below within,
// separated by silences longer than between.
func bursts(tr []float64, within, between float64) int {
	n, run := 0, 1
	for k := 1; k <= len(tr); k++ {
		if k < len(tr) && tr[k]-tr[k-1] < within {
			run++
			continue
		}
		if run >= 2 && (k == len(tr) || tr[k]-tr[k-1] > between) {
			n++
		}
		run = 1
	}
	return n
}

func TestIzhikevichRegimes(t *testing.T) {
	ref := loadBrian2(t)
	dt, dur := ref.Izhikevich.Dt, ref.Izhikevich.Duration
	if testing.Short() {
		dur = 0.25
	}
	trains := map[IzhikevichRegime][]float64{}
	for k, want := range ref.Izhikevich.Regimes {
		r := IzhikevichRegime(want.Name)
		m, ok := Izhikevich(r)
		if !ok {
			t.Fatal(r)
		}
		g, err := m.Group(1, "", spiking.NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tr := run(t, g, dt, dur)[0]
		trains[r] = tr
		var w []float64
		for _, s := range ref.Izhikevich.Regimes[k].Spikes {
			if s < dur {
				w = append(w, s)
			}
		}
		// Past ~40 spikes the fastest regime drifts by a few steps: near the
		// peak v changes by ~10 mV a step, so the last bits of Brian2's
		// differently ordered arithmetic move a crossing by a step.
		sameSpikes(t, want.Name, tr, w, 30, dt)
	}
	// Izhikevich (2003), Fig. 2, in numbers.
	rs := isis(trains[RegularSpiking])
	if !(rs[0] < 0.7*rs[len(rs)-1]) {
		t.Errorf("RS: first interval %.1f ms, last %.1f ms (adaptation expected)", rs[0]*1e3, rs[len(rs)-1]*1e3)
	}
	ib := isis(trains[IntrinsicBursting])
	if !(ib[0] < 5e-3 && ib[1] < 5e-3 && ib[len(ib)-1] > 25e-3) {
		t.Errorf("IB: intervals %.1f, %.1f … %.1f ms (initial burst, then tonic)", ib[0]*1e3, ib[1]*1e3, ib[len(ib)-1]*1e3)
	}
	if n := bursts(trains[Chattering], 5e-3, 30e-3); n < 3 {
		t.Errorf("CH: %d bursts", n)
	}
	fs := isis(trains[FastSpiking])
	if r, _ := analysis.FiringRate(trains[FastSpiking]); r < 100 || fs[len(fs)-1] > 1.2*fs[3] {
		t.Errorf("FS: %.0f Hz, intervals %.1f … %.1f ms (fast, little adaptation)", r, fs[3]*1e3, fs[len(fs)-1]*1e3)
	}
	lts := isis(trains[LowThresholdSpikes])
	if !(lts[0] < 5e-3 && lts[len(lts)-1] > 3*lts[0]) {
		t.Errorf("LTS: intervals %.1f … %.1f ms", lts[0]*1e3, lts[len(lts)-1]*1e3)
	}
}

func TestHodgkinHuxleyFI(t *testing.T) {
	if testing.Short() {
		t.Skip("1 s of 7 Hodgkin–Huxley neurons")
	}
	ref := loadBrian2(t)
	m := HodgkinHuxley()
	g, err := m.Group(len(ref.HH.Currents), "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rates, err := analysis.FICurve(g, "I", ref.HH.Currents, ref.HH.Dt, ref.HH.Duration, ref.HH.Settle)
	if err != nil {
		t.Fatal(err)
	}
	for k, r := range rates {
		// Periodic firing: the count in 0.8 s may differ by one spike
		// where a spike falls at the window's edge (1.25 Hz).
		if math.Abs(r-ref.HH.Rates[k]) > 1.25+1e-9 {
			t.Errorf("I = %g nA: %g Hz, Brian2 %g Hz", ref.HH.Currents[k]*1e9, r, ref.HH.Rates[k])
		}
		if k > 0 && r <= rates[k-1] {
			t.Errorf("f–I curve not increasing at %g nA", ref.HH.Currents[k]*1e9)
		}
	}
}

func TestLIFClosedForm(t *testing.T) {
	// rate = 1/(t_ref + τ ln((EL + RI − Vr)/(EL + RI − VT))), up to the
	// time step's rounding of each interval (≤ 1 step per interval).
	const dt = 1e-5
	currents := []float64{0.1e-9, 0.21e-9, 0.3e-9, 0.5e-9, 1e-9}
	g, err := LIF().Group(len(currents), "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rates, err := analysis.FICurve(g, "I", currents, dt, 1, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for k, I := range currents {
		want := 0.0
		if v := -70e-3 + I/10e-9; v > -50e-3 {
			want = 1 / (2e-3 + 20e-3*math.Log((v+60e-3)/(v+50e-3)))
		}
		if math.Abs(rates[k]-want) > want*want*dt+1/0.9 {
			t.Errorf("LIF at %g nA: %g Hz, closed form %g Hz", I*1e9, rates[k], want)
		}
	}
}

func TestQIFClosedForm(t *testing.T) {
	const dt = 1e-5
	currents := []float64{100e-12, 150e-12, 300e-12}
	g, err := QIF().Group(len(currents), "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Set("I", currents...); err != nil {
		t.Fatal(err)
	}
	tr := run(t, g, dt, 0.5)
	for k, I := range currents {
		// Period from reset c = −50 mV to vpeak = 35 mV.
		const C, kk, vr, vt, vpeak, c = 100e-12, 0.7e-9 / 1e-3, -60e-3, -40e-3, 35e-3, -50e-3
		mid, half := (vr+vt)/2, (vt-vr)/2
		alpha := math.Sqrt(I/kk - half*half)
		period := C / (kk * alpha) * (math.Atan((vpeak-mid)/alpha) - math.Atan((c-mid)/alpha))
		iv := isis(tr[k])
		got := iv[len(iv)-1]
		if math.Abs(got-period) > 1.01*dt {
			t.Errorf("QIF at %g pA: period %.6f s, closed form %.6f s", I*1e12, got, period)
		}
	}
}

func TestEIFRheobase(t *testing.T) {
	// Fourcaud-Trocmé et al. (2003): repetitive firing needs
	// I > gL(VT − EL − ΔT) = 10 nS × 18 mV = 180 pA.
	currents := []float64{0.97 * 180e-12, 1.03 * 180e-12}
	g, err := EIF().Group(2, "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Set("I", currents...); err != nil {
		t.Fatal(err)
	}
	tr := run(t, g, 1e-5, 1)
	if len(tr[0]) != 0 || len(tr[1]) < 2 {
		t.Errorf("EIF below / above rheobase: %d / %d spikes", len(tr[0]), len(tr[1]))
	}
}

func TestGIFTonicIsLIF(t *testing.T) {
	// With a = 0 and A1 = A2 = 0 the threshold stays at Θinf and the GIF is
	// a LIF without refractoriness: ISI = τ ln((EL + RI − Vr)/(EL + RI − Θinf)).
	g, err := GIF().Group(1, "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Set("Ie", 30e-12); err != nil { // R·I = 30 mV
		t.Fatal(err)
	}
	const dt = 1e-5
	tr := run(t, g, dt, 0.2)[0]
	want := 10e-3 * math.Log(30.0/10.0)
	iv := isis(tr)
	if len(iv) < 3 || math.Abs(iv[len(iv)-1]-want) > 1.01*dt+want*1e-3 {
		t.Errorf("GIF tonic: intervals %v, want %.6f s", iv, want)
	}
}

func TestHindmarshRoseBursts(t *testing.T) {
	// I = 2: regular bursts of several spikes separated by long silences;
	// I = 4: tonic firing (Hindmarsh & Rose 1984, their Fig. 4–5 regimes).
	g, err := HindmarshRose().Group(2, "", spiking.NeuronGroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Set("I", 2, 4); err != nil {
		t.Fatal(err)
	}
	tr := run(t, g, 0.01e-3, 3)
	if n := bursts(tr[0], 30e-3, 100e-3); n < 3 {
		t.Errorf("I = 2: %d bursts in %d spikes", n, len(tr[0]))
	}
	var late []float64 // after the slow variable z (time constant 1 s) settles
	for _, s := range tr[1] {
		if s > 2 {
			late = append(late, s)
		}
	}
	if cv, err := analysis.CV(late); err != nil || cv > 0.01 {
		t.Errorf("I = 4: CV %.3f, %v (tonic firing expected)", cv, err)
	}
}

func TestResonateAndFire(t *testing.T) {
	// Two kicks of x by 0.9 (too weak alone: the peak of y after one kick
	// is 0.9·max e^(bt) sin(ωt) < 1) fire the neuron when one period
	// 1/20 Hz apart, and not when half a period apart.
	for _, c := range []struct {
		gap  float64
		fire bool
	}{{0.05, true}, {0.025, false}} {
		m := ResonateAndFire()
		g, err := m.Group(1, "", spiking.NeuronGroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		gen, err := spiking.NewSpikeGeneratorGroup(1, []int{0, 0}, []float64{0.01, 0.01 + c.gap}, 0, spiking.GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		syn, err := spiking.NewSynapses(gen, g, spiking.SynapsesOptions{OnPre: "x_post += 0.9"})
		if err != nil {
			t.Fatal(err)
		}
		if err := syn.ConnectAll(); err != nil {
			t.Fatal(err)
		}
		mon, _ := spiking.NewSpikeMonitor(g, nil, spiking.MonitorOptions{})
		net, err := spiking.NewNetwork(1e-5, gen, g, syn, mon)
		if err != nil {
			t.Fatal(err)
		}
		if err := net.Run(0.2); err != nil {
			t.Fatal(err)
		}
		if fired := mon.NumSpikes() > 0; fired != c.fire {
			t.Errorf("kicks %g s apart: fired %v, want %v", c.gap, fired, c.fire)
		}
	}
}
