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

// func sincosAVX2(x, sin, cos *float64, n int)
TEXT ·sincosAVX2(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ sin+8(FP), DI
	MOVQ cos+16(FP), DX
	MOVQ n+24(FP), CX
	SHRQ $2, CX
	JZ   sdone
	LEAQ ·vecmathK(SB), BX
sloop:
	VMOVUPD (SI), Y0
	VMULPD  1344(BX), Y0, Y1      // x·2/π
	VROUNDPD $0, Y1, Y1         // q
	VFNMADD231PD 1376(BX), Y1, Y0 // r = x − q·hi
	VFNMADD231PD 1408(BX), Y1, Y0 // r −= q·mid
	VFNMADD231PD 1440(BX), Y1, Y0 // r −= q·lo
	VMULPD  Y0, Y0, Y3          // z = r²
	VMOVUPD 1696(BX), Y4
	VFMADD213PD 1664(BX), Y3, Y4
	VFMADD213PD 1632(BX), Y3, Y4
	VFMADD213PD 1600(BX), Y3, Y4
	VFMADD213PD 1568(BX), Y3, Y4
	VFMADD213PD 1536(BX), Y3, Y4
	VFMADD213PD 1504(BX), Y3, Y4
	VFMADD213PD 1472(BX), Y3, Y4
	VMULPD  Y3, Y0, Y6          // r·z
	VFMADD213PD Y0, Y6, Y4      // sin r = (r·z)·p + r
	VMOVUPD 1984(BX), Y5
	VFMADD213PD 1952(BX), Y3, Y5
	VFMADD213PD 1920(BX), Y3, Y5
	VFMADD213PD 1888(BX), Y3, Y5
	VFMADD213PD 1856(BX), Y3, Y5
	VFMADD213PD 1824(BX), Y3, Y5
	VFMADD213PD 1792(BX), Y3, Y5
	VFMADD213PD 1760(BX), Y3, Y5
	VFMADD213PD 1728(BX), Y3, Y5
	VFMADD213PD 896(BX), Y3, Y5  // cos r = z·c + 1
	VADDPD  160(BX), Y1, Y9      // q + 1.5·2^52: q mod 4 in the low bits
	VPSLLQ  $63, Y9, Y10        // bit 0 as a sign mask: swap
	VPSRLQ  $1, Y9, Y11
	VPSLLQ  $63, Y11, Y11       // bit 1: negate sin
	VXORPD  Y10, Y11, Y12       // bit 1 xor bit 0: negate cos
	VBLENDVPD Y10, Y5, Y4, Y7   // sin: swapped → cos r
	VBLENDVPD Y10, Y4, Y5, Y8   // cos: swapped → sin r
	VXORPD  Y11, Y7, Y7
	VXORPD  Y12, Y8, Y8
	VMOVUPD Y7, (DI)
	VMOVUPD Y8, (DX)
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, DX
	DECQ CX
	JNZ  sloop
	VZEROUPPER
sdone:
	RET
