package sp

import (
	"testing"

	"npbgo/npb/cfd"
)

// BenchmarkLine is one line of SP's solver (setupLHS and solveLHS) on a
// class-A-length line of a set-up class-S problem's values, repeated.
func BenchmarkLine(b *testing.B) {
	s := newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	ax := s.ax[0]
	a := s.a
	o := a.P(0, 5, 5)
	w := newScratch(64)
	rho, vel, spd := append([]float64(nil), a.RhoI[o:o+64]...), append([]float64(nil), a.US[o:o+64]...), append([]float64(nil), a.Speed[o:o+64]...)
	src := append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	r := make([]cfd.Cell, 64)
	for b.Loop() {
		copy(r, src)
		s.setupLHS(w, &ax, rho, vel, spd)
		solveLHS(w, r)
	}
}

func solveLHSOrig(w *scratch, r []cfd.Cell) {
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

func BenchmarkLineOrig(b *testing.B) {
	s := newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	ax := s.ax[0]
	a := s.a
	o := a.P(0, 5, 5)
	w := newScratch(64)
	rho, vel, spd := append([]float64(nil), a.RhoI[o:o+64]...), append([]float64(nil), a.US[o:o+64]...), append([]float64(nil), a.Speed[o:o+64]...)
	src := append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	r := make([]cfd.Cell, 64)
	for b.Loop() {
		copy(r, src)
		s.setupLHS(w, &ax, rho, vel, spd)
		solveLHSOrig(w, r)
	}
}

func solveLHSV2(w *scratch, r []cfd.Cell) {
	n := len(r)
	solve3(w.lhs[:n], r)
	solve2(w.lhsp[:n], w.lhsm[:n], r)
}

func solve3(l, r []cfd.Cell) {
	n := len(r)
	l = l[:n]
	d0, e0 := l[0][2], l[0][3]
	b1, d1 := l[1][1], l[1][2]
	x0, y0, z0 := r[0][0], r[0][1], r[0][2]
	x1, y1, z1 := r[1][0], r[1][1], r[1][2]
	for i := 0; i < n-2; i++ {
		li, l1, l2, ri, r2 := &l[i], &l[i+1], &l[i+2], &r[i], &r[i+2]
		f0, e1 := li[4], l1[3]
		fac1 := 1.0 / d0
		e0 = fac1 * e0
		f0 = fac1 * f0
		x0 = fac1 * x0
		y0 = fac1 * y0
		z0 = fac1 * z0
		li[3], li[4] = e0, f0
		ri[0], ri[1], ri[2] = x0, y0, z0
		d1 = d1 - b1*e0
		e1 = e1 - b1*f0
		x1 = x1 - b1*x0
		y1 = y1 - b1*y0
		z1 = z1 - b1*z0
		a2 := l2[0]
		b2 := l2[1] - a2*e0
		d2 := l2[2] - a2*f0
		x2 := r2[0] - a2*x0
		y2 := r2[1] - a2*y0
		z2 := r2[2] - a2*z0
		d0, e0 = d1, e1
		b1, d1 = b2, d2
		x0, y0, z0 = x1, y1, z1
		x1, y1, z1 = x2, y2, z2
	}
	fac1 := 1.0 / d0
	e0 = fac1 * e0
	x0 = fac1 * x0
	y0 = fac1 * y0
	z0 = fac1 * z0
	d1 = d1 - b1*e0
	x1 = x1 - b1*x0
	y1 = y1 - b1*y0
	z1 = z1 - b1*z0
	fac2 := 1.0 / d1
	x1 = fac2 * x1
	y1 = fac2 * y1
	z1 = fac2 * z1
	x0 = x0 - e0*x1
	y0 = y0 - e0*y1
	z0 = z0 - e0*z1
	r[n-1][0], r[n-1][1], r[n-1][2] = x1, y1, z1
	r[n-2][0], r[n-2][1], r[n-2][2] = x0, y0, z0
	for i := n - 3; i >= 0; i-- {
		li, ri := &l[i], &r[i]
		e, f := li[3], li[4]
		x := ri[0] - e*x0 - f*x1
		y := ri[1] - e*y0 - f*y1
		z := ri[2] - e*z0 - f*z1
		ri[0], ri[1], ri[2] = x, y, z
		x1, y1, z1 = x0, y0, z0
		x0, y0, z0 = x, y, z
	}
}

func solve2(lp, lm, r []cfd.Cell) {
	n := len(r)
	lp, lm = lp[:n], lm[:n]
	pd0, pe0 := lp[0][2], lp[0][3]
	pb1, pd1 := lp[1][1], lp[1][2]
	md0, me0 := lm[0][2], lm[0][3]
	mb1, md1 := lm[1][1], lm[1][2]
	p0, p1 := r[0][3], r[1][3]
	m0, m1 := r[0][4], r[1][4]
	for i := 0; i < n-2; i++ {
		ri, r2 := &r[i], &r[i+2]
		{
			li, l1, l2 := &lp[i], &lp[i+1], &lp[i+2]
			f0, e1 := li[4], l1[3]
			fac1 := 1.0 / pd0
			pe0 = fac1 * pe0
			f0 = fac1 * f0
			p0 = fac1 * p0
			li[3], li[4] = pe0, f0
			ri[3] = p0
			pd1 = pd1 - pb1*pe0
			e1 = e1 - pb1*f0
			p1 = p1 - pb1*p0
			a2 := l2[0]
			b2 := l2[1] - a2*pe0
			d2 := l2[2] - a2*f0
			p2 := r2[3] - a2*p0
			pd0, pe0 = pd1, e1
			pb1, pd1 = b2, d2
			p0, p1 = p1, p2
		}
		{
			li, l1, l2 := &lm[i], &lm[i+1], &lm[i+2]
			f0, e1 := li[4], l1[3]
			fac1 := 1.0 / md0
			me0 = fac1 * me0
			f0 = fac1 * f0
			m0 = fac1 * m0
			li[3], li[4] = me0, f0
			ri[4] = m0
			md1 = md1 - mb1*me0
			e1 = e1 - mb1*f0
			m1 = m1 - mb1*m0
			a2 := l2[0]
			b2 := l2[1] - a2*me0
			d2 := l2[2] - a2*f0
			m2 := r2[4] - a2*m0
			md0, me0 = md1, e1
			mb1, md1 = b2, d2
			m0, m1 = m1, m2
		}
	}
	fac1 := 1.0 / pd0
	pe0 = fac1 * pe0
	p0 = fac1 * p0
	pd1 = pd1 - pb1*pe0
	p1 = p1 - pb1*p0
	fac1 = 1.0 / md0
	me0 = fac1 * me0
	m0 = fac1 * m0
	md1 = md1 - mb1*me0
	m1 = m1 - mb1*m0
	p1 = p1 / pd1
	m1 = m1 / md1
	p0 = p0 - pe0*p1
	m0 = m0 - me0*m1
	r[n-1][3], r[n-1][4] = p1, m1
	r[n-2][3], r[n-2][4] = p0, m0
	for i := n - 3; i >= 0; i-- {
		pi, mi, ri := &lp[i], &lm[i], &r[i]
		p := ri[3] - pi[3]*p0 - pi[4]*p1
		m := ri[4] - mi[3]*m0 - mi[4]*m1
		ri[3], ri[4] = p, m
		p1, p0 = p0, p
		m1, m0 = m0, m
	}
}

func BenchmarkLineV2(b *testing.B) {
	s := newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	ax := s.ax[0]
	a := s.a
	o := a.P(0, 5, 5)
	w := newScratch(64)
	rho, vel, spd := append([]float64(nil), a.RhoI[o:o+64]...), append([]float64(nil), a.US[o:o+64]...), append([]float64(nil), a.Speed[o:o+64]...)
	src := append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	r := make([]cfd.Cell, 64)
	for b.Loop() {
		copy(r, src)
		s.setupLHS(w, &ax, rho, vel, spd)
		solveLHSV2(w, r)
	}
}

func BenchmarkLineSetup(b *testing.B) {
	s := newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	ax := s.ax[0]
	a := s.a
	o := a.P(0, 5, 5)
	w := newScratch(64)
	rho, vel, spd := append([]float64(nil), a.RhoI[o:o+64]...), append([]float64(nil), a.US[o:o+64]...), append([]float64(nil), a.Speed[o:o+64]...)
	for b.Loop() {
		s.setupLHS(w, &ax, rho, vel, spd)
	}
}

func TestLineV3(t *testing.T) {
	s := newGrid(t, 0, 64, 12, 12, 1, 0.0015)
	ax := s.ax[0]
	a := s.a
	o := a.P(0, 5, 5)
	w := newScratch(64)
	rho, vel, spd := a.RhoI[o:o+64], a.US[o:o+64], a.Speed[o:o+64]
	r1 := append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	r2 := append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	s.setupLHS(w, &ax, rho, vel, spd)
	solveLHS(w, r1)
	s.setupLHS(w, &ax, rho, vel, spd)
	solveLHS(w, r2)
	if _, ok := sameBits(r1, r2); !ok {
		t.Fatal("V3 differs")
	}
}
