// Package cochlea holds the level-dependent cochlear models of Brian Hears,
// each a bank that streams like any other filterbank (a sound.Source built
// with filterbank.NewBank around one fused kernel):
//
//   - DRNL, the dual-resonance nonlinear filterbank (Lopez-Poveda & Meddis
//     2001; guinea-pig parameters of Sumner et al. 2003);
//   - DCGC, the dynamic compressive gammachirp (Irino & Patterson 2001, 2006);
//   - TanCarney, the nonlinear signal path with its control-path feedback and
//     inner-hair-cell stage of Tan & Carney (2003), to be used after
//     filterbank.MiddleEar;
//   - ZhangSynapseRate, the inner-hair-cell–auditory-nerve synapse of Zhang et
//     al. (2001) as a rate model (the instantaneous discharge rate s).
//
// Models are data: each has a parameter struct with the paper's defaults and
// its citation, overridable by name (Set, with Brian Hears' parameter names,
// as chain files pass them). Time-varying models follow Brian Hears'
// convention: the coefficients are recomputed after each block of
// updateInterval samples, from the last sample of that block of the control
// signals, and apply from the next block on; filter states carry across.
// Blocks are counted from frame zero, so results depend neither on how a
// consumer sizes its fetches nor on the number of workers.
//
// See docs/cochlea.md for the models, their differences from the papers and
// their validation against brian2hears.
package cochlea
