package topo_test

import (
	"fmt"

	"npbgo/runtime/topo"
)

func ExampleTopology_Assign() {
	// A simulated dual-socket machine: 2 sockets × 4 cores × 2 threads.
	t, err := topo.Simulate("2x4x2")
	if err != nil {
		panic(err)
	}
	compact, _ := t.Assign(6, topo.Compact)
	spread, _ := t.Assign(6, topo.Spread)
	serial, _ := t.Assign(0, topo.Spread)
	over, _ := t.Assign(18, topo.Compact) // more places than CPUs wrap around
	none, _ := t.Assign(6, topo.None)
	fmt.Println("compact:", compact)
	fmt.Println("spread: ", spread)
	fmt.Println("serial: ", serial)
	fmt.Println("over:   ", over)
	fmt.Println("none:   ", none)
	// Output:
	// compact: [0 1 2 3 4 5]
	// spread:  [0 4 1 5 2 6]
	// serial:  [0]
	// over:    [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 0 1]
	// none:    []
}
