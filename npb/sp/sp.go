// Package sp is NPB's SP benchmark (NPB3.4-OMP SP, sp.f): an ADI solver of
// the 3-D compressible Navier–Stokes equations that diagonalises the
// implicit operator into scalar pentadiagonal systems along each grid
// line. What SP shares with BT (the grid, compute_rhs, the norms,
// verification and the ADI time step) is in npb/cfd; this package holds
// SP's own solver (txinvr, x/y/z_solve, ninvr, pinvr, tzetar).
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
	a   *cfd.ADI
	ax  [3]axis
	scr []*scratch // per place
}

// newRun makes an SP run for a class's (or any grid's) parameters.
func newRun(prm cfd.Params) *sp {
	s := &sp{}
	// SP's operation count (sp.f): single-precision literals.
	s.Run = cfd.Run{Prm: prm, Speed: true, Count: [4]float32{881.174, 4683.91, 11484.5, 19272.4}, Build: s.build}
	return s
}

// build makes the per-axis coefficients, the per-place scratch and the
// line solvers, once the fields exist.
func (s *sp) build(g *places.Group, a *cfd.ADI) {
	s.a = a
	s.ax = [3]axis{
		{n: a.Nx, stride: 1, vel: a.US, da: a.Dx2, d5: a.Dx5, dmax: a.Dxmax, d1: a.Dx1,
			dtt1: a.Dttx1, dtt2: a.Dttx2, c2dtt1: a.C2dttx1},
		{n: a.Ny, stride: a.Ni, vel: a.VS, da: a.Dy3, d5: a.Dy5, dmax: a.Dymax, d1: a.Dy1,
			dtt1: a.Dtty1, dtt2: a.Dtty2, c2dtt1: a.C2dtty1},
		{n: a.Nz, stride: a.Plane, vel: a.WS, da: a.Dz4, d5: a.Dz5, dmax: a.Dzmax, d1: a.Dz1,
			dtt1: a.Dttz1, dtt2: a.Dttz2, c2dtt1: a.C2dttz1},
	}
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
