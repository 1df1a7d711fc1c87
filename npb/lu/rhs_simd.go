//go:build goexperiment.simd && amd64

package lu

import "simd/archsimd"

// simdRHS is set when rhs's flux differences, viscous terms and
// dissipation run on 256-bit vectors: a GOEXPERIMENT=simd build on a CPU
// with AVX2. A vector holds components 2..5 of a point (the fifth in
// scalar code would leave three lanes idle); component 1, whose viscous
// term differs, stays scalar. Each lane does the scalar code's operations
// in its order, and Go fuses no multiply-add here, so the results are
// bitwise the scalar code's. Each vector loop ends with VZEROUPPER: dirty
// upper halves make every legacy-SSE scalar instruction after it (all of
// Go's scalar float code) merge them, which slowed the scalar parts of rhs
// fivefold.
var simdRHS = archsimd.X86.AVX2()

var hasAVX = archsimd.X86.AVX()

// clearUpper clears the vector registers' upper halves (VZEROUPPER). The
// sweeps call it once per line: the runtime's asynchronous preemption
// leaves them dirty on an AVX-512 CPU (see runtime/places), and the sweeps'
// scalar code may otherwise run for a whole sweep with every instruction
// merging them.
func clearUpper() {
	if hasAVX {
		archsimd.ClearAVXUpperBits()
	}
}

// hi4 is components 2..5 of c.
func hi4(c *cell) archsimd.Float64x4 { return archsimd.LoadFloat64x4((*[4]float64)(c[1:5])) }

// combineRowV is combineRow on vectors. Component 1 goes first, in a
// scalar loop of its own: scalar (legacy SSE) instructions between vector
// ones in one loop stalled on every iteration here (on an AMD EPYC VM the
// fused loop made LU three times slower than the scalar build). The
// components do not mix, so the order of the loops changes no result.
func combineRowV(v, fp, fm, gp, gi, um, uc, up []cell, t2, tc float64, d *[5]float64) {
	n := len(v)
	fp, fm, gp, gi, um, uc, up = fp[:n], fm[:n], gp[:n], gi[:n], um[:n], uc[:n], up[:n]
	d0 := d[0]
	for i := range n {
		vi, a, b := &v[i], &fp[i], &fm[i]
		ui, uu, ud := &uc[i], &up[i], &um[i]
		v0 := vi[0] - t2*(a[0]-b[0])
		vi[0] = v0 + d0*(ud[0]-2.0*ui[0]+uu[0])
	}
	vt2, vtc := archsimd.BroadcastFloat64x4(t2), archsimd.BroadcastFloat64x4(tc)
	vd := archsimd.LoadFloat64x4((*[4]float64)(d[1:5]))
	two := archsimd.BroadcastFloat64x4(2.0)
	for i := range n {
		vi, a, b := &v[i], &fp[i], &fm[i]
		ui, uu, ud := &uc[i], &up[i], &um[i]
		g1, g0 := &gp[i], &gi[i]
		x := hi4(vi).Sub(vt2.Mul(hi4(a).Sub(hi4(b))))
		x = x.Add(vtc.Mul(hi4(g1).Sub(hi4(g0)))).Add(vd.Mul(hi4(ud).Sub(two.Mul(hi4(ui))).Add(hi4(uu))))
		x.Store((*[4]float64)(vi[1:5]))
	}
	archsimd.ClearAVXUpperBits()
}

// diss5V is diss5 on vectors, component 1 first in a scalar loop of its
// own (see combineRowV).
func diss5V(v, a, b, c, d, e []cell, dssp float64) {
	n := len(v)
	a, b, c, d, e = a[:n], b[:n], c[:n], d[:n], e[:n]
	for i := range n {
		vi, ai, bi, ci, di, ei := &v[i], &a[i], &b[i], &c[i], &d[i], &e[i]
		vi[0] = vi[0] - dssp*(ai[0]-4.0*bi[0]+6.0*ci[0]-4.0*di[0]+ei[0])
	}
	vs := archsimd.BroadcastFloat64x4(dssp)
	four, six := archsimd.BroadcastFloat64x4(4.0), archsimd.BroadcastFloat64x4(6.0)
	for i := range n {
		vi, ai, bi, ci, di, ei := &v[i], &a[i], &b[i], &c[i], &d[i], &e[i]
		s := hi4(ai).Sub(four.Mul(hi4(bi))).Add(six.Mul(hi4(ci))).Sub(four.Mul(hi4(di))).Add(hi4(ei))
		hi4(vi).Sub(vs.Mul(s)).Store((*[4]float64)(vi[1:5]))
	}
	archsimd.ClearAVXUpperBits()
}
