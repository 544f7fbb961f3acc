//go:build !amd64 || purego

package cochlea

// carfacSIMD is false where there is no assembly: passes 1 and 3 run in Go.
var carfacSIMD = false

func carfacPhaseAAVX2(v *carfacVecs) { carfacPhaseAGo(v) }
func carfacPhaseCAVX2(v *carfacVecs) { carfacPhaseCGo(v) }

func carfacAGCScaleAVX2(acc, nxt *float64, n int, inv float64) { carfacAGCScaleGo(acc, nxt, n, inv) }
func carfacAGCUpdate3AVX2(a *carfacAGCArgs)                    { carfacAGCUpdate3Go(a) }
func carfacRampsAVX2(r *carfacRampArgs)                        { carfacRampsGo(r) }

func carfacRippleAsm(v *carfacVecs, x float64) { carfacRipple(v, x, false, v.n) }
