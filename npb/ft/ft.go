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

// Kernel is FT for the kernel driver and the registry; class D and up need
// more memory than the machines npbgo targets (D is 2048×1024×1024).
var Kernel = npb.Kernel{Name: "ft", New: newRun, MaxClass: npb.ClassC, Memory: Memory, Pin: "compact"}

func init() { npb.Register(Kernel) }

const (
	alpha     = 1.0e-6 // diffusion constant (ft_data: alpha)
	chkPoints = 1024   // points sampled by checksum
)

// Memory estimates the peak bytes of a class: u0 and u1 (complex, padded)
// and some slack for the runtime.
func Memory(c npb.Class) int64 {
	p, err := paramsFor(c)
	if err != nil {
		return 0
	}
	l := chooseLayout(p, topo.HostCaches())
	return int64(l.ld2)*int64(p.nz)*(2*16) + 16<<20
}

// layout is how the arrays are laid out and blocked.
type layout struct {
	// Point (i, j, k) of u0 and u1 is at i + j*ld1 + k*ld2. The
	// padding keeps the power-of-two strides of rows and planes from
	// mapping the lines of one block to the same cache sets.
	ld1, ld2 int
	// Lines per block in cffts1 (x-lines, blocked over y), cffts2
	// (y-lines, blocked over x) and cffts3 (z-lines, blocked over x).
	fb1, fb2, fb3 int
}

// A block's two scratch arrays may take 1/blockBudgetDiv of L2. Measured
// on class A (BenchmarkPass): L2/2 and L2/8 are about equally fast, L2/1
// is 10-20% slower, and an L1-sized budget makes the z pass twice as slow
// (its blocks shrink to 8 lines, 128-byte runs per plane).
const blockBudgetDiv = 2

// chooseLayout picks the padding and block sizes for a class on a host
// with caches c: each block's scratch (2 arrays of n·fb complex) fits in
// 1/blockBudgetDiv of L2, with fb a power of two no larger than the
// dimension it blocks over (and at least 4, the rows cffts1 transposes at
// a time). Rows and planes are padded by one cache line.
func chooseLayout(p params, c topo.Caches) layout {
	return layoutWith(p, c.L2/blockBudgetDiv, max(c.Line/16, 1))
}

// layoutWith is chooseLayout with an explicit scratch budget in bytes and
// padding in complex elements (tests and tuning benchmarks vary them).
func layoutWith(p params, budget, pad int) layout {
	fb := func(n, lines int) int {
		f := 4
		for f*2 <= lines && 2*n*(f*2)*16 <= budget {
			f *= 2
		}
		return f
	}
	l := layout{
		fb1: fb(p.nx, p.ny),
		fb2: fb(p.ny, p.nx),
		fb3: fb(p.nz, p.nx),
	}
	l.ld1 = p.nx + pad
	l.ld2 = l.ld1*p.ny + pad
	return l
}

// scratch is one place's working space: the two block arrays of cfftz
// (y1, y2 of cffts*) and a row of random numbers.
type scratch struct {
	y1, y2 []complex128
	rows   []complex128 // four rows of random numbers
}

// workCounter is a phase's next work item, alone on its cache lines.
type workCounter struct {
	atomic.Int64
	_ [120]byte
}

// bench is one FT problem: the arrays of ft_fields, the FFT tables and the
// per-place scratch.
type bench struct {
	par params
	g   *places.Group
	layout

	u0, u1 []complex128 // u0: the transformed field, evolved in place; u1: work
	expTab []float64    // exp(-4απ²s) for every s = ī²+j̄²+k̄² (compute_indexmap)
	sqx    []int32      // ī² for i < nx
	r1, r2 *roots       // FFT tables for lengths nx, ny, nz
	r3     *roots
	scr    []scratch // per place

	// Checksum points, grouped by z-plane: for plane k, the points
	// chkJ[chkStart[k]:chkStart[k+1]] (j of the reference's loop, 1-based)
	// at offsets chkOff[...] within the plane. Each place stores the values
	// of its planes' points in chkVal[j-1]; place 0 adds them in j order,
	// so the checksum is the same for every place count.
	chkStart []int
	chkJ     []int32
	chkOff   []int
	chkVal   [chkPoints]complex128
	sums     []complex128 // checksum of iteration t at sums[t-1]

	// Work counters of the phases of a region (see take), one cache line
	// each: setup's planes and columns, then per iteration the columns and
	// the planes.
	work []workCounter

	// Region bodies, made once so that the timed region creates no closures.
	setupBody, timedBody func(*places.Place)
}

func newBench(par params, g *places.Group, l layout) *bench {
	b := &bench{par: par, g: g, layout: l}
	n := l.ld2 * par.nz
	b.u0 = make([]complex128, n)
	b.u1 = make([]complex128, n)
	b.sqx = make([]int32, par.nx)
	b.expTab = make([]float64, sq(par.nx/2)+sq(par.ny/2)+sq(par.nz/2)+1)
	rs := map[int]*roots{}
	get := func(n int) *roots {
		if rs[n] == nil {
			rs[n] = newRoots(n)
		}
		return rs[n]
	}
	b.r1, b.r2, b.r3 = get(par.nx), get(par.ny), get(par.nz)
	ys := max(par.nx*l.fb1, par.ny*l.fb2, par.nz*l.fb3)
	b.scr = make([]scratch, g.NP())
	for i := range b.scr {
		b.scr[i] = scratch{
			y1:   make([]complex128, ys),
			y2:   make([]complex128, ys),
			rows: make([]complex128, 4*par.nx),
		}
	}
	b.chkStart = make([]int, par.nz+1)
	for j := 1; j <= chkPoints; j++ {
		b.chkStart[5*j%par.nz+1]++
	}
	for k := range par.nz {
		b.chkStart[k+1] += b.chkStart[k]
	}
	b.chkJ = make([]int32, chkPoints)
	b.chkOff = make([]int, chkPoints)
	next := append([]int(nil), b.chkStart[:par.nz]...)
	for j := 1; j <= chkPoints; j++ {
		s := 5 * j % par.nz
		b.chkJ[next[s]] = int32(j)
		b.chkOff[next[s]] = j%par.nx + (3*j%par.ny)*l.ld1
		next[s]++
	}
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
	nu := b.par.ny * (b.par.nx / b.fb3)
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
	nz, nu := b.par.nz, b.par.ny*(b.par.nx/b.fb3)
	for iter := 1; iter <= b.par.niter; iter++ {
		ph := 2 * iter
		for u := b.take(ph, nu); u < nu; u = b.take(ph, nu) {
			b.cffts3(-1, b.u0, b.u1, u, s, true)
		}
		p.Barrier()
		for k := b.take(ph+1, nz); k < nz; k = b.take(ph+1, nz) {
			b.cffts2(-1, b.u1, k, s)
			b.cffts1(-1, b.u1, k, s, false)
			b.checksumPlane(k)
		}
		p.Barrier()
		if p.ID() == 0 {
			b.checksum(iter)
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

func sq(x int) int { return x * x }

// fftInit computes the FFT tables (fft_init).
func (b *bench) fftInit() {
	b.r1.fftInit()
	if b.r2 != b.r1 {
		b.r2.fftInit()
	}
	if b.r3 != b.r1 && b.r3 != b.r2 {
		b.r3.fftInit()
	}
}

// expTable fills this place's share of the table exp(-4απ²s), s = 0, 1,
// ..., (nx/2)²+(ny/2)²+(nz/2)², and place 0 also sets sqx[i] = ī². It is
// compute_indexmap without its array: the reference stores the factor
// exp(-4απ²(ī²+j̄²+k̄²)) of every point, a real array half the size of u0
// that evolve streams in every iteration; the exponent takes few distinct
// values, so evolve looks the factor up here instead (the same numbers,
// from a table that stays in L2), which saves that memory traffic and the
// array (class A: 64 MiB).
func (b *bench) expTable(p *places.Place) {
	if p.ID() == 0 {
		nx := b.par.nx
		for i := range b.sqx {
			ii := (i+nx/2)%nx - nx/2
			b.sqx[i] = int32(ii * ii)
		}
	}
	ap := -4 * alpha * math.Pi * math.Pi
	s0, s1 := p.Block(0, len(b.expTab))
	for s := s0; s < s1; s++ {
		b.expTab[s] = math.Exp(ap * float64(s))
	}
}

// cffts1 transforms the x-lines of plane k of x in place, fb1 lines at a
// time. With gen, the plane's input is not read from x but generated
// (compute_initial_conditions): the plane's random sequence starts 2·nx·ny·k
// numbers after the seed, found by jump-ahead, so every place count gives
// the same field.
//
// The block is transposed four rows at a time, so that each cache line of
// the scratch (four complex numbers, one per row) is written, and read
// back, whole: row by row, a block with a power-of-two row length would
// revisit lines that have already left L1 through set conflicts.
func (b *bench) cffts1(is int, x []complex128, k int, s *scratch, gen bool) {
	nx, ny, fb, ld1 := b.par.nx, b.par.ny, b.fb1, b.ld1
	plane := x[k*b.ld2 : k*b.ld2+ny*ld1]
	y1, y2 := s.y1[:nx*fb], s.y2[:nx*fb]
	var seed float64
	if gen {
		seed = npb.Jump(npb.Seed, npb.Multiplier, int64(2*nx*ny*k))
	}
	for j0 := 0; j0 < ny; j0 += fb {
		for jj := 0; jj < fb; jj += 4 {
			var r0, r1, r2, r3 []complex128
			if gen {
				vranlcComplex(s.rows[:4*nx], &seed)
				r0, r1, r2, r3 = s.rows[:nx], s.rows[nx:2*nx], s.rows[2*nx:3*nx], s.rows[3*nx:4*nx]
			} else {
				o := (j0 + jj) * ld1
				r0, r1, r2, r3 = plane[o:o+nx], plane[o+ld1:o+ld1+nx], plane[o+2*ld1:o+2*ld1+nx], plane[o+3*ld1:o+3*ld1+nx]
			}
			r1, r2, r3 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)]
			for i, v := range r0 {
				t := y2[i*fb+jj : i*fb+jj+4]
				t[0], t[1], t[2], t[3] = v, r1[i], r2[i], r3[i]
			}
		}
		out := b.r1.cfftz(is, fb, y2, fb, nil, 0, y1, y2)
		for jj := 0; jj < fb; jj += 4 {
			o := (j0 + jj) * ld1
			r0, r1, r2, r3 := plane[o:o+nx], plane[o+ld1:o+ld1+nx], plane[o+2*ld1:o+2*ld1+nx], plane[o+3*ld1:o+3*ld1+nx]
			r1, r2, r3 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)]
			for i := range r0 {
				t := out[i*fb+jj : i*fb+jj+4]
				r0[i], r1[i], r2[i], r3[i] = t[0], t[1], t[2], t[3]
			}
		}
	}
}

// cffts2 transforms the y-lines of plane k of x in place, fb2 lines at a
// time: a block is a run of fb2 neighbouring points of every row. Already
// laid out as cfftz wants (a point of every line contiguous), the block is
// read and written in place by the first and last FFT steps, rather than
// copied to the scratch and back as in the reference.
func (b *bench) cffts2(is int, x []complex128, k int, s *scratch) {
	nx, ny, fb, ld1 := b.par.nx, b.par.ny, b.fb2, b.ld1
	plane := x[k*b.ld2 : k*b.ld2+ny*ld1]
	y1, y2 := s.y1[:ny*fb], s.y2[:ny*fb]
	for i0 := 0; i0 < nx; i0 += fb {
		b.r2.cfftz(is, fb, plane[i0:], ld1, plane[i0:], ld1, y1, y2)
	}
}

// cffts3 transforms the fb3 z-lines of column block u (row j = u / (nx/fb3),
// x-block u % (nx/fb3)) from x into xout, reading and writing the block in
// place as cffts2 does. With evolve it first does the reference's evolve
// on those points, x ← x·exp(-4απ²(ī²+j̄²+k̄²)), copying the result into
// the scratch to be transformed.
func (b *bench) cffts3(is int, x, xout []complex128, u int, s *scratch, evolve bool) {
	ny, nz, fb, ld2 := b.par.ny, b.par.nz, b.fb3, b.ld2
	nb := b.par.nx / fb
	j, i0 := u/nb, (u%nb)*fb
	base := j*b.ld1 + i0
	y1, y2 := s.y1[:nz*fb], s.y2[:nz*fb]
	if !evolve {
		b.r3.cfftz(is, fb, x[base:], ld2, xout[base:], ld2, y1, y2)
		return
	}
	jj := (j+ny/2)%ny - ny/2
	sq := b.sqx[i0 : i0+fb]
	for k := range nz {
		kk := (k+nz/2)%nz - nz/2
		t := b.expTab[jj*jj+kk*kk:]
		src := x[base+k*ld2 : base+k*ld2+fb]
		dst := y2[k*fb : (k+1)*fb]
		sq, dst = sq[:len(src)], dst[:len(src)]
		for i, v := range src {
			v *= complex(t[sq[i]], 0)
			src[i] = v
			dst[i] = v
		}
	}
	b.r3.cfftz(is, fb, y2, fb, xout[base:], ld2, y1, y2)
}

// checksumPlane records the checksum points lying in plane k of u1.
func (b *bench) checksumPlane(k int) {
	plane := b.u1[k*b.ld2 : (k+1)*b.ld2]
	for c := b.chkStart[k]; c < b.chkStart[k+1]; c++ {
		b.chkVal[b.chkJ[c]-1] = plane[b.chkOff[c]]
	}
}

// checksum adds up the recorded points in the reference's order and scales
// by 1/N (checksum).
func (b *bench) checksum(iter int) {
	var chk complex128
	for _, v := range b.chkVal {
		chk += v
	}
	b.sums[iter-1] = chk / complex(float64(b.par.ntotal()), 0)
}

// Run does one FT run (Kernel.Run).
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// run is one FT run for the kernel driver.
type run struct {
	par  params
	refs []complex128
	eps  float64
	g    *places.Group
	*bench
}

func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	par, err := paramsFor(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	refs, err := referenceSums(par.class, par.niter)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	eps, err := npb.ReferenceEpsilon("FT")
	if err != nil {
		return npb.Problem{}, nil, fmt.Errorf("ft: %w", err)
	}
	return npb.Problem{Size: []int{par.nx, par.ny, par.nz}, Iterations: par.niter},
		&run{par: par, refs: refs, eps: eps}, nil
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

// Mops is the official operation rate.
func (r *run) Mops(t float64) float64 { return r.par.mops(t) }

// Verify prints the checksums and compares them with the reference.
func (r *run) Verify(out npb.Printer) []npb.Check {
	checks := make([]npb.Check, 0, 2*r.par.niter)
	ok := true
	for i, s := range r.sums {
		out.Printf(" T =%5d     Checksum =%22s%22s\n", i+1, npb.FortranD(real(s), 12), npb.FortranD(imag(s), 12))
		cs := sumChecks(i+1, s, r.refs[i], r.eps)
		ok = ok && cs[0].OK
		checks = append(checks, cs...)
	}
	if ok {
		out.Printf(" Result verification successful\n")
	} else {
		out.Printf(" Result verification failed\n")
	}
	out.Printf(" class = %s\n", r.par.class)
	return checks
}

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
