package filterbank_test

import (
	"fmt"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// A first-order recursive filter whose pole a control signal sets: every 2
// frames the updater reads the last control sample and changes the pole;
// the new coefficients apply from the next frame, and the filter keeps its
// state. In the transposed direct form the state after frame n is already
// p·y[n], computed with the pole of frame n, so a new pole shows in the
// output one frame after it takes effect: p = 0.5 from frame 2 gives
// y[3] = 1 + 0.5·1, p = 0.25 from frame 4 gives y[5] = 1 + 0.25·1.75.
func ExampleControl() {
	x, _ := sound.New([]float64{1, 1, 1, 1, 1, 1}, 1, 1000)
	pole, _ := sound.New([]float64{0, 0.5, 0, 0.25, 0, 0}, 1, 1000)
	// y[n] = x[n] + p·y[n-1], p = 0 at first.
	lp, _ := filterbank.Linear(x, [][][]float64{{{1}, {0}}}, [][][]float64{{{1}, {0}}})
	k := lp.Kernel().(*filterbank.LinearKernel)
	update := func(in [][]float64, tg []*filterbank.LinearKernel) error {
		p := in[0][len(in[0])-1]
		return tg[0].SetCoefficients([][][]float64{{{1}, {0}}}, [][][]float64{{{1}, {-p}}})
	}
	c, err := filterbank.Control(lp, []sound.Source{pole}, []*filterbank.LinearKernel{k}, update, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	y, _ := c.Fetch(0, 6)
	fmt.Println(y)
	// Output: [1 1 1 1.5 1.75 1.4375]
}
