// The batch exponential and logarithm of vecmath.go as macros on one
// register of four values, for vecmath_amd64.s's loops and the kernels that
// evaluate them in place (tancarney_amd64.s). BX must hold &·vecmathK (the
// constants, vector i at offset 32·i: the vm* indices of vecmath.go).

// EXPV sets x to e^x (vecmath.go's method: x clamped to [−708, 709], n =
// round(x·log2 e), r = x − n·ln 2 in two parts, e^r by its Taylor series
// to r^13, times 2^n). Y12–Y15 are scratch; x must be another register.
#define EXPV(x) \
	VMAXPD  96(BX), x, x;          \
	VMINPD  128(BX), x, x;         \
	VMULPD  0(BX), x, Y12;         \
	VROUNDPD $0, Y12, Y12;         \
	VMOVAPD x, Y13;                \
	VFNMADD231PD 32(BX), Y12, Y13; \
	VFNMADD231PD 64(BX), Y12, Y13; \
	VMOVUPD 640(BX), Y14;          \
	VFMADD213PD 608(BX), Y13, Y14; \
	VFMADD213PD 576(BX), Y13, Y14; \
	VFMADD213PD 544(BX), Y13, Y14; \
	VFMADD213PD 512(BX), Y13, Y14; \
	VFMADD213PD 480(BX), Y13, Y14; \
	VFMADD213PD 448(BX), Y13, Y14; \
	VFMADD213PD 416(BX), Y13, Y14; \
	VFMADD213PD 384(BX), Y13, Y14; \
	VFMADD213PD 352(BX), Y13, Y14; \
	VFMADD213PD 320(BX), Y13, Y14; \
	VFMADD213PD 288(BX), Y13, Y14; \
	VFMADD213PD 256(BX), Y13, Y14; \
	VFMADD213PD 224(BX), Y13, Y14; \
	VADDPD  160(BX), Y12, Y15;     \
	VPADDQ  192(BX), Y15, Y15;     \
	VPSLLQ  $52, Y15, Y15;         \
	VMULPD  Y15, Y14, x

// LOGV sets x to ln x (vecmath.go's method: x clamped to at least
// 2^−1022, x = 2^k·m with m in [√½, √2), f = m − 1, s = f/(2 + f),
// ln(1 + f) = s·Σ 2s^(2j)/(2j + 1) to j = 11, plus k·ln 2 in two parts).
// Y10–Y15 are scratch; x must be another register.
#define LOGV(x) \
	VMAXPD  672(BX), x, x;         \
	VPSRLQ  $52, x, Y10;           \
	VPOR    768(BX), Y10, Y10;     \
	VSUBPD  800(BX), Y10, Y10;     \
	VANDPD  704(BX), x, Y11;       \
	VORPD   736(BX), Y11, Y11;     \
	VCMPPD  $0x1e, 832(BX), Y11, Y14; \
	VMULPD  864(BX), Y11, Y15;     \
	VBLENDVPD Y14, Y15, Y11, Y11;  \
	VANDPD  896(BX), Y14, Y14;     \
	VADDPD  Y14, Y10, Y10;         \
	VSUBPD  896(BX), Y11, Y11;     \
	VADDPD  928(BX), Y11, Y12;     \
	VDIVPD  Y12, Y11, Y11;         \
	VMULPD  Y11, Y11, Y12;         \
	VMOVUPD 1312(BX), Y13;         \
	VFMADD213PD 1280(BX), Y12, Y13; \
	VFMADD213PD 1248(BX), Y12, Y13; \
	VFMADD213PD 1216(BX), Y12, Y13; \
	VFMADD213PD 1184(BX), Y12, Y13; \
	VFMADD213PD 1152(BX), Y12, Y13; \
	VFMADD213PD 1120(BX), Y12, Y13; \
	VFMADD213PD 1088(BX), Y12, Y13; \
	VFMADD213PD 1056(BX), Y12, Y13; \
	VFMADD213PD 1024(BX), Y12, Y13; \
	VFMADD213PD 992(BX), Y12, Y13; \
	VFMADD213PD 960(BX), Y12, Y13; \
	VMULPD  64(BX), Y10, Y14;      \
	VFMADD231PD Y13, Y11, Y14;     \
	VMULPD  32(BX), Y10, Y10;      \
	VADDPD  Y14, Y10, x
