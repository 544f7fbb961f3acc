//go:build amd64 && !purego

#include "textflag.h"

// DRNL's filters on 8 channels (one AVX-512 vector per frame), for the
// published orders (3 gammatone sections per path). Every gammatone section
// of a path has the same coefficients, b = a0·[1, r, 0], a = [1, b1, b2],
// so each runs in transposed direct form II, as the general path does,
// but with its gain a0 taken out:
//
//	y  = u + z0
//	z0 = (r*u + z1) - b1*y
//	z1 = nb2*y              (nb2 = -b2)
//
// and each first-order low-pass (b = [g], a = [1, -p]) as y = u + p*y1
// with its gain g taken out. The gains of a path are one multiply at its
// start: 3 multiplies a section instead of the 5 of a general biquad.
// (Direct form II, w = u - b1*w1 - b2*w2, y = w + r*w1, costs the same but
// loses accuracy where the section's zero nearly cancels a pole, as at the
// guinea-pig set's 10 Hz linear-path centre frequencies: 2e-11 relative
// error against 1e-12.)
//
// drnlArgs offsets: out 0, ostride 8, x 16, xstride 24, mono 32, nl 40,
// coef 48, state 56, frames 64. Coefficient vectors (64 bytes each):
// 0 Glin, 1 b1 lin, 2 nb2 lin, 3 r lin, 4 p lin, 5 G1, 6 b1 nl, 7 nb2 nl,
// 8 r nl, 9 G2, 10 p nl. State vectors: 0-5 linear-path sections (z0, z1),
// 6-9 linear-path low-passes,, 10-15 first nonlinear gammatone, 16-21 second
// nonlinear gammatone, 22-24 nonlinear-path low-passes.

// SEC runs one section: input U, output Y, state S0 S1, coefficients B1
// NB2 R; clobbers T.
#define SEC(U, Y, S0, S1, B1, NB2, R, T) \
	VADDPD S0, U, Y; \
	VMULPD R, U, T; \
	VADDPD S1, T, T; \
	VMULPD B1, Y, S0; \
	VSUBPD S0, T, S0; \
	VMULPD NB2, Y, S1

// LP runs one low-pass: Y = U + P*Y (Y is state and output); clobbers T.
#define LP(U, Y, P, T) \
	VMULPD P, Y, T; \
	VADDPD T, U, Y

// Phase A body: x in Z25; linear path to Z18, first nonlinear gammatone
// to Z30.
#define BODYA \
	VMULPD Z0, Z25, Z26; \
	VMULPD Z5, Z25, Z29; \
	SEC(Z26, Z27, Z9, Z10, Z1, Z2, Z3, Z28); \
	SEC(Z29, Z30, Z19, Z20, Z6, Z7, Z8, Z31); \
	SEC(Z27, Z26, Z11, Z12, Z1, Z2, Z3, Z28); \
	SEC(Z30, Z29, Z21, Z22, Z6, Z7, Z8, Z31); \
	SEC(Z26, Z27, Z13, Z14, Z1, Z2, Z3, Z28); \
	SEC(Z29, Z30, Z23, Z24, Z6, Z7, Z8, Z31); \
	VMOVUPD Z30, (R10); \
	LP(Z27, Z15, Z4, Z26); \
	LP(Z15, Z16, Z4, Z28); \
	LP(Z16, Z17, Z4, Z26); \
	LP(Z17, Z18, Z4, Z28); \
	VMOVUPD Z18, (DI)

#define LOOPA(LOADX, L) \
L: \
	LOADX (SI), Z25; \
	BODYA; \
	ADDQ R9, SI; \
	ADDQ R8, DI; \
	ADDQ $64, R10; \
	DECQ CX; \
	JNZ  L

// func drnlPathsAVX512(p *drnlArgs)
// For frames frames: the linear path of x into out and the first nonlinear
// gammatone of x into nl (64 bytes per frame).
TEXT ·drnlPathsAVX512(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	MOVQ 64(AX), CX
	TESTQ CX, CX
	JLE  adone
	MOVQ 0(AX), DI
	MOVQ 8(AX), R8
	MOVQ 16(AX), SI
	MOVQ 24(AX), R9
	MOVQ 40(AX), R10
	MOVQ 48(AX), BX
	MOVQ 56(AX), DX
	VMOVUPD 0(BX), Z0
	VMOVUPD 64(BX), Z1
	VMOVUPD 128(BX), Z2
	VMOVUPD 192(BX), Z3
	VMOVUPD 256(BX), Z4
	VMOVUPD 320(BX), Z5
	VMOVUPD 384(BX), Z6
	VMOVUPD 448(BX), Z7
	VMOVUPD 512(BX), Z8
	VMOVUPD 0(DX), Z9
	VMOVUPD 64(DX), Z10
	VMOVUPD 128(DX), Z11
	VMOVUPD 192(DX), Z12
	VMOVUPD 256(DX), Z13
	VMOVUPD 320(DX), Z14
	VMOVUPD 384(DX), Z15
	VMOVUPD 448(DX), Z16
	VMOVUPD 512(DX), Z17
	VMOVUPD 576(DX), Z18
	VMOVUPD 640(DX), Z19
	VMOVUPD 704(DX), Z20
	VMOVUPD 768(DX), Z21
	VMOVUPD 832(DX), Z22
	VMOVUPD 896(DX), Z23
	VMOVUPD 960(DX), Z24
	CMPQ 32(AX), $0
	JNE  amono
	LOOPA(VMOVUPD, amulti)
	JMP  astore
amono:
	LOOPA(VBROADCASTSD, amonoloop)
astore:
	VMOVUPD Z9, 0(DX)
	VMOVUPD Z10, 64(DX)
	VMOVUPD Z11, 128(DX)
	VMOVUPD Z12, 192(DX)
	VMOVUPD Z13, 256(DX)
	VMOVUPD Z14, 320(DX)
	VMOVUPD Z15, 384(DX)
	VMOVUPD Z16, 448(DX)
	VMOVUPD Z17, 512(DX)
	VMOVUPD Z18, 576(DX)
	VMOVUPD Z19, 640(DX)
	VMOVUPD Z20, 704(DX)
	VMOVUPD Z21, 768(DX)
	VMOVUPD Z22, 832(DX)
	VMOVUPD Z23, 896(DX)
	VMOVUPD Z24, 960(DX)
	VZEROUPPER
adone:
	RET

// func drnlNL2AVX512(p *drnlArgs)
// For frames frames: the second nonlinear gammatone and the nonlinear-path
// low-passes of nl (the compressed signal, 64 bytes per frame), added to
// out.
TEXT ·drnlNL2AVX512(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	MOVQ 64(AX), CX
	TESTQ CX, CX
	JLE  cdone
	MOVQ 0(AX), DI
	MOVQ 8(AX), R8
	MOVQ 40(AX), R10
	MOVQ 48(AX), BX
	MOVQ 56(AX), DX
	VMOVUPD 576(BX), Z0
	VMOVUPD 384(BX), Z1
	VMOVUPD 448(BX), Z2
	VMOVUPD 512(BX), Z3
	VMOVUPD 640(BX), Z4
	VMOVUPD 1024(DX), Z5
	VMOVUPD 1088(DX), Z6
	VMOVUPD 1152(DX), Z7
	VMOVUPD 1216(DX), Z8
	VMOVUPD 1280(DX), Z9
	VMOVUPD 1344(DX), Z10
	VMOVUPD 1408(DX), Z11
	VMOVUPD 1472(DX), Z12
	VMOVUPD 1536(DX), Z13
cloop:
	VMULPD (R10), Z0, Z26
	SEC(Z26, Z27, Z5, Z6, Z1, Z2, Z3, Z28)
	SEC(Z27, Z26, Z7, Z8, Z1, Z2, Z3, Z28)
	SEC(Z26, Z27, Z9, Z10, Z1, Z2, Z3, Z28)
	LP(Z27, Z11, Z4, Z26)
	LP(Z11, Z12, Z4, Z28)
	LP(Z12, Z13, Z4, Z27)
	VADDPD (DI), Z13, Z29
	VMOVUPD Z29, (DI)
	ADDQ R8, DI
	ADDQ $64, R10
	DECQ CX
	JNZ  cloop
	VMOVUPD Z5, 1024(DX)
	VMOVUPD Z6, 1088(DX)
	VMOVUPD Z7, 1152(DX)
	VMOVUPD Z8, 1216(DX)
	VMOVUPD Z9, 1280(DX)
	VMOVUPD Z10, 1344(DX)
	VMOVUPD Z11, 1408(DX)
	VMOVUPD Z12, 1472(DX)
	VMOVUPD Z13, 1536(DX)
	VZEROUPPER
cdone:
	RET
