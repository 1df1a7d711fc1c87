package bt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

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

		binvcrhs(&a, &b, &v)
		refBinvcrhs(&ra, &rb, &rv)
		sameBlock(t, "binvcrhs c", &b, &rb)
		sameVec(t, "binvcrhs r", &v, &rv)

		a, ra = randBlock(rng)
		binvrhs(&a, &w)
		refBinvrhs(&ra, &rw)
		sameVec(t, "binvrhs", &w, &rw)
	}
}

// testFields builds a solver and its reference twin on an nx×ny×nz grid
// with random fields of BT's kind (density near 1, rho_i = 1/density).
func testFields(nx, ny, nz int, dt float64) (*solver, *refState) {
	ni, nj := nx|1, ny|1
	np := ni * nj * nz
	rng := rand.New(rand.NewPCG(uint64(nx), uint64(ny*nz)))
	s := &solver{nx: nx, ny: ny, nz: nz, ni: ni, nj: nj,
		u: make([]float64, 5*np), rhs: make([]float64, 5*np),
		rhoI: make([]float64, np), qs: make([]float64, np), square: make([]float64, np)}
	for p := range np {
		s.u[5*p] = 1 + 0.2*rng.Float64()
		for m := 1; m < 5; m++ {
			s.u[5*p+m] = 0.5 * (rng.Float64() - 0.2)
			s.rhs[5*p+m] = 0.01 * (rng.Float64() - 0.5)
		}
		s.rhs[5*p] = 0.01 * (rng.Float64() - 0.5)
		s.rhoI[p] = 1.0 / s.u[5*p]
		s.qs[p] = rng.Float64()
		s.square[p] = rng.Float64()
	}
	r := &refState{gp: [4]int{0, nx, ny, nz}, ni: ni, nj: nj,
		u: s.u, rhs: append([]float64(nil), s.rhs...), rhoI: s.rhoI, qs: s.qs, square: s.square,
		dt: dt, c1: 1.4, c2: 0.4, c3: 0.1, c4: 1.0}
	// set_constants.f
	c5 := 1.4
	r.c3c4 = r.c3 * r.c4
	r.c1345 = (r.c1 * c5) * r.c3c4
	r.con43 = 4.0 / 3.0
	dnxm1, dnym1, dnzm1 := 1.0/float64(nx-1), 1.0/float64(ny-1), 1.0/float64(nz-1)
	r.tx1, r.tx2 = 1.0/(dnxm1*dnxm1), 1.0/(2.0*dnxm1)
	r.ty1, r.ty2 = 1.0/(dnym1*dnym1), 1.0/(2.0*dnym1)
	r.tz1, r.tz2 = 1.0/(dnzm1*dnzm1), 1.0/(2.0*dnzm1)
	r.dx = rvec{0, 0.75, 0.75, 0.75, 0.75, 0.75}
	r.dy = r.dx
	r.dz = rvec{0, 1, 1, 1, 1, 1}
	s.setCoef(dt, r.c1, r.c2, r.c3, r.c4, r.c3c4, r.c1345, r.con43,
		[3]float64{r.tx1, r.ty1, r.tz1}, [3]float64{r.tx2, r.ty2, r.tz2},
		[3][5]float64{[5]float64(r.dx[1:]), [5]float64(r.dy[1:]), [5]float64(r.dz[1:])})
	return s, r
}

// TestLineSolves checks x, y and z solves against the reference routines,
// bit for bit, on a cubic and a non-cubic grid at every place count.
func TestLineSolves(t *testing.T) {
	for _, sz := range [][3]int{{12, 12, 12}, {12, 11, 10}} {
		for _, np := range append(npbtest.PlaceCounts, 16) {
			t.Run(fmt.Sprintf("%dx%dx%d/places=%d", sz[0], sz[1], sz[2], np), func(t *testing.T) {
				s, r := testFields(sz[0], sz[1], sz[2], 0.01)
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer g.Close()
				s.allocScratch(g.NP())
				for a, solve := range []struct {
					name string
					f    func(*places.Place)
					ref  func(*refState)
				}{{"x_solve", s.xSolve, refXSolve}, {"y_solve", s.ySolve, refYSolve}, {"z_solve", s.zSolve, refZSolve}} {
					g.Run(solve.f)
					solve.ref(r)
					for i, v := range s.rhs {
						if math.Float64bits(v) != math.Float64bits(r.rhs[i]) {
							t.Fatalf("after %s (axis %d): rhs[%d] = %v, want %v", solve.name, a, i, v, r.rhs[i])
						}
					}
				}
			})
		}
	}
}

// BenchmarkBinvcrhs compares binvcrhs with the plain transliteration.
// The block copies are part of every variant.
func BenchmarkBinvcrhs(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	a0, ra0 := randBlock(rng)
	c0, rc0 := randBlock(rng)
	v0, rv0 := randVec(rng)
	b.Run("impl=go", func(b *testing.B) {
		for b.Loop() {
			a, c, v := a0, c0, v0
			binvcrhs(&a, &c, &v)
		}
	})
	b.Run("impl=oracle", func(b *testing.B) {
		for b.Loop() {
			a, c, v := ra0, rc0, rv0
			refBinvcrhs(&a, &c, &v)
		}
	})
}

// BenchmarkSolve times one x, y or z solve over a class-W-sized grid (24³;
// 64³ with NPB_BENCH_CLASS=A) on one place.
func BenchmarkSolve(b *testing.B) {
	n := 24
	if os.Getenv("NPB_BENCH_CLASS") == "A" {
		n = 64
	}
	s, _ := testFields(n, n, n, 0.0008)
	g, err := places.New(0, places.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	s.allocScratch(1)
	rhs := append([]float64(nil), s.rhs...)
	for _, c := range []struct {
		name string
		f    func(*places.Place)
	}{{"x", s.xSolve}, {"y", s.ySolve}, {"z", s.zSolve}} {
		b.Run("axis="+c.name, func(b *testing.B) {
			for b.Loop() {
				copy(s.rhs, rhs)
				g.Run(c.f)
			}
		})
	}
}
