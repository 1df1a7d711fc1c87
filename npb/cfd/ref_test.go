package cfd

import "math"

// The shared routines of SP and BT as the reference writes them, loops,
// line buffers and all, serially and on an unpadded grid with the
// reference's indices (m 1-based, i, j, k 0-based): the oracle the real
// code must match bit for bit. The norms sum by k-plane, as the real code
// does (the one deliberate difference from error.f, see norms.go).

type refState struct {
	c                                   Constants
	nx, ny, nz                          int
	u, rhs, forcing                     []float64
	rhoI, us, vs, ws, qs, square, speed []float64
	ue, buf                             [][6]float64 // ue(i, m), buf(i, m), m 1-based
	cuf, q                              []float64
}

func newRef(nx, ny, nz int, dt float64) *refState {
	n := nx * ny * nz
	r := &refState{c: NewConstants(nx, ny, nz, dt), nx: nx, ny: ny, nz: nz,
		u: make([]float64, 5*n), rhs: make([]float64, 5*n), forcing: make([]float64, 5*n),
		rhoI: make([]float64, n), us: make([]float64, n), vs: make([]float64, n), ws: make([]float64, n),
		qs: make([]float64, n), square: make([]float64, n), speed: make([]float64, n)}
	m := max(nx, ny, nz)
	r.ue, r.buf, r.cuf, r.q = make([][6]float64, m), make([][6]float64, m), make([]float64, m), make([]float64, m)
	return r
}

func (r *refState) pt(i, j, k int) int { return i + r.nx*(j+r.ny*k) }

// U is u(m,i,j,k); R is rhs; F is forcing.
func (r *refState) U(m, i, j, k int) *float64 { return &r.u[m-1+5*r.pt(i, j, k)] }
func (r *refState) R(m, i, j, k int) *float64 { return &r.rhs[m-1+5*r.pt(i, j, k)] }
func (r *refState) F(m, i, j, k int) *float64 { return &r.forcing[m-1+5*r.pt(i, j, k)] }

func refExact(xi, eta, zeta float64, dtemp *[6]float64) {
	var d Cell
	ExactSolution(xi, eta, zeta, &d)
	for m := 1; m <= 5; m++ {
		dtemp[m] = d[m-1]
	}
}

func (r *refState) initialize() {
	c := &r.c
	gp1, gp2, gp3 := r.nx, r.ny, r.nz
	for k := 0; k <= gp3-1; k++ {
		for j := 0; j <= gp2-1; j++ {
			for i := 0; i <= gp1-1; i++ {
				*r.U(1, i, j, k) = 1.0
				*r.U(2, i, j, k) = 0.0
				*r.U(3, i, j, k) = 0.0
				*r.U(4, i, j, k) = 0.0
				*r.U(5, i, j, k) = 1.0
			}
		}
	}
	var pface [3][3][6]float64 // Pface(m, dir, side), sides 1..2
	var temp [6]float64
	for k := 0; k <= gp3-1; k++ {
		for j := 0; j <= gp2-1; j++ {
			zeta := float64(k) * c.Dnzm1
			eta := float64(j) * c.Dnym1
			for i := 0; i <= gp1-1; i++ {
				xi := float64(i) * c.Dnxm1
				for ix := 1; ix <= 2; ix++ {
					refExact(float64(ix-1), eta, zeta, &pface[0][ix])
				}
				for iy := 1; iy <= 2; iy++ {
					refExact(xi, float64(iy-1), zeta, &pface[1][iy])
				}
				for iz := 1; iz <= 2; iz++ {
					refExact(xi, eta, float64(iz-1), &pface[2][iz])
				}
				for m := 1; m <= 5; m++ {
					pxi := xi*pface[0][2][m] + (1.0-xi)*pface[0][1][m]
					peta := eta*pface[1][2][m] + (1.0-eta)*pface[1][1][m]
					pzeta := zeta*pface[2][2][m] + (1.0-zeta)*pface[2][1][m]
					*r.U(m, i, j, k) = pxi + peta + pzeta -
						pxi*peta - pxi*pzeta - peta*pzeta +
						pxi*peta*pzeta
				}
			}
		}
	}
	face := func(i0, j0, k0 int, xi0, eta0, zeta0 float64, dir int) {
		for a := 0; a < [3]int{gp3, gp3, gp2}[dir]; a++ {
			for b := 0; b < [3]int{gp2, gp1, gp1}[dir]; b++ {
				i, j, k := i0, j0, k0
				xi, eta, zeta := xi0, eta0, zeta0
				switch dir {
				case 0:
					k, j = a, b
					zeta, eta = float64(k)*c.Dnzm1, float64(j)*c.Dnym1
				case 1:
					k, i = a, b
					zeta, xi = float64(k)*c.Dnzm1, float64(i)*c.Dnxm1
				case 2:
					j, i = a, b
					eta, xi = float64(j)*c.Dnym1, float64(i)*c.Dnxm1
				}
				refExact(xi, eta, zeta, &temp)
				for m := 1; m <= 5; m++ {
					*r.U(m, i, j, k) = temp[m]
				}
			}
		}
	}
	face(0, 0, 0, 0.0, 0, 0, 0)
	face(gp1-1, 0, 0, 1.0, 0, 0, 0)
	face(0, 0, 0, 0, 0.0, 0, 1)
	face(0, gp2-1, 0, 0, 1.0, 0, 1)
	face(0, 0, 0, 0, 0, 0.0, 2)
	face(0, 0, gp3-1, 0, 0, 1.0, 2)
}

func (r *refState) exactRHS() {
	c := &r.c
	gp1, gp2, gp3 := r.nx, r.ny, r.nz
	ue, buf, cuf, q := r.ue, r.buf, r.cuf, r.q
	var dtemp [6]float64
	for k := 0; k <= gp3-1; k++ {
		for j := 0; j <= gp2-1; j++ {
			for i := 0; i <= gp1-1; i++ {
				for m := 1; m <= 5; m++ {
					*r.F(m, i, j, k) = 0.0
				}
			}
		}
	}
	// xi-direction flux differences
	for k := 1; k <= gp3-2; k++ {
		for j := 1; j <= gp2-2; j++ {
			zeta := float64(k) * c.Dnzm1
			eta := float64(j) * c.Dnym1
			for i := 0; i <= gp1-1; i++ {
				xi := float64(i) * c.Dnxm1
				refExact(xi, eta, zeta, &dtemp)
				for m := 1; m <= 5; m++ {
					ue[i][m] = dtemp[m]
				}
				dtpp := 1.0 / dtemp[1]
				for m := 2; m <= 5; m++ {
					buf[i][m] = dtpp * dtemp[m]
				}
				cuf[i] = buf[i][2] * buf[i][2]
				buf[i][1] = cuf[i] + buf[i][3]*buf[i][3] + buf[i][4]*buf[i][4]
				q[i] = 0.5 * (buf[i][2]*ue[i][2] + buf[i][3]*ue[i][3] + buf[i][4]*ue[i][4])
			}
			for i := 1; i <= gp1-2; i++ {
				im1, ip1 := i-1, i+1
				f := func(m int) *float64 { return r.F(m, i, j, k) }
				*f(1) = *f(1) - c.Tx2*(ue[ip1][2]-ue[im1][2]) +
					c.Dx1tx1*(ue[ip1][1]-2.0*ue[i][1]+ue[im1][1])
				*f(2) = *f(2) - c.Tx2*((ue[ip1][2]*buf[ip1][2]+c.C2*(ue[ip1][5]-q[ip1]))-
					(ue[im1][2]*buf[im1][2]+c.C2*(ue[im1][5]-q[im1]))) +
					c.Xxcon1*(buf[ip1][2]-2.0*buf[i][2]+buf[im1][2]) +
					c.Dx2tx1*(ue[ip1][2]-2.0*ue[i][2]+ue[im1][2])
				*f(3) = *f(3) - c.Tx2*(ue[ip1][3]*buf[ip1][2]-ue[im1][3]*buf[im1][2]) +
					c.Xxcon2*(buf[ip1][3]-2.0*buf[i][3]+buf[im1][3]) +
					c.Dx3tx1*(ue[ip1][3]-2.0*ue[i][3]+ue[im1][3])
				*f(4) = *f(4) - c.Tx2*(ue[ip1][4]*buf[ip1][2]-ue[im1][4]*buf[im1][2]) +
					c.Xxcon2*(buf[ip1][4]-2.0*buf[i][4]+buf[im1][4]) +
					c.Dx4tx1*(ue[ip1][4]-2.0*ue[i][4]+ue[im1][4])
				*f(5) = *f(5) - c.Tx2*(buf[ip1][2]*(c.C1*ue[ip1][5]-c.C2*q[ip1])-
					buf[im1][2]*(c.C1*ue[im1][5]-c.C2*q[im1])) +
					0.5*c.Xxcon3*(buf[ip1][1]-2.0*buf[i][1]+buf[im1][1]) +
					c.Xxcon4*(cuf[ip1]-2.0*cuf[i]+cuf[im1]) +
					c.Xxcon5*(buf[ip1][5]-2.0*buf[i][5]+buf[im1][5]) +
					c.Dx5tx1*(ue[ip1][5]-2.0*ue[i][5]+ue[im1][5])
			}
			r.refDissLine(ue, gp1, func(m, i int) *float64 { return r.F(m, i, j, k) })
		}
	}
	// eta-direction flux differences
	for k := 1; k <= gp3-2; k++ {
		for i := 1; i <= gp1-2; i++ {
			zeta := float64(k) * c.Dnzm1
			xi := float64(i) * c.Dnxm1
			for j := 0; j <= gp2-1; j++ {
				eta := float64(j) * c.Dnym1
				refExact(xi, eta, zeta, &dtemp)
				for m := 1; m <= 5; m++ {
					ue[j][m] = dtemp[m]
				}
				dtpp := 1.0 / dtemp[1]
				for m := 2; m <= 5; m++ {
					buf[j][m] = dtpp * dtemp[m]
				}
				cuf[j] = buf[j][3] * buf[j][3]
				buf[j][1] = cuf[j] + buf[j][2]*buf[j][2] + buf[j][4]*buf[j][4]
				q[j] = 0.5 * (buf[j][2]*ue[j][2] + buf[j][3]*ue[j][3] + buf[j][4]*ue[j][4])
			}
			for j := 1; j <= gp2-2; j++ {
				jm1, jp1 := j-1, j+1
				f := func(m int) *float64 { return r.F(m, i, j, k) }
				*f(1) = *f(1) - c.Ty2*(ue[jp1][3]-ue[jm1][3]) +
					c.Dy1ty1*(ue[jp1][1]-2.0*ue[j][1]+ue[jm1][1])
				*f(2) = *f(2) - c.Ty2*(ue[jp1][2]*buf[jp1][3]-ue[jm1][2]*buf[jm1][3]) +
					c.Yycon2*(buf[jp1][2]-2.0*buf[j][2]+buf[jm1][2]) +
					c.Dy2ty1*(ue[jp1][2]-2.0*ue[j][2]+ue[jm1][2])
				*f(3) = *f(3) - c.Ty2*((ue[jp1][3]*buf[jp1][3]+c.C2*(ue[jp1][5]-q[jp1]))-
					(ue[jm1][3]*buf[jm1][3]+c.C2*(ue[jm1][5]-q[jm1]))) +
					c.Yycon1*(buf[jp1][3]-2.0*buf[j][3]+buf[jm1][3]) +
					c.Dy3ty1*(ue[jp1][3]-2.0*ue[j][3]+ue[jm1][3])
				*f(4) = *f(4) - c.Ty2*(ue[jp1][4]*buf[jp1][3]-ue[jm1][4]*buf[jm1][3]) +
					c.Yycon2*(buf[jp1][4]-2.0*buf[j][4]+buf[jm1][4]) +
					c.Dy4ty1*(ue[jp1][4]-2.0*ue[j][4]+ue[jm1][4])
				*f(5) = *f(5) - c.Ty2*(buf[jp1][3]*(c.C1*ue[jp1][5]-c.C2*q[jp1])-
					buf[jm1][3]*(c.C1*ue[jm1][5]-c.C2*q[jm1])) +
					0.5*c.Yycon3*(buf[jp1][1]-2.0*buf[j][1]+buf[jm1][1]) +
					c.Yycon4*(cuf[jp1]-2.0*cuf[j]+cuf[jm1]) +
					c.Yycon5*(buf[jp1][5]-2.0*buf[j][5]+buf[jm1][5]) +
					c.Dy5ty1*(ue[jp1][5]-2.0*ue[j][5]+ue[jm1][5])
			}
			r.refDissLine(ue, gp2, func(m, j int) *float64 { return r.F(m, i, j, k) })
		}
	}
	// zeta-direction flux differences
	for j := 1; j <= gp2-2; j++ {
		for i := 1; i <= gp1-2; i++ {
			eta := float64(j) * c.Dnym1
			xi := float64(i) * c.Dnxm1
			for k := 0; k <= gp3-1; k++ {
				zeta := float64(k) * c.Dnzm1
				refExact(xi, eta, zeta, &dtemp)
				for m := 1; m <= 5; m++ {
					ue[k][m] = dtemp[m]
				}
				dtpp := 1.0 / dtemp[1]
				for m := 2; m <= 5; m++ {
					buf[k][m] = dtpp * dtemp[m]
				}
				cuf[k] = buf[k][4] * buf[k][4]
				buf[k][1] = cuf[k] + buf[k][2]*buf[k][2] + buf[k][3]*buf[k][3]
				q[k] = 0.5 * (buf[k][2]*ue[k][2] + buf[k][3]*ue[k][3] + buf[k][4]*ue[k][4])
			}
			for k := 1; k <= gp3-2; k++ {
				km1, kp1 := k-1, k+1
				f := func(m int) *float64 { return r.F(m, i, j, k) }
				*f(1) = *f(1) - c.Tz2*(ue[kp1][4]-ue[km1][4]) +
					c.Dz1tz1*(ue[kp1][1]-2.0*ue[k][1]+ue[km1][1])
				*f(2) = *f(2) - c.Tz2*(ue[kp1][2]*buf[kp1][4]-ue[km1][2]*buf[km1][4]) +
					c.Zzcon2*(buf[kp1][2]-2.0*buf[k][2]+buf[km1][2]) +
					c.Dz2tz1*(ue[kp1][2]-2.0*ue[k][2]+ue[km1][2])
				*f(3) = *f(3) - c.Tz2*(ue[kp1][3]*buf[kp1][4]-ue[km1][3]*buf[km1][4]) +
					c.Zzcon2*(buf[kp1][3]-2.0*buf[k][3]+buf[km1][3]) +
					c.Dz3tz1*(ue[kp1][3]-2.0*ue[k][3]+ue[km1][3])
				*f(4) = *f(4) - c.Tz2*((ue[kp1][4]*buf[kp1][4]+c.C2*(ue[kp1][5]-q[kp1]))-
					(ue[km1][4]*buf[km1][4]+c.C2*(ue[km1][5]-q[km1]))) +
					c.Zzcon1*(buf[kp1][4]-2.0*buf[k][4]+buf[km1][4]) +
					c.Dz4tz1*(ue[kp1][4]-2.0*ue[k][4]+ue[km1][4])
				*f(5) = *f(5) - c.Tz2*(buf[kp1][4]*(c.C1*ue[kp1][5]-c.C2*q[kp1])-
					buf[km1][4]*(c.C1*ue[km1][5]-c.C2*q[km1])) +
					0.5*c.Zzcon3*(buf[kp1][1]-2.0*buf[k][1]+buf[km1][1]) +
					c.Zzcon4*(cuf[kp1]-2.0*cuf[k]+cuf[km1]) +
					c.Zzcon5*(buf[kp1][5]-2.0*buf[k][5]+buf[km1][5]) +
					c.Dz5tz1*(ue[kp1][5]-2.0*ue[k][5]+ue[km1][5])
			}
			r.refDissLine(ue, gp3, func(m, k int) *float64 { return r.F(m, i, j, k) })
		}
	}
	for k := 1; k <= gp3-2; k++ {
		for j := 1; j <= gp2-2; j++ {
			for i := 1; i <= gp1-2; i++ {
				for m := 1; m <= 5; m++ {
					*r.F(m, i, j, k) = -1.0 * *r.F(m, i, j, k)
				}
			}
		}
	}
}

// refDissLine is exact_rhs's fourth-order dissipation along one line of
// gp points, f(m, t) the forcing at position t.
func (r *refState) refDissLine(ue [][6]float64, gp int, f func(m, t int) *float64) {
	dssp := r.c.Dssp
	for m := 1; m <= 5; m++ {
		i := 1
		*f(m, i) = *f(m, i) - dssp*(5.0*ue[i][m]-4.0*ue[i+1][m]+ue[i+2][m])
		i = 2
		*f(m, i) = *f(m, i) - dssp*(-4.0*ue[i-1][m]+6.0*ue[i][m]-4.0*ue[i+1][m]+ue[i+2][m])
	}
	for m := 1; m <= 5; m++ {
		for i := 3; i <= gp-4; i++ {
			*f(m, i) = *f(m, i) - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+6.0*ue[i][m]-4.0*ue[i+1][m]+ue[i+2][m])
		}
	}
	for m := 1; m <= 5; m++ {
		i := gp - 3
		*f(m, i) = *f(m, i) - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+6.0*ue[i][m]-4.0*ue[i+1][m])
		i = gp - 2
		*f(m, i) = *f(m, i) - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+5.0*ue[i][m])
	}
}

func (r *refState) computeRHS() {
	c := &r.c
	gp1, gp2, gp3 := r.nx, r.ny, r.nz
	nx2, ny2, nz2 := gp1-2, gp2-2, gp3-2
	s := func(f []float64, i, j, k int) float64 { return f[r.pt(i, j, k)] }
	for k := 0; k <= gp3-1; k++ {
		for j := 0; j <= gp2-1; j++ {
			for i := 0; i <= gp1-1; i++ {
				p := r.pt(i, j, k)
				rhoInv := 1.0 / *r.U(1, i, j, k)
				r.rhoI[p] = rhoInv
				r.us[p] = *r.U(2, i, j, k) * rhoInv
				r.vs[p] = *r.U(3, i, j, k) * rhoInv
				r.ws[p] = *r.U(4, i, j, k) * rhoInv
				r.square[p] = 0.5 * (*r.U(2, i, j, k)**r.U(2, i, j, k) +
					*r.U(3, i, j, k)**r.U(3, i, j, k) +
					*r.U(4, i, j, k)**r.U(4, i, j, k)) * rhoInv
				r.qs[p] = r.square[p] * rhoInv
				aux := c.C1c2 * rhoInv * (*r.U(5, i, j, k) - r.square[p])
				r.speed[p] = math.Sqrt(aux)
			}
		}
	}
	for k := 0; k <= nz2+1; k++ {
		for j := 0; j <= ny2+1; j++ {
			for i := 0; i <= nx2+1; i++ {
				for m := 1; m <= 5; m++ {
					*r.R(m, i, j, k) = *r.F(m, i, j, k)
				}
			}
		}
	}
	u := r.U
	rhs := r.R
	dssp := c.Dssp
	// xi-direction fluxes
	for k := 1; k <= nz2; k++ {
		for j := 1; j <= ny2; j++ {
			for i := 1; i <= nx2; i++ {
				uijk := s(r.us, i, j, k)
				up1 := s(r.us, i+1, j, k)
				um1 := s(r.us, i-1, j, k)
				*rhs(1, i, j, k) = *rhs(1, i, j, k) + c.Dx1tx1*
					(*u(1, i+1, j, k)-2.0**u(1, i, j, k)+
						*u(1, i-1, j, k)) -
					c.Tx2*(*u(2, i+1, j, k)-*u(2, i-1, j, k))
				*rhs(2, i, j, k) = *rhs(2, i, j, k) + c.Dx2tx1*
					(*u(2, i+1, j, k)-2.0**u(2, i, j, k)+
						*u(2, i-1, j, k)) +
					c.Xxcon2*c.Con43*(up1-2.0*uijk+um1) -
					c.Tx2*(*u(2, i+1, j, k)*up1-
						*u(2, i-1, j, k)*um1+
						(*u(5, i+1, j, k)-s(r.square, i+1, j, k)-
							*u(5, i-1, j, k)+s(r.square, i-1, j, k))*
							c.C2)
				*rhs(3, i, j, k) = *rhs(3, i, j, k) + c.Dx3tx1*
					(*u(3, i+1, j, k)-2.0**u(3, i, j, k)+
						*u(3, i-1, j, k)) +
					c.Xxcon2*(s(r.vs, i+1, j, k)-2.0*s(r.vs, i, j, k)+
						s(r.vs, i-1, j, k)) -
					c.Tx2*(*u(3, i+1, j, k)*up1-
						*u(3, i-1, j, k)*um1)
				*rhs(4, i, j, k) = *rhs(4, i, j, k) + c.Dx4tx1*
					(*u(4, i+1, j, k)-2.0**u(4, i, j, k)+
						*u(4, i-1, j, k)) +
					c.Xxcon2*(s(r.ws, i+1, j, k)-2.0*s(r.ws, i, j, k)+
						s(r.ws, i-1, j, k)) -
					c.Tx2*(*u(4, i+1, j, k)*up1-
						*u(4, i-1, j, k)*um1)
				*rhs(5, i, j, k) = *rhs(5, i, j, k) + c.Dx5tx1*
					(*u(5, i+1, j, k)-2.0**u(5, i, j, k)+
						*u(5, i-1, j, k)) +
					c.Xxcon3*(s(r.qs, i+1, j, k)-2.0*s(r.qs, i, j, k)+
						s(r.qs, i-1, j, k)) +
					c.Xxcon4*(up1*up1-2.0*uijk*uijk+
						um1*um1) +
					c.Xxcon5*(*u(5, i+1, j, k)*s(r.rhoI, i+1, j, k)-
						2.0**u(5, i, j, k)*s(r.rhoI, i, j, k)+
						*u(5, i-1, j, k)*s(r.rhoI, i-1, j, k)) -
					c.Tx2*((c.C1**u(5, i+1, j, k)-
						c.C2*s(r.square, i+1, j, k))*up1-
						(c.C1**u(5, i-1, j, k)-
							c.C2*s(r.square, i-1, j, k))*um1)
			}
			i := 1
			for m := 1; m <= 5; m++ {
				*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
					(5.0**u(m, i, j, k)-4.0**u(m, i+1, j, k)+
						*u(m, i+2, j, k))
			}
			i = 2
			for m := 1; m <= 5; m++ {
				*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
					(-4.0**u(m, i-1, j, k)+6.0**u(m, i, j, k)-
						4.0**u(m, i+1, j, k)+*u(m, i+2, j, k))
			}
			for i := 3; i <= nx2-2; i++ {
				for m := 1; m <= 5; m++ {
					*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
						(*u(m, i-2, j, k)-4.0**u(m, i-1, j, k)+
							6.0**u(m, i, j, k)-4.0**u(m, i+1, j, k)+
							*u(m, i+2, j, k))
				}
			}
			i = nx2 - 1
			for m := 1; m <= 5; m++ {
				*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
					(*u(m, i-2, j, k)-4.0**u(m, i-1, j, k)+
						6.0**u(m, i, j, k)-4.0**u(m, i+1, j, k))
			}
			i = nx2
			for m := 1; m <= 5; m++ {
				*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
					(*u(m, i-2, j, k)-4.0**u(m, i-1, j, k)+
						5.0**u(m, i, j, k))
			}
		}
	}
	// eta-direction fluxes
	for k := 1; k <= nz2; k++ {
		for j := 1; j <= ny2; j++ {
			for i := 1; i <= nx2; i++ {
				vijk := s(r.vs, i, j, k)
				vp1 := s(r.vs, i, j+1, k)
				vm1 := s(r.vs, i, j-1, k)
				*rhs(1, i, j, k) = *rhs(1, i, j, k) + c.Dy1ty1*
					(*u(1, i, j+1, k)-2.0**u(1, i, j, k)+
						*u(1, i, j-1, k)) -
					c.Ty2*(*u(3, i, j+1, k)-*u(3, i, j-1, k))
				*rhs(2, i, j, k) = *rhs(2, i, j, k) + c.Dy2ty1*
					(*u(2, i, j+1, k)-2.0**u(2, i, j, k)+
						*u(2, i, j-1, k)) +
					c.Yycon2*(s(r.us, i, j+1, k)-2.0*s(r.us, i, j, k)+
						s(r.us, i, j-1, k)) -
					c.Ty2*(*u(2, i, j+1, k)*vp1-
						*u(2, i, j-1, k)*vm1)
				*rhs(3, i, j, k) = *rhs(3, i, j, k) + c.Dy3ty1*
					(*u(3, i, j+1, k)-2.0**u(3, i, j, k)+
						*u(3, i, j-1, k)) +
					c.Yycon2*c.Con43*(vp1-2.0*vijk+vm1) -
					c.Ty2*(*u(3, i, j+1, k)*vp1-
						*u(3, i, j-1, k)*vm1+
						(*u(5, i, j+1, k)-s(r.square, i, j+1, k)-
							*u(5, i, j-1, k)+s(r.square, i, j-1, k))*
							c.C2)
				*rhs(4, i, j, k) = *rhs(4, i, j, k) + c.Dy4ty1*
					(*u(4, i, j+1, k)-2.0**u(4, i, j, k)+
						*u(4, i, j-1, k)) +
					c.Yycon2*(s(r.ws, i, j+1, k)-2.0*s(r.ws, i, j, k)+
						s(r.ws, i, j-1, k)) -
					c.Ty2*(*u(4, i, j+1, k)*vp1-
						*u(4, i, j-1, k)*vm1)
				*rhs(5, i, j, k) = *rhs(5, i, j, k) + c.Dy5ty1*
					(*u(5, i, j+1, k)-2.0**u(5, i, j, k)+
						*u(5, i, j-1, k)) +
					c.Yycon3*(s(r.qs, i, j+1, k)-2.0*s(r.qs, i, j, k)+
						s(r.qs, i, j-1, k)) +
					c.Yycon4*(vp1*vp1-2.0*vijk*vijk+
						vm1*vm1) +
					c.Yycon5*(*u(5, i, j+1, k)*s(r.rhoI, i, j+1, k)-
						2.0**u(5, i, j, k)*s(r.rhoI, i, j, k)+
						*u(5, i, j-1, k)*s(r.rhoI, i, j-1, k)) -
					c.Ty2*((c.C1**u(5, i, j+1, k)-
						c.C2*s(r.square, i, j+1, k))*vp1-
						(c.C1**u(5, i, j-1, k)-
							c.C2*s(r.square, i, j-1, k))*vm1)
			}
			switch {
			case j == 1:
				for i := 1; i <= nx2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(5.0**u(m, i, j, k)-4.0**u(m, i, j+1, k)+
								*u(m, i, j+2, k))
					}
				}
			case j == 2:
				for i := 1; i <= nx2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(-4.0**u(m, i, j-1, k)+6.0**u(m, i, j, k)-
								4.0**u(m, i, j+1, k)+*u(m, i, j+2, k))
					}
				}
			case j == ny2-1:
				for i := 1; i <= nx2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j-2, k)-4.0**u(m, i, j-1, k)+
								6.0**u(m, i, j, k)-4.0**u(m, i, j+1, k))
					}
				}
			case j == ny2:
				for i := 1; i <= nx2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j-2, k)-4.0**u(m, i, j-1, k)+
								5.0**u(m, i, j, k))
					}
				}
			default:
				for i := 1; i <= nx2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j-2, k)-4.0**u(m, i, j-1, k)+
								6.0**u(m, i, j, k)-4.0**u(m, i, j+1, k)+
								*u(m, i, j+2, k))
					}
				}
			}
		}
	}
	// zeta-direction fluxes
	for k := 1; k <= gp3-2; k++ {
		for j := 1; j <= gp2-2; j++ {
			for i := 1; i <= gp1-2; i++ {
				wijk := s(r.ws, i, j, k)
				wp1 := s(r.ws, i, j, k+1)
				wm1 := s(r.ws, i, j, k-1)
				*rhs(1, i, j, k) = *rhs(1, i, j, k) + c.Dz1tz1*
					(*u(1, i, j, k+1)-2.0**u(1, i, j, k)+
						*u(1, i, j, k-1)) -
					c.Tz2*(*u(4, i, j, k+1)-*u(4, i, j, k-1))
				*rhs(2, i, j, k) = *rhs(2, i, j, k) + c.Dz2tz1*
					(*u(2, i, j, k+1)-2.0**u(2, i, j, k)+
						*u(2, i, j, k-1)) +
					c.Zzcon2*(s(r.us, i, j, k+1)-2.0*s(r.us, i, j, k)+
						s(r.us, i, j, k-1)) -
					c.Tz2*(*u(2, i, j, k+1)*wp1-
						*u(2, i, j, k-1)*wm1)
				*rhs(3, i, j, k) = *rhs(3, i, j, k) + c.Dz3tz1*
					(*u(3, i, j, k+1)-2.0**u(3, i, j, k)+
						*u(3, i, j, k-1)) +
					c.Zzcon2*(s(r.vs, i, j, k+1)-2.0*s(r.vs, i, j, k)+
						s(r.vs, i, j, k-1)) -
					c.Tz2*(*u(3, i, j, k+1)*wp1-
						*u(3, i, j, k-1)*wm1)
				*rhs(4, i, j, k) = *rhs(4, i, j, k) + c.Dz4tz1*
					(*u(4, i, j, k+1)-2.0**u(4, i, j, k)+
						*u(4, i, j, k-1)) +
					c.Zzcon2*c.Con43*(wp1-2.0*wijk+wm1) -
					c.Tz2*(*u(4, i, j, k+1)*wp1-
						*u(4, i, j, k-1)*wm1+
						(*u(5, i, j, k+1)-s(r.square, i, j, k+1)-
							*u(5, i, j, k-1)+s(r.square, i, j, k-1))*
							c.C2)
				*rhs(5, i, j, k) = *rhs(5, i, j, k) + c.Dz5tz1*
					(*u(5, i, j, k+1)-2.0**u(5, i, j, k)+
						*u(5, i, j, k-1)) +
					c.Zzcon3*(s(r.qs, i, j, k+1)-2.0*s(r.qs, i, j, k)+
						s(r.qs, i, j, k-1)) +
					c.Zzcon4*(wp1*wp1-2.0*wijk*wijk+
						wm1*wm1) +
					c.Zzcon5*(*u(5, i, j, k+1)*s(r.rhoI, i, j, k+1)-
						2.0**u(5, i, j, k)*s(r.rhoI, i, j, k)+
						*u(5, i, j, k-1)*s(r.rhoI, i, j, k-1)) -
					c.Tz2*((c.C1**u(5, i, j, k+1)-
						c.C2*s(r.square, i, j, k+1))*wp1-
						(c.C1**u(5, i, j, k-1)-
							c.C2*s(r.square, i, j, k-1))*wm1)
			}
			switch {
			case k == 1:
				for i := 1; i <= gp1-2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(5.0**u(m, i, j, k)-4.0**u(m, i, j, k+1)+
								*u(m, i, j, k+2))
					}
				}
			case k == 2:
				for i := 1; i <= gp1-2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(-4.0**u(m, i, j, k-1)+6.0**u(m, i, j, k)-
								4.0**u(m, i, j, k+1)+*u(m, i, j, k+2))
					}
				}
			case k == gp3-3:
				for i := 1; i <= gp1-2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j, k-2)-4.0**u(m, i, j, k-1)+
								6.0**u(m, i, j, k)-4.0**u(m, i, j, k+1))
					}
				}
			case k == gp3-2:
				for i := 1; i <= gp1-2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j, k-2)-4.0**u(m, i, j, k-1)+
								5.0**u(m, i, j, k))
					}
				}
			default:
				for i := 1; i <= gp1-2; i++ {
					for m := 1; m <= 5; m++ {
						*rhs(m, i, j, k) = *rhs(m, i, j, k) - dssp*
							(*u(m, i, j, k-2)-4.0**u(m, i, j, k-1)+
								6.0**u(m, i, j, k)-4.0**u(m, i, j, k+1)+
								*u(m, i, j, k+2))
					}
				}
			}
		}
	}
	for k := 1; k <= nz2; k++ {
		for j := 1; j <= ny2; j++ {
			for i := 1; i <= nx2; i++ {
				for m := 1; m <= 5; m++ {
					*rhs(m, i, j, k) = *rhs(m, i, j, k) * c.Dt
				}
			}
		}
	}
}

func (r *refState) add() {
	for k := 1; k <= r.nz-2; k++ {
		for j := 1; j <= r.ny-2; j++ {
			for i := 1; i <= r.nx-2; i++ {
				for m := 1; m <= 5; m++ {
					*r.U(m, i, j, k) = *r.U(m, i, j, k) + *r.R(m, i, j, k)
				}
			}
		}
	}
}

// errorNorm is error_norm, summed by k-plane.
func (r *refState) errorNorm() [5]float64 {
	c := &r.c
	var rms [5]float64
	var uExact [6]float64
	for k := 0; k <= r.nz-1; k++ {
		var plane [5]float64
		for j := 0; j <= r.ny-1; j++ {
			zeta := float64(k) * c.Dnzm1
			eta := float64(j) * c.Dnym1
			for i := 0; i <= r.nx-1; i++ {
				xi := float64(i) * c.Dnxm1
				refExact(xi, eta, zeta, &uExact)
				for m := 1; m <= 5; m++ {
					add := *r.U(m, i, j, k) - uExact[m]
					plane[m-1] = plane[m-1] + add*add
				}
			}
		}
		for m := range 5 {
			rms[m] += plane[m]
		}
	}
	return r.scaleNorm(rms)
}

// rhsNorm is rhs_norm, summed by k-plane.
func (r *refState) rhsNorm() [5]float64 {
	var rms [5]float64
	for k := 1; k <= r.nz-2; k++ {
		var plane [5]float64
		for j := 1; j <= r.ny-2; j++ {
			for i := 1; i <= r.nx-2; i++ {
				for m := 1; m <= 5; m++ {
					add := *r.R(m, i, j, k)
					plane[m-1] = plane[m-1] + add*add
				}
			}
		}
		for m := range 5 {
			rms[m] += plane[m]
		}
	}
	return r.scaleNorm(rms)
}

func (r *refState) scaleNorm(rms [5]float64) [5]float64 {
	gp := [3]int{r.nx, r.ny, r.nz}
	for m := range 5 {
		for d := range 3 {
			rms[m] = rms[m] / float64(gp[d]-2)
		}
		rms[m] = math.Sqrt(rms[m])
	}
	return rms
}
