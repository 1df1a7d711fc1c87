package mg

import "npbgo/runtime/places"

// mg3PResid is one multigrid V-cycle (mg.f mg3P) and the resid on the
// finest level that mg.f calls after it, with norm2u3 if norm. Every grid
// operation is followed by a barrier, since the next one reads the
// neighbouring planes of other places. On the way up, interp, resid and
// psinv of a level (and on the finest level the resid after the cycle) are
// streamed plane by plane (upLevel).
func (m *mg) mg3PResid(p *places.Place, norm bool) {
	lt := m.lt
	for k := lt; k > lb; k-- {
		m.rprj3(p, m.grid(m.r, k), k, m.grid(m.r, k-1))
		p.Barrier()
	}
	ub, rb := m.grid(m.u, lb), m.grid(m.r, lb)
	m.zero3(p, ub, lb)
	p.Barrier()
	m.psinv(p, rb, ub, lb)
	p.Barrier()
	for k := lb + 1; k < lt; k++ {
		m.upLevelPlaces(p, k, m.grid(m.r, k), false, false)
		p.Barrier()
	}
	m.upLevelPlaces(p, lt, m.v, true, norm)
	p.Barrier()
}

// upLevelPlaces is upLevel on this place's share of the coarse planes,
// with a barrier wherever upLevel waits for the neighbours' edge planes.
// The caller puts a barrier after it.
func (m *mg) upLevelPlaces(p *places.Place, k int, v []float64, again, norm bool) {
	c0, c1 := p.Block(0, m.lv[k-1].n3-1)
	s, mx := m.upLevel(k, v, again, norm, c0, c1, placeSync{p})
	if norm {
		m.normReduce(p, s, mx)
	}
}

// placeSync is the synchronisation of upLevel among places: a barrier.
type placeSync struct{ p *places.Place }

func (s placeSync) edgesDone(upStage, []float64, int) { s.p.Barrier() }

// upStage names the stages of upLevel after which it waits for the edge
// planes of its neighbours (upSync).
type upStage int

const (
	afterInterp upStage = iota // u on level k, interpolated
	afterResid                 // r on level k
	afterPsinv                 // u on level k, smoothed
)

// upSync is what upLevel waits for once it has computed the edge planes
// of a stage (the stage's output is z on level k): until the neighbours
// that read them have them, and its own ghost planes are theirs.
type upSync interface {
	edgesDone(stage upStage, z []float64, k int)
}

// upLevel is mg3P's work on level k on the way up, for the fine planes
// that coarse planes c0..c1-1 interpolate onto: interp from level k-1,
// resid (r = v - A u; below the finest level v is r itself), psinv, and
// with again a second resid (the one after the cycle; with norm it returns
// the sum of squares and the largest magnitude of its new values, to
// reduce as norm2u3 does). Below the finest level u starts from zero: the
// reference's zero3 before interp, done by interp row by row.
//
// The stages are streamed plane by plane, so that each finds the planes
// the previous one wrote still in cache: interp of the coarse plane that
// covers plane i+1, resid of plane i, psinv of plane i-1, the second resid
// of plane i-2. A stage reads three planes of the previous stage's output,
// and psinv and the second resid overwrite what the stage before them
// reads. So upLevel first runs the stages near the ends of its block,
// where the neighbours' planes come in (the next place's, or the next
// rank's; with the periodic ghost planes, the first and last are
// neighbours too), with sync.edgesDone after each: interp for planes
// lo-1..lo+2 and hi-3..hi, resid for lo, lo+1, hi-2, hi-1, psinv for lo
// and hi-1; then it streams through the rest. The blocks are the images
// of a block of coarse planes, so interp writes only this block's planes.
func (b *box) upLevel(k int, v []float64, again, norm bool, c0, c1 int, sync upSync) (s, mx float64) {
	kc := k - 1
	z, u, r := b.grid(b.u, kc), b.grid(b.u, k), b.grid(b.r, k)
	zero := k < b.lt
	lo, hi := max(2*c0, 1), min(2*c1, b.lv[k].n3-1)
	hi = max(hi, lo)

	// Is coarse plane c one of those interpolated before the stream?
	edgeI := func(c int) bool {
		f0, f1 := 2*c, 2*c+1
		return (f1 >= lo-1 && f0 <= lo+2) || (f1 >= hi-3 && f0 <= hi)
	}
	edgeA := func(i int) bool { return i < lo+2 || i >= hi-2 }

	for c := c0; c < c1; c++ {
		if edgeI(c) {
			b.interpPlane(z, kc, u, c, zero)
		}
	}
	sync.edgesDone(afterInterp, u, k)
	for i := lo; i < hi; i++ {
		if edgeA(i) {
			b.residPlane(u, v, r, k, i)
		}
	}
	sync.edgesDone(afterResid, r, k)
	if lo < hi {
		b.psinvPlane(r, u, k, lo)
	}
	if hi-1 > lo {
		b.psinvPlane(r, u, k, hi-1)
	}
	sync.edgesDone(afterPsinv, u, k)

	nextC := c0
	for i := lo; i < hi+2; i++ {
		if !edgeA(i) && i < hi {
			for ; nextC < c1 && 2*nextC <= i+1; nextC++ {
				if !edgeI(nextC) {
					b.interpPlane(z, kc, u, nextC, zero)
				}
			}
			b.residPlane(u, v, r, k, i)
		}
		if j := i - 1; j >= lo+1 && j < hi-1 {
			b.psinvPlane(r, u, k, j)
		}
		if j := i - 2; again && j >= lo && j < hi {
			if norm {
				s, mx = b.residPlaneNorm(u, v, r, k, j, s, mx)
			} else {
				b.residPlane(u, v, r, k, j)
			}
		}
	}
	return s, mx
}
