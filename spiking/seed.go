package spiking

import (
	"crypto/rand"
	"encoding/binary"
)

// Seeding rules (one for every random number of the package):
//
//   - Random numbers drawn during a run (noise xi, rand() and randn() in
//     equations, Poisson inputs) come from the network's seed: Network.Seed,
//     or a random seed drawn when the network is created.
//   - Random numbers drawn outside a run (NeuronGroup.SetExpr with rand(),
//     Synapses.ConnectExpr's p and rand()) come from the object's own seed:
//     NeuronGroup.SeedInit or Synapses.SeedInit, or a random seed drawn when
//     the object is created.
//
// So, as in Brian2 without seed(), every run of a program draws a new
// network unless it is seeded; unlike Brian2's process-wide seed(), seeds
// are values given to the objects that use them. Within an object, streams
// are derived from the seed, the object's name and a block or row index, so
// results do not depend on the number of threads. The numbers are not
// Brian2's (a different generator).

// randomSeed returns a seed from the operating system's random source.
func randomSeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return binary.LittleEndian.Uint64(b[:])
}
