package ismpi

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

// rankCounts are the rank counts the distributed kernels verify with:
// the serial point (one rank, no extra thread) and the powers of two up
// to 8, in process on places.
var rankCounts = []int{0, 1, 2, 4, 8}

func TestVerification(t *testing.T) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		for _, np := range rankCounts {
			t.Run(fmt.Sprintf("class=%s/ranks=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					npbtest.SkipLong(t)
				}
				var out bytes.Buffer
				res, err := Run(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Verified {
					t.Fatalf("not verified; output:\n%s", out.String())
				}
				if len(res.Checks) != 5*maxIterations+2 {
					t.Errorf("%d checks, want 52", len(res.Checks))
				}
				if res.Ranks != max(np, 1) || res.Kernel != "IS-MPI" || res.OpType != "keys ranked" {
					t.Errorf("bad result fields %+v", res)
				}
				if !strings.Contains(out.String(), fmt.Sprintf(" Number of processes: %5d\n", max(np, 1))) {
					t.Errorf("no process count in the banner:\n%s", out.String())
				}
				var rep bytes.Buffer
				res.Report(&rep)
				if !strings.Contains(rep.String(), fmt.Sprintf(" Total processes =             %12d\n", max(np, 1))) {
					t.Errorf("report without the NPB-MPI process lines:\n%s", rep.String())
				}
			})
		}
	}
}

// TestPowerOfTwo checks that a rank count that is.c refuses is a clear
// error, not a hang.
func TestPowerOfTwo(t *testing.T) {
	_, err := Run(npb.Config{Class: npb.ClassS, Places: 3})
	if err == nil || !strings.Contains(err.Error(), "power of two") {
		t.Fatalf("3 ranks: err = %v", err)
	}
}

// TestSameKeys checks that the keys of the ranks, laid end to end, are
// the keys of one rank: find_my_seed's jump-ahead.
func TestSameKeys(t *testing.T) {
	par, err := paramsFor(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	one := fakeRank(par, 0, 1)
	one.createSeq()
	for _, np := range []int{2, 4, 8} {
		for me := range np {
			r := fakeRank(par, me, np)
			r.createSeq()
			off := me * r.numKeys
			for i, k := range r.keyArray[:r.numKeys] {
				if k != one.keyArray[off+i] {
					t.Fatalf("ranks=%d rank %d key %d: %d, want %d", np, me, i, k, one.keyArray[off+i])
				}
			}
		}
	}
}

func fakeRank(par params, me, np int) *rank {
	n := par.totalKeys() / np
	return &rank{par: par, me: me, np: np, numKeys: n, keyArray: make([]int32, n)}
}

func TestNoAllocationsInTimed(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	_, b, err := newRun(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	g := newGroup(t, 2)
	if err := b.Setup(g, npb.Config{}); err != nil {
		t.Fatal(err)
	}
	b.Timed() // the mailboxes grow to their largest message
	if a := npbtest.Allocs(3, b.Timed); a != 0 {
		t.Errorf("%v allocations in the timed region", a)
	}
}

func BenchmarkISMPI(b *testing.B) { npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW) }
