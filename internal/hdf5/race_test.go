//go:build race

package hdf5

// raceEnabled: under the race detector (10× slower inflation) the
// corruption table runs every 40th case.
const raceEnabled = true
