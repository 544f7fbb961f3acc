package cochlea

import (
	"testing"
	"unsafe"
)

// TestLaneLayouts checks the field offsets that the AVX2 kernels of
// TanCarney (tancarney_amd64.s) and DCGC (dcgc_amd64.s) read at fixed
// offsets.
func TestLaneLayouts(t *testing.T) {
	var tc tcSigLanes
	var tk tcCtlK
	var dl dcgcLanes
	var da dcgcAsymLanes
	var dk dcgcLevelK
	var dp dcgcPrepK
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"tcSigLanes.co", unsafe.Offsetof(tc.co), 0}, {"tcSigLanes.z", unsafe.Offsetof(tc.z), 960},
		{"tcSigLanes.gain", unsafe.Offsetof(tc.gain), 2240}, {"tcSigLanes.lpZ", unsafe.Offsetof(tc.lpZ), 2304},
		{"tcSigLanes.negRgain", unsafe.Offsetof(tc.negRgain), 3008}, {"tcSigLanes.ta", unsafe.Offsetof(tc.ta), 3072},
		{"tcSigLanes.pim", unsafe.Offsetof(tc.pim), 3136}, {"tcSigLanes.zb", unsafe.Offsetof(tc.zb), 3328},
		{"tcSigLanes.ctlCo", unsafe.Offsetof(tc.ctlCo), 3520}, {"tcSigLanes.ctlZ", unsafe.Offsetof(tc.ctlZ), 3840},
		{"tcSigLanes.ctlDZ", unsafe.Offsetof(tc.ctlDZ), 4224}, {"tcSigLanes.ctlGain", unsafe.Offsetof(tc.ctlGain), 4288},
		{"tcSigLanes.ctlPreal0", unsafe.Offsetof(tc.ctlPreal0), 4352}, {"tcSigLanes.ctlFshiftSq", unsafe.Offsetof(tc.ctlFshiftSq), 4416},
		{"tcSigLanes.ctlOuterSq", unsafe.Offsetof(tc.ctlOuterSq), 4480}, {"tcSigLanes.ctlImSq", unsafe.Offsetof(tc.ctlImSq), 4544},
		{"tcSigLanes.ctlInvNorm", unsafe.Offsetof(tc.ctlInvNorm), 4608},
		{"tcCtlK.fs2", unsafe.Offsetof(tk.fs2), 0}, {"tcCtlK.negFs2", unsafe.Offsetof(tk.negFs2), 8},
		{"tcCtlK.fs2sq", unsafe.Offsetof(tk.fs2sq), 16}, {"tcCtlK.pi2sq", unsafe.Offsetof(tk.pi2sq), 24},
		{"tcCtlK.invPI2", unsafe.Offsetof(tk.invPI2), 32}, {"tcCtlK.one", unsafe.Offsetof(tk.one), 40},
		{"tcCtlK.two", unsafe.Offsetof(tk.two), 48}, {"tcCtlK.negTwo", unsafe.Offsetof(tk.negTwo), 56},
		{"dcgcLanes.sig", unsafe.Offsetof(dl.sig), 0}, {"dcgcLanes.sigZ", unsafe.Offsetof(dl.sigZ), 1280},
		{"dcgcLanes.ctl", unsafe.Offsetof(dl.ctl), 1792}, {"dcgcLanes.ctlZ", unsafe.Offsetof(dl.ctlZ), 3072},
		{"dcgcLanes.level1", unsafe.Offsetof(dl.level1), 3584}, {"dcgcLanes.level2", unsafe.Offsetof(dl.level2), 3648},
		{"dcgcLanes.fp1", unsafe.Offsetof(dl.fp1), 3712}, {"dcgcAsymLanes.ang", unsafe.Offsetof(da.ang), 2432},
		{"dcgcPrepK.angle", unsafe.Offsetof(dp.angle), 56}, {"dcgcPrepK.rkFs", unsafe.Offsetof(dp.rkFs), 64},
		{"dcgcPrepK.dk", unsafe.Offsetof(dp.dk), 96}, {"dcgcPrepK.dkAngle", unsafe.Offsetof(dp.dkAngle), 128},
		{"dcgcAsymLanes.sin", unsafe.Offsetof(da.sin), 0}, {"dcgcAsymLanes.cos", unsafe.Offsetof(da.cos), 640},
		{"dcgcAsymLanes.fr", unsafe.Offsetof(da.fr), 1280}, {"dcgcAsymLanes.r", unsafe.Offsetof(da.r), 1408},
		{"dcgcAsymLanes.df", unsafe.Offsetof(da.df), 1920},
		{"dcgcLevelK.decay", unsafe.Offsetof(dk.decay), 0}, {"dcgcLevelK.ref", unsafe.Offsetof(dk.ref), 8},
		{"dcgcLevelK.w1", unsafe.Offsetof(dk.w1), 16}, {"dcgcLevelK.w2", unsafe.Offsetof(dk.w2), 24},
		{"dcgcLevelK.levelMin", unsafe.Offsetof(dk.levelMin), 32},
	} {
		if c.got != c.want {
			t.Errorf("%s at offset %d, the assembly reads it at %d", c.name, c.got, c.want)
		}
	}
}
