package bt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"npbgo/npb/cfd"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

func randBlock(rng *rand.Rand) (b block, r rblk) {
	for m := range 5 {
		for n := range 5 {
			v := rng.Float64() - 0.5
			if m == n {
				v += 4 // diagonally dominant, as BT's blocks are
			}
			b[m][n], r[m+1][n+1] = v, v
		}
	}
	return b, r
}

func randVec(rng *rand.Rand) (v [5]float64, r rvec) {
	for m := range 5 {
		v[m] = rng.Float64() - 0.5
		r[m+1] = v[m]
	}
	return v, r
}

func sameBlock(t *testing.T, what string, got *block, want *rblk) {
	t.Helper()
	for m := range 5 {
		for n := range 5 {
			if math.Float64bits(got[m][n]) != math.Float64bits(want[m+1][n+1]) {
				t.Fatalf("%s(%d,%d) = %v, want %v", what, m+1, n+1, got[m][n], want[m+1][n+1])
			}
		}
	}
}

func sameVec(t *testing.T, what string, got *[5]float64, want *rvec) {
	t.Helper()
	for m := range 5 {
		if math.Float64bits(got[m]) != math.Float64bits(want[m+1]) {
			t.Fatalf("%s(%d) = %v, want %v", what, m+1, got[m], want[m+1])
		}
	}
}

func TestSolveSubs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var g gaussJordan
	for range 200 {
		a, ra := randBlock(rng)
		b, rb := randBlock(rng)
		c, rc := randBlock(rng)
		v, rv := randVec(rng)
		w, rw := randVec(rng)

		matvecSub(&a, &v, &w)
		refMatvecSub(&ra, &rv, &rw)
		sameVec(t, "matvec_sub", &w, &rw)

		matmulSub(&a, &b, &c)
		refMatmulSub(&ra, &rb, &rc)
		sameBlock(t, "matmul_sub", &c, &rc)

		binvcrhs(&a, &b, &v, &g)
		refBinvcrhs(&ra, &rb, &rv)
		sameBlock(t, "binvcrhs c", &b, &rb)
		sameVec(t, "binvcrhs r", &v, &rv)

		a, ra = randBlock(rng)
		binvrhs(&a, &w)
		refBinvrhs(&ra, &rw)
		sameVec(t, "binvrhs", &w, &rw)
	}
}

// testFields builds the fields of an nx×ny×nz problem on g, random but of
// BT's kind (density near 1, rho_i = 1/density), BT's solver on them, and
// the reference's view of a copy.
func testFields(g *places.Group, nx, ny, nz int, dt float64) (*placeSolver, *refState) {
	a := cfd.NewADI(g, nx, ny, nz, dt, false)
	rng := rand.New(rand.NewPCG(uint64(nx), uint64(ny*nz)))
	for p := range a.Points() {
		u, r := &a.U[p], &a.RHS[p]
		u[0] = 1 + 0.2*rng.Float64()
		r[0] = 0.01 * (rng.Float64() - 0.5)
		for m := 1; m < 5; m++ {
			u[m] = 0.5 * (rng.Float64() - 0.2)
			r[m] = 0.01 * (rng.Float64() - 0.5)
		}
		a.RhoI[p] = 1.0 / u[0]
		a.QS[p] = rng.Float64()
		a.Square[p] = rng.Float64()
	}
	r := &refState{gp: [4]int{0, nx, ny, nz}, ni: a.Ni, nj: a.Nj,
		u: cfd.Flat(a.U), rhs: slices.Clone(cfd.Flat(a.RHS)), rhoI: a.RhoI, qs: a.QS, square: a.Square,
		dt: dt, c1: a.C1, c2: a.C2, c3: a.C3, c4: a.C4, c3c4: a.C3c4, c1345: a.C1345, con43: a.Con43,
		tx1: a.Tx1, tx2: a.Tx2, ty1: a.Ty1, ty2: a.Ty2, tz1: a.Tz1, tz2: a.Tz2,
		dx: rvec{0, a.Dx1, a.Dx2, a.Dx3, a.Dx4, a.Dx5},
		dy: rvec{0, a.Dy1, a.Dy2, a.Dy3, a.Dy4, a.Dy5},
		dz: rvec{0, a.Dz1, a.Dz2, a.Dz3, a.Dz4, a.Dz5}}
	ps := &placeSolver{solver: newSolver(a, false)}
	for range max(g.NP(), 1) {
		ps.scr = append(ps.scr, newScratch(max(nx, ny, nz)))
	}
	return ps, r
}

// placeSolver is the solver with scratch for each place of a group.
type placeSolver struct {
	*solver
	scr []*scratch
}

// TestLineSolves checks x, y and z solves against the reference routines,
// bit for bit, on a cubic and a non-cubic grid at every place count.
func TestLineSolves(t *testing.T) {
	for _, sz := range [][3]int{{12, 12, 12}, {12, 11, 10}} {
		for _, np := range append(npbtest.PlaceCounts, 16) {
			t.Run(fmt.Sprintf("%dx%dx%d/places=%d", sz[0], sz[1], sz[2], np), func(t *testing.T) {
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer g.Close()
				s, r := testFields(g, sz[0], sz[1], sz[2], 0.01)
				for a, solve := range []struct {
					name string
					f    func(*places.Place)
					ref  func(*refState)
				}{{"x_solve", s.xLines, refXSolve}, {"y_solve", s.yLines, refYSolve}, {"z_solve", s.zLines, refZSolve}} {
					g.Run(solve.f)
					solve.ref(r)
					for i, v := range cfd.Flat(s.RHS) {
						if math.Float64bits(v) != math.Float64bits(r.rhs[i]) {
							t.Fatalf("after %s (axis %d): rhs[%d] = %v, want %v", solve.name, a, i, v, r.rhs[i])
						}
					}
				}
			})
		}
	}
}

// BenchmarkBinvcrhs compares binvcrhs with the plain transliteration
// (the block copies are part of every variant); cpu-ns/op is the thread's
// CPU time, less disturbed by a busy machine.
func BenchmarkBinvcrhs(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	a0, ra0 := randBlock(rng)
	c0, rc0 := randBlock(rng)
	v0, rv0 := randVec(rng)
	var g gaussJordan
	for _, impl := range []struct {
		name string
		f    func()
	}{
		{"go", func() { a, c, v := a0, c0, v0; binvcrhsGo(&a, &c, &v, &g) }},
		{"build", func() { a, c, v := a0, c0, v0; binvcrhs(&a, &c, &v, &g) }}, // AVX2 in a SIMD build
		{"oracle", func() { a, c, v := ra0, rc0, rv0; refBinvcrhs(&a, &c, &v) }},
	} {
		b.Run("impl="+impl.name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			t0 := threadCPU()
			for b.Loop() {
				impl.f()
			}
			b.ReportMetric(float64((threadCPU()-t0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkSolve times one x, y or z solve over a class-W-sized grid (24³;
// 64³ with NPB_BENCH_CLASS=A) on one place.
func BenchmarkSolve(b *testing.B) {
	n := 24
	if os.Getenv("NPB_BENCH_CLASS") == "A" {
		n = 64
	}
	g, err := places.New(0, places.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	s, _ := testFields(g, n, n, n, 0.0008)
	rhs := slices.Clone(s.RHS)
	for _, c := range []struct {
		name string
		f    func(*places.Place)
	}{{"x", s.xLines}, {"y", s.yLines}, {"z", s.zLines}} {
		b.Run("axis="+c.name, func(b *testing.B) {
			// The thread's CPU time, which a busy machine disturbs less
			// than the wall clock.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var cpu time.Duration
			for b.Loop() {
				copy(s.RHS, rhs)
				t0 := threadCPU()
				g.Run(c.f)
				cpu += threadCPU() - t0
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// xLines, yLines and zLines solve this place's lines along one axis, as
// the ADI driver shares them out.
func (s *placeSolver) xLines(p *places.Place) {
	lo, hi := s.XLines(p)
	for L := lo; L < hi; L++ {
		j, k := s.XLine(L)
		s.xSolve(s.scr[p.ID()], j, k)
	}
}

func (s *placeSolver) yLines(p *places.Place) {
	lo, hi := s.YLines(p)
	for L := lo; L < hi; L++ {
		i, k := s.YLine(L)
		s.ySolve(s.scr[p.ID()], i, k)
	}
}

func (s *placeSolver) zLines(p *places.Place) {
	lo, hi := s.ZLines(p)
	for L := lo; L < hi; L++ {
		i, j := s.ZLine(L)
		s.zSolve(s.scr[p.ID()], i, j)
	}
}

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
