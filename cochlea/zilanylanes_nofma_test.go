//go:build !amd64.v3

package cochlea

// goFusesMulAdd is false: the compiler rounds every product and sum of
// ZilanyIHCKernel.frame on its own, as the lanes do.
const goFusesMulAdd = false
