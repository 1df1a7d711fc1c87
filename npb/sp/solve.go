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

// axis is what distinguishes x_solve, y_solve and z_solve: the length and
// stride of their lines, the velocity along them, the constants of rhov
// (dmax1(da + con43·ru1, d5 + c1c5·ru1, dmax + ru1, d1)) and dtt1, dtt2,
// c2dtt1.
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

// scratch is one place's line work space (work_lhs.f): the three
// pentadiagonal matrices, one row of five diagonals per point, rhov, and
// the velocity (cv) and speed along the line; and for η and ζ lines, a
// block of lines of RHS gathered line by line (line b at b*n).
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

// txinvr is txinvr on the interior of the ξ line at o (n points).
func (s *sp) txinvr(o, n int) {
	a := s.a
	rhs := a.RHS[o:][:n]
	rhoI, us, vs, ws := a.RhoI[o:][:n], a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n]
	speed, qs := a.Speed[o:][:n], a.QS[o:][:n]
	c2, bt := a.C2, a.Bt
	for i := 1; i < n-1; i++ {
		r := &rhs[i]
		ru1, uu, vv, ww, ac := rhoI[i], us[i], vs[i], ws[i], speed[i]
		ac2inv := ac * ac
		r1, r2, r3, r4, r5 := r[0], r[1], r[2], r[3], r[4]
		t1 := c2 / ac2inv * (qs[i]*r1 - uu*r2 - vv*r3 - ww*r4 + r5)
		t2 := bt * ru1 * (uu*r1 - r2)
		t3 := (bt * ru1 * ac) * t1
		r[0] = r1 - t1
		r[1] = -ru1 * (ww*r1 - r4)
		r[2] = ru1 * (vv*r1 - r3)
		r[3] = -t2 + t3
		r[4] = t2 + t3
	}
}

// setupLHS builds the three matrices of the line that starts at point o
// and runs with stride st, from ρ⁻¹, the velocity and the speed along it
// (the first part of x_solve: rhov, lhsinit, the
// lhs rows with cv = the velocity, the comz dissipation terms, lhsp and
// lhsm), one row at a time, each element by the reference's operations in
// its order: the rows in the middle of the line, all with the same comz
// terms, in one loop, then the two rows at each end.
func (s *sp) setupLHS(w *scratch, ax *axis, o, st int) {
	a := s.a
	n := ax.n
	rhoI, vl, speed := a.RhoI, ax.vel, a.Speed
	vel, spd, rhov := w.vel[:n], w.spd[:n], w.rhov[:n]
	lhs, lhsp, lhsm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	c3c4, con43, c1c5 := a.C3c4, a.Con43, a.C1c5
	da, d5, dmax, d1 := ax.da, ax.d5, ax.dmax, ax.d1
	for t := range rhov {
		p := o + t*st
		ru1 := c3c4 * rhoI[p]
		vel[t] = vl[p]
		spd[t] = speed[p]
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
		rhov[t] = rv
	}
	for _, t := range [2]int{0, n - 1} {
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
	for t := 3; t <= n-4; t++ {
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

// solveLHS solves the line r (n points, boundaries included) in place:
// forward elimination and back-substitution (the second part of x_solve),
// components 1–3 with lhs, 4 with lhsp and 5 with lhsm.
//
// Row t of a matrix has its five diagonals, from the sub-sub-diagonal up,
// in l[t][0..4]. The elimination of row i updates rows i+1 and i+2. The
// three systems are independent chains of divisions, each step waiting for
// the last: the reference runs them one after another, here they run in
// the same sweep so that each hides the others' latency, and the values
// on those chains (the main and super-diagonal of row i, the sub- and main
// diagonal of row i+1) stay in registers; the RHS updates, off the chains,
// go through memory, which keeps the registers for the chains. Every value
// gets the reference's operations in its order.
func solveLHS(w *scratch, r []cfd.Cell) {
	n := len(r)
	l, lp, lm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	d0, e0, b1, d1 := l[0][2], l[0][3], l[1][1], l[1][2]
	pd0, pe0, pb1, pd1 := lp[0][2], lp[0][3], lp[1][1], lp[1][2]
	md0, me0, mb1, md1 := lm[0][2], lm[0][3], lm[1][1], lm[1][2]
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
	r0, r1 := &r[n-2], &r[n-1]
	fac1 := 1.0 / d0
	e0 = fac1 * e0
	x0, y0, z0 := fac1*r0[0], fac1*r0[1], fac1*r0[2]
	d1 = d1 - b1*e0
	x1, y1, z1 := r1[0]-b1*x0, r1[1]-b1*y0, r1[2]-b1*z0
	fac2 := 1.0 / d1
	x1, y1, z1 = fac2*x1, fac2*y1, fac2*z1
	fac1 = 1.0 / pd0
	pe0 = fac1 * pe0
	p0 := fac1 * r0[3]
	pd1 = pd1 - pb1*pe0
	p1 := r1[3] - pb1*p0
	fac1 = 1.0 / md0
	me0 = fac1 * me0
	m0 := fac1 * r0[4]
	md1 = md1 - mb1*me0
	m1 := r1[4] - mb1*m0
	p1 = p1 / pd1
	m1 = m1 / md1
	x0, y0, z0 = x0-e0*x1, y0-e0*y1, z0-e0*z1
	p0 = p0 - pe0*p1
	m0 = m0 - me0*m1
	*r1 = cfd.Cell{x1, y1, z1, p1, m1}
	*r0 = cfd.Cell{x0, y0, z0, p0, m0}
	for i := n - 3; i >= 0; i-- {
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
func (s *sp) xSolve(w *scratch, j, k int) {
	a := s.a
	ax := &s.ax[0]
	n := ax.n
	o := a.P(0, j, k)
	s.txinvr(o, n)
	s.setupLHS(w, ax, o, 1)
	r := a.RHS[o:][:n]
	solveLHS(w, r)
	bt := a.Bt
	for i := 1; i < n-1; i++ {
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

// gather copies the RHS of the lines that start at points o, o+1, ...,
// o+nb-1 and run with stride st into w, line by line. Their ρ⁻¹, velocity
// and speed are read in place by setupLHS: the lines' values share cache
// lines, which the first line brings in for the others.
func (s *sp) gather(w *scratch, ax *axis, o, nb int) {
	a := s.a
	n, st := ax.n, ax.stride
	for t := 0; t < n; t++ {
		rhs := a.RHS[o+t*st:][:nb]
		for b := range rhs {
			w.r[b*n+t] = rhs[b]
		}
	}
}

// solveRun solves the nb gathered lines of w, which start at points o,
// o+1, ...
func (s *sp) solveRun(w *scratch, ax *axis, o, nb int) {
	n := ax.n
	for b := 0; b < nb; b++ {
		s.setupLHS(w, ax, o+b, ax.stride)
		solveLHS(w, w.r[b*n:][:n])
	}
}

// yRun is y_solve and pinvr on the η lines (i0..i1-1, k).
func (s *sp) yRun(w *scratch, k, i0, i1 int) {
	a := s.a
	ax := &s.ax[1]
	n, st, nb := ax.n, ax.stride, i1-i0
	o := a.P(i0, 0, k)
	s.gather(w, ax, o, nb)
	s.solveRun(w, ax, o, nb)
	bt := a.Bt
	for t := 0; t < n; t++ {
		rhs := a.RHS[o+t*st:][:nb]
		for b := range rhs {
			c := &w.r[b*n+t]
			if t > 0 && t < n-1 {
				r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
				t1 := bt * r1
				t2 := 0.5 * (r4 + r5)
				c[0] = bt * (r4 - r5)
				c[1] = -r3
				c[2] = r2
				c[3] = -t1 + t2
				c[4] = t1 + t2
			}
			rhs[b] = *c
		}
	}
}

// zRun is z_solve on the ζ lines (i0..i1-1, j). tzetar and add follow by
// rows (tzetar, cfd.Steps).
func (s *sp) zRun(w *scratch, j, i0, i1 int) {
	a := s.a
	ax := &s.ax[2]
	n, st, nb := ax.n, ax.stride, i1-i0
	o := a.P(i0, j, 0)
	s.gather(w, ax, o, nb)
	s.solveRun(w, ax, o, nb)
	for t := 0; t < n; t++ {
		rhs := a.RHS[o+t*st:][:nb]
		for b := range rhs {
			rhs[b] = w.r[b*n+t]
		}
	}
}

// tzetar is tzetar on the interior of the ξ row (j, k), before add.
func (s *sp) tzetar(j, k int) {
	a := s.a
	n := a.Nx - 2
	o := a.P(1, j, k)
	rhs := a.RHS[o:][:n]
	us, vs, ws, speed := a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n], a.Speed[o:][:n]
	u, qs := a.U[o:][:n], a.QS[o:][:n]
	bt, c2iv := a.Bt, a.C2iv
	for i := range rhs {
		c := &rhs[i]
		xvel, yvel, zvel := us[i], vs[i], ws[i]
		ac := speed[i]
		ac2u := ac * ac
		r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
		uzik1 := u[i][0]
		btuz := bt * uzik1
		t1 := btuz / ac * (r4 + r5)
		t2 := r3 + t1
		t3 := btuz * (r4 - r5)
		c[0] = t2
		c[1] = -uzik1*r2 + xvel*t2
		c[2] = uzik1*r1 + yvel*t2
		c[3] = zvel*t2 + t3
		c[4] = uzik1*(-xvel*r2+yvel*r1) + qs[i]*t2 + c2iv*ac2u*t1 + zvel*t3
	}
}
