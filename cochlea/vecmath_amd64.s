//go:build amd64 && !purego

#include "textflag.h"
#include "vecmath_amd64.h"

// The batch exponential and logarithm of vecmath.go (its comment gives the
// methods; vecmath_amd64.h holds them as macros), four values per
// instruction on AVX2 with FMA. vecmathK holds
// each constant as a vector of four, vector i at offset 32·i (the vm*
// indices of vecmath.go).

// func expAVX2(v *float64, n int)
TEXT ·expAVX2(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	JZ   edone
	LEAQ ·vecmathK(SB), BX
eloop:
	VMOVUPD (DI), Y0
	EXPV(Y0)
	VMOVUPD Y0, (DI)
	ADDQ $32, DI
	DECQ CX
	JNZ  eloop
	VZEROUPPER
edone:
	RET

// func logAVX2(v *float64, n int)
TEXT ·logAVX2(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	JZ   ldone
	LEAQ ·vecmathK(SB), BX
lloop:
	VMOVUPD (DI), Y0
	LOGV(Y0)
	VMOVUPD Y0, (DI)
	ADDQ $32, DI
	DECQ CX
	JNZ  lloop
	VZEROUPPER
ldone:
	RET

// func sincosAVX2(x, sin, cos *float64, n int)
TEXT ·sincosAVX2(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ sin+8(FP), DI
	MOVQ cos+16(FP), DX
	MOVQ n+24(FP), CX
	SHRQ $2, CX
	JZ   sdone
	LEAQ ·vecmathK(SB), BX
sloop:
	VMOVUPD (SI), Y0
	VMULPD  1344(BX), Y0, Y1      // x·2/π
	VROUNDPD $0, Y1, Y1         // q
	VFNMADD231PD 1376(BX), Y1, Y0 // r = x − q·hi
	VFNMADD231PD 1408(BX), Y1, Y0 // r −= q·mid
	VFNMADD231PD 1440(BX), Y1, Y0 // r −= q·lo
	VMULPD  Y0, Y0, Y3          // z = r²
	VMOVUPD 1696(BX), Y4
	VFMADD213PD 1664(BX), Y3, Y4
	VFMADD213PD 1632(BX), Y3, Y4
	VFMADD213PD 1600(BX), Y3, Y4
	VFMADD213PD 1568(BX), Y3, Y4
	VFMADD213PD 1536(BX), Y3, Y4
	VFMADD213PD 1504(BX), Y3, Y4
	VFMADD213PD 1472(BX), Y3, Y4
	VMULPD  Y3, Y0, Y6          // r·z
	VFMADD213PD Y0, Y6, Y4      // sin r = (r·z)·p + r
	VMOVUPD 1984(BX), Y5
	VFMADD213PD 1952(BX), Y3, Y5
	VFMADD213PD 1920(BX), Y3, Y5
	VFMADD213PD 1888(BX), Y3, Y5
	VFMADD213PD 1856(BX), Y3, Y5
	VFMADD213PD 1824(BX), Y3, Y5
	VFMADD213PD 1792(BX), Y3, Y5
	VFMADD213PD 1760(BX), Y3, Y5
	VFMADD213PD 1728(BX), Y3, Y5
	VFMADD213PD 896(BX), Y3, Y5  // cos r = z·c + 1
	VADDPD  160(BX), Y1, Y9      // q + 1.5·2^52: q mod 4 in the low bits
	VPSLLQ  $63, Y9, Y10        // bit 0 as a sign mask: swap
	VPSRLQ  $1, Y9, Y11
	VPSLLQ  $63, Y11, Y11       // bit 1: negate sin
	VXORPD  Y10, Y11, Y12       // bit 1 xor bit 0: negate cos
	VBLENDVPD Y10, Y5, Y4, Y7   // sin: swapped → cos r
	VBLENDVPD Y10, Y4, Y5, Y8   // cos: swapped → sin r
	VXORPD  Y11, Y7, Y7
	VXORPD  Y12, Y8, Y8
	VMOVUPD Y7, (DI)
	VMOVUPD Y8, (DX)
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, DX
	DECQ CX
	JNZ  sloop
	VZEROUPPER
sdone:
	RET
