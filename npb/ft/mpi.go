package ft

// FT in its message-passing form (ft-mpi), following NPB3.4-MPI FT/ft.f.
// The np ranks form an np1 × np2 process grid, chosen as setup does: one
// rank holds the whole grid (the 0-D layout); up to nz ranks split the
// z-planes into slabs (1-D: np1 = 1, np2 = np); beyond, each rank holds a
// pencil of x-lines (2-D: np1 = nz, np2 = np/nz). The forward FFT runs
// the x transform on the ranks' xyz blocks (layout 1), moves the data so
// that every rank holds whole y-lines (layout 2; in the 1-D layout
// layout 1 has them already), runs the y transform, moves it again so
// that every rank holds whole z-lines (layout 3) and runs the z transform;
// the inverse FFT goes back the same way. The moves are ft.f's transposes:
// an all-to-all among the ranks that share a z-range (transpose_x_y, on
// commslice2) or an x-range (transpose_x_z and transpose_xy_z, on
// commslice1). After every inverse FFT each rank adds up the checksum
// points it holds, scaled by 1/N, and the ranks' sums are reduced.
//
// The numerics are the shared-memory form's (box.go) on the rank's boxes:
// where ft.f transposes every layout so that the transformed dimension
// comes first, here each layout keeps x-lines contiguous and the y and z
// transforms take their blocks in place at a stride, as the shared-memory
// form does. A transpose is then a copy of row pieces into the all-to-all
// buffer before it and out of it after (ft.f's transpose*_local and
// *_finish), and one of the two copies disappears: the z transform
// receives its input straight from the all-to-all and writes its output
// straight into the next one. The copies are fused with the passes next
// to them, plane by plane, as the shared-memory form fuses its x and y
// passes. Every point's arithmetic is the same for every rank count, so
// the field is bitwise the same; the checksum is added up per rank, in
// the reference's order, and then over the ranks in rank order, so it
// matches NPB3.4-MPI's at the same rank count (to the last bit unless
// MPI_Reduce adds the ranks in another order) and differs from other rank
// counts' in the last bits only.

import (
	"fmt"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is FT-MPI for the kernel driver and the registry.
var KernelMPI = npb.Kernel{Name: "ft-mpi", Ref: "FT", New: newMPIRun, MaxClass: npb.ClassF,
	Memory: mpiMemory, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// RunMPI runs FT-MPI for cfg (KernelMPI.Run).
func RunMPI(cfg npb.Config) (*npb.Result, error) { return KernelMPI.Run(cfg) }

// mpiMemory estimates the peak bytes of one of np ranks at class c: three
// complex arrays of the rank's share of the grid (u0, u1 and the
// all-to-all buffer; the 2-D layout, beyond nz ranks, has a fourth), one
// array on one rank, and its scratch.
func mpiMemory(c npb.Class, np int) int64 {
	p, err := paramsFor(c)
	if err != nil {
		return 0
	}
	np = max(np, 1)
	arrays := int64(3)
	switch {
	case np == 1:
		arrays = 2
	case np > p.nz:
		arrays = 4
	}
	return arrays*16*int64(p.ntotal())/int64(np) + ftScratch
}

// procGrid is the np1 × np2 process grid: rank me is at (me / np2,
// me mod np2), ft.f's (me1, me2).
type procGrid struct{ np1, np2 int }

// chooseGrid is setup's choice of process grid for np ranks (without an
// inputft.data): 1 × 1, 1 × np while np ≤ nz, then nz × np/nz. NPB runs
// any count but verifies only a power of two, and its layouts hold a
// point per rank only up to nz² ranks; other counts are refused.
func chooseGrid(par params, np int) (procGrid, error) {
	if !comm.PowerOfTwo(np) {
		return procGrid{}, &comm.RankCountError{Kernel: "ft-mpi", Ranks: np, Want: "a power of two"}
	}
	if np > par.nz*par.nz {
		return procGrid{}, &comm.RankCountError{Kernel: "ft-mpi", Ranks: np, Want: fmt.Sprintf("at most %d for class %s", par.nz*par.nz, par.class)}
	}
	switch {
	case np == 1:
		return procGrid{1, 1}, nil
	case np <= par.nz:
		return procGrid{1, np}, nil
	}
	return procGrid{par.nz, np / par.nz}, nil
}

// check reports whether the grid fits the problem: every layout's extents
// divide evenly and a 2-D grid has np2 > 1 (ft.f does not treat nx × 1
// specially; this form needs its layout 3 to differ from layout 2).
func (g procGrid) check(par params) error {
	div := func(n, d int) bool { return d > 0 && n%d == 0 && n >= d }
	if !div(par.nx, g.np1) || !div(par.ny, g.np1) || !div(par.nz, g.np2) || !div(par.ny, g.np2) || (g.np1 > 1 && g.np2 == 1) {
		return fmt.Errorf("ft-mpi: a %d × %d process grid does not fit class %s (%d × %d × %d)", g.np1, g.np2, par.class, par.nx, par.ny, par.nz)
	}
	return nil
}

// layoutName is ft.f's layout type.
func (g procGrid) layoutName() string {
	switch {
	case g.np1 == 1 && g.np2 == 1:
		return "0D"
	case g.np1 == 1:
		return "1D"
	}
	return "2D"
}

// side is how a box's plane is cut into the pieces of an exchange: piece
// q of plane k is rows of rowLen points starting at k*ld2 + q*step +
// j*ld1.
type side struct{ ld1, ld2, step int }

// exchange is one of ft.f's transposes: an all-to-all on c in which each
// plane k of a box is cut into c.Size() pieces of rows × rowLen points,
// piece q going to rank q; in the all-to-all buffers piece q of plane k
// is at q*chunk + k*cplane, row after row.
type exchange struct {
	c                    comm.Comm
	n, rows, rowLen      int
	chunk, cplane, total int
}

func newExchange(c comm.Comm, rows, rowLen, planes, cplane int) exchange {
	n := c.Size()
	return exchange{c: c, n: n, rows: rows, rowLen: rowLen, chunk: planes * cplane, cplane: cplane, total: n * planes * cplane}
}

// pack copies the pieces of plane k of x, a box's array cut as s, into
// the send buffer buf.
func (e *exchange) pack(buf, x []complex128, s side, k int) {
	for q := range e.n {
		for j := range e.rows {
			o, d := k*s.ld2+q*s.step+j*s.ld1, q*e.chunk+k*e.cplane+j*e.rowLen
			copy(buf[d:d+e.rowLen], x[o:o+e.rowLen])
		}
	}
}

// unpack copies the pieces of plane k from the receive buffer buf into x,
// a box's array cut as s.
func (e *exchange) unpack(x, buf []complex128, s side, k int) {
	for q := range e.n {
		for j := range e.rows {
			o, d := k*s.ld2+q*s.step+j*s.ld1, q*e.chunk+k*e.cplane+j*e.rowLen
			copy(x[o:o+e.rowLen], buf[d:d+e.rowLen])
		}
	}
}

// alltoall is the exchange's MPI_Alltoall (transpose*_global).
func (e *exchange) alltoall(send, recv []complex128) {
	e.c.Alltoall(comm.Float64s(floats(send[:e.total])), comm.Float64s(floats(recv[:e.total])))
}

// rank is the state of one rank of FT-MPI.
type rank struct {
	*tables
	grid       procGrid
	world      comm.Comm
	b1, b2, b3 box // layouts 1 (xyz), 2 (whole y-lines) and 3 (whole z-lines)
	// The transposes between layouts 1 and 2 (2-D only) and between 2 and
	// 3, and how they cut the planes of layout 1 (xy1), 2 (xy2, xz2).
	xy, xz         exchange
	xy1, xy2, xz2  side
	u0, u1, w, buf []complex128 // see fftForward and fftInverse
	scr            scratch
	pts            points // the checksum points of layout 1
	sums           []complex128
	// The checksum reduced over the ranks, in a slice of its own: the MPI
	// binding may only pass memory without Go pointers.
	two []float64
}

// newRank lays out the rank's boxes for grid g, with the scratch budget
// and padding of the host's caches (chooseLayout).
func newRank(par params, g procGrid, world comm.Comm, budget, pad int) *rank {
	me := world.Rank()
	me1, me2 := me/g.np2, me%g.np2
	nx, ny, nz := par.nx, par.ny, par.nz
	lx, ly1, lz1, ly3 := nx/g.np1, ny/g.np1, nz/g.np2, ny/g.np2
	rk := &rank{tables: newTables(par), grid: g, world: world}
	t := rk.tables
	rk.b1 = box{tables: t, lx: nx, ly: ly1, lz: lz1, y0: me1 * ly1, z0: me2 * lz1,
		layout: boxLayout(nx, ly1, lz1, budget, pad, pad)}
	rk.b2, rk.b3 = rk.b1, rk.b1
	if g.np1 > 1 {
		// Rows of a few points need no padding: a block of them is one
		// run of memory.
		rowPad := pad
		if lx <= pad {
			rowPad = 0
		}
		rk.b2 = box{tables: t, lx: lx, ly: ny, lz: lz1, x0: me1 * lx, z0: me2 * lz1,
			layout: boxLayout(lx, ny, lz1, budget, rowPad, pad)}
	}
	if g.np2 > 1 {
		// Layout 3 is the all-to-all buffer of the xz transpose, its
		// planes the pieces: only the z transform runs on it, so its
		// rows need no padding, but its planes do.
		rk.b3 = box{tables: t, lx: lx, ly: ly3, lz: nz, x0: me1 * lx, y0: me2 * ly3,
			layout: boxLayout(lx, ly3, nz, budget, 0, pad)}
	}
	b1, b2, b3 := &rk.b1, &rk.b2, &rk.b3
	n1, n3 := b1.size(), b3.size()
	rk.u0 = make([]complex128, n3)
	switch {
	case g.np1 > 1:
		rk.xy = newExchange(world.Split(me2, me1), ly1, lx, lz1, ly1*lx)
		rk.xz = newExchange(world.Split(me1, me2), ly3, lx, lz1, b3.ld2)
		rk.xy1 = side{b1.ld1, b1.ld2, lx}
		rk.xy2 = side{b2.ld1, b2.ld2, ly1 * b2.ld1}
		rk.xz2 = side{b2.ld1, b2.ld2, ly3 * b2.ld1}
		rk.u1 = make([]complex128, max(n1, n3, rk.xy.total))
		rk.w = make([]complex128, max(b2.size(), rk.xy.total))
		rk.buf = make([]complex128, max(rk.xy.total, rk.xz.total))
	case g.np2 > 1:
		rk.xz = newExchange(world, ly3, lx, lz1, b3.ld2)
		rk.xz2 = side{b1.ld1, b1.ld2, ly3 * b1.ld1}
		rk.u1 = make([]complex128, max(n1, n3))
		rk.buf = make([]complex128, rk.xz.total)
	default:
		rk.u1 = make([]complex128, n1)
	}
	rk.scr = newScratch(max(b1.lx*b1.fb1, b2.ly*b2.fb2, b3.lz*b3.fb3), nx)
	rk.pts = newPoints(b1)
	rk.sums = make([]complex128, par.niter)
	rk.two = make([]float64, 2)
	return rk
}

// setup is compute_indexmap, compute_initial_conditions, fft_init and the
// forward fft(1, u1, u0) on this rank.
func (rk *rank) setup() {
	rk.fftInit()
	rk.indexSquares()
	rk.expFactors(0, len(rk.expTab))
	rk.fftForward()
}

// fftForward is fft(1, u1, u0): the initial conditions generated into the
// x transform of layout 1 in u1, then in the 1-D layout the y transform
// in place and the pieces of the xz transpose packed into buf, received
// into u0 (layout 3). In the 2-D layout the x transform's planes are
// packed into w for the xy transpose, received into buf, unpacked into w
// (layout 2) for the y transform, packed into u1 for the xz transpose and
// received into u0. The z transform then runs on u0 in place (from u1
// when one rank holds everything).
func (rk *rank) fftForward() {
	b1, b2, b3, s := &rk.b1, &rk.b2, &rk.b3, &rk.scr
	g := rk.grid
	for k := range b1.lz {
		b1.cffts1(1, rk.u1, k, s, true)
		if g.np1 > 1 {
			rk.xy.pack(rk.w, rk.u1, rk.xy1, k)
			continue
		}
		b1.cffts2(1, rk.u1, k, s)
		if g.np2 > 1 {
			rk.xz.pack(rk.buf, rk.u1, rk.xz2, k)
		}
	}
	src := rk.u0
	switch {
	case g.np1 > 1:
		rk.xy.alltoall(rk.w, rk.buf)
		for k := range b2.lz {
			rk.xy.unpack(rk.w, rk.buf, rk.xy2, k)
			b2.cffts2(1, rk.w, k, s)
			rk.xz.pack(rk.u1, rk.w, rk.xz2, k)
		}
		rk.xz.alltoall(rk.u1, rk.u0)
	case g.np2 > 1:
		rk.xz.alltoall(rk.buf, rk.u0)
	default:
		src = rk.u1
	}
	for u := range b3.columns() {
		b3.cffts3(1, src, rk.u0, u, s, false)
	}
}

// fftInverse is evolve and fft(-1, u1, u2), with the checksum points
// recorded from the last pass: evolve and the z transform from u0 into u1
// (layout 3, the send buffer of the xz transpose), received into buf and
// unpacked into u1 (layout 1) for the y and x transforms; in the 2-D
// layout unpacked into w (layout 2) for the y transform, packed into u1
// for the xy transpose, received into buf and unpacked into u1 for the x
// transform.
func (rk *rank) fftInverse() {
	b1, b2, b3, s := &rk.b1, &rk.b2, &rk.b3, &rk.scr
	g := rk.grid
	for u := range b3.columns() {
		b3.cffts3(-1, rk.u0, rk.u1, u, s, true)
	}
	if g.np2 > 1 {
		rk.xz.alltoall(rk.u1, rk.buf)
	}
	if g.np1 > 1 {
		for k := range b2.lz {
			rk.xz.unpack(rk.w, rk.buf, rk.xz2, k)
			b2.cffts2(-1, rk.w, k, s)
			rk.xy.pack(rk.u1, rk.w, rk.xy2, k)
		}
		rk.xy.alltoall(rk.u1, rk.buf)
		for k := range b1.lz {
			rk.xy.unpack(rk.u1, rk.buf, rk.xy1, k)
			b1.cffts1(-1, rk.u1, k, s, false)
			rk.pts.checksumPlane(rk.u1, b1.ld2, k)
		}
		return
	}
	for k := range b1.lz {
		if g.np2 > 1 {
			rk.xz.unpack(rk.u1, rk.buf, rk.xz2, k)
		}
		b1.cffts2(-1, rk.u1, k, s)
		b1.cffts1(-1, rk.u1, k, s, false)
		rk.pts.checksumPlane(rk.u1, b1.ld2, k)
	}
}

// checksum adds this rank's points (scaled by 1/N) and reduces the sum
// over the ranks: every rank gets checksum iter.
func (rk *rank) checksum(iter int) {
	c := rk.pts.sum(rk.par)
	rk.two[0], rk.two[1] = real(c), imag(c)
	rk.world.Allreduce(comm.Float64s(rk.two), comm.Sum)
	rk.sums[iter-1] = complex(rk.two[0], rk.two[1])
}

// timed is ft.f's timed region on this rank, after a barrier (ft.f starts
// its timer after one).
func (rk *rank) timed() {
	rk.world.Barrier()
	rk.setup()
	for iter := 1; iter <= rk.par.niter; iter++ {
		rk.fftInverse()
		rk.checksum(iter)
	}
}

// mpiRun is one FT-MPI run for the kernel driver.
type mpiRun struct {
	problem
	g     *places.Group
	ranks []*rank
	// force, if set, is the process grid instead of setup's choice (an
	// inputft.data's np1 and np2; tests use it to reach the 2-D layout
	// with few ranks).
	force     procGrid
	timedBody func(*places.Place)
}

func newMPIRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	pr, prob, err := newProblem(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return prob, &mpiRun{problem: pr}, nil
}

// Setup chooses the process grid for the number of ranks (refusing one
// NPB does not run, before any message), lays out every rank's boxes and
// runs the setup once untimed, as ft.f does.
func (r *mpiRun) Setup(g *places.Group, out npb.Printer) error {
	np := ranks.Count(g)
	grid := r.force
	if grid.np1 == 0 {
		var err error
		if grid, err = chooseGrid(r.par, np); err != nil {
			return err
		}
	} else if grid.np1*grid.np2 != np {
		return fmt.Errorf("ft-mpi: a %d × %d process grid for %d ranks", grid.np1, grid.np2, np)
	}
	if err := grid.check(r.par); err != nil {
		return err
	}
	out.Printf(" Processor array     : %5s%4dx%4d\n", "", grid.np1, grid.np2)
	out.Printf(" Layout type         : %9s%5s\n\n", "", grid.layoutName())
	r.g = g
	r.ranks = make([]*rank, g.NP())
	r.timedBody = r.timed
	budget, pad := cacheBlocking(topo.HostCaches())
	return ranks.Setup("ft-mpi", g, func(p *places.Place) error {
		rk := newRank(r.par, grid, ranks.World(p), budget, pad)
		r.ranks[p.ID()] = rk
		rk.setup()
		// One reduction untimed, so that the timed region's first one
		// finds its buffers grown.
		rk.world.Allreduce(comm.Float64s(rk.two), comm.Sum)
		return nil
	})
}

// Timed runs every rank's timed region.
func (r *mpiRun) Timed() { r.g.Run(r.timedBody) }

func (r *mpiRun) timed(p *places.Place) { r.ranks[p.ID()].timed() }

// Verify prints the checksums and compares them with the reference; every
// rank holds the reduced checksums, so every process of an MPI job reaches
// the same verdict.
func (r *mpiRun) Verify(out npb.Printer) []npb.Check { return r.verify(out, r.ranks[0].sums) }
