package cfd

import (
	"fmt"
	"math"

	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// The multi-partition of NPB3.4-MPI's SP and BT (setup_mpi.f, make_set.f,
// copy_faces.f, and the pipelines of x_solve.f, y_solve.f, z_solve.f).
//
// The grid is cut into q×q×q cells; each of q² active ranks owns q of
// them, placed diagonally: cell c of rank r = i + q·j is in z-layer c, at
// ((i+c) mod q, (j−c) mod q, c). Every rank then owns exactly one cell in
// every x, y and z slab of cells, so a line solve along any axis keeps
// every rank busy: the solve sweeps through the slabs in order, each rank
// eliminating the lines of its cell in the current slab and passing the
// state of their last rows to the rank that owns the next cell of the same
// lines (its successor along that axis), then substitutes back the other
// way. Ranks beyond the largest square idle in a communicator of their own,
// as setup_mpi.f makes them.
//
// Each cell is an ADI of its own (NewCell: the box of its points with
// CellHalo ghost layers), so compute_rhs, add, the norms and the kernels'
// line solvers run on it as on the whole grid. copy_faces fills the halo
// of U; the rest of the halo is the solvers'.

// CellSpan is the points [lo, hi) of the cells at coordinate c of q along
// an axis of n points: make_set.f's cell_low and cell_high, the first
// n mod q cells one point longer, which is places.Block's split.
func CellSpan(n, q, c int) (lo, hi int) { return places.Block(0, n, c, q) }

// MinCell is the fewest points a cell may have along an axis (make_set.f:
// the line solves pass two rows from cell to cell).
const MinCell = 3

// ActiveRanks is the number of ranks of n that SP and BT run on: the
// largest square not above n (setup_mpi.f).
func ActiveRanks(n int) int {
	q := CellsPerAxis(n)
	return q * q
}

// CellsPerAxis is q, the square root of ActiveRanks(n) (setup_mpi.f
// computes it as dint(dsqrt(n + 0.00001))).
func CellsPerAxis(n int) int {
	q := int(math.Sqrt(float64(n)))
	for q*q > n {
		q--
	}
	for (q+1)*(q+1) <= n {
		q++
	}
	return q
}

// CheckRanks returns the error of a kernel that cannot cut an nx×ny×nz
// grid for n ranks: cells thinner than MinCell points (bad input, found
// by every rank before any message).
func CheckRanks(kernel string, n, nx, ny, nz int) error {
	q := CellsPerAxis(n)
	if q < 1 {
		return &comm.RankCountError{Kernel: kernel, Ranks: n, Want: "at least 1"}
	}
	if m := min(nx, ny, nz); m/q < MinCell {
		qmax := m / MinCell
		return &comm.RankCountError{Kernel: kernel, Ranks: n,
			Want: fmt.Sprintf("below %d for a %dx%dx%d grid (cells of at least %d points: at most %d active)",
				(qmax+1)*(qmax+1), nx, ny, nz, MinCell, qmax*qmax)}
	}
	return nil
}

// CellSolver is a kernel's line solver on the cells of the
// multi-partition: its x_solve, y_solve and z_solve for one cell along
// axis d (0 ξ, 1 η, 2 ζ), with whatever point-wise work the kernel fuses
// into them (along ξ it first computes each line's RHS with RHSLine, as
// the shared-memory form's Solver.X follows it). Cells are named by their
// index in Multi.Cells. The lines of a cell along d are its interior
// lines, in an order of the kernel's choosing that is the same for every
// cell with the same extents across d; its carries are Carry() floats per
// line, in that order.
type CellSolver interface {
	// Carry is the floats per line passed forward (the elimination's
	// state after a cell's last rows) and backward (the solution at a
	// cell's first rows).
	Carry() (fwd, bwd int)
	// Forward eliminates the lines of cell c along d, from fin, the
	// previous cell's carry (nil when c starts the lines), into fout (nil
	// when c ends them). When c ends the lines, it also substitutes back
	// along them (no carry comes back from beyond the last cell), into
	// bout (nil when c also starts them), and finishes them.
	Forward(d, c int, fin, fout, bout []float64)
	// Backward substitutes back along the lines of cell c, which does not
	// end them, from bin, the next cell's carry, into bout (nil when c
	// starts them), and finishes them.
	Backward(d, c int, bin, bout []float64)
	// ZRow is the point-wise work that follows the ζ solve on the interior
	// of cell c's ξ row (j, k), before add (SP's tzetar; nothing for BT).
	ZRow(c, j, k int)
}

// Multi is one rank's share of the multi-partition: its cells, its
// neighbours, and the buffers of its messages.
type Multi struct {
	World comm.Comm // all ranks
	// Comm is the active ranks (setup_mpi.f's comm_setup), nil on an idle
	// rank; Active says whether this rank is one of them.
	Comm   comm.Comm
	Active bool
	Q      int      // cells per axis
	Cells  []*ADI   // cell c is in z-layer c
	Coord  [][3]int // the cells' coordinates
	// Slice[d][s] is the index of this rank's cell at coordinate s along d.
	Slice      [3][]int
	pred, succ [3]int // the ranks owning the cells before and after this rank's, along each axis

	faceOut, faceIn  []float64    // copy_faces' six messages each way
	lines            int          // the most lines of a cell along an axis
	fin, fout        [2][]float64 // forward carries of the line solves, by stage parity
	bin, bout        [2][]float64 // backward carries
	sent             int64        // bytes sent
	sendFwd, sendBwd int          // per-line carries of the solver
}

// NewMulti sets up this rank's part of the multi-partition of an
// nx×ny×nz problem with time step dt on world (setup_mpi.f, make_set.f):
// collective over world. speed says whether the cells keep SP's Speed.
// A rank count the grid cannot be cut for is an error on every rank,
// before any message.
func NewMulti(kernel string, world comm.Comm, nx, ny, nz int, dt float64, speed bool) (*Multi, error) {
	n, me := world.Size(), world.Rank()
	if err := CheckRanks(kernel, n, nx, ny, nz); err != nil {
		return nil, err
	}
	q := CellsPerAxis(n)
	m := &Multi{World: world, Q: q, Active: me < q*q}
	color := 1
	if m.Active {
		color = 0
	}
	sub := world.Split(color, me)
	if !m.Active {
		return m, nil
	}
	m.Comm = sub
	i, j := me%q, me/q
	m.pred = [3]int{(i-1+q)%q + q*j, i + q*((j-1+q)%q), (i+1)%q + q*((j-1+q)%q)}
	m.succ = [3]int{(i+1)%q + q*j, i + q*((j+1)%q), (i-1+q)%q + q*((j+1)%q)}
	for d := range 3 {
		m.Slice[d] = make([]int, q)
	}
	var faces, lines int
	for c := range q {
		x := [3]int{(i + c) % q, ((j-c)%q + q) % q, c}
		var lo, hi [3]int
		for d, nd := range [3]int{nx, ny, nz} {
			lo[d], hi[d] = CellSpan(nd, q, x[d])
			m.Slice[d][x[d]] = c
		}
		a := NewCell(nx, ny, nz, dt, speed, lo, hi)
		m.Cells = append(m.Cells, a)
		m.Coord = append(m.Coord, x)
		for d := range 3 {
			faces = max(faces, 2*a.faceSize(d))
			lines = max(lines, a.Lines(d))
		}
	}
	// A face message holds one face of each cell but the one on the
	// grid's boundary; there are six of them each way.
	m.faceOut = make([]float64, 6*5*(q-1)*faces)
	m.faceIn = make([]float64, 6*5*(q-1)*faces)
	m.lines = lines
	return m, nil
}

// Lines is the number of interior lines of the box along axis d.
func (a *ADI) Lines(d int) int {
	n := 1
	for e := range 3 {
		if e != d {
			lo, hi := a.Inner(e)
			n *= hi - lo
		}
	}
	return n
}

// faceSize is the points of one layer of the box across axis d.
func (a *ADI) faceSize(d int) int {
	n := 1
	for e := range 3 {
		if e != d {
			n *= a.Hi[e] - a.Lo[e]
		}
	}
	return n
}

// SetSolver sizes the carry buffers for solver s.
func (m *Multi) SetSolver(s CellSolver) {
	m.sendFwd, m.sendBwd = s.Carry()
	for i := range 2 {
		m.fin[i], m.fout[i] = make([]float64, m.lines*m.sendFwd), make([]float64, m.lines*m.sendFwd)
		m.bin[i], m.bout[i] = make([]float64, m.lines*m.sendBwd), make([]float64, m.lines*m.sendBwd)
	}
}

// Sent is the bytes this rank has sent so far.
func (m *Multi) Sent() int64 { return m.sent }

// isend is Comm.Isend of float64s, counted; irecv is Comm.Irecv.
func (m *Multi) isend(to int, b []float64) comm.Request {
	m.sent += 8 * int64(len(b))
	return m.Comm.Isend(to, comm.Float64s(b))
}

func (m *Multi) irecv(from int, b []float64) comm.Request {
	return m.Comm.Irecv(from, comm.Float64s(b))
}

// faceRows copies between U at cell a's layers [t0, t1) across axis d
// (its own extent along the other two axes) and buf, row by row in a fixed
// order, the same on the cell that sends them and on the one whose halo
// they fill: into buf if pack, else out of it. It returns the floats
// copied.
func (a *ADI) faceRows(d, t0, t1 int, buf []float64, pack bool) int {
	lo, hi := a.Lo, a.Hi
	lo[d], hi[d] = t0, t1
	p := 0
	for k := lo[2]; k < hi[2]; k++ {
		for j := lo[1]; j < hi[1]; j++ {
			row := Flat(a.U[a.P(lo[0], j, k):][:hi[0]-lo[0]])
			if pack {
				copy(buf[p:], row)
			} else {
				copy(row, buf[p:])
			}
			p += len(row)
		}
	}
	return p
}

// CopyFaces fills the halo of U of this rank's cells from the neighbouring
// cells (copy_faces.f): for each axis, the two layers at the high end of
// every cell that has a neighbour there go to the successor along the
// axis, the two at the low end to the predecessor. Cell c's neighbour
// along ξ or η is the other rank's cell c, along ζ its cell c±1, so both
// sides take their cells in index order. As in copy_faces.f, the six
// receives are posted first, then the six sends, and all are waited for.
func (m *Multi) CopyFaces() {
	if m.Q == 1 {
		return
	}
	var reqs [12]comm.Request
	var at [6][2]int // each incoming message's place in faceIn
	// faces lists the cells with a neighbour on side up of axis d, that
	// is, the cells whose faces go that way, or (!out) take its message.
	has := func(c, d int, up, out bool) bool {
		x := m.Coord[c][d]
		if up == out {
			return x < m.Q-1
		}
		return x > 0
	}
	p := 0
	for k := range 6 {
		d, up := k/2, k%2 == 0
		from := m.pred[d]
		if !up {
			from = m.succ[d]
		}
		n := 0
		for c, a := range m.Cells {
			if has(c, d, up, false) {
				n += 5 * 2 * a.faceSize(d)
			}
		}
		at[k] = [2]int{p, p + n}
		reqs[k] = m.irecv(from, m.faceIn[p:p+n])
		p += n
	}
	p = 0
	for k := range 6 {
		d, up := k/2, k%2 == 0
		to := m.succ[d]
		if !up {
			to = m.pred[d]
		}
		p0 := p
		for c, a := range m.Cells {
			if !has(c, d, up, true) {
				continue
			}
			t0 := a.Lo[d]
			if up {
				t0 = a.Hi[d] - 2
			}
			p += a.faceRows(d, t0, t0+2, m.faceOut[p:], true)
		}
		reqs[6+k] = m.isend(to, m.faceOut[p0:p])
	}
	for _, r := range reqs {
		m.Comm.Wait(r)
	}
	for k := range 6 {
		d, up := k/2, k%2 == 0
		p := at[k][0]
		for c, a := range m.Cells {
			if !has(c, d, up, false) {
				continue
			}
			t0 := a.Lo[d] - 2
			if !up {
				t0 = a.Hi[d]
			}
			p += a.faceRows(d, t0, t0+2, m.faceIn[p:], false)
		}
	}
}

// Sweep is the line solve along axis d (x_solve.f, y_solve.f, z_solve.f):
// the forward elimination through this rank's cells in slab order, each
// cell's carry going to the successor along d while the predecessor's
// comes in for the next cell, then the back-substitution the other way.
// The last cell substitutes back right after its elimination (Forward),
// without a carry. Collective over the active ranks.
//
// Each receive is posted a stage ahead, each send waited for a stage
// later (the buffers alternate by stage parity): a rank goes on as soon as
// its predecessor's carry is in, whether or not its successor has taken
// the last one yet.
func (m *Multi) Sweep(d int, s CellSolver) {
	q := m.Q
	fw, bw := m.sendFwd, m.sendBwd
	lines := func(st int) int { return m.Cells[m.Slice[d][st]].Lines(d) }
	var recv, send comm.Request
	sending := false
	if q > 1 {
		recv = m.irecv(m.pred[d], m.fin[1][:lines(1)*fw])
	}
	for st := range q {
		var fin, fout, bout []float64
		if st > 0 {
			m.Comm.Wait(recv)
			fin = m.fin[st%2][:lines(st)*fw]
			if st < q-1 {
				recv = m.irecv(m.pred[d], m.fin[(st+1)%2][:lines(st+1)*fw])
			} else {
				recv = m.irecv(m.succ[d], m.bin[(st-1)%2][:lines(st-1)*bw])
			}
		}
		if st < q-1 {
			fout = m.fout[st%2][:lines(st)*fw]
		} else if st > 0 {
			bout = m.bout[st%2][:lines(st)*bw]
		}
		s.Forward(d, m.Slice[d][st], fin, fout, bout)
		if out := fout; out != nil || bout != nil {
			if bout != nil {
				out = bout
			}
			if sending {
				m.Comm.Wait(send)
			}
			to := m.succ[d]
			if bout != nil {
				to = m.pred[d]
			}
			send, sending = m.isend(to, out), true
		}
	}
	for st := q - 2; st >= 0; st-- {
		m.Comm.Wait(recv)
		bin := m.bin[st%2][:lines(st)*bw]
		var bout []float64
		if st > 0 {
			recv = m.irecv(m.succ[d], m.bin[(st-1)%2][:lines(st-1)*bw])
			bout = m.bout[st%2][:lines(st)*bw]
		}
		s.Backward(d, m.Slice[d][st], bin, bout)
		if bout != nil {
			m.Comm.Wait(send)
			send = m.isend(m.pred[d], bout)
		}
	}
	if sending {
		m.Comm.Wait(send)
	}
}

// Step is one ADI time step on this rank's cells (adi.f): copy_faces,
// compute_rhs's point values, the three line solves (the ξ solve computes
// the RHS of its lines first), then row by row what follows the ζ solve
// (CellSolver.ZRow) and add. Collective over the active ranks.
func (m *Multi) Step(s CellSolver) {
	m.CopyFaces()
	for _, c := range m.Cells {
		c.VarsBox()
	}
	for d := range 3 {
		m.Sweep(d, s)
	}
	for ci, c := range m.Cells {
		j0, j1 := c.Inner(1)
		k0, k1 := c.Inner(2)
		for k := k0; k < k1; k++ {
			for j := j0; j < j1; j++ {
				s.ZRow(ci, j, k)
				c.addRow(j, k)
			}
		}
	}
}

// ComputeRHSBox is compute_rhs on a box (one place): VarsBox, then
// RHSLine on every interior line.
func (a *ADI) ComputeRHSBox() {
	a.VarsBox()
	j0, j1 := a.Inner(1)
	k0, k1 := a.Inner(2)
	for k := k0; k < k1; k++ {
		for j := j0; j < j1; j++ {
			a.RHSLine(j, k)
		}
	}
}

// Norms are verify.f's norms on the active ranks: xce = error_norm of U,
// then after copy_faces and compute_rhs xcr = rhs_norm / dt, each summed
// over this rank's cells in order and then over the ranks (error.f).
// Collective over the active ranks; every one gets the same values.
func (m *Multi) Norms() (xcr, xce [5]float64) {
	var s [5]float64
	for _, c := range m.Cells {
		c.ErrorSums(&s)
	}
	m.Comm.Allreduce(comm.Float64s(s[:]), comm.Sum)
	a := m.Cells[0]
	xce = a.NormScale(s)
	m.CopyFaces()
	s = [5]float64{}
	for _, c := range m.Cells {
		c.ComputeRHSBox()
		c.RHSSums(&s)
	}
	m.Comm.Allreduce(comm.Float64s(s[:]), comm.Sum)
	xcr = a.NormScale(s)
	for i := range xcr {
		xcr[i] = xcr[i] / a.Dt
	}
	return xcr, xce
}

// StepBytes is what rank me of n sends in one time step of an nx×ny×nz
// problem (copy_faces and the three line solves, whose carries are fwd and
// bwd floats a line): what Multi.Sent grows by in a step. An idle rank
// sends nothing.
func StepBytes(nx, ny, nz, n, me, fwd, bwd int) int64 {
	q := CellsPerAxis(n)
	if me >= q*q || q == 1 {
		return 0
	}
	i, j := me%q, me/q
	var floats int64
	for c := range q {
		x := [3]int{(i + c) % q, ((j-c)%q + q) % q, c}
		var lo, hi [3]int
		for d, nd := range [3]int{nx, ny, nz} {
			lo[d], hi[d] = CellSpan(nd, q, x[d])
		}
		g := NewBox(nx, ny, nz, lo, hi, 0)
		a := &ADI{Grid: g}
		for d := range 3 {
			face := int64(2 * 5 * a.faceSize(d))
			if x[d] > 0 { // a face to the predecessor, the solution back
				floats += face + int64(a.Lines(d)*bwd)
			}
			if x[d] < q-1 { // a face to the successor, the elimination on
				floats += face + int64(a.Lines(d)*fwd)
			}
		}
	}
	return 8 * floats
}
