package mg

import (
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

// BenchmarkMG runs the whole benchmark (NPB_BENCH_CLASS=A for class A).
func BenchmarkMG(b *testing.B) {
	npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW)
}
