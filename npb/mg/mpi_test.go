package mg

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// skipRanks skips in -short runs the rank counts beyond 16, the first
// where ranks die on the coarse levels: each doubling of the in-process
// ranks doubles the threads that take turns on the cores.
func skipRanks(t *testing.T, np int) {
	t.Helper()
	if np > 16 && testing.Short() {
		t.Skipf("%d ranks skipped in -short mode", np)
	}
}

// TestMPIVerification runs MG-MPI at class S (and W) on 0 to 8 ranks, and
// at class S on 16, where the coarsest level has fewer points than ranks
// along the last axis (dead ranks, comm3_ex, interpOdd).
func TestMPIVerification(t *testing.T) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		for _, np := range []int{0, 1, 2, 4, 8, 16} {
			t.Run(fmt.Sprintf("class=%s/ranks=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					if np > 8 {
						t.SkipNow()
					}
					npbtest.SkipLong(t)
				}
				skipRanks(t, np)
				var out bytes.Buffer
				res, err := RunMPI(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Verified {
					t.Fatalf("not verified; output:\n%s", out.String())
				}
				if res.Ranks != max(np, 1) || res.Kernel != "MG-MPI" {
					t.Errorf("bad result fields %+v", res)
				}
				for _, want := range []string{" Number of processes: ", " L2 Norm is ", "  iter   1\n"} {
					if !strings.Contains(out.String(), want) {
						t.Errorf("output lacks %q:\n%s", want, out.String())
					}
				}
			})
		}
	}
}

// TestMPIRankCounts checks that mg-mpi refuses what mg.f does not run on:
// a number of ranks that is not a power of two, or so many that a rank
// holds fewer than mm points; the error is a *comm.RankCountError, raised
// before any message.
func TestMPIRankCounts(t *testing.T) {
	for _, np := range []int{3, 6} {
		_, err := RunMPI(npb.Config{Class: npb.ClassS, Places: np})
		var rc *comm.RankCountError
		if !errors.As(err, &rc) || rc.Ranks != np || !strings.Contains(err.Error(), "power of two") {
			t.Errorf("%d ranks: err = %v", np, err)
		}
	}
	for _, tc := range []struct {
		class npb.Class
		most  int
	}{{npb.ClassS, 2048}, {npb.ClassW, maxProcs}, {npb.ClassC, maxProcs}} {
		p, err := classParams(tc.class)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkRanks(p, tc.most); err != nil {
			t.Errorf("class %s, %d ranks: %v", tc.class, tc.most, err)
		}
		var rc *comm.RankCountError
		if err := checkRanks(p, 2*tc.most); !errors.As(err, &rc) || !strings.Contains(err.Error(), fmt.Sprintf("at most %d", tc.most)) {
			t.Errorf("class %s, %d ranks: err = %v", tc.class, 2*tc.most, err)
		}
	}
}

// TestDecomp checks mg.f's setup for 1 to 2048 ranks at class S: on every
// level the live ranks' boxes tile the grid, neighbours are mutual, every
// live rank's neighbours are live, and in comm3_ex every taker's
// neighbours along the axis are givers that send it as many points as it
// expects.
func TestDecomp(t *testing.T) {
	p, err := classParams(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	for np := 1; np <= 2048; np *= 2 {
		ds := make([]*decomp, np)
		for me := range np {
			if ds[me], err = newDecomp(p, me, np); err != nil {
				t.Fatal(err)
			}
		}
		for k := 1; k <= p.lt; k++ {
			ng := p.nx >> (p.lt - k)
			points := 0
			for me, d := range ds {
				if !d.dead[k] {
					points += (d.m[k][0] - 2) * (d.m[k][1] - 2) * (d.m[k][2] - 2)
				}
				for ax := range 3 {
					down, up := d.nbr[k][ax][0], d.nbr[k][ax][1]
					if ds[down].nbr[k][ax][1] != me || ds[up].nbr[k][ax][0] != me {
						t.Fatalf("np=%d level %d rank %d axis %d: neighbours %d, %d are not mutual", np, k, me, ax, down, up)
					}
					if !d.dead[k] && (ds[down].dead[k] || ds[up].dead[k]) {
						t.Fatalf("np=%d level %d: live rank %d has a dead neighbour along axis %d", np, k, me, ax)
					}
					if d.takeEx[k][ax] {
						for dir, n := range [2]int{down, up} {
							g := ds[n]
							if !g.giveEx[k][ax] || g.m[k] != d.m[k] {
								t.Fatalf("np=%d level %d axis %d: taker %d's neighbour %d (dir %d) gives %v, box %v, taker's box %v",
									np, k, ax, me, n, dir, g.giveEx[k][ax], g.m[k], d.m[k])
							}
						}
					}
				}
			}
			if points != ng*ng*ng {
				t.Fatalf("np=%d level %d: live boxes hold %d points, want %d", np, k, points, ng*ng*ng)
			}
		}
	}
}

// runRanks sets up and runs the timed region of MG-MPI on np in-process
// ranks, and returns the run with every rank's boxes.
func runRanks(t *testing.T, c npb.Class, np int) *runMPI {
	t.Helper()
	_, b, err := newRunMPI(c)
	if err != nil {
		t.Fatal(err)
	}
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := b.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	b.Timed()
	return b.(*runMPI)
}

// TestMPIMatchesSharedMemory checks that the ranks' numerics are the
// shared-memory form's: after the timed region, the final residual r in
// every rank's box equals the shared-memory one bit for bit, on 1 to 8
// ranks; rnm2 on one rank is the shared-memory rnm2, and on more ranks it
// is the sum of the same squares in another order, each rank's box in
// mg.f's loop order, then the boxes' sums pairwise (normReduce), which the
// test recomputes from the shared-memory grid to the bit.
func TestMPIMatchesSharedMemory(t *testing.T) {
	c := npb.ClassS
	_, b, err := newRun(c)
	if err != nil {
		t.Fatal(err)
	}
	g, err := places.New(0, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	b.Timed()
	g.Close()
	sm := b.(*run).mg
	lt := sm.lt
	ls := sm.lv[lt]
	rs := sm.grid(sm.r, lt)

	for _, np := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprintf("ranks=%d", np), func(t *testing.T) {
			skipRanks(t, np)
			mr := runRanks(t, c, np)
			// g is the shared-memory index of index i of a box whose first
			// interior point is global point is, along an axis of n.
			g := func(i, is, n int) int { return (is+i-1+n)%n + 1 }
			sums := make([]float64, np)
			for q, rk := range mr.ranks {
				l := rk.lv[lt]
				r := rk.grid(rk.r, lt)
				var s float64
				for i3 := range l.n3 {
					for i2 := range l.n2 {
						for i1 := range l.n1 {
							o := g(i3, rk.is[2], sm.nz)*ls.ps + g(i2, rk.is[1], sm.ny)*ls.n1 + g(i1, rk.is[0], sm.nx)
							if x, want := r[i3*l.ps+i2*l.n1+i1], rs[o]; math.Float64bits(x) != math.Float64bits(want) {
								t.Fatalf("rank %d point (%d, %d, %d): r = %v, shared memory %v", q, i1, i2, i3, x, want)
							}
							if i1 > 0 && i2 > 0 && i3 > 0 && i1 < l.n1-1 && i2 < l.n2-1 && i3 < l.n3-1 {
								s += rs[o] * rs[o]
							}
						}
					}
				}
				sums[q] = s
			}
			for mask := 1; mask < np; mask <<= 1 {
				next := make([]float64, np)
				for q := range np {
					next[q] = sums[q] + sums[q^mask]
				}
				sums = next
			}
			want := math.Sqrt(sums[0] / (float64(sm.nx) * float64(sm.ny) * float64(sm.nz)))
			got := mr.ranks[0].rnm2
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("rnm2 = %v, the shared-memory squares summed by rank boxes %v", got, want)
			}
			if np == 1 && math.Float64bits(got) != math.Float64bits(sm.rnm2) {
				t.Errorf("rnm2 on one rank %v, shared memory %v", got, sm.rnm2)
			}
			for q, rk := range mr.ranks {
				if rk.rnm2 != got || rk.rnmu != sm.rnmu {
					t.Errorf("rank %d: norms %v, %v; rank 0 %v, shared memory's maximum %v", q, rk.rnm2, rk.rnmu, got, sm.rnmu)
				}
			}
		})
	}
}

// TestMPIFortran compares rnm2 with NPB3.4-MPI's mg.S.x and mg.W.x built
// without FMA (gfortran 12 -O3 -march=native -mno-fma -ffp-contract=off,
// Open MPI 4.1.4), at class S on 1 to 64 processes and at W on 1 to 8,
// through the "Error is" line: rnm2's relative error printed to 13
// digits, where one unit in the last place of rnm2 moves the fourth.
// Equal lines mean the same grids and the same order of every sum,
// including, from 16 ranks on, the coarse levels of dead ranks and mg.f's
// second interpolation.
func TestMPIFortran(t *testing.T) {
	want := map[npb.Class]map[int]string{
		npb.ClassS: {
			1:  "0.1659688947021E-12",
			2:  "0.1662242314632E-12",
			4:  "0.1663518998438E-12",
			8:  "0.1659688947021E-12",
			16: "0.1673732468881E-12",
			32: "0.1675009152686E-12",
			64: "0.1675009152686E-12",
		},
		npb.ClassW: {
			1: "0.1126351067593E-13",
			2: "0.2894460301605E-13",
			4: "0.3916034525700E-13",
			8: "0.3051625566850E-13",
		},
	}
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		p, err := classParams(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, np := range []int{1, 2, 4, 8, 16, 32, 64} {
			w, ok := want[c][np]
			if !ok {
				continue
			}
			t.Run(fmt.Sprintf("class=%s/ranks=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					npbtest.SkipLong(t)
				}
				skipRanks(t, np)
				mr := runRanks(t, c, np)
				rnm2 := mr.ranks[0].rnm2
				if got := npb.FortranE(math.Abs(rnm2-p.verify)/p.verify, 20, 13); strings.TrimSpace(got) != w {
					t.Errorf("error of rnm2 %s, Fortran-MPI %s", got, w)
				}
			})
		}
	}
}

func TestMPINoAllocationsInTimed(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range []int{1, 2, 4} {
		_, b, err := newRunMPI(npb.ClassS)
		if err != nil {
			t.Fatal(err)
		}
		g, err := places.New(np, places.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Setup(g, npb.Config{}); err != nil {
			t.Fatal(err)
		}
		if a := npbtest.Allocs(2, b.Timed); a != 0 {
			t.Errorf("%d ranks: %v allocations in the timed region", np, a)
		}
		g.Close()
	}
}

func BenchmarkMGMPI(b *testing.B) { npbtest.BenchmarkKernel(b, RunMPI, npb.ClassS, npb.ClassW) }
