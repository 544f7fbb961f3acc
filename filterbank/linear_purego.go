package filterbank

// biquadGroupGo filters the full channel group g of a biquad cascade over
// frames frames in pure Go: frame by frame, stage by stage, the 8 lanes of
// the group side by side (independent chains the CPU overlaps), the same
// arithmetic as the assembly and as channelGo.
func (k *LinearKernel) biquadGroupGo(out, x []float64, mono bool, frames, g int) {
	S, nch := k.stages, k.nch
	coef := k.coef[g*S*5*groupLanes : (g+1)*S*5*groupLanes]
	state := k.state[g*S*2*groupLanes : (g+1)*S*2*groupLanes]
	c0 := g * groupLanes
	var v [groupLanes]float64
	for f := range frames {
		loadLanes(&v, x, mono, f, nch, c0)
		for s := range S {
			c := (*[5 * groupLanes]float64)(coef[s*5*groupLanes:])
			z := (*[2 * groupLanes]float64)(state[s*2*groupLanes:])
			for l := range groupLanes {
				xl := v[l]
				y := float64(c[l]*xl) + z[l]
				z[l] = (float64(c[groupLanes+l]*xl) + z[groupLanes+l]) - float64(c[3*groupLanes+l]*y)
				z[groupLanes+l] = float64(c[2*groupLanes+l]*xl) - float64(c[4*groupLanes+l]*y)
				v[l] = y
			}
		}
		copy(out[f*nch+c0:f*nch+c0+groupLanes], v[:])
	}
}

// firstGroupGo is biquadGroupGo for first-order (2-tap) cascades.
func (k *LinearKernel) firstGroupGo(out, x []float64, mono bool, frames, g int) {
	S, nch := k.stages, k.nch
	coef := k.coef[g*S*3*groupLanes : (g+1)*S*3*groupLanes]
	state := k.state[g*S*groupLanes : (g+1)*S*groupLanes]
	c0 := g * groupLanes
	var v [groupLanes]float64
	for f := range frames {
		loadLanes(&v, x, mono, f, nch, c0)
		for s := range S {
			c := (*[3 * groupLanes]float64)(coef[s*3*groupLanes:])
			z := (*[groupLanes]float64)(state[s*groupLanes:])
			for l := range groupLanes {
				xl := v[l]
				y := float64(c[l]*xl) + z[l]
				z[l] = float64(c[groupLanes+l]*xl) - float64(c[2*groupLanes+l]*y)
				v[l] = y
			}
		}
		copy(out[f*nch+c0:f*nch+c0+groupLanes], v[:])
	}
}

// loadLanes fills v with the inputs of channels c0..c0+7 at frame f (a mono
// input broadcast to all of them).
func loadLanes(v *[groupLanes]float64, x []float64, mono bool, f, nch, c0 int) {
	if mono {
		xv := x[f]
		for l := range v {
			v[l] = xv
		}
		return
	}
	*v = [groupLanes]float64(x[f*nch+c0 : f*nch+c0+groupLanes])
}
