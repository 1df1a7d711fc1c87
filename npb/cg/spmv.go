package cg

import "unsafe"

// matvec sets dst[j] = (A·src)[j] for the rows j in [lo, hi) of m (the
// "q = A.p" and "r = A.z" loops of conj_grad). Each row is summed from 0
// in ascending column order, as in the reference, so the result does not
// depend on how rows are split among places.
//
// The product is bound by the gathers src[colidx[k]] (src does not fit in
// L1; with an L1-resident src the loop runs twice as fast) and, from class
// B up, by streaming a and colidx from memory. What counts is how many
// loads the core keeps in flight, so the fewer instructions, and above all
// the fewer loads, per entry the better. All three loads are therefore
// unchecked, indexed by one running entry number k: makea builds rowstr
// ascending with every column index in [0, n), and matvec checks the
// lengths of src, a and colidx once. The loop is then the same 7
// instructions as gcc's -O3 loop, with 3 loads per entry.
//
// Slicing each row as a[k:end] and ranging over it, as this function did
// before, left the outer loop short of registers, and the compiler
// reloaded a pointer from the stack inside the inner loop (8 instructions,
// 4 loads). On the class-B matrix at one core (microbenchmark, 8 rounds
// alternating with the C loop) that was 1.00-1.18 (median 1.09) × gcc's
// time per product, this loop 0.88-1.18 (median 1.00) ×; the whole of CG
// got 14% faster at class W and 6% (1 place) and 12% (2 places) at class
// A (npb regress -ab, 10 pairs). A bounds check per entry made the loop 9
// instructions and measured 3-8% slower. Summing two rows side by side
// (which keeps each row's order) was tried and is slower on this machine,
// in Go by 30-50%, in C (gcc -O3) by 10-25%. Two entries of one row per
// loop trip (same order) made no measurable difference at class A.
func matvec(dst []float64, m *matrix, src []float64, lo, hi int) {
	end := int(m.rowstr[hi])
	if len(src) < m.n || len(m.a) < end || len(m.colidx) < end {
		panic("cg: matvec vectors shorter than the matrix")
	}
	dst = dst[lo:hi]
	rowstr := m.rowstr[lo+1 : lo+len(dst)+1]
	a := unsafe.Pointer(unsafe.SliceData(m.a))
	col := unsafe.Pointer(unsafe.SliceData(m.colidx))
	x := unsafe.Pointer(unsafe.SliceData(src))
	k := uintptr(m.rowstr[lo])
	for j, r := range rowstr {
		var s float64
		for e := uintptr(r); k < e; k++ {
			c := uintptr(*(*uint32)(unsafe.Add(col, k*4)))
			s += *(*float64)(unsafe.Add(a, k*8)) * *(*float64)(unsafe.Add(x, c*8))
		}
		dst[j] = s
	}
}
