package lu

// rhs (rhs.f) in two phases, regrouped for locality without changing any
// point's sequence of operations:
//
//   - rhsPlane does, for one k-plane, the first loop (rsd = −frct, rho_i,
//     qs), the ξ fluxes and dissipation and the η fluxes and dissipation.
//     All of them read only plane k, so a place that owns whole planes
//     needs no barrier between them. It walks the rows once, with the
//     η fluxes of the rows around the current one kept in small rings
//     (the Fortran computes them along j-lines instead; each point gets
//     the same operations in the same order). ssor's add of the
//     correction (and its l2norm) rides along one row ahead.
//   - rhsZeta does the ζ fluxes and dissipation for one interior j-row,
//     all k, i innermost; it needs every plane's rho_i and qs.

// rhsPlane is the plane-k part of rhs. With add it first does ssor's
// update u += tmp·rsd on the plane's interior, summing rsd² row by row into
// sum when sum is not nil (the l2norm of the correction).
//
// Rows run over the solved ones and one more on each side, the rows whose
// fluxes the solved rows need (in a box with a neighbour, halo rows).
func (l *problem) rhsPlane(ps *scratch, k int, add bool, sum *[5]float64) {
	y := &l.y
	interior := k >= 1 && k <= l.nz-2
	if add && interior {
		l.addRow(k, y.st, sum)
	}
	for j := y.st - 1; j <= y.end; j++ {
		if add && interior && j+1 < y.end && j+1 > y.st {
			l.addRow(k, j+1, sum)
		}
		l.rhsFirst(j, k)
		if !interior {
			continue
		}
		l.etaInviscid(ps.f1[j%3], j, k)
		if j >= y.st {
			l.etaViscous(ps.f2[j%2], j, k)
		}
		if r := j - 1; r >= y.st && r < y.end {
			l.xiRow(ps, r, k)
			l.etaRow(ps, r, k)
		}
	}
}

// addRow is ssor's final loop on row j of plane k.
func (l *problem) addRow(k, j int, sum *[5]float64) {
	o := l.at(l.x.st, j, k)
	n := l.x.end - l.x.st
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	tmp := l.tmp
	for i := range n {
		ui, vi := &u[i], &v[i]
		ui[0] = ui[0] + tmp*vi[0]
		ui[1] = ui[1] + tmp*vi[1]
		ui[2] = ui[2] + tmp*vi[2]
		ui[3] = ui[3] + tmp*vi[3]
		ui[4] = ui[4] + tmp*vi[4]
	}
	if sum != nil {
		for i := range n {
			vi := &v[i]
			sum[0] = sum[0] + vi[0]*vi[0]
			sum[1] = sum[1] + vi[1]*vi[1]
			sum[2] = sum[2] + vi[2]*vi[2]
			sum[3] = sum[3] + vi[3]*vi[3]
			sum[4] = sum[4] + vi[4]*vi[4]
		}
	}
}

// rhsFirst is rhs's first loop on row j of plane k, at every stored point
// (in a box with a neighbour, the halo's rho_i and qs serve the fluxes).
func (l *problem) rhsFirst(j, k int) {
	o, n := l.row(j, k)
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	f := l.frct[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	for i := range n {
		vi, fi, ui := &v[i], &f[i], &u[i]
		vi[0] = -fi[0]
		vi[1] = -fi[1]
		vi[2] = -fi[2]
		vi[3] = -fi[3]
		vi[4] = -fi[4]
		tmp := 1.0 / ui[0]
		rho[i] = tmp
		qs[i] = 0.50 * (ui[1]*ui[1] + ui[2]*ui[2] + ui[3]*ui[3]) * tmp
	}
}

// xiRow is rhs's ξ-direction flux differences and dissipation on row j.
//
// Indices are row-relative (i − x.lo) and the solved points are [a, b).
// The fluxes are formed at every stored point; a box with a neighbour
// needs them only at [a−1, b+1), but two more points a row cost less than
// narrowing the loops for the whole grid, whose rows hold just those.
func (l *problem) xiRow(ps *scratch, j, k int) {
	o, n := l.row(j, k)
	a, b := l.x.st-l.x.lo, l.x.end-l.x.lo
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	f1 := ps.x1[:n]
	f2 := ps.x2[:n]
	c1, c2 := l.c1, l.c2
	for i := range n {
		ui := &u[i]
		u2, u3, u4, u5 := ui[1], ui[2], ui[3], ui[4]
		u21 := u2 * rho[i]
		q := qs[i]
		f := &f1[i]
		f[0] = u2
		f[1] = u2*u21 + c2*(u5-q)
		f[2] = u3 * u21
		f[3] = u4 * u21
		f[4] = (c1*u5 - c2*q) * u21
	}
	tx3, r43tx3, hx, sx, c1c5tx3 := l.tx3, l.r43tx3, l.hx, l.sx, l.c1c5tx3
	for i := 1; i < n; i++ {
		ui, um := &u[i], &u[i-1]
		tmp := rho[i]
		u21i := tmp * ui[1]
		u31i := tmp * ui[2]
		u41i := tmp * ui[3]
		u51i := tmp * ui[4]
		tmp = rho[i-1]
		u21im1 := tmp * um[1]
		u31im1 := tmp * um[2]
		u41im1 := tmp * um[3]
		u51im1 := tmp * um[4]
		fv := &f2[i]
		fv[1] = r43tx3 * (u21i - u21im1)
		fv[2] = tx3 * (u31i - u31im1)
		fv[3] = tx3 * (u41i - u41im1)
		fv[4] = hx*((u21i*u21i+u31i*u31i+u41i*u41i)-(u21im1*u21im1+u31im1*u31im1+u41im1*u41im1)) +
			sx*(u21i*u21i-u21im1*u21im1) +
			c1c5tx3*(u51i-u51im1)
	}
	combineRow(v[a:b], f1[a+1:], f1[a-1:], f2[a+1:], f2[a:], u[a-1:], u[a:], u[a+1:], l.tx2, l.tx3c3c4, &l.dxtx1)
	dissipate(v, u, &l.x, l.dssp)
}

// combineRow applies one direction's flux differences and viscous terms to
// the points v[i] of a line: v −= t2·(fp − fm), then v += tc·(gp − gi) +
// d·(um − 2·uc + up), component 1 without the viscous flux. All slices
// are indexed alike from the line's first point.
func combineRow(v, fp, fm, gp, gi, um, uc, up []cell, t2, tc float64, d *[5]float64) {
	if simdRHS {
		combineRowV(v, fp, fm, gp, gi, um, uc, up, t2, tc, d)
		return
	}
	n := len(v)
	fp, fm, gp, gi, um, uc, up = fp[:n], fm[:n], gp[:n], gi[:n], um[:n], uc[:n], up[:n]
	for i := range n {
		vi, a, b := &v[i], &fp[i], &fm[i]
		vi[0] = vi[0] - t2*(a[0]-b[0])
		vi[1] = vi[1] - t2*(a[1]-b[1])
		vi[2] = vi[2] - t2*(a[2]-b[2])
		vi[3] = vi[3] - t2*(a[3]-b[3])
		vi[4] = vi[4] - t2*(a[4]-b[4])
		ui, uu, ud := &uc[i], &up[i], &um[i]
		g1, g0 := &gp[i], &gi[i]
		vi[0] = vi[0] + d[0]*(ud[0]-2.0*ui[0]+uu[0])
		vi[1] = vi[1] + tc*(g1[1]-g0[1]) + d[1]*(ud[1]-2.0*ui[1]+uu[1])
		vi[2] = vi[2] + tc*(g1[2]-g0[2]) + d[2]*(ud[2]-2.0*ui[2]+uu[2])
		vi[3] = vi[3] + tc*(g1[3]-g0[3]) + d[3]*(ud[3]-2.0*ui[3]+uu[3])
		vi[4] = vi[4] + tc*(g1[4]-g0[4]) + d[4]*(ud[4]-2.0*ui[4]+uu[4])
	}
}

// dissipate applies the fourth-order dissipation along a line: v at the
// solved points of s from u, both indexed from s.lo, with the reference's
// one-sided forms at the grid's points 1, 2, n−3 and n−2.
func dissipate(v, u []cell, s *span, dssp float64) {
	n, lo := s.n, s.lo
	if s.st <= 1 && 1 < s.end {
		p := 1 - lo
		vp, c, d, e := &v[p], &u[p], &u[p+1], &u[p+2]
		vp[0] = vp[0] - dssp*(+5.0*c[0]-4.0*d[0]+e[0])
		vp[1] = vp[1] - dssp*(+5.0*c[1]-4.0*d[1]+e[1])
		vp[2] = vp[2] - dssp*(+5.0*c[2]-4.0*d[2]+e[2])
		vp[3] = vp[3] - dssp*(+5.0*c[3]-4.0*d[3]+e[3])
		vp[4] = vp[4] - dssp*(+5.0*c[4]-4.0*d[4]+e[4])
	}
	if s.st <= 2 && 2 < s.end {
		p := 2 - lo
		vp, b, c, d, e := &v[p], &u[p-1], &u[p], &u[p+1], &u[p+2]
		vp[0] = vp[0] - dssp*(-4.0*b[0]+6.0*c[0]-4.0*d[0]+e[0])
		vp[1] = vp[1] - dssp*(-4.0*b[1]+6.0*c[1]-4.0*d[1]+e[1])
		vp[2] = vp[2] - dssp*(-4.0*b[2]+6.0*c[2]-4.0*d[2]+e[2])
		vp[3] = vp[3] - dssp*(-4.0*b[3]+6.0*c[3]-4.0*d[3]+e[3])
		vp[4] = vp[4] - dssp*(-4.0*b[4]+6.0*c[4]-4.0*d[4]+e[4])
	}
	if f0, f1 := max(s.st, 3)-lo, min(s.end, n-3)-lo; f0 < f1 {
		diss5(v[f0:f1], u[f0-2:], u[f0-1:], u[f0:], u[f0+1:], u[f0+2:], dssp)
	}
	if s.st <= n-3 && n-3 < s.end {
		p := n - 3 - lo
		vp, a, b, c, d := &v[p], &u[p-2], &u[p-1], &u[p], &u[p+1]
		vp[0] = vp[0] - dssp*(a[0]-4.0*b[0]+6.0*c[0]-4.0*d[0])
		vp[1] = vp[1] - dssp*(a[1]-4.0*b[1]+6.0*c[1]-4.0*d[1])
		vp[2] = vp[2] - dssp*(a[2]-4.0*b[2]+6.0*c[2]-4.0*d[2])
		vp[3] = vp[3] - dssp*(a[3]-4.0*b[3]+6.0*c[3]-4.0*d[3])
		vp[4] = vp[4] - dssp*(a[4]-4.0*b[4]+6.0*c[4]-4.0*d[4])
	}
	if s.st <= n-2 && n-2 < s.end {
		p := n - 2 - lo
		vp, a, b, c := &v[p], &u[p-2], &u[p-1], &u[p]
		vp[0] = vp[0] - dssp*(a[0]-4.0*b[0]+5.0*c[0])
		vp[1] = vp[1] - dssp*(a[1]-4.0*b[1]+5.0*c[1])
		vp[2] = vp[2] - dssp*(a[2]-4.0*b[2]+5.0*c[2])
		vp[3] = vp[3] - dssp*(a[3]-4.0*b[3]+5.0*c[3])
		vp[4] = vp[4] - dssp*(a[4]-4.0*b[4]+5.0*c[4])
	}
}

// dissipateAcross applies the fourth-order dissipation across lines: v is
// line r of nr (rows j or planes k) and w[0..4] are u on lines r−2..r+2,
// all sliced alike; the one-sided forms next to the boundaries leave the
// lines outside the grid unread.
func dissipateAcross(v []cell, w *[5][]cell, r, nr int, dssp float64) {
	n := len(v)
	a, b, c, d, e := w[0][:n], w[1][:n], w[2][:n], w[3][:n], w[4][:n]
	switch {
	case r == 1:
		for i := range v {
			vi, ci, di, ei := &v[i], &c[i], &d[i], &e[i]
			vi[0] = vi[0] - dssp*(+5.0*ci[0]-4.0*di[0]+ei[0])
			vi[1] = vi[1] - dssp*(+5.0*ci[1]-4.0*di[1]+ei[1])
			vi[2] = vi[2] - dssp*(+5.0*ci[2]-4.0*di[2]+ei[2])
			vi[3] = vi[3] - dssp*(+5.0*ci[3]-4.0*di[3]+ei[3])
			vi[4] = vi[4] - dssp*(+5.0*ci[4]-4.0*di[4]+ei[4])
		}
	case r == 2:
		for i := range v {
			vi, bi, ci, di, ei := &v[i], &b[i], &c[i], &d[i], &e[i]
			vi[0] = vi[0] - dssp*(-4.0*bi[0]+6.0*ci[0]-4.0*di[0]+ei[0])
			vi[1] = vi[1] - dssp*(-4.0*bi[1]+6.0*ci[1]-4.0*di[1]+ei[1])
			vi[2] = vi[2] - dssp*(-4.0*bi[2]+6.0*ci[2]-4.0*di[2]+ei[2])
			vi[3] = vi[3] - dssp*(-4.0*bi[3]+6.0*ci[3]-4.0*di[3]+ei[3])
			vi[4] = vi[4] - dssp*(-4.0*bi[4]+6.0*ci[4]-4.0*di[4]+ei[4])
		}
	case r == nr-3:
		for i := range v {
			vi, ai, bi, ci, di := &v[i], &a[i], &b[i], &c[i], &d[i]
			vi[0] = vi[0] - dssp*(ai[0]-4.0*bi[0]+6.0*ci[0]-4.0*di[0])
			vi[1] = vi[1] - dssp*(ai[1]-4.0*bi[1]+6.0*ci[1]-4.0*di[1])
			vi[2] = vi[2] - dssp*(ai[2]-4.0*bi[2]+6.0*ci[2]-4.0*di[2])
			vi[3] = vi[3] - dssp*(ai[3]-4.0*bi[3]+6.0*ci[3]-4.0*di[3])
			vi[4] = vi[4] - dssp*(ai[4]-4.0*bi[4]+6.0*ci[4]-4.0*di[4])
		}
	case r == nr-2:
		for i := range v {
			vi, ai, bi, ci := &v[i], &a[i], &b[i], &c[i]
			vi[0] = vi[0] - dssp*(ai[0]-4.0*bi[0]+5.0*ci[0])
			vi[1] = vi[1] - dssp*(ai[1]-4.0*bi[1]+5.0*ci[1])
			vi[2] = vi[2] - dssp*(ai[2]-4.0*bi[2]+5.0*ci[2])
			vi[3] = vi[3] - dssp*(ai[3]-4.0*bi[3]+5.0*ci[3])
			vi[4] = vi[4] - dssp*(ai[4]-4.0*bi[4]+5.0*ci[4])
		}
	default:
		diss5(v, a, b, c, d, e, dssp)
	}
}

// diss5 is the fourth-order dissipation away from the boundaries:
// v −= dssp·(a − 4b + 6c − 4d + e), all slices indexed alike.
func diss5(v, a, b, c, d, e []cell, dssp float64) {
	if simdRHS {
		diss5V(v, a, b, c, d, e, dssp)
		return
	}
	n := len(v)
	a, b, c, d, e = a[:n], b[:n], c[:n], d[:n], e[:n]
	for i := range n {
		vi, ai, bi, ci, di, ei := &v[i], &a[i], &b[i], &c[i], &d[i], &e[i]
		vi[0] = vi[0] - dssp*(ai[0]-4.0*bi[0]+6.0*ci[0]-4.0*di[0]+ei[0])
		vi[1] = vi[1] - dssp*(ai[1]-4.0*bi[1]+6.0*ci[1]-4.0*di[1]+ei[1])
		vi[2] = vi[2] - dssp*(ai[2]-4.0*bi[2]+6.0*ci[2]-4.0*di[2]+ei[2])
		vi[3] = vi[3] - dssp*(ai[3]-4.0*bi[3]+6.0*ci[3]-4.0*di[3]+ei[3])
		vi[4] = vi[4] - dssp*(ai[4]-4.0*bi[4]+6.0*ci[4]-4.0*di[4]+ei[4])
	}
}

// solved is the flat index of row (j, k)'s first solved point and the
// number of solved points: the η and ζ parts index their rows and line
// buffers from there.
func (g *grid) solved(j, k int) (int, int) { return g.at(g.x.st, j, k), g.x.end - g.x.st }

// etaInviscid is the η-direction flux of row j at the solved i.
func (l *problem) etaInviscid(f []cell, j, k int) {
	o, n := l.solved(j, k)
	u := l.u[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	f = f[:n]
	c1, c2 := l.c1, l.c2
	for i := range n {
		ui := &u[i]
		u2, u3, u4, u5 := ui[1], ui[2], ui[3], ui[4]
		u31 := u3 * rho[i]
		q := qs[i]
		fi := &f[i]
		fi[0] = u3
		fi[1] = u2 * u31
		fi[2] = u3*u31 + c2*(u5-q)
		fi[3] = u4 * u31
		fi[4] = (c1*u5 - c2*q) * u31
	}
}

// etaViscous is the η-direction viscous flux between rows j−1 and j.
func (l *problem) etaViscous(f []cell, j, k int) {
	o, n := l.solved(j, k)
	u := l.u[o:][:n]
	um := l.u[o-l.ni:][:n]
	rho := l.rho[o:][:n]
	rhom := l.rho[o-l.ni:][:n]
	f = f[:n]
	ty3, r43ty3, hy, sy, c1c5ty3 := l.ty3, l.r43ty3, l.hy, l.sy, l.c1c5ty3
	for i := range n {
		ui, uj := &u[i], &um[i]
		tmp := rho[i]
		u21j := tmp * ui[1]
		u31j := tmp * ui[2]
		u41j := tmp * ui[3]
		u51j := tmp * ui[4]
		tmp = rhom[i]
		u21jm1 := tmp * uj[1]
		u31jm1 := tmp * uj[2]
		u41jm1 := tmp * uj[3]
		u51jm1 := tmp * uj[4]
		fv := &f[i]
		fv[1] = ty3 * (u21j - u21jm1)
		fv[2] = r43ty3 * (u31j - u31jm1)
		fv[3] = ty3 * (u41j - u41jm1)
		fv[4] = hy*((u21j*u21j+u31j*u31j+u41j*u41j)-(u21jm1*u21jm1+u31jm1*u31jm1+u41jm1*u41jm1)) +
			sy*(u31j*u31j-u31jm1*u31jm1) +
			c1c5ty3*(u51j-u51jm1)
	}
}

// etaRow applies the η flux differences, viscous terms and dissipation to
// row j, whose neighbours' fluxes are in the rings.
func (l *problem) etaRow(ps *scratch, j, k int) {
	o, n := l.solved(j, k)
	ni := l.ni
	v := l.rsd[o:][:n]
	u := l.u[o:][:n]
	um := l.u[o-ni:][:n]
	up := l.u[o+ni:][:n]
	fp := ps.f1[(j+1)%3][:n]
	fm := ps.f1[(j+2)%3][:n] // (j−1) mod 3
	gp := ps.f2[(j+1)%2][:n]
	gi := ps.f2[j%2][:n]
	combineRow(v, fp, fm, gp, gi, um, u, up, l.ty2, l.ty3c3c4, &l.dyty1)
	// fourth-order dissipation along j
	w := [5][]cell{u, um, u, up, u}
	if j >= 2 {
		w[0] = l.u[o-2*ni:][:n]
	}
	if j+2 <= l.ny-1 {
		w[4] = l.u[o+2*ni:][:n]
	}
	dissipateAcross(v, &w, j, l.ny, l.dssp)
}

// rhsZeta is rhs's ζ-direction flux differences and dissipation for row j
// (all solved i, all interior k). It walks k upwards with the fluxes of the planes
// around the current one in rings, where the Fortran gathers each (i,j)
// column into utmp/rtmp; the operations per point are the same.
func (l *problem) rhsZeta(ps *scratch, j int) {
	nz, plane := l.nz, l.ni*l.nj
	c1, c2 := l.c1, l.c2
	tz2, tz3, r43tz3, hz, sz, c1c5tz3 := l.tz2, l.tz3, l.r43tz3, l.hz, l.sz, l.c1c5tz3
	tz3c3c4, d, dssp := l.tz3c3c4, &l.dztz1, l.dssp
	for k := range nz {
		o, n := l.solved(j, k)
		u := l.u[o:][:n]
		rho := l.rho[o:][:n]
		qs := l.qs[o:][:n]
		f := ps.f1[k%3][:n]
		for i := range n {
			ui := &u[i]
			u2, u3, u4, u5 := ui[1], ui[2], ui[3], ui[4]
			u41 := u4 * rho[i]
			q := qs[i]
			fi := &f[i]
			fi[0] = u4
			fi[1] = u2 * u41
			fi[2] = u3 * u41
			fi[3] = u4*u41 + c2*(u5-q)
			fi[4] = (c1*u5 - c2*q) * u41
		}
		if k >= 1 {
			um := l.u[o-plane:][:n]
			rhom := l.rho[o-plane:][:n]
			g := ps.f2[k%2][:n]
			for i := range n {
				ui, uk := &u[i], &um[i]
				tmp := rho[i]
				u21k := tmp * ui[1]
				u31k := tmp * ui[2]
				u41k := tmp * ui[3]
				u51k := tmp * ui[4]
				tmp = rhom[i]
				u21km1 := tmp * uk[1]
				u31km1 := tmp * uk[2]
				u41km1 := tmp * uk[3]
				u51km1 := tmp * uk[4]
				fv := &g[i]
				fv[1] = tz3 * (u21k - u21km1)
				fv[2] = tz3 * (u31k - u31km1)
				fv[3] = r43tz3 * (u41k - u41km1)
				fv[4] = hz*((u21k*u21k+u31k*u31k+u41k*u41k)-(u21km1*u21km1+u31km1*u31km1+u41km1*u41km1)) +
					sz*(u41k*u41k-u41km1*u41km1) +
					c1c5tz3*(u51k-u51km1)
			}
		}
		r := k - 1 // the plane finished now
		if r < 1 || r > nz-2 {
			continue
		}
		or := o - plane
		v := l.rsd[or:][:n]
		ur := l.u[or:][:n]
		urm := l.u[or-plane:][:n]
		urp := l.u[or+plane:][:n]
		fp := ps.f1[k%3][:n]
		fm := ps.f1[(k+1)%3][:n] // (r−1) mod 3
		gp := ps.f2[k%2][:n]
		gr := ps.f2[(k+1)%2][:n]
		// the dissipation's outer planes, where they exist (the
		// one-sided forms next to the boundaries do not use them)
		u0, u4 := ur, ur
		if r >= 2 {
			u0 = l.u[or-2*plane:][:n]
		}
		if r+2 <= nz-1 {
			u4 = l.u[or+2*plane:][:n]
		}
		// rtmp lives in rsd until the dissipation finishes it
		combineRow(v, fp, fm, gp, gr, urm, ur, urp, tz2, tz3c3c4, d)
		dissipateAcross(v, &[5][]cell{u0, urm, ur, urp, u4}, r, nz, dssp)
	}
}
