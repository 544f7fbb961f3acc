// Package testenv decides what a test does when something it reads from
// outside the repository is missing: on a developer's machine it skips
// and says what to install; under scripts/test (which installs every such
// fixture and sets RequireEnv) it fails, so a missing install step can
// never pass as a skipped test.
package testenv

import (
	"os"
	"testing"
)

// RequireEnv is the environment variable that scripts/test sets to 1 to
// turn a missing fixture into a test failure.
const RequireEnv = "GOHEARS_REQUIRE_FIXTURES"

// Required reports whether missing fixtures are failures in this run.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// NeedFile stops t unless path exists: with a skip that says how to get it
// (install), or, when Required, with a failure.
func NeedFile(t testing.TB, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	Missing(t, path+" is missing ("+install+")")
}

// Missing stops t because something it needs (described by what) is
// absent: a skip, or a failure when Required.
func Missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s; %s=1 makes this a failure (scripts/test installs it)", what, RequireEnv)
		return
	}
	t.Skip(what)
}
