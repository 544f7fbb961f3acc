package filterbank_test

import (
	"fmt"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// A first-order low-pass whose coefficient a control signal sets: every 2
// frames the updater reads the last control sample and changes the
// filter's pole; the new coefficient applies from the next frame, and the
// filter keeps its state.
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
	// Output: [1 1 1.5 1.75 1.4375 1.359375]
}
