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
func (l *LU) rhsPlane(ps *scratch, k int, add bool, sum *[5]float64) {
	nx, ny := l.nx, l.ny
	interior := k >= 1 && k <= l.nz-2
	if add && interior {
		l.addRow(k, 1, sum)
	}
	for j := range ny {
		if add && interior && j+1 <= ny-2 && j+1 >= 2 {
			l.addRow(k, j+1, sum)
		}
		l.rhsFirst(j, k)
		if !interior {
			continue
		}
		f1 := ps.f1[j%3][:nx]
		l.etaInviscid(f1, j, k)
		if j >= 1 {
			l.etaViscous(ps.f2[j%2][:nx], j, k)
		}
		if r := j - 1; r >= 1 && r <= ny-2 {
			l.xiRow(ps, r, k)
			l.etaRow(ps, r, k)
		}
	}
}

// addRow is ssor's final loop on row j of plane k.
func (l *LU) addRow(k, j int, sum *[5]float64) {
	o := l.at(0, j, k)
	n := l.nx
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	tmp := l.tmp
	for i := 1; i < n-1; i++ {
		ui, vi := &u[i], &v[i]
		for m := range 5 {
			ui[m] = ui[m] + tmp*vi[m]
		}
	}
	if sum != nil {
		for i := 1; i < n-1; i++ {
			vi := &v[i]
			for m := range 5 {
				sum[m] = sum[m] + vi[m]*vi[m]
			}
		}
	}
}

// rhsFirst is rhs's first loop on row j of plane k.
func (l *LU) rhsFirst(j, k int) {
	o := l.at(0, j, k)
	n := l.nx
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	f := l.frct[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	for i := range n {
		vi, fi, ui := &v[i], &f[i], &u[i]
		for m := range 5 {
			vi[m] = -fi[m]
		}
		tmp := 1.0 / ui[0]
		rho[i] = tmp
		qs[i] = 0.50 * (ui[1]*ui[1] + ui[2]*ui[2] + ui[3]*ui[3]) * tmp
	}
}

// xiRow is rhs's ξ-direction flux differences and dissipation on row j.
func (l *LU) xiRow(ps *scratch, j, k int) {
	o := l.at(0, j, k)
	n := l.nx
	u := l.u[o:][:n]
	v := l.rsd[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	f1 := ps.x1[:n]
	f2 := ps.x2[:n]
	c1, c2 := l.c1, l.c2
	for i := range n {
		ui := &u[i]
		u21 := ui[1] * rho[i]
		q := qs[i]
		f1[i] = cell{ui[1], ui[1]*u21 + c2*(ui[4]-q), ui[2] * u21, ui[3] * u21, (c1*ui[4] - c2*q) * u21}
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
		f2[i] = cell{0,
			r43tx3 * (u21i - u21im1),
			tx3 * (u31i - u31im1),
			tx3 * (u41i - u41im1),
			hx*((u21i*u21i+u31i*u31i+u41i*u41i)-(u21im1*u21im1+u31im1*u31im1+u41im1*u41im1)) +
				sx*(u21i*u21i-u21im1*u21im1) +
				c1c5tx3*(u51i-u51im1),
		}
	}
	tx2, tx3c3c4, d, dssp := l.tx2, l.tx3c3c4, &l.dxtx1, l.dssp
	for i := 1; i < n-1; i++ {
		vi, fp, fm := &v[i], &f1[i+1], &f1[i-1]
		for m := range 5 {
			vi[m] = vi[m] - tx2*(fp[m]-fm[m])
		}
		ui, up, um := &u[i], &u[i+1], &u[i-1]
		gp, gi := &f2[i+1], &f2[i]
		vi[0] = vi[0] + d[0]*(um[0]-2.0*ui[0]+up[0])
		for m := 1; m < 5; m++ {
			vi[m] = vi[m] + tx3c3c4*(gp[m]-gi[m]) + d[m]*(um[m]-2.0*ui[m]+up[m])
		}
	}
	dissipate(v, u, dssp)
}

// dissipate applies the fourth-order dissipation along a line of n points:
// v at 1..n−2 from u at 0..n−1, with the reference's one-sided forms next
// to the boundaries.
func dissipate(v, u []cell, dssp float64) {
	n := len(v)
	u = u[:n]
	for m := range 5 {
		v[1][m] = v[1][m] - dssp*(+5.0*u[1][m]-4.0*u[2][m]+u[3][m])
		v[2][m] = v[2][m] - dssp*(-4.0*u[1][m]+6.0*u[2][m]-4.0*u[3][m]+u[4][m])
	}
	for i := 3; i < n-3; i++ {
		w := u[i-2 : i+3]
		vi, u0, u1, u2, u3, u4 := &v[i], &w[0], &w[1], &w[2], &w[3], &w[4]
		for m := range 5 {
			vi[m] = vi[m] - dssp*(u0[m]-4.0*u1[m]+6.0*u2[m]-4.0*u3[m]+u4[m])
		}
	}
	for m := range 5 {
		v[n-3][m] = v[n-3][m] - dssp*(u[n-5][m]-4.0*u[n-4][m]+6.0*u[n-3][m]-4.0*u[n-2][m])
		v[n-2][m] = v[n-2][m] - dssp*(u[n-4][m]-4.0*u[n-3][m]+5.0*u[n-2][m])
	}
}

// dissipateAcross applies the fourth-order dissipation across lines: v is
// line r of nr (rows j or planes k) and w[0..4] are u on lines r−2..r+2;
// the one-sided forms next to the boundaries leave the lines outside the
// grid unread.
func dissipateAcross(v []cell, w *[5][]cell, r, nr int, dssp float64) {
	n := len(v)
	a, b, c, d, e := w[0][:n], w[1][:n], w[2][:n], w[3][:n], w[4][:n]
	switch {
	case r == 1:
		for i := 1; i < n-1; i++ {
			vi, ci, di, ei := &v[i], &c[i], &d[i], &e[i]
			for m := range 5 {
				vi[m] = vi[m] - dssp*(+5.0*ci[m]-4.0*di[m]+ei[m])
			}
		}
	case r == 2:
		for i := 1; i < n-1; i++ {
			vi, bi, ci, di, ei := &v[i], &b[i], &c[i], &d[i], &e[i]
			for m := range 5 {
				vi[m] = vi[m] - dssp*(-4.0*bi[m]+6.0*ci[m]-4.0*di[m]+ei[m])
			}
		}
	case r == nr-3:
		for i := 1; i < n-1; i++ {
			vi, ai, bi, ci, di := &v[i], &a[i], &b[i], &c[i], &d[i]
			for m := range 5 {
				vi[m] = vi[m] - dssp*(ai[m]-4.0*bi[m]+6.0*ci[m]-4.0*di[m])
			}
		}
	case r == nr-2:
		for i := 1; i < n-1; i++ {
			vi, ai, bi, ci := &v[i], &a[i], &b[i], &c[i]
			for m := range 5 {
				vi[m] = vi[m] - dssp*(ai[m]-4.0*bi[m]+5.0*ci[m])
			}
		}
	default:
		for i := 1; i < n-1; i++ {
			vi, ai, bi, ci, di, ei := &v[i], &a[i], &b[i], &c[i], &d[i], &e[i]
			for m := range 5 {
				vi[m] = vi[m] - dssp*(ai[m]-4.0*bi[m]+6.0*ci[m]-4.0*di[m]+ei[m])
			}
		}
	}
}

// etaInviscid is the η-direction flux of row j at the interior i.
func (l *LU) etaInviscid(f []cell, j, k int) {
	o := l.at(0, j, k)
	n := l.nx
	u := l.u[o:][:n]
	rho := l.rho[o:][:n]
	qs := l.qs[o:][:n]
	f = f[:n]
	c1, c2 := l.c1, l.c2
	for i := 1; i < n-1; i++ {
		ui := &u[i]
		u31 := ui[2] * rho[i]
		q := qs[i]
		f[i] = cell{ui[2], ui[1] * u31, ui[2]*u31 + c2*(ui[4]-q), ui[3] * u31, (c1*ui[4] - c2*q) * u31}
	}
}

// etaViscous is the η-direction viscous flux between rows j−1 and j.
func (l *LU) etaViscous(f []cell, j, k int) {
	o := l.at(0, j, k)
	n := l.nx
	u := l.u[o:][:n]
	um := l.u[o-l.ni:][:n]
	rho := l.rho[o:][:n]
	rhom := l.rho[o-l.ni:][:n]
	f = f[:n]
	ty3, r43ty3, hy, sy, c1c5ty3 := l.ty3, l.r43ty3, l.hy, l.sy, l.c1c5ty3
	for i := 1; i < n-1; i++ {
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
		f[i] = cell{0,
			ty3 * (u21j - u21jm1),
			r43ty3 * (u31j - u31jm1),
			ty3 * (u41j - u41jm1),
			hy*((u21j*u21j+u31j*u31j+u41j*u41j)-(u21jm1*u21jm1+u31jm1*u31jm1+u41jm1*u41jm1)) +
				sy*(u31j*u31j-u31jm1*u31jm1) +
				c1c5ty3*(u51j-u51jm1),
		}
	}
}

// etaRow applies the η flux differences, viscous terms and dissipation to
// row j, whose neighbours' fluxes are in the rings.
func (l *LU) etaRow(ps *scratch, j, k int) {
	n, ni := l.nx, l.ni
	o := l.at(0, j, k)
	v := l.rsd[o:][:n]
	u := l.u[o:][:n]
	um := l.u[o-ni:][:n]
	up := l.u[o+ni:][:n]
	fp := ps.f1[(j+1)%3][:n]
	fm := ps.f1[(j+2)%3][:n] // (j−1) mod 3
	gp := ps.f2[(j+1)%2][:n]
	gi := ps.f2[j%2][:n]
	ty2, ty3c3c4, d := l.ty2, l.ty3c3c4, &l.dyty1
	for i := 1; i < n-1; i++ {
		vi, a, b := &v[i], &fp[i], &fm[i]
		for m := range 5 {
			vi[m] = vi[m] - ty2*(a[m]-b[m])
		}
		ui, uu, ud := &u[i], &up[i], &um[i]
		g1, g0 := &gp[i], &gi[i]
		vi[0] = vi[0] + d[0]*(ud[0]-2.0*ui[0]+uu[0])
		for m := 1; m < 5; m++ {
			vi[m] = vi[m] + ty3c3c4*(g1[m]-g0[m]) + d[m]*(ud[m]-2.0*ui[m]+uu[m])
		}
	}
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
// (all interior i and k). It walks k upwards with the fluxes of the planes
// around the current one in rings, where the Fortran gathers each (i,j)
// column into utmp/rtmp; the operations per point are the same.
func (l *LU) rhsZeta(ps *scratch, j int) {
	n, nz, plane := l.nx, l.nz, l.ni*l.nj
	c1, c2 := l.c1, l.c2
	tz2, tz3, r43tz3, hz, sz, c1c5tz3 := l.tz2, l.tz3, l.r43tz3, l.hz, l.sz, l.c1c5tz3
	tz3c3c4, d, dssp := l.tz3c3c4, &l.dztz1, l.dssp
	for k := range nz {
		o := l.at(0, j, k)
		u := l.u[o:][:n]
		rho := l.rho[o:][:n]
		qs := l.qs[o:][:n]
		f := ps.f1[k%3][:n]
		for i := 1; i < n-1; i++ {
			ui := &u[i]
			u41 := ui[3] * rho[i]
			q := qs[i]
			f[i] = cell{ui[3], ui[1] * u41, ui[2] * u41, ui[3]*u41 + c2*(ui[4]-q), (c1*ui[4] - c2*q) * u41}
		}
		if k >= 1 {
			um := l.u[o-plane:][:n]
			rhom := l.rho[o-plane:][:n]
			g := ps.f2[k%2][:n]
			for i := 1; i < n-1; i++ {
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
				g[i] = cell{0,
					tz3 * (u21k - u21km1),
					tz3 * (u31k - u31km1),
					r43tz3 * (u41k - u41km1),
					hz*((u21k*u21k+u31k*u31k+u41k*u41k)-(u21km1*u21km1+u31km1*u31km1+u41km1*u41km1)) +
						sz*(u41k*u41k-u41km1*u41km1) +
						c1c5tz3*(u51k-u51km1),
				}
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
		for i := 1; i < n-1; i++ {
			vi, a, b := &v[i], &fp[i], &fm[i]
			// rtmp lives in rsd until the dissipation finishes it
			for m := range 5 {
				vi[m] = vi[m] - tz2*(a[m]-b[m])
			}
			ui, uu, ud := &ur[i], &urp[i], &urm[i]
			g1, g0 := &gp[i], &gr[i]
			vi[0] = vi[0] + d[0]*(ud[0]-2.0*ui[0]+uu[0])
			for m := 1; m < 5; m++ {
				vi[m] = vi[m] + tz3c3c4*(g1[m]-g0[m]) + d[m]*(ud[m]-2.0*ui[m]+uu[m])
			}
		}
		dissipateAcross(v, &[5][]cell{u0, urm, ur, urp, u4}, r, nz, dssp)
	}
}
