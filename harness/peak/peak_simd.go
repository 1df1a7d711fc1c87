//go:build goexperiment.simd && amd64

package peak

import "simd/archsimd"

// vector is set when the chains run on 256-bit vectors: a GOEXPERIMENT=simd
// build on a CPU with AVX2 and FMA.
var vector = archsimd.X86.AVX2() && archsimd.X86.FMA()

// run runs the chains n steps and returns the sum of all their
// lanes: on vectors when the CPU allows, else on float64.
func run(m, c float64, n int) float64 {
	if !vector {
		return runScalar(m, c, n)
	}
	r := runVector(m, c, n)
	// Leave no dirty upper state for the scalar code that follows
	// (places.clearUpper says why it costs).
	archsimd.ClearAVXUpperBits()
	return r
}

// runVector is runScalar on vectors of 4 float64 (VFMADD on YMM
// registers): 12 chains of 4 lanes each.
func runVector(m, c float64, n int) float64 {
	vm, vc := archsimd.BroadcastFloat64x4(m), archsimd.BroadcastFloat64x4(c)
	// Distinct starts, as in runScalar.
	b := archsimd.BroadcastFloat64x4
	a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11 := b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11)
	for range n {
		a0 = a0.MulAdd(vm, vc)
		a1 = a1.MulAdd(vm, vc)
		a2 = a2.MulAdd(vm, vc)
		a3 = a3.MulAdd(vm, vc)
		a4 = a4.MulAdd(vm, vc)
		a5 = a5.MulAdd(vm, vc)
		a6 = a6.MulAdd(vm, vc)
		a7 = a7.MulAdd(vm, vc)
		a8 = a8.MulAdd(vm, vc)
		a9 = a9.MulAdd(vm, vc)
		a10 = a10.MulAdd(vm, vc)
		a11 = a11.MulAdd(vm, vc)
	}
	s := a0.Add(a1).Add(a2).Add(a3).Add(a4).Add(a5).Add(a6).Add(a7).Add(a8).Add(a9).Add(a10).Add(a11)
	var out [4]float64
	s.Store(&out)
	return out[0] + out[1] + out[2] + out[3]
}
