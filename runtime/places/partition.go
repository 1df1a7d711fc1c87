package places

import "sort"

// Block returns place id's share [s, e) of [lo, hi) split into np contiguous
// blocks whose sizes differ by at most one, the first ones larger: OpenMP's
// static schedule, and the dissertation's CGfor.
func Block(lo, hi, id, np int) (s, e int) {
	n := hi - lo
	if n <= 0 {
		return lo, lo
	}
	q, r := n/np, n%np
	s = lo + id*q + min(id, r)
	e = s + q
	if id < r {
		e++
	}
	return s, e
}

// AlignedBlock is Block with every interior boundary rounded up to a
// multiple of align (in elements, counted from index 0), so that with a
// 64-byte-aligned vector and align = 8 float64s no two places write one
// cache line. Shares may differ by up to align elements.
func AlignedBlock(lo, hi, align, id, np int) (s, e int) {
	bound := func(j int) int {
		if j <= 0 {
			return lo
		}
		if j >= np {
			return hi
		}
		b, _ := Block(lo, hi, j, np)
		if align > 1 {
			b = (b + align - 1) / align * align
		}
		return min(max(b, lo), hi)
	}
	return bound(id), bound(id + 1)
}

// Weighted returns place id's share [s, e) of rows 0..n-1, where cum is the
// prefix sum of row weights (len n+1, cum[0] = 0, like CSR rowstr), so that
// every place gets about the same total weight: CG's rows balanced by
// nonzeros rather than by count.
func Weighted[T ~int | ~int32 | ~int64](cum []T, id, np int) (s, e int) {
	n := len(cum) - 1
	if n <= 0 {
		return 0, 0
	}
	start := func(j int) int {
		if j <= 0 {
			return 0
		}
		if j >= np {
			return n
		}
		base := int64(cum[0])
		target := base + (int64(cum[n])-base)*int64(j)/int64(np)
		return sort.Search(n, func(r int) bool { return int64(cum[r]) >= target })
	}
	return start(id), start(id + 1)
}

// Block is this place's share of [lo, hi); see the function Block.
func (p *Place) Block(lo, hi int) (int, int) { return Block(lo, hi, p.id, p.np) }

// AlignedBlock is this place's cache-line-aligned share of [lo, hi).
func (p *Place) AlignedBlock(lo, hi, align int) (int, int) {
	return AlignedBlock(lo, hi, align, p.id, p.np)
}
