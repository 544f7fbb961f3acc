package spiking

import (
	"crypto/rand"
	"encoding/binary"
	"sync/atomic"
)

var globalSeed atomic.Uint64
var globalSeedSet atomic.Bool

// Seed sets the default seed of new networks and of the random numbers
// used when variables are initialised from expressions (rand(), randn())
// outside a run, like Brian2's seed(). Without it, every process starts from
// a random seed.
func Seed(seed uint64) {
	globalSeed.Store(seed)
	globalSeedSet.Store(true)
}

func defaultSeed() uint64 {
	if globalSeedSet.Load() {
		return globalSeed.Load()
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:])
}
