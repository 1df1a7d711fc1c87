package mg

import (
	"math"

	"npbgo/runtime/places"
)

// The grid operations of mg.f. Each one computes this place's share of the
// planes of its output and then exchanges the borders of those planes
// (comm3); the caller puts a barrier after it. Indices are 0-based: a level
// of n points a side has the interior 1..n-2 and ghost layers 0 and n-1,
// point (i1, i2, i3) at i1 + n*i2 + ps*i3.
//
// The reference first adds up, for a whole row, the face and the edge
// neighbours in the i2-i3 plane into line buffers (u1/u2 in resid, r1/r2 in
// psinv, x1/y1 in rprj3, z1/z2/z3 in interp), then combines neighbouring
// entries of those buffers. The row kernels below compute the same partial
// sums, in the same order, one column ahead of the point they update, and
// carry the two or three entries still needed in registers instead of
// storing and reloading a buffer: the same arithmetic with a third fewer
// loads, which is what limits these loops. Each row kernel is a small
// function of its own, so that its slices stay in registers (inlined into
// the loop nest they are spilled), and its rows are re-sliced to one length
// so that the compiler drops the bounds checks of the inner loop.

// zero3 sets this place's planes of level k of z to zero (mg.f zero3).
func (m *mg) zero3(p *places.Place, z []float64, k int) {
	l := m.lv[k]
	lo, hi := p.Block(0, l.n3)
	clear(z[lo*l.ps : hi*l.ps])
}

// comm3Plane makes plane i3 of level k of u periodic as far as the box's
// level says (mg.f comm3, for one plane; level.inPlane, level.wrap3): first
// the i1 borders of the interior rows, then the i2 border rows in full; and
// if i3 is the first or last interior plane it is copied to the opposite
// ghost plane, complete with its borders.
func (b *box) comm3Plane(u []float64, k, i3 int) {
	l := b.lv[k]
	if !l.inPlane {
		return
	}
	n1, n2, ps := l.n1, l.n2, l.ps
	pl := u[i3*ps : i3*ps+n1*n2]
	for o := n1; o < n1*(n2-1); o += n1 {
		row := pl[o : o+n1]
		row[0] = row[n1-2]
		row[n1-1] = row[1]
	}
	copy(pl[:n1], pl[n1*(n2-2):n1*(n2-1)])
	copy(pl[n1*(n2-1):], pl[n1:2*n1])
	if !l.wrap3 {
		return
	}
	switch i3 {
	case 1:
		copy(u[(l.n3-1)*ps:(l.n3-1)*ps+n1*n2], pl)
	case l.n3 - 2:
		copy(u[:n1*n2], pl)
	}
}

// resid computes the residual r = v - A u on level k (mg.f resid); v and r
// may be the same grid. With norm it also does what norm2u3 would do next,
// adding up in the same order, while each value of r is still in a
// register.
func (m *mg) resid(p *places.Place, u, v, r []float64, k int, norm bool) {
	lo, hi := p.Block(1, m.lv[k].n3-1)
	var s, mx float64
	for i3 := lo; i3 < hi; i3++ {
		if norm {
			s, mx = m.residPlaneNorm(u, v, r, k, i3, s, mx)
		} else {
			m.residPlane(u, v, r, k, i3)
		}
	}
	if norm {
		m.normReduce(p, s, mx)
	}
}

// residPlane is resid on plane i3, then comm3Plane.
func (b *box) residPlane(u, v, r []float64, k, i3 int) {
	l := b.lv[k]
	n1, ps := l.n1, l.ps
	a0, a2, a3 := b.a[0], b.a[2], b.a[3]
	for o := i3*ps + n1; o < i3*ps+n1*(l.n2-1); o += n1 {
		residRow(r, v, u, o, n1, ps, a0, a2, a3)
	}
	b.comm3Plane(r, k, i3)
}

// residPlaneNorm is residPlane that also adds the squares of the new
// values to s and raises mx to their largest magnitude, row by row in
// order (norm2u3's loop body).
func (b *box) residPlaneNorm(u, v, r []float64, k, i3 int, s, mx float64) (float64, float64) {
	l := b.lv[k]
	n1, ps := l.n1, l.ps
	a0, a2, a3 := b.a[0], b.a[2], b.a[3]
	for o := i3*ps + n1; o < i3*ps+n1*(l.n2-1); o += n1 {
		s, mx = residRowNorm(r, v, u, o, n1, ps, a0, a2, a3, s, mx)
	}
	b.comm3Plane(r, k, i3)
	return s, mx
}

// residRow is resid on the interior of the row at offset o. It relies on
// a(1) = 0, as the reference does: u1 is needed only left and right of the
// point, u2 also at the point.
func residRow(r, v, u []float64, o, n, ps int, a0, a2, a3 float64) {
	ym, yp := u[o-n:][:n], u[o+n:][:n]
	zm, zp := u[o-ps:][:n], u[o+ps:][:n]
	mm, pm := u[o-n-ps:][:n], u[o+n-ps:][:n]
	mp, pp := u[o-n+ps:][:n], u[o+n+ps:][:n]
	rr, vv, uu := r[o:][:n], v[o:][:n], u[o:][:n]
	u1a := ym[0] + yp[0] + zm[0] + zp[0]
	u2a := mm[0] + pm[0] + mp[0] + pp[0]
	u1b := ym[1] + yp[1] + zm[1] + zp[1]
	u2b := mm[1] + pm[1] + mp[1] + pp[1]
	for i := 2; i < n; i++ {
		u1c := ym[i] + yp[i] + zm[i] + zp[i]
		u2c := mm[i] + pm[i] + mp[i] + pp[i]
		rr[i-1] = vv[i-1] - a0*uu[i-1] -
			a2*(u2b+u1a+u1c) -
			a3*(u2a+u2c)
		u1a, u1b = u1b, u1c
		u2a, u2b = u2b, u2c
	}
}

// residRowNorm is residRow that also adds the squares of the new values to
// s and raises mx to their largest magnitude (norm2u3's loop body).
func residRowNorm(r, v, u []float64, o, n, ps int, a0, a2, a3, s, mx float64) (float64, float64) {
	ym, yp := u[o-n:][:n], u[o+n:][:n]
	zm, zp := u[o-ps:][:n], u[o+ps:][:n]
	mm, pm := u[o-n-ps:][:n], u[o+n-ps:][:n]
	mp, pp := u[o-n+ps:][:n], u[o+n+ps:][:n]
	rr, vv, uu := r[o:][:n], v[o:][:n], u[o:][:n]
	u1a := ym[0] + yp[0] + zm[0] + zp[0]
	u2a := mm[0] + pm[0] + mp[0] + pp[0]
	u1b := ym[1] + yp[1] + zm[1] + zp[1]
	u2b := mm[1] + pm[1] + mp[1] + pp[1]
	for i := 2; i < n; i++ {
		u1c := ym[i] + yp[i] + zm[i] + zp[i]
		u2c := mm[i] + pm[i] + mp[i] + pp[i]
		x := vv[i-1] - a0*uu[i-1] -
			a2*(u2b+u1a+u1c) -
			a3*(u2a+u2c)
		rr[i-1] = x
		s += x * x
		if a := math.Abs(x); a > mx {
			mx = a
		}
		u1a, u1b = u1b, u1c
		u2a, u2b = u2b, u2c
	}
	return s, mx
}

// psinv applies the smoother u = u + C r on level k (mg.f psinv).
func (m *mg) psinv(p *places.Place, r, u []float64, k int) {
	lo, hi := p.Block(1, m.lv[k].n3-1)
	for i3 := lo; i3 < hi; i3++ {
		m.psinvPlane(r, u, k, i3)
	}
}

// psinvPlane is psinv on plane i3, then comm3Plane.
func (b *box) psinvPlane(r, u []float64, k, i3 int) {
	l := b.lv[k]
	n1, ps := l.n1, l.ps
	c0, c1, c2 := b.c[0], b.c[1], b.c[2]
	for o := i3*ps + n1; o < i3*ps+n1*(l.n2-1); o += n1 {
		psinvRow(u, r, o, n1, ps, c0, c1, c2)
	}
	b.comm3Plane(u, k, i3)
}

// psinvRow is psinv on the interior of the row at offset o. It relies on
// c(3) = 0, as the reference does: r2 is needed only at the point.
func psinvRow(u, r []float64, o, n, ps int, c0, c1, c2 float64) {
	ym, yp := r[o-n:][:n], r[o+n:][:n]
	zm, zp := r[o-ps:][:n], r[o+ps:][:n]
	mm, pm := r[o-n-ps:][:n], r[o+n-ps:][:n]
	mp, pp := r[o-n+ps:][:n], r[o+n+ps:][:n]
	rr, uu := r[o:][:n], u[o:][:n]
	r1a := ym[0] + yp[0] + zm[0] + zp[0]
	r1b := ym[1] + yp[1] + zm[1] + zp[1]
	r2b := mm[1] + pm[1] + mp[1] + pp[1]
	ra, rb := rr[0], rr[1]
	for i := 2; i < n; i++ {
		r1c := ym[i] + yp[i] + zm[i] + zp[i]
		r2c := mm[i] + pm[i] + mp[i] + pp[i]
		rc := rr[i]
		uu[i-1] = uu[i-1] + c0*rb +
			c1*(ra+rc+r1b) +
			c2*(r2b+r1a+r1c)
		r1a, r1b, r2b = r1b, r1c, r2c
		ra, rb = rb, rc
	}
}

// rprj3 restricts the residual r of level k to s on level k-1 with the
// trilinear finite-element projection (mg.f rprj3).
func (m *mg) rprj3(p *places.Place, r []float64, k int, s []float64) {
	lo, hi := p.Block(1, m.lv[k-1].n3-1)
	for j3 := lo; j3 < hi; j3++ {
		m.rprj3Plane(r, k, s, j3)
	}
}

// rprj3Plane is rprj3 onto coarse plane j3, then comm3Plane. Coarse point
// j sits on fine point 2j, except along an axis where the fine box holds
// a single interior point (a rank's box on a coarse level; mg.f's d1, d2,
// d3 = 2): there it sits on 2j-1.
func (b *box) rprj3Plane(r []float64, k int, s []float64, j3 int) {
	lk, lj := b.lv[k], b.lv[k-1]
	n1, ps := lk.n1, lk.ps
	m1, psj := lj.n1, lj.ps
	d1, d2, d3 := odd(lk.n1), odd(lk.n2), odd(lk.n3)
	for j2 := 1; j2 < lj.n2-1; j2++ {
		rprj3Row(s[j3*psj+j2*m1:][:m1], r, (2*j3-d3)*ps+(2*j2-d2)*n1, n1, ps, 2-d1)
	}
	b.comm3Plane(s, k-1, j3)
}

// odd is 1 for an axis of n = 3 points (a single interior point), else 0.
func odd(n int) int {
	if n == 3 {
		return 1
	}
	return 0
}

// rprj3Row fills the interior of the coarse row s from the fine rows of n
// points around offset o, coarse point 1 from fine point i0 (2, or 1 for a
// row with a single interior point). x1 and y1 are the reference's partial
// sums of the odd fine columns, x2 and y2 those of the even ones.
func rprj3Row(s, r []float64, o, n, ps, i0 int) {
	c := r[o:][:n]
	ym, yp := r[o-n:][:n], r[o+n:][:n]
	zm, zp := r[o-ps:][:n], r[o+ps:][:n]
	mm, pm := r[o-n-ps:][:n], r[o+n-ps:][:n]
	mp, pp := r[o-n+ps:][:n], r[o+n+ps:][:n]
	h := i0 - 1
	x1a := ym[h] + yp[h] + zm[h] + zp[h]
	y1a := mm[h] + mp[h] + pm[h] + pp[h]
	ca := c[h]
	j := 1
	for i := i0; i < n-1; i += 2 {
		y2 := mm[i] + mp[i] + pm[i] + pp[i]
		x2 := ym[i] + yp[i] + zm[i] + zp[i]
		x1b := ym[i+1] + yp[i+1] + zm[i+1] + zp[i+1]
		y1b := mm[i+1] + mp[i+1] + pm[i+1] + pp[i+1]
		cb := c[i+1]
		s[j] = 0.5*c[i] +
			0.25*(ca+cb+x2) +
			0.125*(x1a+x1b+y2) +
			0.0625*(y1a+y1b)
		x1a, y1a, ca = x1b, y1b, cb
		j++
	}
}

// interp adds the trilinear interpolation of z on level kc to u on level
// kc+1 (mg.f interp): coarse point i goes to fine points 2i and 2i+1 in
// each direction, so every point of u, ghosts included, is written. With
// zero, u is set rather than added to (the reference's zero3 before interp,
// done here row by row while the rows are in cache).
func (m *mg) interp(p *places.Place, z []float64, kc int, u []float64, zero bool) {
	lo, hi := p.Block(0, m.lv[kc].n3-1)
	for i3 := lo; i3 < hi; i3++ {
		m.interpPlane(z, kc, u, i3, zero)
	}
}

// interpPlane is interp from coarse plane i3 (onto fine planes 2i3 and
// 2i3+1).
func (b *box) interpPlane(z []float64, kc int, u []float64, i3 int, zero bool) {
	lc, lf := b.lv[kc], b.lv[kc+1]
	m1, psc := lc.n1, lc.ps
	n1, ps := lf.n1, lf.ps
	for i2 := 0; i2 < lc.n2-1; i2++ {
		interpRow(u, 2*i3*ps+2*i2*n1, n1, ps, z, i3*psc+i2*m1, m1, psc, zero)
	}
}

// interpRow interpolates the coarse row at offset oc of z onto the four
// fine rows at offset f of u (rows 2i2 and 2i2+1 of planes 2i3 and 2i3+1).
// z1, z2 and z3 are the reference's partial sums.
func interpRow(u []float64, f, n, ps int, z []float64, oc, mm, psc int, zero bool) {
	zc, zy := z[oc:][:mm], z[oc+mm:][:mm]
	zz, zyz := z[oc+psc:][:mm], z[oc+psc+mm:][:mm]
	u00, u10 := u[f:][:n], u[f+n:][:n]
	u01, u11 := u[f+ps:][:n], u[f+ps+n:][:n]
	if zero {
		clear(u00)
		clear(u10)
		clear(u01)
		clear(u11)
	}
	za := zc[0]
	z1a := zy[0] + za
	z2a := zz[0] + za
	z3a := zyz[0] + zz[0] + z1a
	j := 1
	for i := 0; i < n-1; i += 2 {
		zb := zc[j]
		z1b := zy[j] + zb
		z2b := zz[j] + zb
		z3b := zyz[j] + zz[j] + z1b
		u00[i] += za
		u00[i+1] += 0.5 * (zb + za)
		u10[i] += 0.5 * z1a
		u10[i+1] += 0.25 * (z1a + z1b)
		u01[i] += 0.5 * z2a
		u01[i+1] += 0.25 * (z2a + z2b)
		u11[i] += 0.25 * z3a
		u11[i+1] += 0.125 * (z3a + z3b)
		za, z1a, z2a, z3a = zb, z1b, z2b, z3b
		j++
	}
}
