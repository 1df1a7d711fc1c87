package places

import (
	"fmt"
	"sync"
	"testing"
)

// Each benchmark stands beside a naive baseline: a fresh set of goroutines
// and a sync.WaitGroup per region, the way one would write it without a
// runtime.

var benchPlaces = []int{1, 2, 4}

func BenchmarkRun(b *testing.B) {
	for _, np := range benchPlaces {
		b.Run(fmt.Sprintf("places=%d", np), func(b *testing.B) {
			g := newGroup(b, np)
			body := func(*Place) {}
			g.Run(body)
			b.ReportAllocs()
			for b.Loop() {
				g.Run(body)
			}
		})
		b.Run(fmt.Sprintf("naive/places=%d", np), func(b *testing.B) {
			for b.Loop() {
				naiveRegion(np, func(int) {})
			}
		})
	}
}

func naiveRegion(np int, body func(id int)) {
	var wg sync.WaitGroup
	wg.Add(np)
	for id := range np {
		go func() {
			defer wg.Done()
			body(id)
		}()
	}
	wg.Wait()
}

// inRegion times b.N operations done by every place inside one region:
// body(p, n) does n of them.
func inRegion(b *testing.B, np int, body func(p *Place, n int)) {
	g := newGroup(b, np)
	b.ReportAllocs()
	n := b.N
	b.ResetTimer()
	g.Run(func(p *Place) { body(p, n) })
}

func BenchmarkBarrier(b *testing.B) {
	for _, np := range benchPlaces {
		b.Run(fmt.Sprintf("places=%d", np), func(b *testing.B) {
			inRegion(b, np, func(p *Place, n int) {
				for range n {
					p.Barrier()
				}
			})
		})
		// Without a barrier primitive a phase boundary is the end of one
		// region and the start of the next.
		b.Run(fmt.Sprintf("naive/places=%d", np), func(b *testing.B) {
			for b.Loop() {
				naiveRegion(np, func(int) {})
			}
		})
	}
}

func BenchmarkSumFloat64(b *testing.B) {
	for _, np := range benchPlaces {
		b.Run(fmt.Sprintf("places=%d", np), func(b *testing.B) {
			inRegion(b, np, func(p *Place, n int) {
				x := float64(p.ID())
				for range n {
					x = p.SumFloat64(x) * 1e-3
				}
			})
		})
		b.Run(fmt.Sprintf("naive/places=%d", np), func(b *testing.B) {
			part := make([]float64, np)
			x := 1.0
			for b.Loop() {
				naiveRegion(np, func(id int) { part[id] = x * float64(id) })
				s := 0.0
				for _, v := range part {
					s += v
				}
				x = s * 1e-3
			}
		})
	}
}
