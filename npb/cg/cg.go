// Package cg is the NPB CG benchmark (NPB3.4-OMP CG/cg.f) on the places
// runtime: the inverse power method estimates the smallest eigenvalue of a
// random sparse symmetric positive definite matrix, each outer iteration
// solving A·z = x with 25 unpreconditioned conjugate-gradient steps
// (conj_grad). The matrix comes from makea (sprnvc, vecset, sparse).
//
// Rows are shared among places by their number of nonzeros. One outer
// iteration (conj_grad and the normalisation of z) is one parallel region,
// and every reduction is summed in place order, so zeta is bitwise
// reproducible for a given number of places.
//
// mpi.go is CG in NPB3.4-MPI's message-passing form (cg-mpi), on the same
// matvec.
package cg

import (
	"fmt"
	"math"
	"runtime"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is CG for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "cg", New: newRun, MaxClass: npb.ClassF, Memory: memory, Pin: topo.Compact}

func init() { npb.Register(Kernel) }

// Run runs CG for cfg (Kernel.Run).
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// benchmark is the state of one CG run.
type benchmark struct {
	g                 *places.Group
	na, nonzer, niter int
	shift             float64

	m          *matrix
	x, z, q, r []float64
	// pp[i] is place i's private copy of the whole search direction p.
	// Every place updates all of it (p = r + beta·p, cheap next to the
	// product), so no barrier is needed between the update and the next
	// product, and the product gathers from a vector no other core writes.
	// The copies are identical, bit for bit, to the reference's shared p.
	pp [][]float64
	// part[i]..part[i+1] are the rows (and vector entries) of place i,
	// balanced by nonzeros.
	part []int

	// Written by place 0 at the end of every outer iteration.
	rnorm, normTemp1 float64
	// Per timed iteration, for the report printed after the timer stops.
	rnorms, zetas []float64

	// Region bodies, created once so the timed loop allocates nothing.
	iterBody, resetBody func(*places.Place)
}

// newBenchmark generates the matrix on g and sets up the vectors, x = 1.
func newBenchmark(g *places.Group, pr *ClassData) *benchmark {
	c := pr.Params
	b := &benchmark{g: g, na: c.Na, nonzer: c.Nonzer, niter: c.Niter, shift: c.Shift}
	b.m = makea(g, c.Na, c.Nonzer, c.Rcond, c.Shift)
	n := c.Na
	b.x = make([]float64, n)
	b.z = make([]float64, n)
	b.q = make([]float64, n)
	b.r = make([]float64, n)
	b.part = make([]int, g.NP()+1)
	for i := range g.NP() {
		b.part[i], b.part[i+1] = places.Weighted(b.m.rowstr, i, g.NP())
	}
	b.pp = make([][]float64, g.NP())
	for i := range b.pp {
		b.pp[i] = make([]float64, n)
	}
	b.rnorms = make([]float64, c.Niter)
	b.zetas = make([]float64, c.Niter)
	b.iterBody = b.iterate
	b.resetBody = b.resetX
	g.Run(b.resetBody)
	return b
}

// resetX sets the starting vector x = (1, ..., 1).
func (b *benchmark) resetX(pl *places.Place) {
	x := b.x[b.part[pl.ID()]:b.part[pl.ID()+1]]
	for j := range x {
		x[j] = 1
	}
}

// iterate is one outer iteration of the inverse power method (the body of
// the main loop of program cg): conj_grad, then x·z and z·z for zeta, then
// x = z/||z||.
func (b *benchmark) iterate(pl *places.Place) {
	lo, hi := b.part[pl.ID()], b.part[pl.ID()+1]
	rnorm := b.conjGrad(pl, lo, hi)

	x, z := b.x[lo:hi], b.z[lo:hi]
	z = z[:len(x)]
	var t1, t2 float64
	for j := range x {
		t1 += x[j] * z[j]
		t2 += z[j] * z[j]
	}
	nt := [2]float64{t1, t2}
	pl.SumFloat64s(nt[:])
	norm3 := 1 / math.Sqrt(nt[1])
	for j := range x {
		x[j] = norm3 * z[j]
	}
	if pl.ID() == 0 {
		b.rnorm, b.normTemp1 = rnorm, nt[0]
	}
}

// conjGrad does CGItMax conjugate-gradient steps on A·z = x from z = 0
// over this place's rows [lo, hi) and returns ||x - A·z|| (conj_grad).
// Per step there are two reductions (p·q, r·r) and no other
// synchronisation: after the r·r reduction all of r is final, and every
// place forms all of p from it in its own copy.
func (b *benchmark) conjGrad(pl *places.Place, lo, hi int) float64 {
	pAll := b.pp[pl.ID()]
	x := b.x[lo:hi]
	n := len(x)
	z, p, q, r := b.z[lo:hi][:n], pAll[lo:hi][:n], b.q[lo:hi][:n], b.r[lo:hi][:n]

	var rho float64
	for j := range x {
		q[j] = 0
		z[j] = 0
		r[j] = x[j]
		rho += r[j] * r[j]
	}
	copy(pAll, b.x) // p = r = x
	rho = pl.SumFloat64(rho)

	for cgit := 1; cgit <= CGItMax; cgit++ {
		rho0 := rho

		matvec(b.q, b.m, pAll, lo, hi)

		var d float64
		for j := range p {
			d += p[j] * q[j]
		}
		d = pl.SumFloat64(d)
		alpha := rho0 / d

		rho = 0
		for j := range z {
			z[j] += alpha * p[j]
			r[j] -= alpha * q[j]
			rho += r[j] * r[j]
		}
		rho = pl.SumFloat64(rho)
		beta := rho / rho0

		if cgit < CGItMax { // the last p is never used
			rAll := b.r[:len(pAll)]
			for j := range pAll {
				pAll[j] = rAll[j] + beta*pAll[j]
			}
		}
	}

	// ||r|| = ||x - A·z||, computed explicitly; z is complete since the
	// last r·r reduction, and no place reads r any more.
	matvec(b.r, b.m, b.z, lo, hi)
	var sum float64
	for j := range x {
		d := x[j] - r[j]
		sum += d * d
	}
	return math.Sqrt(pl.SumFloat64(sum))
}

// timedLoop is the timed region: niter outer iterations, one region each.
func (b *benchmark) timedLoop() {
	for it := range b.niter {
		b.g.Run(b.iterBody)
		b.rnorms[it] = b.rnorm
		b.zetas[it] = b.shift + 1/b.normTemp1
	}
}

// Mops is the official operation rate of CG over t seconds.
func Mops(na, nonzer, niter int, t float64) float64 {
	if t == 0 {
		return 0
	}
	nz := float64(nonzer) * float64(nonzer+1)
	return 1e-6 * 2 * float64(niter) * float64(na) * (3 + nz + 25*(5+nz) + 3) / t
}

// run is one CG run for the kernel driver: the class parameters, then the
// benchmark once Setup has built it.
type run struct {
	pr  *ClassData
	eps float64
	*benchmark
}

// newRun reads class c's parameters and reference zeta.
func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	pr, err := ReadClass(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	eps, err := npb.ReferenceEpsilon("CG")
	if err != nil {
		return npb.Problem{}, nil, fmt.Errorf("cg: %w", err)
	}
	return npb.Problem{Size: []int{pr.Params.Na}, Iterations: pr.Params.Niter,
		Traffic: Traffic(pr.Params.Na, pr.Params.Nonzer, pr.Params.Niter)}, &run{pr: pr, eps: eps}, nil
}

// Setup generates the matrix (makea), then does one untimed iteration to
// touch code and data, and sets x = 1 again.
func (r *run) Setup(g *places.Group, _ npb.Printer) error {
	r.benchmark = newBenchmark(g, r.pr)
	// Collect makea's workspace now rather than let a GC cycle overlap the
	// timed region.
	runtime.GC()
	g.Run(r.iterBody)
	g.Run(r.resetBody)
	return nil
}

// Timed is the niter outer iterations.
func (r *run) Timed() { r.timedLoop() }

// Mops is the official operation rate.
func (r *run) Mops(t float64) float64 {
	p := r.pr.Params // the same as the benchmark's, known before Setup
	return Mops(p.Na, p.Nonzer, p.Niter, t)
}

// Verify prints the per-iteration lines, which cg.f prints inside its
// timed loop (formatting them there would allocate), then checks zeta.
func (r *run) Verify(out npb.Printer) []npb.Check {
	out.Printf("\n   iteration           ||r||                 zeta\n")
	for it := range r.niter {
		out.Printf("    %5d      %s%20.13f\n", it+1, npb.FortranE(r.rnorms[it], 21, 14), r.zetas[it])
	}
	out.Printf(" Benchmark completed \n")

	zeta := r.zetas[r.niter-1]
	ref := r.pr.Verification.Zeta.Value
	chk := npb.RelCheck("zeta", zeta, ref, r.eps)
	if chk.OK {
		out.Printf(" VERIFICATION SUCCESSFUL \n")
		out.Printf(" Zeta is    %s\n", npb.FortranE(zeta, 20, 13))
		out.Printf(" Error is   %s\n", npb.FortranE(chk.RelErr, 20, 13))
	} else {
		out.Printf(" VERIFICATION FAILED\n")
		out.Printf(" Zeta                %s\n", npb.FortranE(zeta, 20, 13))
		out.Printf(" The correct zeta is %s\n", npb.FortranE(ref, 20, 13))
	}
	return []npb.Check{chk}
}
