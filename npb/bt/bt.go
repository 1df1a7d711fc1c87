// Package bt is NPB's BT benchmark (NPB3.4-OMP BT, bt.f): an ADI solver of
// the 3-D compressible Navier–Stokes equations that factors the implicit
// operator into block-tridiagonal systems, 5×5 blocks, along each grid
// line. What BT shares with SP (the grid, compute_rhs, the norms,
// verification and the ADI time step) is in npb/cfd; this package holds
// BT's own solver: the flux Jacobians, the block systems and their block
// Thomas solve (x/y/z_solve.f, solve_subs.f).
package bt

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// Kernel is BT for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "bt", New: newBT, MaxClass: npb.ClassC, Memory: memory, Pin: "compact"}

func init() { npb.Register(Kernel) }

// Run does one BT benchmark run (Kernel.Run) as bt.f's main program does:
// set_constants, initialize, exact_rhs, one untimed ADI step, initialize
// again, the timed niter steps, verify.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// BT's operation count (bt.f), single-precision literals there.
const mopsA, mopsB, mopsC float32 = 3478.8, 17655.7, 28023.7

// bt is one BT run.
type bt struct {
	prm cfd.Params
	g   *places.Group
	*solver
	lines cfd.Solver
	// region bodies, made once: the timed region allocates nothing
	setupBody, timedBody, verifyBody func(*places.Place)
	xcr, xce                         [5]float64
}

func newBT(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prm, err := cfd.ClassParams("BT", c)
	if err != nil {
		return npb.Problem{}, nil, fmt.Errorf("bt: %w", err)
	}
	return npb.Problem{
		Size:       []int{prm.Nx, prm.Ny, prm.Nz},
		Iterations: prm.Niter,
		Banner:     []string{fmt.Sprintf(" dt: %11.7f", prm.Dt)},
	}, &bt{prm: prm}, nil
}

// memory is the bytes BT needs at class c: the shared fields (no Speed).
// The per-place scratch, three blocks per point of one line, is small
// beside them.
func memory(c npb.Class) int64 {
	prm, err := cfd.ClassParams("BT", c)
	if err != nil {
		return 0
	}
	return cfd.Memory(prm.Nx, prm.Ny, prm.Nz, false)
}

// Setup allocates the fields and does bt.f's untimed part.
func (b *bt) Setup(g *places.Group, _ npb.Printer) error {
	b.build(g)
	g.Run(b.setupBody)
	return nil
}

// build allocates the problem on g and makes the region bodies.
func (b *bt) build(g *places.Group) {
	b.g = g
	a := cfd.NewADI(g, b.prm.Nx, b.prm.Ny, b.prm.Nz, b.prm.Dt, false)
	b.solver = newSolver(a, g.NP())
	b.lines = cfd.Solver{X: b.xSolve, Y: b.ySolve, Z: b.zSolve}
	b.setupBody = func(p *places.Place) {
		a.Initialize(p)
		a.ExactRHS(p)
		a.Step(p, &b.lines)
		a.Initialize(p)
	}
	niter := b.prm.Niter
	b.timedBody = func(p *places.Place) { a.Steps(p, niter, &b.lines) }
	b.verifyBody = func(p *places.Place) {
		xcr, xce := a.VerifyNorms(p)
		if p.ID() == 0 {
			b.xcr, b.xce = xcr, xce
		}
	}
}

// Timed is bt.f's timed loop: niter ADI steps in one parallel region.
func (b *bt) Timed() { b.g.Run(b.timedBody) }

// Verify prints the time-step lines bt.f prints inside its timed loop,
// then does verify.f.
func (b *bt) Verify(out npb.Printer) []npb.Check {
	for step := 1; step <= b.prm.Niter; step++ {
		if step%20 == 0 || step == 1 {
			out.Printf(" Time step %4d\n", step)
		}
	}
	b.g.Run(b.verifyBody)
	return cfd.PrintVerify(out, b.prm.Class, &b.prm.Ref, b.prm.Dt, b.xcr, b.xce)
}

// Mops is bt.f's operation rate.
func (b *bt) Mops(t float64) float64 {
	return cfd.Mops(mopsA, mopsB, mopsC, 0, b.prm.Nx, b.prm.Ny, b.prm.Nz, b.prm.Niter, t)
}
