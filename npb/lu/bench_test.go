package lu

import (
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

func BenchmarkLU(b *testing.B) { npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW) }

func BenchmarkLUHP(b *testing.B) { npbtest.BenchmarkKernel(b, RunHP, npb.ClassS, npb.ClassW) }
