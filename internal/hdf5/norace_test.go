//go:build !race

package hdf5

const raceEnabled = false
