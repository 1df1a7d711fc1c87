package sp

import "npbgo/npb/cfd"

// SP's own part of the ADI step: txinvr, the scalar pentadiagonal line
// solves of x_solve, y_solve and z_solve (one solver, parameterised by the
// direction), and the block-diagonal changes of variables between them
// (ninvr, pinvr, tzetar). All of them work one line at a time, so each is
// fused into the line it follows: txinvr and x_solve into the ξ line that
// compute_rhs has just finished, ninvr, pinvr and tzetar into the end of
// their solve. Each point sees the reference's operations in its order.

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

// scratch is one place's line work space (work_lhs.f): the three
// pentadiagonal matrices, one row of five diagonals per point, cv, rhov and
// the speed along the line, and the line of RHS being solved (η and ζ lines
// are gathered into it).
type scratch struct {
	lhs, lhsp, lhsm []cfd.Cell
	cv, rhov, spd   []float64
	r               []cfd.Cell
	_               [64]byte // keep neighbouring places' headers apart
}

func newScratch(n int) *scratch {
	return &scratch{
		lhs: make([]cfd.Cell, n), lhsp: make([]cfd.Cell, n), lhsm: make([]cfd.Cell, n),
		cv: make([]float64, n), rhov: make([]float64, n), spd: make([]float64, n),
		r: make([]cfd.Cell, n),
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

// setupLHS gathers cv, rhov and the speed along the line at o and builds
// the three matrices of the line (the first part of x_solve: lhsinit, the
// lhs rows, the comz dissipation terms, lhsp and lhsm).
func (s *sp) setupLHS(w *scratch, ax *axis, o int) {
	a := s.a
	n, st := ax.n, ax.stride
	cv, rhov, spd := w.cv[:n], w.rhov[:n], w.spd[:n]
	lhs, lhsp, lhsm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	c3c4, con43, c1c5 := a.C3c4, a.Con43, a.C1c5
	da, d5, dmax, d1 := ax.da, ax.d5, ax.dmax, ax.d1
	for t := range cv {
		p := o + t*st
		ru1 := c3c4 * a.RhoI[p]
		cv[t] = ax.vel[p]
		spd[t] = a.Speed[p]
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
	edge := cfd.Cell{0, 0, 1, 0, 0}
	lhs[0], lhsp[0], lhsm[0] = edge, edge, edge
	lhs[n-1], lhsp[n-1], lhsm[n-1] = edge, edge, edge
	dtt1, dtt2, c2dtt1 := ax.dtt1, ax.dtt2, ax.c2dtt1
	comz1, comz4, comz5, comz6 := a.Comz1, a.Comz4, a.Comz5, a.Comz6
	for t := 1; t < n-1; t++ {
		l := &lhs[t]
		l[0] = 0.0
		l[1] = -dtt2*cv[t-1] - dtt1*rhov[t-1]
		l[2] = 1.0 + c2dtt1*rhov[t]
		l[3] = dtt2*cv[t+1] - dtt1*rhov[t+1]
		l[4] = 0.0
	}
	l := &lhs[1]
	l[2] = l[2] + comz5
	l[3] = l[3] - comz4
	l[4] = l[4] + comz1
	l = &lhs[2]
	l[1] = l[1] - comz4
	l[2] = l[2] + comz6
	l[3] = l[3] - comz4
	l[4] = l[4] + comz1
	for t := 3; t <= n-4; t++ {
		l := &lhs[t]
		l[0] = l[0] + comz1
		l[1] = l[1] - comz4
		l[2] = l[2] + comz6
		l[3] = l[3] - comz4
		l[4] = l[4] + comz1
	}
	l = &lhs[n-3]
	l[0] = l[0] + comz1
	l[1] = l[1] - comz4
	l[2] = l[2] + comz6
	l[3] = l[3] - comz4
	l = &lhs[n-2]
	l[0] = l[0] + comz1
	l[1] = l[1] - comz4
	l[2] = l[2] + comz5
	for t := 1; t < n-1; t++ {
		l, lp, lm := &lhs[t], &lhsp[t], &lhsm[t]
		lp[0] = l[0]
		lp[1] = l[1] - dtt2*spd[t-1]
		lp[2] = l[2]
		lp[3] = l[3] + dtt2*spd[t+1]
		lp[4] = l[4]
		lm[0] = l[0]
		lm[1] = l[1] + dtt2*spd[t-1]
		lm[2] = l[2]
		lm[3] = l[3] - dtt2*spd[t+1]
		lm[4] = l[4]
	}
}

// solveLHS solves the line r (n points, boundaries included) in place:
// forward elimination and back-substitution, components 1–3 with lhs, 4
// with lhsp and 5 with lhsm (the second part of x_solve). The reference
// runs the three systems one after another; they share nothing, so they
// run here in one sweep.
func solveLHS(w *scratch, r []cfd.Cell) {
	n := len(r)
	lhs, lhsp, lhsm := w.lhs[:n], w.lhsp[:n], w.lhsm[:n]
	for i := 0; i <= n-3; i++ {
		l, l1, l2 := &lhs[i], &lhs[i+1], &lhs[i+2]
		r0, r1, r2 := &r[i], &r[i+1], &r[i+2]
		fac1 := 1.0 / l[2]
		l[3] = fac1 * l[3]
		l[4] = fac1 * l[4]
		r0[0] = fac1 * r0[0]
		r0[1] = fac1 * r0[1]
		r0[2] = fac1 * r0[2]
		l1[2] = l1[2] - l1[1]*l[3]
		l1[3] = l1[3] - l1[1]*l[4]
		r1[0] = r1[0] - l1[1]*r0[0]
		r1[1] = r1[1] - l1[1]*r0[1]
		r1[2] = r1[2] - l1[1]*r0[2]
		l2[1] = l2[1] - l2[0]*l[3]
		l2[2] = l2[2] - l2[0]*l[4]
		r2[0] = r2[0] - l2[0]*r0[0]
		r2[1] = r2[1] - l2[0]*r0[1]
		r2[2] = r2[2] - l2[0]*r0[2]

		p, p1, p2 := &lhsp[i], &lhsp[i+1], &lhsp[i+2]
		fac1 = 1.0 / p[2]
		p[3] = fac1 * p[3]
		p[4] = fac1 * p[4]
		r0[3] = fac1 * r0[3]
		p1[2] = p1[2] - p1[1]*p[3]
		p1[3] = p1[3] - p1[1]*p[4]
		r1[3] = r1[3] - p1[1]*r0[3]
		p2[1] = p2[1] - p2[0]*p[3]
		p2[2] = p2[2] - p2[0]*p[4]
		r2[3] = r2[3] - p2[0]*r0[3]

		m, m1, m2 := &lhsm[i], &lhsm[i+1], &lhsm[i+2]
		fac1 = 1.0 / m[2]
		m[3] = fac1 * m[3]
		m[4] = fac1 * m[4]
		r0[4] = fac1 * r0[4]
		m1[2] = m1[2] - m1[1]*m[3]
		m1[3] = m1[3] - m1[1]*m[4]
		r1[4] = r1[4] - m1[1]*r0[4]
		m2[1] = m2[1] - m2[0]*m[3]
		m2[2] = m2[2] - m2[0]*m[4]
		r2[4] = r2[4] - m2[0]*r0[4]
	}
	// The last two points.
	i := n - 2
	{
		l, l1 := &lhs[i], &lhs[i+1]
		r0, r1 := &r[i], &r[i+1]
		fac1 := 1.0 / l[2]
		l[3] = fac1 * l[3]
		l[4] = fac1 * l[4]
		r0[0] = fac1 * r0[0]
		r0[1] = fac1 * r0[1]
		r0[2] = fac1 * r0[2]
		l1[2] = l1[2] - l1[1]*l[3]
		l1[3] = l1[3] - l1[1]*l[4]
		r1[0] = r1[0] - l1[1]*r0[0]
		r1[1] = r1[1] - l1[1]*r0[1]
		r1[2] = r1[2] - l1[1]*r0[2]
		fac2 := 1.0 / l1[2]
		r1[0] = fac2 * r1[0]
		r1[1] = fac2 * r1[1]
		r1[2] = fac2 * r1[2]

		p, p1 := &lhsp[i], &lhsp[i+1]
		fac1 = 1.0 / p[2]
		p[3] = fac1 * p[3]
		p[4] = fac1 * p[4]
		r0[3] = fac1 * r0[3]
		p1[2] = p1[2] - p1[1]*p[3]
		p1[3] = p1[3] - p1[1]*p[4]
		r1[3] = r1[3] - p1[1]*r0[3]

		m, m1 := &lhsm[i], &lhsm[i+1]
		fac1 = 1.0 / m[2]
		m[3] = fac1 * m[3]
		m[4] = fac1 * m[4]
		r0[4] = fac1 * r0[4]
		m1[2] = m1[2] - m1[1]*m[3]
		m1[3] = m1[3] - m1[1]*m[4]
		r1[4] = r1[4] - m1[1]*r0[4]

		r1[3] = r1[3] / p1[2]
		r1[4] = r1[4] / m1[2]

		r0[0] = r0[0] - l[3]*r1[0]
		r0[1] = r0[1] - l[3]*r1[1]
		r0[2] = r0[2] - l[3]*r1[2]
		r0[3] = r0[3] - p[3]*r1[3]
		r0[4] = r0[4] - m[3]*r1[4]
	}
	// Back-substitution.
	for i := n - 3; i >= 0; i-- {
		l, p, m := &lhs[i], &lhsp[i], &lhsm[i]
		r0, r1, r2 := &r[i], &r[i+1], &r[i+2]
		r0[0] = r0[0] - l[3]*r1[0] - l[4]*r2[0]
		r0[1] = r0[1] - l[3]*r1[1] - l[4]*r2[1]
		r0[2] = r0[2] - l[3]*r1[2] - l[4]*r2[2]
		r0[3] = r0[3] - p[3]*r1[3] - p[4]*r2[3]
		r0[4] = r0[4] - m[3]*r1[4] - m[4]*r2[4]
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
	s.setupLHS(w, ax, o)
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

// ySolve is y_solve and pinvr on the η line (i, k).
func (s *sp) ySolve(w *scratch, i, k int) {
	a := s.a
	ax := &s.ax[1]
	n, st := ax.n, ax.stride
	o := a.P(i, 0, k)
	s.setupLHS(w, ax, o)
	r := w.r[:n]
	for t := range r {
		r[t] = a.RHS[o+t*st]
	}
	solveLHS(w, r)
	bt := a.Bt
	for t := 0; t < n; t++ {
		c := &r[t]
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
		a.RHS[o+t*st] = *c
	}
}

// zSolve is z_solve and tzetar on the ζ line (i, j); the driver adds the
// line into U next.
func (s *sp) zSolve(w *scratch, i, j int) {
	a := s.a
	ax := &s.ax[2]
	n, st := ax.n, ax.stride
	o := a.P(i, j, 0)
	s.setupLHS(w, ax, o)
	r := w.r[:n]
	for t := range r {
		r[t] = a.RHS[o+t*st]
	}
	solveLHS(w, r)
	bt, c2iv := a.Bt, a.C2iv
	for t := 0; t < n; t++ {
		c := &r[t]
		p := o + t*st
		if t > 0 && t < n-1 {
			xvel, yvel, zvel := a.US[p], a.VS[p], a.WS[p]
			ac := a.Speed[p]
			ac2u := ac * ac
			r1, r2, r3, r4, r5 := c[0], c[1], c[2], c[3], c[4]
			uzik1 := a.U[p][0]
			btuz := bt * uzik1
			t1 := btuz / ac * (r4 + r5)
			t2 := r3 + t1
			t3 := btuz * (r4 - r5)
			c[0] = t2
			c[1] = -uzik1*r2 + xvel*t2
			c[2] = uzik1*r1 + yvel*t2
			c[3] = zvel*t2 + t3
			c[4] = uzik1*(-xvel*r2+yvel*r1) + a.QS[p]*t2 + c2iv*ac2u*t1 + zvel*t3
		}
		a.RHS[p] = *c
	}
}
