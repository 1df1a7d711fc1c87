package cg

// matvec sets dst[j] = (A·src)[j] for the rows j in [lo, hi) of m (the
// "q = A.p" and "r = A.z" loops of conj_grad). Each row is summed from 0
// in ascending column order, as in the reference, so the result does not
// depend on how rows are split among places.
//
// The loop is bound by the gathers src[colidx[k]] (src does not fit in L1)
// and by streaming a and colidx, not by the chain of additions: with an
// L1-resident src it runs twice as fast. The only bounds check left in it
// is the gather's. It is the loop gfortran makes of the reference. Summing
// two rows side by side (which keeps each row's order) was tried and is
// slower on this machine, in Go by 30-50%, in C (gcc -O3) by 10-25%.
func matvec(dst []float64, m *matrix, src []float64, lo, hi int) {
	dst = dst[lo:hi]
	rowstr := m.rowstr[lo : lo+len(dst)+1]
	a, colidx := m.a, m.colidx
	k0 := rowstr[0]
	for j, k1 := range rowstr[1:] {
		ar, cr := a[k0:k1], colidx[k0:k1]
		cr = cr[:len(ar)]
		var s float64
		for k, v := range ar {
			s += v * src[cr[k]]
		}
		dst[j] = s
		k0 = k1
	}
}
