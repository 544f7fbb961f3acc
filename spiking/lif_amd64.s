//go:build amd64 && !purego

#include "textflag.h"

// func lif3AVX2(x0, x1, x2, act, ls *float64, c *lifCoef, mask *uint8, n int) uint64
//
// lif3Arith (lif_kernel.go) four neurons at a time: the same IEEE
// multiplications, additions and divisions in the same order (no fused
// multiply-add), so the same bits. c holds each constant in four lanes,
// 32 bytes apart in the order of the lc* constants: r0 0, r1 32, r2 64,
// dv 96, e0 128, e1 160, e2 192, d0 224, d1 256, d2 288, sel0 320,
// sel1 352, sel2 384, limit 416, keep 448, long 512, t 544, eps 576,
// dt 608, r 640, one 672. n is a multiple of 4, r >= 1. Returns the lane
// bits of a NaN in the running sum of x - x (nonzero: a state is not
// finite).
//
// not_refractory: timestep(t - ls, dt) >= r is int64(y) >= r with
// y = ((t - ls) + eps) / dt; for an integer r >= 1, truncation toward zero
// gives int64(y) >= r exactly when y >= r (and a NaN y fails both), so the
// comparison of y with float64(r) is the same test. It is only evaluated
// for groups of four with a lane whose ls >= long (y <= r + 1 there, so
// int64(y) cannot overflow).
TEXT ·lif3AVX2(SB), NOSPLIT, $0-72
	MOVQ x0+0(FP), DI
	MOVQ x1+8(FP), SI
	MOVQ x2+16(FP), DX
	MOVQ act+24(FP), R8
	MOVQ ls+32(FP), R10
	MOVQ c+40(FP), BX
	MOVQ mask+48(FP), R9
	MOVQ n+56(FP), CX
	VXORPD  Y15, Y15, Y15 // zero
	VXORPD  Y14, Y14, Y14 // running sum of x - x
	VMOVUPD 512(BX), Y12  // long
	VMOVUPD 672(BX), Y13  // one
	SHRQ    $2, CX
	JZ      done

loop:
	// not_refractory (Y3) from lastspike
	VMOVUPD   (R10), Y3
	VCMPPD    $0x1d, Y12, Y3, Y7 // ls >= long (GE_OQ)
	VMOVMSKPD Y7, AX
	TESTL     AX, AX
	JNZ       recent
	VMOVAPD   Y13, Y3
	JMP       arith

recent:
	VMOVUPD 544(BX), Y8
	VSUBPD  Y3, Y8, Y8           // t - ls
	VADDPD  576(BX), Y8, Y8      // + eps
	VDIVPD  608(BX), Y8, Y8      // / dt
	VCMPPD  $0x1d, 640(BX), Y8, Y8 // y >= r (GE_OQ)
	VANDNPD Y7, Y8, Y7           // recent and y < r: refractory
	VANDNPD Y13, Y7, Y3          // 1 elsewhere, 0 there

arith:
	VMOVUPD Y3, (R8)
	VMOVUPD (DI), Y0 // x0
	VMOVUPD (SI), Y1 // x1
	VMOVUPD (DX), Y2 // x2
	// v = ((r0*x0 + r1*x1) + r2*x2) + dv
	VMULPD 0(BX), Y0, Y4
	VMULPD 32(BX), Y1, Y5
	VADDPD Y5, Y4, Y4
	VMULPD 64(BX), Y2, Y5
	VADDPD Y5, Y4, Y4
	VADDPD 96(BX), Y4, Y4
	// the old v: (x0 & sel0) | (x1 & sel1) | (x2 & sel2)
	VANDPD 320(BX), Y0, Y5
	VANDPD 352(BX), Y1, Y6
	VORPD  Y6, Y5, Y5
	VANDPD 384(BX), Y2, Y6
	VORPD  Y6, Y5, Y5
	// refractory and kept: v = old v
	VCMPPD    $0, Y15, Y3, Y7 // act == 0
	VANDPD    448(BX), Y7, Y7
	VBLENDVPD Y7, Y5, Y4, Y4
	// decays, then v in its own lane set
	VMULPD    128(BX), Y0, Y0
	VADDPD    224(BX), Y0, Y0
	VMULPD    160(BX), Y1, Y1
	VADDPD    256(BX), Y1, Y1
	VMULPD    192(BX), Y2, Y2
	VADDPD    288(BX), Y2, Y2
	VMOVUPD   320(BX), Y7
	VBLENDVPD Y7, Y4, Y0, Y0
	VMOVUPD   352(BX), Y7
	VBLENDVPD Y7, Y4, Y1, Y1
	VMOVUPD   384(BX), Y7
	VBLENDVPD Y7, Y4, Y2, Y2
	VMOVUPD   Y0, (DI)
	VMOVUPD   Y1, (SI)
	VMOVUPD   Y2, (DX)
	// finite check
	VSUBPD Y0, Y0, Y8
	VSUBPD Y1, Y1, Y9
	VADDPD Y9, Y8, Y8
	VSUBPD Y2, Y2, Y9
	VADDPD Y9, Y8, Y8
	VADDPD Y8, Y14, Y14
	// spike candidates: v > limit and act != 0
	VCMPPD    $0x1e, 416(BX), Y4, Y8 // GT_OQ
	VCMPPD    $0x0c, Y15, Y3, Y9     // NEQ_OQ
	VANDPD    Y9, Y8, Y8
	VMOVMSKPD Y8, AX
	MOVB      AX, (R9)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, R8
	ADDQ $32, R10
	INCQ R9
	DECQ CX
	JNZ  loop

done:
	VCMPPD    $3, Y14, Y14, Y14 // UNORD
	VMOVMSKPD Y14, AX
	VZEROUPPER
	MOVQ AX, ret+64(FP)
	RET
