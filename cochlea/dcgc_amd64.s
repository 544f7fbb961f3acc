//go:build amd64 && !purego

#include "textflag.h"
#include "biquad_amd64.h"

// Constants of dcgcAsymAVX2: 1, −2 and 2, four times each.
DATA dcgcK<>+0(SB)/8, $1.0
DATA dcgcK<>+8(SB)/8, $1.0
DATA dcgcK<>+16(SB)/8, $1.0
DATA dcgcK<>+24(SB)/8, $1.0
DATA dcgcK<>+32(SB)/8, $-2.0
DATA dcgcK<>+40(SB)/8, $-2.0
DATA dcgcK<>+48(SB)/8, $-2.0
DATA dcgcK<>+56(SB)/8, $-2.0
DATA dcgcK<>+64(SB)/8, $2.0
DATA dcgcK<>+72(SB)/8, $2.0
DATA dcgcK<>+80(SB)/8, $2.0
DATA dcgcK<>+88(SB)/8, $2.0
GLOBL dcgcK<>(SB), RODATA|NOPTR, $96

// ASYMSECTION computes one asymmetric compensation section for the four
// lanes at DI (asymFromTrig's operations in its order, without FMA), from
// r, df, sd, cd at the given offsets, into b0, b1, b2, a1, a2 at the given
// offsets from R10. Y0 sn, Y1 cs, Y2 fr, Y3 c2, Y4 s2, Y13 0, Y14 −2, Y15 1.
#define ASYMSECTION(roff, dfoff, sdoff, cdoff, b0off, b1off, b2off, a1off, a2off)\
	VMOVUPD roff(DI), Y5;                      \
	VMOVUPD dfoff(DI), Y6;                     \
	VMULPD  cdoff(DI), Y1, Y9;                 \
	VMULPD  sdoff(DI), Y0, Y10;                \
	VSUBPD  Y10, Y9, Y11;                      \
	VADDPD  Y10, Y9, Y12;                      \
	VADDPD  Y6, Y2, Y7;                        \
	VCMPPD  $0x1e, Y13, Y7, Y7;                \
	VBLENDVPD Y7, Y11, Y15, Y11;               \
	VSUBPD  Y6, Y2, Y8;                        \
	VCMPPD  $0x1e, Y13, Y8, Y8;                \
	VBLENDVPD Y8, Y12, Y15, Y12;               \
	VMULPD  Y14, Y5, Y6;                       \
	VMULPD  Y11, Y6, Y11;                      \
	VMULPD  Y12, Y6, Y12;                      \
	VMULPD  Y5, Y5, Y5;                        \
	VMULPD  Y1, Y11, Y6;                       \
	VADDPD  Y15, Y6, Y6;                       \
	VMULPD  Y3, Y5, Y7;                        \
	VADDPD  Y7, Y6, Y6;                        \
	VMULPD  Y0, Y11, Y7;                       \
	VMULPD  Y4, Y5, Y8;                        \
	VADDPD  Y8, Y7, Y7;                        \
	VMULPD  Y6, Y6, Y6;                        \
	VMULPD  Y7, Y7, Y7;                        \
	VADDPD  Y7, Y6, Y6;                        \
	VMULPD  Y1, Y12, Y7;                       \
	VADDPD  Y15, Y7, Y7;                       \
	VMULPD  Y3, Y5, Y8;                        \
	VADDPD  Y8, Y7, Y7;                        \
	VMULPD  Y0, Y12, Y8;                       \
	VMULPD  Y4, Y5, Y9;                        \
	VADDPD  Y9, Y8, Y8;                        \
	VMULPD  Y7, Y7, Y7;                        \
	VMULPD  Y8, Y8, Y8;                        \
	VADDPD  Y8, Y7, Y7;                        \
	VDIVPD  Y7, Y6, Y6;                        \
	VSQRTPD Y6, Y6;                            \
	VMOVUPD Y6, b0off(R10);                     \
	VMULPD  Y6, Y12, Y12;                      \
	VMOVUPD Y12, b1off(R10);                    \
	VMULPD  Y6, Y5, Y9;                        \
	VMOVUPD Y9, b2off(R10);                     \
	VMOVUPD Y11, a1off(R10);                    \
	VMOVUPD Y5, a2off(R10)

// func dcgcAsymAVX2(l *dcgcAsymLanes, base int, co *[dcgcCascades][5][8]float64)
// DCGC's signal-path asymmetric compensation coefficients co[j][m] (at
// 64(5j + m)) of 8 lanes from lanes base … base + 7 of l, four lanes per
// instruction: bitwise dcgcAsymGo. Layout of dcgcAsymLanes (16 lanes):
// sin[0] (sn) at 0, sin[1 + j] (sd of section j) at 128 + 128j, cos[0]
// (cs) at 640, cos[1 + j] (cd) at 768 + 128j, fr at 1280, r[j] at 1408 +
// 128j, df[j] at 1920 + 128j.
TEXT ·dcgcAsymAVX2(SB), NOSPLIT, $0-24
	MOVQ l+0(FP), DI
	MOVQ base+8(FP), AX
	LEAQ (DI)(AX*8), DI
	MOVQ co+16(FP), R10
	MOVQ $2, CX
	VXORPD  Y13, Y13, Y13
	VMOVUPD dcgcK<>+32(SB), Y14
	VMOVUPD dcgcK<>+0(SB), Y15
loop:
	VMOVUPD 0(DI), Y0    // sn
	VMOVUPD 640(DI), Y1  // cs
	VMOVUPD 1280(DI), Y2 // fr
	VMULPD  Y1, Y1, Y3
	VMULPD  Y0, Y0, Y4
	VSUBPD  Y4, Y3, Y3  // c2 = cs² − sn²
	VMULPD  dcgcK<>+64(SB), Y0, Y4
	VMULPD  Y1, Y4, Y4  // s2 = 2sn·cs
	ASYMSECTION(1408, 1920, 128, 768, 0, 64, 128, 192, 256)
	ASYMSECTION(1536, 2048, 256, 896, 320, 384, 448, 512, 576)
	ASYMSECTION(1664, 2176, 384, 1024, 640, 704, 768, 832, 896)
	ASYMSECTION(1792, 2304, 512, 1152, 960, 1024, 1088, 1152, 1216)
	ADDQ $32, DI
	ADDQ $32, R10
	DECQ CX
	JNZ  loop
	VZEROUPPER
	RET

// func dcgcPathsAVX2(lanes *dcgcLanes, x, xc, y, v2 *[8]float64)
// DCGC's signal path (x into y) and control path (xc into v2) for the 8
// lanes of g, one frame, four lanes per instruction, the two cascades
// interleaved: bitwise dcgcPathsGo. Layout of dcgcLanes: sig[j][m] at
// 64(5j + m), sigZ[j][k] at 1280 + 64(2j + k), ctl[j][m] at 1792 +
// 64(5j + m), ctlZ[j][k] at 3072 + 64(2j + k).
TEXT ·dcgcPathsAVX2(SB), NOSPLIT, $0-40
	MOVQ lanes+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ xc+16(FP), R8
	MOVQ y+24(FP), DX
	MOVQ v2+32(FP), R9
	MOVQ $2, CX
ploop:
	VMOVUPD (SI), Y0
	VMOVUPD (R8), Y6
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 0, 64, 128, 192, 256, 1280, 1344)
	BIQUADSECTION(Y6, Y7, Y8, Y9, Y10, Y11, 1792, 1856, 1920, 1984, 2048, 3072, 3136)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 320, 384, 448, 512, 576, 1408, 1472)
	BIQUADSECTION(Y6, Y7, Y8, Y9, Y10, Y11, 2112, 2176, 2240, 2304, 2368, 3200, 3264)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 640, 704, 768, 832, 896, 1536, 1600)
	BIQUADSECTION(Y6, Y7, Y8, Y9, Y10, Y11, 2432, 2496, 2560, 2624, 2688, 3328, 3392)
	BIQUADSECTION(Y0, Y1, Y2, Y3, Y4, Y5, 960, 1024, 1088, 1152, 1216, 1664, 1728)
	BIQUADSECTION(Y6, Y7, Y8, Y9, Y10, Y11, 2752, 2816, 2880, 2944, 3008, 3456, 3520)
	VMOVUPD Y0, (DX)
	VMOVUPD Y6, (R9)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, DX
	ADDQ $32, R9
	DECQ CX
	JNZ  ploop
	VZEROUPPER
	RET

// GOMAX sets dst to Go's max(a, b) where b is not −0 when a is 0 (max's
// NaN result where a or b is NaN, the larger otherwise): VMAXPD returns
// its second source (a) for equal values and NaNs, so a NaN b is blended
// in. t is scratch.
#define GOMAX(a, b, dst, t) \
	VMAXPD  a, b, dst;   \
	VCMPPD  $3, b, b, t; \
	VBLENDVPD t, b, dst, dst

// LEVELEST sets dst to max(max(v, 0), level·decay), Go's max (NaN where
// v or the level is NaN), for the control values v at (src) and the level
// estimates at off(DI), and stores it there. Y10 decay, Y15 0; Y0–Y3
// scratch.
#define LEVELEST(src, off, dst) \
	VMOVUPD (src), Y0;           \
	VCMPPD  $3, Y0, Y0, Y1;      \
	VMAXPD  Y15, Y0, Y2;         \
	VBLENDVPD Y1, Y0, Y2, Y2;    \
	VMULPD  off(DI), Y10, Y3;    \
	GOMAX(Y2, Y3, dst, Y1);      \
	VMOVUPD dst, off(DI)

// func dcgcLevelAVX2(lanes *dcgcLanes, k *dcgcLevelK, v1, v2, lv *[8]float64)
// DCGC's level update for the 8 lanes of g, four lanes per instruction:
// bitwise dcgcLevelGo (for NaN inputs, a NaN as it gives).
TEXT ·dcgcLevelAVX2(SB), NOSPLIT, $0-40
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), BX
	MOVQ v1+16(FP), SI
	MOVQ v2+24(FP), R8
	MOVQ lv+32(FP), DX
	VBROADCASTSD 0(BX), Y10  // decay
	VBROADCASTSD 8(BX), Y11  // level_ref
	VBROADCASTSD 16(BX), Y12 // w1
	VBROADCASTSD 24(BX), Y13 // w2
	VBROADCASTSD 32(BX), Y14 // minimum level
	VXORPD Y15, Y15, Y15
	MOVQ $2, CX
lloop:
	LEVELEST(SI, 3584, Y4) // l1
	LEVELEST(R8, 3648, Y5) // l2
	VDIVPD  Y11, Y4, Y4           // x1 = l1/ref
	VSQRTPD Y4, Y6
	VMULPD  Y6, Y4, Y4            // x1·√x1
	VMULPD  Y4, Y12, Y4           // w1·x1·√x1
	VDIVPD  Y11, Y5, Y5           // x2 = l2/ref
	VSQRTPD Y5, Y5
	VMULPD  Y5, Y13, Y5           // w2·√x2
	VADDPD  Y5, Y4, Y4            // total
	VMAXPD  Y14, Y4, Y6
	VCMPPD  $3, Y4, Y4, Y1
	VBLENDVPD Y1, Y4, Y6, Y6      // max(total, minimum)
	VMOVUPD Y6, (DX)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, DX
	DECQ CX
	JNZ  lloop
	VZEROUPPER
	RET

// PREPSECTION sets one section's inputs of the coefficient update from
// the ERB in Y2: the radius's exponent rk/fs·ERB, the glide df = dk·ERB
// and its angle 2π·dk/fs·ERB, with the constants at the given offsets in
// k (BX) and the results at the given offsets from R8. Y4 is scratch.
#define PREPSECTION(rk, r, dk, df, dka, ang) \
	VBROADCASTSD rk(BX), Y4;  \
	VMULPD  Y4, Y2, Y4;       \
	VMOVUPD Y4, r(R8);        \
	VBROADCASTSD dk(BX), Y4;  \
	VMULPD  Y4, Y2, Y4;       \
	VMOVUPD Y4, df(R8);       \
	VBROADCASTSD dka(BX), Y4; \
	VMULPD  Y4, Y2, Y4;       \
	VMOVUPD Y4, ang(R8)

// func dcgcPrepAVX2(lanes *dcgcLanes, k *dcgcPrepK, lv *[8]float64, l *dcgcAsymLanes, base int)
// The first step of DCGC's coefficient update for 8 lanes, four per
// instruction: bitwise DCGCKernel.prep with an ERB scale of order 1. k:
// 1/ln 10, 20, RMStoSPL, frat0, frat1, EarQ, MinBW, 2π/fs at 0–56, rk/fs
// at 64, dk at 96, 2π·dk/fs at 128. fp1 at 3712 in lanes; in l (from lane
// base): fr at 1280, r[j] at 1408 + 128j, df[j] at 1920 + 128j, the
// angles at 2432 + 128j.
TEXT ·dcgcPrepAVX2(SB), NOSPLIT, $0-40
	MOVQ lanes+0(FP), DI
	MOVQ k+8(FP), BX
	MOVQ lv+16(FP), SI
	MOVQ l+24(FP), R8
	MOVQ base+32(FP), AX
	LEAQ (R8)(AX*8), R8
	VBROADCASTSD 0(BX), Y10  // 1/ln 10
	VBROADCASTSD 8(BX), Y11  // 20
	VBROADCASTSD 16(BX), Y12 // RMStoSPL
	VBROADCASTSD 24(BX), Y13 // frat0
	VBROADCASTSD 32(BX), Y14 // frat1
	VBROADCASTSD 40(BX), Y15 // EarQ
	MOVQ $2, CX
prephalf:
	VMOVUPD (SI), Y0
	VMULPD  Y10, Y0, Y0
	VMULPD  Y11, Y0, Y0
	VADDPD  Y12, Y0, Y0        // dB = 20·(ln level/ln 10) + RMStoSPL
	VMULPD  Y14, Y0, Y1
	VADDPD  Y13, Y1, Y1        // frat = frat0 + frat1·dB
	VMULPD  3712(DI), Y1, Y1   // fr = fp1·frat
	VMOVUPD Y1, 1280(R8)
	VDIVPD  Y15, Y1, Y2
	VBROADCASTSD 48(BX), Y3
	VADDPD  Y3, Y2, Y2         // ERB = fr/EarQ + MinBW
	VBROADCASTSD 56(BX), Y3
	VMULPD  Y3, Y1, Y3
	VMOVUPD Y3, 2432(R8)       // θ = 2π/fs·fr
	PREPSECTION(64, 1408, 96, 1920, 128, 2560)
	PREPSECTION(72, 1536, 104, 2048, 136, 2688)
	PREPSECTION(80, 1664, 112, 2176, 144, 2816)
	PREPSECTION(88, 1792, 120, 2304, 152, 2944)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	DECQ CX
	JNZ  prephalf
	VZEROUPPER
	RET
