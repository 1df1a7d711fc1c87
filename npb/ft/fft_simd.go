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
func fftz4Row(w1, w2, w3 complex128, x0, x1, x2, x3, y0, y1, y2, y3 []complex128) {
	if simdFFT && len(x0) >= 2 {
		butterfly4(w1, w2, w3, x0, x1, x2, x3, y0, y1, y2, y3)
		return
	}
	fftz4pRow(w1, w2, w3, x0, x1, x2, x3, y0, y1, y2, y3)
}

// butterfly4 is fftz4pRow on vectors: two complex numbers
// per vector, the odd last one in scalar code.
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
	if n%2 == 1 {
		j := n - 1
		fftz4pRow(w1, w2, w3, x0[j:], x1[j:], x2[j:], x3[j:], y0[j:], y1[j:], y2[j:], y3[j:])
	}
}

// cmul is (c + i·s)·z for the two complex numbers of z, as Go multiplies
// complex128: (c·re - s·im, c·im + s·re).
func cmul(c, s, z archsimd.Float64x4) archsimd.Float64x4 {
	return z.Mul(c).AddSub(z.SelectFromPairGrouped(1, 0, z).Mul(s))
}
