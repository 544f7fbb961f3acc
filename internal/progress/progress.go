// Package progress is the one home of the progress reports of the hears
// command: a percentage for one long run (Meter) and a bar of files for a
// batch (Files).
//
// The rules are the same everywhere. On a terminal a report is one line
// rewritten in place (carriage returns); anywhere else (a log file, a pipe,
// a batch system's output) it is plain lines, one every few seconds, with no
// carriage return. A run is reported only when it is long: a Meter stays
// silent for its first second and starts reporting only if the rate of the
// work done so far says that more than another second remains, so whatever
// makes a run slow (channels, samples, an expensive cochlear model such as
// DCGC or Tan–Carney) counts, not a proxy such as channel-samples.
package progress

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

const (
	// quietStart is how long a Meter stays silent whatever the estimate.
	quietStart = time.Second
	// minRemaining is the estimated time left above which it reports.
	minRemaining = time.Second
	// ttyEvery and lineEvery space the reports on a terminal and elsewhere.
	ttyEvery  = 100 * time.Millisecond
	lineEvery = 5 * time.Second
)

// Meter reports the progress of one run whose total work is known in some
// unit (channel-samples, frames): Add the work as it is done, then Done.
// A nil *Meter or one made quiet does nothing.
type Meter struct {
	w          io.Writer
	tty        bool
	label      string
	total, got float64
	now        func() time.Time
	start      time.Time
	last       time.Time
	shown      bool
}

// New returns a Meter that writes to w (nil, or quiet: no reports) about
// total units of work, each line starting with label.
func New(w io.Writer, label string, total float64, quiet bool) *Meter {
	if quiet || w == nil || !(total > 0) {
		return nil
	}
	return newMeter(w, IsTerminal(w), label, total, time.Now)
}

func newMeter(w io.Writer, tty bool, label string, total float64, now func() time.Time) *Meter {
	return &Meter{w: w, tty: tty, label: label, total: total, now: now, start: now()}
}

// Add records n more units of work done.
func (m *Meter) Add(n float64) {
	if m == nil {
		return
	}
	m.got += n
	t := m.now()
	elapsed := t.Sub(m.start)
	if !m.shown {
		if elapsed < quietStart || m.got <= 0 {
			return
		}
		left := time.Duration(float64(elapsed) * (m.total - m.got) / m.got)
		if left < minRemaining {
			return
		}
		m.shown = true
	} else if every := lineEvery; m.tty && t.Sub(m.last) < ttyEvery || !m.tty && t.Sub(m.last) < every {
		return
	}
	m.last = t
	m.report(elapsed)
}

func (m *Meter) report(elapsed time.Duration) {
	frac := min(m.got/m.total, 1)
	left := time.Duration(float64(elapsed) * (1 - frac) / max(frac, 1e-9)).Round(time.Second)
	if m.tty {
		fmt.Fprintf(m.w, "\r%s: %3.0f%%, about %v left ", m.label, 100*frac, left)
		return
	}
	fmt.Fprintf(m.w, "%s: %.0f%% after %v, about %v left\n", m.label, 100*frac, elapsed.Round(time.Second), left)
}

// Done ends the report: on a terminal the line is finished, elsewhere a
// last line gives the time taken (only if anything was reported).
func (m *Meter) Done() {
	if m == nil || !m.shown {
		return
	}
	elapsed := m.now().Sub(m.start).Round(100 * time.Millisecond)
	if m.tty {
		fmt.Fprintf(m.w, "\r%s: 100%%, %v%20s\n", m.label, elapsed, "")
		return
	}
	fmt.Fprintf(m.w, "%s: done in %v\n", m.label, elapsed)
}
