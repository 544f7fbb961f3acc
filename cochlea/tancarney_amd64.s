//go:build amd64 && !purego

#include "textflag.h"

// func tcSignalAVX2(lanes *tcSigLanes, x, y *[8]float64)
// TanCarney's signal path for the 8 lanes, one frame, four lanes per
// instruction: y = gain·(10 resonant sections)(x), each section
// w = b0·v + z0, z0 = (b1·v + z1) − a1·w, z1 = b2·v − a2·w with the
// coefficients of its pole pair (tcSignalPole), without FMA: bitwise
// tcSignalGo. Layout of tcSigLanes: co[p][m][lane] at (p·5 + m)·64,
// z[j][k][lane] at 960 + (j·2 + k)·64, gain at 2240.
TEXT ·tcSignalAVX2(SB), NOSPLIT, $0-24
	MOVQ lanes+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DX
	VMOVUPD 0(SI), Y0 // v, lanes 0–3
	// section 0 (pole pair 0)
	VMULPD 0(DI), Y0, Y1
	VADDPD 960(DI), Y1, Y1 // w
	VMULPD 64(DI), Y0, Y2
	VADDPD 1024(DI), Y2, Y2
	VMULPD 192(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 960(DI) // z0
	VMULPD 128(DI), Y0, Y4
	VMULPD 256(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1024(DI) // z1
	VMOVAPD Y1, Y0
	// section 1 (pole pair 1)
	VMULPD 320(DI), Y0, Y1
	VADDPD 1088(DI), Y1, Y1 // w
	VMULPD 384(DI), Y0, Y2
	VADDPD 1152(DI), Y2, Y2
	VMULPD 512(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1088(DI) // z0
	VMULPD 448(DI), Y0, Y4
	VMULPD 576(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1152(DI) // z1
	VMOVAPD Y1, Y0
	// section 2 (pole pair 2)
	VMULPD 640(DI), Y0, Y1
	VADDPD 1216(DI), Y1, Y1 // w
	VMULPD 704(DI), Y0, Y2
	VADDPD 1280(DI), Y2, Y2
	VMULPD 832(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1216(DI) // z0
	VMULPD 768(DI), Y0, Y4
	VMULPD 896(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1280(DI) // z1
	VMOVAPD Y1, Y0
	// section 3 (pole pair 0)
	VMULPD 0(DI), Y0, Y1
	VADDPD 1344(DI), Y1, Y1 // w
	VMULPD 64(DI), Y0, Y2
	VADDPD 1408(DI), Y2, Y2
	VMULPD 192(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1344(DI) // z0
	VMULPD 128(DI), Y0, Y4
	VMULPD 256(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1408(DI) // z1
	VMOVAPD Y1, Y0
	// section 4 (pole pair 2)
	VMULPD 640(DI), Y0, Y1
	VADDPD 1472(DI), Y1, Y1 // w
	VMULPD 704(DI), Y0, Y2
	VADDPD 1536(DI), Y2, Y2
	VMULPD 832(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1472(DI) // z0
	VMULPD 768(DI), Y0, Y4
	VMULPD 896(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1536(DI) // z1
	VMOVAPD Y1, Y0
	// section 5 (pole pair 0)
	VMULPD 0(DI), Y0, Y1
	VADDPD 1600(DI), Y1, Y1 // w
	VMULPD 64(DI), Y0, Y2
	VADDPD 1664(DI), Y2, Y2
	VMULPD 192(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1600(DI) // z0
	VMULPD 128(DI), Y0, Y4
	VMULPD 256(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1664(DI) // z1
	VMOVAPD Y1, Y0
	// section 6 (pole pair 1)
	VMULPD 320(DI), Y0, Y1
	VADDPD 1728(DI), Y1, Y1 // w
	VMULPD 384(DI), Y0, Y2
	VADDPD 1792(DI), Y2, Y2
	VMULPD 512(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1728(DI) // z0
	VMULPD 448(DI), Y0, Y4
	VMULPD 576(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1792(DI) // z1
	VMOVAPD Y1, Y0
	// section 7 (pole pair 2)
	VMULPD 640(DI), Y0, Y1
	VADDPD 1856(DI), Y1, Y1 // w
	VMULPD 704(DI), Y0, Y2
	VADDPD 1920(DI), Y2, Y2
	VMULPD 832(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1856(DI) // z0
	VMULPD 768(DI), Y0, Y4
	VMULPD 896(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1920(DI) // z1
	VMOVAPD Y1, Y0
	// section 8 (pole pair 0)
	VMULPD 0(DI), Y0, Y1
	VADDPD 1984(DI), Y1, Y1 // w
	VMULPD 64(DI), Y0, Y2
	VADDPD 2048(DI), Y2, Y2
	VMULPD 192(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1984(DI) // z0
	VMULPD 128(DI), Y0, Y4
	VMULPD 256(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 2048(DI) // z1
	VMOVAPD Y1, Y0
	// section 9 (pole pair 2)
	VMULPD 640(DI), Y0, Y1
	VADDPD 2112(DI), Y1, Y1 // w
	VMULPD 704(DI), Y0, Y2
	VADDPD 2176(DI), Y2, Y2
	VMULPD 832(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 2112(DI) // z0
	VMULPD 768(DI), Y0, Y4
	VMULPD 896(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 2176(DI) // z1
	VMOVAPD Y1, Y0
	VMULPD 2240(DI), Y0, Y0 // gain
	VMOVUPD Y0, 0(DX)
	VMOVUPD 32(SI), Y0 // v, lanes 4–7
	// section 0 (pole pair 0)
	VMULPD 32(DI), Y0, Y1
	VADDPD 992(DI), Y1, Y1 // w
	VMULPD 96(DI), Y0, Y2
	VADDPD 1056(DI), Y2, Y2
	VMULPD 224(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 992(DI) // z0
	VMULPD 160(DI), Y0, Y4
	VMULPD 288(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1056(DI) // z1
	VMOVAPD Y1, Y0
	// section 1 (pole pair 1)
	VMULPD 352(DI), Y0, Y1
	VADDPD 1120(DI), Y1, Y1 // w
	VMULPD 416(DI), Y0, Y2
	VADDPD 1184(DI), Y2, Y2
	VMULPD 544(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1120(DI) // z0
	VMULPD 480(DI), Y0, Y4
	VMULPD 608(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1184(DI) // z1
	VMOVAPD Y1, Y0
	// section 2 (pole pair 2)
	VMULPD 672(DI), Y0, Y1
	VADDPD 1248(DI), Y1, Y1 // w
	VMULPD 736(DI), Y0, Y2
	VADDPD 1312(DI), Y2, Y2
	VMULPD 864(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1248(DI) // z0
	VMULPD 800(DI), Y0, Y4
	VMULPD 928(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1312(DI) // z1
	VMOVAPD Y1, Y0
	// section 3 (pole pair 0)
	VMULPD 32(DI), Y0, Y1
	VADDPD 1376(DI), Y1, Y1 // w
	VMULPD 96(DI), Y0, Y2
	VADDPD 1440(DI), Y2, Y2
	VMULPD 224(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1376(DI) // z0
	VMULPD 160(DI), Y0, Y4
	VMULPD 288(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1440(DI) // z1
	VMOVAPD Y1, Y0
	// section 4 (pole pair 2)
	VMULPD 672(DI), Y0, Y1
	VADDPD 1504(DI), Y1, Y1 // w
	VMULPD 736(DI), Y0, Y2
	VADDPD 1568(DI), Y2, Y2
	VMULPD 864(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1504(DI) // z0
	VMULPD 800(DI), Y0, Y4
	VMULPD 928(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1568(DI) // z1
	VMOVAPD Y1, Y0
	// section 5 (pole pair 0)
	VMULPD 32(DI), Y0, Y1
	VADDPD 1632(DI), Y1, Y1 // w
	VMULPD 96(DI), Y0, Y2
	VADDPD 1696(DI), Y2, Y2
	VMULPD 224(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1632(DI) // z0
	VMULPD 160(DI), Y0, Y4
	VMULPD 288(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1696(DI) // z1
	VMOVAPD Y1, Y0
	// section 6 (pole pair 1)
	VMULPD 352(DI), Y0, Y1
	VADDPD 1760(DI), Y1, Y1 // w
	VMULPD 416(DI), Y0, Y2
	VADDPD 1824(DI), Y2, Y2
	VMULPD 544(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1760(DI) // z0
	VMULPD 480(DI), Y0, Y4
	VMULPD 608(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1824(DI) // z1
	VMOVAPD Y1, Y0
	// section 7 (pole pair 2)
	VMULPD 672(DI), Y0, Y1
	VADDPD 1888(DI), Y1, Y1 // w
	VMULPD 736(DI), Y0, Y2
	VADDPD 1952(DI), Y2, Y2
	VMULPD 864(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 1888(DI) // z0
	VMULPD 800(DI), Y0, Y4
	VMULPD 928(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 1952(DI) // z1
	VMOVAPD Y1, Y0
	// section 8 (pole pair 0)
	VMULPD 32(DI), Y0, Y1
	VADDPD 2016(DI), Y1, Y1 // w
	VMULPD 96(DI), Y0, Y2
	VADDPD 2080(DI), Y2, Y2
	VMULPD 224(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 2016(DI) // z0
	VMULPD 160(DI), Y0, Y4
	VMULPD 288(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 2080(DI) // z1
	VMOVAPD Y1, Y0
	// section 9 (pole pair 2)
	VMULPD 672(DI), Y0, Y1
	VADDPD 2144(DI), Y1, Y1 // w
	VMULPD 736(DI), Y0, Y2
	VADDPD 2208(DI), Y2, Y2
	VMULPD 864(DI), Y1, Y3
	VSUBPD Y3, Y2, Y2
	VMOVUPD Y2, 2144(DI) // z0
	VMULPD 800(DI), Y0, Y4
	VMULPD 928(DI), Y1, Y5
	VSUBPD Y5, Y4, Y4
	VMOVUPD Y4, 2208(DI) // z1
	VMOVAPD Y1, Y0
	VMULPD 2272(DI), Y0, Y0 // gain
	VMOVUPD Y0, 32(DX)
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

// func tcSignalCoefAVX2(lanes *tcSigLanes, k *[5]float64, u *[8]float64)
// tcSignalCoefGo for all 8 lanes, four per instruction, without FMA
// (bitwise equal). k: fs2, fs2², −2, 0.5, 1. Offsets in tcSigLanes:
// co[j][m] at (j·5 + m)·64, negRgain 3008, ta 3072, pim[j] 3136 + 64·j,
// zb[m] 3328 + 64·m.
TEXT ·tcSignalCoefAVX2(SB), NOSPLIT, $0-24
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), SI
	MOVQ u+16(FP), DX
	VBROADCASTSD 0(SI), Y10  // fs2
	VBROADCASTSD 8(SI), Y11  // fs2²
	VBROADCASTSD 16(SI), Y12 // −2
	VBROADCASTSD 24(SI), Y13 // 0.5
	VBROADCASTSD 32(SI), Y14 // 1
	// lanes 0 to 3
	VMOVUPD 3008(DI), Y0
	VSUBPD 0(DX), Y0, Y0 // p0 = −rgain − u
	VSUBPD 3072(DI), Y0, Y2 // p4 = p0 − ta
	VADDPD Y2, Y0, Y1
	VMULPD Y13, Y1, Y1    // p2 = (p0 + p4)·0.5
	// pole pair 0: r in Y0
	VMOVUPD 3136(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y0, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y0, Y10, Y5    // e = fs2 + r
	VMULPD 3328(DI), Y4, Y6
	VMOVUPD Y6, 0(DI)
	VMULPD 3392(DI), Y4, Y6
	VMOVUPD Y6, 64(DI)
	VMULPD 3456(DI), Y4, Y6
	VMOVUPD Y6, 128(DI)
	VMULPD Y0, Y0, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 192(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 256(DI)
	// pole pair 1: r in Y1
	VMOVUPD 3200(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y1, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y1, Y10, Y5    // e = fs2 + r
	VMULPD 3328(DI), Y4, Y6
	VMOVUPD Y6, 320(DI)
	VMULPD 3392(DI), Y4, Y6
	VMOVUPD Y6, 384(DI)
	VMULPD 3456(DI), Y4, Y6
	VMOVUPD Y6, 448(DI)
	VMULPD Y1, Y1, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 512(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 576(DI)
	// pole pair 2: r in Y2
	VMOVUPD 3264(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y2, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y2, Y10, Y5    // e = fs2 + r
	VMULPD 3328(DI), Y4, Y6
	VMOVUPD Y6, 640(DI)
	VMULPD 3392(DI), Y4, Y6
	VMOVUPD Y6, 704(DI)
	VMULPD 3456(DI), Y4, Y6
	VMOVUPD Y6, 768(DI)
	VMULPD Y2, Y2, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 832(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 896(DI)
	// lanes 4 to 7
	VMOVUPD 3040(DI), Y0
	VSUBPD 32(DX), Y0, Y0 // p0 = −rgain − u
	VSUBPD 3104(DI), Y0, Y2 // p4 = p0 − ta
	VADDPD Y2, Y0, Y1
	VMULPD Y13, Y1, Y1    // p2 = (p0 + p4)·0.5
	// pole pair 0: r in Y0
	VMOVUPD 3168(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y0, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y0, Y10, Y5    // e = fs2 + r
	VMULPD 3360(DI), Y4, Y6
	VMOVUPD Y6, 32(DI)
	VMULPD 3424(DI), Y4, Y6
	VMOVUPD Y6, 96(DI)
	VMULPD 3488(DI), Y4, Y6
	VMOVUPD Y6, 160(DI)
	VMULPD Y0, Y0, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 224(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 288(DI)
	// pole pair 1: r in Y1
	VMOVUPD 3232(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y1, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y1, Y10, Y5    // e = fs2 + r
	VMULPD 3360(DI), Y4, Y6
	VMOVUPD Y6, 352(DI)
	VMULPD 3424(DI), Y4, Y6
	VMOVUPD Y6, 416(DI)
	VMULPD 3488(DI), Y4, Y6
	VMOVUPD Y6, 480(DI)
	VMULPD Y1, Y1, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 544(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 608(DI)
	// pole pair 2: r in Y2
	VMOVUPD 3296(DI), Y3 // im
	VMULPD Y3, Y3, Y3     // im²
	VSUBPD Y2, Y10, Y4    // d = fs2 − r
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y4, Y4     // d² + im²
	VDIVPD Y4, Y14, Y4    // inv
	VADDPD Y2, Y10, Y5    // e = fs2 + r
	VMULPD 3360(DI), Y4, Y6
	VMOVUPD Y6, 672(DI)
	VMULPD 3424(DI), Y4, Y6
	VMOVUPD Y6, 736(DI)
	VMULPD 3488(DI), Y4, Y6
	VMOVUPD Y6, 800(DI)
	VMULPD Y2, Y2, Y6
	VSUBPD Y6, Y11, Y6    // fs2² − r²
	VSUBPD Y3, Y6, Y6     // − im²
	VMULPD Y12, Y6, Y6    // −2·(…)
	VMULPD Y4, Y6, Y6
	VMOVUPD Y6, 864(DI)
	VMULPD Y5, Y5, Y5
	VADDPD Y3, Y5, Y5     // e² + im²
	VMULPD Y4, Y5, Y5
	VMOVUPD Y5, 928(DI)
	VZEROUPPER
	RET
