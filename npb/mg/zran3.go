package mg

import (
	"npbgo/npb"
	"npbgo/runtime/places"
)

// mm is the number of charges of each sign (mg.f zran3's mm).
const mm = 10

// topTen holds the mm largest (index 1) and mm smallest (index 0) values
// seen so far, sorted so that element 0 is the one to beat next, with the
// flat grid index of each (mg.f zran3's ten and j1, j2, j3).
type topTen struct {
	ten [2][mm]float64
	j   [2][mm]int
}

func (t *topTen) reset() {
	for i := range mm {
		t.ten[1][i], t.j[1][i] = 0, 0
		t.ten[0][i], t.j[0][i] = 1, 0
	}
}

// bubble moves a newly inserted element 0 of list ind up to its place
// (mg.f bubble): ascending for the largest values, descending for the
// smallest.
func (t *topTen) bubble(ind int) {
	ten, j := &t.ten[ind], &t.j[ind]
	for i := 0; i < mm-1; i++ {
		if (ind == 1 && ten[i] > ten[i+1]) || (ind == 0 && ten[i] < ten[i+1]) {
			ten[i], ten[i+1] = ten[i+1], ten[i]
			j[i], j[i+1] = j[i+1], j[i]
		} else {
			return
		}
	}
}

// zran3 fills level k (the finest) of z with +1 at the mm points where a
// uniform random field is largest, -1 where it is smallest and 0 elsewhere
// (mg.f zran3).
// Each place draws its own planes (zran3Plane) and finds their top ten
// (scan); the lists are then merged in place order (mergeTopTen), as
// mg.f does with its ordered loop over threads. The random numbers of one
// period are distinct, so the charges are the same for every number of
// places.
func (m *mg) zran3(p *places.Place, z []float64, k int) {
	l := m.lv[k]
	lo, hi := p.Block(1, l.n3-1)
	for i3 := lo; i3 < hi; i3++ {
		m.zran3Plane(z, k, i3, [3]int{})
	}
	m.cand[p.ID()].scan(z, l, lo, hi)
	p.Barrier()
	// Every place merges the same lists in the same order, so all agree
	// without another barrier.
	jg := mergeTopTen(m.cand)
	p.Barrier() // everyone has read the lists before they are reset next time

	clear(z[lo*l.ps : hi*l.ps])
	jg.charge(z, p.ID())
	for i3 := lo; i3 < hi; i3++ {
		m.comm3Plane(z, k, i3)
	}
}

// zran3Plane fills the interior of plane i3 of level k of z with the
// random numbers of its points. The box's first interior point is point
// o of the whole nx×ny×nz grid (counted from 0); point (g1, g2, g3) takes
// the random number of step 1 + g1 + nx*(g2 + ny*g3) from the NPB seed.
// The plane starts from a seed jumped ahead to its first point (mg.f
// power), each row from one jumped a row ahead of the last.
func (b *box) zran3Plane(z []float64, k, i3 int, o [3]int) {
	l := b.lv[k]
	const a = npb.Multiplier
	nx, ny := int64(b.nx), int64(b.ny)
	a1 := npb.Ipow46(a, nx)
	x1 := npb.Jump(npb.Seed, a, int64(o[0])+nx*(int64(o[1])+ny*int64(o[2]+i3-1)))
	for i2 := 1; i2 < l.n2-1; i2++ {
		xx := x1
		r := i3*l.ps + i2*l.n1
		npb.Vranlc(z[r+1:r+l.n1-1], &xx, a)
		npb.Randlc(&x1, a1)
	}
}

// scan resets t and collects the top ten of the interior of planes
// lo..hi-1 of level l of z, in mg.f's loop order; j is the point's offset
// in z.
func (t *topTen) scan(z []float64, l level, lo, hi int) {
	t.reset()
	for i3 := lo; i3 < hi; i3++ {
		for i2 := 1; i2 < l.n2-1; i2++ {
			o := i3*l.ps + i2*l.n1
			for i1, x := range z[o+1 : o+l.n1-1] {
				if x > t.ten[1][0] {
					t.ten[1][0], t.j[1][0] = x, o+1+i1
					t.bubble(1)
				}
				if x < t.ten[0][0] {
					t.ten[0][0], t.j[0][0] = x, o+1+i1
					t.bubble(0)
				}
			}
		}
	}
}

// charges are the points of the mm charges of each sign: the list (place
// or rank) that found each, and its offset j there.
type charges [2][mm]struct{ q, j int }

// mergeTopTen finds the mm largest and mm smallest values of all lists, as
// mg.f's loop of reductions does: the best of the lists' next unused
// candidates, mm times.
func mergeTopTen(cand []paddedTopTen) (jg charges) {
	var head [2][]int // next unused candidate of each list
	for ind := range head {
		head[ind] = make([]int, len(cand))
		for q := range cand {
			head[ind][q] = mm - 1
		}
	}
	for i := mm - 1; i >= 0; i-- {
		best1, best0 := 0.0, 1.0
		q1, q0 := -1, -1
		for q := range cand {
			c := &cand[q]
			if h := head[1][q]; h >= 0 && c.ten[1][h] > best1 {
				best1, q1 = c.ten[1][h], q
			}
			if h := head[0][q]; h >= 0 && c.ten[0][h] < best0 {
				best0, q0 = c.ten[0][h], q
			}
		}
		jg[1][i].q, jg[1][i].j = q1, cand[q1].j[1][head[1][q1]]
		head[1][q1]--
		jg[0][i].q, jg[0][i].j = q0, cand[q0].j[0][head[0][q0]]
		head[0][q0]--
	}
	return jg
}

// charge sets the charges list q found in z: -1 at the smallest values,
// +1 at the largest.
func (jg *charges) charge(z []float64, q int) {
	for sign := range jg {
		for _, c := range jg[sign] {
			if c.q == q {
				z[c.j] = float64(2*sign - 1)
			}
		}
	}
}
