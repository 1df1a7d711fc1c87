package sp

import "npbgo/npb/cfd"

// SP's own part of the ADI step: txinvr, the scalar pentadiagonal line
// solves of x_solve, y_solve and z_solve (one solver, parameterised by the
// direction), and the block-diagonal changes of variables between them
// (ninvr, pinvr, tzetar). Each is fused into the line it follows: txinvr
// and x_solve into the ξ line that compute_rhs has just finished, ninvr and
// pinvr into the end of their solve. tzetar, which follows the ζ solve,
// is done by ξ rows with add (cfd.Solver.ZRow), as the places own them by
// k there. Each point sees the reference's operations in its order.
//
// The line solve is split where NPB3.4-MPI splits it between the cells of
// a line (forward, backward): the shared-memory form runs both halves on a
// whole line, the message-passing form (mpi.go) on each cell's share of it,
// passing the elimination's state on and the solution back. The two
// references differ in three expressions (txinvr's and tzetar's use of
// 1/speed, and the scaling of a line's last row in the u±c systems); a
// solver follows the one its form is measured against (solver.mpi).

// axis is what distinguishes x_solve, y_solve and z_solve: the grid's
// points along their lines and the lines' stride, the velocity along
// them, the constants of rhov (dmax1(da + con43·ru1, d5 + c1c5·ru1,
// dmax + ru1, d1)) and dtt1, dtt2, c2dtt1.
type axis struct {
	n, stride          int
	vel                []float64
	da, d5, dmax, d1   float64
	dtt1, dtt2, c2dtt1 float64
}

// block is the number of neighbouring η or ζ lines solved together: their
// points sit side by side in memory, so gathering them together reads whole
// cache lines (and pages) instead of one point from each.
const block = 8

// solver is SP's line solver on the fields of one ADI: the whole grid, or
// one cell of the multi-partition.
type solver struct {
	a   *cfd.ADI
	ax  [3]axis
	mpi bool // NPB3.4-MPI's arithmetic rather than NPB3.4-OMP's
}

func newSolver(a *cfd.ADI, mpi bool) *solver {
	return &solver{a: a, mpi: mpi, ax: [3]axis{
		{n: a.Nx, stride: 1, vel: a.US, da: a.Dx2, d5: a.Dx5, dmax: a.Dxmax, d1: a.Dx1,
			dtt1: a.Dttx1, dtt2: a.Dttx2, c2dtt1: a.C2dttx1},
		{n: a.Ny, stride: a.Ni, vel: a.VS, da: a.Dy3, d5: a.Dy5, dmax: a.Dymax, d1: a.Dy1,
			dtt1: a.Dtty1, dtt2: a.Dtty2, c2dtt1: a.C2dtty1},
		{n: a.Nz, stride: a.Plane, vel: a.WS, da: a.Dz4, d5: a.Dz5, dmax: a.Dzmax, d1: a.Dz1,
			dtt1: a.Dttz1, dtt2: a.Dttz2, c2dtt1: a.C2dttz1},
	}}
}

// scratch is one place's line work space (work_lhs.f): the three
// pentadiagonal matrices, one row of five diagonals per point, rhov, and
// the velocity (cv) and speed along the line, all indexed by the points'
// positions along the line; and for η and ζ lines, a block of lines of RHS
// gathered line by line (line b at b*n).
type scratch struct {
	lhs, lhsp, lhsm []cfd.Cell
	rhov, vel, spd  []float64
	r               []cfd.Cell
}

func newScratch(n int) *scratch {
	return &scratch{
		lhs: make([]cfd.Cell, n), lhsp: make([]cfd.Cell, n), lhsm: make([]cfd.Cell, n),
		rhov: make([]float64, n), vel: make([]float64, n), spd: make([]float64, n),
		r: make([]cfd.Cell, block*n),
	}
}

// efRow is what the forward elimination leaves of a row for the
// back-substitution: its two upper diagonals, scaled, in lhs (e, f: the
// components 1–3), lhsp (pe, pf: 4) and lhsm (me, mf: 5). forward leaves
// them in the rows themselves (lhs[i][3], lhs[i][4], ...).
type efRow struct{ e, f, pe, pf, me, mf float64 }

// efOf is what forward left of the rows l, lp, lm (row i into ef[i]), and
// setEF puts it back.
func efOf(ef []efRow, l, lp, lm []cfd.Cell) {
	for i := range ef {
		ef[i] = efRow{l[i][3], l[i][4], lp[i][3], lp[i][4], lm[i][3], lm[i][4]}
	}
}

func setEF(l, lp, lm []cfd.Cell, ef []efRow) {
	for i, g := range ef {
		l[i][3], l[i][4], lp[i][3], lp[i][4], lm[i][3], lm[i][4] = g.e, g.f, g.pe, g.pf, g.me, g.mf
	}
}

// txinvr is txinvr on the n points from o, all interior.
func (s *solver) txinvr(o, n int) {
	a := s.a
	rhs := a.RHS[o:][:n]
	rhoI, us, vs, ws := a.RhoI[o:][:n], a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n]
	speed, qs := a.Speed[o:][:n], a.QS[o:][:n]
	c2, bt, mpi := a.C2, a.Bt, s.mpi
	for i := range rhs {
		r := &rhs[i]
		ru1, uu, vv, ww, ac := rhoI[i], us[i], vs[i], ws[i], speed[i]
		c2ac2 := c2 / (ac * ac) // the reference's c2/ac2inv, ac2inv = ac·ac
		if mpi {
			ainv := 1.0 / ac
			c2ac2 = c2 * (ainv * ainv)
		}
		r1, r2, r3, r4, r5 := r[0], r[1], r[2], r[3], r[4]
		t1 := c2ac2 * (qs[i]*r1 - uu*r2 - vv*r3 - ww*r4 + r5)
		t2 := bt * ru1 * (uu*r1 - r2)
		t3 := (bt * ru1 * ac) * t1
		r[0] = r1 - t1
		r[1] = -ru1 * (ww*r1 - r4)
		r[2] = ru1 * (vv*r1 - r3)
		r[3] = -t2 + t3
		r[4] = t2 + t3
	}
}

// ninvr is ninvr on the points r, all interior.
func ninvr(r []cfd.Cell, bt float64) {
	for i := range r {
		c := &r[i]
		r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
		t1 := bt * r3
		t2 := 0.5 * (r4 + r5)
		c[0] = -r2
		c[1] = r1
		c[2] = bt * (r4 - r5)
		c[3] = -t1 + t2
		c[4] = t1 + t2
	}
}

// pinvr is pinvr on the points r, all interior.
func pinvr(r []cfd.Cell, bt float64) {
	for i := range r {
		c := &r[i]
		r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
		t1 := bt * r1
		t2 := 0.5 * (r4 + r5)
		c[0] = bt * (r4 - r5)
		c[1] = -r3
		c[2] = r2
		c[3] = -t1 + t2
		c[4] = t1 + t2
	}
}

// setupLHS builds the rows [t0, t1) of the three matrices of the line
// whose point t is at o + t*st, from ρ⁻¹, the velocity and the speed at
// its points t0-1 .. t1 (the first part of x_solve, lhsx.f: rhov,
// lhsinit, the lhs rows with cv = the velocity, the comz dissipation
// terms, lhsp and lhsm), one row at a time, each element by the
// reference's operations in its order: the rows in the middle of the
// grid, all with the same comz terms, in one loop, then those at each end.
// Row t is w.lhs[t] (and likewise every array of w).
func (s *solver) setupLHS(w *scratch, ax *axis, o, st, t0, t1 int) {
	a := s.a
	n := ax.n
	rhoI, vl, speed := a.RhoI, ax.vel, a.Speed
	vel, spd, rhov := w.vel[:n], w.spd[:n], w.rhov[:n]
	lhs, lhsp, lhsm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	c3c4, con43, c1c5 := a.C3c4, a.Con43, a.C1c5
	da, d5, dmax, d1 := ax.da, ax.d5, ax.dmax, ax.d1
	v0, v1 := max(t0-1, 0), min(t1+1, n)
	vs, ss, rs := vel[v0:v1], spd[v0:v1], rhov[v0:v1]
	ss, rs = ss[:len(vs)], rs[:len(vs)]
	p := o + v0*st
	for i := range vs {
		ru1 := c3c4 * rhoI[p]
		vs[i] = vl[p]
		ss[i] = speed[p]
		rv := da + con43*ru1
		if x := d5 + c1c5*ru1; x > rv {
			rv = x
		}
		if x := dmax + ru1; x > rv {
			rv = x
		}
		if d1 > rv {
			rv = d1
		}
		rs[i] = rv
		p += st
	}
	for _, t := range [2]int{0, n - 1} {
		if t < t0 || t >= t1 {
			continue
		}
		for _, l := range [3]*cfd.Cell{&lhs[t], &lhsp[t], &lhsm[t]} {
			l[0], l[1], l[2], l[3], l[4] = 0, 0, 1, 0, 0
		}
	}
	dtt1, dtt2, c2dtt1 := ax.dtt1, ax.dtt2, ax.c2dtt1
	comz1, comz4, comz5, comz6 := a.Comz1, a.Comz4, a.Comz5, a.Comz6
	row := func(t int, a0, b, d, e, f float64) {
		sm, sp := dtt2*spd[t-1], dtt2*spd[t+1]
		l, lp, lm := &lhs[t], &lhsp[t], &lhsm[t]
		l[0], l[1], l[2], l[3], l[4] = a0, b, d, e, f
		lp[0], lp[1], lp[2], lp[3], lp[4] = a0, b-sm, d, e+sp, f
		lm[0], lm[1], lm[2], lm[3], lm[4] = a0, b+sm, d, e-sp, f
	}
	// The rows of the grid's points 3 .. N-4.
	lo, hi := 3, n-3
	if t0 > lo {
		lo = t0
	}
	if t1 < hi {
		hi = t1
	}
	if lo < 1 || hi > n-1 {
		panic("sp: setupLHS: rows out of the line") // never: tells the compiler the loop's bounds
	}
	for t := lo; t < hi; t++ {
		b := -dtt2*vel[t-1] - dtt1*rhov[t-1] - comz4
		d := 1.0 + c2dtt1*rhov[t] + comz6
		e := dtt2*vel[t+1] - dtt1*rhov[t+1] - comz4
		sm, sp := dtt2*spd[t-1], dtt2*spd[t+1]
		l, lp, lm := &lhs[t], &lhsp[t], &lhsm[t]
		l[0], l[1], l[2], l[3], l[4] = comz1, b, d, e, comz1
		lp[0], lp[1], lp[2], lp[3], lp[4] = comz1, b-sm, d, e+sp, comz1
		lm[0], lm[1], lm[2], lm[3], lm[4] = comz1, b+sm, d, e-sp, comz1
	}
	for _, t := range [4]int{1, 2, n - 3, n - 2} {
		if t < t0 || t >= t1 {
			continue
		}
		b := -dtt2*vel[t-1] - dtt1*rhov[t-1]
		d := 1.0 + c2dtt1*rhov[t]
		e := dtt2*vel[t+1] - dtt1*rhov[t+1]
		var a0, f float64
		if t >= 2 {
			b = b - comz4
		}
		if t == 1 || t == n-2 {
			d = d + comz5
		} else {
			d = d + comz6
		}
		if t <= n-3 {
			e = e - comz4
		}
		if t >= 3 {
			a0 = comz1
		}
		if t <= n-4 {
			f = comz1
		}
		row(t, a0, b, d, e, f)
	}
}

// fwdCarry is what the forward elimination passes from one cell of a line
// to the next (x_solve.f's 22 values a line): what it left of the cell's
// last two rows, their scaled upper diagonals and right-hand sides.
type fwdCarry struct {
	ef [2]efRow
	r  [2]cfd.Cell
}

// bwdCarry is what the back-substitution passes from a cell to the one
// before it (10 values a line): the solution at the cell's first two rows.
type bwdCarry [2]cfd.Cell

// forward is the forward elimination of a line's share r with the rows
// w.lhs, w.lhsp, w.lhsm[0 .. len(r)) (the second part of x_solve,
// components 1–3 with lhs, 4 with lhsp and 5 with lhsm): from the rows'
// own values when the share starts the line (in == nil), else after the
// elimination of the two rows before it, whose state in passes. It leaves
// each row's scaled upper diagonals in the row (its elements 3 and 4) and
// its right-hand side in r, eliminated and scaled. If out is set, it
// passes on the share's last two rows; else the share ends the line, and
// forward goes on to substitute back along it (backsub). div is NPB3.4-OMP's scaling of the
// line's last row in the u±c systems (a division), else NPB3.4-MPI's (a
// product with the reciprocal, as of every cell's last row).
//
// Row i of a matrix has its five diagonals, from the sub-sub-diagonal up,
// in l[i][0..4]. The elimination of row i updates rows i+1 and i+2. The
// three systems are independent chains of divisions, each step waiting for
// the last: the reference runs them one after another, here they run in
// the same sweep so that each hides the others' latency, and the values
// on those chains (the main and super-diagonal of row i, the sub- and main
// diagonal of row i+1) stay in registers; the RHS updates, off the chains,
// go through memory, which keeps the registers for the chains. Every value
// gets the reference's operations in its order.
func forward(w *scratch, r []cfd.Cell, in, out *fwdCarry, div bool) {
	n := len(r)
	l, lp, lm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	// The state at row i: for each system, the main and upper diagonal of
	// row i and the lower and main diagonal of row i+1, as the rows above
	// have left them.
	d0, e0, b1, d1 := l[0][2], l[0][3], l[1][1], l[1][2]
	pd0, pe0, pb1, pd1 := lp[0][2], lp[0][3], lp[1][1], lp[1][2]
	md0, me0, mb1, md1 := lm[0][2], lm[0][3], lm[1][1], lm[1][2]
	if in != nil {
		a, b := &in.ef[0], &in.ef[1] // the rows two before and one before
		ra, rb := &in.r[0], &in.r[1]
		d0, e0, b1, d1 = carryIn(l, r, 0, 3, a.e, a.f, b.e, b.f, ra, rb)
		pd0, pe0, pb1, pd1 = carryIn(lp, r, 3, 4, a.pe, a.pf, b.pe, b.pf, ra, rb)
		md0, me0, mb1, md1 = carryIn(lm, r, 4, 5, a.me, a.mf, b.me, b.mf, ra, rb)
	}
	for i := 0; i < n-2; i++ {
		r0, r1, r2 := &r[i], &r[i+1], &r[i+2]
		{
			li, l1, l2 := &l[i], &l[i+1], &l[i+2]
			f0, e1 := li[4], l1[3]
			fac1 := 1.0 / d0
			e0 = fac1 * e0
			f0 = fac1 * f0
			li[3], li[4] = e0, f0
			d1 = d1 - b1*e0
			e1 = e1 - b1*f0
			a2 := l2[0]
			b2 := l2[1] - a2*e0
			d2 := l2[2] - a2*f0
			x0, y0, z0 := fac1*r0[0], fac1*r0[1], fac1*r0[2]
			r0[0], r0[1], r0[2] = x0, y0, z0
			r1[0], r1[1], r1[2] = r1[0]-b1*x0, r1[1]-b1*y0, r1[2]-b1*z0
			r2[0], r2[1], r2[2] = r2[0]-a2*x0, r2[1]-a2*y0, r2[2]-a2*z0
			d0, e0 = d1, e1
			b1, d1 = b2, d2
		}
		{
			li, l1, l2 := &lp[i], &lp[i+1], &lp[i+2]
			f0, e1 := li[4], l1[3]
			fac1 := 1.0 / pd0
			pe0 = fac1 * pe0
			f0 = fac1 * f0
			li[3], li[4] = pe0, f0
			pd1 = pd1 - pb1*pe0
			e1 = e1 - pb1*f0
			a2 := l2[0]
			b2 := l2[1] - a2*pe0
			d2 := l2[2] - a2*f0
			p0 := fac1 * r0[3]
			r0[3] = p0
			r1[3] = r1[3] - pb1*p0
			r2[3] = r2[3] - a2*p0
			pd0, pe0 = pd1, e1
			pb1, pd1 = b2, d2
		}
		{
			li, l1, l2 := &lm[i], &lm[i+1], &lm[i+2]
			f0, e1 := li[4], l1[3]
			fac1 := 1.0 / md0
			me0 = fac1 * me0
			f0 = fac1 * f0
			li[3], li[4] = me0, f0
			md1 = md1 - mb1*me0
			e1 = e1 - mb1*f0
			a2 := l2[0]
			b2 := l2[1] - a2*me0
			d2 := l2[2] - a2*f0
			m0 := fac1 * r0[4]
			r0[4] = m0
			r1[4] = r1[4] - mb1*m0
			r2[4] = r2[4] - a2*m0
			md0, me0 = md1, e1
			mb1, md1 = b2, d2
		}
	}

	// The last two rows: the first scaled and eliminated from the second,
	// which is scaled in turn.
	r0, r1 := &r[n-2], &r[n-1]
	fac1 := 1.0 / d0
	e0 = fac1 * e0
	x0, y0, z0 := fac1*r0[0], fac1*r0[1], fac1*r0[2]
	d1 = d1 - b1*e0
	x1, y1, z1 := r1[0]-b1*x0, r1[1]-b1*y0, r1[2]-b1*z0
	fac2 := 1.0 / d1
	x1, y1, z1 = fac2*x1, fac2*y1, fac2*z1
	pfac1 := 1.0 / pd0
	pe0 = pfac1 * pe0
	p0 := pfac1 * r0[3]
	pd1 = pd1 - pb1*pe0
	p1 := r1[3] - pb1*p0
	mfac1 := 1.0 / md0
	me0 = mfac1 * me0
	m0 := mfac1 * r0[4]
	md1 = md1 - mb1*me0
	m1 := r1[4] - mb1*m0
	var pfac2, mfac2 float64
	if div {
		p1 = p1 / pd1
		m1 = m1 / md1
	} else {
		pfac2, mfac2 = 1.0/pd1, 1.0/md1
		p1 = pfac2 * p1
		m1 = mfac2 * m1
	}
	if out == nil {
		// The line ends here: substitute back, from its last row.
		x0, y0, z0 = x0-e0*x1, y0-e0*y1, z0-e0*z1
		p0 = p0 - pe0*p1
		m0 = m0 - me0*m1
		*r1 = cfd.Cell{x1, y1, z1, p1, m1}
		*r0 = cfd.Cell{x0, y0, z0, p0, m0}
		backsub(w, r[:n-2], x0, y0, z0, p0, m0, x1, y1, z1, p1, m1)
		return
	}
	// Pass on the two rows, as the next cell reads them.
	*r0 = cfd.Cell{x0, y0, z0, p0, m0}
	*r1 = cfd.Cell{x1, y1, z1, p1, m1}
	a, b, c := &l[n-2], &lp[n-2], &lm[n-2]
	a[3], a[4], b[3], b[4], c[3], c[4] = e0, fac1*a[4], pe0, pfac1*b[4], me0, mfac1*c[4]
	a, b, c = &l[n-1], &lp[n-1], &lm[n-1]
	a[3], a[4] = fac2*(a[3]-b1*l[n-2][4]), fac2*a[4]
	b[3], b[4] = pfac2*(b[3]-pb1*lp[n-2][4]), pfac2*b[4]
	c[3], c[4] = mfac2*(c[3]-mb1*lm[n-2][4]), mfac2*c[4]
	efOf(out.ef[:], l[n-2:], lp[n-2:], lm[n-2:])
	out.r = [2]cfd.Cell{*r0, *r1}
}

// carryIn eliminates rows 0 and 1 of a line's share, in the system of
// the rows l and the components [c0, c1), with the two rows before it:
// ea, fa and ra of the row two before, eb, fb and rb of the row before, as
// the previous cell passes them (x_solve.f's unpacking of in_buffer). It
// returns the state for row 0.
func carryIn(l, r []cfd.Cell, c0, c1 int, ea, fa, eb, fb float64, ra, rb *cfd.Cell) (d0, e0, b1, d1 float64) {
	a0, a1 := l[0][0], l[1][0]
	b0 := l[0][1] - ea*a0
	d0 = l[0][2] - fa*a0
	for c := c0; c < c1; c++ {
		r[0][c] = r[0][c] - ra[c]*a0
	}
	d0 = d0 - eb*b0
	e0 = l[0][3] - fb*b0
	for c := c0; c < c1; c++ {
		r[0][c] = r[0][c] - rb[c]*b0
	}
	b1 = l[1][1] - eb*a1
	d1 = l[1][2] - fb*a1
	for c := c0; c < c1; c++ {
		r[1][c] = r[1][c] - rb[c]*a1
	}
	return d0, e0, b1, d1
}

// backward is the back-substitution along a line's share r that does not
// end the line, from what forward left in the rows of w and in r and the
// solution at the two rows after it, which in passes.
func backward(w *scratch, r []cfd.Cell, in *bwdCarry) {
	n := len(r)
	l, lp, lm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	s1, s2 := &in[0], &in[1]
	a, b, c, ri := &l[n-1], &lp[n-1], &lm[n-1], &r[n-1]
	x1 := ri[0] - a[3]*s1[0] - a[4]*s2[0]
	y1 := ri[1] - a[3]*s1[1] - a[4]*s2[1]
	z1 := ri[2] - a[3]*s1[2] - a[4]*s2[2]
	p1 := ri[3] - b[3]*s1[3] - b[4]*s2[3]
	m1 := ri[4] - c[3]*s1[4] - c[4]*s2[4]
	*ri = cfd.Cell{x1, y1, z1, p1, m1}
	a, b, c, ri = &l[n-2], &lp[n-2], &lm[n-2], &r[n-2]
	x0 := ri[0] - a[3]*x1 - a[4]*s1[0]
	y0 := ri[1] - a[3]*y1 - a[4]*s1[1]
	z0 := ri[2] - a[3]*z1 - a[4]*s1[2]
	p0 := ri[3] - b[3]*p1 - b[4]*s1[3]
	m0 := ri[4] - c[3]*m1 - c[4]*s1[4]
	*ri = cfd.Cell{x0, y0, z0, p0, m0}
	backsub(w, r[:n-2], x0, y0, z0, p0, m0, x1, y1, z1, p1, m1)
}

// backsub substitutes back along the rows r, which precede two solved
// rows: x0 .. m0 the first of them, x1 .. m1 the second.
func backsub(w *scratch, r []cfd.Cell, x0, y0, z0, p0, m0, x1, y1, z1, p1, m1 float64) {
	n := len(r)
	l, lp, lm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	for i := n - 1; i >= 0; i-- {
		li, pi, mi, ri := &l[i], &lp[i], &lm[i], &r[i]
		e, f := li[3], li[4]
		x := ri[0] - e*x0 - f*x1
		y := ri[1] - e*y0 - f*y1
		z := ri[2] - e*z0 - f*z1
		p := ri[3] - pi[3]*p0 - pi[4]*p1
		m := ri[4] - mi[3]*m0 - mi[4]*m1
		ri[0], ri[1], ri[2], ri[3], ri[4] = x, y, z, p, m
		x1, y1, z1, p1, m1 = x0, y0, z0, p0, m0
		x0, y0, z0, p0, m0 = x, y, z, p, m
	}
}

// xSolve is txinvr, x_solve and ninvr on the ξ line (j, k), whose RHS
// compute_rhs has just computed.
func (s *solver) xSolve(w *scratch, j, k int) {
	a := s.a
	ax := &s.ax[0]
	n := ax.n
	o := a.P(0, j, k)
	s.txinvr(o+1, n-2)
	s.setupLHS(w, ax, o, 1, 0, n)
	r := a.RHS[o:][:n]
	forward(w, r, nil, nil, !s.mpi)
	ninvr(r[1:n-1], a.Bt)
}

// gather copies the RHS of the points [t0, t1) of the lines whose point t
// is at o+b + t*st, b = 0 .. nb-1, into w, line by line (line b at
// b*(t1-t0)). Their ρ⁻¹, velocity and speed are read in place by
// setupLHS: the lines' values share cache lines, which the first line
// brings in for the others.
func (s *solver) gather(w *scratch, o, st, t0, t1, nb int) {
	a := s.a
	n := t1 - t0
	for t := t0; t < t1; t++ {
		rhs := a.RHS[o+t*st:][:nb]
		for b := range rhs {
			w.r[b*n+t-t0] = rhs[b]
		}
	}
}

// scatter is gather's inverse: it copies the lines of w back into RHS.
func (s *solver) scatter(w *scratch, o, st, t0, t1, nb int) {
	a := s.a
	n := t1 - t0
	for t := t0; t < t1; t++ {
		rhs := a.RHS[o+t*st:][:nb]
		for b := range rhs {
			rhs[b] = w.r[b*n+t-t0]
		}
	}
}

// solveRun solves the nb gathered lines of w, whose point 0 is at o, o+1,
// ...
func (s *solver) solveRun(w *scratch, ax *axis, o, nb int) {
	n := ax.n
	for b := 0; b < nb; b++ {
		s.setupLHS(w, ax, o+b, ax.stride, 0, n)
		forward(w, w.r[b*n:][:n], nil, nil, !s.mpi)
	}
}

// yRun is y_solve and pinvr on the η lines (i0..i1-1, k).
func (s *solver) yRun(w *scratch, k, i0, i1 int) {
	a := s.a
	ax := &s.ax[1]
	n, st, nb := ax.n, ax.stride, i1-i0
	o := a.P(i0, 0, k)
	s.gather(w, o, st, 0, n, nb)
	s.solveRun(w, ax, o, nb)
	for b := range nb {
		pinvr(w.r[b*n+1:][:n-2], a.Bt)
	}
	s.scatter(w, o, st, 0, n, nb)
}

// zRun is z_solve on the ζ lines (i0..i1-1, j). tzetar and add follow by
// rows (tzetar, cfd.Steps).
func (s *solver) zRun(w *scratch, j, i0, i1 int) {
	a := s.a
	ax := &s.ax[2]
	n, st, nb := ax.n, ax.stride, i1-i0
	o := a.P(i0, j, 0)
	s.gather(w, o, st, 0, n, nb)
	s.solveRun(w, ax, o, nb)
	s.scatter(w, o, st, 0, n, nb)
}

// tzetar is tzetar on the box's interior of the ξ row (j, k), before add.
func (s *solver) tzetar(j, k int) {
	a := s.a
	x0, x1 := a.Inner(0)
	n := x1 - x0
	o := a.P(x0, j, k)
	rhs := a.RHS[o:][:n]
	us, vs, ws, speed := a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n], a.Speed[o:][:n]
	u, qs := a.U[o:][:n], a.QS[o:][:n]
	bt, c2iv, mpi := a.Bt, a.C2iv, s.mpi
	for i := range rhs {
		c := &rhs[i]
		xvel, yvel, zvel := us[i], vs[i], ws[i]
		ac := speed[i]
		ac2u := ac * ac
		r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
		uzik1 := u[i][0]
		btuz := bt * uzik1
		btuzac := btuz / ac // NPB3.4-OMP; NPB3.4-MPI multiplies by ainv
		if mpi {
			btuzac = btuz * (1.0 / ac)
		}
		t1 := btuzac * (r4 + r5)
		t2 := r3 + t1
		t3 := btuz * (r4 - r5)
		c[0] = t2
		c[1] = -uzik1*r2 + xvel*t2
		c[2] = uzik1*r1 + yvel*t2
		c[3] = zvel*t2 + t3
		c[4] = uzik1*(-xvel*r2+yvel*r1) + qs[i]*t2 + c2iv*ac2u*t1 + zvel*t3
	}
}
