package lu

import "npbgo/npb"

// Traffic is LU's model of the bytes its timed region moves between
// memory and a last-level cache of llc bytes (npb.Problem.Traffic), for
// ssor.f's iterations as ssorBody runs them (lu and lu-hp alike).
//
// An iteration sweeps the grid four times, per point in 8-byte words:
// the lower sweep (rsd·dt, jacld and blts fused, the blocks formed from u,
// rho_i and qs where the solve uses them) reads u 5, rho_i and qs 2, and
// reads and writes rsd 10: 17; the upper sweep (jacu, buts) the same, 17;
// the update of u reads rsd 5 and reads and writes u 10: 15; rhs reads u
// 5 and frct 5, writes rsd 5 and rho_i, qs 2: 17. That is 66 words per
// point and iteration, over a working set of u, rsd, frct, rho_i and qs,
// 17 words per point. The flux rings of rhs and the norms, taken every
// inorm iterations, are small beside it.
func Traffic(nx, ny, nz, itmax int) func(llc int64) float64 {
	n := float64(nx) * float64(ny) * float64(nz)
	return func(llc int64) float64 {
		return npb.Streamed(llc, 8*17*n, 8*66*n*float64(itmax))
	}
}
