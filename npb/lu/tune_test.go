package lu

import (
	"os"
	"testing"
	"time"

	"npbgo/npb"
)

// TestTuneParts times one SSOR iteration's parts serially at the class
// NPB_TUNE names (W, say): rhs (its plane part, with the first loop and the
// ξ fluxes broken out, and its ζ part) and the two sweeps, each the best of
// 15 repetitions, so that a busy machine disturbs it less than a whole
// run. The sweeps repeat on their own output; only the time matters.
func TestTuneParts(t *testing.T) {
	cs := os.Getenv("NPB_TUNE")
	if cs == "" {
		t.Skip("NPB_TUNE not set")
	}
	c, err := npb.ParseClass(cs)
	if err != nil {
		t.Fatal(err)
	}
	p, err := classParams(c)
	if err != nil {
		t.Fatal(err)
	}
	g := newGroup(t, 0)
	l := newProblem(p, g, false)
	l.withErhs = true
	g.Run(l.initBody)
	g.Run(l.rhsBody)
	minOf := func(f func()) time.Duration {
		best := time.Hour
		for range 15 {
			t0 := time.Now()
			f()
			if d := time.Since(t0); d < best {
				best = d
			}
		}
		return best
	}
	rhs := minOf(func() { g.Run(l.rhsBody) })
	ps := l.ps[0]
	planes := minOf(func() {
		for k := range l.nz {
			l.rhsPlane(ps, k, false, nil)
		}
	})
	zeta := minOf(func() {
		for j := 1; j < l.ny-1; j++ {
			l.rhsZeta(ps, j)
		}
	})
	first := minOf(func() {
		for k := range l.nz {
			for j := range l.ny {
				l.rhsFirst(j, k)
			}
		}
	})
	xi := minOf(func() {
		for k := 1; k < l.nz-1; k++ {
			for j := 1; j < l.ny-1; j++ {
				l.xiRow(ps, j, k)
			}
		}
	})
	t.Logf("planes %v (first %v, xi %v), zeta %v", planes, first, xi, zeta)
	lower := minOf(func() {
		for k := 1; k <= l.nz-2; k++ {
			for j := 1; j < l.ny-1; j++ {
				l.bltsLine(j, k, 1, l.nx-1)
			}
		}
	})
	upper := minOf(func() {
		for k := l.nz - 2; k >= 1; k-- {
			for j := l.ny - 2; j >= 1; j-- {
				l.butsLine(j, k, 1, l.nx-1)
			}
		}
	})
	t.Logf("class %s per iteration: rhs %v, lower %v, upper %v", cs, rhs, lower, upper)
}
