// Package lu is NPB's LU benchmark (NPB3.4-OMP LU): a steady-state solution
// of the 3-D compressible Navier–Stokes equations by symmetric successive
// over-relaxation (SSOR), each step a lower and an upper block-triangular
// sweep (jacld/blts, jacu/buts), the update of u and a new right-hand side
// (rhs).
//
// The sweeps carry a dependence in i, j and k, so places cannot simply split
// a loop. Two strategies are registered, with the same code for everything
// but the sweep order and the same verification values:
//
//   - "lu" is ssor.f's pipeline: each place owns a block of j-rows for both
//     sweeps and, plane by plane (and chunk of i by chunk of i when rows per
//     place are few), waits for its neighbour's progress, works, and posts
//     its own (runtime/places Post, WaitLeft, WaitRight).
//   - "lu-hp" is ssor_hp.f's hyperplane order: diagonals j+k of whole
//     i-lines, one barrier per diagonal (runtime/places Hyperplanes). On a
//     grid with ny ≠ nz ssor_hp.f bounds k by jend and so misses or
//     overruns planes (its 12×11×10 norms differ from ssor.f's); here the
//     diagonals cover the interior exactly, so both variants agree.
//
// A third, "lu-mpi" (mpi.go), is NPB3.4-MPI's LU: ranks that own blocks of
// the (i, j) plane, the sweeps pipelined across them plane by plane, on
// the same routines applied to a rank's block and its halo (grid.go's
// box).
//
// Every result is bitwise that of a serial run and the same for any number
// of places: each point sees the reference's operations in the reference's
// order, and the norms add per-k-plane partial sums in k order.
//
// LU shares only the exact solution with SP and BT (npb/cfd); its grid
// coordinates are formed by division, its initial interpolation (setiv),
// forcing (erhs), right-hand side, norms (interior points only) and
// verification (verify.f's residual, error and surface integral) are its
// own.
package lu

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is LU with the pipelined sweeps.
var Kernel = npb.Kernel{Name: "lu", New: newLU, MaxClass: npb.ClassF, Memory: Memory, Pin: topo.Compact}

// KernelHP is LU with ssor_hp.f's hyperplane sweeps.
var KernelHP = npb.Kernel{Name: "lu-hp", Ref: "LU", New: newLUHP, MaxClass: npb.ClassF, Memory: Memory, Pin: topo.Compact}

func init() {
	npb.Register(Kernel)
	npb.Register(KernelHP)
}

// Run does one LU run with the pipelined sweeps.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// RunHP does one LU run with the hyperplane sweeps.
func RunHP(cfg npb.Config) (*npb.Result, error) { return KernelHP.Run(cfg) }

// Memory is the bytes LU needs at class c on np places: u, rsd, frct (5
// words a point), rho_i and qs on the padded grid, and each place's line
// scratch.
func Memory(c npb.Class, np int) int64 {
	p, err := classParams(c)
	if err != nil {
		return 0
	}
	return boxMemory(newGrid(p.nx, p.ny, p.nz), max(np, 1))
}

// boxMemory is the bytes newBoxProblem allocates for box gr with scratch
// for np places.
func boxMemory(gr grid, np int) int64 {
	big := int64(max(gr.ni, gr.nj, gr.nz))
	return 8*17*int64(gr.points()) + int64(np)*9*big*5*8 + 2*5*8*int64(gr.nz)
}

// params are one run's inputs: read_input's values and, for a known class,
// verify.f's reference values.
type params struct {
	class        npb.Class
	nx, ny, nz   int
	itmax, inorm int
	dt, omega    float64
	tolrsd       [5]float64

	known  bool // reference values below are set
	dtref  float64
	xcrref [5]float64
	xceref [5]float64
	xciref float64
	eps    float64
}

func classParams(c npb.Class) (params, error) {
	type val struct{ Value float64 }
	ref, err := npb.ClassParams[struct {
		Params struct {
			NX, NY, NZ   int
			Itmax, Inorm int
			DT           float64 `json:"dt"`
			Omega        float64
			Tolrsd       []float64
		}
		Verification struct {
			Dtref          val
			Xcrref, Xceref []val
			Xciref         val
		}
	}]("LU", c)
	if err != nil {
		return params{}, fmt.Errorf("lu: %w", err)
	}
	eps, err := npb.ReferenceEpsilon("LU")
	if err != nil {
		return params{}, fmt.Errorf("lu: %w", err)
	}
	r, v := ref.Params, ref.Verification
	if len(r.Tolrsd) != 5 || len(v.Xcrref) != 5 || len(v.Xceref) != 5 {
		return params{}, fmt.Errorf("lu: class %s: malformed reference data", c)
	}
	p := params{class: c, nx: r.NX, ny: r.NY, nz: r.NZ, itmax: r.Itmax, inorm: r.Inorm,
		dt: r.DT, omega: r.Omega, known: true, dtref: v.Dtref.Value, xciref: v.Xciref.Value, eps: eps}
	for m := range 5 {
		// tolrsd is a single-precision literal in the reference
		p.tolrsd[m] = float64(float32(r.Tolrsd[m]))
		p.xcrref[m] = v.Xcrref[m].Value
		p.xceref[m] = v.Xceref[m].Value
	}
	if err := p.check(); err != nil {
		return params{}, fmt.Errorf("lu: class %s: %w", c, err)
	}
	return p, nil
}

// check refuses grids the fourth-order dissipation's one-sided stencils do
// not fit (the reference needs 4; its boundary forms overlap below 6).
func (p *params) check() error {
	if p.nx < 6 || p.ny < 6 || p.nz < 6 {
		return fmt.Errorf("grid %dx%dx%d too small (each extent must be at least 6)", p.nx, p.ny, p.nz)
	}
	if p.itmax < 1 || p.inorm < 1 {
		return fmt.Errorf("itmax %d and inorm %d must be positive", p.itmax, p.inorm)
	}
	return nil
}

func newLU(c npb.Class) (npb.Problem, npb.Benchmark, error)   { return newRun(c, false) }
func newLUHP(c npb.Class) (npb.Problem, npb.Benchmark, error) { return newRun(c, true) }

func newRun(c npb.Class, hp bool) (npb.Problem, npb.Benchmark, error) {
	p, err := classParams(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return npb.Problem{Size: []int{p.nx, p.ny, p.nz}, Iterations: p.itmax,
		Traffic: Traffic(p.nx, p.ny, p.nz, p.itmax)}, &run{prm: p, hp: hp}, nil
}

// run is one LU run for the kernel driver.
type run struct {
	prm params
	hp  bool
	*problem
}

// Setup is lu.f up to the timer: the grid, setbv, setiv, erhs, one SSOR
// step to touch every page, setbv and setiv again, and ssor's first rhs and
// l2norm.
func (r *run) Setup(g *places.Group, _ npb.Printer) error {
	r.problem = newProblem(r.prm, g, r.hp)
	r.setup()
	return nil
}

// Timed is ssor's timed loop.
func (r *run) Timed() { r.ssor(r.itmax) }

// Mops is lu.f's operation rate (its literals are single precision).
func (r *run) Mops(t float64) float64 { return mops(r.prm.nx, r.prm.ny, r.prm.nz, r.prm.itmax, t) }

func mops(nx, ny, nz, itmax int, t float64) float64 {
	sum := float64(nx + ny + nz)
	g := sum / 3
	return 1.0e-6 * float64(itmax) * (float64(float32(1984.77))*float64(nx)*float64(ny)*float64(nz) -
		float64(float32(10923.3))*(g*g) +
		float64(float32(27770.9))*sum/3 -
		144010.) / t
}

// Verify prints ssor's time-step lines and verify.f's comparisons.
func (r *run) Verify(out npb.Printer) []npb.Check {
	r.printSteps(out)
	r.errorNorm()
	return verify(out, &r.prm, r.rsdnm, r.errnm, r.frc)
}

// problem is the state of one LU problem on a places group.
type problem struct {
	// coef before grid: the other order makes the compiler spill more
	// in the sweeps (1.5% more instructions at class S, go1.26)
	coef
	grid
	itmax, inorm int
	tolrsd       [5]float64
	tmp          float64 // ssor's 1/(omega·(2−omega))
	hp           bool

	u, rsd, frct []cell
	rho, qs      []float64 // rho_i, qs

	g  *places.Group
	ps []*scratch

	// pipeline: the i-chunks a place posts per plane
	chunks int

	// ssor's results
	niter    int // iterations of the current ssor call
	steps    int // iterations the last ssor did
	rsdnm    [5]float64
	delunm   [5]float64
	errnm    [5]float64
	frc      float64
	sumRsd   [][5]float64 // per-k-plane partial sums of the norms
	sumDelu  [][5]float64
	initBody func(*places.Place)
	rhsBody  func(*places.Place)
	ssorBody func(*places.Place)
	hpLowerF func(d, lo, hi int)
	hpUpperF func(d, lo, hi int)
	withErhs bool // initBody also computes frct
}

// scratch is one place's line buffers: the flux rings of rhs and the line
// copies of erhs.
type scratch struct {
	f1     [3][]cell
	f2     [2][]cell
	x1, x2 []cell
	line   [2][]cell
	_      [128]byte
}

// newProblem allocates the fields of one problem on g.
func newProblem(p params, g *places.Group, hp bool) *problem {
	l := newBoxProblem(p, newGrid(p.nx, p.ny, p.nz), g.NP())
	l.g, l.hp = g, hp
	l.chunks = pipelineChunks(g.NP(), l.nx-2, l.nz-2)
	l.initBody = l.initRegion
	l.rhsBody = l.rhsRegion
	l.ssorBody = l.ssorRegion
	l.hpLowerF = l.hpLower
	l.hpUpperF = l.hpUpper
	return l
}

// newBoxProblem allocates the fields of box gr of problem p, with scratch
// for np places.
func newBoxProblem(p params, gr grid, np int) *problem {
	l := &problem{grid: gr, coef: newCoef(gr, p.dt, p.omega), itmax: p.itmax, inorm: p.inorm,
		tolrsd: p.tolrsd}
	l.tmp = 1.0 / (l.omega * (2.0 - l.omega))
	n := gr.points()
	l.u, l.rsd, l.frct = cells(n), cells(n), cells(n)
	l.rho, l.qs = make([]float64, n), make([]float64, n)
	big := max(gr.ni, gr.nj, gr.nz)
	l.ps = make([]*scratch, np)
	for i := range l.ps {
		s := &scratch{x1: make([]cell, big), x2: make([]cell, big)}
		for r := range s.f1 {
			s.f1[r] = make([]cell, big)
		}
		for r := range s.f2 {
			s.f2[r] = make([]cell, big)
		}
		for r := range s.line {
			s.line[r] = make([]cell, big)
		}
		l.ps[i] = s
	}
	l.sumRsd = make([][5]float64, gr.nz)
	l.sumDelu = make([][5]float64, gr.nz)
	return l
}

// exact is LU's exact.f: the exact solution at grid point (i, j, k), with
// the coordinates formed by division as LU forms them.
func (l *problem) exact(i, j, k int, dst *cell) {
	xi := float64(i) / float64(l.nx-1)
	eta := float64(j) / float64(l.ny-1)
	zeta := float64(k) / float64(l.nz-1)
	cfd.ExactSolution(xi, eta, zeta, dst)
}
