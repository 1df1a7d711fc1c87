//go:build goexperiment.simd && amd64

package ft

import "simd/archsimd"

// simdFFT is set when the radix-4 butterflies run on 256-bit vectors: a
// GOEXPERIMENT=simd build on a CPU with AVX.
var simdFFT = archsimd.X86.AVX()

// fftz4Row is the butterfly of fftz4 on one row: on vectors of two
// complex numbers when the CPU allows, with the same operations in the same
// order as fftz4pRow, so that the results are bitwise the scalar code's
// (Go does not fuse a multiply and an add on amd64 unless GOAMD64=v3).
//
// The odd last point is done here rather than at the end of butterfly4:
// there the twiddles would stay live across the vector loop, and the
// compiler reloads them into X registers at every iteration with legacy
// SSE moves. On CPUs that pay for mixing SSE with dirty 256-bit state,
// that made the loop 5-10 times slower than the scalar code.
func fftz4Row(w1, w2, w3 complex128, x0, x1, x2, x3, y0, y1, y2, y3 []complex128) {
	if !simdFFT || len(x0) < 2 {
		fftz4pRow(w1, w2, w3, x0, x1, x2, x3, y0, y1, y2, y3)
		return
	}
	m := len(x0) &^ 1
	butterfly4(w1, w2, w3, x0[:m], x1, x2, x3, y0, y1, y2, y3)
	if m < len(x0) {
		fftz4pRow(w1, w2, w3, x0[m:], x1[m:], x2[m:], x3[m:], y0[m:], y1[m:], y2[m:], y3[m:])
	}
}

// butterfly4 is fftz4pRow on vectors of two complex numbers, for rows of
// even length len(x0).
func butterfly4(w1, w2, w3 complex128, x0, x1, x2, x3, y0, y1, y2, y3 []complex128) {
	n := len(x0)
	f0, f1, f2, f3 := floats(x0), floats(x1[:n]), floats(x2[:n]), floats(x3[:n])
	g0, g1, g2, g3 := floats(y0[:n]), floats(y1[:n]), floats(y2[:n]), floats(y3[:n])
	c1, s1 := archsimd.BroadcastFloat64x4(real(w1)), archsimd.BroadcastFloat64x4(imag(w1))
	c2, s2 := archsimd.BroadcastFloat64x4(real(w2)), archsimd.BroadcastFloat64x4(imag(w2))
	c3, s3 := archsimd.BroadcastFloat64x4(real(w3)), archsimd.BroadcastFloat64x4(imag(w3))
	m := 2 * (n &^ 1)
	for i := 0; i < m; i += 4 {
		a0 := archsimd.LoadFloat64x4Slice(f0[i : i+4])
		a1 := archsimd.LoadFloat64x4Slice(f1[i : i+4])
		a2 := archsimd.LoadFloat64x4Slice(f2[i : i+4])
		a3 := archsimd.LoadFloat64x4Slice(f3[i : i+4])
		b0, b2 := a0.Add(a2), a0.Sub(a2)
		b1, dd := a1.Add(a3), a1.Sub(a3)
		// u = b2 + i·d = (b2.re - d.im, b2.im + d.re); v = b2 - i·d.
		sd := dd.SelectFromPairGrouped(1, 0, dd)
		u := b2.AddSub(sd)
		v := b2.Add(sd).SelectFromPairGrouped(0, 3, b2.Sub(sd))
		b0.Add(b1).StoreSlice(g0[i : i+4])
		cmul(c2, s2, b0.Sub(b1)).StoreSlice(g2[i : i+4])
		cmul(c1, s1, u).StoreSlice(g1[i : i+4])
		cmul(c3, s3, v).StoreSlice(g3[i : i+4])
	}
	// The scalar code that follows (the copies of cffts1, evolve,
	// fftz2last) is legacy SSE: with the upper state dirty, its every
	// instruction would merge into the 256-bit registers (see
	// places.clearUpper).
	archsimd.ClearAVXUpperBits()
}

// cmul is (c + i·s)·z for the two complex numbers of z, as Go multiplies
// complex128: (c·re - s·im, c·im + s·re).
func cmul(c, s, z archsimd.Float64x4) archsimd.Float64x4 {
	return z.Mul(c).AddSub(z.SelectFromPairGrouped(1, 0, z).Mul(s))
}
