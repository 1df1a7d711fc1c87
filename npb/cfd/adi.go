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
	// Z solves the ζ line (i, j) (z_solve).
	Z func(p *places.Place, i, j int)
	// ZRow, if set, is the point-wise work that follows the ζ solve (SP's
	// tzetar), on the interior of the ξ row (j, k). The driver does it and
	// then add on each row (Steps).
	ZRow func(j, k int)

	// Optional: when Block > 0 and YRun (ZRun) is set, the driver hands out
	// η (ζ) lines in runs of up to Block neighbours, lines (i0..i1-1, k)
	// (or (i0..i1-1, j)), instead of calling Y (Z) once a line, so that a
	// kernel can move neighbouring lines through the cache together; Y (Z)
	// may then be nil.
	Block int
	YRun  func(p *places.Place, k, i0, i1 int)
	ZRun  func(p *places.Place, j, i0, i1 int)
}

// Step is one ADI time step on place p: compute_rhs, the kernel's ξ, η
// and ζ solves, add. Collective.
func (a *ADI) Step(p *places.Place, s *Solver) { a.Steps(p, 1, s) }

// Steps does niter ADI steps: the body of the timed region, to be run in
// one g.Run. Collective.
//
// A step has four barriers: after compute_rhs's phase (a), after the ξ
// lines (compute_rhs's phases b–f fused with the ξ solve), after the η
// lines, and after the ζ lines. Each is a true data dependence (the next
// phase reads lines other places wrote).
//
// The ζ lines are shared out by j, every other phase by k. What follows
// the ζ solve point by point (Solver.ZRow, then add) is therefore not done
// by the ζ lines but at the start of the next step's phase (a), on each
// row just before ComputeVars reads its U, so that U and the fields
// ComputeVars writes stay with the place that owns them by k (as in the
// reference, whose tzetar and add are parallel over k). The last step's is
// done at the end, on this place's ξ lines. What that saves is cache
// lines passed between cores: on the 2-core development VM, measured on
// 2026-12-02, one took about 240 ns (a C ping-pong: 485 ns round trip).
func (a *ADI) Steps(p *places.Place, niter int, s *Solver) {
	for it := range niter {
		a.step(p, s, it > 0)
	}
	if niter > 0 {
		lo, hi := a.XLines(p)
		for L := lo; L < hi; L++ {
			j, k := a.XLine(L)
			a.finishRow(s, j, k)
		}
		p.Barrier()
	}
}

// finishRow is the end of the last step's ζ solve on the interior of the
// ξ row (j, k): Solver.ZRow, then add.
func (a *ADI) finishRow(s *Solver, j, k int) {
	if s.ZRow != nil {
		s.ZRow(j, k)
	}
	a.addRow(j, k)
}

// step is one ADI step without the end of its ζ solve; with finish, its
// phase (a) first does the previous step's, row by row.
func (a *ADI) step(p *places.Place, s *Solver, finish bool) {
	if finish {
		a.computeVars(p, s)
	} else {
		a.computeVars(p, nil)
	}
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
			L += n
		}
	} else {
		for L := lo; L < hi; L++ {
			i, j := a.ZLine(L)
			s.Z(p, i, j)
		}
	}
	p.Barrier()
}

// addRow is add.f on the box's interior points of the ξ row (j, k).
func (a *ADI) addRow(j, k int) {
	x0, x1 := a.Inner(0)
	o := a.P(x0, j, k)
	u, r := a.U[o:][:x1-x0], a.RHS[o:][:x1-x0]
	for i := range u {
		for m := range 5 {
			u[i][m] = u[i][m] + r[i][m]
		}
	}
}
