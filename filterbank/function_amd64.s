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
GLOBL cbrtAVX2<>(SB), RODATA|NOPTR, $416

// OK256 sets M to all-ones in the lanes of V that the vector path handles
// (zero or negative, or in [2^-900, 2^900]); T is clobbered. Zero in Y13.
#define OK256(V, M, T) \
	VCMPPD $0x1d, cbrtAVX2<>+256(SB), V, M; \
	VCMPPD $0x12, cbrtAVX2<>+288(SB), V, T; \
	VANDPD T, M, M; \
	VCMPPD $0x12, Y13, V, T; \
	VORPD  T, M, M

// CONV256 replaces the lanes v <= 0 of V by 1.0 and sets R to the first
// guess magic − bits(V)/3 (T clobbered); 1/3 in Y15, 1.0 in Y12.
#define CONV256(V, R, T) \
	VCMPPD $0x1e, Y13, V, R; \
	VBLENDVPD R, V, Y12, V; \
	VPSRLQ $32, V, T; \
	VPOR   cbrtAVX2<>+0(SB), T, T; \
	VSUBPD cbrtAVX2<>+32(SB), T, T; \
	VPAND  cbrtAVX2<>+64(SB), V, R; \
	VPOR   cbrtAVX2<>+96(SB), R, R; \
	VADDPD R, T, T; \
	VMULPD Y15, T, T; \
	VPSRLQ $52, T, R; \
	VPSUBQ cbrtAVX2<>+128(SB), R, R; \
	VPAND  cbrtAVX2<>+160(SB), T, T; \
	VPOR   cbrtAVX2<>+192(SB), T, T; \
	VPSLLVQ R, T, T; \
	VMOVUPD cbrtAVX2<>+224(SB), R; \
	VPSUBQ T, R, R

// One Newton step on r (R) for v (V), temporary T; 4.0 in Y14, 1/3 in Y15.
#define NEWTON256(V, R, T) \
	VMULPD R, R, T; \
	VMULPD R, T, T; \
	VMULPD V, T, T; \
	VSUBPD T, Y14, T; \
	VMULPD T, R, R; \
	VMULPD Y15, R, R

#define NEWTON4 \
	NEWTON256(Y0, Y1, Y2); \
	NEWTON256(Y3, Y4, Y5); \
	NEWTON256(Y6, Y7, Y8); \
	NEWTON256(Y9, Y10, Y11)

// FINAL256 writes (v r) r, or +0 where the input at OFF is <= 0.
#define FINAL256(V, R, T, OFF) \
	VMULPD R, V, T; \
	VMULPD R, T, T; \
	VMOVUPD OFF(SI)(AX*8), V; \
	VCMPPD $0x1e, Y13, V, R; \
	VANDPD R, T, T; \
	VMOVUPD T, OFF(DI)(AX*8)

// func rectCbrtAVX2(out, in *float64, n int) int
TEXT ·rectCbrtAVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ in+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	VXORPD  Y13, Y13, Y13
	VMOVUPD cbrtAVX2<>+320(SB), Y15
	VMOVUPD cbrtAVX2<>+352(SB), Y14
	VMOVUPD cbrtAVX2<>+384(SB), Y12

loop2:
	CMPQ CX, $16
	JLT  done2
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y3
	VMOVUPD 64(SI)(AX*8), Y6
	VMOVUPD 96(SI)(AX*8), Y9
	OK256(Y0, Y1, Y2)
	OK256(Y3, Y4, Y5)
	OK256(Y6, Y7, Y8)
	OK256(Y9, Y10, Y11)
	VANDPD Y4, Y1, Y1
	VANDPD Y7, Y1, Y1
	VANDPD Y10, Y1, Y1
	VMOVMSKPD Y1, BX
	CMPQ BX, $0xf
	JNE  done2
	CONV256(Y0, Y1, Y2)
	CONV256(Y3, Y4, Y5)
	CONV256(Y6, Y7, Y8)
	CONV256(Y9, Y10, Y11)
	NEWTON4
	NEWTON4
	NEWTON4
	NEWTON4
	FINAL256(Y0, Y1, Y2, 0)
	FINAL256(Y3, Y4, Y5, 32)
	FINAL256(Y6, Y7, Y8, 64)
	FINAL256(Y9, Y10, Y11, 96)
	ADDQ $16, AX
	SUBQ $16, CX
	JMP  loop2

done2:
	MOVQ AX, ret+24(FP)
	VZEROUPPER
	RET
