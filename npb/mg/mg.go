// Package mg is NPB MG, the V-cycle multigrid solver of a 3-D Poisson
// problem with periodic boundaries, following NPB3.4-OMP MG/mg.f: zran3 sets
// ten +1 and ten -1 charges in v, and nit V-cycles (mg3P: rprj3 down to the
// coarsest level, psinv there, then interp, resid and psinv back up) each
// followed by resid reduce the residual r = v - A u, whose L2 norm (norm2u3)
// is verified.
//
// Every grid level lives in one flat []float64 with explicit strides (u and
// r hold all levels, like the reference's u/r with ir offsets; v only the
// finest). The planes (i3) of every level are split over the places; each
// place exchanges the periodic borders (comm3) of the planes it computed,
// so one barrier per grid operation suffices. The plane stride is padded to
// a cache line, so no two places ever write one line. On the way up the
// V-cycle, interp, resid and psinv of a level (and on the finest level the
// resid after the cycle) stream through the planes together, so that each
// finds its input in cache; the arithmetic is the reference's, operation
// for operation, so the result does not depend on the number of places
// except for the order in which the places' norm sums are added.
package mg

import (
	"math"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// lb is the coarsest level (mg.f's lb).
const lb = 1

// lineFloats is a cache line in float64s.
const lineFloats = 8

// level is the geometry of one grid level of a box: n1×n2×n3 points
// including the two ghost layers of each axis (mg.f's m1, m2, m3), rows of
// n1, planes of ps >= n1*n2 (padded to a cache line), at offset off in u
// and r (mg.f's ir). In the shared-memory form the box is the whole grid,
// a cube; in the message-passing form it is a rank's block.
//
// inPlane and wrap3 say which borders comm3Plane fills as each plane is
// computed: the i1 and i2 borders of the plane (inPlane), and the opposite
// ghost plane from the first or last interior plane (wrap3). Both are set
// for the whole grid, and for an axis of a rank's box whose neighbours
// along it are the rank itself; the other borders come by message.
type level struct {
	n1, n2, n3 int
	ps, off    int

	inPlane, wrap3 bool
}

func (l level) size() int { return l.ps * l.n3 }

// newLevel lays out an n1×n2×n3 level at offset off.
func newLevel(n1, n2, n3, off int) level {
	ps := (n1*n2 + lineFloats - 1) / lineFloats * lineFloats
	return level{n1: n1, n2: n2, n3: n3, ps: ps, off: off}
}

// levels lays out levels 1..lt of an nx-cubed grid, finest first, as mg.f's
// setup does (level 0 is unused).
func levels(nx, lt int) (lv []level, total int) {
	lv = make([]level, lt+1)
	for k := lt; k >= 1; k-- {
		n := 2 + nx>>(lt-k)
		lv[k] = newLevel(n, n, n, total)
		lv[k].inPlane, lv[k].wrap3 = true, true
		total += lv[k].size()
	}
	return lv, total
}

// box is the grid levels of one box, the arrays on them and the operators'
// coefficients: what mg.f's grid operations work on. Its methods compute
// one plane at a time; the shared-memory form (mg) and the message-passing
// form (rank) both call them, each on its own box.
type box struct {
	params
	a  [4]float64
	lv []level
	// u and r hold every level (level k at lv[k].off); v the finest only.
	u, r, v []float64
}

func newBox(p params, lv []level, total int) box {
	return box{params: p, a: opA, lv: lv,
		u: make([]float64, total), r: make([]float64, total), v: make([]float64, lv[p.lt].size())}
}

// grid returns level k of a multi-level array (u or r).
func (b *box) grid(z []float64, k int) []float64 {
	l := b.lv[k]
	return z[l.off : l.off+l.size()]
}

// Memory is the bytes MG needs for class c on any number of places: u and
// r on all levels, v on the finest.
func Memory(c npb.Class, _ int) int64 {
	p, err := classParams(c)
	if err != nil {
		return 0
	}
	lv, total := levels(p.nx, p.lt)
	return 8 * int64(2*total+lv[p.lt].size())
}

// paddedTopTen keeps the places' top-ten lists on cache lines of their own.
type paddedTopTen struct {
	topTen
	_ [2 * lineFloats]float64
}

// mg is one run of the shared-memory form: the whole grid, the group and
// the region bodies.
type mg struct {
	box
	// cand collects every place's top-ten lists in zran3.
	cand []paddedTopTen

	rnm2, rnmu float64

	// Region bodies, made once so that Group.Run allocates nothing.
	initBody, benchBody func(*places.Place)
}

func newMG(p params, g *places.Group) *mg {
	lv, total := levels(p.nx, p.lt)
	m := &mg{box: newBox(p, lv, total)}
	m.cand = make([]paddedTopTen, g.NP())
	m.initBody = m.initialize
	m.benchBody = m.bench
	return m
}

// initialize is the untimed part of mg.f after setup: u = 0, v from zran3,
// one V-cycle for startup, then u and v are set up again.
func (m *mg) initialize(p *places.Place) {
	lt := m.lt
	u, r := m.grid(m.u, lt), m.grid(m.r, lt)
	m.zero3(p, u, lt)
	m.zran3(p, m.v, lt)
	p.Barrier()
	m.resid(p, u, m.v, r, lt, false)
	m.norm2u3(p, r, lt)
	m.mg3PResid(p, false)
	m.zero3(p, u, lt)
	m.zran3(p, m.v, lt)
}

// bench is mg.f's timed region: resid and its norm, nit V-cycles each
// followed by resid, and the final norm.
func (m *mg) bench(p *places.Place) {
	lt := m.lt
	u, r := m.grid(m.u, lt), m.grid(m.r, lt)
	m.resid(p, u, m.v, r, lt, true) // and norm2u3
	for it := 1; it <= m.nit; it++ {
		m.mg3PResid(p, it == m.nit) // the last resid with norm2u3
	}
}

// norm2u3 sets m.rnm2 and m.rnmu to the L2 norm (divided by the number of
// grid points) and the maximum norm of the interior of level k of r (mg.f
// norm2u3). Each place sums its own planes, then the sums are combined in
// place order, so the result is the same on every place and every run. It
// reads only the planes this place's resid wrote, so it needs no barrier
// before it.
func (m *mg) norm2u3(p *places.Place, r []float64, k int) {
	lo, hi := p.Block(1, m.lv[k].n3-1)
	s, mx := m.norm2u3Planes(r, k, lo, hi)
	m.normReduce(p, s, mx)
}

// norm2u3Planes adds the squares of the interior points of planes lo..hi-1
// of level k of r, in mg.f's loop order, and finds their largest magnitude.
func (b *box) norm2u3Planes(r []float64, k, lo, hi int) (s, mx float64) {
	l := b.lv[k]
	n1, ps := l.n1, l.ps
	for i3 := lo; i3 < hi; i3++ {
		for i2 := 1; i2 < l.n2-1; i2++ {
			o := i3*ps + i2*n1
			for _, x := range r[o+1 : o+n1-1] {
				s += x * x
				if a := math.Abs(x); a > mx {
					mx = a
				}
			}
		}
	}
	return s, mx
}

// normReduce combines the places' sums of squares s and maxima mx into
// m.rnm2 and m.rnmu (on place 0, the only reader).
func (m *mg) normReduce(p *places.Place, s, mx float64) {
	s = p.SumFloat64(s)
	mx = p.MaxFloat64(mx)
	if p.ID() == 0 {
		dn := float64(m.nx) * float64(m.ny) * float64(m.nz)
		m.rnm2, m.rnmu = math.Sqrt(s/dn), mx
	}
}
