package sp

import (
	"math"

	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// SP's own routines as the reference writes them (txinvr.f, x_solve.f,
// y_solve.f, z_solve.f, ninvr.f, pinvr.f, tzetar.f, add.f), serially, on
// whole fields, with the reference's indices (m 1-based) and its separate
// passes: the oracle the fused, line-parallel solver must match bit for
// bit. compute_rhs comes from npb/cfd, which has its own oracle test.

type refSP struct {
	a               *cfd.ADI
	lhs, lhsp, lhsm [][6]float64 // lhs(m, i), m 1-based
	cv, rhov        []float64
	// mpi: NPB3.4-MPI's txinvr.f, tzetar.f and last-row scaling in
	// x_solve.f (ainv = 1/speed, products with reciprocals).
	mpi bool
}

func newRefSP(nx, ny, nz int, dt float64) *refSP {
	g, _ := places.New(0, places.Options{})
	n := max(nx, ny, nz)
	return &refSP{a: cfd.NewADI(g, nx, ny, nz, dt, true),
		lhs: make([][6]float64, n), lhsp: make([][6]float64, n), lhsm: make([][6]float64, n),
		cv: make([]float64, n), rhov: make([]float64, n)}
}

func (r *refSP) rhs(m, i, j, k int) *float64 { return &r.a.RHS[r.a.P(i, j, k)][m-1] }
func (r *refSP) u(m, i, j, k int) *float64   { return &r.a.U[r.a.P(i, j, k)][m-1] }
func (r *refSP) f(v []float64, i, j, k int) float64 {
	return v[r.a.P(i, j, k)]
}

func (r *refSP) run(fn func(p *places.Place)) {
	g, _ := places.New(0, places.Options{})
	g.Run(fn)
}

func (r *refSP) init() {
	r.run(func(p *places.Place) {
		r.a.ExactRHS(p)
		r.a.Initialize(p)
	})
}

// refRun is sp.f's sequence (exact_rhs, initialize, one step, initialize,
// niter steps) with the transliteration; mpi selects NPB3.4-MPI's
// arithmetic.
func refRun(nx, ny, nz, niter int, dt float64, mpi bool) *refSP {
	r := newRefSP(nx, ny, nz, dt)
	r.mpi = mpi
	r.init()
	r.adi()
	r.run(r.a.Initialize)
	for range niter {
		r.adi()
	}
	return r
}

func (r *refSP) adi() {
	r.run(r.a.ComputeRHS)
	r.txinvr()
	r.xSolve()
	r.ninvr()
	r.ySolve()
	r.pinvr()
	r.zSolve()
	r.tzetar()
	r.add()
}

func (r *refSP) txinvr() {
	a := r.a
	for k := 1; k <= a.Nz-2; k++ {
		for j := 1; j <= a.Ny-2; j++ {
			for i := 1; i <= a.Nx-2; i++ {
				ru1 := r.f(a.RhoI, i, j, k)
				uu := r.f(a.US, i, j, k)
				vv := r.f(a.VS, i, j, k)
				ww := r.f(a.WS, i, j, k)
				ac := r.f(a.Speed, i, j, k)
				ac2inv := ac * ac
				r1 := *r.rhs(1, i, j, k)
				r2 := *r.rhs(2, i, j, k)
				r3 := *r.rhs(3, i, j, k)
				r4 := *r.rhs(4, i, j, k)
				r5 := *r.rhs(5, i, j, k)
				t1 := a.C2 / ac2inv * (r.f(a.QS, i, j, k)*r1 - uu*r2 -
					vv*r3 - ww*r4 + r5)
				if r.mpi {
					ainv := 1.0 / ac
					ac2inv = ainv * ainv
					t1 = a.C2 * ac2inv * (r.f(a.QS, i, j, k)*r1 - uu*r2 -
						vv*r3 - ww*r4 + r5)
				}
				t2 := a.Bt * ru1 * (uu*r1 - r2)
				t3 := (a.Bt * ru1 * ac) * t1
				*r.rhs(1, i, j, k) = r1 - t1
				*r.rhs(2, i, j, k) = -ru1 * (ww*r1 - r4)
				*r.rhs(3, i, j, k) = ru1 * (vv*r1 - r3)
				*r.rhs(4, i, j, k) = -t2 + t3
				*r.rhs(5, i, j, k) = t2 + t3
			}
		}
	}
}

// lhsinit is work_lhs.f's lhsinit.
func (r *refSP) lhsinit(ni int) {
	for m := 1; m <= 5; m++ {
		r.lhs[0][m], r.lhsp[0][m], r.lhsm[0][m] = 0.0, 0.0, 0.0
		r.lhs[ni][m], r.lhsp[ni][m], r.lhsm[ni][m] = 0.0, 0.0, 0.0
	}
	r.lhs[0][3], r.lhsp[0][3], r.lhsm[0][3] = 1.0, 1.0, 1.0
	r.lhs[ni][3], r.lhsp[ni][3], r.lhsm[ni][3] = 1.0, 1.0, 1.0
}

func dmax1(a ...float64) float64 {
	m := a[0]
	for _, x := range a[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

// solveLine is the body of x_solve, y_solve and z_solve for one line: the
// three routines are the same text with the line's index in a different
// place, so each of them below gives it accessors: gp the line's
// grid_points, vel the velocity, rhovOf the rhov formula, spd the speed,
// rh(m, t) the rhs.
func (r *refSP) solveLine(gp int, vel func(t int) float64, rhovOf func(ru1 float64) float64,
	spd func(t int) float64, rh func(m, t int) *float64, dtt1, dtt2, c2dtt1 float64, rho func(t int) float64) {
	a := r.a
	lhs, lhsp, lhsm, cv, rhov := r.lhs, r.lhsp, r.lhsm, r.cv, r.rhov
	r.lhsinit(gp - 1)
	for i := 0; i <= gp-1; i++ {
		ru1 := a.C3c4 * rho(i)
		cv[i] = vel(i)
		rhov[i] = rhovOf(ru1)
	}
	for i := 1; i <= gp-2; i++ {
		lhs[i][1] = 0.0
		lhs[i][2] = -dtt2*cv[i-1] - dtt1*rhov[i-1]
		lhs[i][3] = 1.0 + c2dtt1*rhov[i]
		lhs[i][4] = dtt2*cv[i+1] - dtt1*rhov[i+1]
		lhs[i][5] = 0.0
	}
	i := 1
	lhs[i][3] = lhs[i][3] + a.Comz5
	lhs[i][4] = lhs[i][4] - a.Comz4
	lhs[i][5] = lhs[i][5] + a.Comz1
	lhs[i+1][2] = lhs[i+1][2] - a.Comz4
	lhs[i+1][3] = lhs[i+1][3] + a.Comz6
	lhs[i+1][4] = lhs[i+1][4] - a.Comz4
	lhs[i+1][5] = lhs[i+1][5] + a.Comz1
	for i := 3; i <= gp-4; i++ {
		lhs[i][1] = lhs[i][1] + a.Comz1
		lhs[i][2] = lhs[i][2] - a.Comz4
		lhs[i][3] = lhs[i][3] + a.Comz6
		lhs[i][4] = lhs[i][4] - a.Comz4
		lhs[i][5] = lhs[i][5] + a.Comz1
	}
	i = gp - 3
	lhs[i][1] = lhs[i][1] + a.Comz1
	lhs[i][2] = lhs[i][2] - a.Comz4
	lhs[i][3] = lhs[i][3] + a.Comz6
	lhs[i][4] = lhs[i][4] - a.Comz4
	lhs[i+1][1] = lhs[i+1][1] + a.Comz1
	lhs[i+1][2] = lhs[i+1][2] - a.Comz4
	lhs[i+1][3] = lhs[i+1][3] + a.Comz5
	for i := 1; i <= gp-2; i++ {
		lhsp[i][1] = lhs[i][1]
		lhsp[i][2] = lhs[i][2] - dtt2*spd(i-1)
		lhsp[i][3] = lhs[i][3]
		lhsp[i][4] = lhs[i][4] + dtt2*spd(i+1)
		lhsp[i][5] = lhs[i][5]
		lhsm[i][1] = lhs[i][1]
		lhsm[i][2] = lhs[i][2] + dtt2*spd(i-1)
		lhsm[i][3] = lhs[i][3]
		lhsm[i][4] = lhs[i][4] - dtt2*spd(i+1)
		lhsm[i][5] = lhs[i][5]
	}
	for i := 0; i <= gp-3; i++ {
		i1, i2 := i+1, i+2
		fac1 := 1.0 / lhs[i][3]
		lhs[i][4] = fac1 * lhs[i][4]
		lhs[i][5] = fac1 * lhs[i][5]
		for m := 1; m <= 3; m++ {
			*rh(m, i) = fac1 * *rh(m, i)
		}
		lhs[i1][3] = lhs[i1][3] - lhs[i1][2]*lhs[i][4]
		lhs[i1][4] = lhs[i1][4] - lhs[i1][2]*lhs[i][5]
		for m := 1; m <= 3; m++ {
			*rh(m, i1) = *rh(m, i1) - lhs[i1][2]**rh(m, i)
		}
		lhs[i2][2] = lhs[i2][2] - lhs[i2][1]*lhs[i][4]
		lhs[i2][3] = lhs[i2][3] - lhs[i2][1]*lhs[i][5]
		for m := 1; m <= 3; m++ {
			*rh(m, i2) = *rh(m, i2) - lhs[i2][1]**rh(m, i)
		}
	}
	i = gp - 2
	i1 := gp - 1
	fac1 := 1.0 / lhs[i][3]
	lhs[i][4] = fac1 * lhs[i][4]
	lhs[i][5] = fac1 * lhs[i][5]
	for m := 1; m <= 3; m++ {
		*rh(m, i) = fac1 * *rh(m, i)
	}
	lhs[i1][3] = lhs[i1][3] - lhs[i1][2]*lhs[i][4]
	lhs[i1][4] = lhs[i1][4] - lhs[i1][2]*lhs[i][5]
	for m := 1; m <= 3; m++ {
		*rh(m, i1) = *rh(m, i1) - lhs[i1][2]**rh(m, i)
	}
	fac2 := 1.0 / lhs[i1][3]
	for m := 1; m <= 3; m++ {
		*rh(m, i1) = fac2 * *rh(m, i1)
	}
	for i := 0; i <= gp-3; i++ {
		i1, i2 := i+1, i+2
		for _, pm := range []struct {
			m int
			l [][6]float64
		}{{4, lhsp}, {5, lhsm}} {
			m, l := pm.m, pm.l
			fac1 := 1.0 / l[i][3]
			l[i][4] = fac1 * l[i][4]
			l[i][5] = fac1 * l[i][5]
			*rh(m, i) = fac1 * *rh(m, i)
			l[i1][3] = l[i1][3] - l[i1][2]*l[i][4]
			l[i1][4] = l[i1][4] - l[i1][2]*l[i][5]
			*rh(m, i1) = *rh(m, i1) - l[i1][2]**rh(m, i)
			l[i2][2] = l[i2][2] - l[i2][1]*l[i][4]
			l[i2][3] = l[i2][3] - l[i2][1]*l[i][5]
			*rh(m, i2) = *rh(m, i2) - l[i2][1]**rh(m, i)
		}
	}
	i = gp - 2
	i1 = gp - 1
	for _, pm := range []struct {
		m int
		l [][6]float64
	}{{4, lhsp}, {5, lhsm}} {
		m, l := pm.m, pm.l
		fac1 := 1.0 / l[i][3]
		l[i][4] = fac1 * l[i][4]
		l[i][5] = fac1 * l[i][5]
		*rh(m, i) = fac1 * *rh(m, i)
		l[i1][3] = l[i1][3] - l[i1][2]*l[i][4]
		l[i1][4] = l[i1][4] - l[i1][2]*l[i][5]
		*rh(m, i1) = *rh(m, i1) - l[i1][2]**rh(m, i)
	}
	if r.mpi {
		fac2 := 1.0 / lhsp[i1][3]
		*rh(4, i1) = fac2 * *rh(4, i1)
		fac2 = 1.0 / lhsm[i1][3]
		*rh(5, i1) = fac2 * *rh(5, i1)
	} else {
		*rh(4, i1) = *rh(4, i1) / lhsp[i1][3]
		*rh(5, i1) = *rh(5, i1) / lhsm[i1][3]
	}
	i = gp - 2
	i1 = gp - 1
	for m := 1; m <= 3; m++ {
		*rh(m, i) = *rh(m, i) - lhs[i][4]**rh(m, i1)
	}
	*rh(4, i) = *rh(4, i) - lhsp[i][4]**rh(4, i1)
	*rh(5, i) = *rh(5, i) - lhsm[i][4]**rh(5, i1)
	for i := gp - 3; i >= 0; i-- {
		i1, i2 := i+1, i+2
		for m := 1; m <= 3; m++ {
			*rh(m, i) = *rh(m, i) - lhs[i][4]**rh(m, i1) - lhs[i][5]**rh(m, i2)
		}
		*rh(4, i) = *rh(4, i) - lhsp[i][4]**rh(4, i1) - lhsp[i][5]**rh(4, i2)
		*rh(5, i) = *rh(5, i) - lhsm[i][4]**rh(5, i1) - lhsm[i][5]**rh(5, i2)
	}
}

func (r *refSP) xSolve() {
	a := r.a
	for k := 1; k <= a.Nz-2; k++ {
		for j := 1; j <= a.Ny-2; j++ {
			r.solveLine(a.Nx,
				func(i int) float64 { return r.f(a.US, i, j, k) },
				func(ru1 float64) float64 { return dmax1(a.Dx2+a.Con43*ru1, a.Dx5+a.C1c5*ru1, a.Dxmax+ru1, a.Dx1) },
				func(i int) float64 { return r.f(a.Speed, i, j, k) },
				func(m, i int) *float64 { return r.rhs(m, i, j, k) },
				a.Dttx1, a.Dttx2, a.C2dttx1,
				func(i int) float64 { return r.f(a.RhoI, i, j, k) })
		}
	}
}

func (r *refSP) ySolve() {
	a := r.a
	for k := 1; k <= a.Nz-2; k++ {
		for i := 1; i <= a.Nx-2; i++ {
			r.solveLine(a.Ny,
				func(j int) float64 { return r.f(a.VS, i, j, k) },
				func(ru1 float64) float64 { return dmax1(a.Dy3+a.Con43*ru1, a.Dy5+a.C1c5*ru1, a.Dymax+ru1, a.Dy1) },
				func(j int) float64 { return r.f(a.Speed, i, j, k) },
				func(m, j int) *float64 { return r.rhs(m, i, j, k) },
				a.Dtty1, a.Dtty2, a.C2dtty1,
				func(j int) float64 { return r.f(a.RhoI, i, j, k) })
		}
	}
}

func (r *refSP) zSolve() {
	a := r.a
	for j := 1; j <= a.Ny-2; j++ {
		for i := 1; i <= a.Nx-2; i++ {
			r.solveLine(a.Nz,
				func(k int) float64 { return r.f(a.WS, i, j, k) },
				func(ru1 float64) float64 { return dmax1(a.Dz4+a.Con43*ru1, a.Dz5+a.C1c5*ru1, a.Dzmax+ru1, a.Dz1) },
				func(k int) float64 { return r.f(a.Speed, i, j, k) },
				func(m, k int) *float64 { return r.rhs(m, i, j, k) },
				a.Dttz1, a.Dttz2, a.C2dttz1,
				func(k int) float64 { return r.f(a.RhoI, i, j, k) })
		}
	}
}

func (r *refSP) interior(f func(i, j, k int)) {
	a := r.a
	for k := 1; k <= a.Nz-2; k++ {
		for j := 1; j <= a.Ny-2; j++ {
			for i := 1; i <= a.Nx-2; i++ {
				f(i, j, k)
			}
		}
	}
}

func (r *refSP) ninvr() {
	bt := r.a.Bt
	r.interior(func(i, j, k int) {
		r1 := *r.rhs(1, i, j, k)
		r2 := *r.rhs(2, i, j, k)
		r3 := *r.rhs(3, i, j, k)
		r4 := *r.rhs(4, i, j, k)
		r5 := *r.rhs(5, i, j, k)
		t1 := bt * r3
		t2 := 0.5 * (r4 + r5)
		*r.rhs(1, i, j, k) = -r2
		*r.rhs(2, i, j, k) = r1
		*r.rhs(3, i, j, k) = bt * (r4 - r5)
		*r.rhs(4, i, j, k) = -t1 + t2
		*r.rhs(5, i, j, k) = t1 + t2
	})
}

func (r *refSP) pinvr() {
	bt := r.a.Bt
	r.interior(func(i, j, k int) {
		r1 := *r.rhs(1, i, j, k)
		r2 := *r.rhs(2, i, j, k)
		r3 := *r.rhs(3, i, j, k)
		r4 := *r.rhs(4, i, j, k)
		r5 := *r.rhs(5, i, j, k)
		t1 := bt * r1
		t2 := 0.5 * (r4 + r5)
		*r.rhs(1, i, j, k) = bt * (r4 - r5)
		*r.rhs(2, i, j, k) = -r3
		*r.rhs(3, i, j, k) = r2
		*r.rhs(4, i, j, k) = -t1 + t2
		*r.rhs(5, i, j, k) = t1 + t2
	})
}

func (r *refSP) tzetar() {
	a := r.a
	r.interior(func(i, j, k int) {
		xvel := r.f(a.US, i, j, k)
		yvel := r.f(a.VS, i, j, k)
		zvel := r.f(a.WS, i, j, k)
		ac := r.f(a.Speed, i, j, k)
		ac2u := ac * ac
		r1 := *r.rhs(1, i, j, k)
		r2 := *r.rhs(2, i, j, k)
		r3 := *r.rhs(3, i, j, k)
		r4 := *r.rhs(4, i, j, k)
		r5 := *r.rhs(5, i, j, k)
		uzik1 := *r.u(1, i, j, k)
		btuz := a.Bt * uzik1
		t1 := btuz / ac * (r4 + r5)
		if r.mpi {
			acinv := 1.0 / ac
			t1 = btuz * acinv * (r4 + r5)
		}
		t2 := r3 + t1
		t3 := btuz * (r4 - r5)
		*r.rhs(1, i, j, k) = t2
		*r.rhs(2, i, j, k) = -uzik1*r2 + xvel*t2
		*r.rhs(3, i, j, k) = uzik1*r1 + yvel*t2
		*r.rhs(4, i, j, k) = zvel*t2 + t3
		*r.rhs(5, i, j, k) = uzik1*(-xvel*r2+yvel*r1) +
			r.f(a.QS, i, j, k)*t2 + a.C2iv*ac2u*t1 + zvel*t3
	})
}

func (r *refSP) add() {
	r.interior(func(i, j, k int) {
		for m := 1; m <= 5; m++ {
			*r.u(m, i, j, k) = *r.u(m, i, j, k) + *r.rhs(m, i, j, k)
		}
	})
}

// sameBits reports whether two cell fields are bitwise equal.
func sameBits(a, b []cfd.Cell) (int, bool) {
	for p := range a {
		for m := range 5 {
			if math.Float64bits(a[p][m]) != math.Float64bits(b[p][m]) {
				return 5*p + m, false
			}
		}
	}
	return 0, true
}
