package ft

import (
	"fmt"
	"runtime"
	"testing"

	"npbgo/npb"
)

// BenchmarkFT runs whole benchmarks; timed-s/op is the benchmark's own
// timer (the reference's timed region), Mop/s the official rate.
func BenchmarkFT(b *testing.B) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW, npb.ClassA, npb.ClassB} {
		for _, np := range []int{0, 1, 2, 4} {
			b.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(b *testing.B) {
				if c == npb.ClassB && testing.Short() {
					b.Skip("class B skipped in -short")
				}
				var sec float64
				for b.Loop() {
					// The previous run's arrays are garbage now; collecting
					// them here keeps the collector out of the timed region.
					runtime.GC()
					res, err := Run(npb.Config{Class: c, Places: np})
					if err != nil {
						b.Fatal(err)
					}
					if !res.Verified {
						b.Fatal("verification failed")
					}
					sec += res.Seconds
				}
				p, _ := paramsFor(c)
				b.ReportMetric(sec/float64(b.N), "timed-s/op")
				b.ReportMetric(p.mops(sec/float64(b.N)), "Mop/s")
			})
		}
	}
}
