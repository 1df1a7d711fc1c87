package cfd

import (
	"math"

	"npbgo/runtime/places"
)

// The norms add up squares one k-plane at a time (each place its own
// planes, j, i and m in the reference's order within a plane) and then add
// the planes in k order after a barrier: the result is bitwise the same
// for every number of places, which an OpenMP reduction is not. The
// message-passing forms add up their boxes as NPB-MPI does, in one running
// sum per rank (ErrorSums, RHSSums), and then across ranks.

// ErrorNorm is error_norm: per component, the RMS difference between U and
// the exact solution over all grid points, divided by the interior counts.
// Collective; every place gets the same result.
func (a *ADI) ErrorNorm(p *places.Place) [5]float64 {
	lo, hi := p.Block(0, a.Nz)
	for k := lo; k < hi; k++ {
		var s [5]float64
		for j := 0; j < a.Ny; j++ {
			a.errorRow(&s, j, k, 0, a.Nx)
		}
		copy(a.planeSums[k*planeStride:][:5], s[:])
	}
	return a.sumPlanes(p, 0, a.Nz)
}

// ErrorSums adds to s the squared differences between U and the exact
// solution at the box's points, k, j, i and m in the reference's order.
func (a *ADI) ErrorSums(s *[5]float64) {
	for k := a.Lo[2]; k < a.Hi[2]; k++ {
		for j := a.Lo[1]; j < a.Hi[1]; j++ {
			a.errorRow(s, j, k, a.Lo[0], a.Hi[0])
		}
	}
}

// errorRow adds to s the squared errors at the points [i0, i1) of the ξ
// row (j, k).
func (a *ADI) errorRow(s *[5]float64, j, k, i0, i1 int) {
	zeta := float64(k) * a.Dnzm1
	eta := float64(j) * a.Dnym1
	row := a.U[a.P(i0, j, k):][:i1-i0]
	var e Cell
	for i := range row {
		ExactSolution(float64(i0+i)*a.Dnxm1, eta, zeta, &e)
		c := &row[i]
		for m := range 5 {
			add := c[m] - e[m]
			s[m] = s[m] + add*add
		}
	}
}

// RHSNorm is rhs_norm: per component, the RMS of RHS over the interior.
// Collective; every place gets the same result.
func (a *ADI) RHSNorm(p *places.Place) [5]float64 {
	lo, hi := p.Block(1, a.Nz-1)
	for k := lo; k < hi; k++ {
		var s [5]float64
		for j := 1; j < a.Ny-1; j++ {
			a.rhsRow(&s, j, k)
		}
		copy(a.planeSums[k*planeStride:][:5], s[:])
	}
	return a.sumPlanes(p, 1, a.Nz-1)
}

// RHSSums adds to s the squares of RHS at the box's interior points, in
// the reference's order.
func (a *ADI) RHSSums(s *[5]float64) {
	j0, j1 := a.Inner(1)
	k0, k1 := a.Inner(2)
	for k := k0; k < k1; k++ {
		for j := j0; j < j1; j++ {
			a.rhsRow(s, j, k)
		}
	}
}

// rhsRow adds to s the squares of RHS at the box's interior points of the
// ξ row (j, k).
func (a *ADI) rhsRow(s *[5]float64, j, k int) {
	x0, x1 := a.Inner(0)
	row := a.RHS[a.P(x0, j, k):][:x1-x0]
	for i := range row {
		c := &row[i]
		for m := range 5 {
			add := c[m]
			s[m] = s[m] + add*add
		}
	}
}

// sumPlanes adds the plane sums of planes [k0, k1) in k order and scales
// them as both norms do.
func (a *ADI) sumPlanes(p *places.Place, k0, k1 int) [5]float64 {
	p.Barrier()
	var rms [5]float64
	for k := k0; k < k1; k++ {
		s := a.planeSums[k*planeStride:][:5]
		for m := range 5 {
			rms[m] += s[m]
		}
	}
	p.Barrier() // the sums may be overwritten by the next norm
	return a.NormScale(rms)
}

// NormScale turns the sums of squares over the grid into the RMS norms of
// error_norm and rhs_norm: divided by the interior counts, square root.
func (a *ADI) NormScale(rms [5]float64) [5]float64 {
	for m := range 5 {
		rms[m] = rms[m] / float64(a.Nx-2) / float64(a.Ny-2) / float64(a.Nz-2)
		rms[m] = math.Sqrt(rms[m])
	}
	return rms
}
