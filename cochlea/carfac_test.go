package cochlea

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// carfacDir holds the CARFAC reference cases (testdata/carfac/README.md).
const carfacDir = "../testdata/carfac"

// carfacCase is one reference case: its run and its stored outputs.
type carfacCase struct {
	Case       string  `json:"case"`
	FS         float64 `json:"fs"`
	NEars      int     `json:"n_ears"`
	NSamples   int     `json:"n_samples"`
	NCh        int     `json:"n_ch"`
	DesignArgs struct {
		IHCStyle       string `json:"ihc_style"`
		UseDelayBuffer bool   `json:"use_delay_buffer"`
	} `json:"design_carfac_args"`
	RunArgs struct {
		OpenLoop  bool `json:"open_loop"`
		LinearCAR bool `json:"linear_car"`
	} `json:"run_segment_args"`
	Stored []int           `json:"stored_channels"`
	Poles  []float64       `json:"pole_freqs_hz"`
	Design json.RawMessage `json:"carfac_design"`
	dir    string
}

func (c *carfacCase) params() CARFACParams {
	p := DefaultCARFACParams()
	p.IHCStyle = c.DesignArgs.IHCStyle
	p.UseDelayBuffer = c.DesignArgs.UseDelayBuffer
	p.OpenLoop = c.RunArgs.OpenLoop
	p.LinearCAR = c.RunArgs.LinearCAR
	return p
}

func loadCARFACCase(t testing.TB, dir string) *carfacCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "case.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := &carfacCase{dir: dir}
	if err := json.Unmarshal(b, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// readGz returns the decompressed contents of a gzipped file.
func readGz(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(path, err)
	}
	return b
}

// readGzCSV reads a gzipped CSV with one header line: the header and the
// rows, as columns.
func readGzCSV(t testing.TB, path string) ([]string, [][]float64) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(readGz(t, path))).ReadAll()
	if err != nil {
		t.Fatal(path, err)
	}
	head := recs[0]
	cols := make([][]float64, len(head))
	for _, r := range recs[1:] {
		for j, s := range r {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(path, err)
			}
			cols[j] = append(cols[j], v)
		}
	}
	return head, cols
}

// readGzText reads gzipped space-separated rows (lines starting with #
// skipped), as rows.
func readGzText(t testing.TB, path string) [][]float64 {
	t.Helper()
	var rows [][]float64
	sc := bufio.NewScanner(bytes.NewReader(readGz(t, path)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		var row []float64
		for _, s := range strings.Fields(line) {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(path, err)
			}
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// input reads the case's waveform, frame-major.
func (c *carfacCase) input(t testing.TB) []float64 {
	_, cols := readGzCSV(t, filepath.Join(c.dir, "input.csv.gz"))
	n := len(cols[0])
	x := make([]float64, n*len(cols))
	for e, col := range cols {
		for k, v := range col {
			x[k*len(cols)+e] = v
		}
	}
	return x
}

// runAll runs the model on the case's input, returning all four outputs.
func (c *carfacCase) runAll(t testing.TB, p CARFACParams) (*CARFAC, CARFACRows) {
	t.Helper()
	m, err := NewCARFAC(c.FS, c.NEars, p)
	if err != nil {
		t.Fatal(err)
	}
	if m.NumChannels() != c.NCh {
		t.Fatalf("%s: %d channels, reference %d", c.Case, m.NumChannels(), c.NCh)
	}
	x := c.input(t)
	n := len(x) / c.NEars
	w := n * c.NEars * c.NCh
	rows := CARFACRows{NAP: make([]float64, w), BM: make([]float64, w), OHC: make([]float64, w), AGC: make([]float64, w)}
	if err := m.Run(x, n, rows); err != nil {
		t.Fatal(err)
	}
	return m, rows
}

// tol is |Δ| ≤ rtol·max|ref channel| + atol.
type tol struct{ rtol, atol float64 }

// compareColumns checks the stored channels of ear e of out against the
// reference columns, returning the worst excess (≤ 1 passes).
func compareColumns(t *testing.T, what string, out []float64, nEars, nCh, e int, head []string, cols [][]float64, tl tol) {
	t.Helper()
	worst, worstRel := 0.0, 0.0
	for j, name := range head {
		ch, err := strconv.Atoi(strings.TrimPrefix(name, "ch"))
		if err != nil {
			t.Fatalf("%s: column %q", what, name)
		}
		ref := cols[j]
		peak := 0.0
		for _, v := range ref {
			peak = max(peak, math.Abs(v))
		}
		for k, want := range ref {
			got := out[(k*nEars+e)*nCh+ch]
			d := math.Abs(got - want)
			lim := tl.rtol*peak + tl.atol
			if d > lim {
				t.Errorf("%s ch %d sample %d: got %.9g want %.9g (|Δ| %.3g > %.3g)", what, ch, k, got, want, d, lim)
				return
			}
			if lim > 0 {
				worst = max(worst, d/lim)
			}
			if peak > 0 {
				worstRel = max(worstRel, d/peak)
			}
		}
	}
	t.Logf("%s: worst |Δ| = %.3g of tolerance, %.3g of channel peak", what, worst, worstRel)
}

// carfacTolerances are the README's suggested tolerances: a float64 port
// against the all-float64 reference (f64), and against the stock code,
// whose float32 design arithmetic differs by up to ~1e-3 (stock).
var carfacTolerances = map[string]map[string]tol{
	"f64":   {"nap": {1e-7, 1e-10}, "bm": {1e-7, 0}, "ohc": {1e-7, 0}, "agc": {1e-7, 0}},
	"stock": {"nap": {3e-3, 5e-6}, "bm": {3e-3, 0}, "ohc": {3e-3, 0}, "agc": {1e-4, 0}},
}

func carfacCaseDirs(t *testing.T, variant string) []string {
	dirs, err := filepath.Glob(filepath.Join(carfacDir, variant, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no CARFAC cases in %s/%s: %v", carfacDir, variant, err)
	}
	return dirs
}

// TestCARFACReference runs every reference case (f64 and stock) and checks
// NAP, BM, OHC and AGC at the stored channels, and every channel's
// statistics, at the README's tolerances.
func TestCARFACReference(t *testing.T) {
	for _, variant := range []string{"f64", "stock"} {
		for _, dir := range carfacCaseDirs(t, variant) {
			c := loadCARFACCase(t, dir)
			t.Run(variant+"/"+c.Case, func(t *testing.T) {
				_, rows := c.runAll(t, c.params())
				for _, o := range []struct {
					name string
					out  []float64
				}{{"nap", rows.NAP}, {"bm", rows.BM}, {"ohc", rows.OHC}, {"agc", rows.AGC}} {
					head, cols := readGzCSV(t, filepath.Join(dir, o.name+".csv.gz"))
					if len(cols[0]) != c.NSamples {
						t.Fatalf("%s has %d samples, case says %d", o.name, len(cols[0]), c.NSamples)
					}
					compareColumns(t, o.name, o.out, c.NEars, c.NCh, 0, head, cols, carfacTolerances[variant][o.name])
				}
				checkChannelStats(t, c, rows, carfacTolerances[variant])
			})
		}
	}
}

// checkChannelStats compares every channel's NAP and BM statistics with
// channel_stats.csv, each scaled by the channel's max |nap| or max |bm|.
func checkChannelStats(t *testing.T, c *carfacCase, rows CARFACRows, tl map[string]tol) {
	t.Helper()
	head, cols := readGzCSV(t, filepath.Join(c.dir, "channel_stats.csv.gz"))
	col := map[string][]float64{}
	for j, h := range head {
		col[h] = cols[j]
	}
	n := c.NSamples
	for ch := range c.NCh {
		var napMean, napSq, napMin, napMax, bmSq, bmMin, bmMax float64
		napMin, bmMin = math.Inf(1), math.Inf(1)
		napMax, bmMax = math.Inf(-1), math.Inf(-1)
		for k := range n {
			v := rows.NAP[k*c.NCh+ch]
			napMean += v
			napSq += v * v
			napMin, napMax = min(napMin, v), max(napMax, v)
			b := rows.BM[k*c.NCh+ch]
			bmSq += b * b
			bmMin, bmMax = min(bmMin, b), max(bmMax, b)
		}
		got := map[string]float64{"nap_mean": napMean / float64(n), "nap_rms": math.Sqrt(napSq / float64(n)),
			"nap_min": napMin, "nap_max": napMax, "bm_rms": math.Sqrt(bmSq / float64(n)), "bm_min": bmMin, "bm_max": bmMax}
		napScale := max(math.Abs(col["nap_min"][ch]), math.Abs(col["nap_max"][ch]))
		bmScale := max(math.Abs(col["bm_min"][ch]), math.Abs(col["bm_max"][ch]))
		if p := col["pole_hz"][ch]; math.Abs(p-c.Poles[ch]) > 1e-8*p {
			t.Errorf("channel_stats pole %d: %v vs case %v", ch, p, c.Poles[ch])
		}
		for name, g := range got {
			scale, tt := bmScale, tl["bm"]
			if strings.HasPrefix(name, "nap") {
				scale, tt = napScale, tl["nap"]
			}
			want := col[name][ch]
			if d := math.Abs(g - want); d > tt.rtol*scale+tt.atol+1e-8*math.Abs(want) {
				t.Errorf("channel %d %s: got %.9g want %.9g", ch, name, g, want)
			}
		}
	}
}

// TestCARFACDesign checks the pole frequencies and designed coefficients
// against the reference's: rtol 1e-9 (atol 1e-12) for the all-float64
// reference; for the stock code, whose pole frequencies are float32, the
// poles at rtol 1e-7.
func TestCARFACDesign(t *testing.T) {
	type design struct {
		Poles  []float64 `json:"pole_freqs_hz"`
		Coeffs struct {
			Car map[string]json.RawMessage `json:"car_coeffs"`
			IHC map[string]float64         `json:"ihc_coeffs"`
			AGC []struct {
				Epsilon    float64   `json:"agc_epsilon"`
				Decimation int       `json:"decimation"`
				Iterations int       `json:"agc_spatial_iterations"`
				FIR        []float64 `json:"agc_spatial_fir"`
				NTaps      int       `json:"agc_spatial_n_taps"`
				Mix        float64   `json:"agc_mix_coeffs"`
				Detect     float64   `json:"detect_scale"`
			} `json:"agc_coeffs"`
		} `json:"coeffs"`
	}
	n := 0
	for _, variant := range []string{"f64", "stock"} {
		for _, dir := range carfacCaseDirs(t, variant) {
			c := loadCARFACCase(t, dir)
			d, err := designCARFAC(c.FS, c.params())
			if err != nil {
				t.Fatal(err)
			}
			rtol := map[string]float64{"f64": 1e-9, "stock": 1e-7}[variant]
			for i, p := range c.Poles {
				if math.Abs(d.poles[i]-p) > rtol*p {
					t.Errorf("%s pole %d: %.12g vs %.12g", c.Case, i, d.poles[i], p)
				}
			}
			if c.Design == nil || variant != "f64" {
				continue
			}
			n++
			var ref design
			if err := json.Unmarshal(c.Design, &ref); err != nil {
				t.Fatal(err)
			}
			near := func(what string, got, want float64) {
				if math.Abs(got-want) > 1e-9*math.Abs(want)+1e-12 {
					t.Errorf("%s %s: got %.15g want %.15g", c.Case, what, got, want)
				}
			}
			for name, got := range map[string][]float64{"r1_coeffs": d.r1, "a0_coeffs": d.a0, "c0_coeffs": d.c0,
				"h_coeffs": d.h, "g0_coeffs": d.g0, "ga_coeffs": d.ga, "gb_coeffs": d.gb, "gc_coeffs": d.gc,
				"zr_coeffs": d.zr, "ohc_health": d.health} {
				var want []float64
				if err := json.Unmarshal(ref.Coeffs.Car[name], &want); err != nil || len(want) != len(got) {
					t.Fatalf("%s %s: %v (%d values)", c.Case, name, err, len(want))
				}
				for i := range want {
					near(fmt.Sprintf("%s[%d]", name, i), got[i], want[i])
				}
			}
			var ac float64
			if err := json.Unmarshal(ref.Coeffs.Car["ac_coeff"], &ac); err != nil {
				t.Fatal(err)
			}
			near("ac_coeff", d.acCoeff, ac)
			q := d.ihc
			for name, got := range map[string]float64{"lpf_coeff": q.lpfCoeff, "out_rate": q.outRate, "in_rate": q.inRate,
				"out1_rate": q.out1Rate, "in1_rate": q.in1Rate, "out2_rate": q.out2Rate, "in2_rate": q.in2Rate,
				"output_gain": q.outputGain, "rest_output": q.restOutput, "rest_cap": q.restCap,
				"rest_cap1": q.restCap1, "rest_cap2": q.restCap2} {
				near("ihc "+name, got, ref.Coeffs.IHC[name])
			}
			if len(ref.Coeffs.AGC) != len(d.agc) {
				t.Fatalf("%d AGC stages, reference %d", len(d.agc), len(ref.Coeffs.AGC))
			}
			for s, r := range ref.Coeffs.AGC {
				a := d.agc[s]
				if a.decimation != r.Decimation || a.iterations != r.Iterations || a.nTaps != r.NTaps {
					t.Errorf("AGC stage %d: decimation, iterations, taps %d %d %d; reference %d %d %d", s,
						a.decimation, a.iterations, a.nTaps, r.Decimation, r.Iterations, r.NTaps)
				}
				near(fmt.Sprintf("agc[%d] epsilon", s), a.epsilon, r.Epsilon)
				near(fmt.Sprintf("agc[%d] mix", s), a.mixCoeff, r.Mix)
				if s == 0 {
					near("detect_scale", a.detectScale, r.Detect)
				}
				for j := range 3 {
					near(fmt.Sprintf("agc[%d] fir[%d]", s, j), a.fir[j], r.FIR[j])
				}
			}
		}
	}
	if n < 3 {
		t.Fatalf("only %d cases carry a full design", n)
	}
}

// TestCARFACMatlabV1 runs the repository's MATLAB v1 (lyon2011) binaural
// golden test, binaural_test: 2 ears at 22050 Hz, the one_cap IHC with the
// AC coupler at its input, the exact stage gain in the AGC loop (version
// "v1"). It checks the NAP and BM of both ears at rtol 1e-7 of each
// channel's peak (the reference README measures the float64 NumPy code in
// this configuration at 1.1e-9 of peak from these files).
func TestCARFACMatlabV1(t *testing.T) {
	dir := filepath.Join(carfacDir, "v1_matlab")
	audio := readGzText(t, filepath.Join(dir, "binaural_test-audio.txt.gz"))
	x := make([]float64, 0, 2*len(audio))
	for _, r := range audio {
		if len(r) != 2 {
			t.Fatalf("audio row has %d values", len(r))
		}
		x = append(x, r...)
	}
	p := DefaultCARFACParams()
	p.IHCStyle = "one_cap"
	p.Version = "v1"
	m, err := NewCARFAC(22050, 2, p)
	if err != nil {
		t.Fatal(err)
	}
	n, nch := len(audio), m.NumChannels()
	rows := CARFACRows{NAP: make([]float64, n*2*nch), BM: make([]float64, n*2*nch)}
	if err := m.Run(x, n, rows); err != nil {
		t.Fatal(err)
	}
	chans := []int{0, 10, 20, 30, 38, 50, 60, 70}
	for _, f := range []struct {
		name string
		out  []float64
		ear  int
	}{{"nap1", rows.NAP, 0}, {"nap2", rows.NAP, 1}, {"bm1", rows.BM, 0}, {"bm2", rows.BM, 1}} {
		ref := readGzText(t, filepath.Join(dir, "binaural_test-matlab-"+f.name+".txt.gz"))
		if len(ref) != n {
			t.Fatalf("%s: %d rows, audio %d", f.name, len(ref), n)
		}
		head := make([]string, len(chans))
		cols := make([][]float64, len(chans))
		for j, ch := range chans {
			head[j] = fmt.Sprintf("ch%d", ch)
			for _, r := range ref {
				cols[j] = append(cols[j], r[j])
			}
		}
		compareColumns(t, f.name, f.out, 2, nch, f.ear, head, cols, tol{1e-7, 0})
	}
}
