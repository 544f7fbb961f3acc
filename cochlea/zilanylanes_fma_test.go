//go:build amd64.v3

package cochlea

// goFusesMulAdd: built with GOAMD64=v3 or above, the compiler may fuse
// x·y + z in ZilanyIHCKernel.frame into one rounding, which the lanes do
// not; the two paths then differ in the last bits (each channel still
// gives the same results whatever its group: a lane hands a frame back
// only for itself, and the periodic frames are handed back for all).
const goFusesMulAdd = true
