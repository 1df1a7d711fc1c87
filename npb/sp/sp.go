// Package sp is NPB's SP benchmark (NPB3.4-OMP SP, sp.f): an ADI solver of
// the 3-D compressible Navier–Stokes equations that diagonalises the
// implicit operator into scalar pentadiagonal systems along each grid
// line. What SP shares with BT (the grid, compute_rhs, the norms,
// verification and the ADI time step) is in npb/cfd; this package holds
// SP's own solver (txinvr, x/y/z_solve, ninvr, pinvr, tzetar), and with it
// SP's message-passing form, sp-mpi (mpi.go: NPB3.4-MPI's SP on cfd's
// multi-partition).
//
// The whole timed loop is one parallel region with four barriers a step
// (the reference has ten): txinvr and x_solve run on each ξ line right
// after compute_rhs has finished it, ninvr and pinvr at the end of their
// solves, tzetar and add row by row before the next step's compute_rhs
// (cfd.Solver.ZRow). Lines are
// shared out over the collapsed line index, η and ζ lines in runs of
// neighbours. Every value is bitwise what the serial reference computes,
// for every number of places.
package sp

import (
	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// Kernel is SP for the kernel driver and the registry.
var Kernel = cfd.NewKernel("sp", true, func(prm cfd.Params) npb.Benchmark { return newRun(prm) })

func init() { npb.Register(Kernel) }

// Run does one SP benchmark run (Kernel.Run) as sp.f's main program does:
// set_constants, exact_rhs, initialize, one untimed ADI step, initialize
// again, the timed niter steps, verify.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// sp is one SP run: cfd's ADI run with SP's scalar pentadiagonal solver.
type sp struct {
	cfd.Run
	*solver
	scr []*scratch // per place
}

// newRun makes an SP run for a class's (or any grid's) parameters.
func newRun(prm cfd.Params) *sp {
	s := &sp{}
	s.Run = cfd.Run{Prm: prm, Speed: true, Count: count, Build: s.build}
	return s
}

// count is SP's operation count (sp.f): single-precision literals.
var count = [4]float32{881.174, 4683.91, 11484.5, 19272.4}

// build makes the solver and the per-place scratch once the fields exist,
// and hands the line solvers to the driver.
func (s *sp) build(g *places.Group, a *cfd.ADI) {
	s.solver = newSolver(a, false)
	s.scr = make([]*scratch, g.NP())
	n := max(a.Nx, a.Ny, a.Nz)
	for i := range s.scr {
		s.scr[i] = newScratch(n)
	}
	s.Solver = cfd.Solver{
		X:     func(p *places.Place, j, k int) { s.xSolve(s.scr[p.ID()], j, k) },
		Block: block,
		YRun:  func(p *places.Place, k, i0, i1 int) { s.yRun(s.scr[p.ID()], k, i0, i1) },
		ZRun:  func(p *places.Place, j, i0, i1 int) { s.zRun(s.scr[p.ID()], j, i0, i1) },
		ZRow:  s.tzetar,
	}
}
