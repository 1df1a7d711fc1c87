package cfd

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

// grids are the oracle grids: class S and a non-cubic one that exposes
// transposed indices.
var grids = []struct{ nx, ny, nz int }{{12, 12, 12}, {12, 11, 10}}

// placeCounts are npbtest's, plus more places than planes or lines.
var placeCounts = append(append([]int(nil), npbtest.PlaceCounts...), 16)

func forEach(t *testing.T, f func(t *testing.T, nx, ny, nz int, g *places.Group)) {
	for _, gr := range grids {
		for _, np := range placeCounts {
			t.Run(fmt.Sprintf("%dx%dx%d/places=%d", gr.nx, gr.ny, gr.nz, np), func(t *testing.T) {
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer g.Close()
				f(t, gr.nx, gr.ny, gr.nz, g)
			})
		}
	}
}

const dtS = 0.015

// perturb makes U less smooth than the initial field, deterministically,
// so that every term of compute_rhs matters; the oracle gets the same.
func perturb(a *ADI, r *refState) {
	for k := 0; k < a.Nz; k++ {
		for j := 0; j < a.Ny; j++ {
			for i := 0; i < a.Nx; i++ {
				for m := range 5 {
					f := 1 + 0.01*math.Sin(float64(1+i+3*j+7*k+11*m))
					a.U[a.P(i, j, k)][m] *= f
					*r.U(m+1, i, j, k) *= f
				}
			}
		}
	}
}

// compareCells checks a cell field against the oracle's at every grid
// point (interior only if interior).
func compareCells(t *testing.T, name string, a *ADI, got []Cell, want func(m, i, j, k int) *float64, interior bool) {
	t.Helper()
	lo := 0
	if interior {
		lo = 1
	}
	bad := 0
	for k := lo; k < a.Nz-lo; k++ {
		for j := lo; j < a.Ny-lo; j++ {
			for i := lo; i < a.Nx-lo; i++ {
				for m := range 5 {
					g, w := got[a.P(i, j, k)][m], *want(m+1, i, j, k)
					if math.Float64bits(g) != math.Float64bits(w) {
						if bad < 5 {
							t.Errorf("%s(%d,%d,%d,%d) = %v, oracle %v", name, m+1, i, j, k, g, w)
						}
						bad++
					}
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d values differ", name, bad)
	}
}

func compareScalar(t *testing.T, name string, a *ADI, r *refState, got, want []float64) {
	t.Helper()
	for k := 0; k < a.Nz; k++ {
		for j := 0; j < a.Ny; j++ {
			for i := 0; i < a.Nx; i++ {
				g, w := got[a.P(i, j, k)], want[r.pt(i, j, k)]
				if math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("%s(%d,%d,%d) = %v, oracle %v", name, i, j, k, g, w)
				}
			}
		}
	}
}

func TestConstants(t *testing.T) {
	c := NewConstants(12, 12, 12, dtS)
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"bt", c.Bt, math.Sqrt(0.5)},
		{"tx2", c.Tx2, 5.5},
		{"dssp", c.Dssp, 0.25},
		{"comz6", c.Comz6, 6 * dtS * 0.25},
		{"con43", c.Con43, 4.0 / 3.0},
		{"xxcon1", c.Xxcon1, 0.1 * 11 * (4.0 / 3.0) * 11},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestInitializeExactRHS(t *testing.T) {
	forEach(t, func(t *testing.T, nx, ny, nz int, g *places.Group) {
		a := NewADI(g, nx, ny, nz, dtS, true)
		g.Run(func(p *places.Place) {
			a.ExactRHS(p)
			a.Initialize(p)
		})
		r := newRef(nx, ny, nz, dtS)
		r.exactRHS()
		r.initialize()
		compareCells(t, "u", a, a.U, r.U, false)
		compareCells(t, "forcing", a, a.Forcing, r.F, false)
		compareCells(t, "rhs", a, a.RHS, r.F, false)
	})
}

func TestComputeRHSNormsAdd(t *testing.T) {
	forEach(t, func(t *testing.T, nx, ny, nz int, g *places.Group) {
		a := NewADI(g, nx, ny, nz, dtS, true)
		r := newRef(nx, ny, nz, dtS)
		g.Run(func(p *places.Place) {
			a.ExactRHS(p)
			a.Initialize(p)
		})
		r.exactRHS()
		r.initialize()
		perturb(a, r)
		var xcr, xce [5]float64
		g.Run(func(p *places.Place) {
			e := a.ErrorNorm(p)
			a.ComputeRHS(p)
			c := a.RHSNorm(p)
			if p.ID() == 0 {
				xce, xcr = e, c
			}
		})
		wantXce := r.errorNorm()
		r.computeRHS()
		compareScalar(t, "rho_i", a, r, a.RhoI, r.rhoI)
		compareScalar(t, "us", a, r, a.US, r.us)
		compareScalar(t, "vs", a, r, a.VS, r.vs)
		compareScalar(t, "ws", a, r, a.WS, r.ws)
		compareScalar(t, "qs", a, r, a.QS, r.qs)
		compareScalar(t, "square", a, r, a.Square, r.square)
		compareScalar(t, "speed", a, r, a.Speed, r.speed)
		compareCells(t, "rhs", a, a.RHS, r.R, false)
		if wantXcr := r.rhsNorm(); xcr != wantXcr {
			t.Errorf("rhs_norm = %v, oracle %v", xcr, wantXcr)
		}
		if xce != wantXce {
			t.Errorf("error_norm = %v, oracle %v", xce, wantXce)
		}
		g.Run(func(p *places.Place) {
			lo, hi := a.XLines(p)
			for L := lo; L < hi; L++ {
				a.addRow(a.XLine(L))
			}
		})
		r.add()
		compareCells(t, "u after add", a, a.U, r.U, false)
	})
}

// TestStep runs the ADI driver with solvers that do nothing, so a step is
// compute_rhs and add, against the oracle; and checks that every line is
// visited once.
func TestStep(t *testing.T) {
	forEach(t, func(t *testing.T, nx, ny, nz int, g *places.Group) {
		a := NewADI(g, nx, ny, nz, dtS, false)
		r := newRef(nx, ny, nz, dtS)
		seen := make([]int32, 3*a.Points())
		s := &Solver{
			X: func(p *places.Place, j, k int) { seen[a.P(0, j, k)]++ },
			Y: func(p *places.Place, i, k int) { seen[a.Points()+a.P(i, 0, k)]++ },
			Z: func(p *places.Place, i, j int) { seen[2*a.Points()+a.P(i, j, 0)]++ },
		}
		// the second step hands η and ζ lines out in runs of up to 3
		runs := *s
		runs.Block = 3
		runs.YRun = func(p *places.Place, k, i0, i1 int) {
			for i := i0; i < i1; i++ {
				s.Y(p, i, k)
			}
		}
		runs.ZRun = func(p *places.Place, j, i0, i1 int) {
			for i := i0; i < i1; i++ {
				s.Z(p, i, j)
			}
		}
		g.Run(func(p *places.Place) {
			a.ExactRHS(p)
			a.Initialize(p)
			a.Step(p, s)
			a.Step(p, &runs)
		})
		r.exactRHS()
		r.initialize()
		for range 2 {
			r.computeRHS()
			r.add()
		}
		compareCells(t, "u", a, a.U, r.U, false)
		n := 0
		for _, c := range seen {
			if c != 0 && c != 2 {
				t.Fatalf("a line was solved %d times in 2 steps", c)
			}
			n += int(c)
		}
		if want := 2 * ((ny-2)*(nz-2) + (nx-2)*(nz-2) + (nx-2)*(ny-2)); n != want {
			t.Errorf("%d line solves, want %d", n, want)
		}
	})
}

func TestPrintVerify(t *testing.T) {
	prm, err := ClassParams("SP", npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		scale float64
		ok    bool
		lines []string
	}{
		{"pass", 1, true, []string{
			" Verification being performed for class S",
			" accuracy setting for epsilon =  0.1000000000000E-07",
			" Comparison of RMS-norms of residual",
			"           1 0.2747031545134E-01 0.2747031545134E-01 0.0000000000000E+00",
			" Comparison of RMS-norms of solution error",
			" Verification Successful"}},
		{"fail", 1 + 1e-7, false, []string{
			" FAILURE:  1 0.2747031819837E-01 0.2747031545134E-01 0.1000000000563E-06",
			" Verification failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xcr, xce := prm.Ref.Xcr, prm.Ref.Xce
			for m := range 5 {
				xcr[m] *= tc.scale
				xce[m] *= tc.scale
			}
			var b strings.Builder
			checks := PrintVerify(npb.Config{Out: &b}, npb.ClassS, &prm.Ref, prm.Dt, xcr, xce)
			if len(checks) != 11 || allOK(checks) != tc.ok {
				t.Errorf("%d checks, ok = %v; want 11, %v", len(checks), allOK(checks), tc.ok)
			}
			out := b.String()
			for _, l := range tc.lines {
				if !strings.Contains(out, l+"\n") {
					t.Errorf("output lacks %q:\n%s", l, out)
				}
			}
		})
	}
	var b strings.Builder
	if checks := PrintVerify(npb.Config{Out: &b}, 'U', nil, 0.015, [5]float64{1}, [5]float64{2}); len(checks) != 0 ||
		!strings.Contains(b.String(), " No verification performed\n") {
		t.Errorf("unknown class: %d checks, output\n%s", len(checks), b.String())
	}
}

func TestMops(t *testing.T) {
	// sp.f at class A: 64³, 400 steps; the count is the reference's.
	got := Mops(881.174, 4683.91, 11484.5, 19272.4, 64, 64, 64, 400, 1)
	g, n3, scale := 64.0, 64.0*64*64, 1e-6
	scale *= 400 // rounded once, as 1.0d-6*dble(niter)
	want := scale * (float64(float32(881.174))*n3 - float64(float32(4683.91))*(g*g) +
		float64(float32(11484.5))*g - float64(float32(19272.4)))
	if got != want {
		t.Errorf("Mops = %v, want %v", got, want)
	}
}

// BenchmarkComputeRHS is compute_rhs on a class-W grid at one place.
func BenchmarkComputeRHS(b *testing.B) {
	g, _ := places.New(1, places.Options{})
	defer g.Close()
	a := NewADI(g, 36, 36, 36, 0.0015, true)
	g.Run(func(p *places.Place) {
		a.ExactRHS(p)
		a.Initialize(p)
	})
	for b.Loop() {
		g.Run(a.ComputeRHS)
	}
}
