package ft

import (
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

// BenchmarkFT runs whole benchmarks; timed-s/op is the benchmark's own
// timer (the reference's timed region), Mop/s the official rate.
func BenchmarkFT(b *testing.B) {
	npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW, npb.ClassA, npb.ClassB)
}
