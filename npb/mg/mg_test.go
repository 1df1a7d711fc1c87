package mg

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

func TestVerify(t *testing.T) {
	tests := []struct {
		class npb.Class
		long  bool // skipped with -short and under the race detector
	}{
		{npb.ClassS, false},
		{npb.ClassW, true},
	}
	for _, tc := range tests {
		for _, np := range []int{0, 1, 2, 3, 4} {
			t.Run(fmt.Sprintf("class=%s/places=%d", tc.class, np), func(t *testing.T) {
				if tc.long {
					npbtest.SkipLong(t)
				}
				var out bytes.Buffer
				r, err := Run(npb.Config{Class: tc.class, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !r.Verified {
					t.Fatalf("not verified: %+v\n%s", r.Checks, out.String())
				}
				for _, want := range []string{" VERIFICATION SUCCESSFUL ", " L2 Norm is ", "  iter   1\n"} {
					if !strings.Contains(out.String(), want) {
						t.Errorf("output lacks %q:\n%s", want, out.String())
					}
				}
			})
		}
	}
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
		m := newMG(prm, cfg, g)
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
		m := newMG(prm, npb.Config{Class: npb.ClassW, Places: np}, g)
		g.Run(func(p *places.Place) { m.zran3(p, m.v, m.lt) })
		g.Close()
		l := m.lv[m.lt]
		var plus, minus int
		for i3 := 1; i3 < l.n-1; i3++ {
			for i2 := 1; i2 < l.n-1; i2++ {
				for _, x := range m.v[i3*l.ps+i2*l.n+1 : i3*l.ps+i2*l.n+l.n-1] {
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
