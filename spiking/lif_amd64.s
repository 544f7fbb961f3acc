//go:build amd64 && !purego

#include "textflag.h"

// func lif3AVX2(v, q, r, act, ls *float64, c *lifCoef, mask *uint8, n int) uint64
//
// lif3Arith (lif_kernel.go) four neurons at a time: the same IEEE
// multiplications, additions and divisions (no fused multiply-add), so the
// same bits. v, q and r are the variables in the slots P, Q, R of
// lifSlots: v's row sum is (beta*q + alpha*v) + gamma*r, or
// (beta*q + gamma*r) + alpha*v when v is the last of the group's
// variables (lcP2), the order of lif3Arith's sum up to the commutativity
// of one addition. c holds each constant in four lanes, 32 bytes apart in
// the order of the lc* constants: dv 96, limit 320, keep 352, long 416,
// t 448, eps 480, dt 512, r 544, one 576, alpha 608, beta 640, gamma 672,
// eQ 704, eR 736, dQ 768, dR 800, p2 832. n is a multiple of 4, r >= 1.
// Returns the lane bits of a NaN in the running sum of x - x over the new
// states (nonzero: a state is not finite).
//
// not_refractory: timestep(t - ls, dt) >= r is int64(y) >= r with
// y = ((t - ls) + eps) / dt; for an integer r >= 1, truncation toward zero
// gives int64(y) >= r exactly when y >= r (and a NaN y fails both), so the
// comparison of y with float64(r) is the same test. It is only evaluated
// for groups of four with a lane whose ls >= long (y <= r + 1 there, so
// int64(y) cannot overflow); elsewhere not_refractory is 1.
//
// Registers: Y6-Y15 constants, Y0-Y5 data.
TEXT ·lif3AVX2(SB), NOSPLIT, $0-72
	MOVQ v+0(FP), DI
	MOVQ q+8(FP), SI
	MOVQ r+16(FP), DX
	MOVQ act+24(FP), R8
	MOVQ ls+32(FP), R10
	MOVQ c+40(FP), BX
	MOVQ mask+48(FP), R9
	MOVQ n+56(FP), CX
	VXORPD  Y15, Y15, Y15 // zero
	VXORPD  Y14, Y14, Y14 // running sum of x - x
	VMOVUPD 576(BX), Y13  // one
	VMOVUPD 416(BX), Y12  // long
	VMOVUPD 608(BX), Y11  // alpha
	VMOVUPD 640(BX), Y10  // beta
	VMOVUPD 672(BX), Y9   // gamma
	VMOVUPD 704(BX), Y8   // eQ
	VMOVUPD 736(BX), Y7   // eR
	VMOVUPD 832(BX), Y6   // p2
	SHRQ    $2, CX
	JZ      done

loop:
	// not_refractory (Y3) from lastspike
	VMOVUPD   (R10), Y3
	VCMPPD    $0x1d, Y12, Y3, Y5 // ls >= long (GE_OQ)
	VMOVMSKPD Y5, AX
	TESTL     AX, AX
	JNZ       recent
	VMOVAPD   Y13, Y3
	JMP       arith

recent:
	VMOVUPD 448(BX), Y4
	VSUBPD  Y3, Y4, Y4             // t - ls
	VADDPD  480(BX), Y4, Y4        // + eps
	VDIVPD  512(BX), Y4, Y4        // / dt
	VCMPPD  $0x1d, 544(BX), Y4, Y4 // y >= r (GE_OQ)
	VANDNPD Y5, Y4, Y5             // recent and y < r: refractory
	VANDNPD Y13, Y5, Y3            // 1 elsewhere, 0 there

arith:
	VMOVUPD Y3, (R8)
	VMOVUPD (DI), Y0 // P = v
	VMOVUPD (SI), Y1 // Q
	VMOVUPD (DX), Y2 // R
	VMULPD  Y10, Y1, Y4 // beta*Q
	VMULPD  Y9, Y2, Y5  // gamma*R

	// the decays of Q and R, stored, and their finite check
	VMULPD  Y8, Y1, Y1
	VADDPD  768(BX), Y1, Y1
	VMULPD  Y7, Y2, Y2
	VADDPD  800(BX), Y2, Y2
	VMOVUPD Y1, (SI)
	VMOVUPD Y2, (DX)
	VSUBPD  Y1, Y1, Y1
	VSUBPD  Y2, Y2, Y2
	VADDPD  Y2, Y1, Y1
	VADDPD  Y1, Y14, Y14

	// v = (beta*Q + X) + Y with X, Y = alpha*P, gamma*R (or swapped, p2)
	VMULPD    Y11, Y0, Y1     // alpha*P
	VBLENDVPD Y6, Y5, Y1, Y2  // X = p2 ? gamma*R : alpha*P
	VBLENDVPD Y6, Y1, Y5, Y5  // Y = p2 ? alpha*P : gamma*R
	VADDPD    Y2, Y4, Y4
	VADDPD    Y5, Y4, Y4
	VADDPD    96(BX), Y4, Y4  // + dv

	// refractory and kept: v = old v
	VCMPPD    $0, Y15, Y3, Y1 // act == 0
	VANDPD    352(BX), Y1, Y2
	VBLENDVPD Y2, Y0, Y4, Y4
	VMOVUPD   Y4, (DI)
	VSUBPD    Y4, Y4, Y2
	VADDPD    Y2, Y14, Y14

	// spike candidates: v > limit and act != 0
	VCMPPD    $0x1e, 320(BX), Y4, Y2 // GT_OQ
	VANDNPD   Y2, Y1, Y2             // and not (act == 0)
	VMOVMSKPD Y2, AX
	MOVB      AX, (R9)
	ADDQ      $32, DI
	ADDQ      $32, SI
	ADDQ      $32, DX
	ADDQ      $32, R8
	ADDQ      $32, R10
	INCQ      R9
	DECQ      CX
	JNZ       loop

done:
	VCMPPD    $3, Y14, Y14, Y14 // UNORD
	VMOVMSKPD Y14, AX
	VZEROUPPER
	MOVQ      AX, ret+64(FP)
	RET
