package places

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// placeCounts are the NPs every test runs with: serial, fewer places than
// cores, and (with GOMAXPROCS=2) more places than cores.
var placeCounts = []int{0, 1, 2, 3, 4, 8}

func newGroup(t testing.TB, np int) *Group {
	t.Helper()
	g, err := New(np, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

func eachNP(t *testing.T, f func(t *testing.T, g *Group)) {
	for _, np := range placeCounts {
		t.Run(fmt.Sprintf("places=%d", np), func(t *testing.T) { f(t, newGroup(t, np)) })
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		np   int
		opts Options
		want string
	}{
		{-1, Options{}, "must be 0 to 4096, got -1"},
		{MaxPlaces + 1, Options{}, "must be 0 to 4096, got 4097"},
		{100000, Options{}, "got 100000"},
		{3, Options{CPUs: []int{0, 0}}, "2 CPUs given for 3 places"},
		{2, Options{CPUs: []int{0, 1 << 20}}, "pin to CPU"},
	}
	for _, tt := range tests {
		g, err := New(tt.np, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%d, %v) = %v, %v; want error containing %q", tt.np, tt.opts, g, err, tt.want)
		}
	}
}

// TestMemoryLinearInPlaces: a group's memory grows linearly with its
// places (it once allocated 2·NP² mailboxes, and New(100000) ran the
// process out of memory), and the largest group allowed works.
func TestMemoryLinearInPlaces(t *testing.T) {
	alloc := func(np int) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g, err := New(np, Options{})
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		g.Close()
		return after.TotalAlloc - before.TotalAlloc
	}
	for _, np := range []int{256, 2048} {
		if b := alloc(np); b > 4096*uint64(np) {
			t.Errorf("New(%d) allocated %d bytes, %d per place; want at most 4 KiB per place", np, b, b/uint64(np))
		}
	}
	if testing.Short() {
		return
	}
	g := newGroup(t, MaxPlaces)
	var sum float64
	g.Run(func(p *Place) {
		s := p.SumFloat64(1)
		p.Barrier()
		if p.ID() == 0 {
			sum = s
		}
		if p.ID() == 1 {
			p.SendFloat64s(0, []float64{7})
		}
		if p.ID() == 0 {
			var buf [1]float64
			p.RecvFloat64s(1, buf[:])
		}
	})
	if sum != MaxPlaces {
		t.Errorf("sum over %d places = %v", MaxPlaces, sum)
	}
}

func TestRunEveryPlaceOnce(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		for rep := 0; rep < 50; rep++ {
			hits := make([]int32, g.NP())
			g.Run(func(p *Place) {
				if p.NP() != g.NP() {
					t.Errorf("p.NP() = %d, want %d", p.NP(), g.NP())
				}
				atomic.AddInt32(&hits[p.ID()], 1)
			})
			for id, h := range hits {
				if h != 1 {
					t.Fatalf("rep %d: place %d ran %d times", rep, id, h)
				}
			}
		}
	})
}

func TestSerialHasNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	g := newGroup(t, 0)
	if !g.Serial() || g.NP() != 1 {
		t.Fatalf("New(0): Serial %v NP %d", g.Serial(), g.NP())
	}
	if n := runtime.NumGoroutine(); n != before {
		t.Fatalf("serial group started %d goroutines", n-before)
	}
}

// TestPinning checks that every place, place 0 and the serial point
// included, runs on its CPU while the group is open, and that Close gives
// the caller's thread its mask back.
func TestPinning(t *testing.T) {
	for _, np := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("np=%d", np), func(t *testing.T) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var before unix.CPUSet
			if err := unix.SchedGetaffinity(0, &before); err != nil {
				t.Skip(err)
			}
			cpus := make([]int, max(np, 1))
			for i := range cpus {
				cpus[i] = (i + 1) % runtime.NumCPU()
			}
			g, err := New(np, Options{CPUs: cpus})
			if err != nil {
				t.Skipf("cannot pin here: %v", err)
			}
			on := make([]unix.CPUSet, max(np, 1))
			g.Run(func(p *Place) { unix.SchedGetaffinity(0, &on[p.ID()]) })
			for id, set := range on {
				if set.Count() != 1 || !set.IsSet(cpus[id]) {
					t.Errorf("place %d: affinity %v, want CPU %d only", id, set, cpus[id])
				}
			}
			g.Close()
			var after unix.CPUSet
			unix.SchedGetaffinity(0, &after)
			if after != before {
				t.Errorf("after Close the caller's mask is %v, was %v", after, before)
			}
		})
	}
}

func TestBarrierOrdersPhases(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		const phases = 300
		np := g.NP()
		counts := make([]atomic.Int64, phases)
		g.Run(func(p *Place) {
			for ph := range phases {
				counts[ph].Add(1)
				p.Barrier()
				if c := counts[ph].Load(); c != int64(np) {
					panic(fmt.Sprintf("phase %d: place %d saw %d arrivals after barrier", ph, p.ID(), c))
				}
			}
		})
	})
}

// values gives every place numbers of wildly different magnitudes, so
// that a change of summation order would change the rounded result.
func values(id, rep int) float64 {
	return math.Ldexp(1+float64(id)*0.1234567, (id*17+rep)%60-30) / 3
}

func TestReductionsDeterministic(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		np := g.NP()
		var first [4]float64
		for rep := 0; rep < 100; rep++ {
			got := make([][4]float64, np)
			g.Run(func(p *Place) {
				s := p.SumFloat64(values(p.ID(), 0))
				m := p.MaxFloat64(values(p.ID(), 1))
				v := []float64{values(p.ID(), 2), values(p.ID(), 3)}
				p.SumFloat64s(v)
				got[p.ID()] = [4]float64{s, m, v[0], v[1]}
			})
			want := [4]float64{values(0, 0), values(0, 1), values(0, 2), values(0, 3)}
			for id := 1; id < np; id++ {
				want[0] += values(id, 0)
				want[1] = max(want[1], values(id, 1))
				want[2] += values(id, 2)
				want[3] += values(id, 3)
			}
			if rep == 0 {
				first = got[0]
				if first != want {
					t.Fatalf("reduction = %v, want place-id-order result %v", first, want)
				}
			}
			for id, r := range got {
				if r != first {
					t.Fatalf("rep %d place %d: %v differs from %v", rep, id, r, first)
				}
			}
		}
	})
}

func TestIntReductionsAndBroadcast(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		np := g.NP()
		g.Run(func(p *Place) {
			id := int64(p.ID())
			if s := p.SumInt64(id + 1); s != int64(np*(np+1)/2) {
				panic(fmt.Sprintf("SumInt64 = %d", s))
			}
			v := []int64{1, id}
			p.SumInt64s(v)
			if v[0] != int64(np) || v[1] != int64(np*(np-1)/2) {
				panic(fmt.Sprintf("SumInt64s = %v", v))
			}
			root := np - 1
			if x := p.BroadcastFloat64(root, float64(id)+0.5); x != float64(root)+0.5 {
				panic(fmt.Sprintf("BroadcastFloat64 = %v", x))
			}
			if x := p.BroadcastInt64(0, id+7); x != 7 {
				panic(fmt.Sprintf("BroadcastInt64 = %v", x))
			}
			buf := []float64{float64(id), float64(id)}
			p.BroadcastFloat64s(root, buf)
			if buf[0] != float64(root) || buf[1] != float64(root) {
				panic(fmt.Sprintf("BroadcastFloat64s = %v", buf))
			}
		})
	})
}

func TestMaster(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		shared := 0
		g.Run(func(p *Place) {
			p.Master(func() { shared = 42 })
			if shared != 42 { // read after the barrier: no race
				panic("master section not visible after Master")
			}
		})
	})
}

func TestPipelineWavefront(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		const steps = 200
		np := g.NP()
		// done[k][id] must be set for id-1 before id starts step k.
		done := make([][]atomic.Bool, steps)
		for k := range done {
			done[k] = make([]atomic.Bool, np)
		}
		for range 2 { // counters restart at every region
			g.Run(func(p *Place) {
				id := p.ID()
				for k := 1; k <= steps; k++ {
					p.WaitLeft(k)
					if id > 0 && !done[k-1][id-1].Load() {
						panic(fmt.Sprintf("place %d started step %d before its left neighbour", id, k))
					}
					done[k-1][id].Store(true)
					p.Post(k)
				}
				p.ResetProgress()
				for k := 1; k <= steps; k++ { // backward sweep
					p.WaitRight(k)
					p.Post(k)
				}
			})
			for k := range done {
				for id := range done[k] {
					done[k][id].Store(false)
				}
			}
		}
	})
}

func TestHyperplanes(t *testing.T) {
	for _, dims := range [][3]int{{1, 1, 1}, {3, 4, 5}, {5, 3, 2}, {4, 4, 4}} {
		nx, ny, nz := dims[0], dims[1], dims[2]
		seen := make(map[[3]int]bool)
		for d := 0; d <= nx+ny+nz-3; d++ {
			n := hyperplaneSize(nx, ny, nz, d)
			for t2 := range n {
				i, j, k := HyperplanePoint(nx, ny, nz, d, t2)
				if i+j+k != d || i < 0 || i >= nx || j < 0 || j >= ny || k < 0 || k >= nz || seen[[3]int{i, j, k}] {
					t.Fatalf("%v: plane %d point %d = (%d,%d,%d)", dims, d, t2, i, j, k)
				}
				seen[[3]int{i, j, k}] = true
			}
		}
		if len(seen) != nx*ny*nz {
			t.Fatalf("%v: %d points, want %d", dims, len(seen), nx*ny*nz)
		}
	}
	eachNP(t, func(t *testing.T, g *Group) {
		var total atomic.Int64
		g.Run(func(p *Place) {
			p.Hyperplanes(4, 5, 6, func(d, lo, hi int) { total.Add(int64(hi - lo)) })
		})
		if total.Load() != 4*5*6 {
			t.Fatalf("hyperplanes covered %d points", total.Load())
		}
	})
}

func TestSendRecvRing(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		np := g.NP()
		g.Run(func(p *Place) {
			id := p.ID()
			next, prev := (id+1)%np, (id+np-1)%np
			buf := make([]float64, 8)
			ibuf := make([]int32, 8)
			for round := range 50 {
				p.SendFloat64s(next, []float64{float64(id), float64(round)})
				p.SendInt32s(next, []int32{int32(id)})
				if n := p.RecvFloat64s(prev, buf); n != 2 || buf[0] != float64(prev) || buf[1] != float64(round) {
					panic(fmt.Sprintf("place %d round %d got %v", id, round, buf[:n]))
				}
				if n := p.RecvInt32s(prev, ibuf); n != 1 || ibuf[0] != int32(prev) {
					panic(fmt.Sprintf("place %d got ints %v", id, ibuf[:n]))
				}
			}
		})
	})
}

// TestNonblocking posts several Isends to a place before it receives,
// Irecvs before the matching sends, and waits out of order.
func TestNonblocking(t *testing.T) {
	eachNP(t, func(t *testing.T, g *Group) {
		np := g.NP()
		g.Run(func(p *Place) {
			id := p.ID()
			next, prev := (id+1)%np, (id+np-1)%np
			out := [][]float64{{float64(id), 1}, {float64(id), 2, 2}, {}}
			in := [][]float64{make([]float64, 2), make([]float64, 4), make([]float64, 1)}
			r0 := p.IrecvFloat64s(prev, in[0])
			var s [3]Request
			for i, m := range out {
				s[i] = p.IsendFloat64s(next, m)
			}
			ints := []int32{int32(id)}
			si := p.IsendInt32s(next, ints)
			r1 := p.IrecvFloat64s(prev, in[1])
			r2 := p.IrecvFloat64s(prev, in[2])
			got := make([]int32, 2)
			ri := p.IrecvInt32s(prev, got)
			for i := 2; i >= 0; i-- {
				if n := p.Wait(s[i]); n != 0 {
					panic(fmt.Sprintf("send %d completed with %d", i, n))
				}
			}
			n2, n1, n0, ni := p.Wait(r2), p.Wait(r1), p.Wait(r0), p.Wait(ri)
			p.Wait(si)
			if n0 != 2 || n1 != 3 || n2 != 0 || ni != 1 || in[0][1] != 1 || in[1][2] != 2 || in[1][0] != float64(prev) || got[0] != int32(prev) {
				panic(fmt.Sprintf("place %d got %d %d %d %d: %v %v", id, n0, n1, n2, ni, in, got))
			}
		})
	})
}

func TestPointToPointErrors(t *testing.T) {
	tests := []struct {
		name string
		body func(p *Place)
		want string
	}{
		{"type", func(p *Place) {
			if p.ID() == 0 {
				p.SendInt32s(1, []int32{1})
			} else {
				p.RecvFloat64s(0, make([]float64, 1))
			}
		}, "place 1 receiving float64s from 0, which sent int32s"},
		{"length", func(p *Place) {
			if p.ID() == 1 {
				r := p.IrecvFloat64s(0, make([]float64, 1))
				defer p.Wait(r)
			}
			p.Barrier()
			if p.ID() == 0 {
				p.SendFloat64s(1, []float64{1, 2})
			}
		}, "place 1 receiving 2 float64s from 0 into a buffer of 1"},
		{"stale", func(p *Place) {
			r := p.IsendFloat64s(p.ID(), nil)
			p.RecvFloat64s(p.ID(), nil)
			p.Wait(r)
			p.Wait(r)
		}, "waits for a request that is not pending"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGroup(t, 2)
			pe := catch(func() { g.Run(tc.body) })
			if pe == nil || !strings.Contains(fmt.Sprint(pe.Value), tc.want) {
				t.Fatalf("Run panicked with %v, want %q", pe, tc.want)
			}
			// Nothing of the aborted region is left in the links.
			g.Run(func(p *Place) {
				q := 1 - p.ID()
				r := p.IrecvFloat64s(q, make([]float64, 1))
				p.SendFloat64s(q, []float64{float64(p.ID())})
				if n := p.Wait(r); n != 1 {
					panic(fmt.Sprintf("after the abort: %d elements", n))
				}
			})
		})
	}
}

func TestPanicIsReported(t *testing.T) {
	for _, np := range placeCounts {
		for _, victim := range []int{0, max(np-1, 0)} {
			t.Run(fmt.Sprintf("places=%d/victim=%d", np, victim), func(t *testing.T) {
				g := newGroup(t, np)
				boom := errors.New("boom")
				pe := catch(func() {
					g.Run(func(p *Place) {
						if p.ID() == victim {
							panic(boom)
						}
						for {
							p.Barrier() // the others wait forever unless unwound
						}
					})
				})
				if pe == nil || pe.Place != victim || !errors.Is(pe, boom) {
					t.Fatalf("Run panicked with %v, want PanicError for place %d", pe, victim)
				}
				if !strings.Contains(pe.Error(), fmt.Sprintf("place %d panicked: boom", victim)) {
					t.Fatalf("message %q does not name the place", pe.Error())
				}
				// The group stays usable.
				var n atomic.Int32
				g.Run(func(p *Place) {
					p.Barrier()
					if p.SumFloat64(1) != float64(g.NP()) {
						panic("bad sum after recovery")
					}
					n.Add(1)
				})
				if int(n.Load()) != g.NP() {
					t.Fatalf("after panic: %d places ran", n.Load())
				}
			})
		}
	}
}

func catch(f func()) (pe *PanicError) {
	defer func() {
		if r := recover(); r != nil {
			pe, _ = r.(*PanicError)
			if pe == nil {
				pe = &PanicError{Place: -2, Value: r}
			}
		}
	}()
	f()
	return nil
}

func TestCloseLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, np := range placeCounts {
		g, err := New(np, Options{})
		if err != nil {
			t.Fatal(err)
		}
		g.Run(func(p *Place) { p.Barrier() })
		time.Sleep(2 * time.Millisecond) // let some workers park
		g.Close()
		g.Close() // idempotent
		if r := catch(func() { g.Run(func(*Place) {}) }); r == nil || !errors.Is(r, ErrClosed) {
			t.Fatalf("Run after Close: %v", r)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines survive Close", n-before)
	}
}

func TestParkAndWake(t *testing.T) {
	g := newGroup(t, 3)
	for range 3 {
		time.Sleep(20 * time.Millisecond) // workers park
		var n atomic.Int32
		g.Run(func(p *Place) {
			if p.ID() == 0 {
				time.Sleep(10 * time.Millisecond) // others park in the barrier
			}
			p.Barrier()
			n.Add(1)
		})
		if n.Load() != 3 {
			t.Fatalf("%d places ran", n.Load())
		}
	}
}

func TestNestedRunPanics(t *testing.T) {
	g := newGroup(t, 2)
	pe := catch(func() {
		g.Run(func(p *Place) {
			if p.ID() == 0 {
				g.Run(func(*Place) {})
			}
		})
	})
	if pe == nil || !strings.Contains(fmt.Sprint(pe.Value), "inside a region") {
		t.Fatalf("nested Run: %v", pe)
	}
}
