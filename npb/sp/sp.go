// Package sp is NPB's SP benchmark (NPB3.4-OMP SP, sp.f): an ADI solver of
// the 3-D compressible Navier–Stokes equations that diagonalises the
// implicit operator into scalar pentadiagonal systems along each grid
// line. What SP shares with BT (the grid, compute_rhs, the norms,
// verification and the ADI time step) is in npb/cfd; this package holds
// SP's own solver (txinvr, x/y/z_solve, ninvr, pinvr, tzetar).
//
// The whole timed loop is one parallel region with four barriers a step
// (the reference has ten): txinvr and x_solve run on each ξ line right
// after compute_rhs has finished it, ninvr, pinvr and tzetar at the end of
// their solves, add at the end of the ζ solve (cfd.Solver). Lines are
// shared out over the collapsed line index, η and ζ lines in runs of
// neighbours. Every value is bitwise what the serial reference computes,
// for every number of places.
package sp

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// Kernel is SP for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "sp", New: newSP, MaxClass: npb.ClassC, Memory: memory, Pin: "compact"}

func init() { npb.Register(Kernel) }

// Run does one SP benchmark run (Kernel.Run) as sp.f's main program does:
// set_constants, exact_rhs, initialize, one untimed ADI step, initialize
// again, the timed niter steps, verify.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// SP's operation count (sp.f): single-precision literals.
const (
	mopsA, mopsB, mopsC, mopsD float32 = 881.174, 4683.91, 11484.5, 19272.4
)

// sp is one SP run.
type sp struct {
	prm    cfd.Params
	g      *places.Group
	a      *cfd.ADI
	ax     [3]axis
	scr    []*scratch // per place
	solver cfd.Solver
	// region bodies, made once so the timed region allocates nothing
	setupBody, timedBody func(*places.Place)
	steps                int
	xcr, xce             [5]float64
}

func newSP(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prm, err := cfd.ClassParams("SP", c)
	if err != nil {
		return npb.Problem{}, nil, fmt.Errorf("sp: %w", err)
	}
	return problem(prm), &sp{prm: prm}, nil
}

func problem(prm cfd.Params) npb.Problem {
	return npb.Problem{
		Size:       []int{prm.Nx, prm.Ny, prm.Nz},
		Iterations: prm.Niter,
		Banner:     []string{fmt.Sprintf(" dt: %11.7f", prm.Dt)},
	}
}

// memory is the bytes SP needs at class c: the shared fields with Speed.
func memory(c npb.Class) int64 {
	prm, err := cfd.ClassParams("SP", c)
	if err != nil {
		return 0
	}
	return cfd.Memory(prm.Nx, prm.Ny, prm.Nz, true)
}

// Setup allocates the fields and does sp.f's untimed part: exact_rhs,
// initialize, one ADI step, initialize.
func (s *sp) Setup(g *places.Group, _ npb.Printer) error {
	s.build(g)
	g.Run(s.setupBody)
	return nil
}

// build allocates the problem on g and makes the region bodies.
func (s *sp) build(g *places.Group) {
	s.g = g
	prm := s.prm
	s.a = cfd.NewADI(g, prm.Nx, prm.Ny, prm.Nz, prm.Dt, true)
	a := s.a
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
	s.solver = cfd.Solver{
		X:     func(p *places.Place, j, k int) { s.xSolve(s.scr[p.ID()], j, k) },
		Block: block,
		YRun:  func(p *places.Place, k, i0, i1 int) { s.yRun(s.scr[p.ID()], k, i0, i1) },
		ZRun:  func(p *places.Place, j, i0, i1 int) { s.zRun(s.scr[p.ID()], j, i0, i1) },
		ZAdds: true,
	}
	s.steps = prm.Niter
	s.setupBody = func(p *places.Place) {
		a.ExactRHS(p)
		a.Initialize(p)
		a.Step(p, &s.solver)
		p.Barrier()
		a.Initialize(p)
	}
	s.timedBody = func(p *places.Place) { a.Steps(p, s.steps, &s.solver) }
}

// Timed is sp.f's timed loop: niter ADI steps in one parallel region.
func (s *sp) Timed() { s.g.Run(s.timedBody) }

// Verify prints the time-step lines sp.f prints inside its timed loop,
// then does verify.f.
func (s *sp) Verify(out npb.Printer) []npb.Check {
	for step := 1; step <= s.prm.Niter; step++ {
		if step%20 == 0 || step == 1 {
			out.Printf(" Time step %4d\n", step)
		}
	}
	s.g.Run(func(p *places.Place) {
		xcr, xce := s.a.VerifyNorms(p)
		if p.ID() == 0 {
			s.xcr, s.xce = xcr, xce
		}
	})
	return cfd.PrintVerify(out, s.prm.Class, &s.prm.Ref, s.prm.Dt, s.xcr, s.xce)
}

// Mops is sp.f's operation rate.
func (s *sp) Mops(t float64) float64 {
	return cfd.Mops(mopsA, mopsB, mopsC, mopsD, s.prm.Nx, s.prm.Ny, s.prm.Nz, s.prm.Niter, t)
}
