//go:build amd64 && !purego

#include "textflag.h"
#include "vecmath_amd64.h"
#include "biquad_amd64.h"

// func tcSignalAVX2(lanes *tcSigLanes, x, y *[8]float64)
// TanCarney's signal path for the 8 lanes, one frame, four lanes per
// instruction: y = gain·(10 resonant sections)(x), each with the
// coefficients of its pole pair (tcSignalPole): bitwise tcSignalGo.
// Layout of tcSigLanes: co[p][m][lane] at (p·5 + m)·64, z[j][k][lane] at
// 960 + (j·2 + k)·64, gain at 2240; the second four lanes 32 bytes on.
TEXT ·tcSignalAVX2(SB), NOSPLIT, $0-24
	MOVQ lanes+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DX
	MOVQ $2, CX
sighalf:
	VMOVUPD (SI), Y0 // v
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 0, 64, 128, 192, 256, 960, 1024) // section 0 (pole pair 0)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 320, 384, 448, 512, 576, 1088, 1152) // section 1 (pole pair 1)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 640, 704, 768, 832, 896, 1216, 1280) // section 2 (pole pair 2)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 0, 64, 128, 192, 256, 1344, 1408) // section 3 (pole pair 0)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 640, 704, 768, 832, 896, 1472, 1536) // section 4 (pole pair 2)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 0, 64, 128, 192, 256, 1600, 1664) // section 5 (pole pair 0)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 320, 384, 448, 512, 576, 1728, 1792) // section 6 (pole pair 1)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 640, 704, 768, 832, 896, 1856, 1920) // section 7 (pole pair 2)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 0, 64, 128, 192, 256, 1984, 2048) // section 8 (pole pair 0)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 640, 704, 768, 832, 896, 2112, 2176) // section 9 (pole pair 2)
	VMULPD 2240(DI), Y0, Y0 // gain
	VMOVUPD Y0, (DX)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	DECQ CX
	JNZ  sighalf
	VZEROUPPER
	RET

// func tcControlAVX2(lanes *tcSigLanes, k *tcCtlK, x, u *[8]float64)
// TanCarney's control-path band-pass for the 8 lanes, one frame, four
// lanes per instruction: 3 resonant sections (coefficients ctlCo at 3520,
// states ctlZ at 3840), the differentiator d = fs2·v + dz, dz = −fs2·v − d
// (state at 4224) and the gain (at 4288): bitwise tcControlGo.
TEXT ·tcControlAVX2(SB), NOSPLIT, $0-32
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), BX
	MOVQ x+16(FP), SI
	MOVQ u+24(FP), DX
	VBROADCASTSD 0(BX), Y6 // fs2
	VBROADCASTSD 8(BX), Y7 // −fs2
	MOVQ $2, CX
ctlhalf:
	VMOVUPD (SI), Y0 // v
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 3520, 3584, 3648, 3712, 3776, 3840, 3904)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 3520, 3584, 3648, 3712, 3776, 3968, 4032)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 3520, 3584, 3648, 3712, 3776, 4096, 4160)
	VMULPD  Y6, Y0, Y1
	VADDPD  4224(DI), Y1, Y1 // d = fs2·v + dz
	VMULPD  Y7, Y0, Y2
	VSUBPD  Y1, Y2, Y2       // −fs2·v − d
	VMOVUPD Y2, 4224(DI)
	VMULPD  4288(DI), Y1, Y1 // gain·d
	VMOVUPD Y1, (DX)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	DECQ CX
	JNZ  ctlhalf
	VZEROUPPER
	RET

// func tcControlCoefAVX2(lanes *tcSigLanes, k *tcCtlK, fb *[8]float64)
// tcControlCoefGo for all 8 lanes, four per instruction, without FMA
// (bitwise equal). k: fs2, −fs2, fs2², PI2², 1/PI2, 1, 2, −2. Offsets in
// tcSigLanes: ctlCo[m] at 3520 + 64·m, ctlGain 4288, ctlPreal0 4352,
// ctlFshiftSq 4416, ctlOuterSq 4480, ctlImSq 4544, ctlInvNorm 4608.
TEXT ·tcControlCoefAVX2(SB), NOSPLIT, $0-24
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), BX
	MOVQ fb+16(FP), SI
	VBROADCASTSD 0(BX), Y13  // fs2
	VBROADCASTSD 16(BX), Y12 // fs2²
	VBROADCASTSD 24(BX), Y14 // PI2²
	VBROADCASTSD 32(BX), Y15 // 1/PI2
	VBROADCASTSD 40(BX), Y11 // 1
	VBROADCASTSD 48(BX), Y10 // 2
	VBROADCASTSD 56(BX), Y9  // −2
	MOVQ $2, CX
cchalf:
	VMOVUPD 4352(DI), Y1
	VSUBPD  (SI), Y1, Y1     // r = preal0 − u
	VMULPD  Y15, Y1, Y2      // wbw (without its sign)
	VMULPD  Y2, Y2, Y2       // wbw²
	VADDPD  4416(DI), Y2, Y3
	VSQRTPD Y3, Y3
	VMULPD  Y3, Y14, Y3      // PI2²·√(wbw² + fshift²)
	VADDPD  4480(DI), Y2, Y4
	VSQRTPD Y4, Y4
	VMULPD  Y4, Y3, Y3       // g
	VMULPD  Y3, Y3, Y4
	VMULPD  Y3, Y4, Y4
	VMULPD  4608(DI), Y4, Y4 // g³/norm
	VMOVUPD Y4, 4288(DI)
	VSUBPD  Y1, Y13, Y5      // d = fs2 − r
	VMULPD  Y5, Y5, Y5
	VADDPD  4544(DI), Y5, Y5 // d² + im²
	VDIVPD  Y5, Y11, Y5      // inv
	VADDPD  Y1, Y13, Y6      // e = fs2 + r
	VMULPD  Y1, Y1, Y7
	VSUBPD  Y7, Y12, Y7      // fs2² − r²
	VSUBPD  4544(DI), Y7, Y7 // − im²
	VMULPD  Y9, Y7, Y7       // −2·(…)
	VMULPD  Y5, Y7, Y7       // a1
	VMULPD  Y6, Y6, Y6
	VADDPD  4544(DI), Y6, Y6 // e² + im²
	VMULPD  Y5, Y6, Y6       // a2
	VMULPD  Y10, Y5, Y8      // b1 = 2·inv
	VMOVUPD Y5, 3520(DI)
	VMOVUPD Y8, 3584(DI)
	VMOVUPD Y5, 3648(DI)
	VMOVUPD Y7, 3712(DI)
	VMOVUPD Y6, 3776(DI)
	ADDQ $32, DI
	ADDQ $32, SI
	DECQ CX
	JNZ  cchalf
	VZEROUPPER
	RET

// func tcLowPassAVX2(lanes *tcSigLanes, lp *tcLowPasses, v, fb *[8]float64, j0, j1 int)
// Sections [j0, j1) of TanCarney's one-pole low-passes on the 8 lanes of v
// (in place), each w = b0·x + z, z = b1·x − a1·w, without FMA; with fb
// non-nil, the feedback section (3) on the result into fb: bitwise
// tcLowPassGo. lp holds (b0, b1, a1) per section, 24 bytes apart; the
// states lpZ[j][lane] are at 2304 + 64·j in lanes.
TEXT ·tcLowPassAVX2(SB), NOSPLIT, $0-48
	MOVQ lanes+0(FP), DI
	MOVQ lp+8(FP), SI
	MOVQ v+16(FP), DX
	MOVQ fb+24(FP), R8
	MOVQ j0+32(FP), R9
	MOVQ j1+40(FP), R10
	XORQ R11, R11            // half: 0 or 32 bytes
lphalf:
	VMOVUPD (DX)(R11*1), Y0  // x
	MOVQ R9, AX
lpsec:
	CMPQ AX, R10
	JGE  lpdone
	LEAQ (AX)(AX*2), BX      // 3j
	LEAQ (SI)(BX*8), BX      // &lp[j]
	MOVQ AX, CX
	SHLQ $6, CX
	LEAQ 2304(DI)(CX*1), CX  // &lpZ[j]
	ADDQ R11, CX
	VBROADCASTSD 0(BX), Y1
	VMULPD Y1, Y0, Y1
	VADDPD (CX), Y1, Y1      // w
	VBROADCASTSD 8(BX), Y2
	VMULPD Y2, Y0, Y2
	VBROADCASTSD 16(BX), Y3
	VMULPD Y3, Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, (CX)         // z
	VMOVAPD Y1, Y0
	INCQ AX
	JMP  lpsec
lpdone:
	VMOVUPD Y0, (DX)(R11*1)
	TESTQ R8, R8
	JZ   lpnext
	LEAQ 72(SI), BX          // &lp[3]
	LEAQ 2496(DI)(R11*1), CX // &lpZ[3]
	VBROADCASTSD 0(BX), Y1
	VMULPD Y1, Y0, Y1
	VADDPD (CX), Y1, Y1
	VBROADCASTSD 8(BX), Y2
	VMULPD Y2, Y0, Y2
	VBROADCASTSD 16(BX), Y3
	VMULPD Y3, Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, (CX)
	VMOVUPD Y1, (R8)(R11*1)
lpnext:
	ADDQ $32, R11
	CMPQ R11, $64
	JLT  lphalf
	VZEROUPPER
	RET

// TCPOLEPAIR sets the coefficients (at co, 64 bytes apart) of the
// section of one pole pair, its real part in r and its imaginary part at
// im: inv = 1/((fs2 − r)² + im²), b = zb·inv, a1 = −2·(fs2² − r² −
// im²)·inv, a2 = ((fs2 + r)² + im²)·inv. Y10 fs2, Y11 fs2², Y12 −2, Y14
// 1; Y3–Y6 scratch.
#define TCPOLEPAIR(r, im, b0, b1, b2, a1, a2) \
	VMOVUPD im(DI), Y3;       \
	VMULPD  Y3, Y3, Y3;       \
	VSUBPD  r, Y10, Y4;       \
	VMULPD  Y4, Y4, Y4;       \
	VADDPD  Y3, Y4, Y4;       \
	VDIVPD  Y4, Y14, Y4;      \
	VADDPD  r, Y10, Y5;       \
	VMULPD  3328(DI), Y4, Y6; \
	VMOVUPD Y6, b0(DI);       \
	VMULPD  3392(DI), Y4, Y6; \
	VMOVUPD Y6, b1(DI);       \
	VMULPD  3456(DI), Y4, Y6; \
	VMOVUPD Y6, b2(DI);       \
	VMULPD  r, r, Y6;         \
	VSUBPD  Y6, Y11, Y6;      \
	VSUBPD  Y3, Y6, Y6;       \
	VMULPD  Y12, Y6, Y6;      \
	VMULPD  Y4, Y6, Y6;       \
	VMOVUPD Y6, a1(DI);       \
	VMULPD  Y5, Y5, Y5;       \
	VADDPD  Y3, Y5, Y5;       \
	VMULPD  Y4, Y5, Y5;       \
	VMOVUPD Y5, a2(DI)

// func tcSignalCoefAVX2(lanes *tcSigLanes, k *[5]float64, u *[8]float64)
// tcSignalCoefGo for all 8 lanes, four per instruction, without FMA
// (bitwise equal). k: fs2, fs2², −2, 0.5, 1. Offsets in tcSigLanes:
// co[j][m] at (j·5 + m)·64, negRgain 3008, ta 3072, pim[j] 3136 + 64·j,
// zb[m] 3328 + 64·m; the second four lanes 32 bytes on.
TEXT ·tcSignalCoefAVX2(SB), NOSPLIT, $0-24
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), SI
	MOVQ u+16(FP), DX
	VBROADCASTSD 0(SI), Y10  // fs2
	VBROADCASTSD 8(SI), Y11  // fs2²
	VBROADCASTSD 16(SI), Y12 // −2
	VBROADCASTSD 24(SI), Y13 // 0.5
	VBROADCASTSD 32(SI), Y14 // 1
	MOVQ $2, CX
schalf:
	VMOVUPD 3008(DI), Y0
	VSUBPD  (DX), Y0, Y0    // p0 = −rgain − u
	VSUBPD  3072(DI), Y0, Y2 // p4 = p0 − ta
	VADDPD  Y2, Y0, Y1
	VMULPD  Y13, Y1, Y1     // p2 = (p0 + p4)·0.5
	TCPOLEPAIR(Y0, 3136, 0, 64, 128, 192, 256)
	TCPOLEPAIR(Y1, 3200, 320, 384, 448, 512, 576)
	TCPOLEPAIR(Y2, 3264, 640, 704, 768, 832, 896)
	ADDQ $32, DI
	ADDQ $32, DX
	DECQ CX
	JNZ  schalf
	VZEROUPPER
	RET

// func tcNonlinAVX2(nb *tcNLBatch, k *tcNLK, nv int)
// TanCarney's control-path nonlinearities for the first nv vectors of
// four lanes of nb, stage by stage over all of them (so that the lanes'
// polynomial chains overlap): u = cu; sign(u) and |u|; a = ln(1 +
// Acp·e^(Ccp·ln|u|)); v = sign(u)·Bcp·a; the Boltzmann exponentials e1 =
// e^(−(v − x0)/S0), e2 = e^(−(v − X1)/S1); us = (1/(1 + e1·(1 + e2)) −
// shift)·nlgain. Bitwise tcNonlinGo. nb: cu 0, sg 256, t 512, b2 768,
// nlgain 1024, us 1280; k: Ccp 0, Acp 8, Bcp 16, x0 24, S0 32, X1 40,
// S1 48, shift 56, 1 64, −0 72.
TEXT ·tcNonlinAVX2(SB), NOSPLIT, $0-24
	MOVQ nb+0(FP), DI
	MOVQ k+8(FP), R9
	MOVQ nv+16(FP), DX
	TESTQ DX, DX
	JZ   nldone
	LEAQ ·vecmathK(SB), BX
	VBROADCASTSD 72(R9), Y9 // sign bit
	VBROADCASTSD 64(R9), Y8 // 1
	// ln|u|·Ccp, and sign(u)
	XORQ AX, AX
	MOVQ DX, CX
nl1:
	VMOVUPD 0(DI)(AX*1), Y0
	VANDPD  Y9, Y0, Y1
	VORPD   Y8, Y1, Y1
	VMOVUPD Y1, 256(DI)(AX*1) // sign(u) = copysign(1, u)
	VANDNPD Y0, Y9, Y0        // |u|
	LOGV(Y0)
	VBROADCASTSD 0(R9), Y1
	VMULPD  Y1, Y0, Y0        // Ccp·ln|u|
	VMOVUPD Y0, 512(DI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  nl1
	// 1 + Acp·e^t
	XORQ AX, AX
	MOVQ DX, CX
nl2:
	VMOVUPD 512(DI)(AX*1), Y0
	EXPV(Y0)
	VBROADCASTSD 8(R9), Y1
	VMULPD  Y1, Y0, Y0
	VADDPD  Y8, Y0, Y0
	VMOVUPD Y0, 512(DI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  nl2
	// a = ln(…), v = sign·Bcp·a, the Boltzmann exponents
	XORQ AX, AX
	MOVQ DX, CX
nl3:
	VMOVUPD 512(DI)(AX*1), Y0
	LOGV(Y0)
	VBROADCASTSD 16(R9), Y1
	VMULPD  256(DI)(AX*1), Y1, Y1 // sign·Bcp
	VMULPD  Y0, Y1, Y1            // v
	VBROADCASTSD 24(R9), Y2
	VSUBPD  Y2, Y1, Y2            // v − x0
	VXORPD  Y9, Y2, Y2
	VBROADCASTSD 32(R9), Y3
	VDIVPD  Y3, Y2, Y2            // −(v − x0)/S0
	VMOVUPD Y2, 512(DI)(AX*1)
	VBROADCASTSD 40(R9), Y3
	VSUBPD  Y3, Y1, Y3            // v − X1
	VXORPD  Y9, Y3, Y3
	VBROADCASTSD 48(R9), Y4
	VDIVPD  Y4, Y3, Y3            // −(v − X1)/S1
	VMOVUPD Y3, 768(DI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  nl3
	// us = (1/(1 + e1·(1 + e2)) − shift)·nlgain
	XORQ AX, AX
	MOVQ DX, CX
nl4:
	VMOVUPD 512(DI)(AX*1), Y0
	VMOVUPD 768(DI)(AX*1), Y1
	EXPV(Y0)
	EXPV(Y1)
	VADDPD  Y8, Y1, Y1
	VMULPD  Y1, Y0, Y0
	VADDPD  Y8, Y0, Y0
	VDIVPD  Y0, Y8, Y0
	VBROADCASTSD 56(R9), Y2
	VSUBPD  Y2, Y0, Y0
	VMULPD  1024(DI)(AX*1), Y0, Y0
	VMOVUPD Y0, 1280(DI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  nl4
	VZEROUPPER
nldone:
	RET

// func tcIHCAVX2(nb *tcNLBatch, k *tcNLK, ys *[tcBatch]float64, nv int)
// TanCarney's inner-hair-cell saturation on the first nv vectors of four
// lanes of ys, in place: y ≥ 0: A0·ln(|y|·B + 1); otherwise
// (−A0·(dt + D)/(3dt + D))·ln(|y|·B + 1) with dt = e^(C·ln(−y)); nb's t
// and b2 rows hold the logarithms between the two passes. Bitwise tcIHCGo.
// k: 1 at 64, −0 72, B 80, C 88, A0 96, −A0 104, D 112, 3 120.
TEXT ·tcIHCAVX2(SB), NOSPLIT, $0-32
	MOVQ nb+0(FP), DI
	MOVQ k+8(FP), R9
	MOVQ ys+16(FP), SI
	MOVQ nv+24(FP), DX
	TESTQ DX, DX
	JZ   ihcdone
	LEAQ ·vecmathK(SB), BX
	VBROADCASTSD 72(R9), Y9 // sign bit
	VBROADCASTSD 64(R9), Y8 // 1
	VXORPD Y7, Y7, Y7       // 0
	XORQ AX, AX
	MOVQ DX, CX
ihc1:
	VMOVUPD (SI)(AX*1), Y0      // y
	VANDNPD Y0, Y9, Y1          // |y|
	VBROADCASTSD 80(R9), Y2
	VMULPD  Y2, Y1, Y1
	VADDPD  Y8, Y1, Y1          // |y|·B + 1
	VCMPPD  $0x11, Y7, Y0, Y3   // y < 0
	VXORPD  Y9, Y0, Y2          // −y
	VBLENDVPD Y3, Y2, Y8, Y2    // −y where y < 0, else 1
	LOGV(Y1)
	LOGV(Y2)
	VBROADCASTSD 88(R9), Y3
	VMULPD  Y3, Y2, Y2          // C·ln(−y)
	VMOVUPD Y1, 512(DI)(AX*1)
	VMOVUPD Y2, 768(DI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  ihc1
	XORQ AX, AX
	MOVQ DX, CX
ihc2:
	VMOVUPD 768(DI)(AX*1), Y0
	EXPV(Y0)                    // dt
	VMOVUPD 512(DI)(AX*1), Y1   // the logarithm
	VBROADCASTSD 112(R9), Y2
	VADDPD  Y2, Y0, Y3          // dt + D
	VBROADCASTSD 104(R9), Y4
	VMULPD  Y3, Y4, Y3          // −A0·(dt + D)
	VBROADCASTSD 120(R9), Y4
	VMULPD  Y4, Y0, Y4
	VADDPD  Y2, Y4, Y4          // 3dt + D
	VDIVPD  Y4, Y3, Y3
	VMULPD  Y1, Y3, Y3          // the y < 0 value
	VBROADCASTSD 96(R9), Y4
	VMULPD  Y1, Y4, Y4          // A0·log
	VMOVUPD (SI)(AX*1), Y0
	VCMPPD  $0x1d, Y7, Y0, Y5   // y ≥ 0
	VBLENDVPD Y5, Y4, Y3, Y0
	VMOVUPD Y0, (SI)(AX*1)
	ADDQ $32, AX
	DECQ CX
	JNZ  ihc2
	VZEROUPPER
ihcdone:
	RET
