// Package bitdigest fingerprints numerical output to the bit, so that tests
// can pin a model's results to those of earlier code (a faster kernel must
// give the same bits) without storing the samples themselves.
package bitdigest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"testing"

	"github.com/gohears/hears/sound"
)

// Writer accumulates the SHA-256 of float64 values, each as its
// little-endian IEEE 754 bit pattern (so -0 and +0, and NaN payloads,
// differ).
type Writer struct {
	h   hash.Hash
	buf [8]byte
}

// New returns an empty Writer.
func New() *Writer { return &Writer{h: sha256.New()} }

// Floats adds the values of each slice, in order.
func (w *Writer) Floats(xs ...[]float64) {
	for _, x := range xs {
		for _, v := range x {
			binary.LittleEndian.PutUint64(w.buf[:], math.Float64bits(v))
			w.h.Write(w.buf[:])
		}
	}
}

// Sum returns the digest so far as 64 hexadecimal digits.
func (w *Writer) Sum() string { return hex.EncodeToString(w.h.Sum(nil)) }

// Source returns the digest of the first frames frames of src (from its
// start: src is reset first), read in blocks of block frames (0: the
// default size).
func Source(src sound.Source, frames, block int) (string, error) {
	if err := src.Reset(); err != nil {
		return "", err
	}
	w := New()
	err := sound.Each(src, frames, block, func(b []float64, _, _ int) error {
		w.Floats(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return w.Sum(), nil
}

// Of is Source for tests: it fails tb on an error.
func Of(tb testing.TB, src sound.Source, frames, block int) string {
	tb.Helper()
	d, err := Source(src, frames, block)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
