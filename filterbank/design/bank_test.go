package design

import (
	"fmt"
	"math"
	"testing"
)

// BankSOS lays channels out as Brian Hears' cascade [channel][tap][stage]
// with pass-through padding; running the stages in order gives each
// channel's own SOS output.
func TestBankSOS(t *testing.T) {
	z1, err := Butter(2, []float64{300, 400}, Bandpass, SampleRate(16000)) // 2 sections
	if err != nil {
		t.Fatal(err)
	}
	z2, err := Butter(3, []float64{1000}, Lowpass, SampleRate(16000)) // 2 sections (odd)
	if err != nil {
		t.Fatal(err)
	}
	z3, err := Cheby1(4, 1, []float64{2000, 3000}, Bandstop, SampleRate(16000)) // 4 sections
	if err != nil {
		t.Fatal(err)
	}
	filters := []ZPK{z1, z2, z3}
	b, a, err := BankSOS(filters)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 3 || len(b[0]) != 3 || len(b[0][0]) != 4 || len(a[2][2]) != 4 {
		t.Fatalf("shape [%d][%d][%d], want [3][3][4]", len(b), len(b[0]), len(b[0][0]))
	}
	x := make([]float64, 2000)
	for i := range x {
		x[i] = math.Sin(0.05*float64(i)) + 0.3*math.Sin(0.9*float64(i))
	}
	for ch, f := range filters {
		sos, _ := f.SOS()
		want := sosfilt(sos, x)
		got := append([]float64(nil), x...)
		for st := 0; st < 4; st++ {
			got = tdf2([]float64{b[ch][0][st], b[ch][1][st], b[ch][2][st]}, []float64{a[ch][0][st], a[ch][1][st], a[ch][2][st]}, got)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("channel %d sample %d: %g, want %g", ch, i, got[i], want[i])
			}
		}
	}
	// Padding stages pass through.
	for st := 2; st < 4; st++ {
		if b[0][0][st] != 1 || a[0][0][st] != 1 || b[0][1][st] != 0 || a[0][2][st] != 0 {
			t.Errorf("padding stage %d of channel 0 is not pass-through", st)
		}
	}
	if _, _, err := BankSOS([]ZPK{z1, {P: []complex128{0.5i}, K: 1}}); err == nil {
		t.Error("BankSOS accepted an unpaired pole")
	}
}

// BankTF zero-pads shorter designs at the end, as brian2hears' IIRFilterbank.
func TestBankTF(t *testing.T) {
	z1, _ := Butter(1, []float64{0.1}, Lowpass)
	z2, _ := Butter(2, []float64{0.1, 0.2}, Bandpass)
	b, a := BankTF([]ZPK{z1, z2})
	b1, a1 := z1.TF()
	if len(b[0]) != 5 || len(a[1]) != 5 {
		t.Fatalf("taps %d/%d, want 5", len(b[0]), len(a[1]))
	}
	for i := 0; i < 5; i++ {
		wb, wa := 0.0, 0.0
		if i < len(b1) {
			wb, wa = b1[i], a1[i]
		}
		if b[0][i][0] != wb || a[0][i][0] != wa {
			t.Errorf("tap %d: %g/%g, want %g/%g", i, b[0][i][0], a[0][i][0], wb, wa)
		}
	}
}

func TestZPKHelpers(t *testing.T) {
	z, _ := Cheby2(3, 40, []float64{0.3}, Highpass)
	c := z.Clone()
	c.P[0] = 0
	if z.P[0] == 0 || z.Order() != 3 {
		t.Errorf("Clone shares storage or Order wrong: %v", z)
	}
	sos, _ := z.SOS()
	b1, a1 := sos.TF()
	b2, a2 := z.TF()
	for i := range b2 {
		if !near(b1[i], b2[i], 1e-14) || !near(a1[i], a2[i], 1e-14) {
			t.Fatalf("SOS.TF %v/%v, ZPK.TF %v/%v", b1, a1, b2, a2)
		}
	}
	for _, s := range []fmt.Stringer{Lowpass, Bandstop, BandType(7), Elliptic, FilterType(9), BesselMag, BesselNorm(5)} {
		if s.String() == "" {
			t.Errorf("empty String for %#v", s)
		}
	}
}

// Brian Hears' IIRFilterbank example channel: a Chebyshev I band-pass from a
// pass/stop specification in Hz, run as second-order sections.
func ExampleIIRDesign() {
	z, btype, order, err := IIRDesign([]float64{500, 1000}, []float64{350, 1400}, 1, 30, Chebyshev1, SampleRate(44100))
	if err != nil {
		panic(err)
	}
	sos, _ := z.SOS()
	h, _ := Freqz(sos, []float64{350, 500, 1000, 1400}, 44100)
	fmt.Println(btype, order, len(sos), "sections")
	for _, v := range h {
		fmt.Printf("%.2f dB\n", 20*math.Log10(math.Hypot(real(v), imag(v))))
	}
	// Output:
	// bandpass 4 4 sections
	// -36.85 dB
	// -1.00 dB
	// -1.00 dB
	// -35.62 dB
}
