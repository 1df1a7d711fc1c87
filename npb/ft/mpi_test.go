package ft

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

func TestMPIVerification(t *testing.T) {
	npbtest.VerifyRanks(t, RunMPI, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if r.Kernel != "FT-MPI" {
			t.Errorf("kernel %q", r.Kernel)
		}
		layout := "1D"
		if np <= 1 {
			layout = "0D"
		}
		for _, want := range []string{fmt.Sprintf(" Layout type         : %14s\n", layout), " T =    6     Checksum ="} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
}

// TestMPIFortran compares the printed checksums at class S with those of
// NPB3.4-MPI's ft.S.x built without FMA contraction (gfortran -O3
// -march=native -mno-fma -ffp-contract=off, Open MPI 4.1.4) on 1, 2, 4 and
// 8 processes, which all print fortranS.
func TestMPIFortran(t *testing.T) {
	for _, np := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprintf("ranks=%d", np), func(t *testing.T) {
			if npbtest.ManyRanks(t, np) {
				t.SkipNow()
			}
			var out bytes.Buffer
			if _, err := RunMPI(npb.Config{Class: npb.ClassS, Places: np, Out: &out}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), fortranS) {
				t.Errorf("output:\n%s\nwant the lines of NPB3.4-MPI:\n%s", out.String(), fortranS)
			}
		})
	}
}

// shmValues runs the shared-memory form serially, one step at a time, and
// returns the 1024 checksum points after each iteration, in j order.
func shmValues(t *testing.T, par params) [][]complex128 {
	t.Helper()
	g, err := places.New(0, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	b := newBench(par, g, chooseLayout(par, topo.HostCaches()))
	g.Run(b.setupBody)
	s := &b.scr[0]
	var vals [][]complex128
	for range par.niter {
		for u := range b.columns() {
			b.cffts3(-1, b.u0, b.u1, u, s, true)
		}
		for k := range par.nz {
			b.cffts2(-1, b.u1, k, s)
			b.cffts1(-1, b.u1, k, s, false)
			b.pts.checksumPlane(b.u1, b.ld2, k)
		}
		vals = append(vals, append([]complex128(nil), b.pts.val...))
	}
	return vals
}

// wantSum is the checksum a process grid should give from the field's
// points v (in j order): each rank adds the points of its xyz block in j
// order and scales by 1/N, and the ranks' sums are added in rank order.
// It is derived here from ft.f's checksum, not from the code under test.
func wantSum(par params, g procGrid, v []complex128) complex128 {
	var total complex128
	for me := range g.np1 * g.np2 {
		me1, me2 := me/g.np2, me%g.np2
		ly, lz := par.ny/g.np1, par.nz/g.np2
		var chk complex128
		for j := 1; j <= chkPoints; j++ {
			r, s := 3*j%par.ny, 5*j%par.nz
			if r >= me1*ly && r < (me1+1)*ly && s >= me2*lz && s < (me2+1)*lz {
				chk += v[j-1]
			}
		}
		chk /= complex(float64(par.ntotal()), 0)
		total += chk
	}
	return total
}

// TestMPISameField checks every process grid's checksums, bit for bit,
// against the shared-memory form's field: every point is computed by the
// same operations whatever the layout, so the checksums may differ
// between rank counts only through how the points are grouped into the
// ranks' sums (in their last bits), and exactly as wantSum says. The
// grids include setup's 1-D choices and 2-D ones, which setup chooses
// only beyond nz ranks (inputft.data can ask for them).
func TestMPISameField(t *testing.T) {
	grids := []procGrid{{1, 1}, {1, 2}, {1, 4}, {2, 2}, {4, 2}, {2, 4}, {1, 8}}
	cls := []npb.Class{npb.ClassS}
	if !testing.Short() && !npbtest.Race {
		cls = append(cls, npb.ClassW)
		// Pencils 2 and 1 points wide and high: cffts1 takes its blocks
		// row by row (at class S; W's are 4 wide at 32 × 2).
		grids = append(grids, procGrid{32, 2}, procGrid{64, 2})
	}
	for _, c := range cls {
		par, _ := paramsFor(c)
		vals := shmValues(t, par)
		for _, g := range grids {
			np := g.np1 * g.np2
			t.Run(fmt.Sprintf("class=%s/grid=%dx%d", c, g.np1, g.np2), func(t *testing.T) {
				if npbtest.ManyRanks(t, np) {
					t.SkipNow()
				}
				r := mpiRunFor(t, c, g)
				for i, s := range r.ranks[0].sums {
					if w := wantSum(par, g, vals[i]); s != w {
						t.Errorf("checksum %d = %v, want %v from the shared-memory field", i+1, s, w)
					}
				}
				for p, rk := range r.ranks {
					for i, s := range rk.sums {
						if s != r.ranks[0].sums[i] {
							t.Errorf("rank %d: checksum %d = %v, rank 0 has %v", p, i+1, s, r.ranks[0].sums[i])
						}
					}
				}
			})
		}
	}
}

// forcedRun makes an FT-MPI run of class c on grid g, and a group of np
// places for its ranks; the caller closes the group.
func forcedRun(t *testing.T, c npb.Class, g procGrid, np int) (*mpiRun, *places.Group) {
	t.Helper()
	_, b, err := newMPIRun(c)
	if err != nil {
		t.Fatal(err)
	}
	r := b.(*mpiRun)
	r.force = g
	grp, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r, grp
}

// mpiRunFor sets up and runs FT-MPI on grid g in process, and verifies it.
func mpiRunFor(t *testing.T, c npb.Class, g procGrid) *mpiRun {
	t.Helper()
	r, grp := forcedRun(t, c, g, g.np1*g.np2)
	defer grp.Close()
	var out bytes.Buffer
	if err := r.Setup(grp, npb.Config{Out: &out}); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%4dx%4d\n Layout type         : %14s\n", g.np1, g.np2, g.layoutName()); !strings.Contains(out.String(), want) {
		t.Errorf("setup printed %q, want it to contain %q", out.String(), want)
	}
	r.Timed()
	for _, ch := range r.Verify(npb.Config{}) {
		if !ch.OK {
			t.Errorf("%s = %v, reference %v", ch.Name, ch.Value, ch.Reference)
		}
	}
	return r
}

func TestChooseGrid(t *testing.T) {
	tests := []struct {
		class  npb.Class
		np     int
		want   procGrid
		layout string
		err    string
	}{
		{npb.ClassS, 1, procGrid{1, 1}, "0D", ""},
		{npb.ClassS, 2, procGrid{1, 2}, "1D", ""},
		{npb.ClassS, 64, procGrid{1, 64}, "1D", ""},
		{npb.ClassS, 128, procGrid{64, 2}, "2D", ""},
		{npb.ClassS, 4096, procGrid{64, 64}, "2D", ""},
		{npb.ClassW, 32, procGrid{1, 32}, "1D", ""},
		{npb.ClassW, 64, procGrid{32, 2}, "2D", ""},
		{npb.ClassA, 256, procGrid{128, 2}, "2D", ""},
		{npb.ClassB, 256, procGrid{1, 256}, "1D", ""},
		{npb.ClassB, 1024, procGrid{256, 4}, "2D", ""},
		{npb.ClassS, 3, procGrid{}, "", "3 processes: the number of processes must be a power of two"},
		{npb.ClassS, 12, procGrid{}, "", "must be a power of two"},
		{npb.ClassS, 0, procGrid{}, "", "must be a power of two"},
		{npb.ClassS, 8192, procGrid{}, "", "must be at most 4096 for class S"},
		{npb.ClassW, 2048, procGrid{}, "", "must be at most 1024 for class W"},
	}
	for _, tt := range tests {
		par, _ := paramsFor(tt.class)
		g, err := chooseGrid(par, tt.np)
		if tt.err != "" {
			var rc *comm.RankCountError
			if !errors.As(err, &rc) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("class %s, %d ranks: err = %v, want a RankCountError saying %q", tt.class, tt.np, err, tt.err)
			}
			continue
		}
		if err != nil || g != tt.want || g.layoutName() != tt.layout || g.check(par) != nil {
			t.Errorf("class %s, %d ranks: %+v %s (%v, check %v), want %+v %s", tt.class, tt.np, g, g.layoutName(), err, g.check(par), tt.want, tt.layout)
		}
	}
	// Every count setup accepts gives a grid that fits.
	for _, c := range Kernel.Classes() {
		par, _ := paramsFor(npb.Class(c))
		for np := 1; np <= par.nz*par.nz; np *= 2 {
			g, err := chooseGrid(par, np)
			if err != nil || g.check(par) != nil || g.np1*g.np2 != np {
				t.Errorf("class %c, %d ranks: %+v, %v, check %v", c, np, g, err, g.check(par))
			}
		}
	}
	par, _ := paramsFor(npb.ClassS)
	for _, g := range []procGrid{{2, 1}, {128, 1}, {1, 128}, {3, 2}} {
		if err := g.check(par); err == nil {
			t.Errorf("grid %+v accepted for class S", g)
		}
	}
}

// TestMPIRankCount checks that a count NPB does not run is refused with
// a RankCountError, before any rank starts.
func TestMPIRankCount(t *testing.T) {
	for _, np := range []int{3, 6} {
		_, err := RunMPI(npb.Config{Class: npb.ClassS, Places: np})
		var rc *comm.RankCountError
		if !errors.As(err, &rc) || rc.Ranks != np || !strings.Contains(err.Error(), "power of two") {
			t.Errorf("%d ranks: err = %v", np, err)
		}
	}
}

// TestMPIDefault2D runs setup's own choice of a 2-D grid, at 64 ranks of
// class W (32 × 2: pencils 4 points wide and high).
func TestMPIDefault2D(t *testing.T) {
	npbtest.SkipLong(t)
	var out bytes.Buffer
	res, err := RunMPI(npb.Config{Class: npb.ClassW, Places: 64, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || !strings.Contains(out.String(), fmt.Sprintf("  32x   2\n Layout type         : %14s\n", "2D")) {
		t.Errorf("verified %v; output:\n%s", res.Verified, out.String())
	}
}

// TestMPINoAllocTimedRegion checks the 0-D and 1-D layouts. The 2-D
// layout needs four ranks, and four places that wait for each other on a
// busy 2-core machine now and then make the Go runtime start an OS thread
// inside the timed region (its m and g structures are heap objects: six
// objects in one of 300 regions in a trial), which no code of the kernel
// can prevent; its exchanges are those of the 1-D layout, on split
// communicators.
func TestMPINoAllocTimedRegion(t *testing.T) {
	for _, g := range []procGrid{{1, 1}, {1, 2}} {
		t.Run(fmt.Sprintf("grid=%dx%d", g.np1, g.np2), func(t *testing.T) {
			npbtest.NoTimedAllocs(t, func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
				p, b, err := newMPIRun(c)
				if err == nil {
					b.(*mpiRun).force = g
				}
				return p, b, err
			}, npb.ClassS, g.np1*g.np2)
		})
	}
}

// TestMPIForcedGrid checks that a grid that does not fit is refused
// before the ranks start.
func TestMPIForcedGrid(t *testing.T) {
	for _, g := range []procGrid{{2, 1}, {1, 3}} {
		r, grp := forcedRun(t, npb.ClassS, g, 2)
		if err := r.Setup(grp, npb.Config{}); err == nil || !strings.HasPrefix(err.Error(), "ft-mpi: ") {
			t.Errorf("grid %+v on 2 ranks: err = %v", g, err)
		}
		grp.Close()
	}
}

func BenchmarkFTMPI(b *testing.B) { npbtest.BenchmarkKernel(b, RunMPI, npb.ClassS, npb.ClassW) }
