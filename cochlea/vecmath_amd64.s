//go:build amd64 && !purego

#include "textflag.h"

// The batch exponential and logarithm of vecmath.go (its comment gives the
// methods), four values per instruction on AVX2 with FMA. vecmathK holds
// each constant as a vector of four, vector i at offset 32·i (the vm*
// indices of vecmath.go).

// func expAVX2(v *float64, n int)
TEXT ·expAVX2(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	JZ   edone
	LEAQ ·vecmathK(SB), BX
eloop:
	VMOVUPD (DI), Y0
	VMAXPD  96(BX), Y0, Y0      // max(x, −708)
	VMINPD  128(BX), Y0, Y0      // min(x, 709)
	VMULPD  0(BX), Y0, Y1      // x·log2 e
	VROUNDPD $0, Y1, Y1         // n, to nearest even
	VMOVAPD Y0, Y2
	VFNMADD231PD 32(BX), Y1, Y2 // r = x − n·ln2Hi
	VFNMADD231PD 64(BX), Y1, Y2 // r −= n·ln2Lo
	VMOVUPD 640(BX), Y3          // 1/13!
	VFMADD213PD 608(BX), Y2, Y3 // p = p·r + 1/12!
	VFMADD213PD 576(BX), Y2, Y3 // p = p·r + 1/11!
	VFMADD213PD 544(BX), Y2, Y3 // p = p·r + 1/10!
	VFMADD213PD 512(BX), Y2, Y3 // p = p·r + 1/9!
	VFMADD213PD 480(BX), Y2, Y3 // p = p·r + 1/8!
	VFMADD213PD 448(BX), Y2, Y3 // p = p·r + 1/7!
	VFMADD213PD 416(BX), Y2, Y3 // p = p·r + 1/6!
	VFMADD213PD 384(BX), Y2, Y3 // p = p·r + 1/5!
	VFMADD213PD 352(BX), Y2, Y3 // p = p·r + 1/4!
	VFMADD213PD 320(BX), Y2, Y3 // p = p·r + 1/3!
	VFMADD213PD 288(BX), Y2, Y3 // p = p·r + 1/2!
	VFMADD213PD 256(BX), Y2, Y3 // p = p·r + 1/1!
	VFMADD213PD 224(BX), Y2, Y3 // p = p·r + 1/0!
	VADDPD  160(BX), Y1, Y4      // n + 1.5·2^52: n + 2^51 in the low bits
	VPADDQ  192(BX), Y4, Y4      // n + 1023 in the low bits
	VPSLLQ  $52, Y4, Y4         // 2^n
	VMULPD  Y4, Y3, Y3
	VMOVUPD Y3, (DI)
	ADDQ $32, DI
	DECQ CX
	JNZ  eloop
	VZEROUPPER
edone:
	RET

// func logAVX2(v *float64, n int)
TEXT ·logAVX2(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	JZ   ldone
	LEAQ ·vecmathK(SB), BX
lloop:
	VMOVUPD (DI), Y0
	VMAXPD  672(BX), Y0, Y0      // max(x, 2^−1022)
	VPSRLQ  $52, Y0, Y1         // biased exponent
	VPOR    768(BX), Y1, Y1      // 2^52 + exponent
	VSUBPD  800(BX), Y1, Y1      // k = exponent − 1023
	VANDPD  704(BX), Y0, Y2
	VORPD   736(BX), Y2, Y2      // m in [1, 2)
	VCMPPD  $0x1e, 832(BX), Y2, Y5 // m > √2
	VMULPD  864(BX), Y2, Y6      // m/2
	VBLENDVPD Y5, Y6, Y2, Y2    // m in [√½, √2)
	VANDPD  896(BX), Y5, Y5      // 1 where halved
	VADDPD  Y5, Y1, Y1          // k
	VSUBPD  896(BX), Y2, Y2      // f = m − 1 (exact)
	VADDPD  928(BX), Y2, Y3      // 2 + f
	VDIVPD  Y3, Y2, Y2          // s = f/(2 + f)
	VMULPD  Y2, Y2, Y3          // z = s²
	VMOVUPD 1312(BX), Y4          // 2/23
	VFMADD213PD 1280(BX), Y3, Y4 // q = q·z + 2/21
	VFMADD213PD 1248(BX), Y3, Y4 // q = q·z + 2/19
	VFMADD213PD 1216(BX), Y3, Y4 // q = q·z + 2/17
	VFMADD213PD 1184(BX), Y3, Y4 // q = q·z + 2/15
	VFMADD213PD 1152(BX), Y3, Y4 // q = q·z + 2/13
	VFMADD213PD 1120(BX), Y3, Y4 // q = q·z + 2/11
	VFMADD213PD 1088(BX), Y3, Y4 // q = q·z + 2/9
	VFMADD213PD 1056(BX), Y3, Y4 // q = q·z + 2/7
	VFMADD213PD 1024(BX), Y3, Y4 // q = q·z + 2/5
	VFMADD213PD 992(BX), Y3, Y4 // q = q·z + 2/3
	VFMADD213PD 960(BX), Y3, Y4 // q = q·z + 2/1
	VMULPD  64(BX), Y1, Y5      // k·ln2Lo
	VFMADD231PD Y4, Y2, Y5      // s·q + k·ln2Lo
	VMULPD  32(BX), Y1, Y1      // k·ln2Hi (exact)
	VADDPD  Y5, Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ $32, DI
	DECQ CX
	JNZ  lloop
	VZEROUPPER
ldone:
	RET
