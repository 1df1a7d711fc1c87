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

// setbv is setbv.f on plane k: the exact solution on the boundary faces.
func (l *problem) setbv(k int) {
	nx, ny, nz := l.nx, l.ny, l.nz
	if k == 0 || k == nz-1 {
		for j := range ny {
			for i := range nx {
				l.exact(i, j, k, &l.u[l.at(i, j, k)])
			}
		}
		return
	}
	for i := range nx {
		l.exact(i, 0, k, &l.u[l.at(i, 0, k)])
		l.exact(i, ny-1, k, &l.u[l.at(i, ny-1, k)])
	}
	for j := range ny {
		l.exact(0, j, k, &l.u[l.at(0, j, k)])
		l.exact(nx-1, j, k, &l.u[l.at(nx-1, j, k)])
	}
}

// setiv is setiv.f on plane k: the interior from a transfinite
// interpolation of the boundary values, associated as LU associates it.
func (l *problem) setiv(k int) {
	nx, ny, nz := l.nx, l.ny, l.nz
	if k < 1 || k > nz-2 {
		return
	}
	var ue1jk, uenx0jk, uei1k, ueiny0k, ueij1, ueijnz cell
	zeta := float64(k) / float64(nz-1)
	for j := 1; j < ny-1; j++ {
		eta := float64(j) / float64(ny-1)
		for i := 1; i < nx-1; i++ {
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
// solution) and its ξ and η flux differences on plane k.
func (l *problem) erhsPlane(ps *scratch, k int) {
	nx, ny, nz := l.nx, l.ny, l.nz
	for j := range ny {
		for i := range nx {
			o := l.at(i, j, k)
			l.frct[o] = cell{}
			l.exact(i, j, k, &l.rsd[o])
		}
	}
	if k < 1 || k > nz-2 {
		return
	}
	for j := 1; j < ny-1; j++ {
		o := l.at(0, j, k)
		l.erhsLine(ps, l.frct[o:][:nx], l.rsd[o:][:nx], 0)
	}
	w, f := ps.line[0][:ny], ps.line[1][:ny]
	for i := 1; i < nx-1; i++ {
		for j := range ny {
			o := l.at(i, j, k)
			w[j], f[j] = l.rsd[o], l.frct[o]
		}
		l.erhsLine(ps, f, w, 1)
		for j := range ny {
			l.frct[l.at(i, j, k)] = f[j]
		}
	}
}

// erhsZeta is erhs.f's ζ flux differences on row j.
func (l *problem) erhsZeta(ps *scratch, j int) {
	nx, nz := l.nx, l.nz
	w, f := ps.line[0][:nz], ps.line[1][:nz]
	for i := 1; i < nx-1; i++ {
		for k := range nz {
			o := l.at(i, j, k)
			w[k], f[k] = l.rsd[o], l.frct[o]
		}
		l.erhsLine(ps, f, w, 2)
		for k := range nz {
			l.frct[l.at(i, j, k)] = f[k]
		}
	}
}

// erhsLine applies erhs's flux differences, viscous terms and dissipation
// in direction dir (0 ξ, 1 η, 2 ζ) along one line: f (frct) from w (rsd,
// holding the exact solution).
func (l *problem) erhsLine(ps *scratch, f, w []cell, dir int) {
	n := len(w)
	f = f[:n]
	fl := ps.x1[:n]
	c1, c2 := l.c1, l.c2
	var t2, t3, t3c3c4, r43t3, h, s, c1c5t3 float64
	var d *[5]float64
	switch dir {
	case 0:
		t2, t3, t3c3c4, r43t3, h, s, c1c5t3, d = l.tx2, l.tx3, l.tx3c3c4, l.r43tx3, l.hx, l.sx, l.c1c5tx3, &l.dxtx1
	case 1:
		t2, t3, t3c3c4, r43t3, h, s, c1c5t3, d = l.ty2, l.ty3, l.ty3c3c4, l.r43ty3, l.hy, l.sy, l.c1c5ty3, &l.dyty1
	default:
		t2, t3, t3c3c4, r43t3, h, s, c1c5t3, d = l.tz2, l.tz3, l.tz3c3c4, l.r43tz3, l.hz, l.sz, l.c1c5tz3, &l.dztz1
	}
	a := dir + 1 // the velocity component along the line
	for i := range n {
		r := &w[i]
		ua := r[a] / r[0]
		q := 0.50 * (r[1]*r[1] + r[2]*r[2] + r[3]*r[3]) / r[0]
		fl[i] = cell{r[a], r[1] * ua, r[2] * ua, r[3] * ua, (c1*r[4] - c2*q) * ua}
		fl[i][a] = r[a]*ua + c2*(r[4]-q)
	}
	for i := 1; i < n-1; i++ {
		for m := range 5 {
			f[i][m] = f[i][m] - t2*(fl[i+1][m]-fl[i-1][m])
		}
	}
	for i := 1; i < n; i++ {
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
			s*(uai*uai-uam*uam) +
			c1c5t3*(u5i-u5m)
	}
	for i := 1; i < n-1; i++ {
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
	dissipate(f, w, l.dssp)
}
