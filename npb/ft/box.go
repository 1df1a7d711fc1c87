package ft

// The numerics of FT on one block of the grid, written once for both
// forms: the shared-memory form (ft.go) applies them to the whole grid,
// split among places by planes and column blocks; the message-passing
// form (mpi.go) applies them to each rank's slab or pencil. They are
// ft.f's fft_init and compute_indexmap (tables), the 1-D FFT passes
// cffts1, cffts2 and cffts3 with the initial conditions and evolve folded
// in (box), and the checksum's sample points (points).

import (
	"math"
	"unsafe"

	"npbgo/npb"
)

// tables are a problem's read-only tables: the FFT twiddle factors of
// each dimension's length (fft_init) and the factors of evolve
// (compute_indexmap).
type tables struct {
	par        params
	r1, r2, r3 *roots    // FFT tables for lengths nx, ny, nz
	expTab     []float64 // exp(-4απ²s) for every s = ī²+j̄²+k̄² (compute_indexmap)
	sqx        []int32   // ī² for i < nx
}

func newTables(par params) *tables {
	t := &tables{par: par}
	t.sqx = make([]int32, par.nx)
	t.expTab = make([]float64, sq(par.nx/2)+sq(par.ny/2)+sq(par.nz/2)+1)
	rs := map[int]*roots{}
	get := func(n int) *roots {
		if rs[n] == nil {
			rs[n] = newRoots(n)
		}
		return rs[n]
	}
	t.r1, t.r2, t.r3 = get(par.nx), get(par.ny), get(par.nz)
	return t
}

func sq(x int) int { return x * x }

// fftInit computes the FFT tables (fft_init).
func (t *tables) fftInit() {
	t.r1.fftInit()
	if t.r2 != t.r1 {
		t.r2.fftInit()
	}
	if t.r3 != t.r1 && t.r3 != t.r2 {
		t.r3.fftInit()
	}
}

// indexSquares sets sqx[i] = ī², the part of compute_indexmap that
// depends on x alone.
func (t *tables) indexSquares() {
	nx := t.par.nx
	for i := range t.sqx {
		ii := (i+nx/2)%nx - nx/2
		t.sqx[i] = int32(ii * ii)
	}
}

// expFactors fills expTab[lo:hi] with exp(-4απ²s). It is compute_indexmap
// without its array: the reference stores the factor
// exp(-4απ²(ī²+j̄²+k̄²)) of every point, a real array half the size of u0
// that evolve streams in every iteration; the exponent takes few distinct
// values, so evolve looks the factor up here instead (the same numbers,
// from a table that stays in L2), which saves that memory traffic and the
// array (class A: 64 MiB on one rank or place).
func (t *tables) expFactors(lo, hi int) {
	ap := -4 * alpha * math.Pi * math.Pi
	for s := lo; s < hi; s++ {
		t.expTab[s] = math.Exp(ap * float64(s))
	}
}

// layout is how a box's array is laid out and blocked.
type layout struct {
	// Point (i, j, k) of the box is at i + j*ld1 + k*ld2. The padding
	// keeps the power-of-two strides of rows and planes from mapping the
	// lines of one block to the same cache sets.
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

// boxLayout picks the padding and block sizes of an lx × ly × lz box
// with a scratch budget in bytes: each block's scratch (2 arrays of n·fb
// complex) fits in the budget, with fb a power of two no larger than the
// dimension it blocks over and at least 4 (the rows cffts1 transposes at
// a time) unless that dimension is shorter. Rows are padded by rowPad and
// planes by planePad complex elements.
func boxLayout(lx, ly, lz, budget, rowPad, planePad int) layout {
	fb := func(n, lines int) int {
		f := min(4, lines)
		for f*2 <= lines && 2*n*(f*2)*16 <= budget {
			f *= 2
		}
		return f
	}
	l := layout{
		fb1: fb(lx, ly),
		fb2: fb(ly, lx),
		fb3: fb(lz, lx),
	}
	l.ld1 = lx + rowPad
	l.ld2 = l.ld1*ly + planePad
	return l
}

// scratch is one place's or rank's working space: the two block arrays
// of cfftz (y1, y2 of cffts*) and a row of random numbers.
type scratch struct {
	y1, y2 []complex128
	rows   []complex128 // four rows of random numbers
}

// newScratch makes a scratch for blocks of n points and rows of nx.
func newScratch(n, nx int) scratch {
	return scratch{
		y1:   make([]complex128, n),
		y2:   make([]complex128, n),
		rows: make([]complex128, 4*nx),
	}
}

// box is a block of the grid held in one array, x-lines contiguous: the
// points (x0+i, y0+j, z0+k) for i < lx, j < ly, k < lz. The shared-memory
// form has one box, the whole grid; a rank has one per layout of ft.f
// (xyz slabs or pencils, then after the transposes the layouts the y and
// z transforms run on). cffts1 needs whole x-lines (lx = nx), cffts2
// whole y-lines (ly = ny), cffts3 whole z-lines (lz = nz, z0 = 0).
type box struct {
	*tables
	lx, ly, lz int
	x0, y0, z0 int
	layout
}

// size is the length of the box's array.
func (b *box) size() int { return b.lz * b.ld2 }

// cffts1 transforms the x-lines of plane k of x in place, fb1 lines at a
// time. With gen, the plane's input is not read from x but generated
// (compute_initial_conditions): the random sequence of the plane's first
// row starts 2·nx·(ny·k + j) numbers after the seed, for its global plane
// k and row j, found by jump-ahead, so that every partition gives the
// same field.
//
// The block is transposed four rows at a time, so that each cache line of
// the scratch (four complex numbers, one per row) is written, and read
// back, whole: row by row, a block with a power-of-two row length would
// revisit lines that have already left L1 through set conflicts. Blocks of
// fewer than four rows (a pencil one or two rows high) go row by row.
func (b *box) cffts1(is int, x []complex128, k int, s *scratch, gen bool) {
	nx, ny, fb, ld1 := b.lx, b.ly, b.fb1, b.ld1
	plane := x[k*b.ld2 : k*b.ld2+ny*ld1]
	y1, y2 := s.y1[:nx*fb], s.y2[:nx*fb]
	var seed float64
	if gen {
		seed = npb.Jump(npb.Seed, npb.Multiplier, int64(2*nx*((b.z0+k)*b.par.ny+b.y0)))
	}
	if fb < 4 {
		b.cffts1Narrow(is, plane, s, gen, seed)
		return
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

// cffts1Narrow is cffts1 for blocks of one or two rows, row by row.
func (b *box) cffts1Narrow(is int, plane []complex128, s *scratch, gen bool, seed float64) {
	nx, ny, fb, ld1 := b.lx, b.ly, b.fb1, b.ld1
	y1, y2 := s.y1[:nx*fb], s.y2[:nx*fb]
	for j0 := 0; j0 < ny; j0 += fb {
		for jj := range fb {
			r := s.rows[:nx]
			if gen {
				vranlcComplex(r, &seed)
			} else {
				o := (j0 + jj) * ld1
				r = plane[o : o+nx]
			}
			for i, v := range r {
				y2[i*fb+jj] = v
			}
		}
		out := b.r1.cfftz(is, fb, y2, fb, nil, 0, y1, y2)
		for jj := range fb {
			o := (j0 + jj) * ld1
			r := plane[o : o+nx]
			for i := range r {
				r[i] = out[i*fb+jj]
			}
		}
	}
}

// cffts2 transforms the y-lines of plane k of x in place, fb2 lines at a
// time: a block is a run of fb2 neighbouring points of every row. Already
// laid out as cfftz wants (a point of every line contiguous), the block is
// read and written in place by the first and last FFT steps, rather than
// copied to the scratch and back as in the reference.
func (b *box) cffts2(is int, x []complex128, k int, s *scratch) {
	nx, ny, fb, ld1 := b.lx, b.ly, b.fb2, b.ld1
	plane := x[k*b.ld2 : k*b.ld2+ny*ld1]
	y1, y2 := s.y1[:ny*fb], s.y2[:ny*fb]
	for i0 := 0; i0 < nx; i0 += fb {
		b.r2.cfftz(is, fb, plane[i0:], ld1, plane[i0:], ld1, y1, y2)
	}
}

// columns is the number of column blocks cffts3 takes.
func (b *box) columns() int { return b.ly * (b.lx / b.fb3) }

// cffts3 transforms the fb3 z-lines of column block u (row j = u / (lx/fb3),
// x-block u % (lx/fb3)) from x into xout, reading and writing the block in
// place as cffts2 does. With evolve it first does the reference's evolve
// on those points, x ← x·exp(-4απ²(ī²+j̄²+k̄²)), copying the result into
// the scratch to be transformed.
func (b *box) cffts3(is int, x, xout []complex128, u int, s *scratch, evolve bool) {
	nz, fb, ld2 := b.lz, b.fb3, b.ld2
	nb := b.lx / fb
	j, i0 := u/nb, (u%nb)*fb
	base := j*b.ld1 + i0
	y1, y2 := s.y1[:nz*fb], s.y2[:nz*fb]
	if !evolve {
		b.r3.cfftz(is, fb, x[base:], ld2, xout[base:], ld2, y1, y2)
		return
	}
	ny := b.par.ny
	jj := (b.y0+j+ny/2)%ny - ny/2
	sq := b.sqx[b.x0+i0 : b.x0+i0+fb]
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

// points are the checksum's sample points that lie in a box, grouped by
// the box's planes. Point j = 1..1024 of checksum is (j mod nx, 3j mod
// ny, 5j mod nz); for plane k, the box's points are start[k]:start[k+1],
// at offsets off[...] in the plane, and their values go to val[pos[...]],
// val holding the box's points in the order of j.
type points struct {
	start []int
	pos   []int32
	off   []int
	val   []complex128
}

func newPoints(b *box) points {
	nx, ny, nz := b.par.nx, b.par.ny, b.par.nz
	at := func(j int) (k, off int, ok bool) {
		i, y, z := j%nx-b.x0, 3*j%ny-b.y0, 5*j%nz-b.z0
		if i < 0 || i >= b.lx || y < 0 || y >= b.ly || z < 0 || z >= b.lz {
			return 0, 0, false
		}
		return z, i + y*b.ld1, true
	}
	p := points{start: make([]int, b.lz+1)}
	n := 0
	for j := 1; j <= chkPoints; j++ {
		if k, _, ok := at(j); ok {
			p.start[k+1]++
			n++
		}
	}
	for k := range b.lz {
		p.start[k+1] += p.start[k]
	}
	p.pos = make([]int32, n)
	p.off = make([]int, n)
	p.val = make([]complex128, n)
	next := append([]int(nil), p.start[:b.lz]...)
	c := 0
	for j := 1; j <= chkPoints; j++ {
		if k, off, ok := at(j); ok {
			p.pos[next[k]] = int32(c)
			p.off[next[k]] = off
			next[k]++
			c++
		}
	}
	return p
}

// checksumPlane records the points lying in plane k of x, an array of a
// box with plane stride ld2.
func (p *points) checksumPlane(x []complex128, ld2, k int) {
	plane := x[k*ld2 : (k+1)*ld2]
	for c := p.start[k]; c < p.start[k+1]; c++ {
		p.val[p.pos[c]] = plane[p.off[c]]
	}
}

// sum adds up the recorded points in the reference's order and scales by
// 1/N: the box's part of checksum (all of it for the whole grid).
func (p *points) sum(par params) complex128 {
	var chk complex128
	for _, v := range p.val {
		chk += v
	}
	return chk / complex(float64(par.ntotal()), 0)
}

// floats views complex numbers as their real and imaginary parts.
func floats(c []complex128) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(c))), 2*len(c))
}
