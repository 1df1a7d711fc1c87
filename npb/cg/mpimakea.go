package cg

import (
	"math"
	"slices"

	"npbgo/npb"
)

// makeaBlock generates this rank's block of the matrix as makea and sparse
// of NPB3.4-MPI cg.f do, in local numbers (local row j is global row
// firstrow+j, local column c global column firstcol+c): every rank draws
// all n random sparse vectors w_i (sprnvc, vecset), keeps the elements
// w_i[row]·(ratio^i·w_i[col]) whose row and column it owns, adds rcond -
// shift on the diagonal last, and sums the duplicates of each row in the
// order they were generated; a row's columns stay in order of first
// appearance, as sparse leaves them. The MPI reference's order differs
// from the OpenMP one (where the shift joins the diagonal element of
// vector j), so the matrix can differ from makea's in the last bits; both
// verify.
//
// Rather than the reference's list of triples and its bucket sort, each
// row is assembled in a dense scratch row from an index of the vectors
// that touch it, which yields the same sums in the same order.
func makeaBlock(n, nonzer int, rcond, shift float64, g *grid) *matrix {
	w := nonzer + 1
	nn1 := 1
	for nn1 < n {
		nn1 *= 2
	}
	ratio := math.Pow(rcond, 1/float64(n))

	// Only the vectors with an element in this rank's rows add to its
	// block. All are drawn, the random stream runs through them, but a
	// rank keeps only those, in order: about nonzer+1 in nprows of them
	// from class B up, rather than all na·(nonzer+1) elements (17 GB at
	// class F). Kept vector i is vals[i*w:][:nzv[i]].
	r0, nrows := g.firstrow, g.nrows()
	expect := keptVectors(n, w, nrows)
	vals, cols := make([]float64, 0, expect*w), make([]int32, 0, expect*w)
	nzv, scale := make([]int32, 0, expect), make([]float64, 0, expect)
	v, iv := make([]float64, w), make([]int32, w)

	tran := float64(npb.Seed)
	amult := float64(npb.Multiplier)
	npb.Randlc(&tran, amult) // the main program's draw before makea
	size := 1.0
	for i := range n {
		k := sprnvc(v, iv, n, nonzer, nn1, &tran, amult)
		k = vecset(v, iv, k, i, 0.5)
		if touches(iv[:k], r0, r0+nrows) {
			vals = append(vals, v...)
			cols = append(cols, iv...)
			nzv = append(nzv, int32(k))
			scale = append(scale, size)
		}
		size *= ratio
	}
	kept := len(nzv)

	// For every owned row, the (vector, position) of each element in it,
	// by ascending vector.
	start := make([]int32, nrows+1)
	for i := range kept {
		for _, c := range cols[i*w:][:nzv[i]] {
			if r := int(c) - r0; r >= 0 && r < nrows {
				start[r+1]++
			}
		}
	}
	for r := range nrows {
		start[r+1] += start[r]
	}
	elems := make([]int32, start[nrows])
	next := slices.Clone(start[:nrows])
	for i := range kept {
		for k, c := range cols[i*w:][:nzv[i]] {
			if r := int(c) - r0; r >= 0 && r < nrows {
				elems[next[r]] = int32(i*w + k)
				next[r]++
			}
		}
	}

	c0, ncols := g.firstcol, g.ncols()
	x := make([]float64, ncols)
	mark := make([]bool, ncols)
	nzloc := make([]int32, 0, ncols)
	// An upper bound of the entries (before duplicates are summed), so
	// that the matrix is allocated once.
	bound := nrows
	for _, e := range elems {
		i := int(e) / w
		for _, col := range cols[i*w:][:nzv[i]] {
			if c := int(col) - c0; c >= 0 && c < ncols {
				bound++
			}
		}
	}
	m := &matrix{n: ncols, rowstr: make([]int64, nrows+1), a: make([]float64, 0, bound), colidx: make([]int32, 0, bound)}
	for r := range nrows {
		row := r0 + r
		nzloc = nzloc[:0]
		add := func(c int, a float64) {
			x[c] += a
			if !mark[c] && x[c] != 0 {
				mark[c] = true
				nzloc = append(nzloc, int32(c))
			}
		}
		for _, e := range elems[start[r]:start[r+1]] {
			i := int(e) / w
			vrow := vals[e]
			for k, col := range cols[i*w:][:nzv[i]] {
				if c := int(col) - c0; c >= 0 && c < ncols {
					add(c, vrow*(scale[i]*vals[i*w+k]))
				}
			}
		}
		if c := row - c0; c >= 0 && c < ncols {
			add(c, rcond-shift)
		}
		for _, c := range nzloc {
			mark[c] = false
			xi := x[c]
			x[c] = 0
			if xi != 0 {
				m.a = append(m.a, xi)
				m.colidx = append(m.colidx, c)
			}
		}
		m.rowstr[r+1] = int64(len(m.a))
	}
	m.a = slices.Clip(m.a)
	m.colidx = slices.Clip(m.colidx)
	return m
}

// keptVectors is about how many of n random sparse vectors of w
// elements have one in a block of rows rows, with a little room: a
// share 1-(1-rows/n)^w of them, as the positions are close to uniform,
// and the vectors whose own diagonal element is in the block.
func keptVectors(n, w, rows int) int {
	f := 1 - math.Pow(1-float64(rows)/float64(n), float64(w))
	return min(n, int(1.02*f*float64(n))+rows+16)
}

// touches reports whether a sparse vector with positions iv has an
// element in the rows [lo, hi).
func touches(iv []int32, lo, hi int) bool {
	for _, c := range iv {
		if int(c) >= lo && int(c) < hi {
			return true
		}
	}
	return false
}
