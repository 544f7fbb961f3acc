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
