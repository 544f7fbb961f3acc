package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gohears/hears/hrtf"
)

// maxPathLines bounds a path file (one point per line).
const maxPathLines = 1 << 20

// parsePath reads a moving source's path for `hears spatialise --path`: one
// point per line, "time_s,azimuth_deg,elevation_deg" (commas, or spaces or
// tabs); blank lines and lines starting with # are skipped, and a first
// line that is not numbers is a header. Errors name the line.
func parsePath(r io.Reader, name string) ([]hrtf.PathPoint, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	var path []hrtf.PathPoint
	line := 0
	seenContent := false
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == ';' })
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want time_s,azimuth_deg,elevation_deg, got %q", name, line, text)
		}
		var v [3]float64
		var err error
		for i, f := range fields {
			if v[i], err = parseDecimal(f); err != nil {
				break
			}
		}
		first := !seenContent
		seenContent = true
		if err != nil {
			if first {
				continue // a header
			}
			return nil, fmt.Errorf("%s:%d: %q is not three numbers: %v", name, line, text, err)
		}
		if len(path) >= maxPathLines {
			return nil, fmt.Errorf("%s: more than %d path points", name, maxPathLines)
		}
		path = append(path, hrtf.PathPoint{Time: v[0], Azimuth: v[1], Elevation: v[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(path) == 0 {
		return nil, fmt.Errorf("%s: no path point", name)
	}
	return path, nil
}
