package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCSVNumbers pins how CSV cells are read (docs/formats.md): decimal
// numbers only, as chain files (JSON) and equations write them. Go's
// strconv.ParseFloat alone reads 1_000 as 1000, 0x1p-2 as 0.25 and nan as
// NaN; each is refused with an error naming the line, column and cell.
func TestCSVNumbers(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		cell string
		want float64
		err  string // "" for a number
	}{
		{"1000", 1000, ""},
		{" -0.25 ", -0.25, ""},
		{".5", 0.5, ""},
		{"5.", 5, ""},
		{"+1e-3", 1e-3, ""},
		{"1E3", 1000, ""},
		{"1_000", 0, `"1_000" is not a number: write numbers in decimal`},
		{"0x1p-2", 0, `"0x1p-2" is not a number: write numbers in decimal`},
		{"0X10P0", 0, `"0X10P0" is not a number`},
		{"inf", 0, `"inf" is not a number`},
		{"-Infinity", 0, `"-Infinity" is not a number`},
		{"nan", 0, `"nan" is not a number`},
		{"1e400", 0, `"1e400" is beyond the range of float64`},
		{"1e", 0, `"1e" is not a number`},
		{"--1", 0, `"--1" is not a number`},
		{"", 0, `"" is not a number`},
		{strings.Repeat("9", 100) + "x", 0, `"` + strings.Repeat("9", 40) + `..." is not a number`},
	} {
		path := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(path, []byte("0,0\n0,"+tc.cell+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := openCSV(path, 8000)
		if err != nil {
			t.Fatal(err)
		}
		blk, err := c.Fetch(0, 2)
		c.Close()
		if tc.err == "" {
			if err != nil || blk[3] != tc.want {
				t.Errorf("cell %q: got %v, %v; want %v", tc.cell, blk, err, tc.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "line 2, column 2: "+tc.err) {
			t.Errorf("cell %q: err = %v, want one containing %q", tc.cell, err, tc.err)
		}
	}
}
