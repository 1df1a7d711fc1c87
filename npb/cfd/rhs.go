package cfd

import (
	"math"

	"npbgo/runtime/places"
)

// compute_rhs, in the phases the ADI step fuses (CFD.md §3):
//
//	(a) ComputeVars: RhoI, US, VS, WS, Square, QS (and SP's Speed) at every
//	    point of this place's rows; a barrier must follow, since the fluxes
//	    read these values on the neighbouring rows and planes;
//	(b–f) RHSLine: for one interior ξ line, RHS = Forcing, then the ξ, η
//	    and ζ fluxes and fourth-order dissipation, then RHS·dt.
//
// Every point of RHS sees the reference's operations in the reference's
// order, so the result is bitwise that of the serial routine however the
// lines are shared out.

// ComputeVars is phase (a) of compute_rhs on this place's rows.
func (a *ADI) ComputeVars(p *places.Place) { a.computeVars(p, nil) }

// computeVars is ComputeVars; with a solver, it first ends the previous
// step's ζ solve on each interior row (finishRow) before reading its U.
func (a *ADI) computeVars(p *places.Place, finish *Solver) {
	lo, hi := a.Rows(p)
	for r := lo; r < hi; r++ {
		j, k := r%a.Ny, r/a.Ny
		if finish != nil && j > 0 && j < a.Ny-1 && k > 0 && k < a.Nz-1 {
			a.finishRow(finish, j, k)
		}
		a.varsRow(j, k, 0, a.Nx)
	}
}

// VarsBox is phase (a) of compute_rhs on a box (one place): at the box's
// points and at the points around it that its fluxes read (Near), but not
// at the box's edges and corners, which no flux reads.
func (a *ADI) VarsBox() {
	j0, j1 := a.Near(1)
	k0, k1 := a.Near(2)
	i0, i1 := a.Near(0)
	for k := k0; k < k1; k++ {
		inK := k >= a.Lo[2] && k < a.Hi[2]
		for j := j0; j < j1; j++ {
			inJ := j >= a.Lo[1] && j < a.Hi[1]
			switch {
			case inJ && inK:
				a.varsRow(j, k, i0, i1)
			case inJ || inK:
				a.varsRow(j, k, a.Lo[0], a.Hi[0])
			}
		}
	}
}

// varsRow is phase (a) on the points [i0, i1) of the ξ row (j, k).
func (a *ADI) varsRow(j, k, i0, i1 int) {
	n := i1 - i0
	o := a.P(i0, j, k)
	u := a.U[o:][:n]
	rhoI, us, vs, ws := a.RhoI[o:][:n], a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n]
	square, qs := a.Square[o:][:n], a.QS[o:][:n]
	if a.Speed == nil {
		for i := range u {
			c := &u[i]
			rhoInv := 1.0 / c[0]
			rhoI[i] = rhoInv
			us[i] = c[1] * rhoInv
			vs[i] = c[2] * rhoInv
			ws[i] = c[3] * rhoInv
			sq := 0.5 * (c[1]*c[1] + c[2]*c[2] + c[3]*c[3]) * rhoInv
			square[i] = sq
			qs[i] = sq * rhoInv
		}
		return
	}
	speed := a.Speed[o:][:n]
	c1c2 := a.C1c2
	for i := range u {
		c := &u[i]
		rhoInv := 1.0 / c[0]
		rhoI[i] = rhoInv
		us[i] = c[1] * rhoInv
		vs[i] = c[2] * rhoInv
		ws[i] = c[3] * rhoInv
		sq := 0.5 * (c[1]*c[1] + c[2]*c[2] + c[3]*c[3]) * rhoInv
		square[i] = sq
		qs[i] = sq * rhoInv
		speed[i] = math.Sqrt(c1c2 * rhoInv * (c[4] - sq))
	}
}

// ComputeRHS is compute_rhs: ComputeVars, a barrier, RHSLine on this
// place's ξ lines, and a barrier. Collective; on the whole grid.
func (a *ADI) ComputeRHS(p *places.Place) {
	a.ComputeVars(p)
	p.Barrier()
	lo, hi := a.XLines(p)
	for L := lo; L < hi; L++ {
		a.RHSLine(a.XLine(L))
	}
	p.Barrier()
}

// dissCoef are the coefficients of the fourth-order dissipation stencil
// (u[-2], u[-1], u[0], u[+1], u[+2]) at the first two and last two
// interior points of a line and in the middle. Multiplying by 1 or adding
// a zero product is exact, so the general form gives the reference's
// special forms bit for bit.
var dissCoef = [5][5]float64{
	{0, 0, 5, -4, 1},  // first interior point
	{0, -4, 6, -4, 1}, // second
	{1, -4, 6, -4, 1}, // middle
	{1, -4, 6, -4, 0}, // last but one
	{1, -4, 5, 0, 0},  // last
}

// dissForm picks the dissipation form of interior point t of a line of n.
func dissForm(t, n int) int {
	switch {
	case t == 1:
		return 0
	case t == 2:
		return 1
	case t == n-3:
		return 3
	case t == n-2:
		return 4
	}
	return 2
}

// RHSLine is phases (b)–(f) of compute_rhs on the interior ξ line (j, k),
// on the box's share of it (Inner): each point gets the forcing, the ξ, η
// and ζ terms, and is scaled by dt; the line's boundary points, where the
// box holds them, get the forcing. It reads U and the phase-(a) fields on
// the lines j±1, j±2, k±1, k±2.
func (a *ADI) RHSLine(j, k int) {
	x0, x1 := a.Inner(0)
	n := x1 - x0
	o := a.P(x0, j, k)
	a.rhsX(o-2, n+4, x0 == 1, x1 == a.Nx-1)
	rhs := a.RHS[o:][:n]
	a.rhsYZ(rhs, o, a.Ni, j, a.Ny, 2)
	a.rhsYZ(rhs, o, a.Plane, k, a.Nz, 3)
	dt := a.Dt
	for i := range rhs {
		r := &rhs[i]
		r[0] *= dt
		r[1] *= dt
		r[2] *= dt
		r[3] *= dt
		r[4] *= dt
	}
}

// rhsX sets the points of the ξ line at o+2 .. o+n-3 to the forcing plus
// the ξ fluxes and dissipation (rhs = forcing, read straight from the
// forcing rather than copied first); first and last say whether they
// start at the grid's point 1 and end at its point N-2, and then the
// grid's boundary point before or after them gets the forcing. The slices reach
// two points beyond those set, which are always storage (padding or the
// next row where the line ends), though the stencils read them only where
// the grid has them.
func (a *ADI) rhsX(o, n int, first, last bool) {
	rhs, f := a.RHS[o:][:n], a.Forcing[o:][:n]
	n = len(rhs)
	u := a.U[o:][:n]
	if n < 6 || len(u) != n {
		panic("cfd: rhsX: a line of fewer than two points") // never (MinCell): tells the compiler the edges' bounds
	}
	us, vs, ws := a.US[o:][:n], a.VS[o:][:n], a.WS[o:][:n]
	qs, rhoI, square := a.QS[o:][:n], a.RhoI[o:][:n], a.Square[o:][:n]
	dx1tx1, dx2tx1, dx3tx1, dx4tx1, dx5tx1 := a.Dx1tx1, a.Dx2tx1, a.Dx3tx1, a.Dx4tx1, a.Dx5tx1
	tx2, c1, c2, con43 := a.Tx2, a.C1, a.C2, a.Con43
	xxcon2, xxcon3, xxcon4, xxcon5 := a.Xxcon2, a.Xxcon3, a.Xxcon4, a.Xxcon5
	for i := 2; i < n-2; i++ {
		r, fi := &rhs[i], &f[i]
		c, up, um := &u[i], &u[i+1], &u[i-1]
		uijk, up1, um1 := us[i], us[i+1], us[i-1]
		r[0] = fi[0] + dx1tx1*(up[0]-2.0*c[0]+um[0]) -
			tx2*(up[1]-um[1])
		r[1] = fi[1] + dx2tx1*(up[1]-2.0*c[1]+um[1]) +
			xxcon2*con43*(up1-2.0*uijk+um1) -
			tx2*(up[1]*up1-um[1]*um1+(up[4]-square[i+1]-um[4]+square[i-1])*c2)
		r[2] = fi[2] + dx3tx1*(up[2]-2.0*c[2]+um[2]) +
			xxcon2*(vs[i+1]-2.0*vs[i]+vs[i-1]) -
			tx2*(up[2]*up1-um[2]*um1)
		r[3] = fi[3] + dx4tx1*(up[3]-2.0*c[3]+um[3]) +
			xxcon2*(ws[i+1]-2.0*ws[i]+ws[i-1]) -
			tx2*(up[3]*up1-um[3]*um1)
		r[4] = fi[4] + dx5tx1*(up[4]-2.0*c[4]+um[4]) +
			xxcon3*(qs[i+1]-2.0*qs[i]+qs[i-1]) +
			xxcon4*(up1*up1-2.0*uijk*uijk+um1*um1) +
			xxcon5*(up[4]*rhoI[i+1]-2.0*c[4]*rhoI[i]+um[4]*rhoI[i-1]) -
			tx2*((c1*up[4]-c2*square[i+1])*up1-(c1*um[4]-c2*square[i-1])*um1)
	}

	// Dissipation: the reference's special forms at the grid's points 1,
	// 2, N-3 and N-2 (where the box holds them, it holds both of a pair),
	// the general stencil between them.
	dssp := a.Dssp
	lo, hi := 2, n-2
	if first {
		rhs[1] = f[1]
		lo = 4
		dissEdge(&rhs[2], &dissCoef[0], &u[2], &u[1], &u[2], &u[3], &u[4], dssp)
		dissEdge(&rhs[3], &dissCoef[1], &u[1], &u[2], &u[3], &u[4], &u[5], dssp)
	}
	if last {
		rhs[n-2] = f[n-2]
		hi = n - 4
	}
	if lo < 2 || hi > n-2 {
		panic("cfd: rhsX: stencil out of the line") // never: as above
	}
	for i := lo; i < hi; i++ {
		r, w2, w1, c, x1, x2 := &rhs[i], &u[i-2], &u[i-1], &u[i], &u[i+1], &u[i+2]
		r[0] = r[0] - dssp*(w2[0]-4.0*w1[0]+6.0*c[0]-4.0*x1[0]+x2[0])
		r[1] = r[1] - dssp*(w2[1]-4.0*w1[1]+6.0*c[1]-4.0*x1[1]+x2[1])
		r[2] = r[2] - dssp*(w2[2]-4.0*w1[2]+6.0*c[2]-4.0*x1[2]+x2[2])
		r[3] = r[3] - dssp*(w2[3]-4.0*w1[3]+6.0*c[3]-4.0*x1[3]+x2[3])
		r[4] = r[4] - dssp*(w2[4]-4.0*w1[4]+6.0*c[4]-4.0*x1[4]+x2[4])
	}
	if last {
		i := n - 4
		dissEdge(&rhs[i], &dissCoef[3], &u[i-2], &u[i-1], &u[i], &u[i+1], &u[i+2], dssp)
		i = n - 3
		dissEdge(&rhs[i], &dissCoef[4], &u[i-2], &u[i-1], &u[i], &u[i+1], &u[i], dssp)
	}
}

// dissEdge subtracts the dissipation of form cf at one point.
func dissEdge(r, cf, u2, u1, c, v1, v2 *Cell, dssp float64) {
	c0, c1, c2, c3, c4 := cf[0], cf[1], cf[2], cf[3], cf[4]
	r[0] = r[0] - dssp*(c0*u2[0]+c1*u1[0]+c2*c[0]+c3*v1[0]+c4*v2[0])
	r[1] = r[1] - dssp*(c0*u2[1]+c1*u1[1]+c2*c[1]+c3*v1[1]+c4*v2[1])
	r[2] = r[2] - dssp*(c0*u2[2]+c1*u1[2]+c2*c[2]+c3*v1[2]+c4*v2[2])
	r[3] = r[3] - dssp*(c0*u2[3]+c1*u1[3]+c2*c[3]+c3*v1[3]+c4*v2[3])
	r[4] = r[4] - dssp*(c0*u2[4]+c1*u1[4]+c2*c[4]+c3*v1[4]+c4*v2[4])
}

// rhsYZ adds the η (d = 2) or ζ (d = 3) fluxes and dissipation to the
// points rhs of the ξ line, the first at o, whose position along
// direction d is t of n points; s is the stride of direction d.
func (a *ADI) rhsYZ(rhs []Cell, o, s, t, n, d int) {
	nx := len(rhs)
	u := a.U[o:][:nx]
	up, um := a.U[o+s:][:nx], a.U[o-s:][:nx]
	us, usp, usm := a.US[o:][:nx], a.US[o+s:][:nx], a.US[o-s:][:nx]
	vs, vsp, vsm := a.VS[o:][:nx], a.VS[o+s:][:nx], a.VS[o-s:][:nx]
	ws, wsp, wsm := a.WS[o:][:nx], a.WS[o+s:][:nx], a.WS[o-s:][:nx]
	qs, qsp, qsm := a.QS[o:][:nx], a.QS[o+s:][:nx], a.QS[o-s:][:nx]
	ri, rip, rim := a.RhoI[o:][:nx], a.RhoI[o+s:][:nx], a.RhoI[o-s:][:nx]
	sqp, sqm := a.Square[o+s:][:nx], a.Square[o-s:][:nx]
	c1, c2, con43 := a.C1, a.C2, a.Con43
	if d == 2 {
		dy1ty1, dy2ty1, dy3ty1, dy4ty1, dy5ty1 := a.Dy1ty1, a.Dy2ty1, a.Dy3ty1, a.Dy4ty1, a.Dy5ty1
		ty2 := a.Ty2
		yycon2, yycon3, yycon4, yycon5 := a.Yycon2, a.Yycon3, a.Yycon4, a.Yycon5
		for i := range rhs {
			r := &rhs[i]
			c, p, m := &u[i], &up[i], &um[i]
			vijk, vp1, vm1 := vs[i], vsp[i], vsm[i]
			r[0] = r[0] + dy1ty1*(p[0]-2.0*c[0]+m[0]) -
				ty2*(p[2]-m[2])
			r[1] = r[1] + dy2ty1*(p[1]-2.0*c[1]+m[1]) +
				yycon2*(usp[i]-2.0*us[i]+usm[i]) -
				ty2*(p[1]*vp1-m[1]*vm1)
			r[2] = r[2] + dy3ty1*(p[2]-2.0*c[2]+m[2]) +
				yycon2*con43*(vp1-2.0*vijk+vm1) -
				ty2*(p[2]*vp1-m[2]*vm1+(p[4]-sqp[i]-m[4]+sqm[i])*c2)
			r[3] = r[3] + dy4ty1*(p[3]-2.0*c[3]+m[3]) +
				yycon2*(wsp[i]-2.0*ws[i]+wsm[i]) -
				ty2*(p[3]*vp1-m[3]*vm1)
			r[4] = r[4] + dy5ty1*(p[4]-2.0*c[4]+m[4]) +
				yycon3*(qsp[i]-2.0*qs[i]+qsm[i]) +
				yycon4*(vp1*vp1-2.0*vijk*vijk+vm1*vm1) +
				yycon5*(p[4]*rip[i]-2.0*c[4]*ri[i]+m[4]*rim[i]) -
				ty2*((c1*p[4]-c2*sqp[i])*vp1-(c1*m[4]-c2*sqm[i])*vm1)
		}
	} else {
		dz1tz1, dz2tz1, dz3tz1, dz4tz1, dz5tz1 := a.Dz1tz1, a.Dz2tz1, a.Dz3tz1, a.Dz4tz1, a.Dz5tz1
		tz2 := a.Tz2
		zzcon2, zzcon3, zzcon4, zzcon5 := a.Zzcon2, a.Zzcon3, a.Zzcon4, a.Zzcon5
		for i := range rhs {
			r := &rhs[i]
			c, p, m := &u[i], &up[i], &um[i]
			wijk, wp1, wm1 := ws[i], wsp[i], wsm[i]
			r[0] = r[0] + dz1tz1*(p[0]-2.0*c[0]+m[0]) -
				tz2*(p[3]-m[3])
			r[1] = r[1] + dz2tz1*(p[1]-2.0*c[1]+m[1]) +
				zzcon2*(usp[i]-2.0*us[i]+usm[i]) -
				tz2*(p[1]*wp1-m[1]*wm1)
			r[2] = r[2] + dz3tz1*(p[2]-2.0*c[2]+m[2]) +
				zzcon2*(vsp[i]-2.0*vs[i]+vsm[i]) -
				tz2*(p[2]*wp1-m[2]*wm1)
			r[3] = r[3] + dz4tz1*(p[3]-2.0*c[3]+m[3]) +
				zzcon2*con43*(wp1-2.0*wijk+wm1) -
				tz2*(p[3]*wp1-m[3]*wm1+(p[4]-sqp[i]-m[4]+sqm[i])*c2)
			r[4] = r[4] + dz5tz1*(p[4]-2.0*c[4]+m[4]) +
				zzcon3*(qsp[i]-2.0*qs[i]+qsm[i]) +
				zzcon4*(wp1*wp1-2.0*wijk*wijk+wm1*wm1) +
				zzcon5*(p[4]*rip[i]-2.0*c[4]*ri[i]+m[4]*rim[i]) -
				tz2*((c1*p[4]-c2*sqp[i])*wp1-(c1*m[4]-c2*sqm[i])*wm1)
		}
	}
	// Dissipation along d: the form is the same for the whole line.
	dssp := a.Dssp
	u2, v2 := u, u // zero-weighted where the line ends
	if t >= 2 {
		u2 = a.U[o-2*s:][:nx]
	}
	if t+2 < n {
		v2 = a.U[o+2*s:][:nx]
	}
	if f := dissForm(t, n); f == 2 {
		for i := range rhs {
			r, w2, w1, c, x1, x2 := &rhs[i], &u2[i], &um[i], &u[i], &up[i], &v2[i]
			r[0] = r[0] - dssp*(w2[0]-4.0*w1[0]+6.0*c[0]-4.0*x1[0]+x2[0])
			r[1] = r[1] - dssp*(w2[1]-4.0*w1[1]+6.0*c[1]-4.0*x1[1]+x2[1])
			r[2] = r[2] - dssp*(w2[2]-4.0*w1[2]+6.0*c[2]-4.0*x1[2]+x2[2])
			r[3] = r[3] - dssp*(w2[3]-4.0*w1[3]+6.0*c[3]-4.0*x1[3]+x2[3])
			r[4] = r[4] - dssp*(w2[4]-4.0*w1[4]+6.0*c[4]-4.0*x1[4]+x2[4])
		}
	} else {
		cf := &dissCoef[f]
		for i := range rhs {
			dissEdge(&rhs[i], cf, &u2[i], &um[i], &u[i], &up[i], &v2[i], dssp)
		}
	}
}
