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

// level is the geometry of one grid level: n points a side including the
// two ghost layers (mg.f's m1 = m2 = m3), rows of n, planes of ps >= n*n
// (padded to a cache line), at offset off in u and r (mg.f's ir).
type level struct {
	n, ps, off int
}

func (l level) size() int { return l.ps * l.n }

// levels lays out levels 1..lt of an nx-cubed grid, finest first, as mg.f's
// setup does (level 0 is unused).
func levels(nx, lt int) (lv []level, total int) {
	lv = make([]level, lt+1)
	for k := lt; k >= 1; k-- {
		n := 2 + nx>>(lt-k)
		ps := (n*n + lineFloats - 1) / lineFloats * lineFloats
		lv[k] = level{n: n, ps: ps, off: total}
		total += lv[k].size()
	}
	return lv, total
}

// Memory is the bytes MG needs for class c: u and r on all levels, v on
// the finest.
func Memory(c npb.Class) int64 {
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

// mg is one run: the grids, the group and the region bodies.
type mg struct {
	params
	lv []level
	// u and r hold every level (level k at lv[k].off); v the finest only.
	u, r, v []float64
	a       [4]float64
	// cand collects every place's top-ten lists in zran3.
	cand []paddedTopTen

	rnm2, rnmu float64

	// Region bodies, made once so that Group.Run allocates nothing.
	initBody, benchBody func(*places.Place)
}

func newMG(p params, g *places.Group) *mg {
	m := &mg{params: p, a: opA}
	var total int
	m.lv, total = levels(p.nx, p.lt)
	m.u = make([]float64, total)
	m.r = make([]float64, total)
	m.v = make([]float64, m.lv[p.lt].size())
	m.cand = make([]paddedTopTen, g.NP())
	m.initBody = m.initialize
	m.benchBody = m.bench
	return m
}

// grid returns level k of a multi-level array (u or r).
func (m *mg) grid(z []float64, k int) []float64 {
	l := m.lv[k]
	return z[l.off : l.off+l.size()]
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
	l := m.lv[k]
	n, ps := l.n, l.ps
	var s, mx float64
	lo, hi := p.Block(1, n-1)
	for i3 := lo; i3 < hi; i3++ {
		for i2 := 1; i2 < n-1; i2++ {
			o := i3*ps + i2*n
			for _, x := range r[o+1 : o+n-1] {
				s += x * x
				if a := math.Abs(x); a > mx {
					mx = a
				}
			}
		}
	}
	m.normReduce(p, s, mx)
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
