package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/gohears/hears/hrtf"
	"github.com/gohears/hears/plot"
	"github.com/spf13/cobra"
)

const hrtfHelp = `Looks at an HRTF set: a SOFA file (AES69, SimpleFreeFieldHRIR), or
"spherical" for the spherical-head model of Brown & Duda (1998) on a 5°
grid of elevations −40° to 90° at 44.1 kHz (--rate changes the rate).

  hears hrtf info FILE [--json]
      the set's name, directions (count, elevation rings, azimuth and
      distance ranges), taps, sample rate, receivers, and the range of its
      ITDs and ILDs; --json writes the same as one JSON object.
  hears hrtf plot FILE -o x.png
      one picture of three panels: the ITD (µs) and the broadband ILD (dB)
      against azimuth on the horizontal plane (elevation 0), and the left
      ear's magnitude response (dB) against frequency and polar angle on
      the median plane (azimuths 0° and 180°: polar angle = elevation in
      front, 180° − elevation behind).

Azimuths follow SOFA: counterclockwise seen from above, +90° on the
listener's LEFT. ITDs are positive when the left ear is delayed, ILDs
positive when the left ear is louder (see docs/hrtf.md for how they are
measured).`

func init() {
	register(func(e *env) *cobra.Command {
		var rate float64
		c := &cobra.Command{
			Use:   "hrtf info|plot FILE|spherical",
			Short: "describe or draw an HRTF set (SOFA file or spherical head)",
			Long:  hrtfHelp,
			Args:  noArgs,
			RunE: func(*cobra.Command, []string) error {
				return usageErrorf("hrtf needs a subcommand: info or plot")
			},
		}
		c.PersistentFlags().Float64Var(&rate, "rate", 44100, "sample `rate` in Hz of the spherical-head set")
		oneSet := func(sub string) cobra.PositionalArgs {
			return func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usageErrorf("hrtf %s takes one HRTF set (a SOFA file or \"spherical\"), got %d arguments", sub, len(args))
				}
				return nil
			}
		}
		var asJSON bool
		info := &cobra.Command{
			Use:   "info FILE|spherical [--json]",
			Short: "the set's directions, taps, rate, receivers, ITD and ILD ranges",
			Args:  oneSet("info"),
			RunE: func(_ *cobra.Command, args []string) error {
				set, err := loadHRTFSet(args[0], rate)
				if err != nil {
					return err
				}
				inf, err := describeSet(args[0], set)
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(e.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(inf)
				}
				writeInfo(e.stdout, inf)
				return nil
			},
		}
		info.Flags().BoolVar(&asJSON, "json", false, "write the description as one JSON object")
		var out string
		plotCmd := &cobra.Command{
			Use:   "plot FILE|spherical -o out.png",
			Short: "ITD and ILD against azimuth, median-plane magnitude responses",
			Args:  oneSet("plot"),
			RunE: func(_ *cobra.Command, args []string) error {
				if args[0] != "spherical" && samePath(args[0], out) {
					return usageErrorf("the output %s is the input: choose another output name", out)
				}
				set, err := loadHRTFSet(args[0], rate)
				if err != nil {
					return err
				}
				sheet, err := drawSet(set)
				if err != nil {
					return err
				}
				if err := sheet.Save(out); err != nil {
					return err
				}
				printWritten(e, []string{out})
				return nil
			},
		}
		plotCmd.Flags().StringVarP(&out, "output", "o", "hrtf.png", "output picture `file` (.png, .svg or .pdf)")
		c.AddCommand(info, plotCmd)
		return c
	})
}

// hrtfInfo is what `hears hrtf info` reports.
type hrtfInfo struct {
	File       string     `json:"file"`
	Name       string     `json:"name"`
	Convention string     `json:"convention,omitempty"`
	Subject    string     `json:"subject,omitempty"`
	Database   string     `json:"database,omitempty"`
	Directions int        `json:"directions"`
	Taps       int        `json:"taps"`
	SampleRate float64    `json:"sample_rate_hz"`
	Receivers  []string   `json:"receivers"`
	Rings      []hrtfRing `json:"elevation_rings"`
	Distances  []float64  `json:"distances_m"`
	ITDRange   [2]float64 `json:"itd_range_s"`
	ILDRange   [2]float64 `json:"ild_range_db"`
	// Attributes are the file's global attributes (SOFA's metadata: title,
	// licence, history, …), empty ones left out.
	Attributes map[string]string `json:"attributes,omitempty"`
}

type hrtfRing struct {
	Elevation  float64 `json:"elevation_deg"`
	Directions int     `json:"directions"`
}

// loadHRTFSet reads a SOFA file, or makes the spherical-head set at rate
// Hz for "spherical".
func loadHRTFSet(spec string, rate float64) (*hrtf.Set, error) {
	if spec != "spherical" {
		return hrtf.LoadSOFA(spec)
	}
	grid, err := hrtf.SphericalGrid(5, []float64{-40, -30, -20, -10, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90})
	if err != nil {
		return nil, err
	}
	return hrtf.Spherical(hrtf.DefaultSphericalHead(), grid, rate, 0)
}

func describeSet(file string, set *hrtf.Set) (*hrtfInfo, error) {
	info := &hrtfInfo{File: file, Name: set.Name(), Directions: set.Len(), Taps: set.Taps(), SampleRate: set.SampleRate(),
		Receivers: []string{"left ear", "right ear"}, Convention: set.Convention()}
	for k, v := range set.Attributes() {
		if v == "" {
			continue
		}
		if info.Attributes == nil {
			info.Attributes = map[string]string{}
		}
		info.Attributes[k] = v
	}
	info.Subject, info.Database = info.Attributes["ListenerShortName"], info.Attributes["DatabaseName"]
	rings := map[float64]int{}
	dist := map[float64]bool{}
	for _, c := range set.Coordinates() {
		// Rounded to 0.001°: positions converted from cartesian coordinates
		// differ in their last bits.
		rings[math.Round(c.Elevation*1000)/1000]++
		dist[c.Distance] = true
	}
	for el, n := range rings {
		info.Rings = append(info.Rings, hrtfRing{Elevation: el, Directions: n})
	}
	slices.SortFunc(info.Rings, func(a, b hrtfRing) int { return cmp.Compare(a.Elevation, b.Elevation) })
	for d := range dist {
		info.Distances = append(info.Distances, d)
	}
	slices.Sort(info.Distances)
	itd, ild, err := set.Interaural()
	if err != nil {
		return nil, err
	}
	info.ITDRange = [2]float64{slices.Min(itd), slices.Max(itd)}
	info.ILDRange = [2]float64{slices.Min(ild), slices.Max(ild)}
	return info, nil
}

// maxListedRings is the most elevation rings the text of hrtf info lists
// one by one (sets on a regular grid have 10–25).
const maxListedRings = 40

func writeInfo(w io.Writer, info *hrtfInfo) {
	fmt.Fprintf(w, "file         %s\n", info.File)
	fmt.Fprintf(w, "name         %s\n", info.Name)
	if info.Convention != "" {
		fmt.Fprintf(w, "convention   %s\n", info.Convention)
	}
	if info.Database != "" || info.Subject != "" {
		fmt.Fprintf(w, "subject      %s (database %s)\n", info.Subject, info.Database)
	}
	fmt.Fprintf(w, "directions   %d\n", info.Directions)
	fmt.Fprintf(w, "taps         %d (%.2f ms)\n", info.Taps, 1e3*float64(info.Taps)/info.SampleRate)
	fmt.Fprintf(w, "sample rate  %g Hz\n", info.SampleRate)
	fmt.Fprintf(w, "receivers    %s\n", strings.Join(info.Receivers, ", "))
	var rings []string
	for _, r := range info.Rings {
		rings = append(rings, fmt.Sprintf("%g°:%d", r.Elevation, r.Directions))
	}
	if len(rings) <= maxListedRings {
		fmt.Fprintf(w, "elevations   %s (elevation:directions)\n", strings.Join(rings, " "))
	} else {
		fmt.Fprintf(w, "elevations   %d distinct, %g° to %g° (--json lists them)\n", len(rings), info.Rings[0].Elevation, info.Rings[len(info.Rings)-1].Elevation)
	}
	var ds []string
	for _, d := range info.Distances {
		ds = append(ds, fmt.Sprintf("%g", d))
	}
	fmt.Fprintf(w, "distances    %s m\n", strings.Join(ds, ", "))
	fmt.Fprintf(w, "ITD range    %.0f to %.0f µs (positive: left ear delayed)\n", 1e6*info.ITDRange[0], 1e6*info.ITDRange[1])
	fmt.Fprintf(w, "ILD range    %.1f to %.1f dB (positive: left ear louder)\n", info.ILDRange[0], info.ILDRange[1])
	if len(info.Attributes) > 0 {
		fmt.Fprintf(w, "attributes\n")
		for _, k := range slices.Sorted(maps.Keys(info.Attributes)) {
			// One line each: multi-line values (History) are joined.
			fmt.Fprintf(w, "  %-22s %s\n", k, strings.Join(strings.Fields(info.Attributes[k]), " "))
		}
	}
}

// drawSet draws the three panels of `hears hrtf plot`.
func drawSet(set *hrtf.Set) (*plot.Sheet, error) {
	itd, ild, err := set.Interaural()
	if err != nil {
		return nil, err
	}
	coords := set.Coordinates()
	type pt struct{ az, itd, ild float64 }
	var hp []pt
	for k, c := range coords {
		if c.Elevation == 0 {
			hp = append(hp, pt{c.Azimuth, itd[k], ild[k]})
		}
	}
	if len(hp) == 0 {
		return nil, fmt.Errorf("%s has no direction on the horizontal plane (elevation 0)", set.Name())
	}
	slices.SortFunc(hp, func(a, b pt) int { return cmp.Compare(a.az, b.az) })
	var az, itdUS, ildDB []float64
	for _, p := range hp {
		az, itdUS, ildDB = append(az, p.az), append(itdUS, 1e6*p.itd), append(ildDB, p.ild)
	}
	opts := &plot.Options{Width: 1200, Height: 380, Title: fmt.Sprintf("%s: ITD on the horizontal plane (positive: left ear delayed)", set.Name())}
	fITD, err := plot.LinePlot([]plot.Line{{X: az, Y: itdUS}}, "Azimuth (°, +90 = left)", "ITD (µs)", opts)
	if err != nil {
		return nil, err
	}
	opts.Title = "ILD on the horizontal plane (broadband, positive: left ear louder)"
	fILD, err := plot.LinePlot([]plot.Line{{X: az, Y: ildDB}}, "Azimuth (°, +90 = left)", "ILD (dB)", opts)
	if err != nil {
		return nil, err
	}
	figs := []*plot.Figure{fITD, fILD}
	if m, err := medianPlaneMap(set); err == nil {
		figs = append(figs, m)
	} else if err != errNoMedianPlane {
		return nil, err
	}
	return plot.NewSheet(figs...)
}

var errNoMedianPlane = fmt.Errorf("no median-plane directions")

// medianPlaneMap draws the left ear's magnitude response in dB against
// frequency and polar angle for the directions at azimuth 0° and 180°.
func medianPlaneMap(set *hrtf.Set) (*plot.Figure, error) {
	type row struct {
		polar float64
		k     int
	}
	var rows []row
	for k, c := range set.Coordinates() {
		switch {
		case math.Abs(c.Azimuth) < 1e-6:
			rows = append(rows, row{c.Elevation, k})
		case math.Abs(math.Abs(c.Azimuth)-180) < 1e-6:
			rows = append(rows, row{180 - c.Elevation, k})
		}
	}
	if len(rows) < 2 {
		return nil, errNoMedianPlane
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.polar, b.polar) })
	rows = slices.CompactFunc(rows, func(a, b row) bool { return a.polar == b.polar })
	n := set.Taps()
	fft := fourier.NewFFT(n)
	fmax := min(20000, set.SampleRate()/2)
	var freqs []float64
	for b := 1; b <= n/2 && float64(b)*set.SampleRate()/float64(n) <= fmax; b++ {
		freqs = append(freqs, float64(b)*set.SampleRate()/float64(n)/1000)
	}
	var polar []float64
	var values [][]float64
	for _, r := range rows {
		h, err := set.HRTF(r.k)
		if err != nil {
			return nil, err
		}
		spec := fft.Coefficients(nil, h.Left().Data())
		v := make([]float64, len(freqs))
		for j := range freqs {
			a := math.Hypot(real(spec[j+1]), imag(spec[j+1]))
			v[j] = 20 * math.Log10(max(a, 1e-12))
		}
		polar = append(polar, r.polar)
		values = append(values, v)
	}
	// A 50 dB range below the peak keeps the notches visible.
	peak := math.Inf(-1)
	for _, v := range values {
		peak = max(peak, slices.Max(v))
	}
	return plot.HeatMap(values, freqs, polar, "Frequency (kHz)", "Polar angle (°: 0 front, 90 above, 180 behind)",
		&plot.Options{Width: 1200, Height: 520, Min: peak - 50, Max: peak, ColorLabel: "Left ear magnitude (dB)",
			Title: "Median plane: left-ear magnitude response"})
}
