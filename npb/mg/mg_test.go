package mg

import (
	"io"
	"slices"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

func TestVerify(t *testing.T) {
	npbtest.Verify(t, Run, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if !r.Verified {
			t.Fatalf("not verified: %+v\n%s", r.Checks, out)
		}
		for _, want := range []string{" VERIFICATION SUCCESSFUL ", " L2 Norm is ", "  iter   1\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
}

// TestTimedRegionAllocs checks that the timed region (mg.f's benchmark
// loop) allocates nothing.
func TestTimedRegionAllocs(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	prm, err := classParams(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	for _, np := range []int{0, 1, 2} {
		cfg := npb.Config{Class: npb.ClassS, Places: np, Out: io.Discard}
		g, err := cfg.NewGroup()
		if err != nil {
			t.Fatal(err)
		}
		m := newMG(prm, g)
		g.Run(m.initBody)
		if n := testing.AllocsPerRun(5, func() { g.Run(m.benchBody) }); n != 0 {
			t.Errorf("places=%d: %v allocations per timed region", np, n)
		}
		g.Close()
	}
}

// TestSameChargesForEveryNP checks that zran3 gives the same grid, ten +1
// and ten -1 charges in the interior, whatever the number of places.
func TestSameChargesForEveryNP(t *testing.T) {
	prm, err := classParams(npb.ClassW)
	if err != nil {
		t.Fatal(err)
	}
	var want []float64
	for _, np := range []int{0, 1, 2, 3, 4} {
		g, err := places.New(np, places.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := newMG(prm, g)
		g.Run(func(p *places.Place) { m.zran3(p, m.v, m.lt) })
		g.Close()
		l := m.lv[m.lt]
		var plus, minus int
		for i3 := 1; i3 < l.n3-1; i3++ {
			for i2 := 1; i2 < l.n2-1; i2++ {
				for _, x := range m.v[i3*l.ps+i2*l.n1+1 : i3*l.ps+i2*l.n1+l.n1-1] {
					switch x {
					case 1:
						plus++
					case -1:
						minus++
					}
				}
			}
		}
		if plus != mm || minus != mm {
			t.Errorf("places=%d: %d charges +1 and %d charges -1, want %d each", np, plus, minus, mm)
		}
		if want == nil {
			want = m.v
		} else if !slices.Equal(m.v, want) {
			t.Errorf("places=%d: v differs from the serial one", np)
		}
	}
}

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	npbtest.MemoryEstimates(t, []npb.Class{npb.ClassS, npb.ClassW}, Kernel, KernelMPI)
}
