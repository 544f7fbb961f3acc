//go:build amd64 && !purego

#include "textflag.h"

// AVX2 kernels for vexp.go: 4 lanes, the operations of vexpCore in the same
// order with separate multiplies and adds (no FMA), so the results are
// bit-identical to the Go kernels.
//
// Arguments: dst 0, x 8, tail 16, tab 24, k 32, n 40; result 48.
// vexpConsts offsets (32 bytes each): invLn2N 0, shift 32, negHi 64,
// negLo 96, c2 128, c3 160, c4 192, c5 224, absMask 256, bound 288,
// low 320, idxMask 352, one 384.
// Registers: Y15 invLn2N, Y14 shift, Y13 negHi, Y12 negLo, Y11 idxMask,
// Y10 absMask, Y9 bound, Y8 bad lanes (or of all-ones compare results).

// PROLOGUE: arguments in DI SI R8 R9 DX CX; CX becomes n/4.
#define PROLOGUE \
	VMOVUPD 0(DX), Y15; \
	VMOVUPD 32(DX), Y14; \
	VMOVUPD 64(DX), Y13; \
	VMOVUPD 96(DX), Y12; \
	VMOVDQU 352(DX), Y11; \
	VMOVDQU 256(DX), Y10; \
	VMOVDQU 288(DX), Y9; \
	VPXOR Y8, Y8, Y8; \
	SHRQ $2, CX

#define EPILOGUE \
	VMOVMSKPD Y8, AX; \
	VZEROUPPER

// CORE: x in Y0 -> s in Y7, p in Y6; flags |x| > bound in Y8.
// Clobbers Y1-Y5.
#define CORE \
	VPAND Y10, Y0, Y1; \
	VPCMPGTQ Y9, Y1, Y2; \
	VPOR Y2, Y8, Y8; \
	VMULPD Y15, Y0, Y1; \
	VADDPD Y14, Y1, Y1; \
	VPAND Y11, Y1, Y2; \
	VPSLLQ $45, Y1, Y3; \
	VSUBPD Y14, Y1, Y1; \
	VMULPD Y13, Y1, Y4; \
	VADDPD Y4, Y0, Y4; \
	VMULPD Y12, Y1, Y5; \
	VADDPD Y5, Y4, Y4; \
	VPCMPEQQ Y5, Y5, Y5; \
	VGATHERQPD Y5, (R8)(Y2*8), Y6; \
	VPCMPEQQ Y5, Y5, Y5; \
	VPGATHERQQ Y5, (R9)(Y2*8), Y7; \
	VPADDQ Y3, Y7, Y7; \
	VMULPD Y4, Y4, Y1; \
	VMULPD 160(DX), Y4, Y2; \
	VADDPD 128(DX), Y2, Y2; \
	VMULPD Y2, Y1, Y2; \
	VADDPD Y4, Y6, Y6; \
	VADDPD Y2, Y6, Y6; \
	VMULPD 224(DX), Y4, Y2; \
	VADDPD 192(DX), Y2, Y2; \
	VMULPD Y1, Y1, Y1; \
	VMULPD Y2, Y1, Y1; \
	VADDPD Y1, Y6, Y6

// LOWCHECK flags |x| < low (expm1, exprel); x in Y0. Clobbers Y1-Y3.
#define LOWCHECK \
	VPAND Y10, Y0, Y1; \
	VMOVDQU 320(DX), Y3; \
	VPCMPGTQ Y1, Y3, Y2; \
	VPOR Y2, Y8, Y8

// func expAVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64
TEXT ·expAVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ tail+16(FP), R8
	MOVQ tab+24(FP), R9
	MOVQ k+32(FP), DX
	MOVQ n+40(FP), CX
	PROLOGUE
	JZ   expdone

exploop:
	VMOVUPD (SI), Y0
	CORE
	VMULPD  Y6, Y7, Y1
	VADDPD  Y1, Y7, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     exploop

expdone:
	EPILOGUE
	MOVQ AX, ret+48(FP)
	RET

// func expm1AVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64
TEXT ·expm1AVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ tail+16(FP), R8
	MOVQ tab+24(FP), R9
	MOVQ k+32(FP), DX
	MOVQ n+40(FP), CX
	PROLOGUE
	JZ   expm1done

expm1loop:
	VMOVUPD (SI), Y0
	LOWCHECK
	CORE
	VSUBPD  384(DX), Y7, Y2
	VMULPD  Y6, Y7, Y1
	VADDPD  Y1, Y2, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     expm1loop

expm1done:
	EPILOGUE
	MOVQ AX, ret+48(FP)
	RET

// func exprelAVX2(dst, x, tail *float64, tab *uint64, k *vexpConsts, n int) uint64
TEXT ·exprelAVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ tail+16(FP), R8
	MOVQ tab+24(FP), R9
	MOVQ k+32(FP), DX
	MOVQ n+40(FP), CX
	PROLOGUE
	JZ   expreldone

exprelloop:
	VMOVUPD (SI), Y0
	LOWCHECK
	CORE
	VSUBPD  384(DX), Y7, Y2
	VMULPD  Y6, Y7, Y1
	VADDPD  Y1, Y2, Y1
	VDIVPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     exprelloop

expreldone:
	EPILOGUE
	MOVQ AX, ret+48(FP)
	RET
