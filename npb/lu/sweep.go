package lu

// The SSOR sweeps: jacld+blts (lower) and jacu+buts (upper) on one (j,k)
// line of interior points.
//
// The reference forms the four 5×5 blocks of a whole line (jacld/jacu into
// a, b, c, d) and then solves along it (blts/buts). Here each point's
// blocks are formed right where the solve uses them, as scalars: the
// blocks depend only on u, rho_i and qs, which the sweeps never write, so
// the order in which they are formed does not matter. Block entries that
// the Jacobians make structurally zero are left out of the sums and of the
// elimination; adding a product with a zero factor changes no finite sum
// (x + 0·y = x for finite y), so every result is bitwise the reference's.
// With those zeros, d's forward elimination touches only the first
// column and the fifth row, and its back-substitution is a division per
// row. Entries keep the Fortran's names with the block named by direction:
// z = the ζ neighbour's block (jacld's a, jacu's c), y = the η neighbour's
// (b), x = the ξ neighbour's (jacld's c, jacu's a), d = the diagonal.

// bltsLine is ssor's rsd·dt, jacld and blts for points ilo ≤ i < ihi of line
// (j, k), i ascending. It reads the points' k−1, j−1 and i−1 neighbours,
// which must be final.
func (l *problem) bltsLine(j, k, ilo, ihi int) {
	o, n := l.row(j, k)
	ni, plane := l.ni, l.ni*l.nj
	ilo, ihi = ilo-l.x.lo, ihi-l.x.lo
	v := l.rsd[o:][:n]
	vz := l.rsd[o-plane:][:n]
	vy := l.rsd[o-ni:][:n]
	u := l.u[o:][:n]
	uz := l.u[o-plane:][:n]
	uy := l.u[o-ni:][:n]
	rho := l.rho[o:][:n]
	rhoz := l.rho[o-plane:][:n]
	rhoy := l.rho[o-ni:][:n]
	qs := l.qs[o:][:n]
	qsz := l.qs[o-plane:][:n]
	qsy := l.qs[o-ni:][:n]

	dt, omega := l.dt, l.omega
	c1, c2, c22, twomc2 := l.c1, l.c2, l.c22, l.twomc2
	c34, c1345, r43c34, c34m, r43m := l.c34, l.c1345, l.r43c34, l.c34mc1345, l.r43c34m
	x, y, z := &l.dir[0], &l.dir[1], &l.dir[2]
	d11, r11 := l.d11, 1.0/l.d11
	dt2, dt2c34, e := l.dt2, l.dt2c34, &l.e
	s0, s1, s2 := l.s[0], l.s[1], l.s[2]
	k0, k1, k2 := l.k[0], l.k[1], l.k[2]
	p0, p1, p2 := l.p[0], l.p[1], l.p[2]
	tc1345, dt2tc13 := l.tc1345, l.dt2tc13

	clearUpper()
	for i := ilo; i < ihi; i++ {
		vi := &v[i]
		vi[0] = dt * vi[0]
		vi[1] = dt * vi[1]
		vi[2] = dt * vi[2]
		vi[3] = dt * vi[3]
		vi[4] = dt * vi[4]
		var tv1, tv2, tv3, tv4, tv5 float64

		// z: jacld's a, from (i, j, k−1)
		{
			w := &uz[i]
			u2, u3, u4, u5 := w[1], w[2], w[3], w[4]
			tmp1 := rhoz[i]
			tmp2 := tmp1 * tmp1
			tmp3 := tmp1 * tmp2
			q := qsz[i]
			a := &vz[i]
			z11 := -z.dtt1d[0]
			z14 := -z.dtt2
			tv1 = vi[0] - omega*(z11*a[0]+z14*a[3])
			z21 := -z.dtt2*(-(u2*u4)*tmp2) - z.dtt1*(-c34*tmp2*u2)
			z22 := -z.dtt2*(u4*tmp1) - z.dtt1c34*tmp1 - z.dtt1d[1]
			z24 := -z.dtt2 * (u2 * tmp1)
			tv2 = vi[1] - omega*(z21*a[0]+z22*a[1]+z24*a[3])
			z31 := -z.dtt2*(-(u3*u4)*tmp2) - z.dtt1*(-c34*tmp2*u3)
			z33 := -z.dtt2*(u4*tmp1) - z.dtt1*(c34*tmp1) - z.dtt1d[2]
			z34 := -z.dtt2 * (u3 * tmp1)
			tv3 = vi[2] - omega*(z31*a[0]+z33*a[2]+z34*a[3])
			z41 := -z.dtt2*(-(u4*tmp1)*(u4*tmp1)+c2*q*tmp1) - z.dtt1*(-r43c34*tmp2*u4)
			z42 := -z.dtt2 * (-c2 * (u2 * tmp1))
			z43 := -z.dtt2 * (-c2 * (u3 * tmp1))
			z44 := -z.dtt2twomc2*(u4*tmp1) - z.dtt1*(r43c34*tmp1) - z.dtt1d[3]
			z45 := -z.dtt2c2
			tv4 = vi[3] - omega*(z41*a[0]+z42*a[1]+z43*a[2]+z44*a[3]+z45*a[4])
			z51 := -z.dtt2*((c22*q-c1*u5)*u4*tmp2) -
				z.dtt1*(-c34m*tmp3*(u2*u2)-c34m*tmp3*(u3*u3)-r43m*tmp3*(u4*u4)-c1345*tmp2*u5)
			z52 := -z.dtt2*(-c2*(u2*u4)*tmp2) - z.dtt1c34m*tmp2*u2
			z53 := -z.dtt2*(-c2*(u3*u4)*tmp2) - z.dtt1c34m*tmp2*u3
			z54 := -z.dtt2*(c1*(u5*tmp1)-c2*(q*tmp1+u4*u4*tmp2)) - z.dtt1r43m*tmp2*u4
			z55 := -z.dtt2*(c1*(u4*tmp1)) - z.dtt1c1345*tmp1 - z.dtt1d[4]
			tv5 = vi[4] - omega*(z51*a[0]+z52*a[1]+z53*a[2]+z54*a[3]+z55*a[4])
		}

		// y: jacld's b, from (i, j−1, k); x: jacld's c, from (i−1, j, k)
		{
			yw := &uy[i]
			yu2, yu3, yu4, yu5 := yw[1], yw[2], yw[3], yw[4]
			ytmp1 := rhoy[i]
			ytmp2 := ytmp1 * ytmp1
			ytmp3 := ytmp1 * ytmp2
			yq := qsy[i]
			xw := &u[i-1]
			xu2, xu3, xu4, xu5 := xw[1], xw[2], xw[3], xw[4]
			xtmp1 := rho[i-1]
			xtmp2 := xtmp1 * xtmp1
			xtmp3 := xtmp1 * xtmp2
			xq := qs[i-1]
			b, c := &vy[i], &v[i-1]
			y11 := -y.dtt1d[0]
			y13 := -y.dtt2
			x11 := -x.dtt1d[0]
			x12 := -x.dtt2
			tv1 = tv1 - omega*(y11*b[0]+x11*c[0]+x12*c[1]+y13*b[2])
			y21 := -y.dtt2*(-(yu2*yu3)*ytmp2) - y.dtt1*(-c34*ytmp2*yu2)
			y22 := -y.dtt2*(yu3*ytmp1) - y.dtt1*(c34*ytmp1) - y.dtt1d[1]
			y23 := -y.dtt2 * (yu2 * ytmp1)
			x21 := -x.dtt2*(-(xu2*xtmp1)*(xu2*xtmp1)+c2*xq*xtmp1) - x.dtt1*(-r43c34*xtmp2*xu2)
			x22 := -x.dtt2*(twomc2*(xu2*xtmp1)) - x.dtt1*(r43c34*xtmp1) - x.dtt1d[1]
			x23 := -x.dtt2 * (-c2 * (xu3 * xtmp1))
			x24 := -x.dtt2 * (-c2 * (xu4 * xtmp1))
			x25 := -x.dtt2c2
			tv2 = tv2 - omega*(y21*b[0]+x21*c[0]+y22*b[1]+x22*c[1]+y23*b[2]+x23*c[2]+x24*c[3]+x25*c[4])
			y31 := -y.dtt2*(-(yu3*ytmp1)*(yu3*ytmp1)+c2*(yq*ytmp1)) - y.dtt1*(-r43c34*ytmp2*yu3)
			y32 := -y.dtt2 * (-c2 * (yu2 * ytmp1))
			y33 := -y.dtt2*(twomc2*(yu3*ytmp1)) - y.dtt1*(r43c34*ytmp1) - y.dtt1d[2]
			y34 := -y.dtt2 * (-c2 * (yu4 * ytmp1))
			y35 := -y.dtt2c2
			x31 := -x.dtt2*(-(xu2*xu3)*xtmp2) - x.dtt1*(-c34*xtmp2*xu3)
			x32 := -x.dtt2 * (xu3 * xtmp1)
			x33 := -x.dtt2*(xu2*xtmp1) - x.dtt1*(c34*xtmp1) - x.dtt1d[2]
			tv3 = tv3 - omega*(y31*b[0]+x31*c[0]+y32*b[1]+x32*c[1]+y33*b[2]+x33*c[2]+y34*b[3]+y35*b[4])
			y41 := -y.dtt2*(-(yu3*yu4)*ytmp2) - y.dtt1*(-c34*ytmp2*yu4)
			y43 := -y.dtt2 * (yu4 * ytmp1)
			y44 := -y.dtt2*(yu3*ytmp1) - y.dtt1*(c34*ytmp1) - y.dtt1d[3]
			x41 := -x.dtt2*(-(xu2*xu4)*xtmp2) - x.dtt1*(-c34*xtmp2*xu4)
			x42 := -x.dtt2 * (xu4 * xtmp1)
			x44 := -x.dtt2*(xu2*xtmp1) - x.dtt1*(c34*xtmp1) - x.dtt1d[3]
			tv4 = tv4 - omega*(y41*b[0]+x41*c[0]+x42*c[1]+y43*b[2]+y44*b[3]+x44*c[3])
			y51 := -y.dtt2*((c22*yq-c1*yu5)*(yu3*ytmp2)) -
				y.dtt1*(-c34m*ytmp3*(yu2*yu2)-r43m*ytmp3*(yu3*yu3)-c34m*ytmp3*(yu4*yu4)-c1345*ytmp2*yu5)
			y52 := -y.dtt2*(-c2*(yu2*yu3)*ytmp2) - y.dtt1c34m*ytmp2*yu2
			y53 := -y.dtt2*(c1*(yu5*ytmp1)-c2*(yq*ytmp1+yu3*yu3*ytmp2)) - y.dtt1r43m*ytmp2*yu3
			y54 := -y.dtt2*(-c2*(yu3*yu4)*ytmp2) - y.dtt1c34m*ytmp2*yu4
			y55 := -y.dtt2*(c1*(yu3*ytmp1)) - y.dtt1c1345*ytmp1 - y.dtt1d[4]
			x51 := -x.dtt2*((c22*xq-c1*xu5)*xu2*xtmp2) -
				x.dtt1*(-r43m*xtmp3*(xu2*xu2)-c34m*xtmp3*(xu3*xu3)-c34m*xtmp3*(xu4*xu4)-c1345*xtmp2*xu5)
			x52 := -x.dtt2*(c1*(xu5*xtmp1)-c2*(xu2*xu2*xtmp2+xq*xtmp1)) - x.dtt1r43m*xtmp2*xu2
			x53 := -x.dtt2*(-c2*(xu3*xu2)*xtmp2) - x.dtt1c34m*xtmp2*xu3
			x54 := -x.dtt2*(-c2*(xu4*xu2)*xtmp2) - x.dtt1c34m*xtmp2*xu4
			x55 := -x.dtt2*(c1*(xu2*xtmp1)) - x.dtt1c1345*xtmp1 - x.dtt1d[4]
			tv5 = tv5 - omega*(y51*b[0]+x51*c[0]+y52*b[1]+x52*c[1]+y53*b[2]+x53*c[2]+
				y54*b[3]+x54*c[3]+y55*b[4]+x55*c[4])
		}

		// d: jacld's diagonal block at (i, j, k), then the solve
		w := &u[i]
		u2, u3, u4, u5 := w[1], w[2], w[3], w[4]
		tmp1 := rho[i]
		tmp2 := tmp1 * tmp1
		tmp3 := tmp1 * tmp2
		d21 := -k0 * tmp2 * u2
		d22 := 1.0 + dt2c34*tmp1*s0 + e[1]
		d31 := -k1 * tmp2 * u3
		d33 := 1.0 + dt2c34*tmp1*s1 + e[2]
		d41 := -k2 * tmp2 * u4
		d44 := 1.0 + dt2c34*tmp1*s2 + e[3]
		d51 := -dt2 * ((p0*(u2*u2)+p1*(u3*u3)+p2*(u4*u4))*tmp3 + tc1345*tmp2*u5)
		d52 := dt2 * tmp2 * u2 * p0
		d53 := dt2 * tmp2 * u3 * p1
		d54 := dt2 * tmp2 * u4 * p2
		d55 := 1.0 + dt2tc13*tmp1 + e[4]

		tv2 = tv2 - tv1*(r11*d21)
		tv3 = tv3 - tv1*(r11*d31)
		tv4 = tv4 - tv1*(r11*d41)
		tv5 = tv5 - tv1*(r11*d51)
		tv5 = tv5 - tv2*((1.0/d22)*d52)
		tv5 = tv5 - tv3*((1.0/d33)*d53)
		tv5 = tv5 - tv4*((1.0/d44)*d54)
		vi[4] = tv5 / d55
		vi[3] = tv4 / d44
		vi[2] = tv3 / d33
		vi[1] = tv2 / d22
		vi[0] = tv1 / d11
	}
}

// butsLine is jacu and buts for points ilo ≤ i < ihi of line (j, k), i
// descending. It reads the points' k+1, j+1 and i+1 neighbours, which must
// be final.
func (l *problem) butsLine(j, k, ilo, ihi int) {
	o, n := l.row(j, k)
	ni, plane := l.ni, l.ni*l.nj
	ilo, ihi = ilo-l.x.lo, ihi-l.x.lo
	v := l.rsd[o:][:n]
	vz := l.rsd[o+plane:][:n]
	vy := l.rsd[o+ni:][:n]
	u := l.u[o:][:n]
	uz := l.u[o+plane:][:n]
	uy := l.u[o+ni:][:n]
	rho := l.rho[o:][:n]
	rhoz := l.rho[o+plane:][:n]
	rhoy := l.rho[o+ni:][:n]
	qs := l.qs[o:][:n]
	qsz := l.qs[o+plane:][:n]
	qsy := l.qs[o+ni:][:n]

	omega := l.omega
	c1, c2, c22, twomc2 := l.c1, l.c2, l.c22, l.twomc2
	c34, c1345, r43c34, c34m, r43m := l.c34, l.c1345, l.r43c34, l.c34mc1345, l.r43c34m
	x, y, z := &l.dir[0], &l.dir[1], &l.dir[2]
	d11, r11 := l.d11, 1.0/l.d11
	dt2, dt2c34, e := l.dt2, l.dt2c34, &l.e
	s0, s1, s2 := l.s[0], l.s[1], l.s[2]
	kn0, kn1, kn2 := l.dt2*l.ns[0], l.dt2*l.ns[1], l.dt2*l.ns[2]
	p0, p1, p2 := l.p[0], l.p[1], l.p[2]
	dp0, dp1, dp2 := l.dt2p[0], l.dt2p[1], l.dt2p[2]
	tc1345, dt2tc13 := l.tc1345, l.dt2tc13

	clearUpper()
	for i := ihi - 1; i >= ilo; i-- {
		var tv1, tv2, tv3, tv4, tv5 float64

		// z: jacu's c, from (i, j, k+1)
		{
			w := &uz[i]
			u2, u3, u4, u5 := w[1], w[2], w[3], w[4]
			tmp1 := rhoz[i]
			tmp2 := tmp1 * tmp1
			tmp3 := tmp1 * tmp2
			q := qsz[i]
			a := &vz[i]
			z11 := -z.dtt1d[0]
			z14 := z.dtt2
			tv1 = omega * (z11*a[0] + z14*a[3])
			z21 := z.dtt2*(-(u2*u4)*tmp2) - z.dtt1*(-c34*tmp2*u2)
			z22 := z.dtt2*(u4*tmp1) - z.dtt1c34*tmp1 - z.dtt1d[1]
			z24 := z.dtt2 * (u2 * tmp1)
			tv2 = omega * (z21*a[0] + z22*a[1] + z24*a[3])
			z31 := z.dtt2*(-(u3*u4)*tmp2) - z.dtt1*(-c34*tmp2*u3)
			z33 := z.dtt2*(u4*tmp1) - z.dtt1*(c34*tmp1) - z.dtt1d[2]
			z34 := z.dtt2 * (u3 * tmp1)
			tv3 = omega * (z31*a[0] + z33*a[2] + z34*a[3])
			z41 := z.dtt2*(-(u4*tmp1)*(u4*tmp1)+c2*(q*tmp1)) - z.dtt1*(-r43c34*tmp2*u4)
			z42 := z.dtt2 * (-c2 * (u2 * tmp1))
			z43 := z.dtt2 * (-c2 * (u3 * tmp1))
			z44 := z.dtt2twomc2*(u4*tmp1) - z.dtt1*(r43c34*tmp1) - z.dtt1d[3]
			z45 := z.dtt2c2
			tv4 = omega * (z41*a[0] + z42*a[1] + z43*a[2] + z44*a[3] + z45*a[4])
			z51 := z.dtt2*((c22*q-c1*u5)*(u4*tmp2)) -
				z.dtt1*(-c34m*tmp3*(u2*u2)-c34m*tmp3*(u3*u3)-r43m*tmp3*(u4*u4)-c1345*tmp2*u5)
			z52 := z.dtt2*(-c2*(u2*u4)*tmp2) - z.dtt1c34m*tmp2*u2
			z53 := z.dtt2*(-c2*(u3*u4)*tmp2) - z.dtt1c34m*tmp2*u3
			z54 := z.dtt2*(c1*(u5*tmp1)-c2*(q*tmp1+u4*u4*tmp2)) - z.dtt1r43m*tmp2*u4
			z55 := z.dtt2*(c1*(u4*tmp1)) - z.dtt1c1345*tmp1 - z.dtt1d[4]
			tv5 = omega * (z51*a[0] + z52*a[1] + z53*a[2] + z54*a[3] + z55*a[4])
		}

		// y: jacu's b, from (i, j+1, k); x: jacu's a, from (i+1, j, k)
		{
			yw := &uy[i]
			yu2, yu3, yu4, yu5 := yw[1], yw[2], yw[3], yw[4]
			ytmp1 := rhoy[i]
			ytmp2 := ytmp1 * ytmp1
			ytmp3 := ytmp1 * ytmp2
			yq := qsy[i]
			xw := &u[i+1]
			xu2, xu3, xu4, xu5 := xw[1], xw[2], xw[3], xw[4]
			xtmp1 := rho[i+1]
			xtmp2 := xtmp1 * xtmp1
			xtmp3 := xtmp1 * xtmp2
			xq := qs[i+1]
			b, c := &vy[i], &v[i+1]
			y11 := -y.dtt1d[0]
			y13 := y.dtt2
			x11 := -x.dtt1d[0]
			x12 := x.dtt2
			tv1 = tv1 + omega*(y11*b[0]+x11*c[0]+x12*c[1]+y13*b[2])
			y21 := y.dtt2*(-(yu2*yu3)*ytmp2) - y.dtt1*(-c34*ytmp2*yu2)
			y22 := y.dtt2*(yu3*ytmp1) - y.dtt1*(c34*ytmp1) - y.dtt1d[1]
			y23 := y.dtt2 * (yu2 * ytmp1)
			x21 := x.dtt2*(-(xu2*xtmp1)*(xu2*xtmp1)+c2*xq*xtmp1) - x.dtt1*(-r43c34*xtmp2*xu2)
			x22 := x.dtt2*(twomc2*(xu2*xtmp1)) - x.dtt1*(r43c34*xtmp1) - x.dtt1d[1]
			x23 := x.dtt2 * (-c2 * (xu3 * xtmp1))
			x24 := x.dtt2 * (-c2 * (xu4 * xtmp1))
			x25 := x.dtt2c2
			tv2 = tv2 + omega*(y21*b[0]+x21*c[0]+y22*b[1]+x22*c[1]+y23*b[2]+x23*c[2]+x24*c[3]+x25*c[4])
			y31 := y.dtt2*(-(yu3*ytmp1)*(yu3*ytmp1)+c2*(yq*ytmp1)) - y.dtt1*(-r43c34*ytmp2*yu3)
			y32 := y.dtt2 * (-c2 * (yu2 * ytmp1))
			y33 := y.dtt2*(twomc2*(yu3*ytmp1)) - y.dtt1*(r43c34*ytmp1) - y.dtt1d[2]
			y34 := y.dtt2 * (-c2 * (yu4 * ytmp1))
			y35 := y.dtt2c2
			x31 := x.dtt2*(-(xu2*xu3)*xtmp2) - x.dtt1*(-c34*xtmp2*xu3)
			x32 := x.dtt2 * (xu3 * xtmp1)
			x33 := x.dtt2*(xu2*xtmp1) - x.dtt1*(c34*xtmp1) - x.dtt1d[2]
			tv3 = tv3 + omega*(y31*b[0]+x31*c[0]+y32*b[1]+x32*c[1]+y33*b[2]+x33*c[2]+y34*b[3]+y35*b[4])
			y41 := y.dtt2*(-(yu3*yu4)*ytmp2) - y.dtt1*(-c34*ytmp2*yu4)
			y43 := y.dtt2 * (yu4 * ytmp1)
			y44 := y.dtt2*(yu3*ytmp1) - y.dtt1*(c34*ytmp1) - y.dtt1d[3]
			x41 := x.dtt2*(-(xu2*xu4)*xtmp2) - x.dtt1*(-c34*xtmp2*xu4)
			x42 := x.dtt2 * (xu4 * xtmp1)
			x44 := x.dtt2*(xu2*xtmp1) - x.dtt1*(c34*xtmp1) - x.dtt1d[3]
			tv4 = tv4 + omega*(y41*b[0]+x41*c[0]+x42*c[1]+y43*b[2]+y44*b[3]+x44*c[3])
			y51 := y.dtt2*((c22*yq-c1*yu5)*(yu3*ytmp2)) -
				y.dtt1*(-c34m*ytmp3*(yu2*yu2)-r43m*ytmp3*(yu3*yu3)-c34m*ytmp3*(yu4*yu4)-c1345*ytmp2*yu5)
			y52 := y.dtt2*(-c2*(yu2*yu3)*ytmp2) - y.dtt1c34m*ytmp2*yu2
			y53 := y.dtt2*(c1*(yu5*ytmp1)-c2*(yq*ytmp1+yu3*yu3*ytmp2)) - y.dtt1r43m*ytmp2*yu3
			y54 := y.dtt2*(-c2*(yu3*yu4)*ytmp2) - y.dtt1c34m*ytmp2*yu4
			y55 := y.dtt2*(c1*(yu3*ytmp1)) - y.dtt1c1345*ytmp1 - y.dtt1d[4]
			x51 := x.dtt2*((c22*xq-c1*xu5)*(xu2*xtmp2)) -
				x.dtt1*(-r43m*xtmp3*(xu2*xu2)-c34m*xtmp3*(xu3*xu3)-c34m*xtmp3*(xu4*xu4)-c1345*xtmp2*xu5)
			x52 := x.dtt2*(c1*(xu5*xtmp1)-c2*(xu2*xu2*xtmp2+xq*xtmp1)) - x.dtt1r43m*xtmp2*xu2
			x53 := x.dtt2*(-c2*(xu3*xu2)*xtmp2) - x.dtt1c34m*xtmp2*xu3
			x54 := x.dtt2*(-c2*(xu4*xu2)*xtmp2) - x.dtt1c34m*xtmp2*xu4
			x55 := x.dtt2*(c1*(xu2*xtmp1)) - x.dtt1c1345*xtmp1 - x.dtt1d[4]
			tv5 = tv5 + omega*(y51*b[0]+x51*c[0]+y52*b[1]+x52*c[1]+y53*b[2]+x53*c[2]+
				y54*b[3]+x54*c[3]+y55*b[4]+x55*c[4])
		}

		// d: jacu's diagonal block at (i, j, k), then the solve
		w := &u[i]
		u2, u3, u4, u5 := w[1], w[2], w[3], w[4]
		tmp1 := rho[i]
		tmp2 := tmp1 * tmp1
		tmp3 := tmp1 * tmp2
		d21 := kn0 * (c34 * tmp2 * u2)
		d22 := 1.0 + dt2c34*tmp1*s0 + e[1]
		d31 := kn1 * (c34 * tmp2 * u3)
		d33 := 1.0 + dt2c34*tmp1*s1 + e[2]
		d41 := kn2 * (c34 * tmp2 * u4)
		d44 := 1.0 + dt2c34*tmp1*s2 + e[3]
		d51 := -dt2 * ((p0*(u2*u2)+p1*(u3*u3)+p2*(u4*u4))*tmp3 + tc1345*tmp2*u5)
		d52 := dp0 * tmp2 * u2
		d53 := dp1 * tmp2 * u3
		d54 := dp2 * tmp2 * u4
		d55 := 1.0 + dt2tc13*tmp1 + e[4]

		tv2 = tv2 - tv1*(r11*d21)
		tv3 = tv3 - tv1*(r11*d31)
		tv4 = tv4 - tv1*(r11*d41)
		tv5 = tv5 - tv1*(r11*d51)
		tv5 = tv5 - tv2*((1.0/d22)*d52)
		tv5 = tv5 - tv3*((1.0/d33)*d53)
		tv5 = tv5 - tv4*((1.0/d44)*d54)
		tv5 = tv5 / d55
		tv4 = tv4 / d44
		tv3 = tv3 / d33
		tv2 = tv2 / d22
		tv1 = tv1 / d11
		vi := &v[i]
		vi[0] = vi[0] - tv1
		vi[1] = vi[1] - tv2
		vi[2] = vi[2] - tv3
		vi[3] = vi[3] - tv4
		vi[4] = vi[4] - tv5
	}
}
