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
// entry the better. The gather is therefore unchecked: makea proves every
// column index lies in [0, n), and matvec checks that src has n elements.
// A bounds check per entry makes the loop 9 instructions instead of 7
// (gfortran's has 8) and measured 3-8% slower. Summing two rows side by
// side (which keeps each row's order) was tried and is slower on this
// machine, in Go by 30-50%, in C (gcc -O3) by 10-25%. Two entries of one
// row per loop trip (5.5 instructions per entry, same order) made no
// measurable difference: 1.71-2.51 against 1.71-2.50 ms per class-A
// product over 8 alternating runs.
func matvec(dst []float64, m *matrix, src []float64, lo, hi int) {
	if len(src) < m.n {
		panic("cg: matvec source vector shorter than the matrix")
	}
	dst = dst[lo:hi]
	rowstr := m.rowstr[lo+1 : lo+len(dst)+1]
	k0 := int(m.rowstr[lo])
	// This block's entries, indexed from its first one.
	a := m.a[k0:m.rowstr[hi]]
	c := m.colidx[k0:m.rowstr[hi]]
	base := unsafe.Pointer(unsafe.SliceData(src))
	k := 0
	for j, r := range rowstr {
		end := int(r) - k0
		ar, cr := a[k:end], c[k:end]
		cr = cr[:len(ar)]
		var s float64
		for i, v := range ar {
			s += v * *(*float64)(unsafe.Add(base, uintptr(uint32(cr[i]))*8))
		}
		dst[j] = s
		k = end
	}
}
