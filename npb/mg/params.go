package mg

import (
	"fmt"

	"npbgo/npb"
)

// params are the class parameters of mg.f (npbparams.h from setparams.c):
// an nx×ny×nz grid with lt levels, nit V-cycles, and the verification value
// of rnm2.
type params struct {
	class      npb.Class
	nx, ny, nz int
	nit        int
	lt         int
	verify     float64 // rnm2 reference
	epsilon    float64
	// c is the smoother S(a) (classes S, W, A) or S(b) (the others), as mg.f
	// chooses it from the class.
	c [4]float64
}

// Residual operator A of mg.f: a(1) = 0, which resid relies on.
var opA = [4]float64{-8.0 / 3.0, 0, 1.0 / 6.0, 1.0 / 12.0}

// Smoothers of mg.f; c(3) = 0, which psinv relies on.
var (
	smootherA = [4]float64{-3.0 / 8.0, +1.0 / 32.0, -1.0 / 64.0, 0}
	smootherB = [4]float64{-3.0 / 17.0, +1.0 / 33.0, -1.0 / 61.0, 0}
)

// classParams reads the parameters and the reference value of a class from
// the embedded reference data.
func classParams(c npb.Class) (params, error) {
	type mgRef struct {
		Params struct {
			NX, NY, NZ int
			Nit        int
			LT         int
		}
		Verification struct {
			Rnm2 struct {
				Value float64
			} `json:"rnm2_verify_value"`
		}
	}
	ref, err := npb.ClassParams[mgRef]("MG", c)
	if err != nil {
		return params{}, fmt.Errorf("mg: %w", err)
	}
	eps, err := npb.ReferenceEpsilon("MG")
	if err != nil {
		return params{}, fmt.Errorf("mg: %w", err)
	}
	p := params{class: c, nx: ref.Params.NX, ny: ref.Params.NY, nz: ref.Params.NZ,
		nit: ref.Params.Nit, lt: ref.Params.LT, verify: ref.Verification.Rnm2.Value, epsilon: eps}
	if p.nx != p.ny || p.nx != p.nz || p.nx != 1<<p.lt || p.nit <= 0 || p.verify == 0 {
		return params{}, fmt.Errorf("mg: class %s: unsupported parameters %+v", c, ref.Params)
	}
	switch c {
	case npb.ClassS, npb.ClassW, npb.ClassA:
		p.c = smootherA
	default:
		p.c = smootherB
	}
	return p, nil
}
