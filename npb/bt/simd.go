//go:build goexperiment.simd && amd64

package bt

import (
	"simd/archsimd"
	"unsafe"
)

// In a GOEXPERIMENT=simd build on a CPU with AVX2, matmul_sub and binvcrhs
// work on the first four columns of a block row as one 256-bit vector and
// on the fifth as a scalar: the same operations on every element, in the
// same order, as the scalar kernels (Go fuses no multiply-add here), so
// the results are bitwise theirs. Each kernel clears the vector registers'
// upper halves before it goes back to scalar code, which the Go compiler
// emits in legacy SSE encoding: with the upper state dirty, every such
// instruction would wait for its register's last writer.
var simdBlocks = archsimd.X86.AVX2()

func matmulSub(a, b, c *block) {
	if simdBlocks {
		matmulSubAVX(a, b, c)
		return
	}
	matmulSubGo(a, b, c)
}

func binvcrhs(lhs, c *block, r *[5]float64, g *gaussJordan) {
	if simdBlocks {
		binvcrhsAVX(lhs, c, r, g)
		return
	}
	binvcrhsGo(lhs, c, r, g)
}

// head4 is the first four entries of a block row.
func head4(r *[5]float64) *[4]float64 { return (*[4]float64)(r[:4]) }

func load4(r *[5]float64) archsimd.Float64x4 { return archsimd.LoadFloat64x4(head4(r)) }

// bcastAt broadcasts *x by way of a vector load of x[0:2] (see bcast2):
// x must not be the last float64 of its allocation. matmulSub's a blocks
// never end theirs: the a array of the scratch has a spare block, and the
// scratch's zero block is followed by other fields.
func bcastAt(x *float64) archsimd.Float64x4 {
	return archsimd.LoadFloat64x2((*[2]float64)(unsafe.Pointer(x))).Broadcast1To4()
}

// bcast2 broadcasts v[i] by way of a vector load of v[i:i+2], not a scalar
// load: scalar loads are legacy SSE instructions, slow while the upper
// halves are dirty.
func bcast2(v *[6]float64, i int) archsimd.Float64x4 {
	return archsimd.LoadFloat64x2((*[2]float64)(v[i : i+2])).Broadcast1To4()
}

func matmulSubAVX(a, b, c *block) {
	b0, b1, b2, b3, b4 := load4(&b[0]), load4(&b[1]), load4(&b[2]), load4(&b[3]), load4(&b[4])
	mmRow(&a[0], &c[0], b0, b1, b2, b3, b4)
	mmRow(&a[1], &c[1], b0, b1, b2, b3, b4)
	mmRow(&a[2], &c[2], b0, b1, b2, b3, b4)
	mmRow(&a[3], &c[3], b0, b1, b2, b3, b4)
	mmRow(&a[4], &c[4], b0, b1, b2, b3, b4)
	archsimd.ClearAVXUpperBits()
	s0, s1, s2, s3, s4 := b[0][4], b[1][4], b[2][4], b[3][4], b[4][4]
	c[0][4] = c[0][4] - a[0][0]*s0 - a[0][1]*s1 - a[0][2]*s2 - a[0][3]*s3 - a[0][4]*s4
	c[1][4] = c[1][4] - a[1][0]*s0 - a[1][1]*s1 - a[1][2]*s2 - a[1][3]*s3 - a[1][4]*s4
	c[2][4] = c[2][4] - a[2][0]*s0 - a[2][1]*s1 - a[2][2]*s2 - a[2][3]*s3 - a[2][4]*s4
	c[3][4] = c[3][4] - a[3][0]*s0 - a[3][1]*s1 - a[3][2]*s2 - a[3][3]*s3 - a[3][4]*s4
	c[4][4] = c[4][4] - a[4][0]*s0 - a[4][1]*s1 - a[4][2]*s2 - a[4][3]*s3 - a[4][4]*s4
}

// mmRow is matmul_sub on the first four entries of row m of c: am and cm
// are row m of a and c, b0..b4 the rows of b.
func mmRow(am, cm *[5]float64, b0, b1, b2, b3, b4 archsimd.Float64x4) {
	v := load4(cm)
	v = v.Sub(bcastAt(&am[0]).Mul(b0))
	v = v.Sub(bcastAt(&am[1]).Mul(b1))
	v = v.Sub(bcastAt(&am[2]).Mul(b2))
	v = v.Sub(bcastAt(&am[3]).Mul(b3))
	v = v.Sub(bcastAt(&am[4]).Mul(b4))
	v.Store(head4(cm))
}

func binvcrhsAVX(lhs, c *block, r *[5]float64, g *gaussJordan) {
	g.factor(lhs)
	x0, x1, x2, x3, x4 := load4(&c[0]), load4(&c[1]), load4(&c[2]), load4(&c[3]), load4(&c[4])

	x0 = x0.Mul(bcast2(&g.p, 0))
	x1 = x1.Sub(bcast2(&g.f[0], 1).Mul(x0))
	x2 = x2.Sub(bcast2(&g.f[0], 2).Mul(x0))
	x3 = x3.Sub(bcast2(&g.f[0], 3).Mul(x0))
	x4 = x4.Sub(bcast2(&g.f[0], 4).Mul(x0))

	x1 = x1.Mul(bcast2(&g.p, 1))
	x0 = x0.Sub(bcast2(&g.f[1], 0).Mul(x1))
	x2 = x2.Sub(bcast2(&g.f[1], 2).Mul(x1))
	x3 = x3.Sub(bcast2(&g.f[1], 3).Mul(x1))
	x4 = x4.Sub(bcast2(&g.f[1], 4).Mul(x1))

	x2 = x2.Mul(bcast2(&g.p, 2))
	x0 = x0.Sub(bcast2(&g.f[2], 0).Mul(x2))
	x1 = x1.Sub(bcast2(&g.f[2], 1).Mul(x2))
	x3 = x3.Sub(bcast2(&g.f[2], 3).Mul(x2))
	x4 = x4.Sub(bcast2(&g.f[2], 4).Mul(x2))

	x3 = x3.Mul(bcast2(&g.p, 3))
	x0 = x0.Sub(bcast2(&g.f[3], 0).Mul(x3))
	x1 = x1.Sub(bcast2(&g.f[3], 1).Mul(x3))
	x2 = x2.Sub(bcast2(&g.f[3], 2).Mul(x3))
	x4 = x4.Sub(bcast2(&g.f[3], 4).Mul(x3))

	x4 = x4.Mul(bcast2(&g.p, 4))
	x0 = x0.Sub(bcast2(&g.f[4], 0).Mul(x4))
	x1 = x1.Sub(bcast2(&g.f[4], 1).Mul(x4))
	x2 = x2.Sub(bcast2(&g.f[4], 2).Mul(x4))
	x3 = x3.Sub(bcast2(&g.f[4], 3).Mul(x4))

	x0.Store(head4(&c[0]))
	x1.Store(head4(&c[1]))
	x2.Store(head4(&c[2]))
	x3.Store(head4(&c[3]))
	x4.Store(head4(&c[4]))
	archsimd.ClearAVXUpperBits()
	c[0][4], c[1][4], c[2][4], c[3][4], c[4][4] = g.apply(c[0][4], c[1][4], c[2][4], c[3][4], c[4][4])
	r[0], r[1], r[2], r[3], r[4] = g.apply(r[0], r[1], r[2], r[3], r[4])
}
