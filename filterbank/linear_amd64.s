//go:build amd64 && !purego

#include "textflag.h"

// Biquad cascades, 8 (AVX-512) or 4 (AVX2) channels per vector, in
// transposed direct form II, evaluated exactly as the pure-Go path:
//
//	y  = (b0*x) + z0
//	z0 = ((b1*x) + z1) - (a1*y)
//	z1 = (b2*x) - (a2*y)
//
// with separate multiplies, adds and subtracts (no FMA), so that the results
// are bit-identical to linear.go's channelGo.
//
// biquadArgs offsets: out 0, ostride 8, x 16, xstride 24, xgstep 32,
// coef 40, cstride 48, state 56, sstride 64, frames 72, groups 80.
// Per group and stage the coefficients are 5 vectors of 8 float64
// (b0 b1 b2 a1 a2, 320 bytes) and the state 2 vectors (z0 z1, 128 bytes).

// One stage on 8 lanes: input X, output Y, coefficients in registers,
// state S0 S1; clobbers Z30 Z31.
#define STAGE512(X, Y, B0, B1, B2, A1, A2, S0, S1) \
	VMULPD B0, X, Z30; \
	VADDPD S0, Z30, Y; \
	VMULPD B1, X, Z30; \
	VADDPD S1, Z30, Z30; \
	VMULPD A1, Y, Z31; \
	VSUBPD Z31, Z30, S0; \
	VMULPD B2, X, Z30; \
	VMULPD A2, Y, Z31; \
	VSUBPD Z31, Z30, S1

// One stage on 4 lanes: input X, output Y, coefficients of the stage at
// OFF(BX), state S0 S1; clobbers Y10 Y11.
#define STAGE256(X, Y, OFF, S0, S1) \
	VMULPD (OFF+0)(BX), X, Y10; \
	VADDPD S0, Y10, Y; \
	VMULPD (OFF+64)(BX), X, Y10; \
	VADDPD S1, Y10, Y10; \
	VMULPD (OFF+192)(BX), Y, Y11; \
	VSUBPD Y11, Y10, S0; \
	VMULPD (OFF+128)(BX), X, Y10; \
	VMULPD (OFF+256)(BX), Y, Y11; \
	VSUBPD Y11, Y10, S1

// First-order stages (2 taps): per group and stage the coefficients are 3
// vectors (b0 b1 a1, 192 bytes) and the state 1 vector (z0, 64 bytes):
//
//	y  = (b0*x) + z0
//	z0 = (b1*x) - (a1*y)
#define FIRST512(X, Y, B0, B1, A1, S0) \
	VMULPD B0, X, Z30; \
	VADDPD S0, Z30, Y; \
	VMULPD B1, X, Z30; \
	VMULPD A1, Y, Z31; \
	VSUBPD Z31, Z30, S0

#define FIRST256(X, Y, S0) \
	VMULPD 0(BX), X, Y10; \
	VADDPD S0, Y10, Y; \
	VMULPD 64(BX), X, Y10; \
	VMULPD 128(BX), Y, Y11; \
	VSUBPD Y11, Y10, S0

// Register use: AX args, DI out (group), SI x (group), BX coef, DX state,
// R8 ostride, R9 xstride, R10 xgstep, R11 groups left, R12 x (frame),
// R13 out (frame), CX frames left. AX is loaded by the caller.
#define LOADARGS \
	MOVQ 0(AX), DI; \
	MOVQ 8(AX), R8; \
	MOVQ 16(AX), SI; \
	MOVQ 24(AX), R9; \
	MOVQ 32(AX), R10; \
	MOVQ 40(AX), BX; \
	MOVQ 56(AX), DX; \
	MOVQ 80(AX), R11; \
	CMPQ 72(AX), $0; \
	JLE  done; \
	CMPQ R11, $0; \
	JLE  done

// FRAMES runs the frames of one group (or half group): X is the input
// register (Z28 or Y8), LOADX the instruction that fills it, BODY the
// stages, OUT the register holding the result.
#define FRAMES(X, LOADX, BODY, OUT, LOOP) \
	MOVQ SI, R12; \
	MOVQ DI, R13; \
	MOVQ 72(AX), CX; \
LOOP: \
	LOADX (R12), X; \
	BODY; \
	VMOVUPD OUT, (R13); \
	ADDQ R9, R12; \
	ADDQ R8, R13; \
	DECQ CX; \
	JNZ  LOOP

// GROUPS512 runs every group through the stages BODY on 8 lanes:
// LOADG/STOREG move the group's coefficients and state in and out of
// registers. A zero xgstep (R10) means a mono input, broadcast to all lanes.
#define GROUPS512(LOADG, BODY, OUT, STOREG) \
group: \
	LOADG; \
	TESTQ R10, R10; \
	JZ   mono; \
	FRAMES(Z28, VMOVUPD, BODY, OUT, multi); \
	JMP  gdone; \
mono: \
	FRAMES(Z28, VBROADCASTSD, BODY, OUT, monoloop); \
gdone: \
	STOREG; \
	ADDQ $64, DI; \
	ADDQ R10, SI; \
	ADDQ 48(AX), BX; \
	ADDQ 64(AX), DX; \
	DECQ R11; \
	JNZ  group; \
done: \
	VZEROUPPER; \
	RET

// NEXTHALF moves from one half group (4 lanes) to the next and loops to
// LOOP while halves remain: outputs and inputs by a half, coefficients and
// state by a half within a group and to the next group after its second.
#define NEXTHALF(SECOND, NEXT, LOOP) \
	ADDQ  $32, DI; \
	ADDQ  R10, SI; \
	TESTQ $1, R11; \
	JNZ   SECOND; \
	ADDQ  $32, BX; \
	ADDQ  $32, DX; \
	JMP   NEXT; \
SECOND: \
	ADDQ 48(AX), BX; \
	SUBQ $32, BX; \
	ADDQ 64(AX), DX; \
	SUBQ $32, DX; \
NEXT: \
	DECQ R11; \
	JNZ  LOOP

// GROUPS256 runs each group as two halves of 4 lanes. R11 counts halves;
// R10 holds the x step per half (xgstep/2).
#define GROUPS256(LOADG, BODY, OUT, STOREG) \
	SHLQ $1, R11; \
	SHRQ $1, R10; \
half: \
	LOADG; \
	TESTQ R10, R10; \
	JZ   mono; \
	FRAMES(Y8, VMOVUPD, BODY, OUT, multi); \
	JMP  hdone; \
mono: \
	FRAMES(Y8, VBROADCASTSD, BODY, OUT, monoloop); \
hdone: \
	STOREG; \
	NEXTHALF(second, next, half); \
done: \
	VZEROUPPER; \
	RET

// Four biquad stages, 8 lanes: coefficients Z0-Z19, states Z20-Z27.
#define LOADG4_512 \
	VMOVUPD 0(BX), Z0; \
	VMOVUPD 64(BX), Z1; \
	VMOVUPD 128(BX), Z2; \
	VMOVUPD 192(BX), Z3; \
	VMOVUPD 256(BX), Z4; \
	VMOVUPD 320(BX), Z5; \
	VMOVUPD 384(BX), Z6; \
	VMOVUPD 448(BX), Z7; \
	VMOVUPD 512(BX), Z8; \
	VMOVUPD 576(BX), Z9; \
	VMOVUPD 640(BX), Z10; \
	VMOVUPD 704(BX), Z11; \
	VMOVUPD 768(BX), Z12; \
	VMOVUPD 832(BX), Z13; \
	VMOVUPD 896(BX), Z14; \
	VMOVUPD 960(BX), Z15; \
	VMOVUPD 1024(BX), Z16; \
	VMOVUPD 1088(BX), Z17; \
	VMOVUPD 1152(BX), Z18; \
	VMOVUPD 1216(BX), Z19; \
	VMOVUPD 0(DX), Z20; \
	VMOVUPD 64(DX), Z21; \
	VMOVUPD 128(DX), Z22; \
	VMOVUPD 192(DX), Z23; \
	VMOVUPD 256(DX), Z24; \
	VMOVUPD 320(DX), Z25; \
	VMOVUPD 384(DX), Z26; \
	VMOVUPD 448(DX), Z27

#define BODY4_512 \
	STAGE512(Z28, Z29, Z0, Z1, Z2, Z3, Z4, Z20, Z21); \
	STAGE512(Z29, Z28, Z5, Z6, Z7, Z8, Z9, Z22, Z23); \
	STAGE512(Z28, Z29, Z10, Z11, Z12, Z13, Z14, Z24, Z25); \
	STAGE512(Z29, Z28, Z15, Z16, Z17, Z18, Z19, Z26, Z27)

#define STOREG4_512 \
	VMOVUPD Z20, 0(DX); \
	VMOVUPD Z21, 64(DX); \
	VMOVUPD Z22, 128(DX); \
	VMOVUPD Z23, 192(DX); \
	VMOVUPD Z24, 256(DX); \
	VMOVUPD Z25, 320(DX); \
	VMOVUPD Z26, 384(DX); \
	VMOVUPD Z27, 448(DX)

// One biquad stage, 8 lanes.
#define LOADG1_512 \
	VMOVUPD 0(BX), Z0; \
	VMOVUPD 64(BX), Z1; \
	VMOVUPD 128(BX), Z2; \
	VMOVUPD 192(BX), Z3; \
	VMOVUPD 256(BX), Z4; \
	VMOVUPD 0(DX), Z20; \
	VMOVUPD 64(DX), Z21

#define BODY1_512 STAGE512(Z28, Z29, Z0, Z1, Z2, Z3, Z4, Z20, Z21)

#define STOREG1_512 \
	VMOVUPD Z20, 0(DX); \
	VMOVUPD Z21, 64(DX)

// Four biquad stages, 4 lanes: states Y0-Y7, coefficients from memory.
#define LOADG4_256 \
	VMOVUPD 0(DX), Y0; \
	VMOVUPD 64(DX), Y1; \
	VMOVUPD 128(DX), Y2; \
	VMOVUPD 192(DX), Y3; \
	VMOVUPD 256(DX), Y4; \
	VMOVUPD 320(DX), Y5; \
	VMOVUPD 384(DX), Y6; \
	VMOVUPD 448(DX), Y7

#define BODY4_256 \
	STAGE256(Y8, Y9, 0, Y0, Y1); \
	STAGE256(Y9, Y8, 320, Y2, Y3); \
	STAGE256(Y8, Y9, 640, Y4, Y5); \
	STAGE256(Y9, Y8, 960, Y6, Y7)

#define STOREG4_256 \
	VMOVUPD Y0, 0(DX); \
	VMOVUPD Y1, 64(DX); \
	VMOVUPD Y2, 128(DX); \
	VMOVUPD Y3, 192(DX); \
	VMOVUPD Y4, 256(DX); \
	VMOVUPD Y5, 320(DX); \
	VMOVUPD Y6, 384(DX); \
	VMOVUPD Y7, 448(DX)

// One biquad stage, 4 lanes.
#define LOADG1_256 \
	VMOVUPD 0(DX), Y0; \
	VMOVUPD 64(DX), Y1

#define BODY1_256 STAGE256(Y8, Y9, 0, Y0, Y1)

#define STOREG1_256 \
	VMOVUPD Y0, 0(DX); \
	VMOVUPD Y1, 64(DX)

// One first-order stage, 8 and 4 lanes.
#define LOADGF_512 \
	VMOVUPD 0(BX), Z0; \
	VMOVUPD 64(BX), Z1; \
	VMOVUPD 128(BX), Z2; \
	VMOVUPD 0(DX), Z20

#define BODYF_512 FIRST512(Z28, Z29, Z0, Z1, Z2, Z20)

#define STOREGF_512 VMOVUPD Z20, 0(DX)

#define LOADGF_256 VMOVUPD 0(DX), Y0

#define BODYF_256 FIRST256(Y8, Y9, Y0)

#define STOREGF_256 VMOVUPD Y0, 0(DX)

// func biquad4AVX512(p *biquadArgs)
TEXT ·biquad4AVX512(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS512(LOADG4_512, BODY4_512, Z28, STOREG4_512)

// func biquad1AVX512(p *biquadArgs)
TEXT ·biquad1AVX512(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS512(LOADG1_512, BODY1_512, Z29, STOREG1_512)

// func first1AVX512(p *biquadArgs)
TEXT ·first1AVX512(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS512(LOADGF_512, BODYF_512, Z29, STOREGF_512)

// func biquad4AVX2(p *biquadArgs)
TEXT ·biquad4AVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS256(LOADG4_256, BODY4_256, Y8, STOREG4_256)

// func biquad1AVX2(p *biquadArgs)
TEXT ·biquad1AVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS256(LOADG1_256, BODY1_256, Y9, STOREG1_256)

// func first1AVX2(p *biquadArgs)
TEXT ·first1AVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	GROUPS256(LOADGF_256, BODYF_256, Y9, STOREGF_256)

// Four biquad stages on 4 lanes, software-pipelined: each iteration runs
// stage 1 on frame n, stage 2 on frame n-1, stage 3 on n-2 and stage 4 on
// n-3, so that the four stages of one iteration are independent and the
// CPU overlaps their recurrences (in the plain loop each stage waits for
// the one before it within the frame, and the 4 × 9-cycle chains leave
// the multipliers idle a third of the time). Per lane and stage the
// operations are those of STAGE256 in the same order: the results are
// bit-identical. Registers: states Y0-Y7, input Y8, the values between
// stages Y9 (stage 1 → 2), Y12 (2 → 3), Y13 (3 → 4), output Y14, temporaries
// Y10 Y11. Needs at least 3 frames.
#define S1 STAGE256(Y8, Y9, 0, Y0, Y1)
#define S2 STAGE256(Y9, Y12, 320, Y2, Y3)
#define S3 STAGE256(Y12, Y13, 640, Y4, Y5)
#define S4 \
	STAGE256(Y13, Y14, 960, Y6, Y7); \
	VMOVUPD Y14, (R13); \
	ADDQ R8, R13

// SKEWFRAMES runs the frames of one half group through the stage macros
// T1-T4 (S1-S4, or S1Z-S4Z below), pipelined as described above.
#define SKEWFRAMES(LOADX, LOOP, EPI, T1, T2, T3, T4) \
	MOVQ SI, R12; \
	MOVQ DI, R13; \
	MOVQ 72(AX), CX; \
	LOADX (R12), Y8; \
	ADDQ R9, R12; \
	T1; \
	T2; \
	LOADX (R12), Y8; \
	ADDQ R9, R12; \
	T1; \
	T3; \
	T2; \
	LOADX (R12), Y8; \
	ADDQ R9, R12; \
	T1; \
	SUBQ $3, CX; \
	JZ   EPI; \
LOOP: \
	T4; \
	T3; \
	T2; \
	LOADX (R12), Y8; \
	ADDQ R9, R12; \
	T1; \
	DECQ CX; \
	JNZ  LOOP; \
EPI: \
	T4; \
	T3; \
	T2; \
	T4; \
	T3; \
	T4

// SKEWHALF loads a half group's state and runs its frames through the
// stage macros T1-T4, reading the input as 4 channels (MULTI loop) or
// broadcasting a mono input (MONO loop, at label MONOLBL); both end at
// DONE, which must follow.
#define SKEWHALF(MULTI, MULTIEPI, MONOLBL, MONO, MONOEPI, DONE, T1, T2, T3, T4) \
	LOADG4_256; \
	TESTQ R10, R10; \
	JZ    MONOLBL; \
	SKEWFRAMES(VMOVUPD, MULTI, MULTIEPI, T1, T2, T3, T4); \
	JMP   DONE; \
MONOLBL: \
	SKEWFRAMES(VBROADCASTSD, MONO, MONOEPI, T1, T2, T3, T4)

// func biquad4SkewAVX2(p *biquadArgs)
TEXT ·biquad4SkewAVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	SHLQ $1, R11
	SHRQ $1, R10

shalf:
	SKEWHALF(smulti, smultiepi, smono, smonoloop, smonoepi, shdone, S1, S2, S3, S4)

shdone:
	STOREG4_256
	NEXTHALF(ssecond, snext, shalf)

done:
	VZEROUPPER
	RET

// One first-order stage on a whole group of 8 lanes as two halves of 4
// (A at offset 0, B at 32) whose recurrences the CPU overlaps: the
// 9-cycle chain y → a1*y → z0 of one half alone leaves the multipliers
// idle most of the time. Per lane the operations are FIRST256's.
#define FIRSTX2(XA, XB) \
	VMULPD 0(BX), XA, Y10; \
	VMULPD 32(BX), XB, Y14; \
	VADDPD Y0, Y10, Y9; \
	VADDPD Y1, Y14, Y13; \
	VMULPD 64(BX), XA, Y10; \
	VMULPD 96(BX), XB, Y14; \
	VMULPD 128(BX), Y9, Y11; \
	VMULPD 160(BX), Y13, Y15; \
	VSUBPD Y11, Y10, Y0; \
	VSUBPD Y15, Y14, Y1; \
	VMOVUPD Y9, (R13); \
	VMOVUPD Y13, 32(R13)

// func first1x2AVX2(p *biquadArgs)
TEXT ·first1x2AVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS

fgroup:
	VMOVUPD 0(DX), Y0
	VMOVUPD 32(DX), Y1
	MOVQ SI, R12
	MOVQ DI, R13
	MOVQ 72(AX), CX
	TESTQ R10, R10
	JZ   fmono

fmulti:
	VMOVUPD (R12), Y8
	VMOVUPD 32(R12), Y12
	FIRSTX2(Y8, Y12)
	ADDQ R9, R12
	ADDQ R8, R13
	DECQ CX
	JNZ  fmulti
	JMP  fgdone

fmono:
	VBROADCASTSD (R12), Y8
	FIRSTX2(Y8, Y8)
	ADDQ R9, R12
	ADDQ R8, R13
	DECQ CX
	JNZ  fmono

fgdone:
	VMOVUPD Y0, 0(DX)
	VMOVUPD Y1, 32(DX)
	ADDQ $64, DI
	ADDQ R10, SI
	ADDQ 48(AX), BX
	ADDQ 64(AX), DX
	DECQ R11
	JNZ  fgroup

done:
	VZEROUPPER
	RET

// Four biquad stages on 4 lanes, software-pipelined as biquad4SkewAVX2,
// for stages whose b2 are all +0 (the gammatone's): b2*x is then +0 or −0
// with the sign of x for every finite x, which x AND the sign mask gives
// without a multiply (16 multiplies per channel-sample instead of 20).
// For an infinite or NaN x, b2*x is NaN instead; but a non-finite stage
// input makes that stage's z0 non-finite from then on (every product and
// sum with a non-finite operand is non-finite), in this pass as in the
// exact one, and the two agree up to the first such input. So after each
// half group the states are checked: all finite means every stage input
// was finite and the result is exact; otherwise the half group is run
// again from its saved state (the state in memory is written only after
// the check) with the exact stages. The input must not be the output
// (the rerun reads it again). Y15 holds the sign mask.
#define STAGE256Z(X, Y, OFF, S0, S1) \
	VMULPD (OFF+0)(BX), X, Y10; \
	VADDPD S0, Y10, Y; \
	VMULPD (OFF+64)(BX), X, Y10; \
	VADDPD S1, Y10, Y10; \
	VMULPD (OFF+192)(BX), Y, Y11; \
	VSUBPD Y11, Y10, S0; \
	VANDPD Y15, X, Y10; \
	VMULPD (OFF+256)(BX), Y, Y11; \
	VSUBPD Y11, Y10, S1

#define S1Z STAGE256Z(Y8, Y9, 0, Y0, Y1)
#define S2Z STAGE256Z(Y9, Y12, 320, Y2, Y3)
#define S3Z STAGE256Z(Y12, Y13, 640, Y4, Y5)
#define S4Z \
	STAGE256Z(Y13, Y14, 960, Y6, Y7); \
	VMOVUPD Y14, (R13); \
	ADDQ R8, R13

// ZF clear when any state lane is infinite or NaN (s − s is NaN there, 0
// elsewhere).
#define NONFINITE4 \
	VSUBPD Y0, Y0, Y10; \
	VSUBPD Y1, Y1, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y2, Y2, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y3, Y3, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y4, Y4, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y5, Y5, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y6, Y6, Y11; \
	VADDPD Y11, Y10, Y10; \
	VSUBPD Y7, Y7, Y11; \
	VADDPD Y11, Y10, Y10; \
	VCMPPD $3, Y10, Y10, Y10; \
	VPTEST Y10, Y10

// func biquad4SkewZAVX2(p *biquadArgs)
TEXT ·biquad4SkewZAVX2(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LOADARGS
	SHLQ $1, R11
	SHRQ $1, R10
	VPCMPEQQ Y15, Y15, Y15
	VPSLLQ   $63, Y15, Y15

zhalf:
	SKEWHALF(zmulti, zmultiepi, zmono, zmonoloop, zmonoepi, zcheck, S1Z, S2Z, S3Z, S4Z)

zcheck:
	NONFINITE4
	JZ zhdone
	SKEWHALF(zxmulti, zxmultiepi, zxmono, zxmonoloop, zxmonoepi, zhdone, S1, S2, S3, S4)

zhdone:
	STOREG4_256
	NEXTHALF(zsecond, znext, zhalf)

done:
	VZEROUPPER
	RET
