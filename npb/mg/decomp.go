package mg

import (
	"fmt"
	"math/bits"

	"npbgo/runtime/comm"
)

// maxProcs is mg.f's upper limit on the number of processes (mg_data's
// maxprocs, what its array sizes can handle).
const maxProcs = 131072

// decomp is a rank's place in mg.f's 3-D process grid and what setup
// derives from it for every level (mg.f setup, 0-based): the rank's box,
// its neighbours, and how the coarse levels are handled once there are
// more processes along an axis than grid points.
//
// The ranks form a pi[0]×pi[1]×pi[2] grid, rank me at idi, the last axis
// split first, then the middle one, then the first (log_p/3 doublings
// along axis 0, half the rest along axis 1). On level k, of 2^k points a
// side, process idi along an axis owns points (idi·2^k)/pi to
// ((idi+1)·2^k)/pi - 1: a share of the points, or, once 2^k < pi, one
// point on one process in pi/2^k and none on the others. A process with
// no point along some axis is dead on that level (its arrays are zero);
// the live ones exchange borders with the live ones next to them, next
// processes away (next doubles with each level where processes die), and
// on the way up the V-cycle a live process hands its interpolated borders
// to the dead neighbours that come alive (give_ex/take_ex, comm3_ex).
type decomp struct {
	me, np  int
	pi, idi [3]int
	// Per level k (index k, 1..lt): the box's points per axis with the
	// ghost layers (mg.f mi: 2 for a dead axis), the neighbours along each
	// axis in the - and + direction (nbr[k][ax][0] and [1]), whether the
	// rank is dead, and whether it gives or takes borders in comm3_ex.
	m              [][3]int
	nbr            [][3][2]int
	dead           []bool
	giveEx, takeEx [][3]bool
	// is is the first interior point of the finest box in the whole grid
	// (mg.f is1-2, is2-2, is3-2).
	is [3]int
}

// checkRanks refuses a number of ranks mg.f does not run the class on: it
// takes only powers of two (it leaves the processes beyond the largest
// power of two idle; we refuse them), up to maxprocs, and only as many as
// leave every rank the mm points zran3 takes its candidates from (with
// fewer, mg.f reads its candidate lists' unset entries outside its grid).
func checkRanks(p params, np int) error {
	if !comm.PowerOfTwo(np) {
		return &comm.RankCountError{Kernel: "mg-mpi", Ranks: np, Want: "a power of two"}
	}
	most := maxProcs
	for most > 1 && p.nx*p.ny*p.nz/most < mm {
		most /= 2
	}
	if np > most {
		return &comm.RankCountError{Kernel: "mg-mpi", Ranks: np, Want: fmt.Sprintf("at most %d for class %s", most, p.class)}
	}
	return nil
}

// newDecomp is mg.f's setup for rank me of np (a power of two that
// checkRanks accepts) on the class's grid of 2^lt points a side.
func newDecomp(p params, me, np int) (*decomp, error) {
	if err := checkRanks(p, np); err != nil {
		return nil, err
	}
	d := &decomp{me: me, np: np}
	logp := bits.TrailingZeros(uint(np))
	dx := logp / 3
	dy := (logp - dx) / 2
	d.pi = [3]int{1 << dx, 1 << dy, np >> (dx + dy)}
	d.idi = [3]int{me % d.pi[0], me / d.pi[0] % d.pi[1], me / (d.pi[0] * d.pi[1])}

	lt := p.lt
	d.m = make([][3]int, lt+1)
	d.nbr = make([][3][2]int, lt+1)
	d.dead = make([]bool, lt+1)
	d.giveEx = make([][3]bool, lt+1)
	d.takeEx = make([][3]bool, lt+1)
	next := [3]int{1, 1, 1}
	for k := lt; k >= 1; k-- {
		ng := p.nx >> (lt - k)
		for ax := range 3 {
			pi, idi := d.pi[ax], d.idi[ax]
			mi := 2 + ((idi+1)*ng)/pi - (idi*ng)/pi
			mip := 2 + ((next[ax]+idi+1)*ng)/pi - ((next[ax]+idi)*ng)/pi
			if mip == 2 || mi == 2 {
				next[ax] *= 2
			}
			if k < lt {
				d.giveEx[k+1][ax] = mip == 2 && mi == 3
				d.takeEx[k+1][ax] = mip == 3 && mi == 2
			}
			d.m[k][ax] = mi
			d.dead[k] = d.dead[k] || mi == 2
		}
		for ax := range 3 {
			for dir, step := range [2]int{-next[ax], next[ax]} {
				c := d.idi
				c[ax] = ((c[ax]+step)%d.pi[ax] + d.pi[ax]) % d.pi[ax]
				d.nbr[k][ax][dir] = c[0] + d.pi[0]*(c[1]+d.pi[1]*c[2])
			}
		}
	}
	for ax := range 3 {
		ng := p.nx
		d.is[ax] = ng - ((d.pi[ax]-d.idi[ax])*ng)/d.pi[ax]
	}
	return d, nil
}

// local reports whether the neighbours along axis ax on level k are the
// rank itself (one process along the axis, or one live one): its borders
// along ax are then its own, made periodic by copies (mg.f comm1p).
func (d *decomp) local(k, ax int) bool {
	return d.nbr[k][ax][0] == d.me && d.nbr[k][ax][1] == d.me
}

// levels lays out the rank's box on levels 1..lt, finest first, as
// levels does for the whole grid. A plane makes its own i1 and i2 borders
// periodic where both of those axes are local, and its i3 border too
// where all three are.
func (d *decomp) levels(lt int) (lv []level, total int) {
	lv = make([]level, lt+1)
	for k := lt; k >= 1; k-- {
		m := d.m[k]
		lv[k] = newLevel(m[0], m[1], m[2], total)
		lv[k].inPlane = d.local(k, 0) && d.local(k, 1)
		lv[k].wrap3 = lv[k].inPlane && d.local(k, 2)
		total += lv[k].size()
	}
	return lv, total
}
