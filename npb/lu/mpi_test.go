package lu

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// mpiRankCounts are the in-process rank counts lu-mpi verifies with: the
// serial point, powers of two, and 6 (3×2), which NPB3.4's proc_grid takes.
var mpiRankCounts = []int{0, 1, 2, 4, 6, 8}

// skipMany skips more than 4 in-process ranks in -short runs: on two cores
// they exchange thousands of messages per run and 1, 2 and 4 already
// cover one block, a row of blocks and a square of blocks.
func skipMany(t *testing.T, np int) {
	if np > 4 && testing.Short() {
		t.Skipf("%d ranks skipped in -short mode", np)
	}
}

func TestMPIVerify(t *testing.T) {
	same := npbtest.SameAcrossPlaces{}
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		for _, np := range mpiRankCounts {
			t.Run(fmt.Sprintf("class=%s/ranks=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					npbtest.SkipLong(t)
					if np == 6 {
						t.Skip("6 ranks at class S only: the time goes to W's other counts")
					}
				}
				skipMany(t, np)
				var out strings.Builder
				r, err := RunMPI(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !r.Verified || !strings.Contains(out.String(), " Verification Successful") {
					t.Fatalf("not verified:\n%s", out.String())
				}
				if r.Ranks != max(np, 1) || r.Kernel != "LU-MPI" {
					t.Errorf("result says kernel %s on %d ranks", r.Kernel, r.Ranks)
				}
				if grid := strings.Contains(out.String(), " Proc_grid for nprocs ="); grid != (np == 6) {
					t.Errorf("Proc_grid line printed: %v, want it for 6 ranks only:\n%s", grid, out.String())
				}
				// one rank is the serial point's code
				if np <= 1 {
					same.Check(t, c, np, r)
				}
			})
		}
	}
}

// TestMPIMatchesSerial runs a few SSOR steps on in-process ranks and wants
// every rank's own points of u and rsd bit for bit those of the serial
// shared-memory run, on class S and on a non-cubic grid.
func TestMPIMatchesSerial(t *testing.T) {
	const steps = 3
	for _, prm := range []params{classS(t), nonCubic()} {
		l := newProblem(prm, newGroup(t, 0), false)
		l.setup()
		l.ssor(steps)
		for _, np := range []int{1, 2, 4, 6, 8} {
			t.Run(fmt.Sprintf("%dx%dx%d/ranks=%d", prm.nx, prm.ny, prm.nz, np), func(t *testing.T) {
				skipMany(t, np)
				for _, rk := range runRanks(t, prm, np, steps) {
					compareBox(t, rk, l)
				}
			})
		}
	}
}

// runRanks makes lu-mpi's ranks for prm on np in-process ranks and runs
// setup and steps SSOR steps on them.
func runRanks(t *testing.T, prm params, np, steps int) []*rank {
	t.Helper()
	g := newGroup(t, np)
	rks := make([]*rank, g.NP())
	err := ranks.Setup("lu-mpi", g, func(p *places.Place) error {
		rk, err := newRank(&prm, comm.InProcess(p))
		if err != nil {
			return err
		}
		rk.setup()
		rk.ssor(steps)
		rks[p.ID()] = rk
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rks
}

// compareBox compares a rank's own points of u and rsd with the serial
// problem's.
func compareBox(t *testing.T, rk *rank, l *problem) {
	t.Helper()
	bad := 0
	for k := range rk.nz {
		for j := rk.y.a; j < rk.y.b; j++ {
			for i := rk.x.a; i < rk.x.b; i++ {
				for _, f := range []struct {
					name      string
					got, want []cell
				}{{"u", rk.u, l.u}, {"rsd", rk.rsd, l.rsd}} {
					g, w := f.got[rk.at(i, j, k)], f.want[l.at(i, j, k)]
					for m := range 5 {
						if math.Float64bits(g[m]) != math.Float64bits(w[m]) {
							if bad < 5 {
								t.Errorf("rank %d: %s(%d,%d,%d)[%d] = %v, serial %v", rk.me, f.name, i, j, k, m, g[m], w[m])
							}
							bad++
						}
					}
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("rank %d: %d words differ", rk.me, bad)
	}
}

// TestProcGrid pins proc_grid.f's grids (as NPB3.4-MPI's lu.S.x prints
// them for 6 and 12 ranks and refuses 3 and 32) and the refusals.
func TestProcGrid(t *testing.T) {
	for _, c := range []struct {
		n, nx, xdim, ydim int
		ok                bool
	}{
		{1, 12, 1, 1, true}, {2, 12, 2, 1, true}, {3, 12, 0, 0, false}, {4, 12, 2, 2, true},
		{5, 12, 0, 0, false}, {6, 12, 3, 2, true}, {7, 12, 0, 0, false}, {8, 12, 4, 2, true},
		{9, 12, 3, 3, true}, {10, 12, 0, 0, false}, {12, 12, 4, 3, true}, {16, 12, 4, 4, true},
		{32, 12, 0, 0, false}, {32, 64, 8, 4, true}, {64, 64, 8, 8, true}, {0, 12, 0, 0, false},
	} {
		x, y, ok := procGrid(c.n, c.nx, c.nx)
		if x != c.xdim || y != c.ydim || ok != c.ok {
			t.Errorf("procGrid(%d, %d) = %d×%d %v, want %d×%d %v", c.n, c.nx, x, y, ok, c.xdim, c.ydim, c.ok)
		}
	}
}

// TestSubdomain checks that subdomain's blocks tile an axis.
func TestSubdomain(t *testing.T) {
	for _, n := range []int{12, 33, 64, 102} {
		for d := 1; d <= n/minBlock; d++ {
			next := 0
			for r := range d {
				a, b := subdomain(n, d, r)
				if a != next || b-a < n/d || b-a > n/d+1 {
					t.Fatalf("subdomain(%d, %d, %d) = [%d, %d) after %d", n, d, r, a, b, next)
				}
				next = b
			}
			if next != n {
				t.Fatalf("subdomain(%d, %d, ·) ends at %d", n, d, next)
			}
		}
	}
}

// TestMPIRankCounts wants a rank count proc_grid refuses, or one whose
// blocks would be too small, refused on every rank as bad input.
func TestMPIRankCounts(t *testing.T) {
	for _, np := range []int{3, 5, 7, 10, 32} {
		t.Run(fmt.Sprint("ranks=", np), func(t *testing.T) {
			if np > 8 && (testing.Short() || npbtest.Race) {
				t.Skip("many places")
			}
			_, err := RunMPI(npb.Config{Class: npb.ClassS, Places: np})
			var rc *comm.RankCountError
			if !errors.As(err, &rc) {
				t.Fatalf("err = %v, want a RankCountError", err)
			}
			if n := strings.Count(err.Error(), "the number of processes must be one of 1, 2, 4, 6, 8, 9, 12, 16 for the 12×12 plane"); n != np {
				t.Errorf("%d ranks report it, want %d: %v", n, np, err)
			}
		})
	}
}

// TestMPIStress is the stress test: 50 class-S runs on 4 and on 8
// in-process ranks (8 on two cores is oversubscribed), every one verified
// with the same bits as the first and none slower than a deadline, so a
// lost message fails the test instead of hanging it.
func TestMPIStress(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	runs := 50
	if npbtest.Race {
		runs = 3
	}
	const deadline = time.Minute
	for _, np := range []int{4, 8} {
		var first []npb.Check
		for n := range runs {
			done := make(chan *npb.Result, 1)
			errc := make(chan error, 1)
			go func() {
				r, err := RunMPI(npb.Config{Class: npb.ClassS, Places: np})
				if err != nil {
					errc <- err
					return
				}
				done <- r
			}()
			var r *npb.Result
			select {
			case r = <-done:
			case err := <-errc:
				t.Fatalf("%d ranks, run %d: %v", np, n, err)
			case <-time.After(deadline):
				t.Fatalf("%d ranks, run %d: no result after %v: hung", np, n, deadline)
			}
			if !r.Verified {
				t.Fatalf("%d ranks, run %d: not verified: %+v", np, n, r.Checks)
			}
			if first == nil {
				first = r.Checks
				continue
			}
			for i, c := range r.Checks {
				if math.Float64bits(c.Value) != math.Float64bits(first[i].Value) {
					t.Fatalf("%d ranks, run %d: %s = %.17g, first run %.17g", np, n, c.Name, c.Value, first[i].Value)
				}
			}
		}
	}
}

// counting is a communicator that counts what its rank sends.
type counting struct {
	comm.Comm
	msgs, bytes, reductions int
}

func (c *counting) Send(to int, b comm.Buffer) {
	c.msgs++
	c.bytes += b.Len() * b.Type().Size()
	c.Comm.Send(to, b)
}

func (c *counting) SendRecv(to int, s comm.Buffer, from int, r comm.Buffer) int {
	c.msgs++
	c.bytes += s.Len() * s.Type().Size()
	return c.Comm.SendRecv(to, s, from, r)
}

func (c *counting) Isend(to int, b comm.Buffer) comm.Request {
	c.msgs++
	c.bytes += b.Len() * b.Type().Size()
	return c.Comm.Isend(to, b)
}

func (c *counting) Allreduce(b comm.Buffer, op comm.Op) {
	c.reductions++
	c.Comm.Allreduce(b, op)
}

// TestMPIMessages counts the messages and bytes each rank sends in one
// SSOR iteration and wants messagesPerStep's count, then logs that count
// for classes A to C.
func TestMPIMessages(t *testing.T) {
	prm := classS(t)
	for _, np := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprint("ranks=", np), func(t *testing.T) {
			skipMany(t, np)
			g := newGroup(t, np)
			err := ranks.Setup("lu-mpi", g, func(p *places.Place) error {
				c := &counting{Comm: comm.InProcess(p)}
				rk, err := newRank(&prm, c)
				if err != nil {
					return err
				}
				rk.setup()
				*c = counting{Comm: c.Comm}
				rk.ssor(1)
				msgs, bytes := rk.messagesPerStep()
				if c.msgs != msgs || c.bytes != bytes || c.reductions != 0 {
					return fmt.Errorf("rank %d sent %d messages, %d bytes, %d reductions in a step; want %d, %d, 0",
						rk.me, c.msgs, c.bytes, c.reductions, msgs, bytes)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, c := range []npb.Class{npb.ClassA, npb.ClassB, npb.ClassC} {
		p, err := classParams(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, np := range []int{2, 4, 16, 64} {
			xdim, _, ok := procGrid(np, p.nx, p.ny)
			if !ok {
				continue
			}
			// the busiest rank: one with four neighbours if there is one
			me := min(np-1, xdim+1)
			rk := &rank{problem: &problem{}, me: me}
			rk.place(&p, np)
			msgs, bytes := rk.messagesPerStep()
			t.Logf("class %s, %2d ranks: rank %d sends %3d messages, %7d bytes a step; a sweep's plane: column %4d bytes, row %4d bytes",
				c, np, me, msgs, bytes, 40*(rk.y.end-rk.y.st), 40*(rk.x.end-rk.x.st))
		}
	}
}

// neighbours is the number of ranks next to rk's block.
func (rk *rank) neighbours() int {
	n := 0
	for _, r := range []int{rk.north, rk.south, rk.west, rk.east} {
		if r >= 0 {
			n++
		}
	}
	return n
}

// messagesPerStep is what a rank sends in an SSOR iteration without
// norms: in each sweep a plane's boundary to the two ranks downstream
// (exchange_1: a column of the solved rows, a row of the solved points),
// and in rhs two columns or rows of u, every plane, to every neighbour
// (exchange_3).
func (rk *rank) messagesPerStep() (msgs, bytes int) {
	x, y, nz := &rk.x, &rk.y, rk.nz
	ns, ew := 0, 0 // neighbours along i and along j
	for _, r := range []int{rk.north, rk.south} {
		if r >= 0 {
			ns++
		}
	}
	for _, r := range []int{rk.west, rk.east} {
		if r >= 0 {
			ew++
		}
	}
	msgs = (nz-2)*(ns+ew) + ns + ew
	bytes = (nz-2)*40*(ns*(y.end-y.st)+ew*(x.end-x.st)) + 80*nz*(ns*(y.b-y.a)+ew*rk.nr)
	return msgs, bytes
}

// TestMPITimedAllocs wants no allocation in lu-mpi's timed region.
func TestMPITimedAllocs(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range []int{0, 2} {
		r := &mpiRun{prm: classS(t)}
		if err := r.Setup(newGroup(t, np), npb.Config{}); err != nil {
			t.Fatal(err)
		}
		if a := npbtest.Allocs(2, r.Timed); a != 0 {
			t.Errorf("ranks=%d: %v allocations per timed region", np, a)
		}
	}
}
