package cfd

import "npbgo/runtime/places"

// Solver is a kernel's own part of the ADI time step (adi.f): its line
// solvers, each with whatever point-wise work the kernel fuses into it
// (SP's txinvr before its ξ solve, ninvr, pinvr and tzetar after its
// solves). Each func is called once per line, on the place that owns it.
type Solver struct {
	// X solves the ξ line (j, k) (x_solve), right after RHSLine has
	// computed its RHS on the same place.
	X func(p *places.Place, j, k int)
	// Y solves the η line (i, k) (y_solve).
	Y func(p *places.Place, i, k int)
	// Z solves the ζ line (i, j) (z_solve); the driver then adds the line's
	// RHS into U (add).
	Z func(p *places.Place, i, j int)

	// Optional: when Block > 0 and YRun (ZRun) is set, the driver hands out
	// η (ζ) lines in runs of up to Block neighbours, lines (i0..i1-1, k)
	// (or (i0..i1-1, j)), instead of calling Y (Z) once a line, so that a
	// kernel can move neighbouring lines through the cache together; Y (Z)
	// may then be nil.
	Block int
	YRun  func(p *places.Place, k, i0, i1 int)
	ZRun  func(p *places.Place, j, i0, i1 int)
	// ZAdds says that ZRun adds its lines into U itself (add fused into
	// the end of the kernel's ζ solve), so the driver does not.
	ZAdds bool
}

// Step is one ADI time step on place p: compute_rhs, the kernel's ξ, η
// and ζ solves, add. Four barriers: after compute_rhs's phase (a), after
// the ξ lines (compute_rhs's phases b–f fused with the ξ solve), after the
// η lines, and after the ζ lines with add. Each barrier is a true data
// dependence (the next phase reads lines other places wrote). Collective.
func (a *ADI) Step(p *places.Place, s *Solver) {
	a.ComputeVars(p)
	p.Barrier()
	lo, hi := a.XLines(p)
	for L := lo; L < hi; L++ {
		j, k := a.XLine(L)
		a.RHSLine(j, k)
		s.X(p, j, k)
	}
	p.Barrier()
	lo, hi = a.YLines(p)
	if s.Block > 0 && s.YRun != nil {
		for L := lo; L < hi; {
			i, k := a.YLine(L)
			n := min(s.Block, hi-L, a.Nx-1-i)
			s.YRun(p, k, i, i+n)
			L += n
		}
	} else {
		for L := lo; L < hi; L++ {
			i, k := a.YLine(L)
			s.Y(p, i, k)
		}
	}
	p.Barrier()
	lo, hi = a.ZLines(p)
	if s.Block > 0 && s.ZRun != nil {
		for L := lo; L < hi; {
			i, j := a.ZLine(L)
			n := min(s.Block, hi-L, a.Nx-1-i)
			s.ZRun(p, j, i, i+n)
			if !s.ZAdds {
				a.AddRun(j, i, i+n)
			}
			L += n
		}
	} else {
		for L := lo; L < hi; L++ {
			i, j := a.ZLine(L)
			s.Z(p, i, j)
			a.AddLine(i, j)
		}
	}
	p.Barrier()
}

// Steps does niter ADI steps: the body of the timed region, to be run in
// one g.Run. Collective.
func (a *ADI) Steps(p *places.Place, niter int, s *Solver) {
	for range niter {
		a.Step(p, s)
	}
}

// AddLine adds RHS into U along the interior of the ζ line (i, j) (add).
func (a *ADI) AddLine(i, j int) {
	o, s := a.P(i, j, 0), a.Plane
	for k := 1; k < a.Nz-1; k++ {
		u, r := &a.U[o+k*s], &a.RHS[o+k*s]
		u[0] = u[0] + r[0]
		u[1] = u[1] + r[1]
		u[2] = u[2] + r[2]
		u[3] = u[3] + r[3]
		u[4] = u[4] + r[4]
	}
}

// AddRun adds RHS into U along the interior of the ζ lines (i0..i1-1, j).
func (a *ADI) AddRun(j, i0, i1 int) {
	for k := 1; k < a.Nz-1; k++ {
		o := a.P(i0, j, k)
		u, r := a.U[o:][:i1-i0], a.RHS[o:][:i1-i0]
		for i := range u {
			c, d := &u[i], &r[i]
			c[0] = c[0] + d[0]
			c[1] = c[1] + d[1]
			c[2] = c[2] + d[2]
			c[3] = c[3] + d[3]
			c[4] = c[4] + d[4]
		}
	}
}

// Add is add.f on this place's ξ lines: U += RHS at interior points.
// Not collective.
func (a *ADI) Add(p *places.Place) {
	lo, hi := a.XLines(p)
	for L := lo; L < hi; L++ {
		j, k := a.XLine(L)
		o := a.P(1, j, k)
		u, r := a.U[o:][:a.Nx-2], a.RHS[o:][:a.Nx-2]
		for i := range u {
			for m := range 5 {
				u[i][m] = u[i][m] + r[i][m]
			}
		}
	}
}
