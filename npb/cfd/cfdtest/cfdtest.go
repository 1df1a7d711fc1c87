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

// StepBytes runs two steps of newRun(np) for a few rank counts np (a run
// on a 12×11×10 grid) and checks the bytes each rank sends a step against
// cfd.StepBytes; then logs what rank 0 sends a step at classes A to C on
// 4 to 64 ranks.
func StepBytes(t *testing.T, newRun func(np int) *cfd.MultiRun) {
	t.Helper()
	var fwd, bwd int
	for _, np := range []int{1, 4, 5, 9} {
		r := newRun(np)
		var before []int64
		for _, m := range r.Ranks() {
			before = append(before, m.Sent())
		}
		r.Timed()
		for me, m := range r.Ranks() {
			if m.Active {
				fwd, bwd = r.Carry(me)
			}
			got := (m.Sent() - before[me]) / int64(r.Prm.Niter)
			if want := cfd.StepBytes(r.Prm.Nx, r.Prm.Ny, r.Prm.Nz, np, me, fwd, bwd); got != want {
				t.Errorf("%d ranks, rank %d: %d bytes a step, want %d", np, me, got, want)
			}
		}
	}
	for _, c := range []struct {
		class string
		n     int
	}{{"A", 64}, {"B", 102}, {"C", 162}} {
		for _, np := range []int{4, 16, 36, 64} {
			t.Logf("class %s, %2d ranks: rank 0 sends %7.3f MB a step", c.class, np, float64(cfd.StepBytes(c.n, c.n, c.n, np, 0, fwd, bwd))/1e6)
		}
	}
}
