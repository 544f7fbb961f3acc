//go:build amd64 && !purego

package cochlea

// dcgcAsymAVX2 sets the 8 lanes of the sections' coefficients co from
// lanes base … base + 7 of l, four lanes per instruction (dcgc_amd64.s);
// dcgcAsymGo is its twin.
//
//go:noescape
func dcgcAsymAVX2(l *dcgcAsymLanes, base int, co *[dcgcCascades][5][8]float64)

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

// dcgcPrepAVX2 sets lanes base … base + 7 of l from the levels lv of the
// 8 lanes of lanes (dcgc_amd64.s); DCGCKernel.prep is its twin.
//
//go:noescape
func dcgcPrepAVX2(lanes *dcgcLanes, k *dcgcPrepK, lv *[8]float64, l *dcgcAsymLanes, base int)
