//go:build amd64 && !purego

#include "textflag.h"

// CARFAC's AGC passes (carfac_run.go: agcRecurse, agcUpdate, setRamps) on
// 4 channels per AVX2 vector, in the operation order of the Go code and
// without fused multiply-adds (Go rounds each product on amd64), so that
// both give the same bits (TestCARFACSIMDBits). n is a multiple of 4.

// func carfacAGCScaleAVX2(acc, nxt *float64, n int, inv float64)
// acc[i] *= inv, and if nxt is not nil, nxt[i] += acc[i].
TEXT ·carfacAGCScaleAVX2(SB), NOSPLIT, $0-32
	MOVQ acc+0(FP), DI
	MOVQ nxt+8(FP), DX
	MOVQ n+16(FP), CX
	SHLQ $3, CX
	VBROADCASTSD inv+24(FP), Y15
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneS
	TESTQ DX, DX
	JEQ  loopS1

loopS2:
	VMULPD  (DI)(SI*1), Y15, Y0
	VMOVUPD Y0, (DI)(SI*1)
	VADDPD  (DX)(SI*1), Y0, Y0
	VMOVUPD Y0, (DX)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopS2
	JMP     doneS

loopS1:
	VMULPD  (DI)(SI*1), Y15, Y0
	VMOVUPD Y0, (DI)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopS1

doneS:
	VZEROUPPER
	RET

// func carfacAGCUpdate3AVX2(a *carfacAGCArgs)
// One AGC stage's update and 3-tap smoothing (agcUpdate): with
// x = in + gain·nm (in alone for the last stage, nm nil), the stage's new
// value cur = mem + eps·(x − mem) goes to t[i+1]; in is cleared; the edge
// values repeat (t[0] = t[1], t[nReal+1] = t[nReal]); then
// mem[i] = (f0·t[i] + f1·t[i+1]) + f2·t[i+2].
// carfacAGCArgs: in 0, mem 8, nm 16, t 24, n 32, nReal 40, eps 48,
// gain 56, f0 64, f1 72, f2 80.
TEXT ·carfacAGCUpdate3AVX2(SB), NOSPLIT, $0-8
	MOVQ a+0(FP), DI
	MOVQ 0(DI), R8   // in
	MOVQ 8(DI), R9   // mem
	MOVQ 16(DI), R10 // nm (nil for the last stage)
	MOVQ 24(DI), R11 // t
	MOVQ 32(DI), CX
	SHLQ $3, CX
	VBROADCASTSD 48(DI), Y15 // eps
	VBROADCASTSD 56(DI), Y14 // gain
	VXORPD Y13, Y13, Y13
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneU
	TESTQ R10, R10
	JEQ  loopU1

loopU2:
	VMULPD  (R10)(SI*1), Y14, Y0 // gain·nm
	VADDPD  (R8)(SI*1), Y0, Y0   // x = in + gain·nm
	VMOVUPD Y13, (R8)(SI*1)      // in = 0
	VMOVUPD (R9)(SI*1), Y1
	VSUBPD  Y1, Y0, Y0           // x − mem
	VMULPD  Y15, Y0, Y0          // eps·(x − mem)
	VADDPD  Y0, Y1, Y0           // mem + eps·(x − mem)
	VMOVUPD Y0, 8(R11)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopU2
	JMP     edgesU

loopU1:
	VMOVUPD (R8)(SI*1), Y0       // x = in
	VMOVUPD Y13, (R8)(SI*1)
	VMOVUPD (R9)(SI*1), Y1
	VSUBPD  Y1, Y0, Y0
	VMULPD  Y15, Y0, Y0
	VADDPD  Y0, Y1, Y0
	VMOVUPD Y0, 8(R11)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopU1

edgesU:
	MOVQ 8(R11), AX
	MOVQ AX, 0(R11)          // t[0] = t[1]
	MOVQ 40(DI), DX
	MOVQ (R11)(DX*8), AX
	MOVQ AX, 8(R11)(DX*8)    // t[nReal+1] = t[nReal]
	VBROADCASTSD 64(DI), Y12 // f0
	VBROADCASTSD 72(DI), Y11 // f1
	VBROADCASTSD 80(DI), Y10 // f2
	XORQ SI, SI

loopF:
	VMULPD  (R11)(SI*1), Y12, Y0
	VMULPD  8(R11)(SI*1), Y11, Y1
	VADDPD  Y1, Y0, Y0
	VMULPD  16(R11)(SI*1), Y10, Y1
	VADDPD  Y1, Y0, Y0
	VMOVUPD Y0, (R9)(SI*1)
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopF

doneU:
	VZEROUPPER
	RET

// func carfacRampsAVX2(r *carfacRampArgs)
// setRamps for v2 with a power-of-two decimation: u = (1 − m)·health,
// dzb = (zr·u − zb)·inv, dg = (((ga·(u·u)) + gb·u) + gc − g)·inv.
// carfacRampArgs: m 0, health 8, zr 16, ga 24, gb 32, gc 40, dzb 48,
// zb 56, dg 64, g 72, n 80, inv 88.
TEXT ·carfacRampsAVX2(SB), NOSPLIT, $0-8
	MOVQ r+0(FP), DI
	MOVQ 80(DI), CX
	SHLQ $3, CX
	VBROADCASTSD 88(DI), Y15 // inv
	VMOVUPD carfacAGCOne<>(SB), Y14
	MOVQ 0(DI), R8   // m
	MOVQ 8(DI), R9   // health
	MOVQ 16(DI), R10 // zr
	MOVQ 24(DI), R11 // ga
	MOVQ 32(DI), R12 // gb
	MOVQ 40(DI), R13 // gc
	MOVQ 48(DI), AX  // dzb
	MOVQ 56(DI), BX  // zb
	MOVQ 64(DI), DX  // dg
	MOVQ 72(DI), DI  // g
	XORQ SI, SI
	TESTQ CX, CX
	JEQ  doneR

loopR:
	VSUBPD  (R8)(SI*1), Y14, Y0 // 1 − m
	VMULPD  (R9)(SI*1), Y0, Y0  // u
	VMULPD  (R10)(SI*1), Y0, Y1 // zr·u
	VSUBPD  (BX)(SI*1), Y1, Y1  // − zb
	VMULPD  Y15, Y1, Y1
	VMOVUPD Y1, (AX)(SI*1)      // dzb
	VMULPD  Y0, Y0, Y2          // u·u
	VMULPD  (R11)(SI*1), Y2, Y2 // ga·(u·u)
	VMULPD  (R12)(SI*1), Y0, Y3 // gb·u
	VADDPD  Y3, Y2, Y2
	VADDPD  (R13)(SI*1), Y2, Y2 // + gc
	VSUBPD  (DI)(SI*1), Y2, Y2  // − g
	VMULPD  Y15, Y2, Y2
	VMOVUPD Y2, (DX)(SI*1)      // dg
	ADDQ    $32, SI
	CMPQ    SI, CX
	JLT     loopR

doneR:
	VZEROUPPER
	RET

DATA carfacAGCOne<>+0(SB)/8, $1.0
DATA carfacAGCOne<>+8(SB)/8, $1.0
DATA carfacAGCOne<>+16(SB)/8, $1.0
DATA carfacAGCOne<>+24(SB)/8, $1.0
GLOBL carfacAGCOne<>(SB), RODATA|NOPTR, $32
