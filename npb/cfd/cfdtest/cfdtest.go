// Package cfdtest holds what the tests of SP's and BT's message-passing
// forms share: a run on any grid and rank count, and the comparison of its
// cells with a whole-grid oracle.
package cfdtest

import (
	"math"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/runtime/places"
)

// Setup sets r up on np in-process ranks (a group closed when the test
// ends).
func Setup(t testing.TB, r *cfd.MultiRun, np int) *cfd.MultiRun {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if err := r.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	return r
}

// SameAsWhole checks every active rank's cells' U and RHS against the
// whole grid's, bit for bit, at the cells' points.
func SameAsWhole(t *testing.T, r *cfd.MultiRun, whole *cfd.ADI) {
	t.Helper()
	for _, m := range r.Ranks() {
		if !m.Active {
			continue
		}
		for c, a := range m.Cells {
			for k := a.Lo[2]; k < a.Hi[2]; k++ {
				for j := a.Lo[1]; j < a.Hi[1]; j++ {
					for i := a.Lo[0]; i < a.Hi[0]; i++ {
						for _, f := range []struct {
							name      string
							got, want []cfd.Cell
						}{{"u", a.U, whole.U}, {"rhs", a.RHS, whole.RHS}} {
							g, w := f.got[a.P(i, j, k)], f.want[whole.P(i, j, k)]
							for v := range 5 {
								if math.Float64bits(g[v]) != math.Float64bits(w[v]) {
									t.Fatalf("rank %d cell %d: %s(%d, %d,%d,%d) = %v, oracle %v",
										m.World.Rank(), c, f.name, v+1, i, j, k, g[v], w[v])
								}
							}
						}
					}
				}
			}
		}
	}
}
