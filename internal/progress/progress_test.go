package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// clock is a fake time source advanced by the test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// TestMeterRules: a short run says nothing; a long one reports after its
// first second, in plain lines every few seconds when not on a terminal
// (no carriage return) and on one rewritten line on a terminal.
func TestMeterRules(t *testing.T) {
	for _, tty := range []bool{false, true} {
		var out bytes.Buffer
		c := &clock{t: time.Unix(0, 0)}
		m := newMeter(&out, tty, "hears x", 100, c.now)
		c.t = c.t.Add(500 * time.Millisecond)
		m.Add(10)
		if out.Len() != 0 {
			t.Fatalf("tty=%v: reported within the first second: %q", tty, out.String())
		}
		for range 90 { // 1 unit every 200 ms: 18 s more
			c.t = c.t.Add(200 * time.Millisecond)
			m.Add(1)
		}
		m.Done()
		s := out.String()
		if tty != strings.Contains(s, "\r") {
			t.Errorf("tty=%v: output %q", tty, s)
		}
		if !tty {
			lines := strings.Split(strings.TrimSpace(s), "\n")
			if len(lines) < 3 || len(lines) > 6 || !strings.Contains(lines[len(lines)-1], "done in 18.5s") {
				t.Errorf("plain lines: %q", lines)
			}
		}
	}
	// A run that will end within a second of its first second: silent.
	var out bytes.Buffer
	c := &clock{t: time.Unix(0, 0)}
	m := newMeter(&out, false, "hears x", 100, c.now)
	c.t = c.t.Add(1100 * time.Millisecond)
	m.Add(60)
	c.t = c.t.Add(700 * time.Millisecond)
	m.Add(40)
	m.Done()
	if out.Len() != 0 {
		t.Errorf("a 1.8 s run reported %q", out.String())
	}
	var nilMeter *Meter
	nilMeter.Add(1)
	nilMeter.Done()
	if New(&out, "x", 10, true) != nil {
		t.Error("quiet meter is not nil")
	}
}

// TestFilesPlain: off a terminal, one line per finished file, no carriage
// return.
func TestFilesPlain(t *testing.T) {
	var out bytes.Buffer
	f := newFiles(&out, 2, false)
	f.Start("a.wav")
	f.Start("b.wav")
	f.Finish("b.wav", "done")
	f.Finish("a.wav", "failed: corrupt")
	f.Close()
	s := out.String()
	if strings.Contains(s, "\r") || !strings.Contains(s, "[1/2] b.wav: done") || !strings.Contains(s, "[2/2] a.wav: failed: corrupt") {
		t.Errorf("output %q", s)
	}
}

// TestFilesTerminal: on a terminal the bar counts the files.
func TestFilesTerminal(t *testing.T) {
	var out bytes.Buffer
	f := newFiles(&out, 3, true)
	for _, n := range []string{"a", "b", "c"} {
		f.Start(n)
		f.Finish(n, "done")
	}
	var files bytes.Buffer
	f.Print(&files, []string{"x.png", "y.png"})
	f.Close()
	if files.String() != "x.png\ny.png\n" {
		t.Errorf("printed %q", files.String())
	}
	if !strings.Contains(out.String(), "3/3") {
		t.Errorf("bar output %q", out.String())
	}
}
