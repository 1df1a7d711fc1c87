//go:build !(goexperiment.simd && amd64)

package lu

// simdRHS is false: this build has no vector rhs loops (build with
// GOEXPERIMENT=simd on amd64 for them).
const simdRHS = false

// clearUpper has nothing to clear in this build.
func clearUpper() {}

func combineRowV(v, fp, fm, gp, gi, um, uc, up []cell, t2, tc float64, d *[5]float64) {
	panic("lu: no vector code in this build")
}

func diss5V(v, a, b, c, d, e []cell, dssp float64) {
	panic("lu: no vector code in this build")
}
