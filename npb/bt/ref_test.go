package bt

// The routines of solve_subs.f and x/y/z_solve.f as written there, with
// 1-based indices and the whole lhs array per line, serially: the oracle
// the block kernels and lineSolve must match bit for bit.

// rblk is a 1-based 5×5 block: b[m][n] is b(m,n).
type rblk [6][6]float64

type rvec [6]float64

func refMatvecSub(ablock *rblk, avec *rvec, bvec *rvec) {
	for i := 1; i <= 5; i++ {
		bvec[i] = bvec[i] - ablock[i][1]*avec[1] - ablock[i][2]*avec[2] - ablock[i][3]*avec[3] -
			ablock[i][4]*avec[4] - ablock[i][5]*avec[5]
	}
}

func refMatmulSub(ablock, bblock, cblock *rblk) {
	for j := 1; j <= 5; j++ {
		for i := 1; i <= 5; i++ {
			cblock[i][j] = cblock[i][j] - ablock[i][1]*bblock[1][j] - ablock[i][2]*bblock[2][j] -
				ablock[i][3]*bblock[3][j] - ablock[i][4]*bblock[4][j] - ablock[i][5]*bblock[5][j]
		}
	}
}

// refBinvcrhs follows binvcrhs statement by statement: for each pivot, the
// pivot row of lhs, c and r is scaled, then every other row is reduced.
func refBinvcrhs(lhs, c *rblk, r *rvec) {
	for k := 1; k <= 5; k++ {
		pivot := 1.00 / lhs[k][k]
		for n := k + 1; n <= 5; n++ {
			lhs[k][n] = lhs[k][n] * pivot
		}
		for n := 1; n <= 5; n++ {
			c[k][n] = c[k][n] * pivot
		}
		r[k] = r[k] * pivot
		for m := 1; m <= 5; m++ {
			if m == k {
				continue
			}
			coeff := lhs[m][k]
			for n := k + 1; n <= 5; n++ {
				lhs[m][n] = lhs[m][n] - coeff*lhs[k][n]
			}
			for n := 1; n <= 5; n++ {
				c[m][n] = c[m][n] - coeff*c[k][n]
			}
			r[m] = r[m] - coeff*r[k]
		}
	}
}

func refBinvrhs(lhs *rblk, r *rvec) {
	for k := 1; k <= 5; k++ {
		pivot := 1.00 / lhs[k][k]
		for n := k + 1; n <= 5; n++ {
			lhs[k][n] = lhs[k][n] * pivot
		}
		r[k] = r[k] * pivot
		for m := 1; m <= 5; m++ {
			if m == k {
				continue
			}
			coeff := lhs[m][k]
			for n := k + 1; n <= 5; n++ {
				lhs[m][n] = lhs[m][n] - coeff*lhs[k][n]
			}
			r[m] = r[m] - coeff*r[k]
		}
	}
}

// refState is the reference's view of the fields: 0-based grid indices
// as in bt_data, 1-based components.
type refState struct {
	gp                              [4]int // grid_points(1..3)
	ni, nj                          int
	u, rhs, rhoI, qs, square        []float64
	dt, c1, c2, c3, c4, c3c4, c1345 float64
	con43, tx1, tx2, ty1, ty2       float64
	tz1, tz2                        float64
	dx, dy, dz                      rvec
	// mpi: NPB3.4-MPI's flux Jacobians (x_solve.f's fjac(2,2) and the
	// three files' fjac(5,1) from rho_i and qs).
	mpi bool
}

func (s *refState) p(i, j, k int) int                { return i + s.ni*(j+s.nj*k) }
func (s *refState) U(m, i, j, k int) float64         { return s.u[5*s.p(i, j, k)+m-1] }
func (s *refState) rhsv(i, j, k int) *rvec           { return (*rvec)(s.rhs[5*s.p(i, j, k)-1:]) }
func (s *refState) rho(i, j, k int) float64          { return s.rhoI[s.p(i, j, k)] }
func (s *refState) q(i, j, k int) float64            { return s.qs[s.p(i, j, k)] }
func (s *refState) sq(i, j, k int) float64           { return s.square[s.p(i, j, k)] }
func (s *refState) setRhs(m, i, j, k int, v float64) { s.rhs[5*s.p(i, j, k)+m-1] = v }

// refLine is what the three solves do once fjac and njac are set for a
// line of size+1 points: lhsinit, the assembly, the forward elimination
// and the back-substitution. rv(i) is the rhs vector of point i.
func refLine(fjac, njac []rblk, size int, tmp1, tmp2 float64, d rvec, rv func(i int) *rvec) {
	const aa, bb, cc = 0, 1, 2
	lhs := make([][3]rblk, size+1)
	for _, i := range []int{0, size} { // lhsinit
		for m := 1; m <= 5; m++ {
			for n := 1; n <= 5; n++ {
				lhs[i][aa][m][n], lhs[i][bb][m][n], lhs[i][cc][m][n] = 0, 0, 0
			}
			lhs[i][bb][m][m] = 1.0
		}
	}
	for i := 1; i <= size-1; i++ {
		for m := 1; m <= 5; m++ {
			for n := 1; n <= 5; n++ {
				lhs[i][aa][m][n] = -tmp2*fjac[i-1][m][n] - tmp1*njac[i-1][m][n]
				lhs[i][bb][m][n] = tmp1 * 2.0 * njac[i][m][n]
				lhs[i][cc][m][n] = tmp2*fjac[i+1][m][n] - tmp1*njac[i+1][m][n]
				if m == n {
					lhs[i][aa][m][n] = -tmp2*fjac[i-1][m][n] - tmp1*njac[i-1][m][n] - tmp1*d[m]
					lhs[i][bb][m][n] = 1.0 + tmp1*2.0*njac[i][m][n] + tmp1*2.0*d[m]
					lhs[i][cc][m][n] = tmp2*fjac[i+1][m][n] - tmp1*njac[i+1][m][n] - tmp1*d[m]
				}
			}
		}
	}
	refBinvcrhs(&lhs[0][bb], &lhs[0][cc], rv(0))
	for i := 1; i <= size-1; i++ {
		refMatvecSub(&lhs[i][aa], rv(i-1), rv(i))
		refMatmulSub(&lhs[i][aa], &lhs[i-1][cc], &lhs[i][bb])
		refBinvcrhs(&lhs[i][bb], &lhs[i][cc], rv(i))
	}
	refMatvecSub(&lhs[size][aa], rv(size-1), rv(size))
	refMatmulSub(&lhs[size][aa], &lhs[size-1][cc], &lhs[size][bb])
	refBinvrhs(&lhs[size][bb], rv(size))
	for i := size - 1; i >= 0; i-- {
		r, r1 := rv(i), rv(i+1)
		for m := 1; m <= 5; m++ {
			for n := 1; n <= 5; n++ {
				r[m] = r[m] - lhs[i][cc][m][n]*r1[n]
			}
		}
	}
}

func refXSolve(s *refState) {
	isize := s.gp[1] - 1
	fjac, njac := make([]rblk, isize+1), make([]rblk, isize+1)
	for k := 1; k <= s.gp[3]-2; k++ {
		for j := 1; j <= s.gp[2]-2; j++ {
			for i := 0; i <= isize; i++ {
				u := func(m int) float64 { return s.U(m, i, j, k) }
				tmp1 := s.rho(i, j, k)
				tmp2 := tmp1 * tmp1
				tmp3 := tmp1 * tmp2
				f, n := &fjac[i], &njac[i]
				*f, *n = rblk{}, rblk{}
				f[1][2] = 1.0
				f[2][1] = -(u(2) * tmp2 * u(2)) + s.c2*s.q(i, j, k)
				f[2][2] = (2.0 - s.c2) * (u(2) / u(1))
				f[2][3] = -s.c2 * (u(3) * tmp1)
				f[2][4] = -s.c2 * (u(4) * tmp1)
				f[2][5] = s.c2
				f[3][1] = -(u(2) * u(3)) * tmp2
				f[3][2] = u(3) * tmp1
				f[3][3] = u(2) * tmp1
				f[4][1] = -(u(2) * u(4)) * tmp2
				f[4][2] = u(4) * tmp1
				f[4][4] = u(2) * tmp1
				f[5][1] = (s.c2*2.0*s.sq(i, j, k) - s.c1*u(5)) * (u(2) * tmp2)
				if s.mpi {
					f[2][2] = (2.0 - s.c2) * (u(2) * tmp1)
					f[5][1] = (s.c2*2.0*s.q(i, j, k) - s.c1*(u(5)*tmp1)) * (u(2) * tmp1)
				}
				f[5][2] = s.c1*u(5)*tmp1 - s.c2*(u(2)*u(2)*tmp2+s.q(i, j, k))
				f[5][3] = -s.c2 * (u(3) * u(2)) * tmp2
				f[5][4] = -s.c2 * (u(4) * u(2)) * tmp2
				f[5][5] = s.c1 * (u(2) * tmp1)

				n[2][1] = -s.con43 * s.c3c4 * tmp2 * u(2)
				n[2][2] = s.con43 * s.c3c4 * tmp1
				n[3][1] = -s.c3c4 * tmp2 * u(3)
				n[3][3] = s.c3c4 * tmp1
				n[4][1] = -s.c3c4 * tmp2 * u(4)
				n[4][4] = s.c3c4 * tmp1
				n[5][1] = -(s.con43*s.c3c4-s.c1345)*tmp3*(u(2)*u(2)) - (s.c3c4-s.c1345)*tmp3*(u(3)*u(3)) -
					(s.c3c4-s.c1345)*tmp3*(u(4)*u(4)) - s.c1345*tmp2*u(5)
				n[5][2] = (s.con43*s.c3c4 - s.c1345) * tmp2 * u(2)
				n[5][3] = (s.c3c4 - s.c1345) * tmp2 * u(3)
				n[5][4] = (s.c3c4 - s.c1345) * tmp2 * u(4)
				n[5][5] = (s.c1345) * tmp1
			}
			refLine(fjac, njac, isize, s.dt*s.tx1, s.dt*s.tx2, s.dx, func(i int) *rvec { return s.rhsv(i, j, k) })
		}
	}
}

func refYSolve(s *refState) {
	jsize := s.gp[2] - 1
	fjac, njac := make([]rblk, jsize+1), make([]rblk, jsize+1)
	for k := 1; k <= s.gp[3]-2; k++ {
		for i := 1; i <= s.gp[1]-2; i++ {
			for j := 0; j <= jsize; j++ {
				u := func(m int) float64 { return s.U(m, i, j, k) }
				tmp1 := s.rho(i, j, k)
				tmp2 := tmp1 * tmp1
				tmp3 := tmp1 * tmp2
				f, n := &fjac[j], &njac[j]
				*f, *n = rblk{}, rblk{}
				f[1][3] = 1.0
				f[2][1] = -(u(2) * u(3)) * tmp2
				f[2][2] = u(3) * tmp1
				f[2][3] = u(2) * tmp1
				f[3][1] = -(u(3) * u(3) * tmp2) + s.c2*s.q(i, j, k)
				f[3][2] = -s.c2 * u(2) * tmp1
				f[3][3] = (2.0 - s.c2) * u(3) * tmp1
				f[3][4] = -s.c2 * u(4) * tmp1
				f[3][5] = s.c2
				f[4][1] = -(u(3) * u(4)) * tmp2
				f[4][3] = u(4) * tmp1
				f[4][4] = u(3) * tmp1
				f[5][1] = (s.c2*2.0*s.sq(i, j, k) - s.c1*u(5)) * u(3) * tmp2
				if s.mpi {
					f[5][1] = (s.c2*2.0*s.q(i, j, k) - s.c1*u(5)*tmp1) * u(3) * tmp1
				}
				f[5][2] = -s.c2 * u(2) * u(3) * tmp2
				f[5][3] = s.c1*u(5)*tmp1 - s.c2*(s.q(i, j, k)+u(3)*u(3)*tmp2)
				f[5][4] = -s.c2 * (u(3) * u(4)) * tmp2
				f[5][5] = s.c1 * u(3) * tmp1

				n[2][1] = -s.c3c4 * tmp2 * u(2)
				n[2][2] = s.c3c4 * tmp1
				n[3][1] = -s.con43 * s.c3c4 * tmp2 * u(3)
				n[3][3] = s.con43 * s.c3c4 * tmp1
				n[4][1] = -s.c3c4 * tmp2 * u(4)
				n[4][4] = s.c3c4 * tmp1
				n[5][1] = -(s.c3c4-s.c1345)*tmp3*(u(2)*u(2)) - (s.con43*s.c3c4-s.c1345)*tmp3*(u(3)*u(3)) -
					(s.c3c4-s.c1345)*tmp3*(u(4)*u(4)) - s.c1345*tmp2*u(5)
				n[5][2] = (s.c3c4 - s.c1345) * tmp2 * u(2)
				n[5][3] = (s.con43*s.c3c4 - s.c1345) * tmp2 * u(3)
				n[5][4] = (s.c3c4 - s.c1345) * tmp2 * u(4)
				n[5][5] = (s.c1345) * tmp1
			}
			refLine(fjac, njac, jsize, s.dt*s.ty1, s.dt*s.ty2, s.dy, func(j int) *rvec { return s.rhsv(i, j, k) })
		}
	}
}

func refZSolve(s *refState) {
	ksize := s.gp[3] - 1
	fjac, njac := make([]rblk, ksize+1), make([]rblk, ksize+1)
	for j := 1; j <= s.gp[2]-2; j++ {
		for i := 1; i <= s.gp[1]-2; i++ {
			for k := 0; k <= ksize; k++ {
				u := func(m int) float64 { return s.U(m, i, j, k) }
				tmp1 := 1.0 / u(1)
				tmp2 := tmp1 * tmp1
				tmp3 := tmp1 * tmp2
				f, n := &fjac[k], &njac[k]
				*f, *n = rblk{}, rblk{}
				f[1][4] = 1.0
				f[2][1] = -(u(2) * u(4)) * tmp2
				f[2][2] = u(4) * tmp1
				f[2][4] = u(2) * tmp1
				f[3][1] = -(u(3) * u(4)) * tmp2
				f[3][3] = u(4) * tmp1
				f[3][4] = u(3) * tmp1
				f[4][1] = -(u(4) * u(4) * tmp2) + s.c2*s.q(i, j, k)
				f[4][2] = -s.c2 * u(2) * tmp1
				f[4][3] = -s.c2 * u(3) * tmp1
				f[4][4] = (2.0 - s.c2) * u(4) * tmp1
				f[4][5] = s.c2
				f[5][1] = (s.c2*2.0*s.sq(i, j, k) - s.c1*u(5)) * u(4) * tmp2
				if s.mpi {
					f[5][1] = (s.c2*2.0*s.q(i, j, k) - s.c1*(u(5)*tmp1)) * (u(4) * tmp1)
				}
				f[5][2] = -s.c2 * (u(2) * u(4)) * tmp2
				f[5][3] = -s.c2 * (u(3) * u(4)) * tmp2
				f[5][4] = s.c1*(u(5)*tmp1) - s.c2*(s.q(i, j, k)+u(4)*u(4)*tmp2)
				f[5][5] = s.c1 * u(4) * tmp1

				n[2][1] = -s.c3c4 * tmp2 * u(2)
				n[2][2] = s.c3c4 * tmp1
				n[3][1] = -s.c3c4 * tmp2 * u(3)
				n[3][3] = s.c3c4 * tmp1
				n[4][1] = -s.con43 * s.c3c4 * tmp2 * u(4)
				n[4][4] = s.con43 * s.c3 * s.c4 * tmp1
				n[5][1] = -(s.c3c4-s.c1345)*tmp3*(u(2)*u(2)) - (s.c3c4-s.c1345)*tmp3*(u(3)*u(3)) -
					(s.con43*s.c3c4-s.c1345)*tmp3*(u(4)*u(4)) - s.c1345*tmp2*u(5)
				n[5][2] = (s.c3c4 - s.c1345) * tmp2 * u(2)
				n[5][3] = (s.c3c4 - s.c1345) * tmp2 * u(3)
				n[5][4] = (s.con43*s.c3c4 - s.c1345) * tmp2 * u(4)
				n[5][5] = (s.c1345) * tmp1
			}
			refLine(fjac, njac, ksize, s.dt*s.tz1, s.dt*s.tz2, s.dz, func(k int) *rvec { return s.rhsv(i, j, k) })
		}
	}
}
