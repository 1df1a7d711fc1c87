package is

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

func TestVerification(t *testing.T) {
	npbtest.Verify(t, Run, func(t *testing.T, c npb.Class, np int, res *npb.Result, out string) {
		if len(res.Checks) != 5*MaxIterations+1 {
			t.Errorf("%d checks, want 51", len(res.Checks))
		}
		for _, ch := range res.Checks {
			if !ch.OK {
				t.Errorf("check %s: got %v want %v", ch.Name, ch.Value, ch.Reference)
			}
		}
		if !res.Verified {
			t.Errorf("not verified; output:\n%s", out)
		}
		if strings.Contains(out, "Fail") {
			t.Errorf("failure lines in output:\n%s", out)
		}
		if c != npb.ClassS && !strings.Contains(out, "   iteration\n        1\n") {
			t.Errorf("iteration lines missing:\n%s", out)
		}
		if res.Kernel != "IS" || res.OpType != "keys ranked" || res.Places != np || res.Size[0] != 1<<16 && c == npb.ClassS {
			t.Errorf("bad result fields %+v", res)
		}
	})
}

// serialKeys is create_seq done the plain way: one generator from the
// seed, four numbers per key, with the reference's Randlc.
func serialKeys(par params) []int32 {
	keys := make([]int32, par.totalKeys())
	x, a := float64(npb.Seed), float64(npb.Multiplier)
	k := float64(par.maxKey() / 4)
	for i := range keys {
		r := npb.Randlc(&x, a)
		r += npb.Randlc(&x, a)
		r += npb.Randlc(&x, a)
		r += npb.Randlc(&x, a)
		keys[i] = int32(k * r)
	}
	return keys
}

// testClasses are the classes the exhaustive tests run: S, and W where
// it is not too slow.
func testClasses() []npb.Class {
	if !testing.Short() && !npbtest.Race {
		return []npb.Class{npb.ClassS, npb.ClassW}
	}
	return []npb.Class{npb.ClassS}
}

// TestSamePerPlaces checks that the keys, the bucketed keys and the ranks
// are the same for every place count and bucket count, and with the int64
// counts and positions of classes D and E.
func TestSamePerPlaces(t *testing.T) {
	for _, c := range testClasses() {
		par, _ := paramsFor(c)
		want := serialKeys(par)
		var wantRanks []int32
		for _, np := range npbtest.PlaceCounts {
			for _, lb := range []int{defaultRanking, directCounting, 4, par.maxKeyLog2} {
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				b, wide := newBench[int32](par, g, lb), newBench[int64](par, g, lb)
				g.Run(b.seqBody)
				g.Run(wide.seqBody)
				if !slices.Equal(b.keys, want) || !slices.Equal(wide.keys, want) {
					t.Fatalf("class %s places %d: keys differ from the serial generator", c, np)
				}
				b.rank(3)
				wide.rank(3)
				if wantRanks == nil {
					wantRanks = slices.Clone(b.buff1)
				} else if !slices.Equal(b.buff1, wantRanks) {
					t.Errorf("class %s places %d buckets 2^%d: ranks differ", c, np, lb)
				}
				if !slices.Equal(b.buff2, wide.buff2) {
					t.Errorf("class %s places %d buckets 2^%d: bucketed keys differ with int64 counts", c, np, lb)
				}
				for k, n := range b.buff1 {
					if int64(n) != wide.buff1[k] {
						t.Fatalf("class %s places %d buckets 2^%d: key_buff1[%d] = %d with int64 counts, %d with int32", c, np, lb, k, wide.buff1[k], n)
					}
				}
				g.Close()
			}
		}
	}
}

// TestWideSameChecks runs IS with int64 counts and positions, the type of
// classes D and E, at class S (and W): every check is that of the int32
// run.
func TestWideSameChecks(t *testing.T) {
	for _, c := range testClasses() {
		for _, np := range []int{0, 1, 3} {
			want, err := Run(npb.Config{Class: c, Places: np})
			if err != nil {
				t.Fatal(err)
			}
			k := Kernel
			k.New = func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
				prob, par, ref, err := readRun(c)
				return prob, &run[int64]{par: par, ref: ref}, err
			}
			got, err := k.Run(npb.Config{Class: c, Places: np})
			if err != nil {
				t.Fatal(err)
			}
			if !got.Verified || !slices.Equal(got.Checks, want.Checks) {
				t.Errorf("class %s places %d: int64 checks differ from int32:\n%v\n%v", c, np, got.Checks, want.Checks)
			}
		}
	}
}

// TestExpectedRankAllClasses checks that every class of IS has a rule for
// its partial verification, as is.c's switch does.
func TestExpectedRankAllClasses(t *testing.T) {
	for _, c := range Kernel.Classes() {
		for i := range testArraySize {
			ExpectedRank(npb.Class(c), i, 1, 100)
		}
	}
	// Class E's third key: is.c's three cases.
	for it, want := range map[int]int64{1: 99, 2: 100, 3: 100, 4: 101, 5: 101, 10: 106} {
		if got := ExpectedRank(npb.ClassE, 2, it, 100); got != want {
			t.Errorf("class E key 2 iteration %d: %d, want %d", it, got, want)
		}
	}
}

func TestNoAllocTimedRegion(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range npbtest.PlaceCounts {
		// Class W, so that the iteration lines are printed too.
		par, _ := paramsFor(npb.ClassW)
		ref, err := referenceFor(npb.ClassW)
		if err != nil {
			t.Fatal(err)
		}
		g, err := places.New(np, places.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b := newBench[int32](par, g, 0)
		if err := b.setReference(ref); err != nil {
			t.Fatal(err)
		}
		g.Run(b.seqBody)
		b.rank(1)
		keys := slices.Clone(b.keys)
		// Restoring the keys lets every run start from the same state, so
		// verification passes and no failure line is printed.
		allocs := testing.AllocsPerRun(5, func() {
			copy(b.keys, keys)
			b.passed = 0
			b.timedLoop()
		})
		if b.passed != 5*MaxIterations {
			t.Errorf("places %d: %d partial verifications passed, want 50", np, b.passed)
		}
		if allocs != 0 {
			t.Errorf("places %d: %v allocations in the timed region", np, allocs)
		}
		g.Close()
	}
}

// TestFailureDetected changes one reference rank: the run must fail the
// ten checks of that test key, print the reference's failure line for each,
// and not verify.
func TestFailureDetected(t *testing.T) {
	par, _ := paramsFor(npb.ClassS)
	ref, err := referenceFor(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	ref.Verification.TestRankArray = slices.Clone(ref.Verification.TestRankArray)
	ref.Verification.TestRankArray[2]++
	var out bytes.Buffer
	k := Kernel
	k.New = func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
		prob, _, err := newRun(c)
		return prob, &run[int32]{par: par, ref: ref}, err
	}
	res, err := k.Run(npb.Config{Class: npb.ClassS, Places: 2, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified {
		t.Error("verified with a wrong reference rank")
	}
	failed := 0
	for _, ch := range res.Checks {
		if !ch.OK {
			failed++
			if !strings.HasSuffix(ch.Name, ",i=2]") {
				t.Errorf("check %s failed", ch.Name)
			}
		}
	}
	// The warm-up iteration fails too, as in the reference.
	if n := strings.Count(out.String(), "Failed partial verification: iteration "); failed != 10 || n != 11 {
		t.Errorf("%d failed checks (want 10), %d failure lines (want 11):\n%s", failed, n, out.String())
	}
	if !strings.Contains(out.String(), "Failed partial verification: iteration 7, test key 2\n") {
		t.Errorf("missing failure line:\n%s", out.String())
	}
}

// TestFullVerifyDetects breaks one rank after ranking, so that full_verify
// puts keys out of order.
func TestFullVerifyDetects(t *testing.T) {
	par, _ := paramsFor(npb.ClassS)
	// Broken ranks send two places' keys to one position of key_array in
	// the bucket sort's parallel full_verify, so it is tested at one place;
	// direct counting's full_verify is serial.
	for _, tc := range []struct{ method, np int }{{directCounting, 1}, {directCounting, 2}, {4, 1}} {
		g, _ := places.New(tc.np, places.Options{})
		b := newBench[int32](par, g, tc.method)
		g.Run(b.seqBody)
		b.rank(1)
		// Keys of value v then go one place too low, over the last key of
		// value v-1, and leave a stale key behind them.
		v := par.maxKey() / 2
		if b.buff1[v] == b.buff1[v-1] {
			t.Fatal("no key of the chosen value")
		}
		b.buff1[v]--
		var ok bool
		for _, c := range b.verify() {
			if c.Name == "full_verify" {
				ok = c.OK
			}
		}
		if ok || b.outOfSort == 0 {
			t.Errorf("method %d places %d: full_verify passed on broken data (out of sort %d)", tc.method, tc.np, b.outOfSort)
		}
		g.Close()
	}
}

func TestParamsFromReference(t *testing.T) {
	if got := Kernel.Classes(); got != "SWABCDE" {
		t.Errorf("classes %q, want SWABCDE", got)
	}
	for c, wide := range map[npb.Class]bool{npb.ClassS: false, npb.ClassC: false, npb.ClassD: true, npb.ClassE: true} {
		if p, _ := paramsFor(c); p.wide() != wide {
			t.Errorf("class %s: wide %v, want %v", c, p.wide(), wide)
		}
	}
	for _, c := range Kernel.Classes() {
		if _, err := paramsFor(npb.Class(c)); err != nil {
			t.Error(err)
		}
	}
}

func TestBadClass(t *testing.T) {
	for _, c := range []npb.Class{npb.ClassF} {
		if _, err := Run(npb.Config{Class: c}); err == nil || !strings.HasPrefix(err.Error(), "is: ") {
			t.Errorf("class %s: err = %v", c, err)
		}
	}
}

func BenchmarkIS(b *testing.B) {
	npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW, npb.ClassA, npb.ClassB)
}

// BenchmarkRank times one ranking iteration by each method (bucket sort
// with the default bucket count, direct counting) at 1 and 2 places:
// the measurement behind newBench's default. NPB_BENCH_CLASS picks the
// class (A by default; S in -short runs).
func BenchmarkRank(b *testing.B) {
	c := npb.ClassA
	if s := os.Getenv("NPB_BENCH_CLASS"); s != "" {
		c, _ = npb.ParseClass(s)
	} else if testing.Short() {
		c = npb.ClassS
	}
	par, err := paramsFor(c)
	if err != nil {
		b.Fatal(err)
	}
	for _, np := range []int{1, 2} {
		for _, m := range []struct {
			name string
			lb   int
		}{{"buckets", defaultBucketsLog2(par)}, {"direct", directCounting}} {
			b.Run(fmt.Sprintf("class=%s/method=%s/places=%d", c, m.name, np), func(b *testing.B) {
				g, err := places.New(np, places.Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer g.Close()
				bn := newBench[int32](par, g, m.lb)
				g.Run(bn.seqBody)
				bn.rank(1)
				it := 1
				for b.Loop() {
					it = it%MaxIterations + 1
					bn.rank(it)
				}
			})
		}
	}
}

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	npbtest.MemoryEstimates(t, []npb.Class{npb.ClassS, npb.ClassW}, Kernel, KernelMPI)
}
