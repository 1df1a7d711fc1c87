package cfd

import (
	"math"

	"npbgo/runtime/places"
)

// The norms add up squares one k-plane at a time (each place its own
// planes, j, i and m in the reference's order within a plane) and then add
// the planes in k order after a barrier: the result is bitwise the same
// for every number of places, which an OpenMP reduction is not.

// ErrorNorm is error_norm: per component, the RMS difference between U and
// the exact solution over all grid points, divided by the interior counts.
// Collective; every place gets the same result.
func (a *ADI) ErrorNorm(p *places.Place) [5]float64 {
	lo, hi := p.Block(0, a.Nz)
	var e Cell
	for k := lo; k < hi; k++ {
		zeta := float64(k) * a.Dnzm1
		var s [5]float64
		for j := 0; j < a.Ny; j++ {
			eta := float64(j) * a.Dnym1
			row := a.U[a.P(0, j, k):][:a.Nx]
			for i := range row {
				ExactSolution(float64(i)*a.Dnxm1, eta, zeta, &e)
				c := &row[i]
				for m := range 5 {
					add := c[m] - e[m]
					s[m] = s[m] + add*add
				}
			}
		}
		copy(a.planeSums[k*planeStride:][:5], s[:])
	}
	return a.sumPlanes(p, 0, a.Nz)
}

// RHSNorm is rhs_norm: per component, the RMS of RHS over the interior.
// Collective; every place gets the same result.
func (a *ADI) RHSNorm(p *places.Place) [5]float64 {
	lo, hi := p.Block(1, a.Nz-1)
	for k := lo; k < hi; k++ {
		var s [5]float64
		for j := 1; j < a.Ny-1; j++ {
			row := a.RHS[a.P(1, j, k):][:a.Nx-2]
			for i := range row {
				c := &row[i]
				for m := range 5 {
					add := c[m]
					s[m] = s[m] + add*add
				}
			}
		}
		copy(a.planeSums[k*planeStride:][:5], s[:])
	}
	return a.sumPlanes(p, 1, a.Nz-1)
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
	for m := range 5 {
		rms[m] = rms[m] / float64(a.Nx-2) / float64(a.Ny-2) / float64(a.Nz-2)
		rms[m] = math.Sqrt(rms[m])
	}
	return rms
}
