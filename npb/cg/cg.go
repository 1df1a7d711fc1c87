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
package cg

import (
	"math"
	"runtime"

	"npbgo/npb"
	"npbgo/runtime/places"
)

func init() {
	npb.Register(npb.Kernel{Name: "cg", Run: Run, Classes: classes, Memory: memory, Pin: "compact"})
}

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
func newBenchmark(g *places.Group, pr *params) *benchmark {
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

// conjGrad does cgitmax conjugate-gradient steps on A·z = x from z = 0
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

	for cgit := 1; cgit <= cgitmax; cgit++ {
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

		if cgit < cgitmax { // the last p is never used
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

// mops is the official operation count of CG over t seconds.
func mops(na, nonzer, niter int, t float64) float64 {
	if t == 0 {
		return 0
	}
	nz := float64(nonzer) * float64(nonzer+1)
	return 1e-6 * 2 * float64(niter) * float64(na) * (3 + nz + 25*(5+nz) + 3) / t
}

// Run runs CG for cfg: makea and one untimed iteration, then the niter
// timed iterations, then verification of zeta. It prints what cg.f prints
// before the report; the per-iteration lines are printed after the timer
// stops, since formatting them would allocate inside the timed region.
func Run(cfg npb.Config) (*npb.Result, error) {
	pr, err := classParams(cfg.Class)
	if err != nil {
		return nil, err
	}
	eps, err := npb.ReferenceEpsilon("CG")
	if err != nil {
		return nil, err
	}
	g, err := cfg.NewGroup()
	if err != nil {
		return nil, err
	}
	defer g.Close()
	c := pr.Params

	var tInit npb.Timer
	tInit.Start()
	cfg.Printf("\n\n NAS Parallel Benchmarks (NPB3.4-Go) - CG Benchmark\n\n")
	cfg.Printf(" Size: %11d\n", c.Na)
	cfg.Printf(" Iterations:                  %5d\n", c.Niter)
	if cfg.Places > 0 {
		cfg.Printf(" Number of available threads: %5d\n", cfg.Places)
	}
	cfg.Printf("\n")

	b := newBenchmark(g, pr)
	// Collect makea's workspace now rather than let a GC cycle overlap the
	// timed region.
	runtime.GC()
	// One untimed iteration to touch code and data, then x = 1 again.
	g.Run(b.iterBody)
	g.Run(b.resetBody)
	tInit.Stop()
	cfg.Printf(" Initialization time = %15.3f seconds\n", tInit.Seconds())

	var t npb.Timer
	t.Start()
	b.timedLoop()
	t.Stop()

	cfg.Printf("\n   iteration           ||r||                 zeta\n")
	for it := range c.Niter {
		cfg.Printf("    %5d      %s%20.13f\n", it+1, npb.FortranE(b.rnorms[it], 21, 14), b.zetas[it])
	}
	cfg.Printf(" Benchmark completed \n")

	zeta := b.zetas[c.Niter-1]
	ref := pr.Verification.Zeta.Value
	chk := npb.RelCheck("zeta", zeta, ref, eps)
	if chk.OK {
		cfg.Printf(" VERIFICATION SUCCESSFUL \n")
		cfg.Printf(" Zeta is    %s\n", npb.FortranE(zeta, 20, 13))
		cfg.Printf(" Error is   %s\n", npb.FortranE(chk.RelErr, 20, 13))
	} else {
		cfg.Printf(" VERIFICATION FAILED\n")
		cfg.Printf(" Zeta                %s\n", npb.FortranE(zeta, 20, 13))
		cfg.Printf(" The correct zeta is %s\n", npb.FortranE(ref, 20, 13))
	}

	res := &npb.Result{
		Kernel:     "CG",
		Class:      cfg.Class,
		Size:       []int{c.Na},
		Iterations: c.Niter,
		Places:     cfg.Places,
		Seconds:    t.Seconds(),
		Mops:       mops(c.Na, c.Nonzer, c.Niter, t.Seconds()),
		OpType:     "floating point",
	}
	res.Verify(chk)
	return res, nil
}
