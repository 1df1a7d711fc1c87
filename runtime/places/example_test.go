package places_test

import (
	"fmt"

	"npbgo/runtime/places"
)

// A dot product: each place sums its block, the partial sums are combined
// in place-id order, and every place gets the same total.
func ExampleGroup_Run() {
	g, err := places.New(4, places.Options{})
	if err != nil {
		panic(err)
	}
	defer g.Close()
	x := make([]float64, 1000)
	for i := range x {
		x[i] = 0.5
	}
	var dot float64
	g.Run(func(p *places.Place) {
		lo, hi := p.Block(0, len(x))
		s := 0.0
		for _, v := range x[lo:hi] {
			s += v * v
		}
		s = p.SumFloat64(s)
		if p.ID() == 0 {
			dot = s
		}
	})
	fmt.Println(dot)
	// Output: 250
}

// Serial mode: New(0) runs the body on the caller as the only place.
func ExampleNew_serial() {
	g, _ := places.New(0, places.Options{})
	defer g.Close()
	g.Run(func(p *places.Place) { fmt.Println(p.ID(), p.NP(), g.Serial()) })
	// Output: 0 1 true
}

// A wavefront: each place waits for its left neighbour's step k, works,
// then posts k.
func ExamplePlace_WaitLeft() {
	g, _ := places.New(3, places.Options{})
	defer g.Close()
	order := make(chan int, 3)
	g.Run(func(p *places.Place) {
		p.WaitLeft(1)
		order <- p.ID()
		p.Post(1)
	})
	fmt.Println(<-order, <-order, <-order)
	// Output: 0 1 2
}

// Place 0 does the serial part; the others wait for it.
func ExamplePlace_Master() {
	g, _ := places.New(2, places.Options{})
	defer g.Close()
	var norm float64
	g.Run(func(p *places.Place) {
		p.Master(func() { norm = 2 })
		_ = norm // every place sees it after Master returns
	})
	fmt.Println(norm)
	// Output: 2
}

func ExamplePlace_SendFloat64s() {
	g, _ := places.New(2, places.Options{})
	defer g.Close()
	g.Run(func(p *places.Place) {
		if p.ID() == 0 {
			p.SendFloat64s(1, []float64{3.5})
			return
		}
		buf := make([]float64, 1)
		n := p.RecvFloat64s(0, buf)
		fmt.Println(n, buf[0])
	})
	// Output: 1 3.5
}

func ExampleWeighted() {
	rowstr := []int{0, 1, 2, 3, 4, 104, 105} // nonzeros per row: 1,1,1,1,100,1
	for id := range 2 {
		fmt.Println(places.Weighted(rowstr, id, 2))
	}
	// Output:
	// 0 5
	// 5 6
}

// The timed part of a program as a counted span: run under
// `valgrind --tool=callgrind --collect-atstart=no --separate-threads=yes`,
// the profiles of the places' threads together hold the instructions of
// every place's share of the regions in it, and none of the waiting,
// whatever the schedule. Outside valgrind Counted only calls its function.
func ExampleGroup_Counted() {
	g, _ := places.New(2, places.Options{})
	defer g.Close()
	x := make([]float64, 1<<10)
	var total float64
	g.Counted(func() {
		g.Run(func(p *places.Place) {
			lo, hi := p.Block(0, len(x))
			s := 0.0
			for i := lo; i < hi; i++ {
				x[i] = float64(i)
				s += x[i]
			}
			s = p.SumFloat64(s) // the wait inside is not counted
			if p.ID() == 0 {
				total = s
			}
		})
	})
	fmt.Println(total)
	// Output: 523776
}
