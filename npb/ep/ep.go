// Package ep is the NPB EP benchmark ("embarrassingly parallel",
// NPB3.4-OMP EP/ep.f) on the places runtime: 2^(m+1) uniform random
// numbers of NPB's generator become pairs of Gaussian deviates by the
// polar acceptance-rejection method; the benchmark sums the deviates (sx,
// sy), counts them in square annuli (q) and verifies the two sums.
//
// The numbers come in nn = 2^(m-16) batches of nk = 2^16 pairs, and batch
// kk starts from the seed jumped 2·nk·kk steps ahead, so the batches are
// independent. Places take contiguous blocks of batches (ep.f's static
// schedule). Each batch sums its deviates in order, as the reference does;
// the batches' sums are then added exactly (exactSum), so sx and sy are the
// same bits at every place count, and in the message-passing form at every
// rank count.
//
// mpi.go is EP in NPB3.4-MPI's form (ep-mpi): each rank does a block of
// batches with the same code, and one all-reduce adds the tallies.
package ep

import (
	"fmt"
	"math"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is EP for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "ep", New: newRun, MaxClass: npb.ClassF, Memory: memory, Pin: topo.Compact}

func init() { npb.Register(Kernel) }

// Run runs EP for cfg (Kernel.Run).
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// The constants of ep_data.f: MK, NK and NQ, the generator's multiplier a
// and EP's seed s.
const (
	mk   = 16
	nk   = 1 << mk // pairs per batch
	nq   = 10      // annuli counted
	a    = npb.Multiplier
	seed = 271828183

	mask46 = 1<<46 - 1
	r46    = 1.0 / (1 << 46)
)

// memory is EP's peak beside the runtime: a few kilobytes per place or
// rank (the batch buffers), which the runtime's own floor absorbs.
func memory(npb.Class, int) int64 { return 0 }

// params are EP's class parameter and reference sums.
type params struct {
	class npb.Class
	m     int // log2 of the number of pairs
	nn    int // batches, 2^(m-mk)
	// The reference sums and ep.f's tolerance.
	sxRef, syRef, eps float64
}

// randomNumbers is how many numbers a run draws, 2^(m+1).
func (p params) randomNumbers() int { return 1 << (p.m + 1) }

// paramsFor reads class c's m and reference sums from reference.json.
func paramsFor(c npb.Class) (params, error) {
	type value struct {
		Value float64 `json:"value"`
	}
	r, err := npb.ClassParams[struct {
		Params struct {
			M int `json:"m"`
		} `json:"params"`
		Verification struct {
			Sx value `json:"sx_verify_value"`
			Sy value `json:"sy_verify_value"`
		} `json:"verification"`
	}]("EP", c)
	if err != nil {
		return params{}, fmt.Errorf("ep: %w", err)
	}
	eps, err := npb.ReferenceEpsilon("EP")
	if err != nil {
		return params{}, fmt.Errorf("ep: %w", err)
	}
	m := r.Params.M
	// Below mk there is not one batch; above 60 the counts leave int64.
	if m < mk || m > 60 {
		return params{}, fmt.Errorf("ep: class %s: m = %d out of range", c, m)
	}
	return params{class: c, m: m, nn: 1 << (m - mk), sxRef: r.Verification.Sx.Value, syRef: r.Verification.Sy.Value, eps: eps}, nil
}

// problem is what the banner and the report say about class p.
func (p params) problem() npb.Problem {
	return npb.Problem{
		Size:     []int{p.randomNumbers()},
		OpType:   "Random numbers generated",
		SizeLine: fmt.Sprintf(" Number of random numbers generated: %15d  (class %s)", p.randomNumbers(), p.class),
		Traffic:  Traffic,
	}
}

// tally is what a place or rank has found in its batches: the exact sums
// of its batches' sx and sy and the counts of its pairs by annulus. It is
// one vector of int64s, so that one reduction adds it.
type tally [2*sumLen + nq]int64

func (t *tally) sx() *exactSum { return (*exactSum)(t[:sumLen]) }
func (t *tally) sy() *exactSum { return (*exactSum)(t[sumLen : 2*sumLen]) }
func (t *tally) q() *[nq]int64 { return (*[nq]int64)(t[2*sumLen:]) }

// add adds u to t.
func (t *tally) add(u *tally) {
	for i := range t {
		t[i] += u[i]
	}
}

// chunk is the number of pairs batch transforms at a time: its buffers,
// 12.5 KiB, stay in the L1 cache.
const chunk = 512

// worker is one place's or rank's buffers and tally.
type worker struct {
	x1, x2, t [chunk]float64
	l         [chunk]uint8
	tally
}

// batches does batches [lo, hi) of the nn (loop 150 of ep.f) and adds
// them to w.tally. an is a^(2·nk), which jumps a seed one batch ahead.
func (w *worker) batches(lo, hi int, an float64) {
	sx, sy := w.sx(), w.sy()
	for kk := lo; kk < hi; kk++ {
		bx, by := w.batch(uint64(npb.Jump(seed, an, int64(kk))))
		sx.add(bx)
		sy.add(by)
	}
}

// batch draws the 2·nk numbers that follow seed s (vranlc) and turns them
// into Gaussian pairs (loop 140 of ep.f): a pair (x1, x2), mapped into
// the square (-1, 1)², is kept when it lies in the unit disc, t1 = x1² +
// x2² <= 1, and becomes the deviates x1·t2 and x2·t2 with t2 =
// sqrt(-2·log(t1)/t1). batch returns the sums of the deviates, added in
// the reference's order, and counts each pair in the square annulus of its
// larger deviate.
//
// ep.f does this in one loop over all pairs, which on this code is 2.2
// times slower than doing a chunk of pairs in four loops that each run
// without stalls: draw the pairs and keep the accepted ones (no branch to
// mispredict: each is stored and the count moves on when it is accepted),
// the logarithm, square root and divisions alone, the deviates and their
// sums, then the counts. In the one loop, one pair in five mispredicts the
// test, and counting q[l]++ with l known only at the end of a long chain
// stalls on every pair that meets a later pair's increment of the same
// annulus.
func (w *worker) batch(s uint64) (sx, sy float64) {
	const a2 = a * a & mask46
	q := w.q()
	// x1 are the odd numbers of the sequence, x2 the even ones: two
	// streams stepping by a², so neither waits for the other's multiply.
	s1 := s * a & mask46
	s2 := s1 * a & mask46
	for range nk / chunk {
		n := 0
		for range chunk {
			x1 := 2*(float64(s1)*r46) - 1
			x2 := 2*(float64(s2)*r46) - 1
			s1 = s1 * a2 & mask46
			s2 = s2 * a2 & mask46
			t1 := x1*x1 + x2*x2
			j := n & (chunk - 1) // n < chunk; the mask drops the bounds checks
			w.x1[j], w.x2[j], w.t[j] = x1, x2, t1
			if t1 <= 1 {
				n++
			}
		}
		t := w.t[:n]
		for i, t1 := range t {
			t[i] = math.Sqrt(-2 * math.Log(t1) / t1)
		}
		x1, x2, l := w.x1[:len(t)], w.x2[:len(t)], w.l[:len(t)]
		for i, t2 := range t {
			t3, t4 := x1[i]*t2, x2[i]*t2
			// The annulus of the larger deviate: truncation commutes
			// with max, and an integer max has no branch. A deviate of
			// 10 or more (never drawn: under 1e-22 per pair) counts in
			// the last annulus, where ep.f would write past qq.
			l[i] = uint8(min(max(int(math.Abs(t3)), int(math.Abs(t4))), nq-1))
			sx += t3
			sy += t4
		}
		for _, k := range l {
			q[k]++
		}
	}
	return sx, sy
}

// result is what a run found: the two sums, the counts and the number of
// pairs, gc.
type result struct {
	sx, sy  float64
	q       [nq]int64
	gc      int64
	seconds float64 // the timed region, for the "CPU Time" line
}

// set reads the result off the tally of all batches.
func (r *result) set(t *tally) {
	r.sx, r.sy = t.sx().value(), t.sy().value()
	r.q = *t.q()
	r.gc = 0
	for _, c := range r.q {
		r.gc += c
	}
}

// print writes the lines ep.f prints after its timer stops.
func (r *result) print(out npb.Printer, m int) {
	out.Printf("EP Benchmark Results:\n\n")
	out.Printf("CPU Time =%10.4f\n", r.seconds)
	out.Printf("N = 2^%5d\n", m)
	out.Printf("No. Gaussian Pairs =%15s\n", fmt.Sprintf("%d.", r.gc))
	out.Printf("Sums = %25s%25s\n", npb.FortranD(r.sx, 15), npb.FortranD(r.sy, 15))
	out.Printf("Counts:\n")
	for i, c := range r.q {
		out.Printf("%3d%15s\n", i, fmt.Sprintf("%d.", c))
	}
}

// checks are the two comparisons of ep.f's verification.
func (r *result) checks(p params) []npb.Check {
	return []npb.Check{
		npb.RelCheck("sx", r.sx, p.sxRef, p.eps),
		npb.RelCheck("sy", r.sy, p.syRef, p.eps),
	}
}

// run is one EP run for the kernel driver.
type run struct {
	params
	result
	g       *places.Group
	workers []*worker
	an      float64
	total   tally
	timer   npb.Timer
	body    func(*places.Place)
}

func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	p, err := paramsFor(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return p.problem(), &run{params: p}, nil
}

// Setup gives every place its worker, allocated by the place itself.
func (r *run) Setup(g *places.Group, _ npb.Printer) error {
	r.g = g
	r.workers = make([]*worker, g.NP())
	g.Run(func(p *places.Place) { r.workers[p.ID()] = new(worker) })
	r.body = r.place
	return nil
}

// Timed is ep.f's timed region: an = a^(2·nk), the batches on every
// place, the sum of the places' tallies.
func (r *run) Timed() {
	r.timer.Clear()
	r.timer.Start()
	r.an = npb.Ipow46(a, 2*nk)
	r.g.Run(r.body)
	r.total = tally{}
	for _, w := range r.workers {
		r.total.add(&w.tally)
	}
	r.set(&r.total)
	r.timer.Stop()
	r.seconds = r.timer.Seconds()
}

// place does this place's block of batches.
func (r *run) place(p *places.Place) {
	w := r.workers[p.ID()]
	w.tally = tally{}
	lo, hi := p.Block(0, r.nn)
	w.batches(lo, hi, r.an)
}

// Mops is millions of random numbers per second.
func (r *run) Mops(t float64) float64 { return 1e-6 * float64(r.randomNumbers()) / t }

// Verify prints ep.f's results and checks sx and sy.
func (r *run) Verify(out npb.Printer) []npb.Check {
	r.print(out, r.m)
	return r.checks(r.params)
}
