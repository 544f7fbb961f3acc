package chain

import (
	"slices"
	"testing"
)

// TestCochlearModelsTable: every model's central class is a chain class
// (one truth for class names), names are unique, and lookup finds each.
func TestCochlearModelsTable(t *testing.T) {
	classes := Classes()
	names := CochlearModelNames()
	if names[0] != "gammatone" || len(names) != len(CochlearModels()) {
		t.Fatalf("names %v", names)
	}
	for _, m := range CochlearModels() {
		if !slices.Contains(classes, m.Class) {
			t.Errorf("%s: class %s is not a chain class", m.Name, m.Class)
		}
		if got, ok := LookupCochlearModel(m.Name); !ok || got.Name != m.Name {
			t.Errorf("lookup %s failed", m.Name)
		}
		if m.Params() == nil || m.DefaultFmin <= 0 || m.FmaxFraction <= 0 || m.FmaxFraction >= 0.5 {
			t.Errorf("%s: incomplete entry", m.Name)
		}
	}
	if _, ok := LookupCochlearModel("Gammatone"); ok {
		t.Error("lookup is not exact")
	}
}
