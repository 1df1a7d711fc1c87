package ft

import (
	"fmt"
	"math"

	"npbgo/npb"
)

// params is one FT problem class (sys/setparams.c of NPB3.4).
type params struct {
	class      npb.Class
	nx, ny, nz int
	niter      int
}

// paramsFor reads class c's parameters from the reference data.
func paramsFor(c npb.Class) (params, error) {
	r, err := npb.ClassParams[reference]("FT", c)
	if err != nil {
		return params{}, fmt.Errorf("ft: %w", err)
	}
	p := params{class: c, nx: r.Params.Nx, ny: r.Params.Ny, nz: r.Params.Nz, niter: r.Params.Niter}
	if p.nx <= 0 || p.ny <= 0 || p.nz <= 0 || p.niter <= 0 {
		return params{}, fmt.Errorf("ft: class %s: incomplete parameters %+v", c, r.Params)
	}
	return p, nil
}

// ntotal is the number of grid points.
func (p params) ntotal() int { return p.nx * p.ny * p.nz }

// mops is the official operation rate for a run of t seconds (ft.f: the
// constants are default-real literals in the reference, as here).
func (p params) mops(t float64) float64 {
	if t <= 0 {
		return 0
	}
	n := float64(p.ntotal())
	ln := math.Log(n)
	return 1e-6 * n * (float64(float32(14.8157)) + float64(float32(7.19641))*ln +
		(float64(float32(5.23518))+float64(float32(7.21113))*ln)*float64(p.niter)) / t
}

// reference is the FT entry of npb/reference.json for one class.
type reference struct {
	Params struct {
		Nx    int `json:"nx"`
		Ny    int `json:"ny"`
		Nz    int `json:"nz"`
		Niter int `json:"niter"`
	} `json:"params"`
	Verification struct {
		Checksums []struct {
			Iteration int     `json:"iteration"`
			Re        float64 `json:"re"`
			Im        float64 `json:"im"`
		} `json:"checksums"`
	} `json:"verification"`
}

// referenceSums returns the official checksums of class c, indexed by
// iteration - 1.
func referenceSums(c npb.Class, niter int) ([]complex128, error) {
	r, err := npb.ClassParams[reference]("FT", c)
	if err != nil {
		return nil, fmt.Errorf("ft: %w", err)
	}
	sums := make([]complex128, niter)
	seen := make([]bool, niter)
	for _, s := range r.Verification.Checksums {
		if s.Iteration < 1 || s.Iteration > niter {
			return nil, fmt.Errorf("ft: reference checksum for iteration %d of class %s, want 1..%d", s.Iteration, c, niter)
		}
		sums[s.Iteration-1] = complex(s.Re, s.Im)
		seen[s.Iteration-1] = true
	}
	for i, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("ft: no reference checksum for iteration %d of class %s", i+1, c)
		}
	}
	return sums, nil
}
