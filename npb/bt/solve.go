package bt

import "npbgo/npb/cfd"

// The line solves of x_solve.f, y_solve.f and z_solve.f. For every grid
// line along an axis the reference fills fjac and njac (the flux
// Jacobians and their viscous part) at every point of the line, assembles
// the block-tridiagonal system lhs(aa, bb, cc) for the interior points,
// eliminates it forwards with binvcrhs, matvec_sub and matmul_sub, and
// substitutes back into rhs. The three files differ only in fjac and in
// coefficients; the assembly and the solve are one lineSolve here, given
// the stride of the line. Every value is bitwise the reference's: the
// same operations on the same operands in the same order, except where
// an operand is a structural zero and the operation provably changes
// nothing (see lhsBlocks).

// axisCoef are the coefficients of the solve along one axis.
type axisCoef struct {
	dir    int        // 0 x, 1 y, 2 z: selects the Jacobian
	t1, t2 float64    // dt·t?1, dt·t?2
	d      [5]float64 // d?1..d?5
	// The viscous Jacobian: con43·c3c4 on the axis's own velocity
	// component, c3c4 on the others, in the three forms the reference
	// writes: the coefficient of njac(m,1), that of njac(m,m) (z_solve
	// writes con43·c3·c4 there) and that of njac(5,m) minus c1345.
	cn, cd, ca [3]float64
}

// scratch is one place's work space for line solves: the blocks of each
// point of a line (point t of the rows [t0, t1) being solved at index
// t-t0+1), and the elimination's work space.
type scratch struct {
	a, b, c  []block
	fjac     block
	id, zero block
	gj       gaussJordan
	_        [64]byte // keep neighbouring places' scratch apart
}

// newScratch makes the scratch for lines of up to n points. a has a spare
// block: the AVX kernels read one float past the block they are given.
func newScratch(n int) *scratch {
	return &scratch{a: make([]block, n+3), b: make([]block, n+2), c: make([]block, n+2)}
}

// solver is BT's line solver on the fields of one ADI: the whole grid, or
// one cell of the multi-partition.
type solver struct {
	*cfd.ADI
	axes [3]axisCoef
	// mpi selects NPB3.4-MPI's flux Jacobians, which form two entries
	// differently from NPB3.4-OMP's (fjac).
	mpi bool
}

// newSolver sets up the line solves on a.
func newSolver(a *cfd.ADI, mpi bool) *solver {
	s := &solver{ADI: a, mpi: mpi}
	t1 := [3]float64{a.Tx1, a.Ty1, a.Tz1}
	t2 := [3]float64{a.Tx2, a.Ty2, a.Tz2}
	d := [3][5]float64{
		{a.Dx1, a.Dx2, a.Dx3, a.Dx4, a.Dx5},
		{a.Dy1, a.Dy2, a.Dy3, a.Dy4, a.Dy5},
		{a.Dz1, a.Dz2, a.Dz3, a.Dz4, a.Dz5},
	}
	for x := range 3 {
		ax := &s.axes[x]
		ax.dir = x
		ax.t1, ax.t2 = a.Dt*t1[x], a.Dt*t2[x]
		ax.d = d[x]
		for m := range 3 {
			c := a.C3c4
			if m == x {
				c = a.Con43 * a.C3c4
			}
			ax.cn[m], ax.cd[m], ax.ca[m] = c, c, c-a.C1345
		}
	}
	s.axes[2].cd[2] = a.Con43 * a.C3 * a.C4
	return s
}

// xSolve, ySolve and zSolve solve one whole line of x_solve, y_solve and
// z_solve: the ξ line (j, k), the η line (i, k), the ζ line (i, j).
func (s *solver) xSolve(w *scratch, j, k int) {
	s.lineSolve(w, &s.axes[0], s.P(0, j, k), 1, s.Nx)
}

func (s *solver) ySolve(w *scratch, i, k int) {
	s.lineSolve(w, &s.axes[1], s.P(i, 0, k), s.Ni, s.Ny)
}

func (s *solver) zSolve(w *scratch, i, j int) {
	s.lineSolve(w, &s.axes[2], s.P(i, j, 0), s.Plane, s.Nz)
}

// lineSolve solves the whole line of n points whose point t is at p0 +
// t*st.
func (s *solver) lineSolve(w *scratch, ax *axisCoef, p0, st, n int) {
	s.lineBlocks(w, w.c, ax, p0, st, 0, n, n)
	s.forward(w, w.c, p0, st, 0, n, n, nil, nil)
}

// lineBlocks forms the blocks of the points t0-1 .. t1 of the line of n
// points whose point t is at p0 + t*st (those it has): point t's into
// w.a, w.b and c at index t-t0+1.
//
// The reference's aa(i) is built from the Jacobians of point i-1, bb(i)
// from those of i and cc(i) from those of i+1, as -dt·t2·fjac - dt·t1·njac,
// 2·dt·t1·njac and dt·t2·fjac - dt·t1·njac (plus the diagonal terms). So
// each point's products are formed once, into its blocks; then row i of
// the system (point t0+i) has aa = a[i], bb = b[i+1] and cc = c[i+2],
// used in place.
func (s *solver) lineBlocks(w *scratch, c []block, ax *axisCoef, p0, st, t0, t1, n int) {
	v0, v1 := max(t0-1, 0), min(t1+1, n) // the points to form
	k := v1 - v0
	a, b, c := w.a[v0-t0+1:][:k], w.b[v0-t0+1:][:k], c[v0-t0+1:][:k]
	p := p0 + v0*st
	for i := range a {
		u := &s.U[p]
		var tmp1 float64
		switch ax.dir {
		case 0:
			tmp1 = s.RhoI[p]
			s.fjacX(&w.fjac, u, tmp1, s.QS[p], s.Square[p])
		case 1:
			tmp1 = s.RhoI[p]
			s.fjacY(&w.fjac, u, tmp1, s.QS[p], s.Square[p])
		default:
			tmp1 = 1.0 / u[0]
			s.fjacZ(&w.fjac, u, tmp1, s.QS[p], s.Square[p])
		}
		s.lhsBlocks(&a[i], &b[i], &c[i], &w.fjac, u, tmp1, ax)
		p += st
	}
}

// btCarry is what the forward elimination passes from one cell of a line
// to the next (x_solve.f's x_send_solve_info): the last row's C' = B⁻¹C
// and rhs' = B⁻¹rhs.
type btCarry struct {
	c block
	r [5]float64
}

// forward eliminates the rows [t0, t1) of the line of n points whose point
// t is at p0 + t*st (the block Thomas sweep of x_solve_cell), with the
// blocks of lineBlocks (c holding the cc blocks, which become C' in
// place): from the line's first row, whose bb is the identity and cc zero
// (lhsinit), when t0 = 0, else from the C' and rhs' of the row before,
// which in passes. Ending the line (t1 = n), the last row's aa is zero and
// bb the identity, and the back-substitution follows at once; else out
// receives the last row's C' and rhs'.
func (s *solver) forward(w *scratch, c []block, p0, st, t0, t1, n int, in, out *btCarry) {
	a, b := w.a, w.b
	m := t1 - t0
	q0 := p0 + t0*st // row 0
	i0, i1 := 0, m
	var rp *[5]float64
	id := &w.id
	if t0 == 0 {
		*id = block{{1}, {0, 1}, {0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0, 1}}
		c[2] = block{}
		rp = &s.RHS[q0]
		binvcrhs(id, &c[2], rp, &w.gj)
		i0 = 1
	} else {
		c[1] = in.c
		rp = &in.r
	}
	if t1 == n {
		i1 = m - 1
	}
	// Row i has aa = a[i], bb = b[i+1], cc = c[i+2], and C' of the row
	// before in c[i+1].
	if k := i1 - i0; k > 0 {
		aa, bb, cp, cc := a[i0:][:k], b[i0+1:][:k], c[i0+1:][:k], c[i0+2:][:k]
		q := q0 + i0*st
		for i := range aa {
			r := &s.RHS[q]
			matvecSub(&aa[i], rp, r)
			matmulSub(&aa[i], &cp[i], &bb[i])
			binvcrhs(&bb[i], &cc[i], r, &w.gj)
			rp = r
			q += st
		}
	}
	if t1 != n {
		out.c, out.r = c[m+1], *rp
		return
	}
	// lhsinit's last point: aa = 0, bb = identity.
	*id = block{{1}, {0, 1}, {0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0, 1}}
	zero := &w.zero
	r := &s.RHS[q0+(m-1)*st]
	matvecSub(zero, rp, r)
	matmulSub(zero, &c[m], id)
	binvrhs(id, r)
	s.backward(c, q0, st, m-2, r)
}

// backward substitutes back along the rows i0 .. 0 of a line's share,
// row i at q0 + i*st, from the solution rn of the row after row i0:
// rhs(i) -= C'(i)·rhs(i+1), summed as matvec_sub sums.
func (s *solver) backward(c []block, q0, st, i0 int, rn *[5]float64) {
	c = c[2:][:i0+1]
	q := q0 + i0*st
	for i := len(c) - 1; i >= 0; i-- {
		r := &s.RHS[q]
		matvecSub(&c[i], rn, r)
		rn = r
		q -= st
	}
}

// lhsBlocks forms a point's blocks of the system from its flux Jacobian
// f and its viscous Jacobian (njac), which it computes from u and tmp1 =
// 1/ρ. For every axis njac is zero but in its first column, on its
// diagonal and in its last row; where it is zero, -dt·t2·f - dt·t1·njac is
// (-dt·t2)·f and dt·t2·f - dt·t1·njac is dt·t2·f, bit for bit, and
// 2·dt·t1·njac is +0. Rows are written out: as a loop over n, the address
// arithmetic costs more than the arithmetic.
func (s *solver) lhsBlocks(a, b, c, f *block, u *cfd.Cell, tmp1 float64, ax *axisCoef) {
	t1, t2 := ax.t1, ax.t2
	nt2, t12 := -t2, t1*2.0
	fRow(&a[0], &c[0], &f[0], nt2, t2)
	fRow(&a[1], &c[1], &f[1], nt2, t2)
	fRow(&a[2], &c[2], &f[2], nt2, t2)
	fRow(&a[3], &c[3], &f[3], nt2, t2)
	b[0], b[1], b[2], b[3] = [5]float64{}, [5]float64{}, [5]float64{}, [5]float64{}
	tmp2 := tmp1 * tmp1
	tmp3 := tmp1 * tmp2
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]

	// Row 1: njac is zero.
	d := t1 * ax.d[0]
	a[0][0] = a[0][0] - d
	b[0][0] = 1.0 + t12*ax.d[0]
	c[0][0] = c[0][0] - d

	// Rows 2 to 4: njac(m,1) and njac(m,m).
	njEntry(&a[1][0], &b[1][0], &c[1][0], f[1][0], -ax.cn[0]*tmp2*u2, t1, nt2, t2, t12)
	njEntry(&a[2][0], &b[2][0], &c[2][0], f[2][0], -ax.cn[1]*tmp2*u3, t1, nt2, t2, t12)
	njEntry(&a[3][0], &b[3][0], &c[3][0], f[3][0], -ax.cn[2]*tmp2*u4, t1, nt2, t2, t12)
	njDiag(&a[1][1], &b[1][1], &c[1][1], f[1][1], ax.cd[0]*tmp1, ax.d[1], t1, nt2, t2, t12)
	njDiag(&a[2][2], &b[2][2], &c[2][2], f[2][2], ax.cd[1]*tmp1, ax.d[2], t1, nt2, t2, t12)
	njDiag(&a[3][3], &b[3][3], &c[3][3], f[3][3], ax.cd[2]*tmp1, ax.d[3], t1, nt2, t2, t12)

	// Row 5: njac is full.
	n0 := -(ax.ca[0])*tmp3*(u2*u2) - ax.ca[1]*tmp3*(u3*u3) - ax.ca[2]*tmp3*(u4*u4) - s.C1345*tmp2*u5
	n1, n2, n3, n4 := ax.ca[0]*tmp2*u2, ax.ca[1]*tmp2*u3, ax.ca[2]*tmp2*u4, s.C1345*tmp1
	fr, ar, br, cr := &f[4], &a[4], &b[4], &c[4]
	q0, q1, q2, q3, q4 := t1*n0, t1*n1, t1*n2, t1*n3, t1*n4
	f0, f1, f2, f3, f4 := fr[0], fr[1], fr[2], fr[3], fr[4]
	d = t1 * ax.d[4]
	ar[0], ar[1], ar[2], ar[3], ar[4] = nt2*f0-q0, nt2*f1-q1, nt2*f2-q2, nt2*f3-q3, nt2*f4-q4-d
	br[0], br[1], br[2], br[3], br[4] = t12*n0, t12*n1, t12*n2, t12*n3, 1.0+t12*n4+t12*ax.d[4]
	cr[0], cr[1], cr[2], cr[3], cr[4] = t2*f0-q0, t2*f1-q1, t2*f2-q2, t2*f3-q3, t2*f4-q4-d
}

// fRow sets a row of a and c where njac is zero.
func fRow(ar, cr, fr *[5]float64, nt2, t2 float64) {
	f0, f1, f2, f3, f4 := fr[0], fr[1], fr[2], fr[3], fr[4]
	ar[0], ar[1], ar[2], ar[3], ar[4] = nt2*f0, nt2*f1, nt2*f2, nt2*f3, nt2*f4
	cr[0], cr[1], cr[2], cr[3], cr[4] = t2*f0, t2*f1, t2*f2, t2*f3, t2*f4
}

// njEntry sets the entries of a, b and c where fjac is f and njac nj.
func njEntry(a, b, c *float64, f, nj, t1, nt2, t2, t12 float64) {
	q := t1 * nj
	*a, *b, *c = nt2*f-q, t12*nj, t2*f-q
}

// njDiag is njEntry on the diagonal, with its dissipation term d.
func njDiag(a, b, c *float64, f, nj, d, t1, nt2, t2, t12 float64) {
	q, e := t1*nj, t1*d
	*a, *b, *c = nt2*f-q-e, 1.0+t12*nj+t12*d, t2*f-q-e
}

// fjacX, fjacY and fjacZ are the inviscid flux Jacobians along each axis,
// each in its own file's association; NPB3.4-MPI's (s.mpi) form fjac(2,2)
// of x_solve and fjac(5,1) of all three from ρ⁻¹ and qs instead.
func (s *solver) fjacX(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.C1, s.C2
	tmp2 := tmp1 * tmp1
	u1, u2, u3, u4, u5 := u[0], u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 1, 0, 0, 0}
	f22 := (2.0 - c2) * (u2 / u1)
	f51 := (c2*2.0*square - c1*u5) * (u2 * tmp2)
	if s.mpi {
		f22 = (2.0 - c2) * (u2 * tmp1)
		f51 = (c2*2.0*qs - c1*(u5*tmp1)) * (u2 * tmp1)
	}
	f[1] = [5]float64{-(u2 * tmp2 * u2) + c2*qs, f22, -c2 * (u3 * tmp1), -c2 * (u4 * tmp1), c2}
	f[2] = [5]float64{-(u2 * u3) * tmp2, u3 * tmp1, u2 * tmp1, 0, 0}
	f[3] = [5]float64{-(u2 * u4) * tmp2, u4 * tmp1, 0, u2 * tmp1, 0}
	f[4] = [5]float64{
		f51,
		c1*u5*tmp1 - c2*(u2*u2*tmp2+qs),
		-c2 * (u3 * u2) * tmp2,
		-c2 * (u4 * u2) * tmp2,
		c1 * (u2 * tmp1),
	}
}

func (s *solver) fjacY(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.C1, s.C2
	tmp2 := tmp1 * tmp1
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 0, 1, 0, 0}
	f[1] = [5]float64{-(u2 * u3) * tmp2, u3 * tmp1, u2 * tmp1, 0, 0}
	f[2] = [5]float64{-(u3 * u3 * tmp2) + c2*qs, -c2 * u2 * tmp1, (2.0 - c2) * u3 * tmp1, -c2 * u4 * tmp1, c2}
	f[3] = [5]float64{-(u3 * u4) * tmp2, 0, u4 * tmp1, u3 * tmp1, 0}
	f51 := (c2*2.0*square - c1*u5) * u3 * tmp2
	if s.mpi {
		f51 = (c2*2.0*qs - c1*u5*tmp1) * u3 * tmp1
	}
	f[4] = [5]float64{
		f51,
		-c2 * u2 * u3 * tmp2,
		c1*u5*tmp1 - c2*(qs+u3*u3*tmp2),
		-c2 * (u3 * u4) * tmp2,
		c1 * u3 * tmp1,
	}
}

func (s *solver) fjacZ(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.C1, s.C2
	tmp2 := tmp1 * tmp1
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 0, 0, 1, 0}
	f[1] = [5]float64{-(u2 * u4) * tmp2, u4 * tmp1, 0, u2 * tmp1, 0}
	f[2] = [5]float64{-(u3 * u4) * tmp2, 0, u4 * tmp1, u3 * tmp1, 0}
	f[3] = [5]float64{-(u4 * u4 * tmp2) + c2*qs, -c2 * u2 * tmp1, -c2 * u3 * tmp1, (2.0 - c2) * u4 * tmp1, c2}
	f51 := (c2*2.0*square - c1*u5) * u4 * tmp2
	if s.mpi {
		f51 = (c2*2.0*qs - c1*(u5*tmp1)) * (u4 * tmp1)
	}
	f[4] = [5]float64{
		f51,
		-c2 * (u2 * u4) * tmp2,
		-c2 * (u3 * u4) * tmp2,
		c1*(u5*tmp1) - c2*(qs+u4*u4*tmp2),
		c1 * u4 * tmp1,
	}
}
