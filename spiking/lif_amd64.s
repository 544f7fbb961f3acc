//go:build amd64 && !purego

#include "textflag.h"

// func lif3AVX2(s0, s1, s2, act *float64, c *lifCoef, mask *uint8, n int) uint64
//
// lif3Arith (lif_kernel.go) four neurons at a time: the same IEEE
// multiplications and additions in the same order (no fused
// multiply-add), so the same bits. c holds each constant in four lanes:
// e00 +0, e01 +32, e02 +64, d0 +96, e11 +128, d1 +160, e22 +192,
// d2 +224, limit +256, keep +288. n is a multiple of 4. Returns the lane
// bits of a NaN in the running sum of x - x (nonzero: a state is not
// finite).
TEXT ·lif3AVX2(SB), NOSPLIT, $0-64
	MOVQ s0+0(FP), DI
	MOVQ s1+8(FP), SI
	MOVQ s2+16(FP), DX
	MOVQ act+24(FP), R8
	MOVQ c+32(FP), BX
	MOVQ mask+40(FP), R9
	MOVQ n+48(FP), CX
	VXORPD Y15, Y15, Y15 // zero
	VXORPD Y14, Y14, Y14 // running sum of x - x
	SHRQ $2, CX
	JZ   done

loop:
	VMOVUPD (DI), Y0 // v
	VMOVUPD (SI), Y1 // second variable
	VMOVUPD (DX), Y2 // third variable
	VMOVUPD (R8), Y3 // not_refractory
	// na = ((e00*a + e01*b) + e02*c) + d0
	VMULPD  0(BX), Y0, Y4
	VMULPD  32(BX), Y1, Y5
	VADDPD  Y5, Y4, Y4
	VMULPD  64(BX), Y2, Y5
	VADDPD  Y5, Y4, Y4
	VADDPD  96(BX), Y4, Y4
	// nb = e11*b + d1, nc = e22*c + d2
	VMULPD  128(BX), Y1, Y5
	VADDPD  160(BX), Y5, Y5
	VMULPD  192(BX), Y2, Y6
	VADDPD  224(BX), Y6, Y6
	// refractory and kept: na = a
	VCMPPD    $0, Y15, Y3, Y7 // act == 0
	VANDPD    288(BX), Y7, Y7
	VBLENDVPD Y7, Y0, Y4, Y4
	VMOVUPD   Y4, (DI)
	VMOVUPD   Y5, (SI)
	VMOVUPD   Y6, (DX)
	// finite check
	VSUBPD Y4, Y4, Y8
	VSUBPD Y5, Y5, Y9
	VADDPD Y9, Y8, Y8
	VSUBPD Y6, Y6, Y9
	VADDPD Y9, Y8, Y8
	VADDPD Y8, Y14, Y14
	// spike candidates: na > limit and act != 0
	VCMPPD    $0x1e, 256(BX), Y4, Y8 // GT_OQ
	VCMPPD    $0x0c, Y15, Y3, Y9     // NEQ_OQ
	VANDPD    Y9, Y8, Y8
	VMOVMSKPD Y8, AX
	MOVB      AX, (R9)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, R8
	INCQ R9
	DECQ CX
	JNZ  loop

done:
	VCMPPD    $3, Y14, Y14, Y14 // UNORD
	VMOVMSKPD Y14, AX
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
