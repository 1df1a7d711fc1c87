package cfd

import "npbgo/runtime/places"

// Initialize sets U on this place's rows to the initial field (initialize):
// inside, a transfinite interpolation of the exact solution on the six
// faces; on the faces, the exact solution. Where faces meet, the last face
// the reference writes wins (ξ, then η, then ζ), so each point gets the
// value the serial routine leaves there. Call it in a region; it writes
// only this place's rows.
func (a *ADI) Initialize(p *places.Place) {
	lo, hi := a.Rows(p)
	for r := lo; r < hi; r++ {
		a.initializeRow(r%a.Ny, r/a.Ny)
	}
}

// InitializeBox is Initialize on a box's points (one place).
func (a *ADI) InitializeBox() {
	for k := a.Lo[2]; k < a.Hi[2]; k++ {
		for j := a.Lo[1]; j < a.Hi[1]; j++ {
			a.initializeRow(j, k)
		}
	}
}

// initializeRow initializes the box's points of the ξ row (j, k).
func (a *ADI) initializeRow(j, k int) {
	nx, ny, nz := a.Nx, a.Ny, a.Nz
	i0, i1 := a.Lo[0], a.Hi[0]
	row := a.U[a.P(i0, j, k):][:i1-i0]
	eta := float64(j) * a.Dnym1
	zeta := float64(k) * a.Dnzm1
	switch {
	case k == 0 || k == nz-1:
		zeta = 0.0
		if k != 0 {
			zeta = 1.0
		}
		for i := range row {
			ExactSolution(float64(i0+i)*a.Dnxm1, eta, zeta, &row[i])
		}
		return
	case j == 0 || j == ny-1:
		eta = 0.0
		if j != 0 {
			eta = 1.0
		}
		for i := range row {
			ExactSolution(float64(i0+i)*a.Dnxm1, eta, zeta, &row[i])
		}
		return
	}
	var pf [3][2]Cell // Pface: the exact solution on the faces through the point
	x0, x1 := a.Inner(0)
	for i := x0; i < x1; i++ {
		xi := float64(i) * a.Dnxm1
		ExactSolution(0, eta, zeta, &pf[0][0])
		ExactSolution(1, eta, zeta, &pf[0][1])
		ExactSolution(xi, 0, zeta, &pf[1][0])
		ExactSolution(xi, 1, zeta, &pf[1][1])
		ExactSolution(xi, eta, 0, &pf[2][0])
		ExactSolution(xi, eta, 1, &pf[2][1])
		c := &row[i-i0]
		for m := range 5 {
			pxi := xi*pf[0][1][m] + (1.0-xi)*pf[0][0][m]
			peta := eta*pf[1][1][m] + (1.0-eta)*pf[1][0][m]
			pzeta := zeta*pf[2][1][m] + (1.0-zeta)*pf[2][0][m]
			c[m] = pxi + peta + pzeta -
				pxi*peta - pxi*pzeta - peta*pzeta +
				pxi*peta*pzeta
		}
	}
	if i0 == 0 {
		ExactSolution(0.0, eta, zeta, &row[0])
	}
	if i1 == nx {
		ExactSolution(1.0, eta, zeta, &row[len(row)-1])
	}
}

// axisConsts are the constants of one direction's flux and viscous terms:
// t2 = tx2, dt1[m] = dx(m+1)tx1, con[0..4] = xxcon1..5 (and likewise for
// η and ζ).
type axisConsts struct {
	t2  float64
	dt1 [5]float64
	con [5]float64
}

func (a *ADI) axis(d int) axisConsts {
	switch d {
	case 1:
		return axisConsts{a.Tx2, [5]float64{a.Dx1tx1, a.Dx2tx1, a.Dx3tx1, a.Dx4tx1, a.Dx5tx1},
			[5]float64{a.Xxcon1, a.Xxcon2, a.Xxcon3, a.Xxcon4, a.Xxcon5}}
	case 2:
		return axisConsts{a.Ty2, [5]float64{a.Dy1ty1, a.Dy2ty1, a.Dy3ty1, a.Dy4ty1, a.Dy5ty1},
			[5]float64{a.Yycon1, a.Yycon2, a.Yycon3, a.Yycon4, a.Yycon5}}
	default:
		return axisConsts{a.Tz2, [5]float64{a.Dz1tz1, a.Dz2tz1, a.Dz3tz1, a.Dz4tz1, a.Dz5tz1},
			[5]float64{a.Zzcon1, a.Zzcon2, a.Zzcon3, a.Zzcon4, a.Zzcon5}}
	}
}

// erhsLine is exact_rhs's per-line work space (ue, buf, cuf, q), indexed
// by the points' positions along the line.
type erhsLine struct {
	ue, buf []Cell
	cuf, q  []float64
}

func newErhsLine(a *ADI) *erhsLine {
	n := max(a.Nx, a.Ny, a.Nz)
	return &erhsLine{make([]Cell, n), make([]Cell, n), make([]float64, n), make([]float64, n)}
}

// ExactRHS computes the forcing term (exact_rhs): the negated residual of
// the exact solution, ξ, η and ζ terms added in that order at every
// interior point, as the reference does, and zero on the boundary. It
// ends by copying the forcing into RHS everywhere, so that the boundary
// values of RHS that the solvers read are the reference's. Collective:
// call it on every place of a region.
func (a *ADI) ExactRHS(p *places.Place) {
	lo, hi := a.Rows(p)
	for r := lo; r < hi; r++ {
		clear(a.Forcing[a.P(0, r%a.Ny, r/a.Ny):][:a.Nx])
	}
	w := newErhsLine(a)
	p.Barrier()
	ax := a.axis(1)
	lo, hi = a.XLines(p)
	for L := lo; L < hi; L++ {
		j, k := a.XLine(L)
		a.exactRHSX(w, &ax, j, k)
	}
	p.Barrier()
	ax = a.axis(2)
	lo, hi = a.YLines(p)
	for L := lo; L < hi; L++ {
		i, k := a.YLine(L)
		a.exactRHSY(w, &ax, i, k)
	}
	p.Barrier()
	ax = a.axis(3)
	lo, hi = a.ZLines(p)
	for L := lo; L < hi; L++ {
		i, j := a.ZLine(L)
		a.exactRHSZ(w, &ax, i, j)
	}
	p.Barrier()
	lo, hi = a.Rows(p)
	for r := lo; r < hi; r++ {
		o := a.P(0, r%a.Ny, r/a.Ny)
		copy(a.RHS[o:][:a.Nx], a.Forcing[o:][:a.Nx])
	}
	p.Barrier()
}

// ExactRHSBox is ExactRHS on a box (one place): the forcing at its points.
func (a *ADI) ExactRHSBox() {
	for k := a.Lo[2]; k < a.Hi[2]; k++ {
		for j := a.Lo[1]; j < a.Hi[1]; j++ {
			clear(a.Forcing[a.P(a.Lo[0], j, k):][:a.Hi[0]-a.Lo[0]])
		}
	}
	w := newErhsLine(a)
	i0, i1 := a.Inner(0)
	j0, j1 := a.Inner(1)
	k0, k1 := a.Inner(2)
	ax := a.axis(1)
	for k := k0; k < k1; k++ {
		for j := j0; j < j1; j++ {
			a.exactRHSX(w, &ax, j, k)
		}
	}
	ax = a.axis(2)
	for k := k0; k < k1; k++ {
		for i := i0; i < i1; i++ {
			a.exactRHSY(w, &ax, i, k)
		}
	}
	ax = a.axis(3)
	for j := j0; j < j1; j++ {
		for i := i0; i < i1; i++ {
			a.exactRHSZ(w, &ax, i, j)
		}
	}
	for k := a.Lo[2]; k < a.Hi[2]; k++ {
		for j := a.Lo[1]; j < a.Hi[1]; j++ {
			o := a.P(a.Lo[0], j, k)
			copy(a.RHS[o:][:a.Hi[0]-a.Lo[0]], a.Forcing[o:][:a.Hi[0]-a.Lo[0]])
		}
	}
}

// exactRHSX, exactRHSY and exactRHSZ add one direction's terms of
// exact_rhs to the forcing at the box's interior points of the ξ line (j,
// k), the η line (i, k) and the ζ line (i, j); the ζ pass also negates
// the forcing, the reference's last step.
func (a *ADI) exactRHSX(w *erhsLine, ax *axisConsts, j, k int) {
	eta, zeta := float64(j)*a.Dnym1, float64(k)*a.Dnzm1
	t0, t1 := a.Inner(0)
	u0, u1 := max(t0-2, 0), min(t1+2, a.Nx)
	for i := u0; i < u1; i++ {
		ExactSolution(float64(i)*a.Dnxm1, eta, zeta, &w.ue[i])
	}
	a.exactRHSLine(w, ax, 1, a.P(0, j, k), 1, a.Nx, t0, t1)
}

func (a *ADI) exactRHSY(w *erhsLine, ax *axisConsts, i, k int) {
	xi, zeta := float64(i)*a.Dnxm1, float64(k)*a.Dnzm1
	t0, t1 := a.Inner(1)
	u0, u1 := max(t0-2, 0), min(t1+2, a.Ny)
	for j := u0; j < u1; j++ {
		ExactSolution(xi, float64(j)*a.Dnym1, zeta, &w.ue[j])
	}
	a.exactRHSLine(w, ax, 2, a.P(i, 0, k), a.Ni, a.Ny, t0, t1)
}

func (a *ADI) exactRHSZ(w *erhsLine, ax *axisConsts, i, j int) {
	xi, eta := float64(i)*a.Dnxm1, float64(j)*a.Dnym1
	t0, t1 := a.Inner(2)
	u0, u1 := max(t0-2, 0), min(t1+2, a.Nz)
	for k := u0; k < u1; k++ {
		ExactSolution(xi, eta, float64(k)*a.Dnzm1, &w.ue[k])
	}
	o := a.P(i, j, 0)
	a.exactRHSLine(w, ax, 3, o, a.Plane, a.Nz, t0, t1)
	for k := t0; k < t1; k++ {
		f := &a.Forcing[o+k*a.Plane]
		for m := range 5 {
			f[m] = -1.0 * f[m]
		}
	}
}

// exactRHSLine adds one direction's terms of exact_rhs to the forcing at
// the points [t0, t1) of a line of n points, point t at o + t*s, from the
// exact solution w.ue on the line (at t0-2 .. t1+1, where the line has
// them); d is the direction (1 ξ, 2 η, 3 ζ), which is also the index of
// the momentum normal to it.
func (a *ADI) exactRHSLine(w *erhsLine, ax *axisConsts, d, o, s, n, t0, t1 int) {
	ue, buf, cuf, q := w.ue[:n], w.buf[:n], w.cuf[:n], w.q[:n]
	t1x1, t2x1 := 1+d%3, 1+(d+1)%3 // the tangential momenta, in increasing order
	if t1x1 > t2x1 {
		t1x1, t2x1 = t2x1, t1x1
	}
	for i := max(t0-1, 0); i < min(t1+1, n); i++ {
		e, b := &ue[i], &buf[i]
		dtpp := 1.0 / e[0]
		for m := 1; m < 5; m++ {
			b[m] = dtpp * e[m]
		}
		cuf[i] = b[d] * b[d]
		b[0] = cuf[i] + b[t1x1]*b[t1x1] + b[t2x1]*b[t2x1]
		q[i] = 0.5 * (b[1]*e[1] + b[2]*e[2] + b[3]*e[3])
	}
	c1, c2, dssp := a.C1, a.C2, a.Dssp
	t2x := ax.t2
	for i := t0; i < t1; i++ {
		f := &a.Forcing[o+i*s]
		up, uc, um := &ue[i+1], &ue[i], &ue[i-1]
		bp, bc, bm := &buf[i+1], &buf[i], &buf[i-1]
		f[0] = f[0] - t2x*(up[d]-um[d]) +
			ax.dt1[0]*(up[0]-2.0*uc[0]+um[0])
		for m := 1; m < 4; m++ {
			if m == d {
				f[m] = f[m] - t2x*((up[m]*bp[m]+c2*(up[4]-q[i+1]))-
					(um[m]*bm[m]+c2*(um[4]-q[i-1]))) +
					ax.con[0]*(bp[m]-2.0*bc[m]+bm[m]) +
					ax.dt1[m]*(up[m]-2.0*uc[m]+um[m])
			} else {
				f[m] = f[m] - t2x*(up[m]*bp[d]-um[m]*bm[d]) +
					ax.con[1]*(bp[m]-2.0*bc[m]+bm[m]) +
					ax.dt1[m]*(up[m]-2.0*uc[m]+um[m])
			}
		}
		f[4] = f[4] - t2x*(bp[d]*(c1*up[4]-c2*q[i+1])-
			bm[d]*(c1*um[4]-c2*q[i-1])) +
			0.5*ax.con[2]*(bp[0]-2.0*bc[0]+bm[0]) +
			ax.con[3]*(cuf[i+1]-2.0*cuf[i]+cuf[i-1]) +
			ax.con[4]*(bp[4]-2.0*bc[4]+bm[4]) +
			ax.dt1[4]*(up[4]-2.0*uc[4]+um[4])
	}
	for m := range 5 {
		for i := t0; i < t1; i++ {
			f := &a.Forcing[o+i*s]
			switch i {
			case 1:
				f[m] = f[m] - dssp*(5.0*ue[1][m]-4.0*ue[2][m]+ue[3][m])
			case 2:
				f[m] = f[m] - dssp*(-4.0*ue[1][m]+6.0*ue[2][m]-4.0*ue[3][m]+ue[4][m])
			case n - 3:
				f[m] = f[m] - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+6.0*ue[i][m]-4.0*ue[i+1][m])
			case n - 2:
				f[m] = f[m] - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+5.0*ue[i][m])
			default:
				f[m] = f[m] - dssp*(ue[i-2][m]-4.0*ue[i-1][m]+6.0*ue[i][m]-4.0*ue[i+1][m]+ue[i+2][m])
			}
		}
	}
}
