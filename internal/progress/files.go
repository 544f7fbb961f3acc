package progress

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Files reports a batch's progress over files. On a terminal it is a live
// bar (github.com/schollz/progressbar) with files done of total, the rate,
// the estimated time left and the files being worked on; elsewhere, one
// plain line per finished file. Its methods may be called from several
// goroutines. A nil *Files does nothing.
type Files struct {
	mu      sync.Mutex
	w       io.Writer
	bar     *progressbar.ProgressBar // nil when not a terminal
	total   int
	done    int
	current []string
	start   time.Time
}

// NewFiles returns a report of total files on w (nil when quiet).
func NewFiles(w io.Writer, total int, quiet bool) *Files {
	if quiet || w == nil || total <= 0 {
		return nil
	}
	return newFiles(w, total, IsTerminal(w))
}

func newFiles(w io.Writer, total int, tty bool) *Files {
	f := &Files{w: w, total: total, start: time.Now()}
	if tty {
		f.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		)
	}
	return f
}

// Start records that the file named name is being worked on.
func (f *Files) Start(name string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.current = append(f.current, name)
	f.describe()
}

// Finish records that the file named name is finished; status says how
// ("done", "skipped: already done", "failed: reason").
func (f *Files) Finish(name, status string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := slices.Index(f.current, name); i >= 0 {
		f.current = slices.Delete(f.current, i, i+1)
	}
	f.done++
	if f.bar == nil {
		elapsed := time.Since(f.start)
		fmt.Fprintf(f.w, "[%d/%d] %s: %s (%.1f files/s)\n", f.done, f.total, name, status, float64(f.done)/elapsed.Seconds())
		return
	}
	f.describe()
	f.bar.Add(1)
}

// describe puts the current files in the bar's description.
func (f *Files) describe() {
	if f.bar == nil {
		return
	}
	d := strings.Join(f.current, " ")
	if len(d) > 40 {
		d = d[:37] + "..."
	}
	f.bar.Describe(d)
}

// Print writes lines to w (the files a batch wrote, on stdout) without
// breaking the bar: on a terminal the bar is cleared first and drawn again
// at its next change. A nil *Files just writes them.
func (f *Files) Print(w io.Writer, lines []string) {
	if f == nil {
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.bar != nil {
		f.bar.Clear()
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// Close ends the report.
func (f *Files) Close() {
	if f == nil || f.bar == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bar.Exit()
}
