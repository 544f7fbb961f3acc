//go:build !amd64 || purego

package cochlea

// carfacSIMD is false where there is no assembly: passes 1 and 3 run in Go.
var carfacSIMD = false

func carfacPhaseAAVX2(v *carfacVecs) { carfacPhaseAGo(v) }
func carfacPhaseCAVX2(v *carfacVecs) { carfacPhaseCGo(v) }
