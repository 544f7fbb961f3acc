package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records how the test was stopped.
type recorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *recorder) Helper() {}
func (r *recorder) Skip(args ...any) {
	r.skipped = true
	r.msg = args[0].(string)
}
func (r *recorder) Fatalf(format string, args ...any) { r.failed = true }

func TestNeedFile(t *testing.T) {
	present := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(present, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env, path  string
		skip, fail bool
	}{
		{"", present, false, false},
		{"1", present, false, false},
		{"", "/no/such/fixture", true, false},
		{"0", "/no/such/fixture", true, false},
		{"1", "/no/such/fixture", false, true},
	} {
		t.Setenv(RequireEnv, c.env)
		r := &recorder{TB: t}
		NeedFile(r, c.path, "apt-get install x")
		if r.skipped != c.skip || r.failed != c.fail {
			t.Errorf("env %q, %s: skipped %v failed %v, want %v %v", c.env, c.path, r.skipped, r.failed, c.skip, c.fail)
		}
	}
}
