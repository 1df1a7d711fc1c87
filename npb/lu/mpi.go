package lu

// LU in NPB3.4-MPI's message-passing form (lu-mpi).
//
// The ranks form a 2-D grid, xdim × ydim (proc_grid.f), over the (i, j)
// plane; each owns a block of the grid with all its k-planes
// (subdomain.f) and stores it with a two-deep halo on every side that has
// a neighbour (neighbors.f: north and south along i, west and east along
// j). The numerics are the shared-memory form's, run on the rank's box
// (grid.go's span); what is this file's own is the decomposition and the
// exchanges:
//
//   - the sweeps are pipelined across ranks one k-plane at a time
//     (exchange_1.f): before a plane of the lower sweep a rank receives
//     the plane's new rsd on the column north of its block and the row
//     west of it, solves its lines, and sends its last column south and
//     its last row east; the upper sweep runs the other way.
//   - rhs first fills u's halo (exchange_3.f), two columns north and
//     south, then two rows east and west. The rows carry the halo columns
//     too, so the corners are filled and every stored point has its rho_i
//     and qs.
//   - l2norm, error and pintgr sum over the rank's points and add the
//     ranks' sums (comm's Allreduce: in rank order). pintgr.f exchanges
//     the pressures on its faces' edges (exchange_4/5/6.f); here the u
//     halo of the last rhs already holds them.
//
// The fields are those of a serial run bit for bit, whatever the number of
// ranks; only the norms' sums, which add the ranks' partial sums, can
// differ in the last bit, as NPB3.4-MPI's do.

import (
	"fmt"
	"math"
	"strings"
	"unsafe"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is LU in NPB3.4-MPI's message-passing form.
var KernelMPI = npb.Kernel{Name: "lu-mpi", Ref: "LU", New: newLUMPI, MaxClass: npb.ClassF,
	Memory: mpiMemory, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// RunMPI does one run of LU-MPI (Kernel.Run).
func RunMPI(cfg npb.Config) (*npb.Result, error) { return KernelMPI.Run(cfg) }

// minBlock is subdomain.f's smallest block: 3 points along i and j.
const minBlock = 3

// isqrt2 is proc_grid.f's isqrt2: for n ranks, the x of a factorisation
// n = x·y with y ≤ x ≤ 2y, starting from the square root, or −1.
func isqrt2(n int) int {
	if n <= 0 {
		return -1
	}
	x, square := 1, 0
	for square <= n {
		square = x * x
		if square == n {
			return x
		}
		x++
	}
	x--
	y := n / x
	for x*y != n && 2*y >= x {
		x++
		y = n / x
	}
	if x*y != n || 2*y < x {
		return -1
	}
	return x
}

// procGrid is proc_grid.f: the xdim × ydim grid of n ranks (xdim along i),
// and subdomain.f's check that every block is at least minBlock points
// along i and j. NPB3.4 takes any n for which both succeed: 1, 2, 4, 6, 8,
// 9, 12, 16… (2-D grids with ydim ≤ xdim ≤ 2·ydim), not only powers of two.
func procGrid(n, nx, ny int) (xdim, ydim int, ok bool) {
	xdiv := isqrt2(n)
	if xdiv <= 0 {
		return 0, 0, false
	}
	xdim0, ydim0 := xdiv, n/xdiv
	ydim = int(math.Sqrt(float64(n)) + 0.001)
	xdim = n / ydim
	for ydim >= ydim0 && xdim*ydim != n {
		ydim--
		xdim = n / ydim
	}
	if xdim < xdim0 || ydim < ydim0 || xdim*ydim != n {
		return 0, 0, false
	}
	if nx/xdim < minBlock || ny/ydim < minBlock {
		return 0, 0, false
	}
	return xdim, ydim, true
}

// rankCountError says which rank counts LU runs class c's grid on.
func rankCountError(n int, p *params) error {
	var ok []string
	more := false
	for m := 1; m <= (p.nx/minBlock)*(p.ny/minBlock); m++ {
		if _, _, good := procGrid(m, p.nx, p.ny); good {
			if len(ok) == 12 {
				more = true
				break
			}
			ok = append(ok, fmt.Sprint(m))
		}
	}
	list := strings.Join(ok, ", ")
	if more {
		list += ", …"
	}
	return &comm.RankCountError{Kernel: "lu-mpi", Ranks: n, Want: fmt.Sprintf(
		"one of %s for the %d×%d plane of class %s (NPB's proc_grid: x×y ranks with y ≤ x ≤ 2y, blocks at least %d points wide)",
		list, p.nx, p.ny, p.class, minBlock)}
}

// mpiMemory is the bytes of the largest of n ranks at class c, rank 0
// (the first blocks are one point longer): its box, as newRank makes it,
// and its exchange buffers. A rank count the grid cannot be cut for is
// refused by the run itself; it is given the whole grid here.
func mpiMemory(c npb.Class, n int) int64 {
	p, err := classParams(c)
	if err != nil {
		return 0
	}
	xdim, ydim, ok := procGrid(max(n, 1), p.nx, p.ny)
	if !ok {
		return Memory(c, 1)
	}
	ia, ib := subdomain(p.nx, xdim, 0)
	ja, jb := subdomain(p.ny, ydim, 0)
	gr := newBox(p.nx, p.ny, p.nz, block(p.nx, ia, ib), block(p.ny, ja, jb))
	nh := int64(10 * max((gr.y.b-gr.y.a)*gr.nz, gr.nr*gr.nz))
	return boxMemory(gr, 1) + 8*(4*nh+4*5*int64(gr.y.end-gr.y.st))
}

// subdomain is subdomain.f along one axis: the own points [a, b) of block
// r of d blocks of an axis of n points, the first n mod d blocks one
// point longer.
func subdomain(n, d, r int) (a, b int) {
	q, mm := n/d, n%d
	if r < mm {
		return r * (q + 1), (r + 1) * (q + 1)
	}
	return r*q + mm, (r+1)*q + mm
}

// rank is one rank of LU-MPI: its box of the problem and its place in the
// process grid.
type rank struct {
	*problem
	ps    *scratch
	world comm.Comm
	me    int
	// neighbors.f: the ranks north (i−), south (i+), west (j−) and east
	// (j+), −1 where the block is at the grid's edge
	north, south, west, east int

	// exchange_1: a plane's column of rsd, received and sent, two of
	// each (a plane's message is in flight while the next one is made)
	colIn, colOut [2][]float64
	// the sweep's messages in flight: receives for the next plane, sends
	// of the last two planes (by plane parity)
	inCol, inRow   pending
	outCol, outRow [2]pending
	// exchange_3: u's two columns or rows to and from each side
	haloOut, haloIn [2][]float64
	sums            []float64 // partial sums on their way through Allreduce
}

// pending is a request in flight, or none.
type pending struct {
	r  comm.Request
	on bool
}

func newRank(p *params, world comm.Comm) (*rank, error) {
	rk := &rank{problem: &problem{}, world: world, me: world.Rank()}
	if !rk.place(p, world.Size()) {
		return nil, rankCountError(world.Size(), p)
	}
	rk.problem = newBoxProblem(*p, rk.grid, 1)
	rk.ps = rk.problem.ps[0]
	gr := &rk.grid
	nh := 10 * max((gr.y.b-gr.y.a)*gr.nz, gr.nr*gr.nz)
	for i := range 2 {
		rk.colIn[i] = make([]float64, 5*(gr.y.end-gr.y.st))
		rk.colOut[i] = make([]float64, 5*(gr.y.end-gr.y.st))
		rk.haloOut[i], rk.haloIn[i] = make([]float64, nh), make([]float64, nh)
	}
	rk.sums = make([]float64, 8)
	return rk, nil
}

// place is proc_grid, neighbors and subdomain for rank me of n: the
// rank's neighbours and its box, in rk.grid. It reports false for a rank
// count LU cannot run on.
func (rk *rank) place(p *params, n int) bool {
	xdim, ydim, ok := procGrid(n, p.nx, p.ny)
	if !ok {
		return false
	}
	me := rk.me
	row, col := me%xdim, me/xdim
	ia, ib := subdomain(p.nx, xdim, row)
	ja, jb := subdomain(p.ny, ydim, col)
	rk.grid = newBox(p.nx, p.ny, p.nz, block(p.nx, ia, ib), block(p.ny, ja, jb))
	rk.north, rk.south, rk.west, rk.east = -1, -1, -1, -1
	if row > 0 {
		rk.north = me - 1
	}
	if row < xdim-1 {
		rk.south = me + 1
	}
	if col > 0 {
		rk.west = me - xdim
	}
	if col < ydim-1 {
		rk.east = me + xdim
	}
	return true
}

// flat is a run of cells as the float64s a message carries.
func flat(c []cell) []float64 {
	if len(c) == 0 {
		return nil
	}
	return unsafe.Slice(&c[0][0], 5*len(c))
}

// setup is lu.f up to ssor's timer: setbv, setiv and erhs; one SSOR step
// to touch every page; setbv and setiv again; ssor's rhs and l2norm.
func (rk *rank) setup() {
	rk.initBox(true)
	rk.rhs()
	rk.rsdnm = rk.l2norm()
	rk.ssor(1)
	rk.initBox(false)
	rk.rhs()
	rk.rsdnm = rk.l2norm()
}

// initBox is setbv and setiv, and with erhs erhs, on the rank's box. No
// exchange is needed: erhs takes its halo from the exact solution.
func (rk *rank) initBox(erhs bool) {
	for k := range rk.nz {
		rk.setbv(k)
		rk.setiv(k)
	}
	if !erhs {
		return
	}
	for k := range rk.nz {
		rk.erhsPlane(rk.ps, k)
	}
	for j := rk.y.st; j < rk.y.end; j++ {
		rk.erhsZeta(rk.ps, j)
	}
}

// ssor is ssor.f's iteration loop, niter steps.
func (rk *rank) ssor(niter int) {
	x, y, nz := &rk.x, &rk.y, rk.nz
	for istep := 1; istep <= niter; istep++ {
		rk.postEdge(1, false)
		for k := 1; k <= nz-2; k++ {
			rk.waitEdge(k, false)
			if k < nz-2 {
				rk.postEdge(k+1, false)
			}
			for j := y.st; j < y.end; j++ {
				rk.bltsLine(j, k, x.st, x.end)
			}
			rk.sendEdge(k, false)
		}
		rk.waitSends()
		rk.postEdge(nz-2, true)
		for k := nz - 2; k >= 1; k-- {
			rk.waitEdge(k, true)
			if k > 1 {
				rk.postEdge(k-1, true)
			}
			for j := y.end - 1; j >= y.st; j-- {
				rk.butsLine(j, k, x.st, x.end)
			}
			rk.sendEdge(k, true)
		}
		rk.waitSends()

		// the update, with the l2norm of the correction when asked
		delu := istep%rk.inorm == 0
		var sum [5]float64
		var sp *[5]float64
		if delu {
			sp = &sum
		}
		for k := 1; k <= nz-2; k++ {
			for j := y.st; j < y.end; j++ {
				rk.addRow(k, j, sp)
			}
		}
		if delu {
			rk.delunm = rk.rms(rk.allreduce5(sum))
		}
		rk.rhs()
		if istep%rk.inorm == 0 || istep == rk.itmax {
			rk.rsdnm = rk.l2norm()
		}
		rk.steps = istep
		if rk.converged(&rk.rsdnm) {
			break
		}
	}
}

// rhs is rhs.f on the rank's box: u's halo, then the planes and the ζ
// part.
func (rk *rank) rhs() {
	rk.exchange3()
	for k := range rk.nz {
		rk.rhsPlane(rk.ps, k, false, nil)
	}
	for j := rk.y.st; j < rk.y.end; j++ {
		rk.rhsZeta(rk.ps, j)
	}
}

// l2norm is l2norm.f of rsd: the rank's sum in the reference's order, the
// ranks' sums added.
func (rk *rank) l2norm() [5]float64 {
	var s [5]float64
	for k := 1; k < rk.nz-1; k++ {
		rk.sumSquares(&s, rk.rsd, k)
	}
	return rk.rms(rk.allreduce5(s))
}

// allreduce5 adds five sums over the ranks.
func (rk *rank) allreduce5(s [5]float64) [5]float64 {
	b := rk.sums[:5]
	copy(b, s[:])
	rk.world.Allreduce(comm.Float64s(b), comm.Sum)
	return [5]float64(b)
}

// The sweeps' exchange (exchange_1.f), one plane at a time: the lower
// sweep receives a plane's new rsd on the column north of the block and
// the row west of it and sends the block's last column south and last row
// east; the upper sweep receives from south and east and sends north and
// west. The receives for the next plane are posted before a plane is
// solved and a plane's sends are waited for two planes later, so that the
// messages travel while the rank computes. Columns go through colIn and
// colOut, rows, contiguous, straight from and into rsd.

// edges are the ranks a sweep receives from (column, row) and sends to,
// and the halo column and row it receives and the own column and row it
// sends.
func (rk *rank) edges(upper bool) (fromCol, fromRow, toCol, toRow, inI, inJ, outI, outJ int) {
	x, y := &rk.x, &rk.y
	if upper {
		return rk.south, rk.east, rk.north, rk.west, x.b, y.b, x.a, y.a
	}
	return rk.north, rk.west, rk.south, rk.east, x.a - 1, y.a - 1, x.b - 1, y.b - 1
}

// rowOf is the solved points of row j of plane k as a message.
func (rk *rank) rowOf(j, k int) []float64 {
	return flat(rk.rsd[rk.at(rk.x.st, j, k):][:rk.x.end-rk.x.st])
}

// postEdge posts the receives of plane k's halo column and row.
func (rk *rank) postEdge(k int, upper bool) {
	fromCol, fromRow, _, _, _, inJ, _, _ := rk.edges(upper)
	if fromCol >= 0 {
		rk.inCol = pending{rk.world.Irecv(fromCol, comm.Float64s(rk.colIn[k%2])), true}
	}
	if fromRow >= 0 {
		rk.inRow = pending{rk.world.Irecv(fromRow, comm.Float64s(rk.rowOf(inJ, k))), true}
	}
}

// waitEdge completes plane k's receives and puts the column in rsd.
func (rk *rank) waitEdge(k int, upper bool) {
	_, _, _, _, inI, _, _, _ := rk.edges(upper)
	y := &rk.y
	if rk.inCol.on {
		c := rk.colIn[k%2]
		rk.wait(&rk.inCol, len(c))
		for j := y.st; j < y.end; j++ {
			copy(rk.rsd[rk.at(inI, j, k)][:], c[5*(j-y.st):][:5])
		}
	}
	if rk.inRow.on {
		rk.wait(&rk.inRow, 5*(rk.x.end-rk.x.st))
	}
}

// sendEdge sends plane k's own last (or, upper, first) column and row,
// once the sends of plane k±2, which used the same column buffer, are
// done.
func (rk *rank) sendEdge(k int, upper bool) {
	_, _, toCol, toRow, _, _, outI, outJ := rk.edges(upper)
	y := &rk.y
	b := k % 2
	if toCol >= 0 {
		rk.wait(&rk.outCol[b], 0)
		c := rk.colOut[b]
		for j := y.st; j < y.end; j++ {
			copy(c[5*(j-y.st):][:5], rk.rsd[rk.at(outI, j, k)][:])
		}
		rk.outCol[b] = pending{rk.world.Isend(toCol, comm.Float64s(c)), true}
	}
	if toRow >= 0 {
		rk.wait(&rk.outRow[b], 0)
		rk.outRow[b] = pending{rk.world.Isend(toRow, comm.Float64s(rk.rowOf(outJ, k))), true}
	}
}

// waitSends completes a sweep's last sends, before rsd changes again.
func (rk *rank) waitSends() {
	for b := range 2 {
		rk.wait(&rk.outCol[b], 0)
		rk.wait(&rk.outRow[b], 0)
	}
}

// wait completes p, if it is in flight, and checks that a receive got n
// values.
func (rk *rank) wait(p *pending, n int) {
	if !p.on {
		return
	}
	p.on = false
	if got := rk.world.Wait(p.r); got != n {
		panic(fmt.Sprintf("lu-mpi: rank %d received %d values, want %d", rk.me, got, n))
	}
}

// exchange3 is exchange_3.f on u: the block's two last columns go south
// and its two first north (every own row, every plane), then its two last
// rows east and first west, whole stored rows, so with the halo columns
// just received.
func (rk *rank) exchange3() {
	x, y := &rk.x, &rk.y
	rk.shift(rk.north, x.a, x.a-2, rk.south, x.b-2, x.b, 10*(y.b-y.a)*rk.nz, true)
	rk.shift(rk.west, y.a, y.a-2, rk.east, y.b-2, y.b, 10*rk.nr*rk.nz, false)
}

// shift exchanges u's columns (alongI) or rows with the ranks on both
// sides, n values each way: columns or rows lo, lo+1 go to rank lower and
// lower's come into loIn, loIn+1; hi, hi+1 go to rank upper and upper's
// come into hiIn, hiIn+1. A side without a rank (−1) is left out. All
// four messages are in flight at once.
func (rk *rank) shift(lower, lo, loIn, upper, hi, hiIn, n int, alongI bool) {
	var in, out [2]pending
	for s, peer := range [2]int{lower, upper} {
		if peer >= 0 {
			in[s] = pending{rk.world.Irecv(peer, comm.Float64s(rk.haloIn[s][:n])), true}
		}
	}
	for s, peer := range [2]int{lower, upper} {
		if peer >= 0 {
			b := rk.haloOut[s][:n]
			rk.pack(b, [2]int{lo, hi}[s], alongI, false)
			out[s] = pending{rk.world.Isend(peer, comm.Float64s(b)), true}
		}
	}
	for s := range 2 {
		if in[s].on {
			rk.wait(&in[s], n)
			rk.pack(rk.haloIn[s][:n], [2]int{loIn, hiIn}[s], alongI, true)
		}
		rk.wait(&out[s], 0)
	}
}

// pack copies u's columns p, p+1 at the own rows (alongI) or its stored
// rows p, p+1, plane by plane, into b, or out of b when put.
func (rk *rank) pack(b []float64, p int, alongI, put bool) {
	t := 0
	for k := range rk.nz {
		if alongI {
			for j := rk.y.a; j < rk.y.b; j++ {
				c := flat(rk.u[rk.at(p, j, k):][:2])
				if put {
					copy(c, b[t:t+10])
				} else {
					copy(b[t:t+10], c)
				}
				t += 10
			}
			continue
		}
		for j := p; j < p+2; j++ {
			o, m := rk.row(j, k)
			c := flat(rk.u[o:][:m])
			if put {
				copy(c, b[t:t+5*m])
			} else {
				copy(b[t:t+5*m], c)
			}
			t += 5 * m
		}
	}
}

// verifySums is error.f's and pintgr.f's sums, added over the ranks:
// errnm and frc on every rank.
func (rk *rank) verifySums() {
	e := rk.errorSum()
	f := rk.pintgrSums()
	b := rk.sums[:8]
	copy(b, e[:])
	copy(b[5:], f[:])
	rk.world.Allreduce(comm.Float64s(b), comm.Sum)
	rk.errnm = rk.rms([5]float64(b[:5]))
	rk.frc = rk.surface([3]float64(b[5:8]))
}

// mpiRun is one LU-MPI run for the kernel driver.
type mpiRun struct {
	prm   params
	g     *places.Group
	ranks []*rank

	timedBody, verifyBody func(*places.Place)
}

func newLUMPI(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	p, err := classParams(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return npb.Problem{Size: []int{p.nx, p.ny, p.nz}, Iterations: p.itmax,
		Traffic: Traffic(p.nx, p.ny, p.nz, p.itmax)}, &mpiRun{prm: p}, nil
}

// Setup builds every rank's box and runs lu.f up to ssor's timer. A rank
// count LU cannot use fails on every rank before any message.
func (r *mpiRun) Setup(g *places.Group, out npb.Printer) error {
	r.g = g
	r.ranks = make([]*rank, g.NP())
	r.timedBody = r.timed
	r.verifyBody = r.verify
	return ranks.Setup("lu-mpi", g, func(p *places.Place) error {
		rk, err := newRank(&r.prm, ranks.World(p))
		if err != nil {
			return err
		}
		r.ranks[p.ID()] = rk
		if n := rk.world.Size(); rk.me == 0 && !comm.PowerOfTwo(n) {
			xdim, ydim, _ := procGrid(n, rk.nx, rk.ny)
			out.Printf(" Proc_grid for nprocs = %5d: %4d x %4d\n\n", n, xdim, ydim)
		}
		rk.setup()
		return nil
	})
}

// Timed is ssor's timed loop between barriers (ssor.f starts its timer
// after one and takes the ranks' longest time).
func (r *mpiRun) Timed() { r.g.Run(r.timedBody) }

func (r *mpiRun) timed(p *places.Place) {
	rk := r.ranks[p.ID()]
	rk.world.Barrier()
	rk.ssor(rk.itmax)
	rk.world.Barrier()
}

func (r *mpiRun) verify(p *places.Place) { r.ranks[p.ID()].verifySums() }

// Mops is lu.f's operation rate.
func (r *mpiRun) Mops(t float64) float64 { return mops(r.prm.nx, r.prm.ny, r.prm.nz, r.prm.itmax, t) }

// Verify prints ssor's time-step lines and verify.f's comparisons, from
// rank 0's values (the same on every rank).
func (r *mpiRun) Verify(out npb.Printer) []npb.Check {
	r.g.Run(r.verifyBody)
	rk := r.ranks[0]
	rk.printSteps(out)
	return verify(out, &r.prm, rk.rsdnm, rk.errnm, rk.frc)
}
