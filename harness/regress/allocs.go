package regress

import (
	"fmt"
	"testing"

	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// CheckAllocs checks that the places primitives the kernels' timed regions
// are made of allocate nothing: Run with a body made beforehand, Barrier,
// SumFloat64 and SumFloat64s (after its first call, which sizes the
// place's slot), at each place count.
//
// The kernels' own timed regions cannot be isolated from outside (k.Run
// includes setup, which allocates); each kernel's tests assert zero
// allocations in its timed region (go test ./npb/...).
func CheckAllocs(placeCounts []int) ([]Failure, error) {
	var fails []Failure
	for _, np := range placeCounts {
		g, err := places.New(np, places.Options{CPUs: pinning(np, topo.Compact)})
		if err != nil {
			return nil, fmt.Errorf("regress: allocation check: %w", err)
		}
		a := &allocBodies{vs: make([][]float64, np)}
		for i := range a.vs {
			a.vs[i] = make([]float64, 64)
		}
		checks := []struct {
			name string
			body func(*places.Place)
		}{
			{"places.Run", func(*places.Place) {}},
			{"places.Barrier", a.barrier},
			{"places.SumFloat64", a.sum},
			{"places.SumFloat64s", a.sums},
		}
		for _, c := range checks {
			g.Run(c.body) // first use may size buffers
			if n := testing.AllocsPerRun(20, func() { g.Run(c.body) }); n != 0 {
				fails = append(fails, Failure{Key{Name: c.name, Places: np}, fmt.Sprintf("allocates %.1f times per region", n)})
			}
		}
		g.Close()
	}
	return fails, nil
}

// allocBodies are the region bodies, made once so that the check sees the
// primitives' allocations and not those of closures.
type allocBodies struct {
	vs   [][]float64 // one vector per place
	sink [8]float64
}

func (a *allocBodies) barrier(p *places.Place) {
	for range 10 {
		p.Barrier()
	}
}

func (a *allocBodies) sum(p *places.Place) {
	x := 1.0
	for range 10 {
		x = p.SumFloat64(x)
	}
	if p.ID() == 0 {
		a.sink[0] = x
	}
}

func (a *allocBodies) sums(p *places.Place) {
	for range 10 {
		p.SumFloat64s(a.vs[p.ID()])
	}
}
