package lu

import (
	"unsafe"

	"npbgo/runtime/shm"
)

// cell is the five components of one grid point, contiguous as the
// Fortran's u(1:5,i,j,k).
type cell = [5]float64

// cells allocates n aligned, zeroed cells.
func cells(n int) []cell {
	f := shm.Float64s(5 * n)
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*cell)(unsafe.Pointer(unsafe.SliceData(f))), n)
}

// grid is LU's nx×ny×nz grid, 0-based (i = Fortran i−1), and the box of
// it that one problem holds: the whole grid for lu and lu-hp, one rank's
// block with its halo for lu-mpi. Every index a routine takes is a grid
// index; at maps it into the box's storage.
//
// Rows are padded to an odd ni as alloc_space pads them, to keep rows and
// planes off cache-conflict strides. alloc_space pads j as well; one odd
// extent is enough to break the power-of-two strides, and leaving j
// unpadded keeps class A's peak memory within the reference's by 0.6 MB.
type grid struct {
	nx, ny, nz int
	ni, nj     int  // stored rows of ni points, planes of nj rows
	nr         int  // a row's stored points, x.hi − x.lo
	off        int  // at's shift from the box's first stored point
	row0       int  // the shift of a row's first stored point, off + x.lo
	x, y       span // the box along i and j; k is never split
}

// span is a box's extent along one axis of n points, in grid indices.
type span struct {
	n       int
	a, b    int // the box's own points [a, b)
	lo, hi  int // the points stored [lo, hi): the own points and, on a side with a neighbour, two halo points
	st, end int // the points solved [st, end): the own points of the interior [1, n−1), ssor's ist..iend
}

// whole is the span of a whole axis.
func whole(n int) span { return span{n: n, a: 0, b: n, lo: 0, hi: n, st: 1, end: n - 1} }

// block is the span of the own points [a, b) of an axis of n points, with
// the two-deep halo rhs's dissipation reads where a neighbour is.
func block(n, a, b int) span {
	s := span{n: n, a: a, b: b, lo: a, hi: b, st: max(a, 1), end: min(b, n-1)}
	if a > 0 {
		s.lo = max(a-2, 0)
	}
	if b < n {
		s.hi = min(b+2, n)
	}
	return s
}

// newGrid is the whole nx×ny×nz grid.
func newGrid(nx, ny, nz int) grid { return newBox(nx, ny, nz, whole(nx), whole(ny)) }

// newBox is the box x×y of the nx×ny×nz grid, with all its planes.
func newBox(nx, ny, nz int, x, y span) grid {
	g := grid{nx: nx, ny: ny, nz: nz, x: x, y: y, ni: (x.hi - x.lo) | 1, nj: y.hi - y.lo, nr: x.hi - x.lo}
	g.off = -(x.lo + g.ni*y.lo)
	g.row0 = g.off + x.lo
	return g
}

// at is the flat index of grid point (i, j, k), which must be stored.
func (g *grid) at(i, j, k int) int { return i + g.ni*(j+g.nj*k) + g.off }

// row is the flat index of row (j, k)'s first stored point and the row's
// stored length: row-relative index i − x.lo.
func (g *grid) row(j, k int) (int, int) { return g.ni*(j+g.nj*k) + g.row0, g.nr }

// points is the length of every field.
func (g *grid) points() int { return g.ni * g.nj * g.nz }

// The flow constants of lu_data. They are variables, not Go constants:
// Go folds a product of two constants exactly and rounds once, the Fortran
// rounds every operation, so every product of two of them is formed at run
// time (see newCoef).
var c1, c2, c3, c4, c5 = 1.40, 0.40, 1.00e-01, 1.00, 1.40

// coef holds setcoeff's mesh and dissipation coefficients, the time step
// and ω, and the constant sub-expressions the loops share. A derived field
// is always a left-to-right prefix of the Fortran's expression (dt*2*x is
// (dt*2)*x), so hoisting it out of a loop leaves every result bitwise
// unchanged.
type coef struct {
	dt, omega float64

	dxi, deta, dzeta float64
	tx1, tx2, tx3    float64
	ty1, ty2, ty3    float64
	tz1, tz2, tz3    float64
	dx, dy, dz       [5]float64 // dx1..dx5 (all equal in LU), …
	dssp             float64

	c1, c2, c3, c4, c5 float64
	c1c5               float64 // c1*c5
	half1mc1c5         float64 // 0.5*(1 - c1*c5)
	tx3c3c4            float64 // tx3*c3*c4
	ty3c3c4, tz3c3c4   float64
	dxtx1              [5]float64 // dx(m)*tx1
	dyty1, dztz1       [5]float64
	r43tx3             float64 // (4/3)*tx3
	r43ty3, r43tz3     float64
	hx, hy, hz         float64 // 0.5*(1 - c1*c5)*t?3
	sx, sy, sz         float64 // (1/6)*t?3
	c1c5tx3            float64 // c1*c5*t?3
	c1c5ty3, c1c5tz3   float64

	// jacld/jacu
	r43, c34, c1345       float64
	r43c34                float64 // r43*c34
	c34mc1345, r43c34m    float64 // c34 - c1345, r43*c34 - c1345
	c22, twomc2           float64 // c2*2, 2 - c2
	dt2, dt2c34           float64 // dt*2, dt*2*c34
	d11                   float64 // 1 + dt*2*(tx1*dx1 + ty1*dy1 + tz1*dz1)
	e                     [5]float64
	s                     [3]float64 // tx1*r43+ty1+tz1, tx1+ty1*r43+tz1, tx1+ty1+tz1*r43
	ns                    [3]float64 // -tx1*r43-ty1-tz1, … (jacu)
	k                     [3]float64 // dt*2*s(m)*c34 (jacld's d(m+1,1))
	p                     [3]float64 // the (r43*c34 - c1345) sums of d(5,·)
	dt2p                  [3]float64 // dt*2*p(m) (jacu's d(5,m+1))
	tsum, tc1345, dt2tc13 float64    // tx1+ty1+tz1, tsum*c1345, dt*2*tsum*c1345

	// per direction: dt*t?1, dt*t?2, and the products built on them
	dir [3]dirCoef
}

// dirCoef are the constants of one direction's Jacobian block (x: c in
// jacld, a in jacu; y: b; z: a in jacld, c in jacu).
type dirCoef struct {
	dtt1, dtt2 float64 // dt*t?1, dt*t?2
	dtt1d      [5]float64
	dtt1c34    float64 // dt*t?1*c34
	dtt1c1345  float64 // dt*t?1*c1345
	dtt1c34m   float64 // dt*t?1*(c34 - c1345)
	dtt1r43m   float64 // dt*t?1*(r43*c34 - c1345)
	dtt2c2     float64 // dt*t?2*c2
	dtt2twomc2 float64 // dt*t?2*(2 - c2)
}

func newCoef(g grid, dt, omega float64) coef {
	var c coef
	c.dt, c.omega = dt, omega
	c.dxi = 1.0 / float64(g.nx-1)
	c.deta = 1.0 / float64(g.ny-1)
	c.dzeta = 1.0 / float64(g.nz-1)
	c.tx1 = 1.0 / (c.dxi * c.dxi)
	c.tx2 = 1.0 / (2.0 * c.dxi)
	c.tx3 = 1.0 / c.dxi
	c.ty1 = 1.0 / (c.deta * c.deta)
	c.ty2 = 1.0 / (2.0 * c.deta)
	c.ty3 = 1.0 / c.deta
	c.tz1 = 1.0 / (c.dzeta * c.dzeta)
	c.tz2 = 1.0 / (2.0 * c.dzeta)
	c.tz3 = 1.0 / c.dzeta
	for m := range 5 {
		c.dx[m], c.dy[m], c.dz[m] = 0.75, 0.75, 1.00
	}
	c.dssp = max(c.dx[0], c.dy[0], c.dz[0]) / 4.0

	c.c1, c.c2, c.c3, c.c4, c.c5 = c1, c2, c3, c4, c5
	c.c1c5 = c.c1 * c.c5
	c.half1mc1c5 = 0.50 * (1.0 - c.c1c5)
	c.tx3c3c4 = c.tx3 * c.c3 * c.c4
	c.ty3c3c4 = c.ty3 * c.c3 * c.c4
	c.tz3c3c4 = c.tz3 * c.c3 * c.c4
	for m := range 5 {
		c.dxtx1[m] = c.dx[m] * c.tx1
		c.dyty1[m] = c.dy[m] * c.ty1
		c.dztz1[m] = c.dz[m] * c.tz1
	}

	c.r43tx3, c.r43ty3, c.r43tz3 = (4.0/3.0)*c.tx3, (4.0/3.0)*c.ty3, (4.0/3.0)*c.tz3
	c.hx, c.hy, c.hz = c.half1mc1c5*c.tx3, c.half1mc1c5*c.ty3, c.half1mc1c5*c.tz3
	c.sx, c.sy, c.sz = (1.0/6.0)*c.tx3, (1.0/6.0)*c.ty3, (1.0/6.0)*c.tz3
	c.c1c5tx3, c.c1c5ty3, c.c1c5tz3 = c.c1c5*c.tx3, c.c1c5*c.ty3, c.c1c5*c.tz3

	c.r43 = 4.0 / 3.0
	c.c1345 = c.c1 * c.c3 * c.c4 * c.c5
	c.c34 = c.c3 * c.c4
	c.r43c34 = c.r43 * c.c34
	c.c34mc1345 = c.c34 - c.c1345
	c.r43c34m = c.r43*c.c34 - c.c1345
	c.c22 = c.c2 * 2.0
	c.twomc2 = 2.0 - c.c2
	c.dt2 = dt * 2.0
	c.dt2c34 = c.dt2 * c.c34
	tx1, ty1, tz1, r43 := c.tx1, c.ty1, c.tz1, c.r43
	c.d11 = 1.0 + c.dt2*(tx1*c.dx[0]+ty1*c.dy[0]+tz1*c.dz[0])
	for m := range 5 {
		c.e[m] = c.dt2 * (tx1*c.dx[m] + ty1*c.dy[m] + tz1*c.dz[m])
	}
	c.s = [3]float64{tx1*r43 + ty1 + tz1, tx1 + ty1*r43 + tz1, tx1 + ty1 + tz1*r43}
	c.ns = [3]float64{-tx1*r43 - ty1 - tz1, -tx1 - ty1*r43 - tz1, -tx1 - ty1 - tz1*r43}
	for m := range 3 {
		c.k[m] = c.dt2 * c.s[m] * c.c34
	}
	cm, rm := c.c34mc1345, c.r43c34m
	c.p = [3]float64{
		tx1*rm + ty1*cm + tz1*cm,
		tx1*cm + ty1*rm + tz1*cm,
		tx1*cm + ty1*cm + tz1*rm,
	}
	for m := range 3 {
		c.dt2p[m] = c.dt2 * c.p[m]
	}
	c.tsum = tx1 + ty1 + tz1
	c.tc1345 = c.tsum * c.c1345
	c.dt2tc13 = c.dt2 * c.tsum * c.c1345

	t1 := [3]float64{c.tx1, c.ty1, c.tz1}
	t2 := [3]float64{c.tx2, c.ty2, c.tz2}
	d := [3][5]float64{c.dx, c.dy, c.dz}
	for a := range 3 {
		dc := &c.dir[a]
		dc.dtt1, dc.dtt2 = dt*t1[a], dt*t2[a]
		for m := range 5 {
			dc.dtt1d[m] = dc.dtt1 * d[a][m]
		}
		dc.dtt1c34 = dc.dtt1 * c.c34
		dc.dtt1c1345 = dc.dtt1 * c.c1345
		dc.dtt1c34m = dc.dtt1 * c.c34mc1345
		dc.dtt1r43m = dc.dtt1 * c.r43c34m
		dc.dtt2c2 = dc.dtt2 * c.c2
		dc.dtt2twomc2 = dc.dtt2 * c.twomc2
	}
	return c
}
