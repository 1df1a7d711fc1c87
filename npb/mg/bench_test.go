package mg

import (
	"fmt"
	"os"
	"testing"

	"npbgo/npb"
)

// BenchmarkMG runs the whole benchmark; the reported time per op is a
// complete run, and "s/timed" is the NPB timed region alone.
func BenchmarkMG(b *testing.B) {
	classes := []npb.Class{npb.ClassS}
	if c := os.Getenv("MG_BENCH_CLASS"); c != "" {
		cl, err := npb.ParseClass(c)
		if err != nil {
			b.Fatal(err)
		}
		classes = []npb.Class{cl}
	}
	for _, c := range classes {
		for _, np := range []int{0, 1, 2, 4} {
			b.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(b *testing.B) {
				var timed float64
				for b.Loop() {
					r, err := Run(npb.Config{Class: c, Places: np})
					if err != nil {
						b.Fatal(err)
					}
					if !r.Verified {
						b.Fatalf("not verified: %+v", r.Checks)
					}
					timed += r.Seconds
				}
				b.ReportMetric(timed/float64(b.N), "s/timed")
			})
		}
	}
}
