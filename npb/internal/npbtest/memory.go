package npbtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// memoryChild names, in a child's environment, the run MemoryEstimate
// wants from it.
const memoryChild = "NPBTEST_MEMORY_CHILD"

// MemoryEstimate checks a kernel's memory estimate (npb.Kernel.Footprint,
// which `npb run` refuses a class by) against the peak resident memory of
// a run of class c on np places or in-process ranks: within 10%, as the
// estimates were checked against `npb run -json` up to class C. The run
// is done in a child process, this test binary started again with only
// the calling test, so that nothing else the tests allocate counts. A
// test binary's own floor is not npb's (npb.BaseRSS): it is measured in a
// child that runs a kernel that allocates nothing through the same
// driver, and stands in for npb's in the estimate.
func MemoryEstimate(t *testing.T, k npb.Kernel, c npb.Class, np int) {
	t.Helper()
	me := fmt.Sprintf("%s/%s/%d", k.Name, c, np)
	if v := os.Getenv(memoryChild); v != "" {
		if v == "base/"+me {
			// What a run has beside its data: the same run of a kernel
			// that allocates nothing.
			empty := npb.Kernel{Name: "empty", Ref: k.RefName(), MaxClass: k.MaxClass,
				New: func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
					prob, _, err := k.New(c)
					return prob, emptyBench{}, err
				}}
			empty.Run(npb.Config{Class: c, Places: np})
			printPeakRSS()
		}
		if v != me {
			return
		}
		r, err := k.Run(npb.Config{Class: c, Places: np})
		if err != nil || !r.Verified {
			fmt.Printf("error %v\n", err)
			os.Exit(1)
		}
		printPeakRSS()
	}
	if Race {
		t.Skip("the race detector's shadow memory is not in the estimate")
	}
	peak, base := childPeakRSS(t, me), childPeakRSS(t, "base/"+me)
	est := k.Footprint(c, np, max(np, 1)) - npb.BaseRSS + base
	ratio := float64(est) / float64(peak)
	t.Logf("%s: estimate %.1f MiB, peak RSS %.1f MiB (this binary's floor %.1f MiB), ratio %.3f",
		me, float64(est)/(1<<20), float64(peak)/(1<<20), float64(base)/(1<<20), ratio)
	if ratio < 0.9 || ratio > 1.1 {
		t.Errorf("%s: estimate %.1f MiB, peak RSS %.1f MiB: off by more than 10%%", me, float64(est)/(1<<20), float64(peak)/(1<<20))
	}
}

// emptyBench is a benchmark that does nothing.
type emptyBench struct{}

func (emptyBench) Setup(*places.Group, npb.Printer) error { return nil }
func (emptyBench) Timed()                                 {}
func (emptyBench) Verify(npb.Printer) []npb.Check         { return nil }
func (emptyBench) Mops(float64) float64                   { return 0 }

// printPeakRSS ends a child, printing its peak resident memory: VmHWM,
// the high-water mark of its own address space. getrusage's maxrss would
// not do: a child started by exec inherits the parent's high-water mark,
// the whole test binary's so far.
func printPeakRSS() {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Printf("peak_rss_kib %s\n", strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	os.Exit(0)
}

// childPeakRSS runs the calling test again in a child that does what
// says (a run's name, or "base": nothing), and returns its peak resident
// bytes.
func childPeakRSS(t *testing.T, what string) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+strings.ReplaceAll(t.Name(), "/", "$/^")+"$")
	cmd.Env = append(os.Environ(), memoryChild+"="+what)
	out, err := cmd.Output()
	var kib int64
	if _, serr := fmt.Sscanf(string(out), "peak_rss_kib %d", &kib); err != nil || serr != nil {
		t.Fatalf("%s: child run: %v, %v: %s", what, err, serr, out)
	}
	return kib << 10
}

// MemoryEstimates runs MemoryEstimate for each kernel at each class: on 2
// places, and a message-passing form on 2 and 4 ranks.
func MemoryEstimates(t *testing.T, classes []npb.Class, ks ...npb.Kernel) {
	for _, k := range ks {
		counts := []int{2}
		if k.Ranks {
			counts = []int{2, 4}
		}
		for _, c := range classes {
			for _, np := range counts {
				t.Run(fmt.Sprintf("%s/class=%s/places=%d", k.Name, c, np), func(t *testing.T) {
					MemoryEstimate(t, k, c, np)
				})
			}
		}
	}
}
