// CG-MPI: NPB CG in its message-passing form, following NPB3.4-MPI
// CG/cg.f: the ranks form a 2-D grid of nprows × npcols
// processes (a power of two, npcols = nprows or 2·nprows), each owning a
// block of the sparse matrix. In conj_grad every matrix-vector product is
// followed by a reduction of the partial products along the process row
// (l2npcols exchanges with halving partners) and the transpose exchange
// that turns the row-distributed result into the column-distributed
// vector; dot products are summed along the row the same way.
//
// It is written once against comm.Comm: the ranks are the processes of an
// MPI job (the mpi build under mpirun) or the places of one group
// (in-process, `npb run cg-mpi -places 4`). The row exchanges run on a row
// communicator made with Split, the transpose exchange on the world.
// The rank's product is the shared-memory form's matvec on its block.

package cg

import (
	"fmt"
	"math"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is CG-MPI for the kernel driver and the registry.
var KernelMPI = npb.Kernel{Name: "cg-mpi", Ref: "CG", New: newMPIRun, MaxClass: npb.ClassF,
	Memory: mpiMemory, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// mpiMemory estimates the peak bytes of one of np ranks at class c: the
// random vectors makea draws that touch its rows (a value and an int32
// column per element), the index of the elements in its rows, its block
// of the matrix (its share of the entries) and its six vectors. A rank
// count CG cannot use is refused by the run itself; it is given one
// rank's estimate here.
func mpiMemory(c npb.Class, np int) int64 {
	pr, err := ReadClass(c)
	if err != nil {
		return 0
	}
	p := pr.Params
	g, err := newGrid(p.Na, 0, max(np, 1))
	if err != nil {
		g, _ = newGrid(p.Na, 0, 1)
	}
	na, w := int64(p.Na), int64(p.Nonzer+1)
	rows, cols := int64(g.nrows()), int64(g.ncols())
	kept := int64(keptVectors(p.Na, p.Nonzer+1, g.nrows()))
	return kept*(w*12+12) + 4*na*w*rows/na + 9*cols +
		(pr.entries()/int64(max(np, 1))+rows)*12 + 8*rows + 6*8*(na/int64(g.nprows)+2)
}

// rank is the state of one rank of CG-MPI.
type rank struct {
	*grid
	world, row comm.Comm
	shift      float64
	niter      int
	m          *matrix
	// The vectors of cg.f, naa+2 long (naa = na/nprows); entries
	// [0, ncols) are the rank's columns, [0, nrows) its rows.
	x, z, p, q, r, w []float64
	// Per timed iteration, on rank 0: ||r|| and zeta.
	rnorms, zetas []float64
	// The partial sums sent and received by sumRow, in a slice of their
	// own: the MPI binding may only pass memory without Go pointers.
	two, twoIn []float64
}

func newRank(pr *ClassData, world comm.Comm) (*rank, error) {
	c := pr.Params
	g, err := newGrid(c.Na, world.Rank(), world.Size())
	if err != nil {
		return nil, err
	}
	rk := &rank{grid: g, world: world, shift: c.Shift, niter: c.Niter}
	// The row communicator: rank in the row = process column, which is
	// how reduce_exch_proc numbers the partners.
	rk.row = world.Split(g.procRow, g.procCol)
	rk.m = makeaBlock(c.Na, c.Nonzer, c.Rcond, c.Shift, g)
	naa := c.Na / g.nprows
	for _, v := range []*[]float64{&rk.x, &rk.z, &rk.p, &rk.q, &rk.r, &rk.w} {
		*v = make([]float64, naa+2)
	}
	if g.ncols() > len(rk.p) || g.nrows() > len(rk.w) {
		return nil, fmt.Errorf("cg-mpi: rank %d: block of %d×%d does not fit vectors of %d", g.me, g.nrows(), g.ncols(), len(rk.p))
	}
	rk.two, rk.twoIn = make([]float64, 2), make([]float64, 2)
	rk.rnorms = make([]float64, c.Niter)
	rk.zetas = make([]float64, c.Niter)
	return rk, nil
}

// sumRow adds x over the process row: l2npcols exchanges with the
// partners of the reduction schedule (cg.f's stand-in for an allreduce).
func (rk *rank) sumRow(x float64) float64 {
	rk.two[0] = x
	for i := range rk.l2npcols {
		peer := rk.reduceExchProc[i]
		rk.row.SendRecv(peer, comm.Float64s(rk.two[:1]), peer, comm.Float64s(rk.twoIn[:1]))
		rk.two[0] += rk.twoIn[0]
	}
	return rk.two[0]
}

// sumRow2 is sumRow for the pair of norms of the main loop.
func (rk *rank) sumRow2(a, b float64) (float64, float64) {
	rk.two[0], rk.two[1] = a, b
	for i := range rk.l2npcols {
		peer := rk.reduceExchProc[i]
		rk.row.SendRecv(peer, comm.Float64s(rk.two), peer, comm.Float64s(rk.twoIn))
		rk.two[0] += rk.twoIn[0]
		rk.two[1] += rk.twoIn[1]
	}
	return rk.two[0], rk.two[1]
}

// sumProduct completes dst = A·src from this rank's partial product w:
// w is summed over the process row (recursive halving: each exchange
// sends the half the partner keeps and adds the half received, using
// recv as the landing buffer), then the transpose exchange moves the
// rank's share of the sum to the rank that owns those columns.
func (rk *rank) sumProduct(dst, w []float64) {
	for i := rk.l2npcols - 1; i >= 0; i-- {
		peer := rk.reduceExchProc[i]
		rs, rl := rk.reduceRecvStarts[i], rk.reduceRecvLengths[i]
		ss, sl := rk.reduceSendStarts[i], rk.reduceSendLengths[i]
		rk.row.SendRecv(peer, comm.Float64s(w[ss:ss+sl]), peer, comm.Float64s(dst[rs:rs+rl]))
		ws, ds := w[rk.sendStart:rk.sendStart+rl], dst[rk.sendStart:rk.sendStart+rl]
		for j := range ws {
			ws[j] += ds[j]
		}
	}
	if rk.l2npcols != 0 {
		rk.world.SendRecv(rk.exchProc, comm.Float64s(w[rk.sendStart:rk.sendStart+rk.sendLen]),
			rk.exchProc, comm.Float64s(dst[:rk.exchRecvLength]))
	} else {
		copy(dst[:rk.exchRecvLength], w)
	}
}

// conjGrad does CGItMax CG steps on A·z = x from z = 0 and returns
// ||x - A·z|| (conj_grad).
func (rk *rank) conjGrad() float64 {
	n := rk.ncols()
	x, z, p, q, r := rk.x, rk.z, rk.p, rk.q, rk.r
	w := rk.w
	for j := range x[:len(x)-1] { // cg.f: j = 1, naa+1
		q[j] = 0
		z[j] = 0
		r[j] = x[j]
		p[j] = r[j]
		w[j] = 0
	}
	xc, zc, pc, qc, rc := x[:n], z[:n], p[:n], q[:n], r[:n]
	var sum float64
	for _, v := range rc {
		sum += v * v
	}
	rho := rk.sumRow(sum)

	nrows := rk.nrows()
	clearLen := max(nrows, n)
	for range CGItMax {
		matvec(w, rk.m, p, 0, nrows)
		rk.sumProduct(q, w)
		clear(w[:clearLen])

		sum = 0
		for j := range pc {
			sum += pc[j] * qc[j]
		}
		d := rk.sumRow(sum)
		alpha := rho / d
		rho0 := rho
		for j := range zc {
			zc[j] += alpha * pc[j]
			rc[j] -= alpha * qc[j]
		}
		sum = 0
		for _, v := range rc {
			sum += v * v
		}
		rho = rk.sumRow(sum)
		beta := rho / rho0
		for j := range pc {
			pc[j] = rc[j] + beta*pc[j]
		}
	}

	// ||r|| = ||x - A·z||, with r as the landing buffer of A·z.
	matvec(w, rk.m, z, 0, nrows)
	rk.sumProduct(r, w)
	sum = 0
	for j := range xc {
		d := xc[j] - rc[j]
		sum += d * d
	}
	return math.Sqrt(rk.sumRow(sum))
}

// iterate is one outer iteration of the inverse power method: conj_grad,
// then x·z and z·z summed over the row, zeta, and x = z/||z||.
func (rk *rank) iterate(it int) {
	rnorm := rk.conjGrad()
	n := rk.ncols()
	xc, zc := rk.x[:n], rk.z[:n]
	var t1, t2 float64
	for j := range xc {
		t1 += xc[j] * zc[j]
		t2 += zc[j] * zc[j]
	}
	t1, t2 = rk.sumRow2(t1, t2)
	t2 = 1 / math.Sqrt(t2)
	if it >= 0 && rk.me == 0 {
		rk.rnorms[it] = rnorm
		rk.zetas[it] = rk.shift + 1/t1
	}
	for j := range xc {
		xc[j] = t2 * zc[j]
	}
}

// resetX sets the starting vector x = (1, ..., 1).
func (rk *rank) resetX() {
	for j := range rk.x[:len(rk.x)-1] {
		rk.x[j] = 1
	}
}

// mpiRun is one CG-MPI run for the kernel driver.
type mpiRun struct {
	pr    *ClassData
	eps   float64
	g     *places.Group
	ranks []*rank

	zeta float64 // rank 0's final zeta, known to every rank after Verify

	timedBody, verifyBody func(*places.Place)
}

func newMPIRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	pr, err := ReadClass(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	eps, err := npb.ReferenceEpsilon("CG")
	if err != nil {
		return npb.Problem{}, nil, fmt.Errorf("cg-mpi: %w", err)
	}
	p := pr.Params
	return npb.Problem{Size: []int{p.Na}, Iterations: p.Niter, Banner: []string{
		fmt.Sprintf(" Number of nonzeroes per row: %8d", p.Nonzer),
		fmt.Sprintf(" Eigenvalue shift: %9.3f", p.Shift),
	}, Traffic: Traffic(p.Na, p.Nonzer, p.Niter)}, &mpiRun{pr: pr, eps: eps}, nil
}

// Setup makes every rank's block of the matrix, then does one untimed
// iteration and sets x = 1 again, as cg.f does.
func (r *mpiRun) Setup(g *places.Group, _ npb.Printer) (err error) {
	r.g = g
	r.timedBody, r.verifyBody = r.timed, r.verify
	r.ranks, err = ranks.Make("cg-mpi", g, func(c comm.Comm) (*rank, error) {
		rk, err := newRank(r.pr, c)
		if err == nil {
			rk.resetX()
			rk.iterate(-1)
			rk.resetX()
		}
		return rk, err
	})
	return err
}

// Timed is the niter outer iterations, between barriers (cg.f starts its
// timer after one and reduces the ranks' times with MPI_MAX).
func (r *mpiRun) Timed() { r.g.Run(r.timedBody) }

func (r *mpiRun) timed(p *places.Place) {
	rk := r.ranks[p.ID()]
	rk.world.Barrier()
	for it := range rk.niter {
		rk.iterate(it)
	}
	rk.world.Barrier()
}

// verify gives every rank rank 0's zeta, so that every process of an MPI
// job reaches the same verdict.
func (r *mpiRun) verify(p *places.Place) {
	rk := r.ranks[p.ID()]
	z := []float64{0}
	if rk.me == 0 {
		z[0] = rk.zetas[rk.niter-1]
	}
	rk.world.Allreduce(comm.Float64s(z), comm.Sum)
	if p.ID() == 0 {
		r.zeta = z[0]
	}
}

// Mops is the official operation rate.
func (r *mpiRun) Mops(t float64) float64 {
	p := r.pr.Params
	return Mops(p.Na, p.Nonzer, p.Niter, t)
}

// Verify prints the per-iteration lines (cg.f prints them in its timed
// loop) and checks zeta.
func (r *mpiRun) Verify(out npb.Printer) []npb.Check {
	r.g.Run(r.verifyBody)
	rk := r.ranks[0]
	out.Printf("\n   iteration           ||r||                 zeta\n")
	for it := range rk.niter {
		out.Printf("    %5d      %s%20.13f\n", it+1, npb.FortranE(rk.rnorms[it], 21, 14), rk.zetas[it])
	}
	out.Printf(" Benchmark completed \n")
	ref := r.pr.Verification.Zeta.Value
	chk := npb.RelCheck("zeta", r.zeta, ref, r.eps)
	if chk.OK {
		out.Printf(" VERIFICATION SUCCESSFUL \n")
		out.Printf(" Zeta is    %s\n", npb.FortranE(r.zeta, 20, 13))
		out.Printf(" Error is   %s\n", npb.FortranE(chk.RelErr, 20, 13))
	} else {
		out.Printf(" VERIFICATION FAILED\n")
		out.Printf(" Zeta                %s\n", npb.FortranE(r.zeta, 20, 13))
		out.Printf(" The correct zeta is %s\n", npb.FortranE(ref, 20, 13))
	}
	return []npb.Check{chk}
}
