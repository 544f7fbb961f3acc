package sound

import "testing"

func TestBlockFrames(t *testing.T) {
	for _, c := range []struct{ ch, want int }{{1, 1024}, {2, 1024}, {512, 1024}, {513, 512}, {3000, 128}, {100000, 32}} {
		if got := BlockFrames(c.ch); got != c.want {
			t.Errorf("BlockFrames(%d) = %d, want %d", c.ch, got, c.want)
		}
	}
}
