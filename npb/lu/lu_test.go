package lu

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

// placeCounts are npbtest's and one more place than class S has rows.
var placeCounts = append(append([]int(nil), npbtest.PlaceCounts...), 16)

// nonCubic is lu.f's input for the 12×11×10 cross-check with Fortran
// (inputlu.data: 3 steps, dt 0.5, omega 1.2, inorm 3).
func nonCubic() params {
	p := params{nx: 12, ny: 11, nz: 10, itmax: 3, inorm: 3, dt: 0.5, omega: 1.2}
	for m := range p.tolrsd {
		p.tolrsd[m] = float64(float32(1.0e-08))
	}
	return p
}

func classS(t testing.TB) params {
	p, err := classParams(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newGroup(t testing.TB, np int) *places.Group {
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// TestSweepsMatchReference runs a few SSOR steps from the same start in the
// oracle (ref_test.go) and in the kernel, pipelined and hyperplane, at every
// place count, and wants u and rsd bit for bit.
func TestSweepsMatchReference(t *testing.T) {
	const steps = 3
	for _, prm := range []params{classS(t), nonCubic()} {
		prm.itmax = steps + 1 // no norms, no convergence test
		var ref *refLU
		for _, hp := range []bool{false, true} {
			for _, np := range placeCounts {
				name := fmt.Sprintf("%dx%dx%d/hp=%v/places=%d", prm.nx, prm.ny, prm.nz, hp, np)
				t.Run(name, func(t *testing.T) {
					l := newProblem(prm, newGroup(t, np), hp)
					l.withErhs = true
					l.g.Run(l.initBody)
					if ref == nil {
						ref = newRef(l)
						ref.rhs()
						for range steps {
							ref.step()
						}
					}
					l.g.Run(l.rhsBody)
					l.niter = steps
					l.g.Run(l.ssorBody)
					compareCells(t, "u", l.u, ref.U)
					compareCells(t, "rsd", l.rsd, ref.RSD)
				})
			}
		}
	}
}

func compareCells(t *testing.T, name string, got []cell, want []float64) {
	t.Helper()
	bad := 0
	for p := range got {
		for m := range 5 {
			w := want[5*p+m]
			if g := got[p][m]; math.Float64bits(g) != math.Float64bits(w) {
				if bad < 5 {
					t.Errorf("%s[%d][%d] = %v, want %v", name, p, m, g, w)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d words differ", name, bad)
	}
}

// runParams does one whole run of prm as lu.f does and returns the printed
// lines and the norms.
func runParams(t testing.TB, prm params, np int, hp bool) (*run, string) {
	r := &run{prm: prm, hp: hp}
	var out strings.Builder
	cfg := npb.Config{Out: &out}
	if err := r.Setup(newGroup(t, np), cfg); err != nil {
		t.Fatal(err)
	}
	r.Timed()
	r.Verify(cfg)
	return r, out.String()
}

// TestNonCubicFortran compares the 12×11×10 run with the norms a no-FMA
// build of the reference prints for it (/work/npbref/noncubic.txt,
// 17 digits).
func TestNonCubicFortran(t *testing.T) {
	xcr := [5]float64{3.4247242507350888e+003, 2.4546968876424592e+002, 8.5436986864629614e+002,
		7.5931434571213742e+002, 7.0711083899602872e+003}
	xce := [5]float64{1.0932446370668899e+002, 8.1453672305113614e+000, 2.7747098098532508e+001,
		2.5255435666488403e+001, 2.5282531635225465e+002}
	const xci = 2.1089532265092100e+002
	for _, hp := range []bool{false, true} {
		for _, np := range []int{0, 3} {
			r, out := runParams(t, nonCubic(), np, hp)
			near := func(name string, got, want float64) {
				if d := math.Abs(got-want) / math.Abs(want); !(d <= 1e-12) {
					t.Errorf("hp=%v places=%d: %s = %.17g, want %.17g (rel %.2g)", hp, np, name, got, want, d)
				}
			}
			for m := range 5 {
				near(fmt.Sprint("xcr", m+1), r.rsdnm[m], xcr[m])
				near(fmt.Sprint("xce", m+1), r.errnm[m], xce[m])
			}
			near("xci", r.frc, xci)
			if !strings.Contains(out, " No verification performed") {
				t.Errorf("unknown-class output:\n%s", out)
			}
		}
	}
}

// TestVerify runs classes S and W at every place count for both sweep
// orders; the verified values must also be bitwise the same for every
// place count and both variants.
func TestVerify(t *testing.T) {
	seen := map[npb.Class][]npb.Check{}
	for _, k := range []npb.Kernel{Kernel, KernelHP} {
		t.Run(k.Name, func(t *testing.T) { verifyKernel(t, k, seen) })
	}
}

func verifyKernel(t *testing.T, k npb.Kernel, seen map[npb.Class][]npb.Check) {
	npbtest.Verify(t, k.Run, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if !r.Verified {
			t.Fatalf("%s not verified:\n%s", k.Name, out)
		}
		if !strings.Contains(out, " Verification Successful") {
			t.Errorf("output:\n%s", out)
		}
		first, ok := seen[c]
		if !ok {
			seen[c] = r.Checks
			return
		}
		for i, ch := range r.Checks {
			if math.Float64bits(ch.Value) != math.Float64bits(first[i].Value) {
				t.Errorf("%s places=%d: %s = %.17g, differs from the first run's %.17g", k.Name, np, ch.Name, ch.Value, first[i].Value)
			}
		}
	})
}

// TestManyPlacesS runs class S with more places than rows.
func TestManyPlacesS(t *testing.T) {
	want, _ := runParams(t, classS(t), 0, false)
	for _, hp := range []bool{false, true} {
		r, out := runParams(t, classS(t), 16, hp)
		if r.rsdnm != want.rsdnm || r.errnm != want.errnm || r.frc != want.frc {
			t.Errorf("hp=%v: 16 places differ from serial:\n%s", hp, out)
		}
	}
}

// TestPipelineRepeated runs the class-S verification a few hundred times at
// 2–4 places: a dependence the pipeline misses shows up as a rare wrong
// answer, not a steady one.
func TestPipelineRepeated(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	want, _ := runParams(t, classS(t), 0, false)
	for _, np := range []int{2, 3, 4} {
		// 2 places are the pipeline's common case; more places than cores
		// interleave differently on every run but cost ten times as much.
		runs := 100
		if np > 2 {
			runs = 20
		}
		if npbtest.Race {
			runs = 3
		}
		g := newGroup(t, np)
		for _, hp := range []bool{false, true} {
			for n := range runs {
				r := &run{prm: classS(t), hp: hp}
				r.Setup(g, npb.Config{})
				r.Timed()
				if r.rsdnm != want.rsdnm {
					t.Fatalf("places=%d hp=%v run %d: rsdnm %v, want %v", np, hp, n, r.rsdnm, want.rsdnm)
				}
			}
		}
	}
}

// TestTimedRegionAllocs wants no allocation in the timed region.
func TestTimedRegionAllocs(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, hp := range []bool{false, true} {
		for _, np := range []int{0, 2} {
			r := &run{prm: classS(t), hp: hp}
			r.Setup(newGroup(t, np), npb.Config{})
			if a := npbtest.Allocs(3, r.Timed); a != 0 {
				t.Errorf("hp=%v places=%d: %v allocations per timed region", hp, np, a)
			}
		}
	}
}

// TestMops checks lu.f's operation count at class A against a hand
// evaluation of its formula.
func TestMops(t *testing.T) {
	got := mops(64, 64, 64, 250, 1)
	want := 1e-6 * 250 * (1984.77*64*64*64 - 10923.3*64*64 + 27770.9*64 - 144010)
	if math.Abs(got-want)/want > 1e-6 {
		t.Errorf("mops = %v, want about %v", got, want)
	}
}

// TestPipelineChunks pins the granularity rule.
func TestPipelineChunks(t *testing.T) {
	for _, c := range []struct{ np, ni, nk, want int }{
		{0, 62, 62, 1}, {1, 62, 62, 1}, {2, 62, 62, 1}, {4, 62, 62, 3}, {16, 62, 62, 13},
		{2, 10, 10, 5}, {16, 10, 10, 10},
	} {
		if got := pipelineChunks(c.np, c.ni, c.nk); got != c.want {
			t.Errorf("pipelineChunks(%d, %d, %d) = %d, want %d", c.np, c.ni, c.nk, got, c.want)
		}
	}
}

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	classes := []npb.Class{npb.ClassS}
	if !testing.Short() {
		classes = append(classes, npb.ClassW)
	}
	npbtest.MemoryEstimates(t, classes, Kernel, KernelMPI)
}
