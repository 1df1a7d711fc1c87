package lu

import "npbgo/runtime/places"

// initRegion is setbv and setiv (and, with withErhs, erhs) on every place:
// planes k are split by places.Block, erhs's ζ part by j-rows after a
// barrier.
func (l *problem) initRegion(p *places.Place) {
	ps := l.ps[p.ID()]
	klo, khi := p.Block(0, l.nz)
	for k := klo; k < khi; k++ {
		l.setbv(k)
		l.setiv(k)
	}
	if !l.withErhs {
		return
	}
	for k := klo; k < khi; k++ {
		l.erhsPlane(ps, k)
	}
	p.Barrier()
	jlo, jhi := p.Block(1, l.ny-1)
	for j := jlo; j < jhi; j++ {
		l.erhsZeta(ps, j)
	}
}

// setbv is setbv.f on plane k: the exact solution on the boundary faces,
// at the box's own points.
func (l *problem) setbv(k int) {
	nx, ny, nz := l.nx, l.ny, l.nz
	x, y := &l.x, &l.y
	if k == 0 || k == nz-1 {
		for j := y.a; j < y.b; j++ {
			for i := x.a; i < x.b; i++ {
				l.exact(i, j, k, &l.u[l.at(i, j, k)])
			}
		}
		return
	}
	for _, j := range [2]int{0, ny - 1} {
		if y.a <= j && j < y.b {
			for i := x.a; i < x.b; i++ {
				l.exact(i, j, k, &l.u[l.at(i, j, k)])
			}
		}
	}
	for _, i := range [2]int{0, nx - 1} {
		if x.a <= i && i < x.b {
			for j := y.a; j < y.b; j++ {
				l.exact(i, j, k, &l.u[l.at(i, j, k)])
			}
		}
	}
}

// setiv is setiv.f on plane k: the box's interior points from a
// transfinite interpolation of the boundary values, associated as LU
// associates it.
func (l *problem) setiv(k int) {
	nx, ny, nz := l.nx, l.ny, l.nz
	if k < 1 || k > nz-2 {
		return
	}
	var ue1jk, uenx0jk, uei1k, ueiny0k, ueij1, ueijnz cell
	zeta := float64(k) / float64(nz-1)
	for j := l.y.st; j < l.y.end; j++ {
		eta := float64(j) / float64(ny-1)
		for i := l.x.st; i < l.x.end; i++ {
			xi := float64(i) / float64(nx-1)
			l.exact(0, j, k, &ue1jk)
			l.exact(nx-1, j, k, &uenx0jk)
			l.exact(i, 0, k, &uei1k)
			l.exact(i, ny-1, k, &ueiny0k)
			l.exact(i, j, 0, &ueij1)
			l.exact(i, j, nz-1, &ueijnz)
			u := &l.u[l.at(i, j, k)]
			for m := range 5 {
				pxi := (1.0-xi)*ue1jk[m] + xi*uenx0jk[m]
				peta := (1.0-eta)*uei1k[m] + eta*ueiny0k[m]
				pzeta := (1.0-zeta)*ueij1[m] + zeta*ueijnz[m]
				u[m] = pxi + peta + pzeta - pxi*peta - peta*pzeta - pzeta*pxi + pxi*peta*pzeta
			}
		}
	}
}

// erhsPlane is erhs.f's first two loops (frct = 0, rsd = the exact
// solution) and its ξ and η flux differences on plane k. The exact
// solution fills the box's halo too, so erhs needs no exchange.
func (l *problem) erhsPlane(ps *scratch, k int) {
	x, y := &l.x, &l.y
	for j := y.lo; j < y.hi; j++ {
		for i := x.lo; i < x.hi; i++ {
			o := l.at(i, j, k)
			l.frct[o] = cell{}
			l.exact(i, j, k, &l.rsd[o])
		}
	}
	if k < 1 || k > l.nz-2 {
		return
	}
	for j := y.st; j < y.end; j++ {
		o, n := l.row(j, k)
		l.erhsLine(ps, l.frct[o:][:n], l.rsd[o:][:n], 0, x)
	}
	n := y.hi - y.lo
	w, f := ps.line[0][:n], ps.line[1][:n]
	for i := x.st; i < x.end; i++ {
		for j := y.lo; j < y.hi; j++ {
			o := l.at(i, j, k)
			w[j-y.lo], f[j-y.lo] = l.rsd[o], l.frct[o]
		}
		l.erhsLine(ps, f, w, 1, y)
		for j := y.lo; j < y.hi; j++ {
			l.frct[l.at(i, j, k)] = f[j-y.lo]
		}
	}
}

// erhsZeta is erhs.f's ζ flux differences on row j.
func (l *problem) erhsZeta(ps *scratch, j int) {
	nz := l.nz
	z := whole(nz)
	w, f := ps.line[0][:nz], ps.line[1][:nz]
	for i := l.x.st; i < l.x.end; i++ {
		for k := range nz {
			o := l.at(i, j, k)
			w[k], f[k] = l.rsd[o], l.frct[o]
		}
		l.erhsLine(ps, f, w, 2, &z)
		for k := range nz {
			l.frct[l.at(i, j, k)] = f[k]
		}
	}
}

// erhsLine applies erhs's flux differences, viscous terms and dissipation
// in direction dir (0 ξ, 1 η, 2 ζ) along one line of span s: f (frct) from
// w (rsd, holding the exact solution), both indexed from s.lo.
func (l *problem) erhsLine(ps *scratch, f, w []cell, dir int, s *span) {
	n := len(w)
	f = f[:n]
	lo, hi := s.st-s.lo, s.end-s.lo // the solved points; fluxes at [lo−1, hi+1)
	fl := ps.x1[:n]
	c1, c2 := l.c1, l.c2
	var t2, t3, t3c3c4, r43t3, h, sd, c1c5t3 float64
	var d *[5]float64
	switch dir {
	case 0:
		t2, t3, t3c3c4, r43t3, h, sd, c1c5t3, d = l.tx2, l.tx3, l.tx3c3c4, l.r43tx3, l.hx, l.sx, l.c1c5tx3, &l.dxtx1
	case 1:
		t2, t3, t3c3c4, r43t3, h, sd, c1c5t3, d = l.ty2, l.ty3, l.ty3c3c4, l.r43ty3, l.hy, l.sy, l.c1c5ty3, &l.dyty1
	default:
		t2, t3, t3c3c4, r43t3, h, sd, c1c5t3, d = l.tz2, l.tz3, l.tz3c3c4, l.r43tz3, l.hz, l.sz, l.c1c5tz3, &l.dztz1
	}
	a := dir + 1 // the velocity component along the line
	for i := lo - 1; i < hi+1; i++ {
		r := &w[i]
		ua := r[a] / r[0]
		q := 0.50 * (r[1]*r[1] + r[2]*r[2] + r[3]*r[3]) / r[0]
		fl[i] = cell{r[a], r[1] * ua, r[2] * ua, r[3] * ua, (c1*r[4] - c2*q) * ua}
		fl[i][a] = r[a]*ua + c2*(r[4]-q)
	}
	for i := lo; i < hi; i++ {
		for m := range 5 {
			f[i][m] = f[i][m] - t2*(fl[i+1][m]-fl[i-1][m])
		}
	}
	for i := lo; i < hi+1; i++ {
		tmp := 1.0 / w[i][0]
		u2i, u3i, u4i, u5i := tmp*w[i][1], tmp*w[i][2], tmp*w[i][3], tmp*w[i][4]
		tmp = 1.0 / w[i-1][0]
		u2m, u3m, u4m, u5m := tmp*w[i-1][1], tmp*w[i-1][2], tmp*w[i-1][3], tmp*w[i-1][4]
		fl[i][1] = t3 * (u2i - u2m)
		fl[i][2] = t3 * (u3i - u3m)
		fl[i][3] = t3 * (u4i - u4m)
		var uai, uam float64
		switch dir {
		case 0:
			fl[i][1] = r43t3 * (u2i - u2m)
			uai, uam = u2i, u2m
		case 1:
			fl[i][2] = r43t3 * (u3i - u3m)
			uai, uam = u3i, u3m
		default:
			fl[i][3] = r43t3 * (u4i - u4m)
			uai, uam = u4i, u4m
		}
		fl[i][4] = h*((u2i*u2i+u3i*u3i+u4i*u4i)-(u2m*u2m+u3m*u3m+u4m*u4m)) +
			sd*(uai*uai-uam*uam) +
			c1c5t3*(u5i-u5m)
	}
	for i := lo; i < hi; i++ {
		if dir == 2 {
			// erhs writes its ζ second difference from k+1 down
			f[i][0] = f[i][0] + d[0]*(w[i+1][0]-2.0*w[i][0]+w[i-1][0])
			for m := 1; m < 5; m++ {
				f[i][m] = f[i][m] + t3c3c4*(fl[i+1][m]-fl[i][m]) + d[m]*(w[i+1][m]-2.0*w[i][m]+w[i-1][m])
			}
			continue
		}
		f[i][0] = f[i][0] + d[0]*(w[i-1][0]-2.0*w[i][0]+w[i+1][0])
		for m := 1; m < 5; m++ {
			f[i][m] = f[i][m] + t3c3c4*(fl[i+1][m]-fl[i][m]) + d[m]*(w[i-1][m]-2.0*w[i][m]+w[i+1][m])
		}
	}
	dissipate(f, w, s, l.dssp)
}
