package mg

import "npbgo/npb"

// Traffic is MG's model of the bytes its timed region moves between
// memory and a last-level cache of llc bytes (npb.Problem.Traffic), for
// mg.f's timed region as cycle.go runs it, level by level: a level moves
// its share only when its arrays do not fit in the cache, so the coarse
// levels cost nothing once the fine ones are out of the way.
//
// A level of m points (n³, n = nx/2^j) holds u and r, and the finest v
// too, 8 B per point each. Per V-cycle a level is crossed twice: going
// down, rprj3 reads its r (8 B per point; the coarse r it writes is an
// eighth of that, counted with the coarser level) and the coarser levels'
// u is cleared (8 B); going up, interp, resid and psinv stream through the
// planes together (and on the finest level the resid after the cycle
// with them), so u is read and written once, r written once, and on the
// finest v read once: 32 B per point. That is 40 B per point and
// iteration on every level (the clear of u on the finest level is
// replaced by v's read). Before the iterations, resid reads u and v and
// writes r (24 B), and the two norm2u3 read r (16 B) on the finest level.
func Traffic(nx, lt, nit int) func(llc int64) float64 {
	return func(llc int64) float64 {
		var bytes float64
		for j := range lt {
			n := float64(nx >> j)
			m := n * n * n
			set := 16 * m
			if j == 0 {
				set += 8 * m
				bytes += npb.Streamed(llc, set, 40*m)
			}
			bytes += npb.Streamed(llc, set, float64(nit)*40*m)
		}
		return bytes
	}
}
