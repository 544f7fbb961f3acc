//go:build amd64

#include "textflag.h"

DATA logc0<>+0(SB)/8, $0x3ff0000000000000
GLOBL logc0<>(SB), RODATA|NOPTR, $8
DATA logc1<>+0(SB)/8, $0x3fd5555555555555
GLOBL logc1<>(SB), RODATA|NOPTR, $8
DATA logc2<>+0(SB)/8, $0x3fc999999999999a
GLOBL logc2<>(SB), RODATA|NOPTR, $8
DATA logc3<>+0(SB)/8, $0x3fc2492492492492
GLOBL logc3<>(SB), RODATA|NOPTR, $8
DATA logc4<>+0(SB)/8, $0x3fbc71c71c71c71c
GLOBL logc4<>(SB), RODATA|NOPTR, $8
DATA logc5<>+0(SB)/8, $0x3fb745d1745d1746
GLOBL logc5<>(SB), RODATA|NOPTR, $8
DATA logc6<>+0(SB)/8, $0x3fb3b13b13b13b14
GLOBL logc6<>(SB), RODATA|NOPTR, $8
DATA logc7<>+0(SB)/8, $0x3fb1111111111111
GLOBL logc7<>(SB), RODATA|NOPTR, $8
DATA logc8<>+0(SB)/8, $0x3fae1e1e1e1e1e1e
GLOBL logc8<>(SB), RODATA|NOPTR, $8
DATA logc9<>+0(SB)/8, $0x3faaf286bca1af28
GLOBL logc9<>(SB), RODATA|NOPTR, $8
DATA logc10<>+0(SB)/8, $0x3fa8618618618618
GLOBL logc10<>(SB), RODATA|NOPTR, $8
DATA expc0<>+0(SB)/8, $0x3ff0000000000000
GLOBL expc0<>(SB), RODATA|NOPTR, $8
DATA expc1<>+0(SB)/8, $0x3ff0000000000000
GLOBL expc1<>(SB), RODATA|NOPTR, $8
DATA expc2<>+0(SB)/8, $0x3fe0000000000000
GLOBL expc2<>(SB), RODATA|NOPTR, $8
DATA expc3<>+0(SB)/8, $0x3fc5555555555555
GLOBL expc3<>(SB), RODATA|NOPTR, $8
DATA expc4<>+0(SB)/8, $0x3fa5555555555555
GLOBL expc4<>(SB), RODATA|NOPTR, $8
DATA expc5<>+0(SB)/8, $0x3f81111111111111
GLOBL expc5<>(SB), RODATA|NOPTR, $8
DATA expc6<>+0(SB)/8, $0x3f56c16c16c16c17
GLOBL expc6<>(SB), RODATA|NOPTR, $8
DATA expc7<>+0(SB)/8, $0x3f2a01a01a01a01a
GLOBL expc7<>(SB), RODATA|NOPTR, $8
DATA expc8<>+0(SB)/8, $0x3efa01a01a01a01a
GLOBL expc8<>(SB), RODATA|NOPTR, $8
DATA expc9<>+0(SB)/8, $0x3ec71de3a556c734
GLOBL expc9<>(SB), RODATA|NOPTR, $8
DATA expc10<>+0(SB)/8, $0x3e927e4fb7789f5c
GLOBL expc10<>(SB), RODATA|NOPTR, $8
DATA expc11<>+0(SB)/8, $0x3e5ae64567f544e4
GLOBL expc11<>(SB), RODATA|NOPTR, $8
DATA expc12<>+0(SB)/8, $0x3e21eed8eff8d898
GLOBL expc12<>(SB), RODATA|NOPTR, $8
DATA expc13<>+0(SB)/8, $0x3de6124613a86d09
GLOBL expc13<>(SB), RODATA|NOPTR, $8
DATA cone<>+0(SB)/8, $0x3ff0000000000000
GLOBL cone<>(SB), RODATA|NOPTR, $8
DATA chalf<>+0(SB)/8, $0x3fe0000000000000
GLOBL chalf<>(SB), RODATA|NOPTR, $8
DATA csqrt2<>+0(SB)/8, $0x3ff6a09e667f3bcd
GLOBL csqrt2<>(SB), RODATA|NOPTR, $8
DATA ctwo<>+0(SB)/8, $0x4000000000000000
GLOBL ctwo<>(SB), RODATA|NOPTR, $8
DATA cln2hi<>+0(SB)/8, $0x3fe62e42fee00000
GLOBL cln2hi<>(SB), RODATA|NOPTR, $8
DATA cln2lo<>+0(SB)/8, $0x3dea39ef35793c76
GLOBL cln2lo<>(SB), RODATA|NOPTR, $8
DATA clog2e<>+0(SB)/8, $0x3ff71547652b82fe
GLOBL clog2e<>(SB), RODATA|NOPTR, $8
DATA cabsmask<>+0(SB)/8, $0x7fffffffffffffff
GLOBL cabsmask<>(SB), RODATA|NOPTR, $8
DATA csignmask<>+0(SB)/8, $0x8000000000000000
GLOBL csignmask<>(SB), RODATA|NOPTR, $8

// func compressAVX512(row, a, b, e, knee *float64, n, rows, stride int)
// row[i] = sign(row[i])*min(a[i]|row[i]|, b[i]|row[i]|^e[i]), with a[i]|row[i]|
// kept where |row[i]| < knee[i]; n is a multiple of 8. It does so for rows
// rows, stride bytes apart, with the same a, b, e, knee.
TEXT ·compressAVX512(SB), NOSPLIT, $0-64
	MOVQ row+0(FP), R12
	MOVQ n+40(FP), R13
	SHRQ $3, R13
	JZ   done
	MOVQ rows+48(FP), R14
	TESTQ R14, R14
	JZ   done
	MOVQ stride+56(FP), R15
	VBROADCASTSD cabsmask<>(SB), Z24
	VBROADCASTSD csignmask<>(SB), Z25
	VBROADCASTSD cone<>(SB), Z26
	VBROADCASTSD chalf<>(SB), Z27
	VBROADCASTSD csqrt2<>(SB), Z28
	VBROADCASTSD cln2hi<>(SB), Z29
	VBROADCASTSD cln2lo<>(SB), Z30
	VBROADCASTSD clog2e<>(SB), Z31
row:
	MOVQ R12, DI
	MOVQ a+8(FP), R8
	MOVQ b+16(FP), R9
	MOVQ e+24(FP), R10
	MOVQ knee+32(FP), R11
	MOVQ R13, CX
loop:
	VMOVUPD (DI), Z0          // v
	VPANDQ  Z24, Z0, Z1       // |v|
	VMOVUPD (R8), Z2
	VMULPD  Z1, Z2, Z6        // lin = a|v|
	// log|v| = k ln2 + log m, m in [sqrt(1/2), sqrt(2))
	VGETEXPPD Z1, Z7          // k
	VGETMANTPD $0, Z1, Z8     // m in [1, 2)
	VCMPPD  $0x1e, Z28, Z8, K1 // m > sqrt2
	VMULPD  Z27, Z8, K1, Z8
	VADDPD  Z26, Z7, K1, Z7
	VSUBPD  Z26, Z8, Z9       // m-1
	VADDPD  Z26, Z8, Z10      // m+1
	VDIVPD  Z10, Z9, Z9       // s
	VMULPD  Z9, Z9, Z10       // s2
	// P(s2) = sum logc_i s2^i, i = 0..7, by Estrin's scheme
	VMULPD  Z10, Z10, Z13     // s4
	VMULPD  Z13, Z13, Z14     // s8
	VBROADCASTSD logc1<>(SB), Z15
	VBROADCASTSD logc0<>(SB), Z16
	VFMADD213PD Z16, Z10, Z15
	VBROADCASTSD logc3<>(SB), Z17
	VBROADCASTSD logc2<>(SB), Z16
	VFMADD213PD Z16, Z10, Z17
	VBROADCASTSD logc5<>(SB), Z18
	VBROADCASTSD logc4<>(SB), Z16
	VFMADD213PD Z16, Z10, Z18
	VBROADCASTSD logc7<>(SB), Z19
	VBROADCASTSD logc6<>(SB), Z16
	VFMADD213PD Z16, Z10, Z19
	VFMADD213PD Z15, Z13, Z17 // c0..c3
	VFMADD213PD Z18, Z13, Z19 // c4..c7
	VFMADD213PD Z17, Z14, Z19
	VMOVAPD Z19, Z11
	VADDPD  Z9, Z9, Z9        // 2s
	VMULPD  Z11, Z9, Z11      // log m
	VFMADD231PD Z30, Z7, Z11  // + k ln2lo
	VFMADD231PD Z29, Z7, Z11  // + k ln2hi
	VMOVUPD (R10), Z4
	VMULPD  Z4, Z11, Z11      // t = e log|v|
	// exp(t) = 2^n exp(r)
	VMULPD  Z31, Z11, Z12
	VRNDSCALEPD $0, Z12, Z12  // n
	VFNMADD231PD Z29, Z12, Z11 // r = t - n ln2hi
	VFNMADD231PD Z30, Z12, Z11 // r -= n ln2lo
	// exp(r) = sum expc_k r^k, k = 0..11, by Estrin's scheme
	VMULPD  Z11, Z11, Z15     // r2
	VMULPD  Z15, Z15, Z16     // r4
	VMULPD  Z16, Z16, Z17     // r8
	VBROADCASTSD expc1<>(SB), Z18
	VBROADCASTSD expc0<>(SB), Z14
	VFMADD213PD Z14, Z11, Z18
	VBROADCASTSD expc3<>(SB), Z19
	VBROADCASTSD expc2<>(SB), Z14
	VFMADD213PD Z14, Z11, Z19
	VBROADCASTSD expc5<>(SB), Z20
	VBROADCASTSD expc4<>(SB), Z14
	VFMADD213PD Z14, Z11, Z20
	VBROADCASTSD expc7<>(SB), Z21
	VBROADCASTSD expc6<>(SB), Z14
	VFMADD213PD Z14, Z11, Z21
	VBROADCASTSD expc9<>(SB), Z22
	VBROADCASTSD expc8<>(SB), Z14
	VFMADD213PD Z14, Z11, Z22
	VBROADCASTSD expc11<>(SB), Z23
	VBROADCASTSD expc10<>(SB), Z14
	VFMADD213PD Z14, Z11, Z23
	VFMADD213PD Z18, Z15, Z19 // c0..c3
	VFMADD213PD Z20, Z15, Z21 // c4..c7
	VFMADD213PD Z22, Z15, Z23 // c8..c11
	VFMADD213PD Z19, Z16, Z21 // c0..c7
	VFMADD213PD Z21, Z17, Z23 // c0..c11
	VMOVAPD Z23, Z13
	VSCALEFPD Z12, Z13, Z13   // exp(t)
	VMOVUPD (R9), Z3
	VMULPD  Z3, Z13, Z13      // b|v|^e
	VMINPD  Z13, Z6, Z13      // min(lin, pow)
	VMOVUPD (R11), Z5
	VCMPPD  $0x11, Z5, Z1, K2 // |v| < knee
	VMOVAPD Z6, K2, Z13
	VPANDQ  Z25, Z0, Z0
	VPORQ   Z0, Z13, Z13
	VMOVUPD Z13, (DI)
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $64, R11
	DECQ CX
	JNZ  loop
	ADDQ R15, R12
	DECQ R14
	JNZ  row
	VZEROUPPER
done:
	RET

// func addRowsAVX512(dst, src *float64, n, rows, stride int)
// dst[i] += src[i] for n values (a multiple of 8) in each of rows rows,
// stride bytes apart in both.
TEXT ·addRowsAVX512(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), R13
	SHRQ $3, R13
	JZ   adone
	MOVQ rows+24(FP), R14
	TESTQ R14, R14
	JZ   adone
	MOVQ stride+32(FP), R15
arow:
	MOVQ DI, R8
	MOVQ SI, R9
	MOVQ R13, CX
aloop:
	VMOVUPD (R8), Z0
	VADDPD  (R9), Z0, Z0
	VMOVUPD Z0, (R8)
	ADDQ $64, R8
	ADDQ $64, R9
	DECQ CX
	JNZ  aloop
	ADDQ R15, DI
	ADDQ R15, SI
	DECQ R14
	JNZ  arow
	VZEROUPPER
adone:
	RET
