package sp

import (
	"unsafe"

	"npbgo/npb"
	"npbgo/npb/cfd"
)

// SP in NPB3.4-MPI's message-passing form (sp-mpi): the multi-partition
// of npb/cfd (cfd.Multi), with SP's line solver on each cell's share of
// the lines. x_solve.f and its kin sweep through a rank's cells in slab
// order, each cell eliminating its share of the lines from the state the
// previous cell passes on (22 values a line: what forward leaves of the two
// last rows), then substitute back the other way (10 values a line: the
// solution at the two first rows). The arithmetic is NPB3.4-MPI's
// (solver.mpi), so that its printed norms are the reference's.

// KernelMPI is SP-MPI for the kernel driver and the registry.
var KernelMPI = cfd.NewMultiKernel("sp-mpi", "SP", true, int(unsafe.Sizeof(efRow{})/8), count, newCellSolver)

func init() { npb.Register(KernelMPI) }

// RunMPI runs SP-MPI for cfg (KernelMPI.Run).
func RunMPI(cfg npb.Config) (*npb.Result, error) { return KernelMPI.Run(cfg) }

// cellSolver is SP's line solver on one rank's cells.
type cellSolver struct {
	m     *cfd.Multi
	cells []*solver // one per cell, NPB3.4-MPI's arithmetic
	w     *scratch
	// v is w seen from a cell's first row along the current axis: setupLHS
	// fills w's rows by the points' positions on the whole line, forward
	// and backward take v's from 0.
	v scratch
	// ef holds what forward leaves of the rows of a cell that does not end
	// the lines, one line after another, until backward: one store for
	// each slab but the last, ef[s] for the cell at coordinate s along the
	// current axis (the reference keeps lhs for every cell).
	ef [][]efRow
}

func newCellSolver(m *cfd.Multi) cfd.CellSolver {
	cs := &cellSolver{m: m}
	n, rows := 0, 0
	for _, a := range m.Cells {
		cs.cells = append(cs.cells, newSolver(a, true))
		n = max(n, a.Nx, a.Ny, a.Nz)
		for d := range 3 {
			rows = max(rows, a.Lines(d)*(a.Hi[d]-a.Lo[d]))
		}
	}
	for range m.Q - 1 {
		cs.ef = append(cs.ef, make([]efRow, rows))
	}
	cs.w = newScratch(n)
	return cs
}

// Carry is 22 floats a line forward (fwdCarry), 10 backward (bwdCarry).
func (cs *cellSolver) Carry() (fwd, bwd int) {
	return int(unsafe.Sizeof(fwdCarry{}) / 8), int(unsafe.Sizeof(bwdCarry{}) / 8)
}

// fwdAt and bwdAt view line L's part of a carry buffer (nil if the
// buffer is).
func fwdAt(b []float64, L int) *fwdCarry {
	if b == nil {
		return nil
	}
	const n = int(unsafe.Sizeof(fwdCarry{}) / 8)
	return (*fwdCarry)(unsafe.Pointer(&b[L*n : L*n+n][0]))
}

func bwdAt(b []float64, L int) *bwdCarry {
	if b == nil {
		return nil
	}
	const n = int(unsafe.Sizeof(bwdCarry{}) / 8)
	return (*bwdCarry)(unsafe.Pointer(&b[L*n : L*n+n][0]))
}

// cellLines describes cell c's lines along d for Forward and Backward:
// the rows [t0, t1) of each, the stride along them, and their interior
// points [x0, x1) (positions along the lines), which the changes of
// variables after the solve apply to.
type cellLines struct {
	s              *solver
	d              int
	ax             *axis
	t0, t1, st     int
	x0, x1         int
	last           bool
	ef             []efRow // the rows for backward, one line after another
	i0, i1, k0, k1 int     // the lines: (j, k) along ξ, (i, k) along η, (i, j) along ζ
	v              *scratch
}

func (cs *cellSolver) lines(d, c int) cellLines {
	s := cs.cells[c]
	a := s.a
	l := cellLines{s: s, d: d, ax: &s.ax[d], t0: a.Lo[d], t1: a.Hi[d], st: s.ax[d].stride, v: &cs.v}
	l.x0, l.x1 = a.Inner(d)
	l.last = l.t1 == a.N(d)
	if !l.last {
		l.ef = cs.ef[cs.m.Coord[c][d]]
	}
	w := cs.w
	cs.v.lhs, cs.v.lhsp, cs.v.lhsm = w.lhs[l.t0:], w.lhsp[l.t0:], w.lhsm[l.t0:]
	// The lines along d run over the interior of the other two axes.
	e0, e1 := (d+1)%3, (d+2)%3
	if e0 > e1 {
		e0, e1 = e1, e0
	}
	l.i0, l.i1 = a.Inner(e0)
	l.k0, l.k1 = a.Inner(e1)
	return l
}

// efLine is where line L keeps its rows for backward.
func (l *cellLines) efLine(L int) []efRow {
	m := l.t1 - l.t0
	return l.ef[L*m:][:m]
}

// Forward is txinvr (along ξ, after each line's RHS) and the forward
// elimination of cell c's lines along d; ending the lines, the
// back-substitution and ninvr or pinvr follow.
func (cs *cellSolver) Forward(d, c int, fin, fout, bout []float64) {
	l := cs.lines(d, c)
	s, a, w := l.s, l.s.a, cs.w
	cs.eachLine(&l, func(j, k, o int, r []cfd.Cell, L int) {
		if d == 0 {
			a.RHSLine(j, k)
			s.txinvr(a.P(l.x0, j, k), l.x1-l.x0)
		}
		s.setupLHS(w, l.ax, o, l.st, l.t0, l.t1)
		forward(l.v, r, fwdAt(fin, L), fwdAt(fout, L), false)
		if l.last {
			l.finish(r, bout, L)
		} else {
			efOf(l.efLine(L), l.v.lhs, l.v.lhsp, l.v.lhsm)
		}
	})
}

// Backward is the back-substitution of cell c's lines along d, which do
// not end in it, and ninvr or pinvr.
func (cs *cellSolver) Backward(d, c int, bin, bout []float64) {
	l := cs.lines(d, c)
	cs.eachLine(&l, func(_, _, _ int, r []cfd.Cell, L int) {
		setEF(l.v.lhs, l.v.lhsp, l.v.lhsm, l.efLine(L))
		backward(l.v, r, bwdAt(bin, L))
		l.finish(r, bout, L)
	})
}

// eachLine calls f on each of the lines l, in their order: f gets the
// line's place across d ((j, k) along ξ, (i, k) along η, (i, j) along ζ),
// the storage index o of its point 0, its share r of RHS (rows [t0, t1)),
// and its number L. η and ζ lines are gathered in runs of up to block
// neighbours along ξ, then scattered back; ξ lines are solved in place.
func (cs *cellSolver) eachLine(l *cellLines, f func(j, k, o int, r []cfd.Cell, L int)) {
	s, a, w := l.s, l.s.a, cs.w
	m := l.t1 - l.t0
	L := 0
	for k := l.k0; k < l.k1; k++ {
		if l.d == 0 {
			for j := l.i0; j < l.i1; j++ {
				o := a.P(0, j, k)
				f(j, k, o, a.RHS[o+l.t0:][:m], L)
				L++
			}
			continue
		}
		for i := l.i0; i < l.i1; i += block {
			nb := min(block, l.i1-i)
			o := a.P(i, k, 0)
			if l.d == 1 {
				o = a.P(i, 0, k)
			}
			s.gather(w, o+l.t0*l.st, l.st, 0, m, nb)
			for b := range nb {
				f(i+b, k, o+b, w.r[b*m:][:m], L)
				L++
			}
			s.scatter(w, o+l.t0*l.st, l.st, 0, m, nb)
		}
	}
}

// finish passes on the solution at the first two rows of line L's share
// r (if bout is set), then changes the variables of its interior points
// as the solve along the line's axis ends: ninvr (ξ), pinvr (η); after
// the ζ solve, tzetar comes with add (ZRow).
func (l *cellLines) finish(r []cfd.Cell, bout []float64, L int) {
	if b := bwdAt(bout, L); b != nil {
		*b = bwdCarry{r[0], r[1]}
	}
	in := r[l.x0-l.t0 : l.x1-l.t0]
	switch l.d {
	case 0:
		ninvr(in, l.s.a.Bt)
	case 1:
		pinvr(in, l.s.a.Bt)
	}
}

// ZRow is tzetar on cell c's ξ row (j, k).
func (cs *cellSolver) ZRow(c, j, k int) { cs.cells[c].tzetar(j, k) }
