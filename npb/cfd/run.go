package cfd

import (
	"fmt"
	"strings"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Run is one run of an ADI benchmark (SP or BT) for the kernel driver: the
// main program of sp.f and bt.f. Setup allocates the fields, lets the
// kernel build its solver (Build), and does the untimed part (exact_rhs,
// initialize, one ADI step, initialize again); Timed is niter steps in one
// parallel region; Verify is verify.f. A kernel embeds Run in its own run
// type and sets Build.
type Run struct {
	Prm Params
	// Speed says whether the kernel needs the Speed field (SP does).
	Speed bool
	// Count holds the four single-precision coefficients of the kernel's
	// operation count (Mops).
	Count [4]float32
	// Build makes the kernel's line solvers once A exists, and sets Solver.
	Build func(g *places.Group, a *ADI)

	G      *places.Group
	A      *ADI
	Solver Solver

	// region bodies, made once: the timed region allocates nothing
	setupBody, timedBody, verifyBody func(*places.Place)
	xcr, xce                         [5]float64
}

// Setup allocates the problem on g and does the untimed part.
func (r *Run) Setup(g *places.Group, _ npb.Printer) error {
	r.G = g
	r.A = NewADI(g, r.Prm.Nx, r.Prm.Ny, r.Prm.Nz, r.Prm.Dt, r.Speed)
	r.Build(g, r.A)
	a, s, niter := r.A, &r.Solver, r.Prm.Niter
	r.setupBody = func(p *places.Place) {
		a.ExactRHS(p)
		a.Initialize(p)
		a.Step(p, s)
		a.Initialize(p)
	}
	r.timedBody = func(p *places.Place) { a.Steps(p, niter, s) }
	r.verifyBody = func(p *places.Place) {
		xcr, xce := a.VerifyNorms(p)
		if p.ID() == 0 {
			r.xcr, r.xce = xcr, xce
		}
	}
	g.Run(r.setupBody)
	return nil
}

// Timed is the timed loop: niter ADI steps in one parallel region.
func (r *Run) Timed() { r.G.Run(r.timedBody) }

// Norms are verify.f's norms of the current state: xcr (divided by dt)
// and xce.
func (r *Run) Norms() (xcr, xce [5]float64) {
	r.G.Run(r.verifyBody)
	return r.xcr, r.xce
}

// Verify prints the time-step lines the reference prints inside its timed
// loop, then does verify.f.
func (r *Run) Verify(out npb.Printer) []npb.Check {
	xcr, xce := r.Norms()
	return r.Prm.verify(out, xcr, xce)
}

// Mops is the kernel's official operation rate.
func (r *Run) Mops(t float64) float64 { return r.Prm.mops(r.Count, t) }

// verify prints the time-step lines sp.f and bt.f print inside their timed
// loop, then does verify.f on the norms xcr and xce.
func (p *Params) verify(out npb.Printer, xcr, xce [5]float64) []npb.Check {
	for step := 1; step <= p.Niter; step++ {
		if step%20 == 0 || step == 1 {
			out.Printf(" Time step %4d\n", step)
		}
	}
	return PrintVerify(out, p.Class, &p.Ref, p.Dt, xcr, xce)
}

// mops is the operation rate of a kernel with count's coefficients (Mops)
// for a timed region of t seconds.
func (p *Params) mops(count [4]float32, t float64) float64 {
	c := count
	return Mops(c[0], c[1], c[2], c[3], p.Nx, p.Ny, p.Nz, p.Niter, t)
}

// NewKernel is the registry entry of an ADI benchmark named name ("sp"):
// its class parameters and reference values from reference.json, its
// memory (the shared fields, with Speed when speed is set), and newRun,
// which makes one run of the kernel for a class's parameters.
func NewKernel(name string, speed bool, newRun func(Params) npb.Benchmark) npb.Kernel {
	k := newKernel(name, strings.ToUpper(name), func(p Params, _ int) int64 { return Memory(p.Nx, p.Ny, p.Nz, speed) }, newRun)
	return withTraffic(k, speed)
}

// newKernel is the registry entry of a form of the ADI benchmark ref
// ("SP") named name, memory the bytes it needs at a class's parameters on
// n places or of one of n ranks (npb.Kernel.Memory).
func newKernel(name, ref string, memory func(p Params, n int) int64, newRun func(Params) npb.Benchmark) npb.Kernel {
	params := func(c npb.Class) (Params, error) {
		prm, err := ClassParams(ref, c)
		if err != nil {
			return Params{}, fmt.Errorf("%s: %w", name, err)
		}
		return prm, nil
	}
	return npb.Kernel{
		Name: name,
		Ref:  ref,
		New: func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
			prm, err := params(c)
			if err != nil {
				return npb.Problem{}, nil, err
			}
			return npb.Problem{
				Size:       []int{prm.Nx, prm.Ny, prm.Nz},
				Iterations: prm.Niter,
				Banner:     []string{fmt.Sprintf(" dt: %11.7f", prm.Dt)},
			}, newRun(prm), nil
		},
		MaxClass: npb.ClassF,
		Memory: func(c npb.Class, n int) int64 {
			prm, err := params(c)
			if err != nil {
				return 0
			}
			return memory(prm, n)
		},
		Pin: topo.Compact,
	}
}
