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
		m.upLevel(p, k, m.grid(m.r, k), false, false)
		p.Barrier()
	}
	m.upLevel(p, lt, m.v, true, norm)
	p.Barrier()
}

// upLevel is mg3P's work on level k on the way up: interp from level k-1,
// resid (r = v - A u; below the finest level v is r itself), psinv, and
// with again a second resid (the one after the cycle, with norm2u3 if
// norm). Below the finest level u starts from zero: the reference's zero3
// before interp, done by interp row by row.
//
// The stages are streamed plane by plane, so that each finds the planes
// the previous one wrote still in cache: interp of the coarse plane that
// covers plane i+1, resid of plane i, psinv of plane i-1, the second resid
// of plane i-2. A stage reads three planes of the previous stage's output,
// and psinv and the second resid overwrite what the stage before them
// reads. So each place first runs the stages near the ends of its block,
// where its neighbours' planes come in (with the periodic ghost planes, the
// first and last place are neighbours too), with a barrier after each:
// interp for planes lo-1..lo+2 and hi-3..hi, resid for lo, lo+1, hi-2,
// hi-1, psinv for lo and hi-1; then it streams through the rest. The
// blocks are the images of a block of coarse planes, so interp writes only
// this place's planes. The caller puts a barrier after it.
func (m *mg) upLevel(p *places.Place, k int, v []float64, again, norm bool) {
	kc := k - 1
	z, u, r := m.grid(m.u, kc), m.grid(m.u, k), m.grid(m.r, k)
	zero := k < m.lt
	c0, c1 := p.Block(0, m.lv[kc].n-1)
	lo, hi := max(2*c0, 1), min(2*c1, m.lv[k].n-1)
	hi = max(hi, lo)

	// Is coarse plane c one of those interpolated before the stream?
	edgeI := func(c int) bool {
		f0, f1 := 2*c, 2*c+1
		return (f1 >= lo-1 && f0 <= lo+2) || (f1 >= hi-3 && f0 <= hi)
	}
	edgeA := func(i int) bool { return i < lo+2 || i >= hi-2 }

	for c := c0; c < c1; c++ {
		if edgeI(c) {
			m.interpPlane(z, kc, u, c, zero)
		}
	}
	p.Barrier()
	for i := lo; i < hi; i++ {
		if edgeA(i) {
			m.residPlane(u, v, r, k, i)
		}
	}
	p.Barrier()
	if lo < hi {
		m.psinvPlane(r, u, k, lo)
	}
	if hi-1 > lo {
		m.psinvPlane(r, u, k, hi-1)
	}
	p.Barrier()

	var s, mx float64
	nextC := c0
	for i := lo; i < hi+2; i++ {
		if !edgeA(i) && i < hi {
			for ; nextC < c1 && 2*nextC <= i+1; nextC++ {
				if !edgeI(nextC) {
					m.interpPlane(z, kc, u, nextC, zero)
				}
			}
			m.residPlane(u, v, r, k, i)
		}
		if j := i - 1; j >= lo+1 && j < hi-1 {
			m.psinvPlane(r, u, k, j)
		}
		if j := i - 2; again && j >= lo && j < hi {
			if norm {
				s, mx = m.residPlaneNorm(u, v, r, k, j, s, mx)
			} else {
				m.residPlane(u, v, r, k, j)
			}
		}
	}
	if norm {
		m.normReduce(p, s, mx)
	}
}
