package units_test

import (
	"fmt"

	"github.com/gohears/hears/units"
)

// Go code writes quantities in SI with the named constants.
func Example() {
	tau := 10 * units.Millisecond
	f := 3 * units.KHz
	fmt.Println(tau, f)
	// Output:
	// 0.01 3000
}

// Lookup turns a Brian2 unit name into its SI value and dimension.
func ExampleLookup() {
	q, ok := units.Lookup("mV")
	fmt.Println(ok, q.Value, q.Dim)
	_, ok = units.Lookup("furlong")
	fmt.Println(ok)
	// Output:
	// true 0.001 volt
	// false
}
