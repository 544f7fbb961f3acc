package chain

import "github.com/gohears/hears/filterbank"

// CentreFrequencies returns the centre frequency (Hz) of each channel of
// the chain's output, or nil when its channels have none. The banks carry
// them through the graph by filterbank.Tuned's rules: a gammatone,
// gammachirp or cochlear model node declares its cf; Restructure, Repeat,
// Tile, Join and Interleave copy the frequency of the channel each output
// channel copies; channel-wise nodes (FunctionFilterbank, SumFilterbank,
// LowPass, LinearFilterbank and FIRFilterbank on as many channels as they
// output ...) keep their sources'; any node that makes new channels
// without declaring them ends the chain of knowledge (nil).
func (g *Graph) CentreFrequencies() []float64 {
	return filterbank.CentreFrequencies(g.Output)
}

// NodeCentreFrequencies returns the centre frequencies (Hz) of the channels
// of node i (in file order), as CentreFrequencies does for the output.
func (g *Graph) NodeCentreFrequencies(i int) []float64 {
	if i < 0 || i >= len(g.Nodes) {
		return nil
	}
	return filterbank.CentreFrequencies(g.Nodes[i])
}
