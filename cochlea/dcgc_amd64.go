//go:build amd64 && !purego

package cochlea

// dcgcAsymAVX2 sets lanes [0, n) of l.co (n a multiple of 4) from the
// rest of l, four lanes per instruction (dcgc_amd64.s); dcgcAsymGo is its
// twin.
//
//go:noescape
func dcgcAsymAVX2(l *dcgcAsymLanes, n int)

// dcgcPathsAVX2 runs the signal and control paths of the 8 lanes of lanes one
// frame (dcgc_amd64.s); dcgcPathsGo is its twin.
//
//go:noescape
func dcgcPathsAVX2(lanes *dcgcLanes, x, xc, y, v2 *[8]float64)

// dcgcLevelAVX2 advances the level estimates of the 8 lanes of lanes
// (dcgc_amd64.s); dcgcLevelGo is its twin.
//
//go:noescape
func dcgcLevelAVX2(lanes *dcgcLanes, k *dcgcLevelK, v1, v2, lv *[8]float64)
