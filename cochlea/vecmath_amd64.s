//go:build amd64 && !purego

#include "textflag.h"

// The batch exponential and logarithm of vecmath.go. The exponential uses
// DRNL's power tables (compressK, layout in compress_amd64.s); vecmathK's
// layout: log2e 0, log2e_lo 8, ln2hi 16, ln2lo 24, ln2 32, invc 64,
// logc 192, kadd 320, q 448 (14 values).

// func expAVX512(v *float64, n int)
// e^x = 2^t, t = x·log2 e = hi + lo (hi rounded, lo by FMA plus x·log2e_lo);
// 2^t = 2^N · exp2[j] · 2^f, N + j/16 = hi to the nearest 1/16,
// f = (hi − N − j/16) + lo, 2^f by Taylor to f^7.
TEXT ·expAVX512(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $3, CX
	JZ   edone
	LEAQ ·compressK(SB), DX
	LEAQ ·vecmathK(SB), BX
	VMOVUPD 256(DX), Z20
	VMOVUPD 320(DX), Z21
	VBROADCASTSD 512(DX), Z23  // expq[7]
	VBROADCASTSD 0(BX), Z24    // log2e
	VBROADCASTSD 8(BX), Z25    // log2e_lo
eloop:
	VMOVUPD   (DI), Z0          // x
	VMULPD    Z24, Z0, Z3       // hi = x·log2e
	VMOVAPD   Z0, Z4
	VFMSUB213PD Z3, Z24, Z4     // x·log2e − hi
	VMULPD    Z25, Z0, Z5       // x·log2e_lo
	VADDPD    Z5, Z4, Z4        // lo
	VRNDSCALEPD $0x40, Z3, Z12  // hi to the nearest 1/16: N + j/16
	VSUBPD    Z12, Z3, Z11
	VADDPD    Z4, Z11, Z11      // f = (hi − (N + j/16)) + lo
	VMULPD.BCST 536(DX), Z12, Z13
	VCVTPD2QQ Z13, Z13          // 16·(N + j/16): j in the low 4 bits
	VRNDSCALEPD $0x01, Z12, Z12 // N
	VPERMI2PD Z21, Z20, Z13     // exp2[j]
	VMOVAPD   Z23, Z14
	VFMADD213PD.BCST 504(DX), Z11, Z14
	VFMADD213PD.BCST 496(DX), Z11, Z14
	VFMADD213PD.BCST 488(DX), Z11, Z14
	VFMADD213PD.BCST 480(DX), Z11, Z14
	VFMADD213PD.BCST 472(DX), Z11, Z14
	VFMADD213PD.BCST 464(DX), Z11, Z14
	VFMADD213PD.BCST 456(DX), Z11, Z14
	VMULPD    Z13, Z14, Z14
	VSCALEFPD Z12, Z14, Z14     // e^x
	VMOVUPD   Z14, (DI)
	ADDQ $64, DI
	DECQ CX
	JNZ  eloop
	VZEROUPPER
edone:
	RET

// func logAVX512(v *float64, n int)
// ln x = kx·ln2hi + (l·ln 2 + kx·ln2lo), x = 2^k·m, m in [1, 2), i the top
// 4 bits of m's fraction, kx = k + kadd[i], l = logc[i] + log2(1 + r),
// r = m·invc[i] − 1, log2(1 + r) by Taylor to r^14 (vecmath.go's tables).
TEXT ·logAVX512(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $3, CX
	JZ   ldone
	LEAQ ·vecmathK(SB), BX
	VMOVUPD 64(BX), Z16
	VMOVUPD 128(BX), Z17
	VMOVUPD 192(BX), Z18
	VMOVUPD 256(BX), Z19
	VMOVUPD 320(BX), Z20
	VMOVUPD 384(BX), Z21
	VBROADCASTSD 552(BX), Z22  // q[13]
	VBROADCASTSD 16(BX), Z24   // ln2hi
	VBROADCASTSD 24(BX), Z25   // ln2lo
	VBROADCASTSD 32(BX), Z26   // ln2
	VBROADCASTSD 64(BX), Z27   // 1 (invc[0])
lloop:
	VMOVUPD   (DI), Z1          // x
	VGETEXPPD Z1, Z7            // k
	VGETMANTPD $0, Z1, Z8       // m in [1, 2)
	VPSRLQ    $48, Z8, Z9       // table index in the low 4 bits
	VMOVDQA64 Z9, Z10
	VMOVDQA64 Z9, Z12
	VPERMI2PD Z17, Z16, Z9      // invc[i]
	VPERMI2PD Z19, Z18, Z10     // logc[i]
	VPERMI2PD Z21, Z20, Z12     // kadd[i]
	VADDPD    Z12, Z7, Z7       // kx = k + kadd[i]
	VFMSUB213PD Z27, Z9, Z8     // r = m·invc − 1
	VMOVAPD   Z22, Z11
	VFMADD213PD.BCST 544(BX), Z8, Z11
	VFMADD213PD.BCST 536(BX), Z8, Z11
	VFMADD213PD.BCST 528(BX), Z8, Z11
	VFMADD213PD.BCST 520(BX), Z8, Z11
	VFMADD213PD.BCST 512(BX), Z8, Z11
	VFMADD213PD.BCST 504(BX), Z8, Z11
	VFMADD213PD.BCST 496(BX), Z8, Z11
	VFMADD213PD.BCST 488(BX), Z8, Z11
	VFMADD213PD.BCST 480(BX), Z8, Z11
	VFMADD213PD.BCST 472(BX), Z8, Z11
	VFMADD213PD.BCST 464(BX), Z8, Z11
	VFMADD213PD.BCST 456(BX), Z8, Z11
	VFMADD213PD.BCST 448(BX), Z8, Z11
	VFMADD213PD Z10, Z8, Z11    // l
	VMULPD    Z25, Z7, Z2       // kx·ln2lo
	VFMADD231PD Z26, Z11, Z2    // l·ln2 + kx·ln2lo
	VMULPD    Z24, Z7, Z3       // kx·ln2hi (exact)
	VADDPD    Z2, Z3, Z3
	VMOVUPD   Z3, (DI)
	ADDQ $64, DI
	DECQ CX
	JNZ  lloop
	VZEROUPPER
ldone:
	RET
