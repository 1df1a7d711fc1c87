package is

import (
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

func TestMPIVerification(t *testing.T) {
	npbtest.VerifyRanks(t, KernelMPI.Run, func(t *testing.T, c npb.Class, np int, res *npb.Result, out string) {
		if len(res.Checks) != 5*MaxIterations+2 {
			t.Errorf("%d checks, want 52", len(res.Checks))
		}
		if res.Kernel != "IS-MPI" || res.OpType != "keys ranked" {
			t.Errorf("bad result fields %+v", res)
		}
	})
}

// TestMPIPowerOfTwo checks that a rank count that is.c refuses is a clear
// error, not a hang.
func TestMPIPowerOfTwo(t *testing.T) {
	_, err := KernelMPI.Run(npb.Config{Class: npb.ClassS, Places: 3})
	if err == nil || !strings.Contains(err.Error(), "power of two") {
		t.Fatalf("3 ranks: err = %v", err)
	}
}

// TestMPIMinProcs checks that class D and E refuse fewer ranks than is.c's
// MIN_PROCS, before any rank allocates its keys.
func TestMPIMinProcs(t *testing.T) {
	for _, tc := range []struct {
		c  npb.Class
		np int
	}{{npb.ClassD, 2}, {npb.ClassE, 32}} {
		_, err := KernelMPI.Run(npb.Config{Class: tc.c, Places: tc.np})
		if err == nil || !strings.Contains(err.Error(), "at least") {
			t.Errorf("class %s on %d ranks: err = %v", tc.c, tc.np, err)
		}
	}
}

// TestMPISameKeys checks that the keys of the ranks, laid end to end, are
// the keys of one rank: find_my_seed's jump-ahead.
func TestMPISameKeys(t *testing.T) {
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

func fakeRank(par params, me, np int) *mpiRank {
	n := par.totalKeys() / np
	return &mpiRank{par: par, me: me, np: np, numKeys: n, keyArray: make([]int32, n)}
}

func TestMPINoAllocationsInTimed(t *testing.T) {
	npbtest.NoTimedAllocs(t, newMPIRun, npb.ClassS, 2)
}

func BenchmarkISMPI(b *testing.B) { npbtest.BenchmarkKernel(b, KernelMPI.Run, npb.ClassS, npb.ClassW) }
