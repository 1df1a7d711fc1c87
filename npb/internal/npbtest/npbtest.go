// Package npbtest holds what every kernel's tests share: the place counts
// verification runs with, and whether the race detector is on (it makes
// class W too slow and allocates in timed regions itself).
package npbtest

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// PlaceCounts are the place counts every kernel verifies with: the serial
// point (0), then 1 to 4 places, more than the cores of a 2-core machine.
var PlaceCounts = []int{0, 1, 2, 3, 4}

// SkipLong skips a test that is too slow for -short or -race runs (class W
// and larger).
func SkipLong(t testing.TB) {
	t.Helper()
	if testing.Short() || Race {
		t.Skip("skipped in -short and -race runs")
	}
}

// BenchPlaceCounts are the place counts of every kernel benchmark.
var BenchPlaceCounts = []int{0, 1, 2, 4}

// BenchmarkKernel runs whole benchmarks as sub-benchmarks named
// class=C/places=N (benchstat reads them). timed-s/op is the NPB timed
// region alone and Mop/s the official rate; every run must verify.
// NPB_BENCH_CLASS=A picks one class instead of classes; in -short runs
// only S and W are kept.
func BenchmarkKernel(b *testing.B, run func(npb.Config) (*npb.Result, error), classes ...npb.Class) {
	if s := os.Getenv("NPB_BENCH_CLASS"); s != "" {
		c, err := npb.ParseClass(s)
		if err != nil {
			b.Fatal(err)
		}
		classes = []npb.Class{c}
	}
	for _, c := range classes {
		for _, np := range BenchPlaceCounts {
			b.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(b *testing.B) {
				if testing.Short() && c != npb.ClassS && c != npb.ClassW {
					b.Skipf("class %s skipped in -short", c)
				}
				var sec, mops float64
				for b.Loop() {
					// The previous run's arrays are garbage now; collect
					// them here so the collector stays out of the timed
					// region.
					runtime.GC()
					r, err := run(npb.Config{Class: c, Places: np})
					if err != nil {
						b.Fatal(err)
					}
					if !r.Verified {
						b.Fatalf("not verified: %+v", r.Checks)
					}
					sec += r.Seconds
					mops += r.Mops
				}
				b.ReportMetric(sec/float64(b.N), "timed-s/op")
				b.ReportMetric(mops/float64(b.N), "Mop/s")
			})
		}
	}
}

// Verify runs a kernel for classes S and W at every place count, each as a
// subtest class=C/places=N (W is skipped in -short and -race runs), fails
// the subtest if Run returns an error, and hands the result and the lines
// the run printed to check for the kernel's own assertions.
func Verify(t *testing.T, run func(npb.Config) (*npb.Result, error), check func(t *testing.T, c npb.Class, np int, r *npb.Result, out string)) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		for _, np := range PlaceCounts {
			t.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					SkipLong(t)
				}
				var out strings.Builder
				r, err := run(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				check(t, c, np, r, out.String())
			})
		}
	}
}

// RankCounts are the rank counts the message-passing kernels verify with
// in process: the serial point (one rank on the caller) and the powers of
// two up to 8.
var RankCounts = []int{0, 1, 2, 4, 8}

// ManyRanks reports whether np in-process ranks are too many for a -short
// run, and logs it: on two cores, and under the race detector, eight ranks
// that exchange thousands of messages are slow, and 1, 2 and 4 ranks
// already cover a rank count above the cores.
func ManyRanks(t testing.TB, np int) bool {
	if np > 4 && testing.Short() {
		t.Logf("%d ranks skipped in -short mode", np)
		return true
	}
	return false
}

// VerifyRanks is Verify for a message-passing kernel, at RankCounts: each
// run must verify and count its ranks as NPB-MPI prints them, in the
// result, in the banner (" Number of processes:") and in the report
// (" Total processes ="), before check sees it.
func VerifyRanks(t *testing.T, run func(npb.Config) (*npb.Result, error), check func(t *testing.T, c npb.Class, np int, r *npb.Result, out string)) {
	verifyRanks(t, run, RankCounts, true, check)
}

// VerifyRanksAt is VerifyRanks at the rank counts counts, none of them
// skipped in -short runs (for kernels whose runs at class S are quick on
// any number of ranks).
func VerifyRanksAt(t *testing.T, run func(npb.Config) (*npb.Result, error), counts []int, check func(t *testing.T, c npb.Class, np int, r *npb.Result, out string)) {
	verifyRanks(t, run, counts, false, check)
}

func verifyRanks(t *testing.T, run func(npb.Config) (*npb.Result, error), counts []int, skipMany bool, check func(t *testing.T, c npb.Class, np int, r *npb.Result, out string)) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		for _, np := range counts {
			t.Run(fmt.Sprintf("class=%s/ranks=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					SkipLong(t)
				}
				if skipMany && ManyRanks(t, np) {
					t.SkipNow()
				}
				var out strings.Builder
				r, err := run(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !r.Verified {
					t.Fatalf("not verified; output:\n%s", out.String())
				}
				n := max(np, 1)
				if r.Ranks != n {
					t.Errorf("%d ranks in the result, want %d", r.Ranks, n)
				}
				if !strings.Contains(out.String(), fmt.Sprintf(" Number of processes: %5d\n", n)) {
					t.Errorf("no process count in the banner:\n%s", out.String())
				}
				var rep strings.Builder
				r.Report(&rep)
				if !strings.Contains(rep.String(), fmt.Sprintf(" Total processes =             %12d\n", n)) {
					t.Errorf("report without the NPB-MPI process lines:\n%s", rep.String())
				}
				check(t, c, np, r, out.String())
			})
		}
	}
}

// SameAcrossPlaces remembers the checks of the first place count run for
// each class and fails a later run whose compared values differ from them
// in any bit: a kernel's verified values must not depend on the number of
// places.
type SameAcrossPlaces map[npb.Class][]npb.Check

// Check compares r's checks with the first ones of class c.
func (m SameAcrossPlaces) Check(t testing.TB, c npb.Class, np int, r *npb.Result) {
	t.Helper()
	f, ok := m[c]
	if !ok {
		m[c] = r.Checks
		return
	}
	for i := range f {
		if math.Float64bits(f[i].Value) != math.Float64bits(r.Checks[i].Value) {
			t.Errorf("%s = %v at %d places, %v at the first place count", f[i].Name, r.Checks[i].Value, np, f[i].Value)
		}
	}
}

// Near fails for every m where got[m] is further than rel from want[m],
// relatively; name labels the vector ("xcr").
func Near(t testing.TB, name string, got, want []float64, rel float64) {
	t.Helper()
	for m := range want {
		if d := math.Abs(got[m]-want[m]) / math.Abs(want[m]); d > rel {
			t.Errorf("%s(%d) = %.16e, Fortran %.16e (rel %.1e)", name, m+1, got[m], want[m], d)
		}
	}
}

// NoTimedAllocs fails t if the timed region of newRun's benchmark of class
// c on np places allocates once a first run has let its buffers grow.
// The race detector allocates by itself: under it the test is skipped.
func NoTimedAllocs(t *testing.T, newRun func(npb.Class) (npb.Problem, npb.Benchmark, error), c npb.Class, np int) {
	t.Helper()
	if Race {
		t.Skip("the race detector allocates")
	}
	_, b, err := newRun(c)
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
	// An allocation of the kernel's happens on every call, so one
	// measurement of none clears it. With more places than Ps the runtime
	// itself allocates now and then, most likely starting a thread (an M
	// and its g0 are heap allocations) while a place sleeps in the futex:
	// EP's class-S region at 3 places on 2 CPUs counted 1.5 to 3 a call in
	// 6 of 6 single measurements, and none once measured up to 3 times
	// (8 of 8).
	var a float64
	for range 3 {
		if a = Allocs(2, b.Timed); a == 0 {
			return
		}
	}
	t.Errorf("%v allocations in the timed region, in each of 3 measurements", a)
}

// Allocs is the average number of heap allocations of one call of f over
// runs calls, after one warm-up call. Unlike testing.AllocsPerRun it leaves
// GOMAXPROCS alone: that sets it to 1, and places that wait for each other
// on one P spin through their backoff for seconds (an LU or CG class-S
// timed region at 2 places took 15–40 s instead of 50 ms).
func Allocs(runs int, f func()) float64 {
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs)
}
