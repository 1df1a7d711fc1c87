package cgmpi

import (
	"fmt"
	"math"

	"npbgo/npb"
)

// cgitmax is the number of CG steps per outer iteration.
const cgitmax = 25

// params are one class's parameters and reference zeta, from the CG entry
// of reference.json.
type params struct {
	Params struct {
		Na     int     `json:"na"`
		Nonzer int     `json:"nonzer"`
		Niter  int     `json:"niter"`
		Shift  float64 `json:"shift"`
		Rcond  float64 `json:"rcond"`
		Nz     int64   `json:"nz_array_size"`
	} `json:"params"`
	Verification struct {
		Zeta struct {
			Value float64 `json:"value"`
		} `json:"zeta_verify_value"`
	} `json:"verification"`
}

func classParams(c npb.Class) (*params, error) {
	pr, err := npb.ClassParams[params]("CG", c)
	if err != nil {
		return nil, fmt.Errorf("cg-mpi: %w", err)
	}
	p := &pr.Params
	if p.Na <= 0 || p.Nonzer <= 0 || p.Niter <= 0 || pr.Verification.Zeta.Value == 0 {
		return nil, fmt.Errorf("cg-mpi: incomplete reference parameters for class %s", c)
	}
	if p.Nz > math.MaxInt32 {
		return nil, fmt.Errorf("cg-mpi: class %s needs %d matrix entries, more than int32 row pointers hold", c, p.Nz)
	}
	return &pr, nil
}

// memory estimates the peak bytes of class c over all ranks: the matrix
// (bounded by nz), the vectors of every rank, and each rank's copy of the
// random vectors makea draws.
func memory(c npb.Class) int64 {
	pr, err := classParams(c)
	if err != nil {
		return 0
	}
	p := pr.Params
	na, w := int64(p.Na), int64(p.Nonzer+1)
	return p.Nz*12 + 6*na*8 + na*w*(8+4+4) + na*16
}

// mops is the official operation count of CG over t seconds.
func mops(na, nonzer, niter int, t float64) float64 {
	if t == 0 {
		return 0
	}
	nz := float64(nonzer) * float64(nonzer+1)
	return 1e-6 * 2 * float64(niter) * float64(na) * (3 + nz + 25*(5+nz) + 3) / t
}
