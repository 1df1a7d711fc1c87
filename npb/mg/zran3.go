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
// (mg.f zran3). Point (i1, i2, i3) of the interior, counted from 0 and i1
// fastest, takes the random number of step 1 + i1 + nx*(i2 + ny*i3) from
// the NPB seed; each plane starts from a seed jumped ahead to it (mg.f
// power).
// Each place finds the top ten of its planes; the lists are then merged in
// place order, as mg.f does with its ordered loop over threads. The random
// numbers of one period are distinct, so the charges are the same for every
// number of places.
func (m *mg) zran3(p *places.Place, z []float64, k int) {
	l := m.lv[k]
	n, ps := l.n, l.ps
	nx, ny := m.nx, m.ny
	const a = npb.Multiplier
	a1 := npb.Ipow46(a, int64(nx))
	lo, hi := p.Block(1, n-1)

	// Fill this place's planes.
	for i3 := lo; i3 < hi; i3++ {
		x1 := npb.Jump(npb.Seed, a, int64(nx)*int64(ny)*int64(i3-1))
		for i2 := 1; i2 < n-1; i2++ {
			xx := x1
			o := i3*ps + i2*n
			npb.Vranlc(z[o+1:o+1+nx], &xx, a)
			npb.Randlc(&x1, a1)
		}
	}

	// Each place looks for its own twenty candidates.
	t := &m.cand[p.ID()].topTen
	t.reset()
	for i3 := lo; i3 < hi; i3++ {
		for i2 := 1; i2 < n-1; i2++ {
			o := i3*ps + i2*n
			for i1, x := range z[o+1 : o+n-1] {
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
	p.Barrier()

	// Which of these are globally best? Every place merges the same lists
	// in the same order, so all agree without another barrier.
	var jg [2][mm]int
	head := make([][2]int, len(m.cand)) // next unused candidate of each place
	for q := range head {
		head[q] = [2]int{mm - 1, mm - 1}
	}
	for i := mm - 1; i >= 0; i-- {
		best1, best0 := 0.0, 1.0
		q1, q0 := -1, -1
		for q := range m.cand {
			c := &m.cand[q]
			if h := head[q][1]; h >= 0 && c.ten[1][h] > best1 {
				best1, q1 = c.ten[1][h], q
			}
			if h := head[q][0]; h >= 0 && c.ten[0][h] < best0 {
				best0, q0 = c.ten[0][h], q
			}
		}
		jg[1][i] = m.cand[q1].j[1][head[q1][1]]
		head[q1][1]--
		jg[0][i] = m.cand[q0].j[0][head[q0][0]]
		head[q0][0]--
	}
	p.Barrier() // everyone has read the lists before they are reset next time

	// Zero this place's planes, set the charges that fall in them, and
	// make them periodic.
	clear(z[lo*ps : hi*ps])
	for _, sign := range [2]int{0, 1} {
		v := float64(2*sign - 1)
		for i := mm - 1; i >= 0; i-- {
			if j := jg[sign][i]; j >= lo*ps && j < hi*ps {
				z[j] = v
			}
		}
	}
	for i3 := lo; i3 < hi; i3++ {
		m.comm3(z, k, i3)
	}
}
