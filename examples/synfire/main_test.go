package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohears/hears/examples/internal/brianref"
)

// TestSynfireAgainstBrian2 compares the packet with Brian2's runs of
// Diesmann_et_al_1999.py on this machine: the groups it reaches, its size
// in the last group, its spread and its travel time from the first group
// to the last, each as samples over seeds.
func TestSynfireAgainstBrian2(t *testing.T) {
	b, err := os.ReadFile("testdata/brian2_synfire.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Runs []struct {
			Reached int
			Packets []struct {
				Count    int
				SD, Time float64
			}
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	var bReached, bCount, bSD, bTravel []float64
	for _, r := range ref.Runs {
		last := r.Packets[nGroups-1]
		bReached = append(bReached, float64(r.Reached))
		bCount = append(bCount, float64(last.Count))
		bSD = append(bSD, last.SD*1e3)
		bTravel = append(bTravel, (last.Time-r.Packets[0].Time)*1e3)
	}
	seeds := []uint64{1, 2, 3, 4, 5}
	if testing.Short() {
		seeds = seeds[:2]
	}
	var reached, count, sd, travel []float64
	for _, s := range seeds {
		r, err := run(s)
		if err != nil {
			t.Fatal(err)
		}
		last := r.packets[nGroups-1]
		reached = append(reached, float64(r.reached))
		count = append(count, float64(last.count))
		sd = append(sd, last.sd*1e3)
		travel = append(travel, (last.time-r.packets[0].time)*1e3)
		if s == 1 {
			if err := draw(r, filepath.Join(t.TempDir(), "s.png")); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name      string
		got, want []float64
		floor     float64
	}{
		{"groups reached", reached, bReached, 0.5},
		{"last packet size", count, bCount, 3},
		{"last packet spread (ms)", sd, bSD, 0.15},
		{"travel time (ms)", travel, bTravel, 0.3},
	} {
		if ok, msg := brianref.Agree(c.got, c.want, 3, c.floor); !ok {
			t.Errorf("%s: %s", c.name, msg)
		} else {
			t.Logf("%s: %s", c.name, msg)
		}
	}
}
