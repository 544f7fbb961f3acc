//go:build !amd64 || purego

package filterbank

// rectifyCubeRootBlock sets out[i] = RectifyCubeRoot(in[i]).
func rectifyCubeRootBlock(out, in []float64) {
	out = out[:len(in)]
	for i, v := range in {
		out[i] = RectifyCubeRoot(v)
	}
}
