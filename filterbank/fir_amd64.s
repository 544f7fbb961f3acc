//go:build amd64 && !purego

#include "textflag.h"

// FFT stages and spectral products of the FIR bank on fftLanes = 4
// interleaved sequences: one YMM register holds element i of the 4 lanes.
// Separate multiplies, adds and subtracts (no FMA), in the order of the
// pure-Go loops of fir_fft.go and fir.go, so results are bit-identical.

// PAIRARGS loads the arguments of a pair sweep (ditPairAVX, difPairAVX):
// re SI, im DI, h DX, wa R8 R9, wb R14 R15, h bytes R10, 3h bytes R13, block
// offset AX = 0.
#define PAIRARGS \
	MOVQ re+0(FP), SI; \
	MOVQ im+8(FP), DI; \
	MOVQ h+24(FP), DX; \
	MOVQ war+32(FP), R8; \
	MOVQ wai+40(FP), R9; \
	MOVQ wbr+48(FP), R14; \
	MOVQ wbi+56(FP), R15; \
	MOVQ DX, R10; \
	SHLQ $5, R10; \
	LEAQ (R10)(R10*2), R13; \
	XORQ AX, AX

// SEPW: OR + i·OI = A·P + conj(B)·Q at byte offset OFF of pr, pi, qr, qi
// (R8-R11), in separateGo's order:
//   OR = A_r*pr - A_i*pi + B_r*qr + B_i*qi,  OI = A_r*pi + A_i*pr + B_r*qi - B_i*qr.
#define SEPW(AR, AI, BR, BI, OFF, OR, OI) \
	VMULPD (R8)(OFF*1), AR, OR; \
	VMULPD (R9)(OFF*1), AI, Y5; \
	VSUBPD Y5, OR, OR; \
	VMULPD (R10)(OFF*1), BR, Y5; \
	VADDPD Y5, OR, OR; \
	VMULPD (R11)(OFF*1), BI, Y5; \
	VADDPD Y5, OR, OR; \
	VMULPD (R9)(OFF*1), AR, OI; \
	VMULPD (R8)(OFF*1), AI, Y5; \
	VADDPD Y5, OI, OI; \
	VMULPD (R11)(OFF*1), BR, Y5; \
	VADDPD Y5, OI, OI; \
	VMULPD (R10)(OFF*1), BI, Y5; \
	VSUBPD Y5, OI, OI

// func difStageAVX(re, im *float64, nbytes, h int, wr, wi *float64)
// One decimation-in-frequency stage of half-span h (elements):
// for each block of 2h elements and j < h, with w = wr[j] + i·wi[j]:
//   a, b = x[j], x[j+h];  x[j] = a+b;  x[j+h] = (a-b)·w
TEXT ·difStageAVX(SB), NOSPLIT, $0-48
	MOVQ re+0(FP), SI
	MOVQ im+8(FP), DI
	MOVQ nbytes+16(FP), CX
	MOVQ h+24(FP), DX
	MOVQ wr+32(FP), R8
	MOVQ wi+40(FP), R9
	MOVQ DX, R10
	SHLQ $5, R10          // R10 = h*32: byte distance to the partner
	XORQ AX, AX           // AX = byte offset of the block
difblock:
	CMPQ AX, CX
	JGE difdone
	XORQ BX, BX           // BX = j
	MOVQ AX, R11          // R11 = byte offset of x[b+j]
	LEAQ (AX)(R10*1), R12 // R12 = byte offset of x[b+j+h]
difj:
	VBROADCASTSD (R8)(BX*8), Y0
	VBROADCASTSD (R9)(BX*8), Y1
	VMOVUPD (SI)(R11*1), Y2
	VMOVUPD (DI)(R11*1), Y3
	VMOVUPD (SI)(R12*1), Y4
	VMOVUPD (DI)(R12*1), Y5
	VADDPD Y4, Y2, Y6
	VADDPD Y5, Y3, Y7
	VMOVUPD Y6, (SI)(R11*1)
	VMOVUPD Y7, (DI)(R11*1)
	VSUBPD Y4, Y2, Y2     // dr
	VSUBPD Y5, Y3, Y3     // di
	VMULPD Y0, Y2, Y4     // dr*cr
	VMULPD Y1, Y3, Y5     // di*ci
	VSUBPD Y5, Y4, Y4
	VMULPD Y1, Y2, Y6     // dr*ci
	VMULPD Y0, Y3, Y7     // di*cr
	VADDPD Y7, Y6, Y6
	VMOVUPD Y4, (SI)(R12*1)
	VMOVUPD Y6, (DI)(R12*1)
	ADDQ $32, R11
	ADDQ $32, R12
	INCQ BX
	CMPQ BX, DX
	JLT difj
	ADDQ R10, AX
	ADDQ R10, AX
	JMP difblock
difdone:
	VZEROUPPER
	RET

// func ditStageAVX(re, im *float64, nbytes, h int, wr, wi *float64)
// One decimation-in-time stage of half-span h with conjugate twiddles:
//   t = x[j+h]·conj(w);  x[j+h] = x[j]-t;  x[j] = x[j]+t
// computed as tr = yr*cr + yi*wi, ti = yi*cr - yr*wi (the same values as
// fir_fft.go's yr*cr - yi*(-wi), yr*(-wi) + yi*cr).
TEXT ·ditStageAVX(SB), NOSPLIT, $0-48
	MOVQ re+0(FP), SI
	MOVQ im+8(FP), DI
	MOVQ nbytes+16(FP), CX
	MOVQ h+24(FP), DX
	MOVQ wr+32(FP), R8
	MOVQ wi+40(FP), R9
	MOVQ DX, R10
	SHLQ $5, R10
	XORQ AX, AX
ditblock:
	CMPQ AX, CX
	JGE ditdone
	XORQ BX, BX
	MOVQ AX, R11
	LEAQ (AX)(R10*1), R12
ditj:
	VBROADCASTSD (R8)(BX*8), Y0 // cr
	VBROADCASTSD (R9)(BX*8), Y1 // wi
	VMOVUPD (SI)(R12*1), Y4     // yr
	VMOVUPD (DI)(R12*1), Y5     // yi
	VMULPD Y0, Y4, Y6           // yr*cr
	VMULPD Y1, Y5, Y7           // yi*wi
	VADDPD Y7, Y6, Y6           // tr
	VMULPD Y0, Y5, Y7           // yi*cr
	VMULPD Y1, Y4, Y8           // yr*wi
	VSUBPD Y8, Y7, Y7           // ti
	VMOVUPD (SI)(R11*1), Y2     // xr
	VMOVUPD (DI)(R11*1), Y3     // xi
	VADDPD Y6, Y2, Y8
	VADDPD Y7, Y3, Y9
	VSUBPD Y6, Y2, Y2
	VSUBPD Y7, Y3, Y3
	VMOVUPD Y8, (SI)(R11*1)
	VMOVUPD Y9, (DI)(R11*1)
	VMOVUPD Y2, (SI)(R12*1)
	VMOVUPD Y3, (DI)(R12*1)
	ADDQ $32, R11
	ADDQ $32, R12
	INCQ BX
	CMPQ BX, DX
	JLT ditj
	ADDQ R10, AX
	ADDQ R10, AX
	JMP ditblock
ditdone:
	VZEROUPPER
	RET

// func monoMulAVX(re, im, xr, xi, gr, gi *float64, n int)
// For p < n and the 4 lanes: re = xr[p]*gr - xi[p]*gi, im = xr[p]*gi + xi[p]*gr.
TEXT ·monoMulAVX(SB), NOSPLIT, $0-56
	MOVQ re+0(FP), SI
	MOVQ im+8(FP), DI
	MOVQ xr+16(FP), R8
	MOVQ xi+24(FP), R9
	MOVQ gr+32(FP), R10
	MOVQ gi+40(FP), R11
	MOVQ n+48(FP), CX
	XORQ BX, BX           // p
	XORQ AX, AX           // byte offset p*32
mulloop:
	CMPQ BX, CX
	JGE muldone
	VBROADCASTSD (R8)(BX*8), Y0 // a
	VBROADCASTSD (R9)(BX*8), Y1 // c
	VMOVUPD (R10)(AX*1), Y2     // g
	VMOVUPD (R11)(AX*1), Y3     // h
	VMULPD Y2, Y0, Y4           // a*g
	VMULPD Y3, Y1, Y5           // c*h
	VSUBPD Y5, Y4, Y4
	VMULPD Y3, Y0, Y6           // a*h
	VMULPD Y2, Y1, Y7           // c*g
	VADDPD Y7, Y6, Y6
	VMOVUPD Y4, (SI)(AX*1)
	VMOVUPD Y6, (DI)(AX*1)
	ADDQ $32, AX
	INCQ BX
	JMP mulloop
muldone:
	VZEROUPPER
	RET

// func scatterAVX(out *float64, rowBytes int, re, im *float64, rows int)
// For each of rows rows: out[0..8) = re0 im0 re1 im1 re2 im2 re3 im3 (the
// two channels of each of the 4 lanes), then out += rowBytes, re and im
// advance by one element (4 lanes).
TEXT ·scatterAVX(SB), NOSPLIT, $0-40
	MOVQ out+0(FP), DI
	MOVQ rowBytes+8(FP), DX
	MOVQ re+16(FP), SI
	MOVQ im+24(FP), R8
	MOVQ rows+32(FP), CX
scatloop:
	TESTQ CX, CX
	JLE scatdone
	VMOVUPD (SI), Y0
	VMOVUPD (R8), Y1
	VUNPCKLPD Y1, Y0, Y2           // r0 m0 r2 m2
	VUNPCKHPD Y1, Y0, Y3           // r1 m1 r3 m3
	VPERM2F128 $0x20, Y3, Y2, Y4   // r0 m0 r1 m1
	VPERM2F128 $0x31, Y3, Y2, Y5   // r2 m2 r3 m3
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, 32(DI)
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ DX, DI
	DECQ CX
	JMP scatloop
scatdone:
	VZEROUPPER
	RET

// Radix-2² passes: two radix-2 stages per sweep over the array (half the
// memory traffic), each element undergoing exactly the operations of the two
// single stages, so results stay bit-identical.

// DIT butterfly: t = Y·conj(w) (w = CR + i·WI); Y = X - t; X = X + t.
#define DITBF(XR, XI, YR, YI, CR, WI) \
	VMULPD CR, YR, Y10; \
	VMULPD WI, YI, Y11; \
	VADDPD Y11, Y10, Y10; \
	VMULPD CR, YI, Y11; \
	VMULPD WI, YR, Y12; \
	VSUBPD Y12, Y11, Y11; \
	VSUBPD Y10, XR, YR; \
	VSUBPD Y11, XI, YI; \
	VADDPD Y10, XR, XR; \
	VADDPD Y11, XI, XI

// DIF butterfly: d = A - B; A = A + B; B = d·w (w = CR + i·CI).
#define DIFBF(AR, AI, BR, BI, CR, CI) \
	VSUBPD BR, AR, Y10; \
	VSUBPD BI, AI, Y11; \
	VADDPD BR, AR, AR; \
	VADDPD BI, AI, AI; \
	VMULPD CR, Y10, BR; \
	VMULPD CI, Y11, Y12; \
	VSUBPD Y12, BR, BR; \
	VMULPD CI, Y10, BI; \
	VMULPD CR, Y11, Y12; \
	VADDPD Y12, BI, BI

// LOAD4/STORE4: the four elements x0..x3 at P, P+h, P+2h, P+3h (R10 = h
// bytes, R13 = 3h bytes) of re (P = R11) and im (P = R12).
#define LOAD4 \
	VMOVUPD (R11), Y0; \
	VMOVUPD (R12), Y1; \
	VMOVUPD (R11)(R10*1), Y2; \
	VMOVUPD (R12)(R10*1), Y3; \
	VMOVUPD (R11)(R10*2), Y4; \
	VMOVUPD (R12)(R10*2), Y5; \
	VMOVUPD (R11)(R13*1), Y6; \
	VMOVUPD (R12)(R13*1), Y7

#define STORE4 \
	VMOVUPD Y0, (R11); \
	VMOVUPD Y1, (R12); \
	VMOVUPD Y2, (R11)(R10*1); \
	VMOVUPD Y3, (R12)(R10*1); \
	VMOVUPD Y4, (R11)(R10*2); \
	VMOVUPD Y5, (R12)(R10*2); \
	VMOVUPD Y6, (R11)(R13*1); \
	VMOVUPD Y7, (R12)(R13*1)

// func ditPairAVX(re, im *float64, nbytes, h int, war, wai, wbr, wbi *float64)
// DIT stages of half-span h (twiddles wa, h of them) then 2h (wb, 2h).
TEXT ·ditPairAVX(SB), NOSPLIT, $0-64
	PAIRARGS
dpblock:
	CMPQ AX, nbytes+16(FP)
	JGE dpdone
	LEAQ (SI)(AX*1), R11
	LEAQ (DI)(AX*1), R12
	XORQ BX, BX
dpj:
	LOAD4
	VBROADCASTSD (R8)(BX*8), Y8
	VBROADCASTSD (R9)(BX*8), Y9
	DITBF(Y0, Y1, Y2, Y3, Y8, Y9)
	DITBF(Y4, Y5, Y6, Y7, Y8, Y9)
	VBROADCASTSD (R14)(BX*8), Y8
	VBROADCASTSD (R15)(BX*8), Y9
	LEAQ (BX)(DX*1), CX
	VBROADCASTSD (R14)(CX*8), Y14
	VBROADCASTSD (R15)(CX*8), Y15
	DITBF(Y0, Y1, Y4, Y5, Y8, Y9)
	DITBF(Y2, Y3, Y6, Y7, Y14, Y15)
	STORE4
	ADDQ $32, R11
	ADDQ $32, R12
	INCQ BX
	CMPQ BX, DX
	JLT dpj
	LEAQ (AX)(R10*4), AX
	JMP dpblock
dpdone:
	VZEROUPPER
	RET

// func difPairAVX(re, im *float64, nbytes, h int, war, wai, wbr, wbi *float64)
// DIF stages of half-span 2h (twiddles wa, 2h of them) then h (wb, h).
TEXT ·difPairAVX(SB), NOSPLIT, $0-64
	PAIRARGS
fpblock:
	CMPQ AX, nbytes+16(FP)
	JGE fpdone
	LEAQ (SI)(AX*1), R11
	LEAQ (DI)(AX*1), R12
	XORQ BX, BX
fpj:
	LOAD4
	VBROADCASTSD (R8)(BX*8), Y8
	VBROADCASTSD (R9)(BX*8), Y9
	LEAQ (BX)(DX*1), CX
	VBROADCASTSD (R8)(CX*8), Y14
	VBROADCASTSD (R9)(CX*8), Y15
	DIFBF(Y0, Y1, Y4, Y5, Y8, Y9)
	DIFBF(Y2, Y3, Y6, Y7, Y14, Y15)
	VBROADCASTSD (R14)(BX*8), Y8
	VBROADCASTSD (R15)(BX*8), Y9
	DIFBF(Y0, Y1, Y2, Y3, Y8, Y9)
	DIFBF(Y4, Y5, Y6, Y7, Y8, Y9)
	STORE4
	ADDQ $32, R11
	ADDQ $32, R12
	INCQ BX
	CMPQ BX, DX
	JLT fpj
	LEAQ (AX)(R10*4), AX
	JMP fpblock
fpdone:
	VZEROUPPER
	RET

// func gatherRowsAVX(re, im, x *float64, rowBytes, rows int)
// The inverse of scatterAVX: for each row, x[0..8) = r0 m0 r1 m1 r2 m2 r3 m3
// becomes element re = r0..r3, im = m0..m3; x advances by rowBytes.
TEXT ·gatherRowsAVX(SB), NOSPLIT, $0-40
	MOVQ re+0(FP), DI
	MOVQ im+8(FP), R8
	MOVQ x+16(FP), SI
	MOVQ rowBytes+24(FP), DX
	MOVQ rows+32(FP), CX
gathloop:
	TESTQ CX, CX
	JLE gathdone
	VMOVUPD (SI), Y0               // r0 m0 r1 m1
	VMOVUPD 32(SI), Y1             // r2 m2 r3 m3
	VPERM2F128 $0x20, Y1, Y0, Y2   // r0 m0 r2 m2
	VPERM2F128 $0x31, Y1, Y0, Y3   // r1 m1 r3 m3
	VUNPCKLPD Y3, Y2, Y4           // r0 r1 r2 r3
	VUNPCKHPD Y3, Y2, Y5           // m0 m1 m2 m3
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, (R8)
	ADDQ $32, DI
	ADDQ $32, R8
	ADDQ DX, SI
	DECQ CX
	JMP gathloop
gathdone:
	VZEROUPPER
	RET

// func separateAVX(re, im, pr, pi, qr, qi *float64, pairs, mirror *int32, npairs int)
// For each pair p <= q = mirror[p] (4 lanes at once), as separateGo:
//   W[p] = Z[p]·P[p] + conj(Z[q])·Q[p], W[q] = Z[q]·P[q] + conj(Z[p])·Q[q],
// with the same operation order.
TEXT ·separateAVX(SB), NOSPLIT, $0-72
	MOVQ re+0(FP), SI
	MOVQ im+8(FP), DI
	MOVQ pr+16(FP), R8
	MOVQ pi+24(FP), R9
	MOVQ qr+32(FP), R10
	MOVQ qi+40(FP), R11
	MOVQ pairs+48(FP), R12
	MOVQ mirror+56(FP), R13
	MOVQ npairs+64(FP), CX
seploop:
	TESTQ CX, CX
	JLE sepdone
	MOVLQSX (R12), AX
	MOVLQSX (R13)(AX*4), BX
	SHLQ $5, AX
	SHLQ $5, BX
	VMOVUPD (SI)(AX*1), Y0 // zpr
	VMOVUPD (DI)(AX*1), Y1 // zpi
	VMOVUPD (SI)(BX*1), Y2 // zqr
	VMOVUPD (DI)(BX*1), Y3 // zqi
	SEPW(Y0, Y1, Y2, Y3, AX, Y4, Y6) // W[p] from Z[p], Z[q]
	SEPW(Y2, Y3, Y0, Y1, BX, Y7, Y8) // W[q] from Z[q], Z[p]
	VMOVUPD Y4, (SI)(AX*1)
	VMOVUPD Y6, (DI)(AX*1)
	VMOVUPD Y7, (SI)(BX*1)
	VMOVUPD Y8, (DI)(BX*1)
	ADDQ $4, R12
	DECQ CX
	JMP seploop
sepdone:
	VZEROUPPER
	RET

// MULX: element K of a 4-element block as the product of the mono input
// spectrum (xr, xi at XOFF bytes) and the lane spectra (gr, gi at GOFF
// bytes), exactly as monoMulAVX: re = a*g - c*h, im = a*h + c*g.
#define MULX(XOFF, GOFF, XR, XI) \
	VBROADCASTSD XOFF(R8)(BX*1), Y10; \
	VBROADCASTSD XOFF(R9)(BX*1), Y11; \
	VMOVUPD GOFF(R14)(AX*1), Y12; \
	VMOVUPD GOFF(R15)(AX*1), Y13; \
	VMULPD Y12, Y10, XR; \
	VMULPD Y13, Y11, Y14; \
	VSUBPD Y14, XR, XR; \
	VMULPD Y13, Y10, XI; \
	VMULPD Y12, Y11, Y14; \
	VADDPD Y14, XI, XI

// func ditPairMulAVX(re, im *float64, nbytes int, xr, xi, gr, gi, war, wai, wbr, wbi *float64)
// The first sweep of an inverse transform (DIT stages of half-span 1 and 2)
// whose input, the product of the mono input spectrum x and the lane
// spectra g, is formed on the fly instead of in a separate pass.
TEXT ·ditPairMulAVX(SB), NOSPLIT, $0-88
	MOVQ re+0(FP), SI
	MOVQ im+8(FP), DI
	MOVQ nbytes+16(FP), CX
	MOVQ xr+24(FP), R8
	MOVQ xi+32(FP), R9
	MOVQ gr+40(FP), R14
	MOVQ gi+48(FP), R15
	MOVQ war+56(FP), R10
	MOVQ wai+64(FP), R11
	MOVQ wbr+72(FP), R12
	MOVQ wbi+80(FP), R13
	XORQ AX, AX           // byte offset in the lane arrays (4 elements: 128)
	XORQ BX, BX           // byte offset in xr, xi (4 elements: 32)
pmloop:
	CMPQ AX, CX
	JGE pmdone
	MULX(0, 0, Y0, Y1)
	MULX(8, 32, Y2, Y3)
	MULX(16, 64, Y4, Y5)
	MULX(24, 96, Y6, Y7)
	VBROADCASTSD (R10), Y8
	VBROADCASTSD (R11), Y9
	DITBF(Y0, Y1, Y2, Y3, Y8, Y9)
	DITBF(Y4, Y5, Y6, Y7, Y8, Y9)
	VBROADCASTSD (R12), Y8
	VBROADCASTSD (R13), Y9
	VBROADCASTSD 8(R12), Y14
	VBROADCASTSD 8(R13), Y15
	DITBF(Y0, Y1, Y4, Y5, Y8, Y9)
	DITBF(Y2, Y3, Y6, Y7, Y14, Y15)
	VMOVUPD Y0, (SI)(AX*1)
	VMOVUPD Y1, (DI)(AX*1)
	VMOVUPD Y2, 32(SI)(AX*1)
	VMOVUPD Y3, 32(DI)(AX*1)
	VMOVUPD Y4, 64(SI)(AX*1)
	VMOVUPD Y5, 64(DI)(AX*1)
	VMOVUPD Y6, 96(SI)(AX*1)
	VMOVUPD Y7, 96(DI)(AX*1)
	ADDQ $128, AX
	ADDQ $32, BX
	JMP pmloop
pmdone:
	VZEROUPPER
	RET
