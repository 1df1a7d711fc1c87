package cg

import "npbgo/npb"

// Traffic is CG's model of the bytes its timed region moves between
// memory and a last-level cache of llc bytes (npb.Problem.Traffic), for
// the conj_grad of cg.f as cg.go runs it.
//
// Each of niter outer iterations makes 26 sparse products (25 in the
// conjugate-gradient loop, one for the residual r = A z). A product
// streams the matrix, 12 B per nonzero (an 8-byte value and a 4-byte
// column index), and the row starts, 8 B per row; it gathers p and
// writes q, 16 B per row. The vector operations of one CG step read or
// write 12 vectors of na float64 (p·q: 2; z += αp, r -= αq: 6; r·r: 1;
// p = r + βp: 3), 96 B per row; the outer iteration adds the residual
// norm, ‖z‖ and x = z/‖z‖, 48 B per row. The nonzero count is the
// bound cg.f allocates, na·(nonzer+1)², which makea's merging of
// duplicate entries undercuts by about 10%.
//
// When the matrix and the five vectors fit in the cache, nothing comes
// from memory after the warm-up iteration.
func Traffic(na, nonzer, niter int) func(llc int64) float64 {
	n := float64(na)
	nnz := n * float64(nonzer+1) * float64(nonzer+1)
	set := 12*nnz + 8*n + 5*8*n
	perIter := 26*(12*nnz+8*n+16*n) + 25*96*n + 48*n
	return func(llc int64) float64 {
		return npb.Streamed(llc, set, float64(niter)*perIter)
	}
}
