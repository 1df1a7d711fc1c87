package cg

import "unsafe"

// matvec sets dst[j] = (A·src)[j] for the rows j in [lo, hi) of m (the
// "q = A.p" and "r = A.z" loops of conj_grad). Each row is summed from 0
// in ascending column order, as in the reference, so the result does not
// depend on how rows are split among places.
//
// The product is bound by the gathers src[colidx[k]] (src does not fit in
// L1; with an L1-resident src the loop runs twice as fast) and by
// streaming a and colidx, not by the chain of additions. What counts is
// how many gathers the core keeps in flight, so the fewer instructions per
// entry the better; see rowDot. Summing two rows side by side (which keeps
// each row's order) was tried and is slower on this machine, in Go by
// 30-50%, in C (gcc -O3) by 10-25%.
func matvec(dst []float64, m *matrix, src []float64, lo, hi int) {
	if len(src) < m.n {
		panic("cg: matvec source vector shorter than the matrix")
	}
	dst = dst[lo:hi]
	rowstr := m.rowstr[lo : lo+len(dst)+1]
	a, colidx := m.a, m.colidx
	base := unsafe.Pointer(unsafe.SliceData(src))
	k0 := rowstr[0]
	for j, k1 := range rowstr[1:] {
		dst[j] = rowDot(a[k0:k1], colidx[k0:k1], base)
		k0 = k1
	}
}

// rowDot returns the sum over k of a[k]·src[c[k]], in order, where src is
// the vector starting at base. The gather is unchecked: makea proves every
// column index lies in [0, n) and matvec that src has n elements, so a
// bounds check per entry would only add instructions to the loop (it makes
// the loop 9 instructions instead of 7, like gfortran's, and measured 3-8%
// slower). It is kept out of line so that matvec's live values cannot
// crowd the loop's registers (inlined, the compiler reloads a spilled
// value every iteration).
//
//go:noinline
func rowDot(a []float64, c []int32, base unsafe.Pointer) float64 {
	c = c[:len(a)]
	var s float64
	for k, v := range a {
		s += v * *(*float64)(unsafe.Add(base, uintptr(uint32(c[k]))*8))
	}
	return s
}
