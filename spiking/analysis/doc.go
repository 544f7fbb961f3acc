// Package analysis computes what spiking-neuron users measure on spike trains
// and population activity: firing rates, interspike-interval statistics (CV,
// ISI histograms, Fano factor), auto- and cross-correlograms, phase locking
// (vector strength, period histograms), the spike-triggered average, spike
// train distances (van Rossum 2001, the coincidence factor Γ of Kistler et
// al. 1997), Brian2's smoothed population rate and f–I curves.
//
// Spike trains are sorted slices of spike times in seconds, as returned by
// spiking.SpikeMonitor's Train and Trains. The functions mirror Brian 1's
// brian.tools.statistics and Brian2's PopulationRateMonitor.smooth_rate;
// every function's doc comment states its definition and reference, and
// where a definition departs from Brian's it says so.
//
// Bad input (unsorted or non-finite spike times, empty windows, negative
// widths) gives an error that names the problem; nothing panics.
package analysis
