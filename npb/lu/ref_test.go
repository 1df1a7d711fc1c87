package lu

// The routines of LU as written in the reference (rhs.f, jacld.f, blts.f,
// jacu.f, buts.f and ssor.f's loop), serially, 1-based, with their line
// buffers and full 5×5 blocks: the oracle the fused, reordered and
// parallel code must match bit for bit. The fields share the Go layout, so
// the oracle runs on copies of a problem's arrays.

type refLU struct {
	nx, ny, nz, ni, nj int
	U, RSD, FRCT       []float64 // 5 words a point
	RHO, QS            []float64

	dt, omega                     float64
	tx1, tx2, tx3, ty1, ty2, ty3  float64
	tz1, tz2, tz3                 float64
	dx1, dx2, dx3, dx4, dx5       float64
	dy1, dy2, dy3, dy4, dy5       float64
	dz1, dz2, dz3, dz4, dz5, dssp float64
	a, b, c, d                    [][5][5]float64
	flux                          [][5]float64
	utmp                          [][6]float64
	rtmp                          [][5]float64
	ist, iend, jst, jend          int
}

func newRef(l *problem) *refLU {
	r := &refLU{nx: l.nx, ny: l.ny, nz: l.nz, ni: l.ni, nj: l.nj, dt: l.dt, omega: l.omega}
	flat := func(c []cell) []float64 {
		f := make([]float64, 5*len(c))
		for p := range c {
			copy(f[5*p:], c[p][:])
		}
		return f
	}
	r.U, r.RSD, r.FRCT = flat(l.u), flat(l.rsd), flat(l.frct)
	r.RHO, r.QS = append([]float64(nil), l.rho...), append([]float64(nil), l.qs...)
	// setcoeff
	dxi := 1.0 / float64(r.nx-1)
	deta := 1.0 / float64(r.ny-1)
	dzeta := 1.0 / float64(r.nz-1)
	r.tx1 = 1.0 / (dxi * dxi)
	r.tx2 = 1.0 / (2.0 * dxi)
	r.tx3 = 1.0 / dxi
	r.ty1 = 1.0 / (deta * deta)
	r.ty2 = 1.0 / (2.0 * deta)
	r.ty3 = 1.0 / deta
	r.tz1 = 1.0 / (dzeta * dzeta)
	r.tz2 = 1.0 / (2.0 * dzeta)
	r.tz3 = 1.0 / dzeta
	r.dx1, r.dx2, r.dx3, r.dx4, r.dx5 = 0.75, 0.75, 0.75, 0.75, 0.75
	r.dy1, r.dy2, r.dy3, r.dy4, r.dy5 = 0.75, 0.75, 0.75, 0.75, 0.75
	r.dz1, r.dz2, r.dz3, r.dz4, r.dz5 = 1.00, 1.00, 1.00, 1.00, 1.00
	r.dssp = max(r.dx1, r.dy1, r.dz1) / 4.0
	n := max(r.nx, r.ny, r.nz) + 2
	r.a, r.b, r.c, r.d = make([][5][5]float64, n), make([][5][5]float64, n), make([][5][5]float64, n), make([][5][5]float64, n)
	r.flux, r.utmp, r.rtmp = make([][5]float64, n), make([][6]float64, n), make([][5]float64, n)
	r.ist, r.iend, r.jst, r.jend = 2, r.nx-1, 2, r.ny-1
	return r
}

func (r *refLU) p(i, j, k int) int { return (i - 1) + r.ni*((j-1)+r.nj*(k-1)) }

func (r *refLU) u(m, i, j, k int) *float64    { return &r.U[5*r.p(i, j, k)+m-1] }
func (r *refLU) rsd(m, i, j, k int) *float64  { return &r.RSD[5*r.p(i, j, k)+m-1] }
func (r *refLU) frct(m, i, j, k int) *float64 { return &r.FRCT[5*r.p(i, j, k)+m-1] }
func (r *refLU) rhoI(i, j, k int) *float64    { return &r.RHO[r.p(i, j, k)] }
func (r *refLU) qs(i, j, k int) *float64      { return &r.QS[r.p(i, j, k)] }

// rhs is rhs.f.
func (r *refLU) rhs() {
	nx, ny, nz := r.nx, r.ny, r.nz
	ist, iend, jst, jend := r.ist, r.iend, r.jst, r.jend
	u, rsd, frct, rhoI, qs := r.u, r.rsd, r.frct, r.rhoI, r.qs
	flux, utmp, rtmp := r.flux, r.utmp, r.rtmp
	tx1, tx2, tx3, ty1, ty2, ty3, tz1, tz2, tz3 := r.tx1, r.tx2, r.tx3, r.ty1, r.ty2, r.ty3, r.tz1, r.tz2, r.tz3
	dx1, dx2, dx3, dx4, dx5 := r.dx1, r.dx2, r.dx3, r.dx4, r.dx5
	dy1, dy2, dy3, dy4, dy5 := r.dy1, r.dy2, r.dy3, r.dy4, r.dy5
	dz1, dz2, dz3, dz4, dz5 := r.dz1, r.dz2, r.dz3, r.dz4, r.dz5
	dssp := r.dssp
	var q, tmp, u21, u31, u41 float64
	var u21i, u31i, u41i, u51i, u21im1, u31im1, u41im1, u51im1 float64
	var u21j, u31j, u41j, u51j, u21jm1, u31jm1, u41jm1, u51jm1 float64
	var u21k, u31k, u41k, u51k, u21km1, u31km1, u41km1, u51km1 float64

	for k := 1; k <= nz; k++ {
		for j := 1; j <= ny; j++ {
			for i := 1; i <= nx; i++ {
				for m := 1; m <= 5; m++ {
					*rsd(m, i, j, k) = -*frct(m, i, j, k)
				}
				tmp = 1.0 / *u(1, i, j, k)
				*rhoI(i, j, k) = tmp
				*qs(i, j, k) = 0.50 * (*u(2, i, j, k)**u(2, i, j, k) +
					*u(3, i, j, k)**u(3, i, j, k) +
					*u(4, i, j, k)**u(4, i, j, k)) *
					tmp
			}
		}
	}

	// xi-direction flux differences
	for k := 2; k <= nz-1; k++ {
		for j := jst; j <= jend; j++ {
			for i := 1; i <= nx; i++ {
				flux[i][0] = *u(2, i, j, k)
				u21 = *u(2, i, j, k) * *rhoI(i, j, k)
				q = *qs(i, j, k)
				flux[i][1] = *u(2, i, j, k)*u21 + c2*(*u(5, i, j, k)-q)
				flux[i][2] = *u(3, i, j, k) * u21
				flux[i][3] = *u(4, i, j, k) * u21
				flux[i][4] = (c1**u(5, i, j, k) - c2*q) * u21
			}
			for i := ist; i <= iend; i++ {
				for m := 1; m <= 5; m++ {
					*rsd(m, i, j, k) = *rsd(m, i, j, k) - tx2*(flux[i+1][m-1]-flux[i-1][m-1])
				}
			}
			for i := ist; i <= nx; i++ {
				tmp = *rhoI(i, j, k)
				u21i = tmp * *u(2, i, j, k)
				u31i = tmp * *u(3, i, j, k)
				u41i = tmp * *u(4, i, j, k)
				u51i = tmp * *u(5, i, j, k)
				tmp = *rhoI(i-1, j, k)
				u21im1 = tmp * *u(2, i-1, j, k)
				u31im1 = tmp * *u(3, i-1, j, k)
				u41im1 = tmp * *u(4, i-1, j, k)
				u51im1 = tmp * *u(5, i-1, j, k)
				flux[i][1] = (4.0 / 3.0) * tx3 * (u21i - u21im1)
				flux[i][2] = tx3 * (u31i - u31im1)
				flux[i][3] = tx3 * (u41i - u41im1)
				flux[i][4] = 0.50*(1.0-c1*c5)*tx3*((u21i*u21i+u31i*u31i+u41i*u41i)-
					(u21im1*u21im1+u31im1*u31im1+u41im1*u41im1)) +
					(1.0/6.0)*tx3*(u21i*u21i-u21im1*u21im1) +
					c1*c5*tx3*(u51i-u51im1)
			}
			for i := ist; i <= iend; i++ {
				*rsd(1, i, j, k) = *rsd(1, i, j, k) +
					dx1*tx1*(*u(1, i-1, j, k)-2.0**u(1, i, j, k)+*u(1, i+1, j, k))
				*rsd(2, i, j, k) = *rsd(2, i, j, k) +
					tx3*c3*c4*(flux[i+1][1]-flux[i][1]) +
					dx2*tx1*(*u(2, i-1, j, k)-2.0**u(2, i, j, k)+*u(2, i+1, j, k))
				*rsd(3, i, j, k) = *rsd(3, i, j, k) +
					tx3*c3*c4*(flux[i+1][2]-flux[i][2]) +
					dx3*tx1*(*u(3, i-1, j, k)-2.0**u(3, i, j, k)+*u(3, i+1, j, k))
				*rsd(4, i, j, k) = *rsd(4, i, j, k) +
					tx3*c3*c4*(flux[i+1][3]-flux[i][3]) +
					dx4*tx1*(*u(4, i-1, j, k)-2.0**u(4, i, j, k)+*u(4, i+1, j, k))
				*rsd(5, i, j, k) = *rsd(5, i, j, k) +
					tx3*c3*c4*(flux[i+1][4]-flux[i][4]) +
					dx5*tx1*(*u(5, i-1, j, k)-2.0**u(5, i, j, k)+*u(5, i+1, j, k))
			}
			// Fourth-order dissipation
			for m := 1; m <= 5; m++ {
				*rsd(m, 2, j, k) = *rsd(m, 2, j, k) -
					dssp*(+5.0**u(m, 2, j, k)-4.0**u(m, 3, j, k)+*u(m, 4, j, k))
				*rsd(m, 3, j, k) = *rsd(m, 3, j, k) -
					dssp*(-4.0**u(m, 2, j, k)+6.0**u(m, 3, j, k)-4.0**u(m, 4, j, k)+*u(m, 5, j, k))
			}
			for i := 4; i <= nx-3; i++ {
				for m := 1; m <= 5; m++ {
					*rsd(m, i, j, k) = *rsd(m, i, j, k) -
						dssp*(*u(m, i-2, j, k)-4.0**u(m, i-1, j, k)+6.0**u(m, i, j, k)-
							4.0**u(m, i+1, j, k)+*u(m, i+2, j, k))
				}
			}
			for m := 1; m <= 5; m++ {
				*rsd(m, nx-2, j, k) = *rsd(m, nx-2, j, k) -
					dssp*(*u(m, nx-4, j, k)-4.0**u(m, nx-3, j, k)+6.0**u(m, nx-2, j, k)-4.0**u(m, nx-1, j, k))
				*rsd(m, nx-1, j, k) = *rsd(m, nx-1, j, k) -
					dssp*(*u(m, nx-3, j, k)-4.0**u(m, nx-2, j, k)+5.0**u(m, nx-1, j, k))
			}
		}
	}

	// eta-direction flux differences
	for k := 2; k <= nz-1; k++ {
		for i := ist; i <= iend; i++ {
			for j := 1; j <= ny; j++ {
				flux[j][0] = *u(3, i, j, k)
				u31 = *u(3, i, j, k) * *rhoI(i, j, k)
				q = *qs(i, j, k)
				flux[j][1] = *u(2, i, j, k) * u31
				flux[j][2] = *u(3, i, j, k)*u31 + c2*(*u(5, i, j, k)-q)
				flux[j][3] = *u(4, i, j, k) * u31
				flux[j][4] = (c1**u(5, i, j, k) - c2*q) * u31
			}
			for j := jst; j <= jend; j++ {
				for m := 1; m <= 5; m++ {
					*rsd(m, i, j, k) = *rsd(m, i, j, k) - ty2*(flux[j+1][m-1]-flux[j-1][m-1])
				}
			}
			for j := jst; j <= ny; j++ {
				tmp = *rhoI(i, j, k)
				u21j = tmp * *u(2, i, j, k)
				u31j = tmp * *u(3, i, j, k)
				u41j = tmp * *u(4, i, j, k)
				u51j = tmp * *u(5, i, j, k)
				tmp = *rhoI(i, j-1, k)
				u21jm1 = tmp * *u(2, i, j-1, k)
				u31jm1 = tmp * *u(3, i, j-1, k)
				u41jm1 = tmp * *u(4, i, j-1, k)
				u51jm1 = tmp * *u(5, i, j-1, k)
				flux[j][1] = ty3 * (u21j - u21jm1)
				flux[j][2] = (4.0 / 3.0) * ty3 * (u31j - u31jm1)
				flux[j][3] = ty3 * (u41j - u41jm1)
				flux[j][4] = 0.50*(1.0-c1*c5)*ty3*((u21j*u21j+u31j*u31j+u41j*u41j)-
					(u21jm1*u21jm1+u31jm1*u31jm1+u41jm1*u41jm1)) +
					(1.0/6.0)*ty3*(u31j*u31j-u31jm1*u31jm1) +
					c1*c5*ty3*(u51j-u51jm1)
			}
			for j := jst; j <= jend; j++ {
				*rsd(1, i, j, k) = *rsd(1, i, j, k) +
					dy1*ty1*(*u(1, i, j-1, k)-2.0**u(1, i, j, k)+*u(1, i, j+1, k))
				*rsd(2, i, j, k) = *rsd(2, i, j, k) +
					ty3*c3*c4*(flux[j+1][1]-flux[j][1]) +
					dy2*ty1*(*u(2, i, j-1, k)-2.0**u(2, i, j, k)+*u(2, i, j+1, k))
				*rsd(3, i, j, k) = *rsd(3, i, j, k) +
					ty3*c3*c4*(flux[j+1][2]-flux[j][2]) +
					dy3*ty1*(*u(3, i, j-1, k)-2.0**u(3, i, j, k)+*u(3, i, j+1, k))
				*rsd(4, i, j, k) = *rsd(4, i, j, k) +
					ty3*c3*c4*(flux[j+1][3]-flux[j][3]) +
					dy4*ty1*(*u(4, i, j-1, k)-2.0**u(4, i, j, k)+*u(4, i, j+1, k))
				*rsd(5, i, j, k) = *rsd(5, i, j, k) +
					ty3*c3*c4*(flux[j+1][4]-flux[j][4]) +
					dy5*ty1*(*u(5, i, j-1, k)-2.0**u(5, i, j, k)+*u(5, i, j+1, k))
			}
		}
	}

	// fourth-order dissipation
	for k := 2; k <= nz-1; k++ {
		for j := jst; j <= jend; j++ {
			switch {
			case j == 2:
				for i := ist; i <= iend; i++ {
					for m := 1; m <= 5; m++ {
						*rsd(m, i, 2, k) = *rsd(m, i, 2, k) -
							dssp*(+5.0**u(m, i, 2, k)-4.0**u(m, i, 3, k)+*u(m, i, 4, k))
					}
				}
			case j == 3:
				for i := ist; i <= iend; i++ {
					for m := 1; m <= 5; m++ {
						*rsd(m, i, 3, k) = *rsd(m, i, 3, k) -
							dssp*(-4.0**u(m, i, 2, k)+6.0**u(m, i, 3, k)-4.0**u(m, i, 4, k)+*u(m, i, 5, k))
					}
				}
			case j == ny-2:
				for i := ist; i <= iend; i++ {
					for m := 1; m <= 5; m++ {
						*rsd(m, i, ny-2, k) = *rsd(m, i, ny-2, k) -
							dssp*(*u(m, i, ny-4, k)-4.0**u(m, i, ny-3, k)+6.0**u(m, i, ny-2, k)-4.0**u(m, i, ny-1, k))
					}
				}
			case j == ny-1:
				for i := ist; i <= iend; i++ {
					for m := 1; m <= 5; m++ {
						*rsd(m, i, ny-1, k) = *rsd(m, i, ny-1, k) -
							dssp*(*u(m, i, ny-3, k)-4.0**u(m, i, ny-2, k)+5.0**u(m, i, ny-1, k))
					}
				}
			default:
				for i := ist; i <= iend; i++ {
					for m := 1; m <= 5; m++ {
						*rsd(m, i, j, k) = *rsd(m, i, j, k) -
							dssp*(*u(m, i, j-2, k)-4.0**u(m, i, j-1, k)+6.0**u(m, i, j, k)-
								4.0**u(m, i, j+1, k)+*u(m, i, j+2, k))
					}
				}
			}
		}
	}

	// zeta-direction flux differences
	for j := jst; j <= jend; j++ {
		for i := ist; i <= iend; i++ {
			for k := 1; k <= nz; k++ {
				for m := 1; m <= 5; m++ {
					utmp[k][m-1] = *u(m, i, j, k)
				}
				utmp[k][5] = *rhoI(i, j, k)
			}
			for k := 1; k <= nz; k++ {
				flux[k][0] = utmp[k][3]
				u41 = utmp[k][3] * utmp[k][5]
				q = *qs(i, j, k)
				flux[k][1] = utmp[k][1] * u41
				flux[k][2] = utmp[k][2] * u41
				flux[k][3] = utmp[k][3]*u41 + c2*(utmp[k][4]-q)
				flux[k][4] = (c1*utmp[k][4] - c2*q) * u41
			}
			for k := 2; k <= nz-1; k++ {
				for m := 1; m <= 5; m++ {
					rtmp[k][m-1] = *rsd(m, i, j, k) - tz2*(flux[k+1][m-1]-flux[k-1][m-1])
				}
			}
			for k := 2; k <= nz; k++ {
				tmp = utmp[k][5]
				u21k = tmp * utmp[k][1]
				u31k = tmp * utmp[k][2]
				u41k = tmp * utmp[k][3]
				u51k = tmp * utmp[k][4]
				tmp = utmp[k-1][5]
				u21km1 = tmp * utmp[k-1][1]
				u31km1 = tmp * utmp[k-1][2]
				u41km1 = tmp * utmp[k-1][3]
				u51km1 = tmp * utmp[k-1][4]
				flux[k][1] = tz3 * (u21k - u21km1)
				flux[k][2] = tz3 * (u31k - u31km1)
				flux[k][3] = (4.0 / 3.0) * tz3 * (u41k - u41km1)
				flux[k][4] = 0.50*(1.0-c1*c5)*tz3*((u21k*u21k+u31k*u31k+u41k*u41k)-
					(u21km1*u21km1+u31km1*u31km1+u41km1*u41km1)) +
					(1.0/6.0)*tz3*(u41k*u41k-u41km1*u41km1) +
					c1*c5*tz3*(u51k-u51km1)
			}
			for k := 2; k <= nz-1; k++ {
				rtmp[k][0] = rtmp[k][0] + dz1*tz1*(utmp[k-1][0]-2.0*utmp[k][0]+utmp[k+1][0])
				rtmp[k][1] = rtmp[k][1] + tz3*c3*c4*(flux[k+1][1]-flux[k][1]) +
					dz2*tz1*(utmp[k-1][1]-2.0*utmp[k][1]+utmp[k+1][1])
				rtmp[k][2] = rtmp[k][2] + tz3*c3*c4*(flux[k+1][2]-flux[k][2]) +
					dz3*tz1*(utmp[k-1][2]-2.0*utmp[k][2]+utmp[k+1][2])
				rtmp[k][3] = rtmp[k][3] + tz3*c3*c4*(flux[k+1][3]-flux[k][3]) +
					dz4*tz1*(utmp[k-1][3]-2.0*utmp[k][3]+utmp[k+1][3])
				rtmp[k][4] = rtmp[k][4] + tz3*c3*c4*(flux[k+1][4]-flux[k][4]) +
					dz5*tz1*(utmp[k-1][4]-2.0*utmp[k][4]+utmp[k+1][4])
			}
			// fourth-order dissipation
			for m := 1; m <= 5; m++ {
				*rsd(m, i, j, 2) = rtmp[2][m-1] -
					dssp*(+5.0*utmp[2][m-1]-4.0*utmp[3][m-1]+utmp[4][m-1])
				*rsd(m, i, j, 3) = rtmp[3][m-1] -
					dssp*(-4.0*utmp[2][m-1]+6.0*utmp[3][m-1]-4.0*utmp[4][m-1]+utmp[5][m-1])
			}
			for k := 4; k <= nz-3; k++ {
				for m := 1; m <= 5; m++ {
					*rsd(m, i, j, k) = rtmp[k][m-1] -
						dssp*(utmp[k-2][m-1]-4.0*utmp[k-1][m-1]+6.0*utmp[k][m-1]-
							4.0*utmp[k+1][m-1]+utmp[k+2][m-1])
				}
			}
			for m := 1; m <= 5; m++ {
				*rsd(m, i, j, nz-2) = rtmp[nz-2][m-1] -
					dssp*(utmp[nz-4][m-1]-4.0*utmp[nz-3][m-1]+6.0*utmp[nz-2][m-1]-4.0*utmp[nz-1][m-1])
				*rsd(m, i, j, nz-1) = rtmp[nz-1][m-1] -
					dssp*(utmp[nz-3][m-1]-4.0*utmp[nz-2][m-1]+5.0*utmp[nz-1][m-1])
			}
		}
	}
}

// at25 is a 5×5 block entry with the Fortran's 1-based (m, n).
func at25(b [][5][5]float64, m, n, i int) *float64 { return &b[i][m-1][n-1] }

// jacld is jacld.f.
func (r *refLU) jacld(j, k int) {
	u, rhoI, qs := r.u, r.rhoI, r.qs
	dt := r.dt
	tx1, tx2, ty1, ty2, tz1, tz2 := r.tx1, r.tx2, r.ty1, r.ty2, r.tz1, r.tz2
	dx1, dx2, dx3, dx4, dx5 := r.dx1, r.dx2, r.dx3, r.dx4, r.dx5
	dy1, dy2, dy3, dy4, dy5 := r.dy1, r.dy2, r.dy3, r.dy4, r.dy5
	dz1, dz2, dz3, dz4, dz5 := r.dz1, r.dz2, r.dz3, r.dz4, r.dz5
	a := func(m, n, i int) *float64 { return at25(r.a, m, n, i) }
	b := func(m, n, i int) *float64 { return at25(r.b, m, n, i) }
	c := func(m, n, i int) *float64 { return at25(r.c, m, n, i) }
	d := func(m, n, i int) *float64 { return at25(r.d, m, n, i) }
	r43 := (4.0 / 3.0)
	c1345 := c1 * c3 * c4 * c5
	c34 := c3 * c4
	var tmp1, tmp2, tmp3 float64
	sq := func(x float64) float64 { return x * x }

	for i := r.ist; i <= r.iend; i++ {
		// form the block daigonal
		tmp1 = *rhoI(i, j, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*d(1, 1, i) = 1.0 + dt*2.0*(tx1*dx1+ty1*dy1+tz1*dz1)
		*d(1, 2, i) = 0.0
		*d(1, 3, i) = 0.0
		*d(1, 4, i) = 0.0
		*d(1, 5, i) = 0.0

		*d(2, 1, i) = -dt * 2.0 * (tx1*r43 + ty1 + tz1) * c34 * tmp2 * *u(2, i, j, k)
		*d(2, 2, i) = 1.0 + dt*2.0*c34*tmp1*(tx1*r43+ty1+tz1) + dt*2.0*(tx1*dx2+ty1*dy2+tz1*dz2)
		*d(2, 3, i) = 0.0
		*d(2, 4, i) = 0.0
		*d(2, 5, i) = 0.0

		*d(3, 1, i) = -dt * 2.0 * (tx1 + ty1*r43 + tz1) * c34 * tmp2 * *u(3, i, j, k)
		*d(3, 2, i) = 0.0
		*d(3, 3, i) = 1.0 + dt*2.0*c34*tmp1*(tx1+ty1*r43+tz1) + dt*2.0*(tx1*dx3+ty1*dy3+tz1*dz3)
		*d(3, 4, i) = 0.0
		*d(3, 5, i) = 0.0

		*d(4, 1, i) = -dt * 2.0 * (tx1 + ty1 + tz1*r43) * c34 * tmp2 * *u(4, i, j, k)
		*d(4, 2, i) = 0.0
		*d(4, 3, i) = 0.0
		*d(4, 4, i) = 1.0 + dt*2.0*c34*tmp1*(tx1+ty1+tz1*r43) + dt*2.0*(tx1*dx4+ty1*dy4+tz1*dz4)
		*d(4, 5, i) = 0.0

		*d(5, 1, i) = -dt * 2.0 * (((tx1*(r43*c34-c1345)+ty1*(c34-c1345)+tz1*(c34-c1345))*sq(*u(2, i, j, k))+
			(tx1*(c34-c1345)+ty1*(r43*c34-c1345)+tz1*(c34-c1345))*sq(*u(3, i, j, k))+
			(tx1*(c34-c1345)+ty1*(c34-c1345)+tz1*(r43*c34-c1345))*sq(*u(4, i, j, k)))*tmp3 +
			(tx1+ty1+tz1)*c1345*tmp2**u(5, i, j, k))
		*d(5, 2, i) = dt * 2.0 * tmp2 * *u(2, i, j, k) * (tx1*(r43*c34-c1345) + ty1*(c34-c1345) + tz1*(c34-c1345))
		*d(5, 3, i) = dt * 2.0 * tmp2 * *u(3, i, j, k) * (tx1*(c34-c1345) + ty1*(r43*c34-c1345) + tz1*(c34-c1345))
		*d(5, 4, i) = dt * 2.0 * tmp2 * *u(4, i, j, k) * (tx1*(c34-c1345) + ty1*(c34-c1345) + tz1*(r43*c34-c1345))
		*d(5, 5, i) = 1.0 + dt*2.0*(tx1+ty1+tz1)*c1345*tmp1 + dt*2.0*(tx1*dx5+ty1*dy5+tz1*dz5)

		// form the first block sub-diagonal
		tmp1 = *rhoI(i, j, k-1)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*a(1, 1, i) = -dt * tz1 * dz1
		*a(1, 2, i) = 0.0
		*a(1, 3, i) = 0.0
		*a(1, 4, i) = -dt * tz2
		*a(1, 5, i) = 0.0

		*a(2, 1, i) = -dt*tz2*(-(*u(2, i, j, k-1)**u(4, i, j, k-1))*tmp2) - dt*tz1*(-c34*tmp2**u(2, i, j, k-1))
		*a(2, 2, i) = -dt*tz2*(*u(4, i, j, k-1)*tmp1) - dt*tz1*c34*tmp1 - dt*tz1*dz2
		*a(2, 3, i) = 0.0
		*a(2, 4, i) = -dt * tz2 * (*u(2, i, j, k-1) * tmp1)
		*a(2, 5, i) = 0.0

		*a(3, 1, i) = -dt*tz2*(-(*u(3, i, j, k-1)**u(4, i, j, k-1))*tmp2) - dt*tz1*(-c34*tmp2**u(3, i, j, k-1))
		*a(3, 2, i) = 0.0
		*a(3, 3, i) = -dt*tz2*(*u(4, i, j, k-1)*tmp1) - dt*tz1*(c34*tmp1) - dt*tz1*dz3
		*a(3, 4, i) = -dt * tz2 * (*u(3, i, j, k-1) * tmp1)
		*a(3, 5, i) = 0.0

		*a(4, 1, i) = -dt*tz2*(-sq(*u(4, i, j, k-1)*tmp1)+c2**qs(i, j, k-1)*tmp1) - dt*tz1*(-r43*c34*tmp2**u(4, i, j, k-1))
		*a(4, 2, i) = -dt * tz2 * (-c2 * (*u(2, i, j, k-1) * tmp1))
		*a(4, 3, i) = -dt * tz2 * (-c2 * (*u(3, i, j, k-1) * tmp1))
		*a(4, 4, i) = -dt*tz2*(2.0-c2)*(*u(4, i, j, k-1)*tmp1) - dt*tz1*(r43*c34*tmp1) - dt*tz1*dz4
		*a(4, 5, i) = -dt * tz2 * c2

		*a(5, 1, i) = -dt*tz2*((c2*2.0**qs(i, j, k-1)-c1**u(5, i, j, k-1))**u(4, i, j, k-1)*tmp2) -
			dt*tz1*(-(c34-c1345)*tmp3*sq(*u(2, i, j, k-1))-
				(c34-c1345)*tmp3*sq(*u(3, i, j, k-1))-
				(r43*c34-c1345)*tmp3*sq(*u(4, i, j, k-1))-
				c1345*tmp2**u(5, i, j, k-1))
		*a(5, 2, i) = -dt*tz2*(-c2*(*u(2, i, j, k-1)**u(4, i, j, k-1))*tmp2) - dt*tz1*(c34-c1345)*tmp2**u(2, i, j, k-1)
		*a(5, 3, i) = -dt*tz2*(-c2*(*u(3, i, j, k-1)**u(4, i, j, k-1))*tmp2) - dt*tz1*(c34-c1345)*tmp2**u(3, i, j, k-1)
		*a(5, 4, i) = -dt*tz2*(c1*(*u(5, i, j, k-1)*tmp1)-c2*(*qs(i, j, k-1)*tmp1+*u(4, i, j, k-1)**u(4, i, j, k-1)*tmp2)) -
			dt*tz1*(r43*c34-c1345)*tmp2**u(4, i, j, k-1)
		*a(5, 5, i) = -dt*tz2*(c1*(*u(4, i, j, k-1)*tmp1)) - dt*tz1*c1345*tmp1 - dt*tz1*dz5

		// form the second block sub-diagonal
		tmp1 = *rhoI(i, j-1, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*b(1, 1, i) = -dt * ty1 * dy1
		*b(1, 2, i) = 0.0
		*b(1, 3, i) = -dt * ty2
		*b(1, 4, i) = 0.0
		*b(1, 5, i) = 0.0

		*b(2, 1, i) = -dt*ty2*(-(*u(2, i, j-1, k)**u(3, i, j-1, k))*tmp2) - dt*ty1*(-c34*tmp2**u(2, i, j-1, k))
		*b(2, 2, i) = -dt*ty2*(*u(3, i, j-1, k)*tmp1) - dt*ty1*(c34*tmp1) - dt*ty1*dy2
		*b(2, 3, i) = -dt * ty2 * (*u(2, i, j-1, k) * tmp1)
		*b(2, 4, i) = 0.0
		*b(2, 5, i) = 0.0

		*b(3, 1, i) = -dt*ty2*(-sq(*u(3, i, j-1, k)*tmp1)+c2*(*qs(i, j-1, k)*tmp1)) - dt*ty1*(-r43*c34*tmp2**u(3, i, j-1, k))
		*b(3, 2, i) = -dt * ty2 * (-c2 * (*u(2, i, j-1, k) * tmp1))
		*b(3, 3, i) = -dt*ty2*((2.0-c2)*(*u(3, i, j-1, k)*tmp1)) - dt*ty1*(r43*c34*tmp1) - dt*ty1*dy3
		*b(3, 4, i) = -dt * ty2 * (-c2 * (*u(4, i, j-1, k) * tmp1))
		*b(3, 5, i) = -dt * ty2 * c2

		*b(4, 1, i) = -dt*ty2*(-(*u(3, i, j-1, k)**u(4, i, j-1, k))*tmp2) - dt*ty1*(-c34*tmp2**u(4, i, j-1, k))
		*b(4, 2, i) = 0.0
		*b(4, 3, i) = -dt * ty2 * (*u(4, i, j-1, k) * tmp1)
		*b(4, 4, i) = -dt*ty2*(*u(3, i, j-1, k)*tmp1) - dt*ty1*(c34*tmp1) - dt*ty1*dy4
		*b(4, 5, i) = 0.0

		*b(5, 1, i) = -dt*ty2*((c2*2.0**qs(i, j-1, k)-c1**u(5, i, j-1, k))*(*u(3, i, j-1, k)*tmp2)) -
			dt*ty1*(-(c34-c1345)*tmp3*sq(*u(2, i, j-1, k))-
				(r43*c34-c1345)*tmp3*sq(*u(3, i, j-1, k))-
				(c34-c1345)*tmp3*sq(*u(4, i, j-1, k))-
				c1345*tmp2**u(5, i, j-1, k))
		*b(5, 2, i) = -dt*ty2*(-c2*(*u(2, i, j-1, k)**u(3, i, j-1, k))*tmp2) - dt*ty1*(c34-c1345)*tmp2**u(2, i, j-1, k)
		*b(5, 3, i) = -dt*ty2*(c1*(*u(5, i, j-1, k)*tmp1)-c2*(*qs(i, j-1, k)*tmp1+*u(3, i, j-1, k)**u(3, i, j-1, k)*tmp2)) -
			dt*ty1*(r43*c34-c1345)*tmp2**u(3, i, j-1, k)
		*b(5, 4, i) = -dt*ty2*(-c2*(*u(3, i, j-1, k)**u(4, i, j-1, k))*tmp2) - dt*ty1*(c34-c1345)*tmp2**u(4, i, j-1, k)
		*b(5, 5, i) = -dt*ty2*(c1*(*u(3, i, j-1, k)*tmp1)) - dt*ty1*c1345*tmp1 - dt*ty1*dy5

		// form the third block sub-diagonal
		tmp1 = *rhoI(i-1, j, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*c(1, 1, i) = -dt * tx1 * dx1
		*c(1, 2, i) = -dt * tx2
		*c(1, 3, i) = 0.0
		*c(1, 4, i) = 0.0
		*c(1, 5, i) = 0.0

		*c(2, 1, i) = -dt*tx2*(-sq(*u(2, i-1, j, k)*tmp1)+c2**qs(i-1, j, k)*tmp1) - dt*tx1*(-r43*c34*tmp2**u(2, i-1, j, k))
		*c(2, 2, i) = -dt*tx2*((2.0-c2)*(*u(2, i-1, j, k)*tmp1)) - dt*tx1*(r43*c34*tmp1) - dt*tx1*dx2
		*c(2, 3, i) = -dt * tx2 * (-c2 * (*u(3, i-1, j, k) * tmp1))
		*c(2, 4, i) = -dt * tx2 * (-c2 * (*u(4, i-1, j, k) * tmp1))
		*c(2, 5, i) = -dt * tx2 * c2

		*c(3, 1, i) = -dt*tx2*(-(*u(2, i-1, j, k)**u(3, i-1, j, k))*tmp2) - dt*tx1*(-c34*tmp2**u(3, i-1, j, k))
		*c(3, 2, i) = -dt * tx2 * (*u(3, i-1, j, k) * tmp1)
		*c(3, 3, i) = -dt*tx2*(*u(2, i-1, j, k)*tmp1) - dt*tx1*(c34*tmp1) - dt*tx1*dx3
		*c(3, 4, i) = 0.0
		*c(3, 5, i) = 0.0

		*c(4, 1, i) = -dt*tx2*(-(*u(2, i-1, j, k)**u(4, i-1, j, k))*tmp2) - dt*tx1*(-c34*tmp2**u(4, i-1, j, k))
		*c(4, 2, i) = -dt * tx2 * (*u(4, i-1, j, k) * tmp1)
		*c(4, 3, i) = 0.0
		*c(4, 4, i) = -dt*tx2*(*u(2, i-1, j, k)*tmp1) - dt*tx1*(c34*tmp1) - dt*tx1*dx4
		*c(4, 5, i) = 0.0

		*c(5, 1, i) = -dt*tx2*((c2*2.0**qs(i-1, j, k)-c1**u(5, i-1, j, k))**u(2, i-1, j, k)*tmp2) -
			dt*tx1*(-(r43*c34-c1345)*tmp3*sq(*u(2, i-1, j, k))-
				(c34-c1345)*tmp3*sq(*u(3, i-1, j, k))-
				(c34-c1345)*tmp3*sq(*u(4, i-1, j, k))-
				c1345*tmp2**u(5, i-1, j, k))
		*c(5, 2, i) = -dt*tx2*(c1*(*u(5, i-1, j, k)*tmp1)-c2*(*u(2, i-1, j, k)**u(2, i-1, j, k)*tmp2+*qs(i-1, j, k)*tmp1)) -
			dt*tx1*(r43*c34-c1345)*tmp2**u(2, i-1, j, k)
		*c(5, 3, i) = -dt*tx2*(-c2*(*u(3, i-1, j, k)**u(2, i-1, j, k))*tmp2) - dt*tx1*(c34-c1345)*tmp2**u(3, i-1, j, k)
		*c(5, 4, i) = -dt*tx2*(-c2*(*u(4, i-1, j, k)**u(2, i-1, j, k))*tmp2) - dt*tx1*(c34-c1345)*tmp2**u(4, i-1, j, k)
		*c(5, 5, i) = -dt*tx2*(c1*(*u(2, i-1, j, k)*tmp1)) - dt*tx1*c1345*tmp1 - dt*tx1*dx5
	}
}

// jacu is jacu.f.
func (r *refLU) jacu(j, k int) {
	u, rhoI, qs := r.u, r.rhoI, r.qs
	dt := r.dt
	tx1, tx2, ty1, ty2, tz1, tz2 := r.tx1, r.tx2, r.ty1, r.ty2, r.tz1, r.tz2
	dx1, dx2, dx3, dx4, dx5 := r.dx1, r.dx2, r.dx3, r.dx4, r.dx5
	dy1, dy2, dy3, dy4, dy5 := r.dy1, r.dy2, r.dy3, r.dy4, r.dy5
	dz1, dz2, dz3, dz4, dz5 := r.dz1, r.dz2, r.dz3, r.dz4, r.dz5
	a := func(m, n, i int) *float64 { return at25(r.a, m, n, i) }
	b := func(m, n, i int) *float64 { return at25(r.b, m, n, i) }
	c := func(m, n, i int) *float64 { return at25(r.c, m, n, i) }
	d := func(m, n, i int) *float64 { return at25(r.d, m, n, i) }
	r43 := (4.0 / 3.0)
	c1345 := c1 * c3 * c4 * c5
	c34 := c3 * c4
	var tmp1, tmp2, tmp3 float64
	sq := func(x float64) float64 { return x * x }

	for i := r.iend; i >= r.ist; i-- {
		// form the block daigonal
		tmp1 = *rhoI(i, j, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*d(1, 1, i) = 1.0 + dt*2.0*(tx1*dx1+ty1*dy1+tz1*dz1)
		*d(1, 2, i) = 0.0
		*d(1, 3, i) = 0.0
		*d(1, 4, i) = 0.0
		*d(1, 5, i) = 0.0

		*d(2, 1, i) = dt * 2.0 * (-tx1*r43 - ty1 - tz1) * (c34 * tmp2 * *u(2, i, j, k))
		*d(2, 2, i) = 1.0 + dt*2.0*c34*tmp1*(tx1*r43+ty1+tz1) + dt*2.0*(tx1*dx2+ty1*dy2+tz1*dz2)
		*d(2, 3, i) = 0.0
		*d(2, 4, i) = 0.0
		*d(2, 5, i) = 0.0

		*d(3, 1, i) = dt * 2.0 * (-tx1 - ty1*r43 - tz1) * (c34 * tmp2 * *u(3, i, j, k))
		*d(3, 2, i) = 0.0
		*d(3, 3, i) = 1.0 + dt*2.0*c34*tmp1*(tx1+ty1*r43+tz1) + dt*2.0*(tx1*dx3+ty1*dy3+tz1*dz3)
		*d(3, 4, i) = 0.0
		*d(3, 5, i) = 0.0

		*d(4, 1, i) = dt * 2.0 * (-tx1 - ty1 - tz1*r43) * (c34 * tmp2 * *u(4, i, j, k))
		*d(4, 2, i) = 0.0
		*d(4, 3, i) = 0.0
		*d(4, 4, i) = 1.0 + dt*2.0*c34*tmp1*(tx1+ty1+tz1*r43) + dt*2.0*(tx1*dx4+ty1*dy4+tz1*dz4)
		*d(4, 5, i) = 0.0

		*d(5, 1, i) = -dt * 2.0 * (((tx1*(r43*c34-c1345)+ty1*(c34-c1345)+tz1*(c34-c1345))*sq(*u(2, i, j, k))+
			(tx1*(c34-c1345)+ty1*(r43*c34-c1345)+tz1*(c34-c1345))*sq(*u(3, i, j, k))+
			(tx1*(c34-c1345)+ty1*(c34-c1345)+tz1*(r43*c34-c1345))*sq(*u(4, i, j, k)))*tmp3 +
			(tx1+ty1+tz1)*c1345*tmp2**u(5, i, j, k))
		*d(5, 2, i) = dt * 2.0 * (tx1*(r43*c34-c1345) + ty1*(c34-c1345) + tz1*(c34-c1345)) * tmp2 * *u(2, i, j, k)
		*d(5, 3, i) = dt * 2.0 * (tx1*(c34-c1345) + ty1*(r43*c34-c1345) + tz1*(c34-c1345)) * tmp2 * *u(3, i, j, k)
		*d(5, 4, i) = dt * 2.0 * (tx1*(c34-c1345) + ty1*(c34-c1345) + tz1*(r43*c34-c1345)) * tmp2 * *u(4, i, j, k)
		*d(5, 5, i) = 1.0 + dt*2.0*(tx1+ty1+tz1)*c1345*tmp1 + dt*2.0*(tx1*dx5+ty1*dy5+tz1*dz5)

		// form the first block sub-diagonal
		tmp1 = *rhoI(i+1, j, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*a(1, 1, i) = -dt * tx1 * dx1
		*a(1, 2, i) = dt * tx2
		*a(1, 3, i) = 0.0
		*a(1, 4, i) = 0.0
		*a(1, 5, i) = 0.0

		*a(2, 1, i) = dt*tx2*(-sq(*u(2, i+1, j, k)*tmp1)+c2**qs(i+1, j, k)*tmp1) - dt*tx1*(-r43*c34*tmp2**u(2, i+1, j, k))
		*a(2, 2, i) = dt*tx2*((2.0-c2)*(*u(2, i+1, j, k)*tmp1)) - dt*tx1*(r43*c34*tmp1) - dt*tx1*dx2
		*a(2, 3, i) = dt * tx2 * (-c2 * (*u(3, i+1, j, k) * tmp1))
		*a(2, 4, i) = dt * tx2 * (-c2 * (*u(4, i+1, j, k) * tmp1))
		*a(2, 5, i) = dt * tx2 * c2

		*a(3, 1, i) = dt*tx2*(-(*u(2, i+1, j, k)**u(3, i+1, j, k))*tmp2) - dt*tx1*(-c34*tmp2**u(3, i+1, j, k))
		*a(3, 2, i) = dt * tx2 * (*u(3, i+1, j, k) * tmp1)
		*a(3, 3, i) = dt*tx2*(*u(2, i+1, j, k)*tmp1) - dt*tx1*(c34*tmp1) - dt*tx1*dx3
		*a(3, 4, i) = 0.0
		*a(3, 5, i) = 0.0

		*a(4, 1, i) = dt*tx2*(-(*u(2, i+1, j, k)**u(4, i+1, j, k))*tmp2) - dt*tx1*(-c34*tmp2**u(4, i+1, j, k))
		*a(4, 2, i) = dt * tx2 * (*u(4, i+1, j, k) * tmp1)
		*a(4, 3, i) = 0.0
		*a(4, 4, i) = dt*tx2*(*u(2, i+1, j, k)*tmp1) - dt*tx1*(c34*tmp1) - dt*tx1*dx4
		*a(4, 5, i) = 0.0

		*a(5, 1, i) = dt*tx2*((c2*2.0**qs(i+1, j, k)-c1**u(5, i+1, j, k))*(*u(2, i+1, j, k)*tmp2)) -
			dt*tx1*(-(r43*c34-c1345)*tmp3*sq(*u(2, i+1, j, k))-
				(c34-c1345)*tmp3*sq(*u(3, i+1, j, k))-
				(c34-c1345)*tmp3*sq(*u(4, i+1, j, k))-
				c1345*tmp2**u(5, i+1, j, k))
		*a(5, 2, i) = dt*tx2*(c1*(*u(5, i+1, j, k)*tmp1)-c2*(*u(2, i+1, j, k)**u(2, i+1, j, k)*tmp2+*qs(i+1, j, k)*tmp1)) -
			dt*tx1*(r43*c34-c1345)*tmp2**u(2, i+1, j, k)
		*a(5, 3, i) = dt*tx2*(-c2*(*u(3, i+1, j, k)**u(2, i+1, j, k))*tmp2) - dt*tx1*(c34-c1345)*tmp2**u(3, i+1, j, k)
		*a(5, 4, i) = dt*tx2*(-c2*(*u(4, i+1, j, k)**u(2, i+1, j, k))*tmp2) - dt*tx1*(c34-c1345)*tmp2**u(4, i+1, j, k)
		*a(5, 5, i) = dt*tx2*(c1*(*u(2, i+1, j, k)*tmp1)) - dt*tx1*c1345*tmp1 - dt*tx1*dx5

		// form the second block sub-diagonal
		tmp1 = *rhoI(i, j+1, k)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*b(1, 1, i) = -dt * ty1 * dy1
		*b(1, 2, i) = 0.0
		*b(1, 3, i) = dt * ty2
		*b(1, 4, i) = 0.0
		*b(1, 5, i) = 0.0

		*b(2, 1, i) = dt*ty2*(-(*u(2, i, j+1, k)**u(3, i, j+1, k))*tmp2) - dt*ty1*(-c34*tmp2**u(2, i, j+1, k))
		*b(2, 2, i) = dt*ty2*(*u(3, i, j+1, k)*tmp1) - dt*ty1*(c34*tmp1) - dt*ty1*dy2
		*b(2, 3, i) = dt * ty2 * (*u(2, i, j+1, k) * tmp1)
		*b(2, 4, i) = 0.0
		*b(2, 5, i) = 0.0

		*b(3, 1, i) = dt*ty2*(-sq(*u(3, i, j+1, k)*tmp1)+c2*(*qs(i, j+1, k)*tmp1)) - dt*ty1*(-r43*c34*tmp2**u(3, i, j+1, k))
		*b(3, 2, i) = dt * ty2 * (-c2 * (*u(2, i, j+1, k) * tmp1))
		*b(3, 3, i) = dt*ty2*((2.0-c2)*(*u(3, i, j+1, k)*tmp1)) - dt*ty1*(r43*c34*tmp1) - dt*ty1*dy3
		*b(3, 4, i) = dt * ty2 * (-c2 * (*u(4, i, j+1, k) * tmp1))
		*b(3, 5, i) = dt * ty2 * c2

		*b(4, 1, i) = dt*ty2*(-(*u(3, i, j+1, k)**u(4, i, j+1, k))*tmp2) - dt*ty1*(-c34*tmp2**u(4, i, j+1, k))
		*b(4, 2, i) = 0.0
		*b(4, 3, i) = dt * ty2 * (*u(4, i, j+1, k) * tmp1)
		*b(4, 4, i) = dt*ty2*(*u(3, i, j+1, k)*tmp1) - dt*ty1*(c34*tmp1) - dt*ty1*dy4
		*b(4, 5, i) = 0.0

		*b(5, 1, i) = dt*ty2*((c2*2.0**qs(i, j+1, k)-c1**u(5, i, j+1, k))*(*u(3, i, j+1, k)*tmp2)) -
			dt*ty1*(-(c34-c1345)*tmp3*sq(*u(2, i, j+1, k))-
				(r43*c34-c1345)*tmp3*sq(*u(3, i, j+1, k))-
				(c34-c1345)*tmp3*sq(*u(4, i, j+1, k))-
				c1345*tmp2**u(5, i, j+1, k))
		*b(5, 2, i) = dt*ty2*(-c2*(*u(2, i, j+1, k)**u(3, i, j+1, k))*tmp2) - dt*ty1*(c34-c1345)*tmp2**u(2, i, j+1, k)
		*b(5, 3, i) = dt*ty2*(c1*(*u(5, i, j+1, k)*tmp1)-c2*(*qs(i, j+1, k)*tmp1+*u(3, i, j+1, k)**u(3, i, j+1, k)*tmp2)) -
			dt*ty1*(r43*c34-c1345)*tmp2**u(3, i, j+1, k)
		*b(5, 4, i) = dt*ty2*(-c2*(*u(3, i, j+1, k)**u(4, i, j+1, k))*tmp2) - dt*ty1*(c34-c1345)*tmp2**u(4, i, j+1, k)
		*b(5, 5, i) = dt*ty2*(c1*(*u(3, i, j+1, k)*tmp1)) - dt*ty1*c1345*tmp1 - dt*ty1*dy5

		// form the third block sub-diagonal
		tmp1 = *rhoI(i, j, k+1)
		tmp2 = tmp1 * tmp1
		tmp3 = tmp1 * tmp2

		*c(1, 1, i) = -dt * tz1 * dz1
		*c(1, 2, i) = 0.0
		*c(1, 3, i) = 0.0
		*c(1, 4, i) = dt * tz2
		*c(1, 5, i) = 0.0

		*c(2, 1, i) = dt*tz2*(-(*u(2, i, j, k+1)**u(4, i, j, k+1))*tmp2) - dt*tz1*(-c34*tmp2**u(2, i, j, k+1))
		*c(2, 2, i) = dt*tz2*(*u(4, i, j, k+1)*tmp1) - dt*tz1*c34*tmp1 - dt*tz1*dz2
		*c(2, 3, i) = 0.0
		*c(2, 4, i) = dt * tz2 * (*u(2, i, j, k+1) * tmp1)
		*c(2, 5, i) = 0.0

		*c(3, 1, i) = dt*tz2*(-(*u(3, i, j, k+1)**u(4, i, j, k+1))*tmp2) - dt*tz1*(-c34*tmp2**u(3, i, j, k+1))
		*c(3, 2, i) = 0.0
		*c(3, 3, i) = dt*tz2*(*u(4, i, j, k+1)*tmp1) - dt*tz1*(c34*tmp1) - dt*tz1*dz3
		*c(3, 4, i) = dt * tz2 * (*u(3, i, j, k+1) * tmp1)
		*c(3, 5, i) = 0.0

		*c(4, 1, i) = dt*tz2*(-sq(*u(4, i, j, k+1)*tmp1)+c2*(*qs(i, j, k+1)*tmp1)) - dt*tz1*(-r43*c34*tmp2**u(4, i, j, k+1))
		*c(4, 2, i) = dt * tz2 * (-c2 * (*u(2, i, j, k+1) * tmp1))
		*c(4, 3, i) = dt * tz2 * (-c2 * (*u(3, i, j, k+1) * tmp1))
		*c(4, 4, i) = dt*tz2*(2.0-c2)*(*u(4, i, j, k+1)*tmp1) - dt*tz1*(r43*c34*tmp1) - dt*tz1*dz4
		*c(4, 5, i) = dt * tz2 * c2

		*c(5, 1, i) = dt*tz2*((c2*2.0**qs(i, j, k+1)-c1**u(5, i, j, k+1))*(*u(4, i, j, k+1)*tmp2)) -
			dt*tz1*(-(c34-c1345)*tmp3*sq(*u(2, i, j, k+1))-
				(c34-c1345)*tmp3*sq(*u(3, i, j, k+1))-
				(r43*c34-c1345)*tmp3*sq(*u(4, i, j, k+1))-
				c1345*tmp2**u(5, i, j, k+1))
		*c(5, 2, i) = dt*tz2*(-c2*(*u(2, i, j, k+1)**u(4, i, j, k+1))*tmp2) - dt*tz1*(c34-c1345)*tmp2**u(2, i, j, k+1)
		*c(5, 3, i) = dt*tz2*(-c2*(*u(3, i, j, k+1)**u(4, i, j, k+1))*tmp2) - dt*tz1*(c34-c1345)*tmp2**u(3, i, j, k+1)
		*c(5, 4, i) = dt*tz2*(c1*(*u(5, i, j, k+1)*tmp1)-c2*(*qs(i, j, k+1)*tmp1+*u(4, i, j, k+1)**u(4, i, j, k+1)*tmp2)) -
			dt*tz1*(r43*c34-c1345)*tmp2**u(4, i, j, k+1)
		*c(5, 5, i) = dt*tz2*(c1*(*u(4, i, j, k+1)*tmp1)) - dt*tz1*c1345*tmp1 - dt*tz1*dz5
	}
}

// blts is blts.f with ldz = a, ldy = b, ldx = c.
func (r *refLU) blts(j, k int) {
	v, omega := r.rsd, r.omega
	ldz := func(m, n, i int) float64 { return *at25(r.a, m, n, i) }
	ldy := func(m, n, i int) float64 { return *at25(r.b, m, n, i) }
	ldx := func(m, n, i int) float64 { return *at25(r.c, m, n, i) }
	var tmat [6][6]float64
	var tv [6]float64
	for i := r.ist; i <= r.iend; i++ {
		for m := 1; m <= 5; m++ {
			tv[m] = *v(m, i, j, k) -
				omega*(ldz(m, 1, i)**v(1, i, j, k-1)+
					ldz(m, 2, i)**v(2, i, j, k-1)+
					ldz(m, 3, i)**v(3, i, j, k-1)+
					ldz(m, 4, i)**v(4, i, j, k-1)+
					ldz(m, 5, i)**v(5, i, j, k-1))
			tv[m] = tv[m] -
				omega*(ldy(m, 1, i)**v(1, i, j-1, k)+
					ldx(m, 1, i)**v(1, i-1, j, k)+
					ldy(m, 2, i)**v(2, i, j-1, k)+
					ldx(m, 2, i)**v(2, i-1, j, k)+
					ldy(m, 3, i)**v(3, i, j-1, k)+
					ldx(m, 3, i)**v(3, i-1, j, k)+
					ldy(m, 4, i)**v(4, i, j-1, k)+
					ldx(m, 4, i)**v(4, i-1, j, k)+
					ldy(m, 5, i)**v(5, i, j-1, k)+
					ldx(m, 5, i)**v(5, i-1, j, k))
		}
		refInvert(&tmat, &tv, r.d, i)
		// back substitution
		*v(5, i, j, k) = tv[5] / tmat[5][5]
		tv[4] = tv[4] - tmat[4][5]**v(5, i, j, k)
		*v(4, i, j, k) = tv[4] / tmat[4][4]
		tv[3] = tv[3] - tmat[3][4]**v(4, i, j, k) - tmat[3][5]**v(5, i, j, k)
		*v(3, i, j, k) = tv[3] / tmat[3][3]
		tv[2] = tv[2] - tmat[2][3]**v(3, i, j, k) - tmat[2][4]**v(4, i, j, k) - tmat[2][5]**v(5, i, j, k)
		*v(2, i, j, k) = tv[2] / tmat[2][2]
		tv[1] = tv[1] - tmat[1][2]**v(2, i, j, k) - tmat[1][3]**v(3, i, j, k) - tmat[1][4]**v(4, i, j, k) - tmat[1][5]**v(5, i, j, k)
		*v(1, i, j, k) = tv[1] / tmat[1][1]
	}
}

// refInvert is blts/buts's forward elimination of the diagonal block d(·,·,i)
// into tmat (1-based) with tv.
func refInvert(tmat *[6][6]float64, tv *[6]float64, d [][5][5]float64, i int) {
	for m := 1; m <= 5; m++ {
		for n := 1; n <= 5; n++ {
			tmat[m][n] = d[i][m-1][n-1]
		}
	}
	for p := 1; p <= 4; p++ {
		tmp1 := 1.0 / tmat[p][p]
		for m := p + 1; m <= 5; m++ {
			tmp := tmp1 * tmat[m][p]
			for n := p + 1; n <= 5; n++ {
				tmat[m][n] = tmat[m][n] - tmp*tmat[p][n]
			}
			tv[m] = tv[m] - tv[p]*tmp
		}
	}
}

// buts is buts.f with udx = a, udy = b, udz = c.
func (r *refLU) buts(j, k int) {
	v, omega := r.rsd, r.omega
	udx := func(m, n, i int) float64 { return *at25(r.a, m, n, i) }
	udy := func(m, n, i int) float64 { return *at25(r.b, m, n, i) }
	udz := func(m, n, i int) float64 { return *at25(r.c, m, n, i) }
	var tmat [6][6]float64
	var tv [6]float64
	for i := r.iend; i >= r.ist; i-- {
		for m := 1; m <= 5; m++ {
			tv[m] = omega * (udz(m, 1, i)**v(1, i, j, k+1) +
				udz(m, 2, i)**v(2, i, j, k+1) +
				udz(m, 3, i)**v(3, i, j, k+1) +
				udz(m, 4, i)**v(4, i, j, k+1) +
				udz(m, 5, i)**v(5, i, j, k+1))
			tv[m] = tv[m] +
				omega*(udy(m, 1, i)**v(1, i, j+1, k)+
					udx(m, 1, i)**v(1, i+1, j, k)+
					udy(m, 2, i)**v(2, i, j+1, k)+
					udx(m, 2, i)**v(2, i+1, j, k)+
					udy(m, 3, i)**v(3, i, j+1, k)+
					udx(m, 3, i)**v(3, i+1, j, k)+
					udy(m, 4, i)**v(4, i, j+1, k)+
					udx(m, 4, i)**v(4, i+1, j, k)+
					udy(m, 5, i)**v(5, i, j+1, k)+
					udx(m, 5, i)**v(5, i+1, j, k))
		}
		refInvert(&tmat, &tv, r.d, i)
		// back substitution
		tv[5] = tv[5] / tmat[5][5]
		tv[4] = tv[4] - tmat[4][5]*tv[5]
		tv[4] = tv[4] / tmat[4][4]
		tv[3] = tv[3] - tmat[3][4]*tv[4] - tmat[3][5]*tv[5]
		tv[3] = tv[3] / tmat[3][3]
		tv[2] = tv[2] - tmat[2][3]*tv[3] - tmat[2][4]*tv[4] - tmat[2][5]*tv[5]
		tv[2] = tv[2] / tmat[2][2]
		tv[1] = tv[1] - tmat[1][2]*tv[2] - tmat[1][3]*tv[3] - tmat[1][4]*tv[4] - tmat[1][5]*tv[5]
		tv[1] = tv[1] / tmat[1][1]
		for m := 1; m <= 5; m++ {
			*v(m, i, j, k) = *v(m, i, j, k) - tv[m]
		}
	}
}

// step is one iteration of ssor.f's loop (without the norms): rsd·dt, the
// lower and upper sweeps, the update of u, and rhs.
func (r *refLU) step() {
	nz := r.nz
	tmp := 1.0 / (r.omega * (2.0 - r.omega))
	for k := 2; k <= nz-1; k++ {
		for j := r.jst; j <= r.jend; j++ {
			for i := r.ist; i <= r.iend; i++ {
				for m := 1; m <= 5; m++ {
					*r.rsd(m, i, j, k) = r.dt * *r.rsd(m, i, j, k)
				}
			}
		}
	}
	for k := 2; k <= nz-1; k++ {
		for j := r.jst; j <= r.jend; j++ {
			r.jacld(j, k)
			r.blts(j, k)
		}
	}
	for k := nz - 1; k >= 2; k-- {
		for j := r.jend; j >= r.jst; j-- {
			r.jacu(j, k)
			r.buts(j, k)
		}
	}
	for k := 2; k <= nz-1; k++ {
		for j := r.jst; j <= r.jend; j++ {
			for i := r.ist; i <= r.iend; i++ {
				for m := 1; m <= 5; m++ {
					*r.u(m, i, j, k) = *r.u(m, i, j, k) + tmp**r.rsd(m, i, j, k)
				}
			}
		}
	}
	r.rhs()
}
