package bt

// The 5×5 block kernels of solve_subs.f. A block b holds the reference's
// b(m,n) at b[m-1][n-1] (row-major: the reference stores it column-major,
// which only changes where the values sit, not the arithmetic).
//
// Go keeps arrays in memory, and a store through one pointer makes it
// reload everything it read through another (they might alias). So these
// kernels load what they need into scalar locals, compute, and store
// once, keeping the reference's operations and their order per element:
// the results are bitwise those of the reference routines.

type block = [5][5]float64

// matvecSub sets b = b - a·v (solve_subs.f matvec_sub), each row summed
// left to right.
func matvecSub(a *block, v, b *[5]float64) {
	v0, v1, v2, v3, v4 := v[0], v[1], v[2], v[3], v[4]
	b[0] = b[0] - a[0][0]*v0 - a[0][1]*v1 - a[0][2]*v2 - a[0][3]*v3 - a[0][4]*v4
	b[1] = b[1] - a[1][0]*v0 - a[1][1]*v1 - a[1][2]*v2 - a[1][3]*v3 - a[1][4]*v4
	b[2] = b[2] - a[2][0]*v0 - a[2][1]*v1 - a[2][2]*v2 - a[2][3]*v3 - a[2][4]*v4
	b[3] = b[3] - a[3][0]*v0 - a[3][1]*v1 - a[3][2]*v2 - a[3][3]*v3 - a[3][4]*v4
	b[4] = b[4] - a[4][0]*v0 - a[4][1]*v1 - a[4][2]*v2 - a[4][3]*v3 - a[4][4]*v4
}

// matmulSubGo sets c = c - a·b (solve_subs.f matmul_sub). Column n of c
// depends only on column n of b, which is loaded once into registers.
func matmulSubGo(a, b, c *block) {
	for n := range 5 {
		b0, b1, b2, b3, b4 := b[0][n], b[1][n], b[2][n], b[3][n], b[4][n]
		c[0][n] = c[0][n] - a[0][0]*b0 - a[0][1]*b1 - a[0][2]*b2 - a[0][3]*b3 - a[0][4]*b4
		c[1][n] = c[1][n] - a[1][0]*b0 - a[1][1]*b1 - a[1][2]*b2 - a[1][3]*b3 - a[1][4]*b4
		c[2][n] = c[2][n] - a[2][0]*b0 - a[2][1]*b1 - a[2][2]*b2 - a[2][3]*b3 - a[2][4]*b4
		c[3][n] = c[3][n] - a[3][0]*b0 - a[3][1]*b1 - a[3][2]*b2 - a[3][3]*b3 - a[3][4]*b4
		c[4][n] = c[4][n] - a[4][0]*b0 - a[4][1]*b1 - a[4][2]*b2 - a[4][3]*b3 - a[4][4]*b4
	}
}

// gaussJordan holds the multipliers of a Gauss-Jordan elimination of a
// 5×5 block without pivoting: p[k] = 1/pivot of step k, and f[k][m] the
// entry of row m, column k that step k eliminates, as it stood then.
type gaussJordan struct {
	p [6]float64    // one spare entry, so a vector of two may start at p[4]
	f [5][6]float64 // likewise for each row
}

// factor eliminates lhs in the order of binvcrhs, recording the
// multipliers; lhs itself is left untouched (the reference overwrites it,
// but the solvers never read it again). The block is worked on in scalar
// locals, so that nothing is reloaded after a store.
func (g *gaussJordan) factor(lhs *block) {
	a11, a12, a13, a14, a15 := lhs[0][0], lhs[0][1], lhs[0][2], lhs[0][3], lhs[0][4]
	a21, a22, a23, a24, a25 := lhs[1][0], lhs[1][1], lhs[1][2], lhs[1][3], lhs[1][4]
	a31, a32, a33, a34, a35 := lhs[2][0], lhs[2][1], lhs[2][2], lhs[2][3], lhs[2][4]
	a41, a42, a43, a44, a45 := lhs[3][0], lhs[3][1], lhs[3][2], lhs[3][3], lhs[3][4]
	a51, a52, a53, a54, a55 := lhs[4][0], lhs[4][1], lhs[4][2], lhs[4][3], lhs[4][4]

	p := 1.0 / a11
	g.p[0] = p
	a12, a13, a14, a15 = a12*p, a13*p, a14*p, a15*p
	g.f[0][1], g.f[0][2], g.f[0][3], g.f[0][4] = a21, a31, a41, a51
	a22, a23, a24, a25 = a22-a21*a12, a23-a21*a13, a24-a21*a14, a25-a21*a15
	a32, a33, a34, a35 = a32-a31*a12, a33-a31*a13, a34-a31*a14, a35-a31*a15
	a42, a43, a44, a45 = a42-a41*a12, a43-a41*a13, a44-a41*a14, a45-a41*a15
	a52, a53, a54, a55 = a52-a51*a12, a53-a51*a13, a54-a51*a14, a55-a51*a15

	p = 1.0 / a22
	g.p[1] = p
	a23, a24, a25 = a23*p, a24*p, a25*p
	g.f[1][0], g.f[1][2], g.f[1][3], g.f[1][4] = a12, a32, a42, a52
	a13, a14, a15 = a13-a12*a23, a14-a12*a24, a15-a12*a25
	a33, a34, a35 = a33-a32*a23, a34-a32*a24, a35-a32*a25
	a43, a44, a45 = a43-a42*a23, a44-a42*a24, a45-a42*a25
	a53, a54, a55 = a53-a52*a23, a54-a52*a24, a55-a52*a25

	p = 1.0 / a33
	g.p[2] = p
	a34, a35 = a34*p, a35*p
	g.f[2][0], g.f[2][1], g.f[2][3], g.f[2][4] = a13, a23, a43, a53
	a14, a15 = a14-a13*a34, a15-a13*a35
	a24, a25 = a24-a23*a34, a25-a23*a35
	a44, a45 = a44-a43*a34, a45-a43*a35
	a54, a55 = a54-a53*a34, a55-a53*a35

	p = 1.0 / a44
	g.p[3] = p
	a45 = a45 * p
	g.f[3][0], g.f[3][1], g.f[3][2], g.f[3][4] = a14, a24, a34, a54
	a15 = a15 - a14*a45
	a25 = a25 - a24*a45
	a35 = a35 - a34*a45
	a55 = a55 - a54*a45

	p = 1.0 / a55
	g.p[4] = p
	g.f[4][0], g.f[4][1], g.f[4][2], g.f[4][3] = a15, a25, a35, a45
}

// apply does to the vector x0..x4 what the elimination did to a column
// of the right-hand sides, in the reference's order.
func (g *gaussJordan) apply(x0, x1, x2, x3, x4 float64) (float64, float64, float64, float64, float64) {
	x0 *= g.p[0]
	x1 = x1 - g.f[0][1]*x0
	x2 = x2 - g.f[0][2]*x0
	x3 = x3 - g.f[0][3]*x0
	x4 = x4 - g.f[0][4]*x0

	x1 *= g.p[1]
	x0 = x0 - g.f[1][0]*x1
	x2 = x2 - g.f[1][2]*x1
	x3 = x3 - g.f[1][3]*x1
	x4 = x4 - g.f[1][4]*x1

	x2 *= g.p[2]
	x0 = x0 - g.f[2][0]*x2
	x1 = x1 - g.f[2][1]*x2
	x3 = x3 - g.f[2][3]*x2
	x4 = x4 - g.f[2][4]*x2

	x3 *= g.p[3]
	x0 = x0 - g.f[3][0]*x3
	x1 = x1 - g.f[3][1]*x3
	x2 = x2 - g.f[3][2]*x3
	x4 = x4 - g.f[3][4]*x3

	x4 *= g.p[4]
	x0 = x0 - g.f[4][0]*x4
	x1 = x1 - g.f[4][1]*x4
	x2 = x2 - g.f[4][2]*x4
	x3 = x3 - g.f[4][3]*x4
	return x0, x1, x2, x3, x4
}

// binvcrhsGo sets c = lhs⁻¹·c and r = lhs⁻¹·r (solve_subs.f binvcrhs), with
// g as work space (a local would be zeroed at every call). The
// reference interleaves the six right-hand-side columns (five of c, then
// r) row operation by row operation; each column sees the same operations
// in the same order when they are done one column at a time, after the
// multipliers are known.
func binvcrhsGo(lhs, c *block, r *[5]float64, g *gaussJordan) {
	g.factor(lhs)
	for n := range 5 {
		c[0][n], c[1][n], c[2][n], c[3][n], c[4][n] = g.apply(c[0][n], c[1][n], c[2][n], c[3][n], c[4][n])
	}
	r[0], r[1], r[2], r[3], r[4] = g.apply(r[0], r[1], r[2], r[3], r[4])
}

// binvrhs sets r = lhs⁻¹·r (solve_subs.f binvrhs).
func binvrhs(lhs *block, r *[5]float64) {
	var g gaussJordan
	g.factor(lhs)
	r[0], r[1], r[2], r[3], r[4] = g.apply(r[0], r[1], r[2], r[3], r[4])
}
