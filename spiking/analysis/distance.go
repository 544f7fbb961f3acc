package analysis

import (
	"fmt"
	"math"
)

// VanRossum returns the van Rossum (2001) distance between trains a and b
// with time constant tau seconds: each train is filtered by a causal
// exponential kernel exp(−t/τ) into f and g, and D² = (1/τ) ∫ (f − g)² dt.
// In closed form D² = ½ [Σᵢⱼ e^(−|aᵢ−aⱼ|/τ) + Σᵢⱼ e^(−|bᵢ−bⱼ|/τ) −
// 2 Σᵢⱼ e^(−|aᵢ−bⱼ|/τ)], so one spike against none is at distance 1/√2,
// and a spike shifted by δ is at √(1 − e^(−|δ|/τ)). The sums are taken by
// running decays over the sorted trains (Houghton & Kreuz 2012), in time
// linear in the number of spikes.
func VanRossum(a, b []float64, tau float64) (float64, error) {
	if err := checkTrain("first train", a); err != nil {
		return 0, err
	}
	if err := checkTrain("second train", b); err != nil {
		return 0, err
	}
	if err := checkPositive("time constant", tau); err != nil {
		return 0, err
	}
	d2 := 0.5 * (selfSum(a, tau) + selfSum(b, tau) - 2*(decayedSum(a, b, tau, true)+decayedSum(b, a, tau, false)))
	return math.Sqrt(max(d2, 0)), nil
}

// selfSum returns Σᵢⱼ exp(−|xᵢ − xⱼ|/τ) over a sorted train:
// n + 2 Σᵢ Σⱼ<ᵢ exp(−(xᵢ − xⱼ)/τ).
func selfSum(x []float64, tau float64) float64 {
	s, acc := float64(len(x)), 0.0
	for i := 1; i < len(x); i++ {
		acc = (acc + 1) * math.Exp(-(x[i]-x[i-1])/tau)
		s += 2 * acc
	}
	return s
}

// decayedSum returns Σᵢ Σ_{yⱼ ≤ xᵢ} exp(−(xᵢ − yⱼ)/τ) (yⱼ < xᵢ when
// inclusive is false) over sorted trains.
func decayedSum(x, y []float64, tau float64, inclusive bool) float64 {
	s, acc, at := 0.0, 0.0, math.Inf(-1)
	j := 0
	for _, xi := range x {
		for j < len(y) && (y[j] < xi || (inclusive && y[j] == xi)) {
			if at > math.Inf(-1) {
				acc *= math.Exp(-(y[j] - at) / tau)
			}
			acc++
			at = y[j]
			j++
		}
		if j > 0 {
			s += acc * math.Exp(-(xi-at)/tau)
		}
	}
	return s
}

// GammaFactor returns the coincidence factor Γ between a recorded train
// (data) and a model's train over duration seconds with precision delta
// seconds (Kistler et al. 1997; Jolivet et al. 2008, eq. 4; Brian 1's
// gamma_factor):
//
//	Γ = (N_coinc − 2νΔN_data) / (½(N_data + N_model)) · 1/(1 − 2νΔ)
//
// with ν = N_model/duration the model's rate and N_coinc the number of data
// spikes with a model spike within ±Δ, each model spike matched at most
// once (greedily in time, which for equal windows finds the largest
// matching). Γ is 1 for identical trains and 0 on average for a Poisson
// model of the same rate. Brian 1 counts coincidences on a time grid; the
// two agree when no spike lies exactly Δ from another.
func GammaFactor(data, model []float64, delta, duration float64) (float64, error) {
	if err := checkTrain("data train", data); err != nil {
		return 0, err
	}
	if err := checkTrain("model train", model); err != nil {
		return 0, err
	}
	if err := checkPositive("precision", delta); err != nil {
		return 0, err
	}
	if err := checkPositive("duration", duration); err != nil {
		return 0, err
	}
	if len(data)+len(model) == 0 {
		return 0, fmt.Errorf("analysis: coincidence factor of two empty trains is undefined")
	}
	nu := float64(len(model)) / duration
	norm := 1 - 2*nu*delta
	if !(norm > 0) {
		return 0, fmt.Errorf("analysis: model rate %g Hz with precision %g s fills every window (2νΔ = %g ≥ 1)", nu, delta, 2*nu*delta)
	}
	return (float64(Coincidences(data, model, delta)) - 2*nu*delta*float64(len(data))) /
		(0.5 * float64(len(data)+len(model))) / norm, nil
}

// Coincidences returns the number of spikes of a matched one-to-one with
// spikes of b within ±delta seconds (each spike of b used at most once,
// greedily in time). Both trains must be sorted.
func Coincidences(a, b []float64, delta float64) int {
	n, j := 0, 0
	for _, t := range a {
		for j < len(b) && b[j] < t-delta {
			j++
		}
		if j < len(b) && b[j] <= t+delta {
			n++
			j++
		}
	}
	return n
}
