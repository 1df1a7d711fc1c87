package comm_test

import (
	"fmt"
	"testing"

	"npbgo/runtime/comm"
	"npbgo/runtime/comm/commtest"
	"npbgo/runtime/places"
)

// onPlaces runs f on every rank of an in-process communicator of np
// places and returns the first error.
func onPlaces(t *testing.T, np int, f func(c comm.Comm) error) {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	errs := make([]error, g.NP())
	g.Run(func(p *places.Place) { errs[p.ID()] = f(comm.InProcess(p)) })
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestConformance(t *testing.T) {
	for _, np := range []int{0, 1, 2, 3, 4, 8} {
		t.Run(fmt.Sprintf("ranks=%d", np), func(t *testing.T) {
			onPlaces(t, np, commtest.Conformance)
		})
	}
}

func TestAbortUnwindsEveryRank(t *testing.T) {
	g, err := places.New(3, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("no panic from Run after Abort")
		}
	}()
	g.Run(func(p *places.Place) {
		c := comm.InProcess(p)
		if c.Rank() == 1 {
			c.Abort(3)
		}
		buf := make([]float64, 1)
		c.Recv(1, comm.Float64s(buf)) // would wait forever without the abort
	})
}

func TestNoAllocations(t *testing.T) {
	onPlaces(t, 2, func(c comm.Comm) error {
		v := make([]float64, 64)
		u := make([]float64, 64)
		w := make([]int32, 64)
		w2 := make([]int32, 64)
		counts, displ := []int{32, 32}, []int{0, 32}
		peer := 1 - c.Rank()
		step := func() {
			c.SendRecv(peer, comm.Float64s(v), peer, comm.Float64s(u))
			r := c.Irecv(peer, comm.Float64s(u[:8]))
			s1 := c.Isend(peer, comm.Float64s(v[:8]))
			s2 := c.Isend(peer, comm.Float64s(v[8:]))
			c.Recv(peer, comm.Float64s(u[8:]))
			c.Wait(s2)
			c.Wait(r)
			c.Wait(s1)
			c.Allreduce(comm.Float64s(v[:2]), comm.Sum)
			c.Alltoallv(comm.Int32s(w), counts, displ, comm.Int32s(w2), counts, displ)
			c.Barrier()
		}
		step() // mailboxes and scratch grow once
		a := testing.AllocsPerRun(20, step)
		if a != 0 {
			return fmt.Errorf("%v allocations per step", a)
		}
		return nil
	})
}

func TestBufferSlice(t *testing.T) {
	s := []int32{1, 2, 3, 4}
	b := comm.Int32s(s).Slice(1, 3)
	if b.Len() != 2 || b.Type() != comm.Int32 || *(*int32)(b.Pointer()) != 2 {
		t.Fatalf("slice: %d %v", b.Len(), b.Type())
	}
	if e := comm.Float64s(nil).Slice(0, 0); e.Len() != 0 {
		t.Fatal("empty")
	}
}
