// Package cfdtest holds what the tests of SP and BT share: a run of a
// message-passing form on any grid and rank count, the comparison of its
// cells with a whole-grid oracle, and the oracles' add.
package cfdtest

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// RankCounts are the rank counts the message-passing forms verify with:
// the serial point, squares (1, 4 or 9 active ranks), and counts that
// leave ranks idle (2 and 3 run on 1, 5 on 4).
var RankCounts = []int{0, 1, 4, 9, 2, 3, 5}

// Verify runs a message-passing form (run, the kernel name of its report)
// at S and W on RankCounts: it must verify, report its processes, the
// active ones too, as NPB-MPI does, and one rank must give the serial
// point's bits.
func Verify(t *testing.T, run func(npb.Config) (*npb.Result, error), kernel string) {
	same := npbtest.SameAcrossPlaces{}
	npbtest.VerifyRanksAt(t, run, RankCounts, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		active := cfd.ActiveRanks(max(np, 1))
		if r.Active != active || r.Kernel != kernel {
			t.Errorf("bad result fields %+v", r)
		}
		var rep strings.Builder
		r.Report(&rep)
		if !strings.Contains(rep.String(), fmt.Sprintf(" Active procs    =             %12d\n", active)) {
			t.Errorf("report without the active processes:\n%s", rep.String())
		}
		warn := fmt.Sprintf(" WARNING: Number of active processes: %5d\n", active)
		if strings.Contains(out, warn) != (active != max(np, 1)) {
			t.Errorf("active processes %d of %d, output:\n%s", active, max(np, 1), out)
		}
		if np <= 1 {
			same.Check(t, c, np, r)
		}
	})
}

// Fortran compares the norms a message-passing form prints at class S on
// 1, 4 and 9 ranks with want, what NPB3.4-MPI prints: xcr(1..5), then
// xce(1..5).
func Fortran(t *testing.T, run func(npb.Config) (*npb.Result, error), want [10]string) {
	for _, np := range []int{1, 4, 9} {
		res, err := run(npb.Config{Class: npb.ClassS, Places: np})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range res.Checks[1:] {
			if got := npb.FortranE(c.Value, 20, 13); strings.TrimSpace(got) != want[i] {
				t.Errorf("%d ranks: %s = %s, Fortran-MPI %s", np, c.Name, got, want[i])
			}
		}
	}
}

// TooManyRanks checks that a rank count that cuts class S into cells
// thinner than cfd.MinCell is refused as bad input.
func TooManyRanks(t *testing.T, run func(npb.Config) (*npb.Result, error)) {
	_, err := run(npb.Config{Class: npb.ClassS, Places: 25})
	var rc *comm.RankCountError
	if !errors.As(err, &rc) {
		t.Errorf("25 ranks at class S: err = %v, want a RankCountError", err)
	}
}

// TimedAllocs checks that the timed region allocates nothing, on 1 and 4
// ranks.
func TimedAllocs(t *testing.T, newRun func(np int) *cfd.MultiRun) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range []int{1, 4} {
		if n := npbtest.Allocs(2, newRun(np).Timed); n != 0 {
			t.Errorf("ranks=%d: Timed allocates %v times", np, n)
		}
	}
}

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

// Add is add.f as the reference writes it, on one place: U += RHS at
// every interior point (the kernels do it row by row inside their steps).
func Add(a *cfd.ADI) {
	k0, k1 := a.Inner(2)
	j0, j1 := a.Inner(1)
	i0, i1 := a.Inner(0)
	for k := k0; k < k1; k++ {
		for j := j0; j < j1; j++ {
			for i := i0; i < i1; i++ {
				p := a.P(i, j, k)
				for m := range 5 {
					a.U[p][m] += a.RHS[p][m]
				}
			}
		}
	}
}
