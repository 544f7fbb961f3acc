package spiking

import (
	"math"
	"math/bits"
)

// RNG is a xoshiro256** generator (Blackman & Vigna 2018) with ziggurat
// standard normals. It is small (32 bytes of state), fast (about 1 ns per
// 64-bit word) and passes BigCrush; its state can be copied for Store/Restore.
//
// Written here rather than taken from math/rand/v2 because the engine needs
// (a) a copyable, serialisable state for Network.Store, (b) many independent
// streams derived from one seed (one per object and per block of neurons, so
// results never depend on the number of worker threads) and (c) a 256-layer
// ziggurat on 64-bit words that needs one word per normal on the fast path.
type RNG struct {
	s [4]uint64
}

// splitmix64 advances x and returns the next SplitMix64 output; it is the
// seeding function recommended for xoshiro.
func splitmix64(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// NewRNG returns a generator seeded from seed through SplitMix64.
func NewRNG(seed uint64) *RNG {
	r := &RNG{}
	r.Seed(seed)
	return r
}

// Seed resets the generator to the stream determined by seed.
func (r *RNG) Seed(seed uint64) {
	x := seed
	for i := range r.s {
		r.s[i] = splitmix64(&x)
	}
	if r.s == [4]uint64{} { // cannot happen with SplitMix64, kept for safety
		r.s[0] = 1
	}
}

// streamSeed derives the seed of sub-stream k of a stream seeded with seed
// and labelled by name (an object name), so that streams of different
// objects and blocks are unrelated.
func streamSeed(seed uint64, name string, k uint64) uint64 {
	h := uint64(14695981039346656037) // FNV-1a of the name
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	x := seed ^ h
	a := splitmix64(&x)
	x = a ^ (k * 0xd1342543de82ef95)
	return splitmix64(&x)
}

// Uint64 returns 64 uniformly distributed random bits.
func (r *RNG) Uint64() uint64 {
	var u uint64
	u, r.s[0], r.s[1], r.s[2], r.s[3] = xoshiro(r.s[0], r.s[1], r.s[2], r.s[3])
	return u
}

// xoshiro is one xoshiro256** step on a state held in registers (inlined
// by the compiler into the fill loops).
func xoshiro(s0, s1, s2, s3 uint64) (u, n0, n1, n2, n3 uint64) {
	u = bits.RotateLeft64(s1*5, 7) * 9
	t := s1 << 17
	s2 ^= s0
	s3 ^= s1
	s1 ^= s2
	s0 ^= s3
	s2 ^= t
	s3 = bits.RotateLeft64(s3, 45)
	return u, s0, s1, s2, s3
}

// Float64 returns a uniform number in [0, 1) with 53 random bits.
func (r *RNG) Float64() float64 {
	return float64(r.Uint64()>>11) * (1.0 / (1 << 53))
}

// float64Open returns a uniform number in (0, 1), for logarithms.
func (r *RNG) float64Open() float64 {
	return (float64(r.Uint64()>>12) + 0.5) * (1.0 / (1 << 52))
}

// Ziggurat tables (Marsaglia & Tsang 2000, "The ziggurat method for
// generating random variables", J. Stat. Softw. 5(8)) for 256 layers, built
// once at start-up with 53-bit signed integer draws.
const (
	zigLayers = 256
	zigR      = 3.6541528853610088
	zigV      = 0.00492867323399
	zigM      = 1 << 52 // |j| < 2^52 for the 53-bit signed draw
)

var (
	zigK [zigLayers]uint64
	zigW [zigLayers]float64
	zigF [zigLayers]float64
)

func init() {
	dn := zigR
	tn := dn
	q := zigV / math.Exp(-0.5*dn*dn)
	zigK[0] = uint64(dn / q * zigM)
	zigK[1] = 0
	zigW[0] = q / zigM
	zigW[zigLayers-1] = dn / zigM
	zigF[0] = 1
	zigF[zigLayers-1] = math.Exp(-0.5 * dn * dn)
	for i := zigLayers - 2; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(zigV/dn+math.Exp(-0.5*dn*dn)))
		zigK[i+1] = uint64(dn / tn * zigM)
		tn = dn
		zigF[i] = math.Exp(-0.5 * dn * dn)
		zigW[i] = dn / zigM
	}
}

// NormFloat64 returns a standard normal number (mean 0, variance 1) by the
// ziggurat method; about 98.8% of draws take one 64-bit word and no
// transcendental function.
func (r *RNG) NormFloat64() float64 {
	return r.normSlow(r.Uint64())
}

// normSlow completes a ziggurat draw that starts with the word u.
func (r *RNG) normSlow(u uint64) float64 {
	for first := true; ; first = false {
		if !first {
			u = r.Uint64()
		}
		i := u & (zigLayers - 1)
		j := int64(u) >> 11 // signed 53-bit integer, independent of the layer bits
		x := float64(j) * zigW[i]
		aj := uint64(j)
		if j < 0 {
			aj = uint64(-j)
		}
		if aj < zigK[i] {
			return x
		}
		if i == 0 {
			// Tail beyond zigR (Marsaglia 1964).
			for {
				a := -math.Log(r.float64Open()) / zigR
				b := -math.Log(r.float64Open())
				if b+b >= a*a {
					if j < 0 {
						return -(zigR + a)
					}
					return zigR + a
				}
			}
		}
		// Wedge between layers i and i-1.
		if zigF[i]+r.Float64()*(zigF[i-1]-zigF[i]) < math.Exp(-0.5*x*x) {
			return x
		}
	}
}

// FillNorm fills dst with standard normal numbers. It gives the same
// numbers as len(dst) calls of NormFloat64, with the generator state held in
// registers on the fast path.
func (r *RNG) FillNorm(dst []float64) { r.FillNormScaled(dst, 1) }

// FillNormScaled fills dst with normal numbers of mean 0 and standard
// deviation scale (scale times FillNorm's numbers).
func (r *RNG) FillNormScaled(dst []float64, scale float64) {
	s0, s1, s2, s3 := r.s[0], r.s[1], r.s[2], r.s[3]
	var u uint64
	for k := range dst {
		u, s0, s1, s2, s3 = xoshiro(s0, s1, s2, s3)
		i := u & (zigLayers - 1)
		j := int64(u) >> 11
		aj := uint64(j)
		if j < 0 {
			aj = uint64(-j)
		}
		if aj < zigK[i] {
			dst[k] = float64(j) * zigW[i] * scale
			continue
		}
		// Slow path: hand the word to the general routine.
		r.s = [4]uint64{s0, s1, s2, s3}
		dst[k] = r.normSlow(u) * scale
		s0, s1, s2, s3 = r.s[0], r.s[1], r.s[2], r.s[3]
	}
	r.s = [4]uint64{s0, s1, s2, s3}
}

// FillUniform fills dst with uniform numbers in [0, 1).
func (r *RNG) FillUniform(dst []float64) {
	s0, s1, s2, s3 := r.s[0], r.s[1], r.s[2], r.s[3]
	var u uint64
	for k := range dst {
		u, s0, s1, s2, s3 = xoshiro(s0, s1, s2, s3)
		dst[k] = float64(u>>11) * (1.0 / (1 << 53))
	}
	r.s = [4]uint64{s0, s1, s2, s3}
}

// State returns the generator state (for Store).
func (r *RNG) State() [4]uint64 { return r.s }

// SetState sets the generator state (for Restore). An all-zero state is
// invalid for xoshiro and is replaced by the state of seed 0.
func (r *RNG) SetState(s [4]uint64) {
	if s == [4]uint64{} {
		r.Seed(0)
		return
	}
	r.s = s
}
