package lu

import (
	"math"

	"npbgo/npb"
)

// printSteps prints the lines ssor prints inside its timed loop.
func (l *problem) printSteps(out npb.Printer) {
	for istep := 1; istep <= l.steps; istep++ {
		if istep%20 == 0 || istep == l.itmax || istep == 1 {
			out.Printf(" Time step %4d\n", istep)
		}
	}
	if l.steps < l.itmax {
		out.Printf(" \n convergence was achieved after %4d pseudo-time steps\n", l.steps)
	}
}

// errorNorm is error.f and pintgr.f for the whole grid.
func (l *problem) errorNorm() {
	l.errnm = l.rms(l.errorSum())
	l.frc = l.surface(l.pintgrSums())
}

// errorSum is error.f's sum of the squared error of u against the exact
// solution over the box's interior points, in the reference's loop order.
func (l *problem) errorSum() [5]float64 {
	var sum [5]float64
	var ue cell
	for k := 1; k < l.nz-1; k++ {
		for j := l.y.st; j < l.y.end; j++ {
			for i := l.x.st; i < l.x.end; i++ {
				l.exact(i, j, k, &ue)
				u := &l.u[l.at(i, j, k)]
				for m := range 5 {
					tmp := ue[m] - u[m]
					sum[m] = sum[m] + tmp*tmp
				}
			}
		}
	}
	return sum
}

// pintgrSums is pintgr.f's three face sums over the box's cells, those
// whose lower corner is one of the box's own points, in the reference's
// loop order. A cell's other corners may be halo points (pintgr.f
// exchanges the pressures there; here the halo of u from the last rhs
// already holds them). As in pintgr.f, a box that does not hold a face
// adds zeros for it.
func (l *problem) pintgrSums() [3]float64 {
	ibeg, ifin := 1, l.nx-2
	jbeg, jfin := 1, l.ny-3
	ki1, ki2 := 2, l.nz-2
	x, y := &l.x, &l.y
	i0, i1 := max(ibeg, x.a), min(ifin-1, x.b-1) // the cells' lower corners, inclusive
	j0, j1 := max(jbeg, y.a), min(jfin-1, y.b-1)
	c2 := l.c2
	pressure := func(i, j, k int) float64 {
		u := &l.u[l.at(i, j, k)]
		return c2 * (u[4] - 0.50*(u[1]*u[1]+u[2]*u[2]+u[3]*u[3])/u[0])
	}
	w := max(l.nx, l.ny, l.nz) + 2
	phi1 := make([]float64, w*w)
	phi2 := make([]float64, w*w)
	at := func(a, b int) int { return a + w*b }
	face := func(b0, b1, a0, a1 int) float64 {
		var f float64
		for b := b0; b <= b1; b++ {
			for a := a0; a <= a1; a++ {
				f = f + (phi1[at(a, b)] + phi1[at(a+1, b)] + phi1[at(a, b+1)] + phi1[at(a+1, b+1)] +
					phi2[at(a, b)] + phi2[at(a+1, b)] + phi2[at(a, b+1)] + phi2[at(a+1, b+1)])
			}
		}
		return f
	}
	owns := func(s *span, p int) bool { return s.a <= p && p < s.b }
	var frc [3]float64

	for j := j0; j <= j1+1; j++ {
		for i := i0; i <= i1+1; i++ {
			phi1[at(i, j)] = pressure(i, j, ki1)
			phi2[at(i, j)] = pressure(i, j, ki2)
		}
	}
	frc[0] = face(j0, j1, i0, i1)

	// the faces at the two ends of one axis (s, points beg and fin), a
	// line a0..a1+1 of the other by k: point maps (a, beg or fin) to (i, j)
	sides := func(s *span, beg, fin, a0, a1 int, point func(a, b int) (int, int)) float64 {
		clear(phi1)
		clear(phi2)
		for k := ki1; k <= ki2; k++ {
			for a := a0; a <= a1+1; a++ {
				if owns(s, beg) {
					i, j := point(a, beg)
					phi1[at(a, k)] = pressure(i, j, k)
				}
				if owns(s, fin) {
					i, j := point(a, fin)
					phi2[at(a, k)] = pressure(i, j, k)
				}
			}
		}
		return face(ki1, ki2-1, a0, a1)
	}
	frc[1] = sides(y, jbeg, jfin, i0, i1, func(a, b int) (int, int) { return a, b })
	frc[2] = sides(x, ibeg, ifin, j0, j1, func(a, b int) (int, int) { return b, a })
	return frc
}

// surface is pintgr.f's surface integral from the three face sums.
func (l *problem) surface(f [3]float64) float64 {
	return 0.25 * (l.dxi*l.deta*f[0] + l.dxi*l.dzeta*f[1] + l.deta*l.dzeta*f[2])
}

// verify is verify.f: it prints the comparison of the residual norms, the
// error norms and the surface integral with the class's reference values
// (or the values alone for an unknown class) and returns the checks.
func verify(out npb.Printer, p *params, xcr, xce [5]float64, xci float64) []npb.Check {
	e := func(x float64) string { return npb.FortranE(x, 20, 13) }
	if !p.known {
		out.Printf(" Unknown class\n")
		out.Printf(" RMS-norms of residual\n")
		for m := range 5 {
			out.Printf("          %2d  %s\n", m+1, e(xcr[m]))
		}
		out.Printf(" RMS-norms of solution error\n")
		for m := range 5 {
			out.Printf("          %2d  %s\n", m+1, e(xce[m]))
		}
		out.Printf(" Surface integral\n")
		out.Printf("              %s\n", e(xci))
		out.Printf(" No reference values provided\n")
		out.Printf(" No verification performed\n")
		return nil
	}
	eps := p.eps
	out.Printf("\n Verification being performed for class %s\n", p.class)
	out.Printf(" Accuracy setting for epsilon = %s\n", e(eps))
	d := math.Abs(p.dt - p.dtref)
	dtOK := d <= eps
	checks := []npb.Check{{Name: "dt", Value: p.dt, Reference: p.dtref, RelErr: d, Epsilon: eps, OK: dtOK}}
	if !dtOK {
		out.Printf(" DT does not match the reference value of %s\n", npb.FortranE(p.dtref, 15, 8))
	}
	line := func(c npb.Check, label string) {
		tag := "          "
		if !c.OK {
			tag = " FAILURE: "
		}
		out.Printf("%s%s%s%s%s\n", tag, label, e(c.Value), e(c.Reference), e(c.RelErr))
	}
	out.Printf(" Comparison of RMS-norms of residual\n")
	for m := range 5 {
		c := npb.RelCheck("xcr"+string(rune('1'+m)), xcr[m], p.xcrref[m], eps)
		line(c, fmtM(m))
		checks = append(checks, c)
	}
	out.Printf(" Comparison of RMS-norms of solution error\n")
	for m := range 5 {
		c := npb.RelCheck("xce"+string(rune('1'+m)), xce[m], p.xceref[m], eps)
		line(c, fmtM(m))
		checks = append(checks, c)
	}
	out.Printf(" Comparison of surface integral\n")
	c := npb.RelCheck("xci", xci, p.xciref, eps)
	line(c, "    ")
	checks = append(checks, c)
	ok := true
	for _, c := range checks {
		ok = ok && c.OK
	}
	if ok {
		out.Printf(" Verification Successful\n")
	} else {
		out.Printf(" Verification failed\n")
	}
	return checks
}

// fmtM is verify.f's "i2, 2x" label of component m.
func fmtM(m int) string { return " " + string(rune('1'+m)) + "  " }
