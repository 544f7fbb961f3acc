// Package anf holds spiking auditory-nerve fibre models: cochlear models of
// package cochlea driving spike generators of package spiking. It sits above
// both, so that neither depends on the other.
package anf

import (
	"fmt"
	"math"

	"github.com/gohears/hears/cochlea"
	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
	"github.com/gohears/hears/spiking"
)

// zhangSpikeModel is the spike generator of Zhang et al. (2001), Eqs. 19–20,
// as brian2hears' ZhangSynapseSpikes writes it: the discharge-history effect
// H decays with two time constants from 1 at every spike (frozen during the
// absolute refractory period), and the neuron fires in a step with
// probability R·dt, R = s·(1 − H).
const zhangSpikeModel = `
s : Hz
H = c_0*e_0 + c_1*e_1 : 1
de_0/dt = -e_0/s_0 : 1 (unless refractory)
de_1/dt = -e_1/s_1 : 1 (unless refractory)
R = s*(1 - H) : Hz
`

// ZhangSynapseSpikes returns spiking auditory-nerve fibres driven by the
// discharge rate rate (spikes/s, one channel per fibre type, e.g. the
// output of cochlea.ZhangSynapseRate): perChannel fibres per channel (fibre
// c·perChannel + k reads channel c), each a Poisson process with absolute
// refractoriness p.RA and relative refractoriness p.C0, p.C1, p.S0, p.S1
// (brian2hears' ZhangSynapseSpikes; Zhang et al. 2001, Eqs. 19–20). Euler
// integration at the rate's sample period; the rate of frame k drives step
// k. The fibres draw their random numbers from the network's seed
// (Network.Seed).
func ZhangSynapseSpikes(rate sound.Source, perChannel int, p cochlea.ZhangParams) (*spiking.FilterbankGroup, error) {
	if rate == nil {
		return nil, fmt.Errorf("anf: ZhangSynapseSpikes: nil rate source")
	}
	if perChannel < 1 {
		return nil, fmt.Errorf("anf: ZhangSynapseSpikes: %d fibres per channel; need at least 1", perChannel)
	}
	for _, c := range []struct {
		name string
		v    float64
		pos  bool // strictly positive
	}{{"R_A", p.RA, false}, {"s_0", p.S0, true}, {"s_1", p.S1, true}, {"c_0", p.C0, false}, {"c_1", p.C1, false}} {
		if math.IsNaN(c.v) || math.IsInf(c.v, 0) || c.v < 0 || (c.pos && c.v == 0) {
			return nil, fmt.Errorf("anf: ZhangSynapseSpikes: %s = %g must be finite and %s", c.name, c.v, map[bool]string{true: "positive", false: "non-negative"}[c.pos])
		}
	}
	src := rate
	if perChannel > 1 {
		r, err := filterbank.Repeat(rate, perChannel)
		if err != nil {
			return nil, fmt.Errorf("anf: ZhangSynapseSpikes: %w", err)
		}
		src = r
	}
	g, err := spiking.NewFilterbankGroup(src, "s", zhangSpikeModel, spiking.NeuronGroupOptions{
		Threshold:  "rand() < R*dt",
		Reset:      "e_0 = 1; e_1 = 1",
		Refractory: p.RA,
		Method:     "euler",
		Namespace:  map[string]any{"c_0": p.C0, "c_1": p.C1, "s_0": units(p.S0), "s_1": units(p.S1)},
	})
	if err != nil {
		return nil, fmt.Errorf("anf: ZhangSynapseSpikes: %w", err)
	}
	return g, nil
}

// units writes a duration in seconds as a namespace value with its unit.
func units(seconds float64) string { return fmt.Sprintf("%.17g*second", seconds) }

// ZhangSynapse returns spiking auditory-nerve fibres for the inner-hair-cell
// potential ihc (one channel per characteristic frequency cf, Hz; e.g. the
// output of cochlea.TanCarney): the rate model cochlea.ZhangSynapseRate
// followed by ZhangSynapseSpikes, perChannel fibres per channel
// (brian2hears' ZhangSynapse). The rate bank is returned too, for its
// discharge rate s (spikes/s).
func ZhangSynapse(ihc sound.Source, cf []float64, perChannel int, p cochlea.ZhangParams) (*spiking.FilterbankGroup, *filterbank.Bank, error) {
	rate, err := cochlea.ZhangSynapseRate(ihc, cf, p)
	if err != nil {
		return nil, nil, err
	}
	g, err := ZhangSynapseSpikes(rate, perChannel, p)
	if err != nil {
		return nil, nil, err
	}
	return g, rate, nil
}
