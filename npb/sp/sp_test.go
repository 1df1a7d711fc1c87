package sp

import (
	"fmt"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

// placeCounts are npbtest's, plus more places than planes or lines.
var placeCounts = append(append([]int(nil), npbtest.PlaceCounts...), 16)

// newGrid is an SP run on any grid, as sp.f runs with an inputsp.data.
func newGrid(t testing.TB, np, nx, ny, nz, niter int, dt float64) *sp {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	s := newRun(cfd.Params{Class: 'U', Nx: nx, Ny: ny, Nz: nz, Niter: niter, Dt: dt})
	if err := s.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *sp) norms() (xcr, xce [5]float64) { return s.Norms() }

// TestOracle runs sp.f's sequence (exact_rhs, initialize, one step,
// initialize, steps) with the fused, parallel solver and with the
// transliteration, and compares U and RHS bit for bit.
func TestOracle(t *testing.T) {
	for _, gr := range []struct{ nx, ny, nz int }{{12, 12, 12}, {12, 11, 10}} {
		const steps = 3
		r := refRun(gr.nx, gr.ny, gr.nz, steps, 0.015, false)
		for _, np := range placeCounts {
			t.Run(fmt.Sprintf("%dx%dx%d/places=%d", gr.nx, gr.ny, gr.nz, np), func(t *testing.T) {
				s := newGrid(t, np, gr.nx, gr.ny, gr.nz, steps, 0.015)
				s.Timed()
				if at, ok := sameBits(s.a.U, r.a.U); !ok {
					t.Errorf("u differs from the oracle at float %d", at)
				}
				if at, ok := sameBits(s.a.RHS, r.a.RHS); !ok {
					t.Errorf("rhs differs from the oracle at float %d", at)
				}
			})
		}
	}
}

// The reference's norms for grids that are not a class, from the no-FMA
// Fortran build (NPB3.4-OMP, inputsp.data with 3 steps of dt 0.015; full
// digits from a verify.f that prints 17 significant digits).
var fortranNorms = []struct {
	nx, ny, nz int
	xcr, xce   [5]float64
}{
	{12, 11, 10,
		[5]float64{7.7355089225099746e+003, 5.4703726213497896e+002, 1.7825478995530143e+003, 1.4914210497982131e+003, 1.1996808956525138e+004},
		[5]float64{1.2371860586097048e+002, 7.3300039963647858e+000, 2.9142938932807155e+001, 2.5161233320778891e+001, 2.5363748653472001e+002}},
	{12, 10, 11,
		[5]float64{7.8144707930119230e+003, 5.6272341692497116e+002, 1.8102096659608644e+003, 1.5283533319238898e+003, 1.2041684365009525e+004},
		[5]float64{1.2358316349069982e+002, 7.3883098423814157e+000, 2.9219433317775174e+001, 2.5232886208993303e+001, 2.5287635911742856e+002}},
}

func TestFortranNonCubic(t *testing.T) {
	for _, f := range fortranNorms {
		t.Run(fmt.Sprintf("%dx%dx%d", f.nx, f.ny, f.nz), func(t *testing.T) {
			s := newGrid(t, 2, f.nx, f.ny, f.nz, 3, 0.015)
			s.Timed()
			xcr, xce := s.norms()
			npbtest.Near(t, "xcr", xcr[:], f.xcr[:], 1e-12)
			npbtest.Near(t, "xce", xce[:], f.xce[:], 1e-12)
		})
	}
}

// TestVerify runs SP at S and W for every place count: it must verify, and
// the verified values must be bitwise the same for every place count.
func TestVerify(t *testing.T) {
	same := npbtest.SameAcrossPlaces{}
	npbtest.Verify(t, Run, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if !r.Verified {
			t.Fatalf("not verified:\n%s", out)
		}
		for _, l := range []string{" Verification being performed for class " + c.String(),
			" Comparison of RMS-norms of solution error", " Verification Successful", " Time step    1"} {
			if !strings.Contains(out, l+"\n") {
				t.Errorf("output lacks %q", l)
			}
		}
		same.Check(t, c, np, r)
	})
}

func TestTimedAllocs(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range []int{0, 2} {
		s := newGrid(t, np, 12, 12, 12, 5, 0.015)
		if n := npbtest.Allocs(3, s.Timed); n != 0 {
			t.Errorf("places=%d: Timed allocates %v times", np, n)
		}
	}
}

func TestBadClass(t *testing.T) {
	if _, err := Run(npb.Config{Class: 'X'}); err == nil || !strings.HasPrefix(err.Error(), "sp") {
		t.Errorf("class X: err = %v", err)
	}
}

func BenchmarkSP(b *testing.B) { npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW) }

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	classes := []npb.Class{npb.ClassS}
	if !testing.Short() {
		classes = append(classes, npb.ClassW)
	}
	npbtest.MemoryEstimates(t, classes, Kernel, KernelMPI)
}
