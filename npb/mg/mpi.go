package mg

// MG in its message-passing form, following NPB3.4-MPI MG/mg.f: the grid
// is split into a 3-D block per rank (decomp, mg.f setup), every level of
// the V-cycle is a box of that rank's points with a ghost layer, and after
// each grid operation the ranks exchange their border layers with their
// neighbours (comm3). It is written once against comm.Comm: the ranks are
// the processes of an MPI job (the mpi build under mpirun) or the places
// of one group (in-process, `npb run mg-mpi -places 4`).
//
// The grid operations are the shared-memory form's, applied plane by
// plane to the rank's box (box); only the decomposition, the exchanges,
// and interp on a box with a single interior point along some axis
// (interpOdd, which mg.f has only in this form) are this file's. Where
// both in-plane axes are the rank's own (1 and 2 ranks), the way up the
// V-cycle streams through the planes as the shared-memory form does
// (upLevel), exchanging the edge planes between its stages; elsewhere
// each operation runs over the whole box and is followed by comm3, as in
// mg.f.
//
// The arithmetic of every point is mg.f's, so on up to 8 ranks the grids
// are bit for bit those of one rank and of the shared-memory form; the
// norms differ only in the order of the sum of squares: each rank adds
// its own box in mg.f's loop order, then the ranks' sums are added
// pairwise as MPI_Allreduce does (normReduce). From 16 ranks on, the
// coarsest levels hold a single point per rank along some axis, and
// interpOdd adds up its neighbours in another order than interp, as mg.f
// does.

import (
	"math"

	"npbgo/npb"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// KernelMPI is MG-MPI for the kernel driver and the registry.
var KernelMPI = npb.Kernel{Name: "mg-mpi", Ref: "MG", New: newRunMPI, MaxClass: npb.ClassF,
	Memory: memoryMPI, Pin: topo.Compact, Ranks: true}

func init() { npb.Register(KernelMPI) }

// RunMPI runs MG-MPI for cfg (KernelMPI.Run).
func RunMPI(cfg npb.Config) (*npb.Result, error) { return KernelMPI.Run(cfg) }

// memoryMPI estimates the bytes of the largest of np ranks at class c:
// its box's u and r on all levels and v, with its exchange buffers. A
// rank count MG cannot cut the grid for is refused by the run itself; it
// is given the whole grid here.
func memoryMPI(c npb.Class, np int) int64 {
	p, err := classParams(c)
	if err != nil {
		return 0
	}
	var most int64
	for me := range max(np, 1) {
		d, err := newDecomp(p, me, max(np, 1))
		if err != nil {
			return Memory(c, 1)
		}
		lv, total := d.levels(p.lt)
		most = max(most, 8*int64(2*total+lv[p.lt].size()+2*d.bufFloats(lv)))
	}
	return most
}

// bufFloats is the length of each of the exchange buffers of a rank whose
// levels are lv: none where every face that goes by message is a whole
// plane (it travels from and into the grid), else three layers of the
// largest face of the finest level (comm3 packs two, one each way;
// comm3_ex three, two up and one down).
func (d *decomp) bufFloats(lv []level) int {
	for k := 1; k < len(lv); k++ {
		if !lv[k].inPlane || d.giveEx[k] != [3]bool{} || d.takeEx[k] != [3]bool{} {
			l := lv[len(lv)-1]
			return 3 * max(l.n1*l.n2, l.n2*l.n3, l.n1*l.n3)
		}
	}
	return 0
}

// rank is the state of one rank of MG-MPI.
type rank struct {
	box
	*decomp
	world comm.Comm
	// stream says, per level, whether upLevel runs the way up (both in-plane
	// axes the rank's own, no dead or single-point box, no comm3_ex).
	stream []bool
	// The exchange buffers (packed faces) and the reductions' operands,
	// memory of their own for the MPI binding.
	sbuf, rbuf []float64
	red        []float64

	rnm2, rnmu float64
}

func newRank(p params, world comm.Comm) (*rank, error) {
	d, err := newDecomp(p, world.Rank(), world.Size())
	if err != nil {
		return nil, err
	}
	lv, total := d.levels(p.lt)
	rk := &rank{box: newBox(p, lv, total), decomp: d, world: world}
	rk.sbuf = make([]float64, d.bufFloats(lv))
	rk.rbuf = make([]float64, d.bufFloats(lv))
	rk.red = make([]float64, 4)
	rk.stream = make([]bool, p.lt+1)
	for k := lb + 1; k <= p.lt; k++ {
		l := lv[k]
		rk.stream[k] = l.inPlane && !d.dead[k] && !d.dead[k-1] &&
			d.giveEx[k] == [3]bool{} && d.takeEx[k] == [3]bool{} &&
			l.n1 != 3 && l.n2 != 3 && l.n3 != 3
	}
	return rk, nil
}

// initialize is the untimed part of mg.f after setup, as in the
// shared-memory form: u = 0, v from zran3, resid, one V-cycle and resid
// for startup, then u and v are set up again.
func (rk *rank) initialize() {
	lt := rk.lt
	u, r := rk.grid(rk.u, lt), rk.grid(rk.r, lt)
	clear(u)
	rk.zran3(rk.v)
	rk.resid(u, rk.v, r, lt, true)
	rk.mg3P(false)
	clear(u)
	rk.zran3(rk.v)
}

// bench is mg.f's timed region: resid and its norm, nit V-cycles each
// followed by resid, and the final norm; the first and last barriers make
// rank 0's time the slowest rank's, as mg.f's reduction of the times does.
func (rk *rank) bench() {
	lt := rk.lt
	rk.world.Barrier()
	rk.resid(rk.grid(rk.u, lt), rk.v, rk.grid(rk.r, lt), lt, true)
	for it := 1; it <= rk.nit; it++ {
		rk.mg3P(it == rk.nit)
	}
	rk.world.Barrier()
}

// mg3P is one V-cycle (mg.f mg3P) and the resid after it, with norm2u3 if
// norm.
func (rk *rank) mg3P(norm bool) {
	lt := rk.lt
	for k := lt; k > lb; k-- {
		rk.rprj3(k)
	}
	ub, rb := rk.grid(rk.u, lb), rk.grid(rk.r, lb)
	clear(ub)
	rk.psinv(rb, ub, lb)
	for k := lb + 1; k < lt; k++ {
		rk.up(k, rk.grid(rk.r, k), false, false)
	}
	rk.up(lt, rk.v, true, norm)
}

// up is mg3P's work on level k on the way up (upLevel): interp, resid,
// psinv and, with again, the resid after the cycle.
func (rk *rank) up(k int, v []float64, again, norm bool) {
	u, r := rk.grid(rk.u, k), rk.grid(rk.r, k)
	if rk.stream[k] {
		s, mx := rk.upLevel(k, v, again, norm, 0, rk.lv[k-1].n3-1, rk)
		if again && !rk.lv[k].wrap3 {
			rk.exchange(r, k, 2)
		}
		if norm {
			rk.normReduce(s, mx)
		}
		return
	}
	rk.interp(k)
	rk.resid(u, v, r, k, false)
	rk.psinv(r, u, k)
	if again {
		rk.resid(u, v, r, k, norm)
	}
}

// resid is mg.f resid on level k of the box, then comm3, with norm2u3 if
// norm.
func (rk *rank) resid(u, v, r []float64, k int, norm bool) {
	var s, mx float64
	if !rk.dead[k] {
		for i3 := 1; i3 < rk.lv[k].n3-1; i3++ {
			if norm {
				s, mx = rk.residPlaneNorm(u, v, r, k, i3, s, mx)
			} else {
				rk.residPlane(u, v, r, k, i3)
			}
		}
	}
	rk.comm3(r, k)
	if norm {
		rk.normReduce(s, mx)
	}
}

// psinv is mg.f psinv on level k of the box, then comm3.
func (rk *rank) psinv(r, u []float64, k int) {
	if !rk.dead[k] {
		for i3 := 1; i3 < rk.lv[k].n3-1; i3++ {
			rk.psinvPlane(r, u, k, i3)
		}
	}
	rk.comm3(u, k)
}

// rprj3 is mg.f rprj3 from level k of r to level k-1, then comm3.
func (rk *rank) rprj3(k int) {
	r, s := rk.grid(rk.r, k), rk.grid(rk.r, k-1)
	if !rk.dead[k-1] {
		for j3 := 1; j3 < rk.lv[k-1].n3-1; j3++ {
			rk.rprj3Plane(r, k, s, j3)
		}
	}
	rk.comm3(s, k-1)
}

// interp is mg.f interp from level k-1 of u onto level k (set below the
// finest level, added to on it), then comm3_ex. It writes every point of
// the box, ghosts included, so it needs no comm3.
func (rk *rank) interp(k int) {
	z, u := rk.grid(rk.u, k-1), rk.grid(rk.u, k)
	zero := k < rk.lt
	l := rk.lv[k]
	switch {
	case rk.dead[k]:
		clear(u)
	case l.n1 == 3 || l.n2 == 3 || l.n3 == 3:
		if zero {
			clear(u)
		}
		rk.interpOdd(z, k-1, u)
	default:
		for i3 := 0; i3 < rk.lv[k-1].n3-1; i3++ {
			rk.interpPlane(z, k-1, u, i3, zero)
		}
	}
	rk.comm3Ex(u, k)
}

// interpOdd is interp onto a box with a single interior point along some
// axis (mg.f interp's second branch, for n1, n2 or n3 = 3): along such an
// axis coarse point i sits on fine point 2i-1 (d = 1, t = 0 in 0-based
// terms below, where t is the fine point of the half-way values), and
// the values between coarse points are the averages of all the coarse
// points around them, added in mg.f's order.
func (rk *rank) interpOdd(z []float64, kc int, u []float64) {
	lc, lf := rk.lv[kc], rk.lv[kc+1]
	d, t := [3]int{1, 1, 1}, [3]int{0, 0, 0}
	for ax, n := range [3]int{lf.n1, lf.n2, lf.n3} {
		if n == 3 {
			d[ax], t[ax] = 2, 1
		}
	}
	d1, d2, d3 := d[0], d[1], d[2]
	t1, t2, t3 := t[0], t[1], t[2]
	mm1, mm2, mm3 := lc.n1, lc.n2, lc.n3
	for i3 := d3; i3 <= mm3-1; i3++ {
		for i2 := d2; i2 <= mm2-1; i2++ {
			for i1 := d1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-d1, 2*i2-d2, 2*i3-d3)] += z[lc.at(i1, i2, i3)]
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-t1, 2*i2-d2, 2*i3-d3)] += 0.5 * (z[lc.at(i1+1, i2, i3)] + z[lc.at(i1, i2, i3)])
			}
		}
		for i2 := 1; i2 <= mm2-1; i2++ {
			for i1 := d1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-d1, 2*i2-t2, 2*i3-d3)] += 0.5 * (z[lc.at(i1, i2+1, i3)] + z[lc.at(i1, i2, i3)])
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-t1, 2*i2-t2, 2*i3-d3)] += 0.25 * (z[lc.at(i1+1, i2+1, i3)] + z[lc.at(i1+1, i2, i3)] +
					z[lc.at(i1, i2+1, i3)] + z[lc.at(i1, i2, i3)])
			}
		}
	}
	for i3 := 1; i3 <= mm3-1; i3++ {
		for i2 := d2; i2 <= mm2-1; i2++ {
			for i1 := d1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-d1, 2*i2-d2, 2*i3-t3)] += 0.5 * (z[lc.at(i1, i2, i3+1)] + z[lc.at(i1, i2, i3)])
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-t1, 2*i2-d2, 2*i3-t3)] += 0.25 * (z[lc.at(i1+1, i2, i3+1)] + z[lc.at(i1, i2, i3+1)] +
					z[lc.at(i1+1, i2, i3)] + z[lc.at(i1, i2, i3)])
			}
		}
		for i2 := 1; i2 <= mm2-1; i2++ {
			for i1 := d1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-d1, 2*i2-t2, 2*i3-t3)] += 0.25 * (z[lc.at(i1, i2+1, i3+1)] + z[lc.at(i1, i2, i3+1)] +
					z[lc.at(i1, i2+1, i3)] + z[lc.at(i1, i2, i3)])
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				u[lf.at(2*i1-t1, 2*i2-t2, 2*i3-t3)] += 0.125 * (z[lc.at(i1+1, i2+1, i3+1)] + z[lc.at(i1+1, i2, i3+1)] +
					z[lc.at(i1, i2+1, i3+1)] + z[lc.at(i1, i2, i3+1)] +
					z[lc.at(i1+1, i2+1, i3)] + z[lc.at(i1+1, i2, i3)] +
					z[lc.at(i1, i2+1, i3)] + z[lc.at(i1, i2, i3)])
			}
		}
	}
}

// at is the offset of point (i1, i2, i3) of level l in mg.f's 1-based
// indices.
func (l level) at(i1, i2, i3 int) int { return (i1 - 1) + l.n1*(i2-1) + l.ps*(i3-1) }

// normReduce completes norm2u3 from the rank's sum of squares s and
// largest magnitude mx: the sum and the maximum over the ranks (mg.f's two
// MPI_Allreduce calls), known to every rank. The ranks exchange both by
// recursive doubling, log2(np) exchanges with the partner whose rank
// differs in one bit, each adding what it receives: how Open MPI (and
// MPICH) reduce a short vector over a power of two of ranks, so that the
// sum is NPB-MPI's to the bit, ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)) on
// eight ranks. (comm.Comm's Allreduce adds in rank order, which makes the
// last bit of rnm2 differ from NPB-MPI's, at class W on eight ranks.)
// The two partners add the same two numbers, so they agree to the bit.
func (rk *rank) normReduce(s, mx float64) {
	for mask := 1; mask < rk.np; mask <<= 1 {
		q := rk.me ^ mask
		rk.red[0], rk.red[1] = s, mx
		rk.world.SendRecv(q, comm.Float64s(rk.red[:2]), q, comm.Float64s(rk.red[2:]))
		s += rk.red[2]
		mx = max(mx, rk.red[3])
	}
	dn := float64(rk.nx) * float64(rk.ny) * float64(rk.nz)
	rk.rnm2, rk.rnmu = math.Sqrt(s/dn), mx
}

// zran3 is mg.f zran3 on the rank's box of the finest level of z: the
// rank draws the random numbers of its points (zran3Plane) and finds its
// own top ten (scan); then, mm times, the ranks reduce the best of their
// next unused candidates (the largest, and the smallest as its negation,
// in one reduction), and the rank whose candidate it is puts the charge
// there. The random numbers of one period are distinct, so exactly one
// rank holds each maximum.
func (rk *rank) zran3(z []float64) {
	k := rk.lt
	l := rk.lv[k]
	clear(z)
	for i3 := 1; i3 < l.n3-1; i3++ {
		rk.zran3Plane(z, k, i3, rk.is)
	}
	var t topTen
	t.scan(z, l, 1, l.n3-1)
	clear(z)
	h1, h0 := mm-1, mm-1
	for range mm {
		rk.red[0], rk.red[1] = t.ten[1][h1], -t.ten[0][h0]
		rk.world.Allreduce(comm.Float64s(rk.red[:2]), comm.Max)
		if rk.red[0] == t.ten[1][h1] {
			z[t.j[1][h1]] = +1
			h1--
		}
		if -rk.red[1] == t.ten[0][h0] {
			z[t.j[0][h0]] = -1
			h0--
		}
	}
	for i3 := 1; i3 < l.n3-1; i3++ {
		rk.comm3Plane(z, k, i3)
	}
	rk.comm3(z, k)
}

// runMPI is one MG-MPI run for the kernel driver.
type runMPI struct {
	prm   params
	g     *places.Group
	ranks []*rank

	benchBody func(*places.Place)
}

func newRunMPI(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prm, err := classParams(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return npb.Problem{Size: []int{prm.nx, prm.ny, prm.nz}, Iterations: prm.nit,
		Traffic: Traffic(prm.nx, prm.lt, prm.nit)}, &runMPI{prm: prm}, nil
}

// Setup makes every rank's boxes, sets up v and does the untimed
// V-cycle.
func (r *runMPI) Setup(g *places.Group, _ npb.Printer) error {
	r.g = g
	r.ranks = make([]*rank, g.NP())
	r.benchBody = func(p *places.Place) { r.ranks[p.ID()].bench() }
	return ranks.Setup("mg-mpi", g, func(p *places.Place) error {
		rk, err := newRank(r.prm, ranks.World(p))
		if err != nil {
			return err
		}
		r.ranks[p.ID()] = rk
		rk.initialize()
		return nil
	})
}

// Timed is mg.f's timed region.
func (r *runMPI) Timed() { r.g.Run(r.benchBody) }

// Mops is mg.f's operation rate.
func (r *runMPI) Mops(t float64) float64 { return mops(r.prm, t) }

// Verify checks rnm2, which every rank knows (norm2u3 reduces it to all),
// so every process of an MPI job reaches the same verdict.
func (r *runMPI) Verify(out npb.Printer) []npb.Check {
	return verify(out, r.prm, r.ranks[0].rnm2)
}
