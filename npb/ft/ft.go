// Package ft is the NPB FT benchmark (3-D FFT solution of a diffusion
// equation in spectral space) on the places runtime, following NPB3.4-OMP
// FT/ft.f: a random complex field (compute_initial_conditions) is
// transformed forward once (fft, cffts1/cffts2/cffts3), then for niter
// steps multiplied by exp(-4απ²|k|²) (evolve, with the factors of
// compute_indexmap), transformed back and sampled at 1024 points (checksum);
// the checksums are compared with the official ones (verify).
//
// As in the reference, the 1-D FFTs are done on blocks of lines laid out
// so that a point of every line of the block is contiguous, with a
// Stockham FFT (cfftz; here the radix-2 stages of fftz2 are paired into
// radix-4 ones) that ping-pongs through a per-place scratch. The x pass
// (cffts1) transposes its block into the scratch and back; the y and z
// passes (cffts2, cffts3) find their blocks already in that layout in the
// main array, so the first and last FFT steps read and write it in place.
// The block size comes from the host's cache sizes. Passes are fused where
// the reference makes separate sweeps over memory: the x and y passes of a
// z-plane run back to back while the plane is in cache (with the initial
// conditions generated straight into the first pass and the checksum taken
// from the last), and evolve is done inside the z pass that follows it.
// Results equal the reference's up to rounding, and are bitwise the same
// for every place count.
//
// Built with GOEXPERIMENT=simd on amd64 (the Makefile's default), the
// radix-4 butterflies run on 256-bit vectors (fft_simd.go, simd/archsimd)
// when the CPU has AVX: the same operations in the same order on two
// points at a time, so the results are bitwise those of the pure-Go code
// (fft_scalar.go), which every other build uses.
//
// The numerics (box.go) are written for a block of the grid: the
// shared-memory form here applies them to the whole grid, the
// message-passing form ft-mpi (mpi.go, NPB3.4-MPI's slabs and pencils) to
// each rank's share.
package ft

import (
	"fmt"
	"math"
	"math/cmplx"
	"sync/atomic"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is FT for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "ft", New: newRun, MaxClass: npb.ClassF, Memory: Memory, Pin: topo.Compact}

func init() { npb.Register(Kernel) }

const (
	alpha     = 1.0e-6 // diffusion constant (ft_data: alpha)
	chkPoints = 1024   // points sampled by checksum
)

// Memory estimates the peak bytes of a class on np places: u0 and u1
// (complex, padded), and each place's scratch.
func Memory(c npb.Class, np int) int64 {
	p, err := paramsFor(c)
	if err != nil {
		return 0
	}
	l := chooseLayout(p, topo.HostCaches())
	return int64(l.ld2)*int64(p.nz)*(2*16) + int64(np)*ftScratch
}

// ftScratch is the scratch of a place or rank (its FFT block, twiddle and
// exponent tables), from the measured peaks.
const ftScratch = 256 << 10

// cacheBlocking is the scratch budget of a block in bytes (1/blockBudgetDiv
// of L2) and the padding of rows and planes in complex elements (one cache
// line) on a host with caches c.
func cacheBlocking(c topo.Caches) (budget, pad int) {
	return c.L2 / blockBudgetDiv, max(c.Line/16, 1)
}

// chooseLayout picks the padding and block sizes of the whole grid for a
// host with caches c.
func chooseLayout(p params, c topo.Caches) layout {
	budget, pad := cacheBlocking(c)
	return layoutWith(p, budget, pad)
}

// layoutWith is chooseLayout with an explicit scratch budget in bytes and
// padding in complex elements (tests and tuning benchmarks vary them).
func layoutWith(p params, budget, pad int) layout {
	return boxLayout(p.nx, p.ny, p.nz, budget, pad, pad)
}

// workCounter is a phase's next work item, alone on its cache lines.
type workCounter struct {
	atomic.Int64
	_ [120]byte
}

// bench is one FT problem in shared memory: the arrays of ft_fields (one
// box, the whole grid), the tables and the per-place scratch.
type bench struct {
	box
	g *places.Group

	u0, u1 []complex128 // u0: the transformed field, evolved in place; u1: work
	scr    []scratch    // per place

	// The checksum points of u1. Each place records the values of its
	// planes' points; place 0 adds them in the reference's order, so the
	// checksum is the same for every place count.
	pts  points
	sums []complex128 // checksum of iteration t at sums[t-1]

	// Work counters of the phases of a region (see take), one cache line
	// each: setup's planes and columns, then per iteration the columns and
	// the planes.
	work []workCounter

	// Region bodies, made once so that the timed region creates no closures.
	setupBody, timedBody func(*places.Place)
}

func newBench(par params, g *places.Group, l layout) *bench {
	b := &bench{box: box{tables: newTables(par), lx: par.nx, ly: par.ny, lz: par.nz, layout: l}, g: g}
	b.u0 = make([]complex128, b.size())
	b.u1 = make([]complex128, b.size())
	b.scr = make([]scratch, g.NP())
	for i := range b.scr {
		b.scr[i] = newScratch(max(par.nx*l.fb1, par.ny*l.fb2, par.nz*l.fb3), par.nx)
	}
	b.pts = newPoints(&b.box)
	b.sums = make([]complex128, par.niter)
	b.work = make([]workCounter, 2+2*par.niter)
	b.setupBody = b.setup
	b.timedBody = b.timed
	return b
}

// setup is compute_indexmap, compute_initial_conditions, fft_init and the
// forward fft(1, u1, u0): the part the reference runs once untimed to
// touch all data, and again at the start of the timed region.
func (b *bench) setup(p *places.Place) {
	if p.ID() == 0 {
		b.fftInit()
		b.resetWork()
	}
	b.expTable(p)
	p.Barrier() // the FFT and exponential tables are ready
	s := &b.scr[p.ID()]
	for k := b.take(0, b.par.nz); k < b.par.nz; k = b.take(0, b.par.nz) {
		b.cffts1(1, b.u1, k, s, true)
		b.cffts2(1, b.u1, k, s)
	}
	p.Barrier()
	nu := b.columns()
	for u := b.take(1, nu); u < nu; u = b.take(1, nu) {
		b.cffts3(1, b.u1, b.u0, u, s, false)
	}
}

// timed is the benchmark's timed region after setup: niter × (evolve,
// fft(-1, u1, u1), checksum).
func (b *bench) timed(p *places.Place) {
	b.setup(p)
	p.Barrier() // u0 is complete
	s := &b.scr[p.ID()]
	nz, nu := b.par.nz, b.columns()
	for iter := 1; iter <= b.par.niter; iter++ {
		ph := 2 * iter
		for u := b.take(ph, nu); u < nu; u = b.take(ph, nu) {
			b.cffts3(-1, b.u0, b.u1, u, s, true)
		}
		p.Barrier()
		for k := b.take(ph+1, nz); k < nz; k = b.take(ph+1, nz) {
			b.cffts2(-1, b.u1, k, s)
			b.cffts1(-1, b.u1, k, s, false)
			b.pts.checksumPlane(b.u1, b.ld2, k)
		}
		p.Barrier()
		if p.ID() == 0 {
			b.sums[iter-1] = b.pts.sum(b.par)
		}
	}
}

// take hands out the work items (planes or column blocks) 0..n-1 of phase
// ph one at a time, to whichever place asks first, and returns n when all
// are taken. Every item is computed the same way whoever takes it, so the
// results do not depend on the schedule; taking them dynamically keeps both
// places busy to the end of a phase when one of them loses its CPU for a
// while to another process (class A on 2 places, median of 8: 0.507 s
// against 0.524 s with static blocks; 0.570 against 0.622 s on a busier
// machine). Static blocks would not buy NUMA locality either: the plane
// passes and the column passes split the arrays across places differently,
// so each place touches the others' memory in one of them anyway.
func (b *bench) take(ph, n int) int {
	return min(int(b.work[ph].Add(1)-1), n)
}

// resetWork makes every phase's items available again; place 0 calls it
// at the start of a region, before a barrier.
func (b *bench) resetWork() {
	for i := range b.work {
		b.work[i].Store(0)
	}
}

// expTable is compute_indexmap (tables.indexSquares and expFactors), the
// table split among the places.
func (b *bench) expTable(p *places.Place) {
	if p.ID() == 0 {
		b.indexSquares()
	}
	s0, s1 := p.Block(0, len(b.expTab))
	b.expFactors(s0, s1)
}

// Run does one FT run (Kernel.Run).
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// problem is a class's parameters and reference values: what a run of
// either form starts from and verifies against.
type problem struct {
	par  params
	refs []complex128
	eps  float64
}

func newProblem(c npb.Class) (problem, npb.Problem, error) {
	par, err := paramsFor(c)
	if err != nil {
		return problem{}, npb.Problem{}, err
	}
	refs, err := referenceSums(par.class, par.niter)
	if err != nil {
		return problem{}, npb.Problem{}, err
	}
	eps, err := npb.ReferenceEpsilon("FT")
	if err != nil {
		return problem{}, npb.Problem{}, fmt.Errorf("ft: %w", err)
	}
	return problem{par: par, refs: refs, eps: eps},
		npb.Problem{Size: []int{par.nx, par.ny, par.nz}, Iterations: par.niter,
			Traffic: Traffic(par.nx, par.ny, par.nz, par.niter)}, nil
}

// Mops is the official operation rate.
func (pr *problem) Mops(t float64) float64 { return pr.par.mops(t) }

// verify prints the checksums (ft.f prints them in checksum, inside its
// timed loop) and compares them with the reference (verify).
func (pr *problem) verify(out npb.Printer, sums []complex128) []npb.Check {
	checks := make([]npb.Check, 0, 2*pr.par.niter)
	ok := true
	for i, s := range sums {
		out.Printf(" T =%5d     Checksum =%22s%22s\n", i+1, npb.FortranD(real(s), 12), npb.FortranD(imag(s), 12))
		cs := sumChecks(i+1, s, pr.refs[i], pr.eps)
		ok = ok && cs[0].OK
		checks = append(checks, cs...)
	}
	if ok {
		out.Printf(" Result verification successful\n")
	} else {
		out.Printf(" Result verification failed\n")
	}
	out.Printf(" class = %s\n", pr.par.class)
	return checks
}

// run is one FT run for the kernel driver.
type run struct {
	problem
	g *places.Group
	*bench
}

func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	pr, prob, err := newProblem(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return prob, &run{problem: pr}, nil
}

// Setup lays out the arrays for this machine's caches and runs the setup
// once untimed, as the reference does, so that all data is touched (here
// by the place that will use it) before timing.
func (r *run) Setup(g *places.Group, _ npb.Printer) error {
	r.g = g
	r.bench = newBench(r.par, g, chooseLayout(r.par, topo.HostCaches()))
	g.Run(r.setupBody)
	return nil
}

// Timed is ft.f's timed region: setup, forward FFT, niter evolve steps with
// inverse FFT and checksum.
func (r *run) Timed() { r.g.Run(r.timedBody) }

// Verify prints the checksums and compares them with the reference.
func (r *run) Verify(out npb.Printer) []npb.Check { return r.verify(out, r.sums) }

// sumChecks compares the checksum of iteration t with the reference as
// verify does: by the complex relative error |s - ref| / |ref|. The real
// and imaginary parts are reported as two checks, each carrying that
// error, so both pass exactly when the reference's test passes.
func sumChecks(t int, s, ref complex128, eps float64) []npb.Check {
	e := cmplx.Abs((s - ref) / ref)
	ok := e <= eps && !math.IsNaN(e)
	return []npb.Check{
		{Name: fmt.Sprintf("checksum T=%d real", t), Value: real(s), Reference: real(ref), RelErr: e, Epsilon: eps, OK: ok},
		{Name: fmt.Sprintf("checksum T=%d imag", t), Value: imag(s), Reference: imag(ref), RelErr: e, Epsilon: eps, OK: ok},
	}
}
