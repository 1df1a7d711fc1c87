// Package bt is NPB's BT benchmark (NPB3.4-OMP BT, bt.f): an ADI solver of
// the 3-D compressible Navier–Stokes equations that factors the implicit
// operator into block-tridiagonal systems, 5×5 blocks, along each grid
// line. What BT shares with SP (the grid, compute_rhs, the norms,
// verification and the ADI time step) is in npb/cfd; this package holds
// BT's own solver: the flux Jacobians, the block systems and their block
// Thomas solve (x/y/z_solve.f, solve_subs.f), and with it BT's
// message-passing form, bt-mpi (mpi.go: NPB3.4-MPI's BT on cfd's
// multi-partition).
package bt

import (
	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// Kernel is BT for the kernel driver and the registry.
var Kernel = cfd.NewKernel("bt", false, func(prm cfd.Params) npb.Benchmark { return newRun(prm) })

func init() { npb.Register(Kernel) }

// Run does one BT benchmark run (Kernel.Run) as bt.f's main program does:
// set_constants, initialize, exact_rhs, one untimed ADI step, initialize
// again, the timed niter steps, verify.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// bt is one BT run: cfd's ADI run with BT's block solver.
type bt struct {
	cfd.Run
	*solver
	scr []*scratch // per place
}

// newRun makes a BT run for a class's (or any grid's) parameters.
func newRun(prm cfd.Params) *bt {
	b := &bt{}
	b.Run = cfd.Run{Prm: prm, Count: count, Build: b.build}
	return b
}

// count is BT's operation count (bt.f), single-precision literals there.
var count = [4]float32{3478.8, 17655.7, 28023.7, 0}

// build makes the solver and the per-place scratch, and hands the line
// solvers to the driver.
func (b *bt) build(g *places.Group, a *cfd.ADI) {
	b.solver = newSolver(a, false)
	b.scr = make([]*scratch, max(g.NP(), 1))
	for i := range b.scr {
		b.scr[i] = newScratch(max(a.Nx, a.Ny, a.Nz))
	}
	b.Solver = cfd.Solver{
		X: func(p *places.Place, j, k int) { b.xSolve(b.scr[p.ID()], j, k) },
		Y: func(p *places.Place, i, k int) { b.ySolve(b.scr[p.ID()], i, k) },
		Z: func(p *places.Place, i, j int) { b.zSolve(b.scr[p.ID()], i, j) },
	}
}
