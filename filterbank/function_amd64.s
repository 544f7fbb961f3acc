//go:build amd64 && !purego

#include "textflag.h"

// RectifyCubeRoot on 8 lanes, the same operations as cubeRootCore in
// function.go: a bit-pattern first guess of v^(-1/3), four division-free
// Newton steps r = (r*(4 - (r*r*r)*v))*(1/3), then v^(1/3) = (v*r)*r.
// Lanes with v <= 0 give +0.

// One Newton step on r (Z2) for v (Z0); 4.0 in Z22, 1/3 in Z21.
#define NEWTON \
	VMULPD Z2, Z2, Z3; \
	VMULPD Z2, Z3, Z3; \
	VMULPD Z0, Z3, Z3; \
	VSUBPD Z3, Z22, Z3; \
	VMULPD Z3, Z2, Z2; \
	VMULPD Z21, Z2, Z2

// func rectCbrtAVX512(out, in *float64, n int) int
TEXT ·rectCbrtAVX512(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ in+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	MOVQ $0x553f000000000000, BX // cbrtMagic
	VPBROADCASTQ BX, Z20
	MOVQ $0x3fd5555555555555, BX // 1/3
	VPBROADCASTQ BX, Z21
	MOVQ $0x4010000000000000, BX // 4.0
	VPBROADCASTQ BX, Z22
	MOVQ $0x07b0000000000000, BX // 2^-900
	VPBROADCASTQ BX, Z23
	MOVQ $0x7830000000000000, BX // 2^900
	VPBROADCASTQ BX, Z24
	VPXORQ Z25, Z25, Z25

loop:
	CMPQ CX, $8
	JLT  done
	VMOVUPD (SI)(AX*8), Z0
	VCMPPD $0x1d, Z23, Z0, K1 // v >= 2^-900 (ordered)
	VCMPPD $0x12, Z24, Z0, K2 // v <= 2^900
	VCMPPD $0x12, Z25, Z0, K3 // v <= 0
	KANDW K1, K2, K4          // ordinary positive lanes
	KORW  K4, K3, K5
	KMOVW K5, BX
	CMPQ  BX, $0xff
	JNE   done
	VCVTQQ2PD Z0, Z1          // bits of v as an integer, to float
	VMULPD    Z21, Z1, Z1
	VCVTTPD2QQ Z1, Z1         // bits/3, truncated
	VPSUBQ    Z1, Z20, Z2     // r = bits(magic - bits/3)
	NEWTON
	NEWTON
	NEWTON
	NEWTON
	VMULPD Z2, Z0, Z3
	VMULPD Z2, Z3, Z3
	VBLENDMPD Z3, Z25, K4, Z3 // +0 where v <= 0
	VMOVUPD Z3, (DI)(AX*8)
	ADDQ $8, AX
	SUBQ $8, CX
	JMP  loop

done:
	MOVQ AX, ret+24(FP)
	VZEROUPPER
	RET

// The AVX2 form: 4 lanes per register, four registers (16 samples) per
// iteration, their Newton chains interleaved step by step so that four
// independent chains hide the multiplies' latency. AVX2 has no conversion
// between int64 and float64, so both are built from integer operations:
//
//   - int64 → float64 of the (non-negative) bit pattern b: with hi = b>>32
//     and lo = b & (2^32-1), (float(2^84 + hi·2^32) − (2^84 + 2^52)) is
//     hi·2^32 − 2^52 exactly, and adding float(2^52 + lo) rounds the sum
//     hi·2^32 + lo once, to nearest: the correctly rounded conversion that
//     CVTSQ2SD gives.
//   - float64 → int64 by truncation of q = b/3: every sample in the core's
//     range [2^-900, 2^900] has b ≥ 123·2^52, so q ≥ 2^52 is an integer
//     and its value is its significand (with the implicit bit) shifted
//     left by its exponent minus 1075.
//
// Lanes with v <= 0 run on 1.0 instead (garbage operands would take the
// CPU's slow paths) and the final mask sets them to +0.
#define REP4(off, val) \
	DATA cbrtAVX2<>+(off)(SB)/8, val; \
	DATA cbrtAVX2<>+(off+8)(SB)/8, val; \
	DATA cbrtAVX2<>+(off+16)(SB)/8, val; \
	DATA cbrtAVX2<>+(off+24)(SB)/8, val

REP4(0, $0x4530000000000000)   // 2^84, ORed with hi
REP4(32, $0x4530000000100000)  // 2^84 + 2^52
REP4(64, $0x00000000ffffffff)  // low 32 bits
REP4(96, $0x4330000000000000)  // 2^52, ORed with lo
REP4(128, $1075)               // exponent bias + 52
REP4(160, $0x000fffffffffffff) // significand
REP4(192, $0x0010000000000000) // implicit bit
REP4(224, $0x553f000000000000) // cbrtMagic
REP4(256, $0x07b0000000000000) // 2^-900
REP4(288, $0x7830000000000000) // 2^900
REP4(320, $0x3fd5555555555555) // 1/3
REP4(352, $0x4010000000000000) // 4.0
REP4(384, $0x3ff0000000000000) // 1.0
REP4(416, $0x52b0000000000000) // 2^300
REP4(448, $0x39b0000000000000) // 2^-100
GLOBL cbrtAVX2<>(SB), RODATA|NOPTR, $480

// OK256 sets M to all-ones in the lanes of V that the vector path handles:
// every value up to 2^900 (negative, zero, tiny and the core's range), not
// NaN, +Inf or above 2^900. T is unused (kept for the callers' symmetry).
#define OK256(V, M, T) \
	VCMPPD $0x12, cbrtAVX2<>+288(SB), V, M

// CONV256 replaces the lanes v <= 0 of V by 1.0 and the tiny ones (below
// 2^-900, subnormals included) by v·2^300 (exact: a power of two), as
// RectifyCubeRoot does, stores that to the scratch slot at OFF(SP) (the
// Newton steps read it from there) and leaves in V the first guess
// magic − bits/3 (T clobbered); 1/3 in Y15, 1.0 in Y12, zero in Y13.
#define CONV256(V, T, OFF) \
	VCMPPD $0x1e, Y13, V, T; \
	VBLENDVPD T, V, Y12, V; \
	VMOVUPD V, OFF(SP); \
	VCMPPD $0x1d, cbrtAVX2<>+256(SB), V, T; \
	VMULPD cbrtAVX2<>+416(SB), V, V; \
	VBLENDVPD T, OFF(SP), V, V; \
	VMOVUPD V, OFF(SP); \
	VPSRLQ $32, V, T; \
	VPOR   cbrtAVX2<>+0(SB), T, T; \
	VSUBPD cbrtAVX2<>+32(SB), T, T; \
	VPAND  cbrtAVX2<>+64(SB), V, V; \
	VPOR   cbrtAVX2<>+96(SB), V, V; \
	VADDPD V, T, T; \
	VMULPD Y15, T, T; \
	VPSRLQ $52, T, V; \
	VPSUBQ cbrtAVX2<>+128(SB), V, V; \
	VPAND  cbrtAVX2<>+160(SB), T, T; \
	VPOR   cbrtAVX2<>+192(SB), T, T; \
	VPSLLVQ V, T, T; \
	VMOVUPD cbrtAVX2<>+224(SB), V; \
	VPSUBQ T, V, V

// One Newton step on r (R) for v (at OFF(SP)), temporary T; 4.0 in Y14,
// 1/3 in Y15.
#define NEWTON256(OFF, R, T) \
	VMULPD R, R, T; \
	VMULPD R, T, T; \
	VMULPD OFF(SP), T, T; \
	VSUBPD T, Y14, T; \
	VMULPD T, R, R; \
	VMULPD Y15, R, R

#define NEWTON6 \
	NEWTON256(0, Y0, Y1); \
	NEWTON256(32, Y2, Y3); \
	NEWTON256(64, Y4, Y5); \
	NEWTON256(96, Y6, Y7); \
	NEWTON256(128, Y8, Y9); \
	NEWTON256(160, Y10, Y11)

// FINAL256 writes (v r) r (times 2^-100 for a tiny input), or +0 where
// the input at OFF is <= 0; Y12 is clobbered (1.0 is needed no more).
#define FINAL256(R, T, OFF) \
	VMULPD OFF(SP), R, T; \
	VMULPD R, T, T; \
	VMOVUPD OFF(SI)(AX*8), R; \
	VCMPPD $0x11, cbrtAVX2<>+256(SB), R, Y12; \
	VCMPPD $0x1e, Y13, R, R; \
	VANDPD R, T, T; \
	VMULPD cbrtAVX2<>+448(SB), T, R; \
	VBLENDVPD Y12, R, T, T; \
	VMOVUPD T, OFF(DI)(AX*8)

// LOADOK256 loads the 4 samples at OFF into V and ANDs into Y12 whether
// the vector path handles them all (M, T clobbered).
#define LOADOK256(OFF, V, M, T) \
	VMOVUPD OFF(SI)(AX*8), V; \
	OK256(V, M, T); \
	VANDPD M, Y12, Y12

// func rectCbrtAVX2(out, in *float64, n int) int
//
// 24 samples (six registers) a step, their Newton chains interleaved; the
// inputs, with 1.0 for v <= 0, wait in a 192-byte scratch on the stack.
TEXT ·rectCbrtAVX2(SB), NOSPLIT, $192-32
	MOVQ out+0(FP), DI
	MOVQ in+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	VXORPD  Y13, Y13, Y13
	VMOVUPD cbrtAVX2<>+320(SB), Y15
	VMOVUPD cbrtAVX2<>+352(SB), Y14

loop2:
	CMPQ CX, $24
	JLT  done2
	VPCMPEQQ Y12, Y12, Y12 // all ones: every lane handled so far
	LOADOK256(0, Y0, Y1, Y2)
	LOADOK256(32, Y2, Y3, Y4)
	LOADOK256(64, Y4, Y5, Y6)
	LOADOK256(96, Y6, Y7, Y8)
	LOADOK256(128, Y8, Y9, Y10)
	LOADOK256(160, Y10, Y11, Y1)
	VMOVMSKPD Y12, BX
	CMPQ BX, $0xf
	JNE  done2
	VMOVUPD cbrtAVX2<>+384(SB), Y12 // 1.0
	CONV256(Y0, Y1, 0)
	CONV256(Y2, Y3, 32)
	CONV256(Y4, Y5, 64)
	CONV256(Y6, Y7, 96)
	CONV256(Y8, Y9, 128)
	CONV256(Y10, Y11, 160)
	NEWTON6
	NEWTON6
	NEWTON6
	NEWTON6
	FINAL256(Y0, Y1, 0)
	FINAL256(Y2, Y3, 32)
	FINAL256(Y4, Y5, 64)
	FINAL256(Y6, Y7, 96)
	FINAL256(Y8, Y9, 128)
	FINAL256(Y10, Y11, 160)
	ADDQ $24, AX
	SUBQ $24, CX
	JMP  loop2

done2:
	MOVQ AX, ret+24(FP)
	VZEROUPPER
	RET
