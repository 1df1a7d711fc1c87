// EP-MPI: NPB EP in its message-passing form, following NPB3.4-MPI
// EP/ep.f: rank r of np does a contiguous block of the nn batches (the
// first nn mod np ranks one batch more), and one all-reduce adds the
// ranks' tallies, where ep.f makes three (sx, sy, then q).
//
// It is written once against comm.Comm: the ranks are the processes of an
// MPI job (the mpi build under mpirun) or the places of one group
// (in-process, `npb run ep-mpi -places 4`). A rank's batches are the
// shared-memory form's batches. What the all-reduce adds is integers (the
// exact sums and the counts), so its order does not matter: sx and sy are
// the same bits at every rank count, and the same as the shared-memory
// form's at every place count.

package ep

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is EP-MPI for the kernel driver and the registry.
var KernelMPI = npb.Kernel{Name: "ep-mpi", Ref: "EP", New: newMPIRun, MaxClass: npb.ClassF,
	Memory: memory, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// mpiRank is one rank: its worker, communicator and block of batches.
type mpiRank struct {
	*worker
	c      comm.Comm
	lo, hi int
}

// mpiRun is one EP-MPI run for the kernel driver.
type mpiRun struct {
	*run
	ranks     []*mpiRank
	timedBody func(*places.Place)
}

func newMPIRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	p, err := paramsFor(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return p.problem(), &mpiRun{run: &run{params: p}}, nil
}

// Setup makes every rank, and has each do the all-reduce of the timed
// region once, so that the communicator's buffers exist before it.
func (r *mpiRun) Setup(g *places.Group, _ npb.Printer) (err error) {
	r.g = g
	r.timedBody = r.timed
	r.ranks, err = ranks.Make("ep-mpi", g, func(c comm.Comm) (*mpiRank, error) {
		np := c.Size()
		if np > r.nn {
			// ep.f stops with "Too many nodes" when a rank would have
			// no batch.
			return nil, &comm.RankCountError{Kernel: "ep-mpi", Ranks: np,
				Want: fmt.Sprintf("at most %d, the batches of class %s", r.nn, r.class)}
		}
		rk := &mpiRank{worker: new(worker), c: c}
		rk.lo, rk.hi = places.Block(0, r.nn, c.Rank(), np)
		for range 2 {
			c.Allreduce(comm.Int64s(rk.tally[:]), comm.Sum)
		}
		return rk, nil
	})
	return err
}

// Timed is ep.f's timed region on every rank, after a barrier (ep.f
// synchronises before it starts its timer); the all-reduce at its end
// waits for the slowest rank.
func (r *mpiRun) Timed() {
	r.timer.Clear()
	r.timer.Start()
	r.g.Run(r.timedBody)
	r.timer.Stop()
	r.seconds = r.timer.Seconds()
}

func (r *mpiRun) timed(p *places.Place) {
	rk := r.ranks[p.ID()]
	rk.c.Barrier()
	rk.tally = tally{}
	rk.batches(rk.lo, rk.hi, npb.Ipow46(a, 2*nk))
	rk.c.Allreduce(comm.Int64s(rk.tally[:]), comm.Sum)
	if p.ID() == 0 {
		r.set(&rk.tally)
	}
}
