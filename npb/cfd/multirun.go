package cfd

import (
	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// MultiRun is one run of an ADI benchmark in its message-passing form (SP
// or BT of NPB3.4-MPI, sp.f and bt.f): every rank (a place of the group,
// or a process of an MPI job) sets up its cells (NewMulti), computes the
// forcing and the initial field on them, does one untimed step and
// initializes again; the timed region is niter steps between barriers;
// verification computes the norms over the active ranks and hands them to
// every rank, idle ones too, so that each reaches the same verdict.
type MultiRun struct {
	Name string
	Prm  Params
	// Speed and Count as in Run.
	Speed bool
	Count [4]float32
	// NewSolver makes the kernel's line solver for a rank's cells.
	NewSolver func(m *Multi) CellSolver

	g       *places.Group
	ranks   []*Multi // per place
	solvers []CellSolver
	norms   [10]float64 // xcr, then xce, as rank 0 found them

	setupBody, timedBody, verifyBody func(*places.Place)
}

// Setup sets up every rank's cells on g and does the untimed part.
func (r *MultiRun) Setup(g *places.Group, _ npb.Printer) error {
	r.g = g
	r.ranks = make([]*Multi, g.NP())
	r.solvers = make([]CellSolver, g.NP())
	r.timedBody, r.verifyBody = r.timed, r.verify
	return ranks.Setup(r.Name, g, func(p *places.Place) error {
		m, err := NewMulti(r.Name, ranks.World(p), r.Prm.Nx, r.Prm.Ny, r.Prm.Nz, r.Prm.Dt, r.Speed)
		if err != nil {
			return err
		}
		r.ranks[p.ID()] = m
		if !m.Active {
			return nil
		}
		s := r.NewSolver(m)
		m.SetSolver(s)
		r.solvers[p.ID()] = s
		for _, c := range m.Cells {
			c.ExactRHSBox()
			c.InitializeBox()
		}
		m.Step(s)
		for _, c := range m.Cells {
			c.InitializeBox()
		}
		return nil
	})
}

// Timed is the timed loop: niter steps on every active rank, between
// barriers of all ranks (sp.f and bt.f start their timers after a barrier
// and report the slowest rank's time).
func (r *MultiRun) Timed() { r.g.Run(r.timedBody) }

func (r *MultiRun) timed(p *places.Place) {
	m := r.ranks[p.ID()]
	m.World.Barrier()
	if m.Active {
		s := r.solvers[p.ID()]
		for range r.Prm.Niter {
			m.Step(s)
		}
	}
	m.World.Barrier()
}

// verify computes the norms on the active ranks and gives every rank rank
// 0's, by a sum over all ranks in which only rank 0's are not zero.
func (r *MultiRun) verify(p *places.Place) {
	m := r.ranks[p.ID()]
	var v [10]float64
	if m.Active {
		xcr, xce := m.Norms()
		if m.World.Rank() == 0 {
			copy(v[:5], xcr[:])
			copy(v[5:], xce[:])
		}
	}
	m.World.Allreduce(comm.Float64s(v[:]), comm.Sum)
	if p.ID() == 0 {
		r.norms = v
	}
}

// Norms are verify.f's norms of the current state: xcr and xce.
func (r *MultiRun) Norms() (xcr, xce [5]float64) {
	r.g.Run(r.verifyBody)
	copy(xcr[:], r.norms[:5])
	copy(xce[:], r.norms[5:])
	return xcr, xce
}

// Verify prints the time-step lines the reference prints inside its timed
// loop, then does verify.f.
func (r *MultiRun) Verify(out npb.Printer) []npb.Check {
	xcr, xce := r.Norms()
	return r.Prm.verify(out, xcr, xce)
}

// Mops is the kernel's official operation rate.
func (r *MultiRun) Mops(t float64) float64 { return r.Prm.mops(r.Count, t) }

// Ranks is each place's share of the multi-partition, for tests.
func (r *MultiRun) Ranks() []*Multi { return r.ranks }

// Carry is the per-line carries of the solver of the rank on place p.
func (r *MultiRun) Carry(p int) (fwd, bwd int) { return r.solvers[p].Carry() }

// NewMultiKernel is the registry entry of an ADI benchmark's
// message-passing form named name ("sp-mpi") whose reference values are
// those of ref ("SP"): speed and count as in Run, newSolver the kernel's
// line solver on a rank's cells, which keeps store words for each point of
// a cell between its forward and backward sweeps (see MultiMemory).
func NewMultiKernel(name, ref string, speed bool, store int, count [4]float32, newSolver func(*Multi) CellSolver) npb.Kernel {
	k := newKernel(name, ref, func(p Params, n int) int64 { return MultiMemory(p.Nx, p.Ny, p.Nz, n, speed, store) },
		func(p Params) npb.Benchmark {
			return &MultiRun{Name: name, Prm: p, Speed: speed, Count: count, NewSolver: newSolver}
		})
	k.Ranks, k.Active = true, ActiveRanks
	return withTraffic(k, speed)
}

// MultiMemory estimates the bytes of rank 0 of n (its cells are the
// largest: the first cells along an axis are a point longer) for an
// nx×ny×nz problem in the message-passing form: its q cells with their
// halos, as NewMulti makes them, and the solver's store of the q-1 cells
// that do not end the lines, store words a point (BT's 5×5 block, SP's
// six numbers of a row).
func MultiMemory(nx, ny, nz, n int, speed bool, store int) int64 {
	f := int64(3*5 + 6)
	if speed {
		f++
	}
	q := CellsPerAxis(max(n, 1))
	var cells, most int64
	for c := range q {
		x := [3]int{c, (q - c) % q, c}
		var lo, hi [3]int
		for d, nd := range [3]int{nx, ny, nz} {
			lo[d], hi[d] = CellSpan(nd, q, x[d])
		}
		g := NewBox(nx, ny, nz, lo, hi, CellHalo)
		cells += int64(g.Points())
		most = max(most, int64(hi[0]-lo[0]+2)*int64(hi[1]-lo[1]+2)*int64(hi[2]-lo[2]+2))
	}
	return 8*f*cells + 8*int64(store)*int64(q-1)*most
}
