//go:build amd64 && !purego

#include "textflag.h"

// CARFAC's per-channel passes 1 and 3 (carfac_run.go) on 4 channels per
// AVX2 vector, in the operation order of their Go twins carfacPhaseAGo and
// carfacPhaseCGo, with a fused multiply-add (VFMADD…) exactly where the
// twins call math.FMA, so that both give the same bits
// (TestCARFACSIMDBits).
//
// carfacVecs offsets: g 0, dg 8, zb 16, dzb 24, z1 32, z2 40, za 48, r1 56,
// a0 64, c0 72, h 80, hz 88, inp 96, zy 104, acc 112, bm 120, nap 128,
// cap1 136, cap2 144, lpf1 152, accum0 160, n 168, vs 176, vo 184, ac 192,
// ds 200, out1 208, in1 216, out2 224, in2 232, lpfc 240, gain 248,
// rest 256, keep 264, lg 272, noBM 280. n is a multiple of 4.

DATA carfacOne<>+0(SB)/8, $1.0
DATA carfacOne<>+8(SB)/8, $1.0
DATA carfacOne<>+16(SB)/8, $1.0
DATA carfacOne<>+24(SB)/8, $1.0
GLOBL carfacOne<>(SB), RODATA|NOPTR, $32

DATA carfacDetectOffset<>+0(SB)/8, $0.175
DATA carfacDetectOffset<>+8(SB)/8, $0.175
DATA carfacDetectOffset<>+16(SB)/8, $0.175
DATA carfacDetectOffset<>+24(SB)/8, $0.175
GLOBL carfacDetectOffset<>(SB), RODATA|NOPTR, $32

DATA carfacDetectFloor<>+0(SB)/8, $0.1
DATA carfacDetectFloor<>+8(SB)/8, $0.1
DATA carfacDetectFloor<>+16(SB)/8, $0.1
DATA carfacDetectFloor<>+24(SB)/8, $0.1
GLOBL carfacDetectFloor<>(SB), RODATA|NOPTR, $32

// PHASEC_DIVIDE is pass 3's first half for the 4 channels at SI: the AC
// coupler (storing acc and, unless noBM, bm) and the IHC conductance
// z³/(z²(z + 1) + 0.1) into cr (Y5 or Y7). skip is a label for its BM
// branch; AC, OFF and FLOOR hold ac, 0.175 and 0.1 (4 copies each, in
// registers or in memory). It uses Y0–Y4.
#define PHASEC_DIVIDE(skip, cr, AC, OFF, FLOOR) \
	VMOVUPD (R10)(SI*1), Y0    /* zy */ \
	VMOVUPD (R11)(SI*1), Y1    /* acc */ \
	VSUBPD  Y1, Y0, Y0         /* b = zy − acc */ \
	VFMADD231PD AC, Y0, Y1     /* acc += ac·b */ \
	VMOVUPD Y1, (R11)(SI*1) \
	TESTQ   R9, R9 \
	JNE     skip \
	VMOVUPD Y0, (R12)(SI*1)    /* bm = b */ \
skip: \
	VADDPD  OFF, Y0, Y0 \
	VXORPD  Y1, Y1, Y1 \
	VMAXPD  Y1, Y0, Y0         /* z = max(b + 0.175, 0) */ \
	VMULPD  Y0, Y0, Y1         /* z² */ \
	VMULPD  Y0, Y1, Y2         /* z³ */ \
	VADDPD  Y6, Y0, Y3         /* z + 1 */ \
	VMOVUPD FLOOR, Y4 \
	VFMADD231PD Y3, Y1, Y4     /* z²(z + 1) + 0.1 */ \
	VDIVPD  Y4, Y2, cr         /* conductance */

// PHASEC_AFTER is pass 3's second half for the 4 channels at off + SI,
// with their conductance in cr (Y5 or Y7, used as a scratch after): the
// two capacitors, the output low-pass, the NAP and the AGC input. IN1 …
// REST hold the IHC's coefficients (4 copies each, in registers or in
// memory); 1 is in Y6. It uses Y2–Y4.
#define PHASEC_AFTER(off, cr, IN1, OUT1, IN2, OUT2, LG, KEEP, DS, REST) \
	VMOVUPD off(R13)(SI*1), Y3    /* c = cap1 */ \
	VSUBPD  Y3, Y6, Y4         /* 1 − c */ \
	VFMADD132PD IN1, Y3, Y4    /* a = (1 − c)·in1 + c */ \
	VMULPD  OUT1, Y3, Y3       /* c·out1 */ \
	VMULPD  Y3, cr, Y2         /* k = conductance·(c·out1) */ \
	VSUBPD  Y2, Y4, Y3 \
	VMOVUPD Y3, off(R13)(SI*1)    /* cap1' = a − k */ \
	VSUBPD  Y4, Y6, Y4 \
	VADDPD  Y2, Y4, Y2         /* rp = (1 − a) + k */ \
	VMOVUPD off(AX)(SI*1), Y3     /* c2 = cap2 */ \
	VSUBPD  Y3, Y6, Y4         /* 1 − c2 */ \
	VFMADD132PD IN2, Y3, Y4    /* (1 − c2)·in2 + c2 */ \
	VMULPD  Y3, Y2, cr         /* rp·c2 */ \
	VFNMADD231PD OUT2, cr, Y4  /* − (rp·c2)·out2 */ \
	VMOVUPD Y4, off(AX)(SI*1)     /* cap2' */ \
	VMULPD  LG, Y3, Y3         /* c2·lg */ \
	VMULPD  Y3, Y2, Y2         /* rp·(c2·lg) */ \
	VMOVUPD off(BX)(SI*1), Y3 \
	VFMADD231PD KEEP, Y3, Y2   /* lpf1·keep + rp·(c2·lg) */ \
	VMOVUPD Y2, off(BX)(SI*1)     /* lpf1' */ \
	VSUBPD  REST, Y2, Y2       /* nap = lpf1' − rest */ \
	VMOVUPD Y2, off(R8)(SI*1) \
	VMOVUPD off(R14)(SI*1), Y3 \
	VFMADD231PD DS, Y2, Y3     /* AGC input += ds·nap */ \
	VMOVUPD Y3, off(R14)(SI*1)

// func carfacPhaseAAVX2(v *carfacVecs)
TEXT ·carfacPhaseAAVX2(SB), NOSPLIT, $0-8
	MOVQ v+0(FP), DI
	MOVQ 168(DI), CX
	SHLQ $3, CX
	VBROADCASTSD 176(DI), Y15 // vs
	VBROADCASTSD 184(DI), Y14 // vo
	VMOVUPD carfacOne<>(SB), Y13
	MOVQ 0(DI), R8   // g
	MOVQ 8(DI), R9   // dg
	MOVQ 16(DI), R10 // zb
	MOVQ 24(DI), R11 // dzb
	MOVQ 32(DI), R12 // z1
	MOVQ 40(DI), R13 // z2
	MOVQ 48(DI), AX  // za
	MOVQ 56(DI), BX  // r1
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneA

loopA:
	VMOVUPD (R8)(SI*1), Y0
	VADDPD  (R9)(SI*1), Y0, Y0
	VMOVUPD Y0, (R8)(SI*1)     // g += dg
	VMOVUPD (R10)(SI*1), Y1
	VADDPD  (R11)(SI*1), Y1, Y1
	VMOVUPD Y1, (R10)(SI*1)    // zb += dzb
	VMOVUPD (R12)(SI*1), Y2    // z1
	MOVQ    96(DI), DX
	VADDPD  (DX)(SI*1), Y2, Y2 // + the stage's previous input
	VMOVUPD (R13)(SI*1), Y3    // z2
	VSUBPD  (AX)(SI*1), Y3, Y4 // z2 − za
	VMOVUPD Y3, (AX)(SI*1)     // za = z2
	VMOVAPD Y14, Y5
	VFMADD231PD Y15, Y4, Y5    // u = (z2 − za)·vs + vo
	VMOVAPD Y13, Y4
	VFMADD231PD Y5, Y5, Y4     // u² + 1
	VDIVPD  Y4, Y13, Y4        // nlf
	VMOVUPD (BX)(SI*1), Y6
	VFMADD231PD Y4, Y1, Y6     // r = zb·nlf + r1
	MOVQ    64(DI), DX
	VMOVUPD (DX)(SI*1), Y7     // a0
	MOVQ    72(DI), DX
	VMOVUPD (DX)(SI*1), Y8     // c0
	VMULPD  Y7, Y3, Y9         // a0·z2
	VFMADD231PD Y8, Y2, Y9     // c0·z1 + a0·z2
	VMULPD  Y9, Y6, Y9         // z2' = r(…)
	VMULPD  Y8, Y3, Y10        // c0·z2
	VFMSUB231PD Y7, Y2, Y10    // a0·z1 − c0·z2
	VMULPD  Y10, Y6, Y10       // z1' = r(…)
	VMOVUPD Y10, (R12)(SI*1)
	VMOVUPD Y9, (R13)(SI*1)
	MOVQ    80(DI), DX
	VMULPD  (DX)(SI*1), Y9, Y9 // hz = h·z2'
	MOVQ    88(DI), DX
	VMOVUPD Y9, (DX)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopA

doneA:
	VZEROUPPER
	RET

// func carfacPhaseCAVX2(v *carfacVecs)
// keep (1 − lpfc) at 264, lg (lpfc·gain) at 272.
TEXT ·carfacPhaseCAVX2(SB), NOSPLIT, $64-8
	MOVQ v+0(FP), DI
	MOVQ 168(DI), CX
	SHLQ $3, CX
	VBROADCASTSD 192(DI), Y15 // ac
	VBROADCASTSD 200(DI), Y14 // ds, kept at 32(SP)
	VMOVUPD Y14, 32(SP)
	VBROADCASTSD 208(DI), Y13 // out1
	VBROADCASTSD 216(DI), Y12 // in1
	VBROADCASTSD 224(DI), Y11 // out2
	VBROADCASTSD 232(DI), Y10 // in2
	VBROADCASTSD 264(DI), Y9  // keep
	VBROADCASTSD 272(DI), Y8  // lg
	VBROADCASTSD 256(DI), Y7  // rest, kept at 0(SP)
	VMOVUPD Y7, 0(SP)
	VMOVUPD carfacOne<>(SB), Y6
	MOVQ 280(DI), R9  // noBM
	MOVQ 104(DI), R10 // zy
	MOVQ 112(DI), R11 // acc
	MOVQ 120(DI), R12 // bm
	MOVQ 136(DI), R13 // cap1
	MOVQ 144(DI), AX  // cap2
	MOVQ 152(DI), BX  // lpf1
	MOVQ 128(DI), R8  // nap
	MOVQ 160(DI), R14 // AGC input
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneC

	// Software-pipelined three groups of 4 channels deep: each step runs
	// the second half (after the division) of group i and the first half
	// (up to the division) of group i + 3, so that the division's
	// dependants enter the window three steps after it (the same
	// operations on the same values as carfacPhaseCGo, in another order
	// across channels: no channel reads another's). The conductances in
	// flight rotate through Y5, Y7 and Y14. SI is the offset of the next
	// group to divide.
	PHASEC_DIVIDE(bmP0, Y5, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JGE  flush0C
	PHASEC_DIVIDE(bmP1, Y7, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JGE  flush1C
	PHASEC_DIVIDE(bmP2, Y14, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JGE  flush2C

loopC:
	PHASEC_AFTER(-96, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_DIVIDE(bmL0, Y5, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JGE  exit0C
	PHASEC_AFTER(-96, Y7, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_DIVIDE(bmL1, Y7, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JGE  exit1C
	PHASEC_AFTER(-96, Y14, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_DIVIDE(bmL2, Y14, Y15, carfacDetectOffset<>(SB), carfacDetectFloor<>(SB))
	ADDQ $32, SI
	CMPQ SI, CX
	JLT  loopC
	JMP  flush2C

exit0C: // pending, oldest first: Y7, Y14, Y5
	PHASEC_AFTER(-96, Y7, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-64, Y14, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-32, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	JMP  doneC

exit1C: // pending, oldest first: Y14, Y5, Y7
	PHASEC_AFTER(-96, Y14, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-64, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-32, Y7, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	JMP  doneC

flush2C: // pending, oldest first: Y5, Y7, Y14
	PHASEC_AFTER(-96, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-64, Y7, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-32, Y14, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	JMP  doneC

flush1C: // pending, oldest first: Y5, Y7
	PHASEC_AFTER(-64, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	PHASEC_AFTER(-32, Y7, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))
	JMP  doneC

flush0C: // pending, oldest first: Y5
	PHASEC_AFTER(-32, Y5, Y12, Y13, Y10, Y11, Y8, Y9, 32(SP), 0(SP))

doneC:
	VZEROUPPER
	RET

// func carfacRippleAsm(v *carfacVecs, x float64)
// Pass 2 without the delay buffer (carfacRipple's operation order, scalar
// SSE2): per group of 4 stages, y0 = g0(in + hz0), y1 = g1(y0 + hz1),
// y2 = g2(y1 + hz2) and y3 = p·in + q with p = g3·g2·g1·g0 and
// q = g3(g2(g1(g0·hz0 + hz1) + hz2) + hz3); inp gets [in y0 y1 y2], zy
// gets [y0 y1 y2 y3]. The three-operand (VEX) forms need no copies.
TEXT ·carfacRippleAsm(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVSD x+8(FP), X10 // in
	MOVQ 168(DI), CX
	SHLQ $3, CX
	MOVQ 0(DI), R8    // g
	MOVQ 88(DI), R9   // hz
	MOVQ 96(DI), R10  // inp
	MOVQ 104(DI), R11 // zy
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneR

loopR:
	MOVSD (R8)(SI*1), X0
	MOVSD 8(R8)(SI*1), X1
	MOVSD 16(R8)(SI*1), X2
	MOVSD 24(R8)(SI*1), X3
	MOVSD (R9)(SI*1), X4
	MOVSD 8(R9)(SI*1), X5
	MOVSD 16(R9)(SI*1), X6
	MOVSD 24(R9)(SI*1), X7
	VMULSD X2, X3, X8
	VMULSD X1, X8, X8
	VMULSD X0, X8, X8 // p
	VMULSD X4, X0, X9
	VADDSD X5, X9, X9
	VMULSD X1, X9, X9
	VADDSD X6, X9, X9
	VMULSD X2, X9, X9
	VADDSD X7, X9, X9
	VMULSD X3, X9, X9 // q
	MOVSD X10, (R10)(SI*1)
	VADDSD X10, X4, X4
	VMULSD X0, X4, X4 // y0
	MOVSD X4, (R11)(SI*1)
	MOVSD X4, 8(R10)(SI*1)
	VADDSD X4, X5, X5
	VMULSD X1, X5, X5 // y1
	MOVSD X5, 8(R11)(SI*1)
	MOVSD X5, 16(R10)(SI*1)
	VADDSD X5, X6, X6
	VMULSD X2, X6, X6 // y2
	MOVSD X6, 16(R11)(SI*1)
	MOVSD X6, 24(R10)(SI*1)
	VMULSD X10, X8, X8
	VADDSD X9, X8, X10 // y3 = p·in + q, the next group's input
	MOVSD X10, 24(R11)(SI*1)
	ADDQ $32, SI
	CMPQ SI, CX
	JLT  loopR

doneR:
	RET
