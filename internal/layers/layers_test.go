// Package layers holds the test that keeps the package imports of gohears
// pointing one way, as docs/architecture.md draws them.
package layers

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/gohears/hears/"

// allowed lists, for each package, the project packages it may import.
// Packages not listed (examples, commands, internal helpers) may import
// anything below them; only the library's layering is pinned here.
var allowed = map[string][]string{
	"units":             {},
	"expr":              {"units"},
	"sound":             {},
	"filterbank/design": {},
	"filterbank":        {"sound", "filterbank/design", "expr", "units"},
	"cochlea":           {"filterbank", "filterbank/design", "sound"},
	"hrtf":              {"filterbank", "sound"},
	"chain":             {"filterbank", "filterbank/design", "cochlea", "anf", "hrtf", "sound"},
	"spiking":           {"expr", "units", "sound"},
	"anf":               {"cochlea", "filterbank", "sound", "spiking"},
	"plot":              {},
	"spiking/analysis":  {"spiking"},
	"spiking/models":    {"spiking", "expr", "units"},
}

func TestImportsPointUp(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		ok, pinned := allowed[pkg]
		if !pinned {
			continue
		}
		seen++
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			if strings.HasPrefix(dep, "internal/") {
				continue
			}
			found := false
			for _, a := range ok {
				found = found || a == dep
			}
			if !found {
				t.Errorf("%s imports %s, which is not below it (allowed: %v)", pkg, dep, ok)
			}
		}
	}
	if seen < 8 {
		t.Fatalf("only %d pinned packages found by go list", seen)
	}
}
