// The resonant (biquad) section shared by the lane-by-lane filter kernels
// (dcgc_amd64.s, tancarney_amd64.s).

// BIQUADSECTION runs one transposed-direct-form-II section on the four
// lanes at DI, without FMA, in Brian Hears' order of operations: v (in
// place) through w = b0·v + z0, z0 = (b1·v + z1) − a1·w, z1 = b2·v − a2·w,
// with the coefficients and states at the given offsets from DI (lane
// arrays of 8, so 64 bytes apart); t1–t5 are scratch registers.
#define BIQUADSECTION(v, t1, t2, t3, t4, t5, b0, b1, b2, a1, a2, z0, z1) \
	VMULPD  b0(DI), v, t1;   \
	VADDPD  z0(DI), t1, t1;  \
	VMULPD  b1(DI), v, t2;   \
	VADDPD  z1(DI), t2, t2;  \
	VMULPD  a1(DI), t1, t3;  \
	VSUBPD  t3, t2, t2;      \
	VMOVUPD t2, z0(DI);      \
	VMULPD  b2(DI), v, t4;   \
	VMULPD  a2(DI), t1, t5;  \
	VSUBPD  t5, t4, t4;      \
	VMOVUPD t4, z1(DI);      \
	VMOVAPD t1, v
