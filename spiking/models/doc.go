// Package models is a library of neuron and synapse models for package
// spiking: equations with units and parameter sets, each with its
// citation, usable as strings (the Equations, Threshold, Reset fields) or
// built into groups (Neuron.Group, Synapse.Synapses).
//
// Neurons: leaky, quadratic and exponential integrate-and-fire (LIF, QIF,
// EIF), the adaptive exponential model with the eight firing patterns of
// Naud et al. (2008) (AdEx), Izhikevich (2003) with its regimes,
// Hodgkin–Huxley as Traub & Miles (1991) wrote it for COBAHH, the
// generalised integrate-and-fire model of Mihalas & Niebur (2009) (GIF),
// Hindmarsh & Rose (1984) and Izhikevich's (2001) resonate-and-fire.
// Synapses: exponential and alpha currents and conductances, AMPA, GABA_A,
// NMDA with Jahr & Stevens' (1990) magnesium block, Tsodyks & Markram
// (1997) short-term plasticity, pair-based STDP (Song et al. 2000) and
// triplet STDP (Pfister & Gerstner 2006).
//
// Parameters are strings with units, as spiking's Namespace takes them;
// a model is a value, so a variant is a copy with some parameters
// replaced (With). Every model's test reproduces a published behaviour
// with numbers, or compares with Brian2 2.5.1 running the same equations.
package models
