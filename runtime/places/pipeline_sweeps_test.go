package places

import (
	"fmt"
	"sync/atomic"
	"testing"
)

// TestPipelineSweeps is the pattern of LU's pipelined SSOR: in one region,
// sweeps alternate between WaitLeft (ascending) and WaitRight (descending)
// with one step counter that keeps growing, without ResetProgress, and
// every place, even one with nothing to do, posts every step.
func TestPipelineSweeps(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		const planes, iterations = 7, 20
		np := g.NP()
		steps := 2 * planes * iterations
		done := make([][]atomic.Bool, steps+1)
		for s := range done {
			done[s] = make([]atomic.Bool, np)
		}
		g.Run(func(p *Place) {
			id, s := p.ID(), 0
			check := func(nb int) {
				if nb >= 0 && nb < np && !done[s][nb].Load() {
					panic(fmt.Sprintf("place %d started step %d before place %d", id, s, nb))
				}
				done[s][id].Store(true)
			}
			for range iterations {
				for range planes {
					s++
					p.WaitLeft(s)
					check(id - 1)
					p.Post(s)
				}
				for range planes {
					s++
					p.WaitRight(s)
					check(id + 1)
					p.Post(s)
				}
				p.Barrier()
			}
		})
	})
}
