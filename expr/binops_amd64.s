//go:build amd64 && !purego

#include "textflag.h"

// AVX2 loops for the four arithmetic operators over vector-vector,
// vector-shared and shared-vector operands, 8 elements per iteration (n a
// multiple of 8; the Go callers do the tails). One IEEE operation per
// element, as in the Go loops: identical results (TestBinopsFastPaths).
// Each function is one expansion of a macro below; labels are local to
// their TEXT block, so every expansion may use the same names.

// BINVV defines func NAME(dst, a, b *float64, n int): dst[k] = a[k] OP b[k].
#define BINVV(NAME, OP) \
TEXT NAME(SB), NOSPLIT, $0-32 \
	MOVQ dst+0(FP), DI \
	MOVQ a+8(FP), SI \
	MOVQ b+16(FP), DX \
	MOVQ n+24(FP), CX \
	SHRQ $3, CX \
	JZ   done \
loop: \
	VMOVUPD (SI), Y0 \
	VMOVUPD 32(SI), Y1 \
	OP (DX), Y0, Y0 \
	OP 32(DX), Y1, Y1 \
	VMOVUPD Y0, (DI) \
	VMOVUPD Y1, 32(DI) \
	ADDQ $64, SI \
	ADDQ $64, DX \
	ADDQ $64, DI \
	DECQ CX \
	JNZ  loop \
done: \
	VZEROUPPER \
	RET

// BINVS defines func NAME(dst, a *float64, y float64, n int):
// dst[k] = a[k] OP y.
#define BINVS(NAME, OP) \
TEXT NAME(SB), NOSPLIT, $0-32 \
	MOVQ dst+0(FP), DI \
	MOVQ a+8(FP), SI \
	VBROADCASTSD y+16(FP), Y15 \
	MOVQ n+24(FP), CX \
	SHRQ $3, CX \
	JZ   done \
loop: \
	VMOVUPD (SI), Y0 \
	VMOVUPD 32(SI), Y1 \
	OP Y15, Y0, Y0 \
	OP Y15, Y1, Y1 \
	VMOVUPD Y0, (DI) \
	VMOVUPD Y1, 32(DI) \
	ADDQ $64, SI \
	ADDQ $64, DI \
	DECQ CX \
	JNZ  loop \
done: \
	VZEROUPPER \
	RET

// BINSV defines func NAME(dst, a *float64, y float64, n int):
// dst[k] = y OP a[k].
#define BINSV(NAME, OP) \
TEXT NAME(SB), NOSPLIT, $0-32 \
	MOVQ dst+0(FP), DI \
	MOVQ a+8(FP), SI \
	VBROADCASTSD y+16(FP), Y15 \
	MOVQ n+24(FP), CX \
	SHRQ $3, CX \
	JZ   done \
loop: \
	VMOVUPD (SI), Y0 \
	VMOVUPD 32(SI), Y1 \
	OP Y0, Y15, Y0 \
	OP Y1, Y15, Y1 \
	VMOVUPD Y0, (DI) \
	VMOVUPD Y1, 32(DI) \
	ADDQ $64, SI \
	ADDQ $64, DI \
	DECQ CX \
	JNZ  loop \
done: \
	VZEROUPPER \
	RET

BINVV(·addVV, VADDPD)
BINVS(·addVS, VADDPD)
BINSV(·addSV, VADDPD)
BINVV(·subVV, VSUBPD)
BINVS(·subVS, VSUBPD)
BINSV(·subSV, VSUBPD)
BINVV(·mulVV, VMULPD)
BINVS(·mulVS, VMULPD)
BINSV(·mulSV, VMULPD)
BINVV(·divVV, VDIVPD)
BINVS(·divVS, VDIVPD)
BINSV(·divSV, VDIVPD)
