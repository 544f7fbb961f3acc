//go:build amd64 && !purego

package cochlea

import "golang.org/x/sys/cpu"

// carfacSIMD is true where passes 1 and 3 of CARFAC run on AVX2 with FMA
// (the CPU and the OS support them; golang.org/x/sys/cpu checks both).
// Tests lower it to compare with the Go twins.
var carfacSIMD = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// carfacPhaseAAVX2 is pass 1 on AVX2 (carfac_amd64.s), the twin of
// carfacPhaseAGo.
//
//go:noescape
func carfacPhaseAAVX2(v *carfacVecs)

// carfacPhaseCAVX2 is pass 3 for the two_cap IHC on AVX2
// (carfac_amd64.s), the twin of carfacPhaseCGo.
//
//go:noescape
func carfacPhaseCAVX2(v *carfacVecs)

// carfacAGCScaleAVX2 is carfacAGCScaleGo on AVX2 (carfac_agc_amd64.s).
//
//go:noescape
func carfacAGCScaleAVX2(acc, nxt *float64, n int, inv float64)

// carfacAGCUpdate3AVX2 is carfacAGCUpdate3Go on AVX2.
//
//go:noescape
func carfacAGCUpdate3AVX2(a *carfacAGCArgs)

// carfacRampsAVX2 is carfacRampsGo on AVX2.
//
//go:noescape
func carfacRampsAVX2(r *carfacRampArgs)

// carfacRippleAsm is carfacRipple without the delay buffer in assembly
// (carfac_amd64.s), the same operations in the same order.
//
//go:noescape
func carfacRippleAsm(v *carfacVecs, x float64)
