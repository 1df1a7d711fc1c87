package bt

import "npbgo/runtime/places"

// The line solves of x_solve.f, y_solve.f and z_solve.f. For every grid
// line along an axis the reference fills fjac and njac (the flux
// Jacobians and their viscous part) at every point of the line, assembles
// the block-tridiagonal system lhs(aa, bb, cc) for the interior points,
// eliminates it forwards with binvcrhs, matvec_sub and matmul_sub, and
// substitutes back into rhs. The three files differ only in the
// Jacobians and the coefficients; the assembly and the solve are one
// lineSolve here, given the stride of the line.
//
// lineSolve assembles the blocks of point i just before eliminating
// them, which keeps only cc for the back-substitution instead of the
// reference's whole lhs array; every value is still computed from the same
// operands in the same order.

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

// scratch is one place's work space for line solves.
type scratch struct {
	fjac, njac, cc []block // one per point of the line
	aa, bb         block
	_              [64]byte // keep neighbouring places' scratch apart
}

// solver holds what the line solves read and write.
type solver struct {
	nx, ny, nz, ni, nj int
	u, rhs             []float64 // 5 components per point
	rhoI, qs, square   []float64
	c1, c2, c1345      float64
	axes               [3]axisCoef
	scr                []scratch // one per place
}

// newSolver allocates the scratch for np places (at least one).
func (s *solver) allocScratch(np int) {
	n := max(s.nx, s.ny, s.nz)
	s.scr = make([]scratch, max(np, 1))
	for i := range s.scr {
		s.scr[i] = scratch{fjac: make([]block, n), njac: make([]block, n), cc: make([]block, n)}
	}
}

// setCoef sets the coefficients from those of set_constants.f.
func (s *solver) setCoef(dt, c1, c2, c3, c4, c3c4, c1345, con43 float64, t1, t2 [3]float64, d [3][5]float64) {
	s.c1, s.c2, s.c1345 = c1, c2, c1345
	for a := range 3 {
		ax := &s.axes[a]
		ax.dir = a
		ax.t1, ax.t2 = dt*t1[a], dt*t2[a]
		ax.d = d[a]
		for m := range 3 {
			c := c3c4
			if m == a {
				c = con43 * c3c4
			}
			ax.cn[m], ax.cd[m], ax.ca[m] = c, c, c-c1345
		}
	}
	s.axes[2].cd[2] = con43 * c3 * c4
}

// xSolve, ySolve and zSolve solve this place's share of the lines along
// their axis (x_solve, y_solve, z_solve): the interior (k, j), (k, i) and
// (j, i) lines, collapsed into one index and split in blocks.
func (s *solver) xSolve(p *places.Place) {
	w := s.ny - 2
	lo, hi := p.Block(0, (s.nz-2)*w)
	for l := lo; l < hi; l++ {
		k, j := l/w+1, l%w+1
		s.lineSolve(&s.scr[p.ID()], &s.axes[0], s.ni*(j+s.nj*k), 1, s.nx)
	}
}

func (s *solver) ySolve(p *places.Place) {
	w := s.nx - 2
	lo, hi := p.Block(0, (s.nz-2)*w)
	for l := lo; l < hi; l++ {
		k, i := l/w+1, l%w+1
		s.lineSolve(&s.scr[p.ID()], &s.axes[1], i+s.ni*s.nj*k, s.ni, s.ny)
	}
}

func (s *solver) zSolve(p *places.Place) {
	w := s.nx - 2
	lo, hi := p.Block(0, (s.ny-2)*w)
	for l := lo; l < hi; l++ {
		j, i := l/w+1, l%w+1
		s.lineSolve(&s.scr[p.ID()], &s.axes[2], i+s.ni*j, s.ni*s.nj, s.nz)
	}
}

// lineSolve solves the line of n points starting at point p0, st points
// apart.
func (s *solver) lineSolve(w *scratch, ax *axisCoef, p0, st, n int) {
	fjac, njac, cc := w.fjac[:n], w.njac[:n], w.cc[:n]
	for i := range n {
		p := p0 + i*st
		u := (*[5]float64)(s.u[5*p:])
		var tmp1 float64
		switch ax.dir {
		case 0:
			tmp1 = s.rhoI[p]
			s.fjacX(&fjac[i], u, tmp1, s.qs[p], s.square[p])
		case 1:
			tmp1 = s.rhoI[p]
			s.fjacY(&fjac[i], u, tmp1, s.qs[p], s.square[p])
		default:
			tmp1 = 1.0 / u[0]
			s.fjacZ(&fjac[i], u, tmp1, s.qs[p], s.square[p])
		}
		s.njac(&njac[i], u, tmp1, ax)
	}

	// lhsinit's identity rows at both ends, then the forward sweep.
	isize := n - 1
	aa, bb := &w.aa, &w.bb
	*bb = block{{1}, {0, 1}, {0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0, 1}}
	cc[0] = block{}
	rp := (*[5]float64)(s.rhs[5*p0:])
	binvcrhs(bb, &cc[0], rp)
	for i := 1; i < isize; i++ {
		lhsBlocks(aa, bb, &cc[i], &fjac[i-1], &njac[i-1], &njac[i], &fjac[i+1], &njac[i+1], ax)
		r := (*[5]float64)(s.rhs[5*(p0+i*st):])
		matvecSub(aa, rp, r)
		matmulSub(aa, &cc[i-1], bb)
		binvcrhs(bb, &cc[i], r)
		rp = r
	}
	*aa = block{}
	*bb = block{{1}, {0, 1}, {0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0, 1}}
	r := (*[5]float64)(s.rhs[5*(p0+isize*st):])
	matvecSub(aa, rp, r)
	matmulSub(aa, &cc[isize-1], bb)
	binvrhs(bb, r)

	// Back-substitution: rhs(i) -= cc(i)·rhs(i+1), summed as matvec_sub
	// sums.
	for i := isize - 1; i >= 0; i-- {
		rp := (*[5]float64)(s.rhs[5*(p0+i*st):])
		matvecSub(&cc[i], r, rp)
		r = rp
	}
}

// lhsBlocks assembles the blocks of an interior point from the Jacobians
// of the point before it (fm, nm), its own (n0) and the one after (fp, np).
func lhsBlocks(aa, bb, cc, fm, nm, n0, fp, np *block, ax *axisCoef) {
	t1, t2 := ax.t1, ax.t2
	t12 := t1 * 2.0
	for m := range 5 {
		for n := range 5 {
			aa[m][n] = -t2*fm[m][n] - t1*nm[m][n]
			bb[m][n] = t12 * n0[m][n]
			cc[m][n] = t2*fp[m][n] - t1*np[m][n]
		}
		aa[m][m] = aa[m][m] - t1*ax.d[m]
		bb[m][m] = 1.0 + t12*n0[m][m] + t12*ax.d[m]
		cc[m][m] = cc[m][m] - t1*ax.d[m]
	}
}

// njac is the viscous Jacobian at a point with the velocity components
// along ax.
func (s *solver) njac(nj *block, u *[5]float64, tmp1 float64, ax *axisCoef) {
	tmp2 := tmp1 * tmp1
	tmp3 := tmp1 * tmp2
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]
	nj[0] = [5]float64{}
	nj[1] = [5]float64{-ax.cn[0] * tmp2 * u2, ax.cd[0] * tmp1, 0, 0, 0}
	nj[2] = [5]float64{-ax.cn[1] * tmp2 * u3, 0, ax.cd[1] * tmp1, 0, 0}
	nj[3] = [5]float64{-ax.cn[2] * tmp2 * u4, 0, 0, ax.cd[2] * tmp1, 0}
	nj[4] = [5]float64{
		-(ax.ca[0])*tmp3*(u2*u2) - ax.ca[1]*tmp3*(u3*u3) - ax.ca[2]*tmp3*(u4*u4) - s.c1345*tmp2*u5,
		ax.ca[0] * tmp2 * u2,
		ax.ca[1] * tmp2 * u3,
		ax.ca[2] * tmp2 * u4,
		s.c1345 * tmp1,
	}
}

// fjacX, fjacY and fjacZ are the inviscid flux Jacobians along each axis,
// each in its own file's association.
func (s *solver) fjacX(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.c1, s.c2
	tmp2 := tmp1 * tmp1
	u1, u2, u3, u4, u5 := u[0], u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 1, 0, 0, 0}
	f[1] = [5]float64{-(u2 * tmp2 * u2) + c2*qs, (2.0 - c2) * (u2 / u1), -c2 * (u3 * tmp1), -c2 * (u4 * tmp1), c2}
	f[2] = [5]float64{-(u2 * u3) * tmp2, u3 * tmp1, u2 * tmp1, 0, 0}
	f[3] = [5]float64{-(u2 * u4) * tmp2, u4 * tmp1, 0, u2 * tmp1, 0}
	f[4] = [5]float64{
		(c2*2.0*square - c1*u5) * (u2 * tmp2),
		c1*u5*tmp1 - c2*(u2*u2*tmp2+qs),
		-c2 * (u3 * u2) * tmp2,
		-c2 * (u4 * u2) * tmp2,
		c1 * (u2 * tmp1),
	}
}

func (s *solver) fjacY(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.c1, s.c2
	tmp2 := tmp1 * tmp1
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 0, 1, 0, 0}
	f[1] = [5]float64{-(u2 * u3) * tmp2, u3 * tmp1, u2 * tmp1, 0, 0}
	f[2] = [5]float64{-(u3 * u3 * tmp2) + c2*qs, -c2 * u2 * tmp1, (2.0 - c2) * u3 * tmp1, -c2 * u4 * tmp1, c2}
	f[3] = [5]float64{-(u3 * u4) * tmp2, 0, u4 * tmp1, u3 * tmp1, 0}
	f[4] = [5]float64{
		(c2*2.0*square - c1*u5) * u3 * tmp2,
		-c2 * u2 * u3 * tmp2,
		c1*u5*tmp1 - c2*(qs+u3*u3*tmp2),
		-c2 * (u3 * u4) * tmp2,
		c1 * u3 * tmp1,
	}
}

func (s *solver) fjacZ(f *block, u *[5]float64, tmp1, qs, square float64) {
	c1, c2 := s.c1, s.c2
	tmp2 := tmp1 * tmp1
	u2, u3, u4, u5 := u[1], u[2], u[3], u[4]
	f[0] = [5]float64{0, 0, 0, 1, 0}
	f[1] = [5]float64{-(u2 * u4) * tmp2, u4 * tmp1, 0, u2 * tmp1, 0}
	f[2] = [5]float64{-(u3 * u4) * tmp2, 0, u4 * tmp1, u3 * tmp1, 0}
	f[3] = [5]float64{-(u4 * u4 * tmp2) + c2*qs, -c2 * u2 * tmp1, -c2 * u3 * tmp1, (2.0 - c2) * u4 * tmp1, c2}
	f[4] = [5]float64{
		(c2*2.0*square - c1*u5) * u4 * tmp2,
		-c2 * (u2 * u4) * tmp2,
		-c2 * (u3 * u4) * tmp2,
		c1*(u5*tmp1) - c2*(qs+u4*u4*tmp2),
		c1 * u4 * tmp1,
	}
}
