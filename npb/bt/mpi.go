package bt

import (
	"unsafe"

	"npbgo/npb"
	"npbgo/npb/cfd"
)

// BT in NPB3.4-MPI's message-passing form (bt-mpi): the multi-partition of
// npb/cfd (cfd.Multi), with BT's block solver on each cell's share of the
// lines. x_solve.f and its kin sweep through a rank's cells in slab order,
// each cell eliminating its share of the lines from the last row's C' and
// rhs' that the previous cell passes on (30 values a line), then
// substitute back the other way (5 values a line: the solution at the
// cell's first row). The flux Jacobians are NPB3.4-MPI's (solver.mpi), so
// that its printed norms are the reference's.

// KernelMPI is BT-MPI for the kernel driver and the registry.
var KernelMPI = cfd.NewMultiKernel("bt-mpi", "BT", false, 25, count, newCellSolver)

func init() { npb.Register(KernelMPI) }

// RunMPI runs BT-MPI for cfg (KernelMPI.Run).
func RunMPI(cfg npb.Config) (*npb.Result, error) { return KernelMPI.Run(cfg) }

// cellSolver is BT's line solver on one rank's cells.
type cellSolver struct {
	m     *cfd.Multi
	cells []*solver // one per cell, NPB3.4-MPI's Jacobians
	w     *scratch
	// c holds the C' blocks of the lines of a cell that does not end them,
	// one line after another (m+2 blocks each, as in scratch), until the
	// back-substitution: one store for each slab but the last, c[s] for
	// the cell at coordinate s along the current axis (the reference keeps
	// lhsc for every cell).
	c [][]block
}

func newCellSolver(m *cfd.Multi) cfd.CellSolver {
	cs := &cellSolver{m: m}
	n, blocks := 0, 0
	for _, a := range m.Cells {
		cs.cells = append(cs.cells, newSolver(a, true))
		n = max(n, a.Nx, a.Ny, a.Nz)
		for d := range 3 {
			blocks = max(blocks, a.Lines(d)*(a.Hi[d]-a.Lo[d]+2))
		}
	}
	for range m.Q - 1 {
		cs.c = append(cs.c, make([]block, blocks))
	}
	cs.w = newScratch(n)
	return cs
}

const (
	fwdFloats = int(unsafe.Sizeof(btCarry{}) / 8)
	bwdFloats = 5
)

// Carry is 30 floats a line forward (btCarry), 5 backward.
func (cs *cellSolver) Carry() (fwd, bwd int) { return fwdFloats, bwdFloats }

// fwdAt and bwdAt view line L's part of a carry buffer (nil if the
// buffer is).
func fwdAt(b []float64, L int) *btCarry {
	if b == nil {
		return nil
	}
	return (*btCarry)(unsafe.Pointer(&b[L*fwdFloats : (L+1)*fwdFloats][0]))
}

func bwdAt(b []float64, L int) *[5]float64 {
	if b == nil {
		return nil
	}
	return (*[5]float64)(b[L*bwdFloats : (L+1)*bwdFloats])
}

// cellLines are cell c's lines along d: line (i, k) has its point t at
// o(i, k) + t*st, its rows [t0, t1) in the cell, of n along the axis.
type cellLines struct {
	s              *solver
	d              int
	ax             *axisCoef
	t0, t1, n, st  int
	i0, i1, k0, k1 int // the lines: (j, k) along ξ, (i, k) along η, (i, j) along ζ
	c              []block
}

func (cs *cellSolver) lines(d, c int) cellLines {
	s := cs.cells[c]
	l := cellLines{s: s, d: d, ax: &s.axes[d], t0: s.Lo[d], t1: s.Hi[d], n: s.N(d)}
	if l.t1 != l.n {
		l.c = cs.c[cs.m.Coord[c][d]]
	}
	l.st = [3]int{1, s.Ni, s.Plane}[d]
	e0, e1 := (d+1)%3, (d+2)%3
	if e0 > e1 {
		e0, e1 = e1, e0
	}
	l.i0, l.i1 = s.Inner(e0)
	l.k0, l.k1 = s.Inner(e1)
	return l
}

// o is the storage index of point 0 of line (i, k).
func (l *cellLines) o(i, k int) int {
	switch l.d {
	case 0:
		return l.s.P(0, i, k)
	case 1:
		return l.s.P(i, 0, k)
	}
	return l.s.P(i, k, 0)
}

// blocksOf is line L's C' blocks: scratch when the cell ends the line (it
// is solved at once), else the cell's store.
func (cs *cellSolver) blocksOf(l *cellLines, L int) []block {
	if l.t1 == l.n {
		return cs.w.c
	}
	m := l.t1 - l.t0 + 2
	return l.c[L*m:][:m]
}

// Forward forms the blocks of cell c's lines along d and eliminates them
// (along ξ, each line's RHS first); ending the lines, the
// back-substitution follows.
func (cs *cellSolver) Forward(d, c int, fin, fout, bout []float64) {
	l := cs.lines(d, c)
	s, w := l.s, cs.w
	L := 0
	for k := l.k0; k < l.k1; k++ {
		for i := l.i0; i < l.i1; i++ {
			if d == 0 {
				s.RHSLine(i, k)
			}
			o := l.o(i, k)
			cb := cs.blocksOf(&l, L)
			s.lineBlocks(w, cb, l.ax, o, l.st, l.t0, l.t1, l.n)
			s.forward(w, cb, o, l.st, l.t0, l.t1, l.n, fwdAt(fin, L), fwdAt(fout, L))
			if b := bwdAt(bout, L); b != nil {
				*b = s.RHS[o+l.t0*l.st]
			}
			L++
		}
	}
}

// Backward is the back-substitution of cell c's lines along d, which do
// not end in it.
func (cs *cellSolver) Backward(d, c int, bin, bout []float64) {
	l := cs.lines(d, c)
	s := l.s
	m := l.t1 - l.t0
	L := 0
	for k := l.k0; k < l.k1; k++ {
		for i := l.i0; i < l.i1; i++ {
			q0 := l.o(i, k) + l.t0*l.st
			s.backward(cs.blocksOf(&l, L), q0, l.st, m-1, bwdAt(bin, L))
			if b := bwdAt(bout, L); b != nil {
				*b = s.RHS[q0]
			}
			L++
		}
	}
}

// ZRow: nothing follows BT's ζ solve but add.
func (cs *cellSolver) ZRow(c, j, k int) {}
