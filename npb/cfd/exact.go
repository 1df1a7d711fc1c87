package cfd

import "npbgo/npb"

// CE is the 5×13 coefficient table of the exact solution (set_constants'
// ce, identical in SP, BT and LU): CE[m][c] is the Fortran ce(m+1, c+1).
// It is read from reference.json, the one place that holds it.
var CE = loadCE()

func loadCE() (ce [5][13]float64) {
	var sc struct {
		CE struct {
			Rows [5][13]float64 `json:"rows"`
		} `json:"ce"`
	}
	if err := npb.SolverConstants("SP", &sc); err != nil {
		panic("cfd: " + err.Error()) // the data is embedded: a build defect
	}
	return sc.CE.Rows
}

// ExactSolution sets dst to the exact solution at the point (xi, eta, zeta)
// of the unit cube (exact_solution): a polynomial of degree four in each
// coordinate, in the reference's Horner association.
func ExactSolution(xi, eta, zeta float64, dst *[5]float64) {
	for m := range 5 {
		c := &CE[m]
		dst[m] = c[0] +
			xi*(c[1]+xi*(c[4]+xi*(c[7]+xi*c[10]))) +
			eta*(c[2]+eta*(c[5]+eta*(c[8]+eta*c[11]))) +
			zeta*(c[3]+zeta*(c[6]+zeta*(c[9]+zeta*c[12])))
	}
}
