package cg

import (
	"math"
	"slices"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/shm"
)

// matrix is a sparse matrix in compressed-row form with 0-based indices:
// row j holds a[rowstr[j]:rowstr[j+1]] in the columns
// colidx[rowstr[j]:rowstr[j+1]] (ascending in makea's matrix, in order of
// first appearance in a rank's block from makeaBlock), n columns.
//
// Columns are int32: n is at most 54 million (class F). Row pointers are
// int64, as classes E and F have more than 2^31 entries. They are read
// once a row, next to the 12 bytes a value and its column take per entry
// (100-230 entries a row from class A up), so int32 row pointers would
// save under 0.5% of the product's memory traffic.
type matrix struct {
	n      int
	rowstr []int64
	colidx []int32
	a      []float64
}

// makea generates the benchmark matrix (makea and sparse of cg.f)
//
//	A = sum_{i} ratio^i · w_i w_i^T + (rcond - shift)·I,
//
// where w_i is the i-th sparse random vector (sprnvc, then vecset puts 0.5
// at position i), in one parallel region on g. As in the OpenMP reference
// every place owns a block of rows: it replays the random stream up to its
// last vector, keeps its own vectors, then assembles the rows of its block.
// Every entry sums its contributions in the reference's order (vector index
// ascending, starting from 0), so the matrix is bitwise the same for every
// number of places.
//
// Instead of the reference's triple list with in-row insertion (v, iv: about
// na·(nonzer+1)² entries of workspace) each place indexes, for its rows, the
// vectors that touch them, and assembles a row at a time in a dense scratch
// row; two passes (count, then fill) let the matrix be allocated at its
// exact size, so the peak is the matrix plus O(na·nonzer) of workspace.
func makea(g *places.Group, n, nonzer int, rcond, shift float64) *matrix {
	w := nonzer + 1 // room per vector: nonzer draws plus the diagonal
	nn1 := 1        // smallest power of two >= n
	for nn1 < n {
		nn1 *= 2
	}
	ratio := math.Pow(rcond, 1/float64(n))

	// The element lists of makea (arow, acol, aelt) and each vector's
	// scale ratio^(i-1); place p writes the entries of its own rows.
	arow := make([]int32, n)
	acol := make([]int32, n*w)
	aelt := make([]float64, n*w)
	scale := make([]float64, n)

	m := &matrix{n: n, rowstr: make([]int64, n+1)}
	totals := make([]int64, g.NP())

	g.Run(func(p *places.Place) {
		ilow, ihigh := p.Block(0, n)

		// The main program draws one number before makea.
		tran := float64(npb.Seed)
		amult := float64(npb.Multiplier)
		npb.Randlc(&tran, amult)
		vc := make([]float64, w)
		ivc := make([]int32, w)
		size := 1.0
		for iouter := range ihigh {
			nzv := sprnvc(vc, ivc, n, nonzer, nn1, &tran, amult)
			if iouter >= ilow {
				nzv = vecset(vc, ivc, nzv, iouter, 0.5)
				arow[iouter] = int32(nzv)
				copy(acol[iouter*w:], ivc[:nzv])
				copy(aelt[iouter*w:], vc[:nzv])
				scale[iouter] = size
			}
			size *= ratio // sparse's running "size"
		}
		p.Barrier()

		s := newSparse(n, w, ilow, ihigh, arow, acol, aelt, scale, rcond, shift)

		// Pass 1: the length of every row of the block, then rowstr by
		// a prefix sum over the block and over the blocks before it.
		var cum int64
		for j := ilow; j < ihigh; j++ {
			cum += int64(len(s.gather(j)))
			m.rowstr[j+1] = cum
		}
		totals[p.ID()] = cum
		p.Barrier()
		var off, nnz int64
		for q, t := range totals {
			if q < p.ID() {
				off += t
			}
			nnz += t
		}
		for j := ilow + 1; j <= ihigh; j++ {
			m.rowstr[j] += off
		}
		p.Master(func() {
			m.colidx = make([]int32, nnz)
			m.a = make([]float64, nnz)
			shm.AdviseHugePages(m.colidx)
			shm.AdviseHugePages(m.a)
		})

		// Pass 2: assemble the rows again, now into the matrix.
		s.reset()
		for j := ilow; j < ihigh; j++ {
			cols := s.gather(j)
			slices.Sort(cols)
			k := m.rowstr[j]
			for t, c := range cols {
				if c < 0 || int(c) >= n {
					// matvec's unchecked gather relies on this.
					panic("cg: column index out of range in makea")
				}
				m.colidx[int(k)+t] = c
				m.a[int(k)+t] = s.dense[c]
			}
		}
	})
	return m
}

// sprnvc draws a sparse vector of nz distinct positions in [0, n) into
// (v, iv) from the random stream *tran (sprnvc of cg.f): a value, then a
// position floor(nn1·r) that is rejected, with both draws spent, when it is
// out of range or already taken. It returns the number of entries, nz.
func sprnvc(v []float64, iv []int32, n, nz, nn1 int, tran *float64, amult float64) int {
	nzv := 0
	for nzv < nz {
		vecelt := npb.Randlc(tran, amult)
		vecloc := npb.Randlc(tran, amult)
		i := icnvrt(vecloc, nn1)
		if i >= n || slices.Contains(iv[:nzv], int32(i)) {
			continue
		}
		v[nzv] = vecelt
		iv[nzv] = int32(i)
		nzv++
	}
	return nzv
}

// icnvrt scales x in (0,1) by the power of two ipwr2 and truncates it.
func icnvrt(x float64, ipwr2 int) int {
	return int(float64(ipwr2) * x)
}

// vecset sets position i of the sparse vector (v, iv) with nzv entries to
// val, appending it if absent, and returns the new number of entries.
func vecset(v []float64, iv []int32, nzv, i int, val float64) int {
	set := false
	for k := range nzv {
		if int(iv[k]) == i {
			v[k] = val
			set = true
		}
	}
	if !set {
		v[nzv] = val
		iv[nzv] = int32(i)
		nzv++
	}
	return nzv
}

// sparse assembles the rows [ilow, ihigh) of the matrix from the element
// lists (the per-row work of sparse in cg.f). trstr/tr index, for each row
// of the block, the vector elements that fall in that row, by ascending
// vector; dense and mark are a scratch row.
type sparse struct {
	w, ilow      int
	arow, acol   []int32
	aelt, scale  []float64
	rcond, shift float64
	trstr, tr    []int32
	dense        []float64
	mark         []int32
	cols         []int32
}

func newSparse(n, w, ilow, ihigh int, arow, acol []int32, aelt, scale []float64, rcond, shift float64) *sparse {
	s := &sparse{w: w, ilow: ilow, arow: arow, acol: acol, aelt: aelt, scale: scale,
		rcond: rcond, shift: shift}
	nrows := ihigh - ilow
	s.trstr = make([]int32, nrows+1)
	for i := range n {
		for _, j := range acol[i*w : i*w+int(arow[i])] {
			if int(j) >= ilow && int(j) < ihigh {
				s.trstr[int(j)-ilow+1]++
			}
		}
	}
	for r := range nrows {
		s.trstr[r+1] += s.trstr[r]
	}
	s.tr = make([]int32, s.trstr[nrows])
	next := slices.Clone(s.trstr[:nrows])
	for i := range n {
		for e := i * w; e < i*w+int(arow[i]); e++ {
			if j := int(acol[e]); j >= ilow && j < ihigh {
				s.tr[next[j-ilow]] = int32(e)
				next[j-ilow]++
			}
		}
	}
	s.dense = make([]float64, n)
	s.mark = make([]int32, n)
	s.reset()
	return s
}

// reset marks every column of the scratch row unused.
func (s *sparse) reset() {
	for i := range s.mark {
		s.mark[i] = -1
	}
}

// gather sums row j into the scratch row and returns its columns, in
// order of first appearance. An entry starts at 0 and adds the
// contribution aelt(col)·(size·aelt(row)) of each vector in ascending
// order, the diagonal one of vector j getting rcond - shift on top, as in
// the reference.
func (s *sparse) gather(j int) []int32 {
	cols := s.cols[:0]
	r := j - s.ilow
	for _, e := range s.tr[s.trstr[r]:s.trstr[r+1]] {
		i := int(e) / s.w
		scale := s.scale[i] * s.aelt[e]
		base := i * s.w
		nv := int(s.arow[i])
		for k, jcol := range s.acol[base : base+nv] {
			va := s.aelt[base+k] * scale
			if int(jcol) == j && j == i {
				va = va + s.rcond - s.shift
			}
			if s.mark[jcol] != int32(j) {
				s.mark[jcol] = int32(j)
				s.dense[jcol] = 0
				cols = append(cols, jcol)
			}
			s.dense[jcol] += va
		}
	}
	s.cols = cols
	return cols
}
