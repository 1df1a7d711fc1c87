package bt

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/npb/cfd/cfdtest"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

// placeCounts are npbtest's, plus more places than planes or lines.
var placeCounts = append(append([]int(nil), npbtest.PlaceCounts...), 16)

// newGrid is a BT run on any grid, as bt.f runs with an inputbt.data, set
// up (warm-up step included) and ready for Timed.
func newGrid(t testing.TB, np, nx, ny, nz, niter int, dt float64) *bt {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	b := newRun(cfd.Params{Class: 'U', Nx: nx, Ny: ny, Nz: nz, Niter: niter, Dt: dt})
	if err := b.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *bt) norms() (xcr, xce [5]float64) { return b.Norms() }

// refRun is bt.f's sequence with the transliterated solves (and cfd's
// shared routines, which cfd tests against its own transliteration), on
// one place; mpi selects NPB3.4-MPI's Jacobians.
func refRun(nx, ny, nz, niter int, dt float64, mpi bool) *cfd.ADI {
	g, err := places.New(0, places.Options{})
	if err != nil {
		panic(err)
	}
	defer g.Close()
	a := cfd.NewADI(g, nx, ny, nz, dt, false)
	r := &refState{gp: [4]int{0, nx, ny, nz}, ni: a.Ni, nj: a.Nj,
		u: cfd.Flat(a.U), rhs: cfd.Flat(a.RHS), rhoI: a.RhoI, qs: a.QS, square: a.Square,
		dt: dt, c1: a.C1, c2: a.C2, c3: a.C3, c4: a.C4, c3c4: a.C3c4, c1345: a.C1345, con43: a.Con43,
		tx1: a.Tx1, tx2: a.Tx2, ty1: a.Ty1, ty2: a.Ty2, tz1: a.Tz1, tz2: a.Tz2,
		dx: rvec{0, a.Dx1, a.Dx2, a.Dx3, a.Dx4, a.Dx5},
		dy: rvec{0, a.Dy1, a.Dy2, a.Dy3, a.Dy4, a.Dy5},
		dz: rvec{0, a.Dz1, a.Dz2, a.Dz3, a.Dz4, a.Dz5}, mpi: mpi}
	adi := func() {
		g.Run(a.ComputeRHS)
		refXSolve(r)
		refYSolve(r)
		refZSolve(r)
		cfdtest.Add(a)
	}
	g.Run(func(p *places.Place) { a.Initialize(p); a.ExactRHS(p) })
	adi()
	g.Run(a.Initialize)
	for range niter {
		adi()
	}
	return a
}

func sameBits(got, want []cfd.Cell) (int, bool) {
	g, w := cfd.Flat(got), cfd.Flat(want)
	for i := range g {
		if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
			return i, false
		}
	}
	return 0, true
}

// TestOracle compares U and RHS after a few steps of the parallel kernel
// with the serial transliteration, bit for bit.
func TestOracle(t *testing.T) {
	const steps, dt = 3, 0.01
	for _, gr := range []struct{ nx, ny, nz int }{{12, 12, 12}, {12, 11, 10}} {
		r := refRun(gr.nx, gr.ny, gr.nz, steps, dt, false)
		for _, np := range placeCounts {
			t.Run(fmt.Sprintf("%dx%dx%d/places=%d", gr.nx, gr.ny, gr.nz, np), func(t *testing.T) {
				b := newGrid(t, np, gr.nx, gr.ny, gr.nz, steps, dt)
				b.Timed()
				if at, ok := sameBits(b.U, r.U); !ok {
					t.Errorf("u differs from the oracle at float %d", at)
				}
				if at, ok := sameBits(b.RHS, r.RHS); !ok {
					t.Errorf("rhs differs from the oracle at float %d", at)
				}
			})
		}
	}
}

// The reference's norms for grids that are not a class, from the no-FMA
// Fortran build (NPB3.4-OMP, inputbt.data with 3 steps of dt 0.01; 17
// significant digits from a patched verify.f).
var fortranNorms = []struct {
	nx, ny, nz int
	xcr, xce   [5]float64
}{
	{12, 11, 10,
		[5]float64{9.3180689561432991e+003, 8.5507862160079890e+002, 2.2764217280178796e+003, 1.9313652858144337e+003, 1.4440040050732872e+004},
		[5]float64{1.6272168883017733e+002, 1.1818276720245761e+001, 4.0965213044847012e+001, 3.6757517859103444e+001, 3.5511393409674088e+002}},
	{12, 10, 11,
		[5]float64{9.3773934978364323e+003, 8.6836966519931286e+002, 2.3005331029291247e+003, 1.9554725147150712e+003, 1.4452430180595238e+004},
		[5]float64{1.6266219274568050e+002, 1.1832114584974006e+001, 4.1008076885078928e+001, 3.6762965769125856e+001, 3.5497268231649866e+002}},
}

func TestFortranNonCubic(t *testing.T) {
	for _, f := range fortranNorms {
		t.Run(fmt.Sprintf("%dx%dx%d", f.nx, f.ny, f.nz), func(t *testing.T) {
			b := newGrid(t, 2, f.nx, f.ny, f.nz, 3, 0.01)
			b.Timed()
			xcr, xce := b.norms()
			npbtest.Near(t, "xcr", xcr[:], f.xcr[:], 1e-12)
			npbtest.Near(t, "xce", xce[:], f.xce[:], 1e-12)
		})
	}
}

// TestVerify runs BT at S and W for every place count: it must verify, and
// the verified values must be bitwise the same for every place count.
func TestVerify(t *testing.T) {
	same := npbtest.SameAcrossPlaces{}
	npbtest.Verify(t, Run, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if !r.Verified {
			t.Fatalf("not verified:\n%s", out)
		}
		for _, l := range []string{" Verification being performed for class " + c.String(),
			" Verification Successful", " Time step    1"} {
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
		b := newGrid(t, np, 12, 12, 12, 5, 0.01)
		if n := npbtest.Allocs(3, b.Timed); n != 0 {
			t.Errorf("places=%d: Timed allocates %v times", np, n)
		}
	}
}

func TestBadClass(t *testing.T) {
	if _, err := Run(npb.Config{Class: 'X'}); err == nil || !strings.HasPrefix(err.Error(), "bt") {
		t.Errorf("class X: err = %v", err)
	}
}

func BenchmarkBT(b *testing.B) { npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW) }

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	classes := []npb.Class{npb.ClassS}
	if !testing.Short() {
		classes = append(classes, npb.ClassW)
	}
	npbtest.MemoryEstimates(t, classes, Kernel, KernelMPI)
}
