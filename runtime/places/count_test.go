package places

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// collector stands in for callgrind in the tests: it keeps the collection
// state of every thread, switched by toggleCollect.
type collector struct {
	mu      sync.Mutex
	on      map[int]bool // by thread id
	toggles int
}

func (c *collector) toggle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	tid := unix.Gettid()
	c.on[tid] = !c.on[tid]
	c.toggles++
}

// collecting reports whether the calling thread is collected.
func (c *collector) collecting() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.on[unix.Gettid()]
}

// threadsOn is the number of threads left collecting.
func (c *collector) threadsOn() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, on := range c.on {
		if on {
			n++
		}
	}
	return n
}

// instrument makes the package believe it runs under callgrind for the
// rest of the test.
func instrument(t *testing.T) *collector {
	c := &collector{on: map[int]bool{}}
	inst, tog := instrumented, toggleCollect
	instrumented, toggleCollect = true, c.toggle
	t.Cleanup(func() { instrumented, toggleCollect = inst, tog })
	return c
}

// TestCounted checks that in a counted span every place's thread collects
// while it runs its share of a region, on one thread throughout, and not
// while it waits; that collection is off everywhere after the span; and
// that regions outside a span switch nothing.
func TestCounted(t *testing.T) {
	// Each body makes its places wait: place 0 comes late, so the others
	// wait for it in the operation named.
	late := func(p *Place) {
		if p.ID() == 0 {
			time.Sleep(2 * time.Millisecond)
		}
	}
	bodies := []struct {
		name string
		body func(p *Place)
	}{
		{"barrier", func(p *Place) { late(p); p.Barrier() }},
		{"sum", func(p *Place) { late(p); p.SumFloat64(1) }},
		{"recv", func(p *Place) {
			late(p)
			if p.ID() == 0 {
				for q := 1; q < p.NP(); q++ {
					p.SendFloat64s(q, []float64{1})
				}
			} else {
				p.RecvFloat64s(0, make([]float64, 1))
			}
		}},
		{"wait-send", func(p *Place) {
			if p.ID() == 0 {
				late(p)
				for q := 1; q < p.NP(); q++ {
					p.RecvFloat64s(q, make([]float64, 1))
				}
			} else {
				p.Wait(p.IsendFloat64s(0, []float64{1}))
			}
		}},
		{"pipeline", func(p *Place) { late(p); p.Post(1); p.WaitLeft(1) }},
	}
	for _, np := range placeCounts {
		for _, b := range bodies {
			t.Run(fmt.Sprintf("%s/places=%d", b.name, np), func(t *testing.T) {
				c := instrument(t)
				g := newGroup(t, np)
				check := func(p *Place, where string, tid int) {
					if !c.collecting() {
						panic(fmt.Sprintf("place %d not collecting %s", p.ID(), where))
					}
					if unix.Gettid() != tid {
						panic(fmt.Sprintf("place %d changed threads %s", p.ID(), where))
					}
				}
				body := func(p *Place) {
					tid := unix.Gettid()
					check(p, "at the start", tid)
					b.body(p)
					check(p, "after waiting", tid)
				}
				g.Run(b.body) // not counted: nothing switches
				if c.toggles != 0 {
					t.Fatalf("%d switches outside a counted span", c.toggles)
				}
				for range 3 {
					g.Counted(func() { g.Run(body) })
				}
				if n := c.threadsOn(); n != 0 {
					t.Errorf("%d threads still collecting after the span", n)
				}
				// Two switches per place and region, and two more for
				// every wait that waited (place 0 came late).
				if min := 3 * 2 * max(np, 1); c.toggles < min || (np > 1 && c.toggles == min) {
					t.Errorf("%d switches in 3 counted regions of %d places", c.toggles, np)
				}
			})
		}
	}
}

// TestCountedPanic checks that a region that panics in a counted span
// leaves every thread's collection off and the group usable, uncounted.
func TestCountedPanic(t *testing.T) {
	for _, np := range placeCounts {
		t.Run(fmt.Sprintf("places=%d", np), func(t *testing.T) {
			c := instrument(t)
			g := newGroup(t, np)
			pe := catch(func() {
				g.Counted(func() {
					g.Run(func(p *Place) {
						if p.ID() == p.NP()-1 {
							panic("boom")
						}
						p.Barrier()
					})
				})
			})
			if pe == nil || pe.Value != "boom" {
				t.Fatalf("Run panicked with %v", pe)
			}
			if n := c.threadsOn(); n != 0 || c.toggles%2 != 0 {
				t.Errorf("%d threads collecting, %d switches, after the panic", n, c.toggles)
			}
			before := c.toggles
			g.Run(func(p *Place) { p.Barrier() })
			if c.toggles != before || g.counted {
				t.Errorf("the span outlived the panic: %d switches", c.toggles-before)
			}
		})
	}
}

func TestCountedMisuse(t *testing.T) {
	tests := []struct {
		name         string
		instrumented bool
	}{{"plain", false}, {"callgrind", true}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := instrument(t)
			instrumented = tc.instrumented
			g := newGroup(t, 2)
			pe := catch(func() { g.Run(func(p *Place) { g.Counted(func() {}) }) })
			if pe == nil || !strings.Contains(fmt.Sprint(pe.Value), "Counted called from inside a region") {
				t.Fatalf("Counted in a region: %v", pe)
			}
			ran := 0
			g.Counted(func() { g.Counted(func() { g.Run(func(*Place) {}); ran++ }) })
			if ran != 1 || c.threadsOn() != 0 {
				t.Errorf("nested spans: ran %d, %d threads collecting", ran, c.threadsOn())
			}
			if !tc.instrumented && c.toggles != 0 {
				t.Errorf("%d switches without callgrind", c.toggles)
			}
		})
	}
}
