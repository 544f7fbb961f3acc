// Package zilanyref reads the reference data of the Zilany, Bruce & Carney
// (2014) model in testdata/zilany2014 (the authors' v5.2 C code run with
// fractional noise off or from a file and random numbers from a file; see
// testdata/zilany2014/README.md): gzipped CSV columns with a header line,
// and each case's parameters.
package zilanyref

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Dir is the directory of the reference data in the repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "zilany2014")
}

// Case is one reference case: its directory and parameters.
type Case struct {
	Name     string
	Dir      string
	CF       float64 // Hz
	Species  int     // 1 cat, 2 human (Shera), 3 human (Glasberg & Moore)
	Fiber    string  // "hsr", "msr", "lsr"
	COHC     float64
	CIHC     float64
	N        int     // samples
	Fs       float64 // Hz
	IHCDelay int     // samples
}

// Cases lists the reference cases in name order.
func Cases() ([]Case, error) {
	ents, err := os.ReadDir(Dir())
	if err != nil {
		return nil, err
	}
	var out []Case
	for _, e := range ents {
		if !e.IsDir() || e.Name() == "summary" {
			continue
		}
		c, err := Load(e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Load reads the parameters of the case called name.
func Load(name string) (Case, error) {
	dir := filepath.Join(Dir(), name)
	b, err := os.ReadFile(filepath.Join(dir, "case.json"))
	if err != nil {
		return Case{}, err
	}
	var j struct {
		Fs  float64 `json:"fs_hz"`
		N   int     `json:"n_samples"`
		IHC struct {
			CF      float64 `json:"CF_hz"`
			COHC    float64 `json:"cohc"`
			CIHC    float64 `json:"cihc"`
			Species int     `json:"species"`
			Delay   int     `json:"ihc_delay_samples"`
		} `json:"model_IHC"`
		Syn struct {
			Fiber string `json:"fiber"`
		} `json:"model_Synapse"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return Case{}, fmt.Errorf("%s: %w", name, err)
	}
	return Case{Name: name, Dir: dir, CF: j.IHC.CF, Species: j.IHC.Species, Fiber: j.Syn.Fiber,
		COHC: j.IHC.COHC, CIHC: j.IHC.CIHC, N: j.N, Fs: j.Fs, IHCDelay: j.IHC.Delay}, nil
}

// Has reports whether the case has the file (e.g. "bm.csv").
func (c Case) Has(file string) bool {
	_, err := os.Stat(filepath.Join(c.Dir, file+".gz"))
	return err == nil
}

// Columns reads file (e.g. "rate.csv", stored gzipped) as named columns.
func (c Case) Columns(file string) (map[string][]float64, error) {
	f, err := os.Open(filepath.Join(c.Dir, file+".gz"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", c.Name, file, err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("%s/%s: no header", c.Name, file)
	}
	head := strings.Split(sc.Text(), ",")
	cols := make([][]float64, len(head))
	line := 1
	for sc.Scan() {
		line++
		fs := strings.Split(sc.Text(), ",")
		if len(fs) != len(head) {
			return nil, fmt.Errorf("%s/%s:%d: %d fields, want %d", c.Name, file, line, len(fs), len(head))
		}
		for i, s := range fs {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%s/%s:%d: %w", c.Name, file, line, err)
			}
			cols[i] = append(cols[i], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := map[string][]float64{}
	for i, h := range head {
		out[h] = cols[i]
	}
	return out, nil
}

// Column reads one column of file.
func (c Case) Column(file, col string) ([]float64, error) {
	m, err := c.Columns(file)
	if err != nil {
		return nil, err
	}
	v, ok := m[col]
	if !ok {
		return nil, fmt.Errorf("%s/%s has no column %q", c.Name, file, col)
	}
	return v, nil
}

// PeakError returns max|got − want| / max|want| over the first len(want)
// samples, and the index of the largest difference.
func PeakError(got, want []float64) (float64, int) {
	peak, worst, at := 0.0, 0.0, -1
	for i, w := range want {
		peak = math.Max(peak, math.Abs(w))
		if i >= len(got) {
			return math.Inf(1), i
		}
		if d := math.Abs(got[i] - w); d > worst || math.IsNaN(d) {
			worst, at = d, i
		}
	}
	if peak == 0 {
		return worst, at
	}
	return worst / peak, at
}

// RateLevel reads summary/rate_level.csv: for the power-law implementation
// impl ("approximate" or "actual") and the fibre ("hsr", "msr", "lsr"), the
// columns by name, indexed by level (dB SPL). Empty fields read as NaN.
func RateLevel(impl, fiber string) (map[float64]map[string]float64, error) {
	b, err := os.ReadFile(filepath.Join(Dir(), "summary", "rate_level.csv"))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	head := strings.Split(lines[0], ",")
	out := map[float64]map[string]float64{}
	for n, l := range lines[1:] {
		fs := strings.Split(l, ",")
		if len(fs) != len(head) {
			return nil, fmt.Errorf("rate_level.csv:%d: %d fields, want %d", n+2, len(fs), len(head))
		}
		if fs[1] != fiber || fs[2] != impl {
			continue
		}
		row := map[string]float64{}
		for i, h := range head {
			if i == 1 || i == 2 {
				continue
			}
			v := math.NaN()
			if fs[i] != "" {
				if v, err = strconv.ParseFloat(fs[i], 64); err != nil {
					return nil, fmt.Errorf("rate_level.csv:%d: %w", n+2, err)
				}
			}
			row[h] = v
		}
		out[row["level_db_spl"]] = row
	}
	return out, nil
}

// BenchCFs are the characteristic frequencies of the speed benchmarks
// (docs/bench/zilany.md): 100, log-spaced from 125 Hz to 20 kHz.
func BenchCFs() []float64 {
	cf := make([]float64, 100)
	for i := range cf {
		cf[i] = 125 * math.Pow(20e3/125, float64(i)/99)
	}
	return cf
}
