//go:build amd64 && !purego

#include "textflag.h"

// compressK's layout (compress_amd64.go): invc 0, logc 128, exp2 256,
// logq 384 (9 values), expq 456 (8 values), abs 520, sign 528, sixteen 536,
// one 544.

// func compressAVX512(row, a, b, e, knee *float64, n, rows, stride int)
// row[i] = sign(row[i])*min(a[i]|row[i]|, b[i]|row[i]|^e[i]), with a[i]|row[i]|
// kept where |row[i]| < knee[i]; n is a multiple of 8. It does so for rows
// rows, stride bytes apart, with the same a, b, e, knee.
//
// |x|^e = 2^(e·log2|x|):
//   log2|x| = k + logc[i] + log2(1 + r), |x| = 2^k·m, m in [1, 2), i the
//   top 4 bits of m's fraction, r = m·invc[i] - 1 (one rounding, FMA),
//   |r| ≤ 1/33, log2(1 + r) = r·Σ logq[j]·r^j (Taylor, to r^9);
//   2^t = 2^N · exp2[j] · 2^f, t = N + j/16 + f, |f| ≤ 1/32,
//   2^f = Σ expq[j]·f^j (Taylor, to f^7).
// The tables are looked up in registers (VPERMI2PD, 16 entries).
TEXT ·compressAVX512(SB), NOSPLIT, $0-64
	MOVQ row+0(FP), R12
	MOVQ n+40(FP), R13
	SHRQ $3, R13
	JZ   done
	MOVQ rows+48(FP), R14
	TESTQ R14, R14
	JZ   done
	MOVQ stride+56(FP), R15
	LEAQ ·compressK(SB), DX
	VBROADCASTSD 520(DX), Z24
	VBROADCASTSD 528(DX), Z25
	VMOVUPD 0(DX), Z16
	VMOVUPD 64(DX), Z17
	VMOVUPD 128(DX), Z18
	VMOVUPD 192(DX), Z19
	VMOVUPD 256(DX), Z20
	VMOVUPD 320(DX), Z21
	VBROADCASTSD 448(DX), Z22  // logq[8]
	VBROADCASTSD 512(DX), Z23  // expq[7]
row:
	MOVQ R12, DI
	MOVQ a+8(FP), R8
	MOVQ b+16(FP), R9
	MOVQ e+24(FP), R10
	MOVQ knee+32(FP), R11
	MOVQ R13, CX
loop:
	VMOVUPD   (DI), Z0          // v
	VPANDQ    Z24, Z0, Z1       // |v|
	VMULPD    (R8), Z1, Z6      // lin = a|v|
	VGETEXPPD Z1, Z7            // k
	VGETMANTPD $0, Z1, Z8       // m in [1, 2)
	VPSRLQ    $48, Z1, Z9       // table index in the low 4 bits
	VMOVDQA64 Z9, Z10
	VPERMI2PD Z17, Z16, Z9      // invc[i]
	VPERMI2PD Z19, Z18, Z10     // logc[i]
	VFMSUB213PD.BCST 544(DX), Z9, Z8 // r = m·invc - 1
	VMOVAPD   Z22, Z11
	VFMADD213PD.BCST 440(DX), Z8, Z11
	VFMADD213PD.BCST 432(DX), Z8, Z11
	VFMADD213PD.BCST 424(DX), Z8, Z11
	VFMADD213PD.BCST 416(DX), Z8, Z11
	VFMADD213PD.BCST 408(DX), Z8, Z11
	VFMADD213PD.BCST 400(DX), Z8, Z11
	VFMADD213PD.BCST 392(DX), Z8, Z11
	VFMADD213PD.BCST 384(DX), Z8, Z11
	VFMADD213PD Z10, Z8, Z11    // l = logc[i] + log2(1 + r); log2|v| = k + l
	// t = e·log2|v| = ek + el without rounding ek or k + l: ek = hi + lo
	// exactly (FMA), so that f below is accurate to ~1e-16 even where |t|
	// is large (a single e·(k + l) errs by up to |t|·1e-16).
	VMOVUPD   (R10), Z2         // e
	VMULPD    Z2, Z7, Z3        // hi = e·k
	VMOVAPD   Z7, Z4
	VFMSUB213PD Z3, Z2, Z4      // lo = e·k - hi
	VMULPD    Z2, Z11, Z11      // el
	VADDPD    Z11, Z3, Z5       // t
	VRNDSCALEPD $0x40, Z5, Z12  // t to the nearest 1/16: N + j/16
	VSUBPD    Z12, Z3, Z3
	VADDPD    Z11, Z3, Z3
	VADDPD    Z4, Z3, Z11       // f = ((hi - (N + j/16)) + el) + lo
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
	VSCALEFPD Z12, Z14, Z14     // |v|^e
	VMULPD    (R9), Z14, Z14    // b|v|^e
	VMINPD    Z14, Z6, Z14      // min(lin, pow)
	VCMPPD    $0x11, (R11), Z1, K2 // |v| < knee
	VMOVAPD   Z6, K2, Z14
	VPANDQ    Z25, Z0, Z0
	VPORQ     Z0, Z14, Z14
	VMOVUPD   Z14, (DI)
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
