package comm

import "fmt"

// reducer is the in-process Allreduce: rank 0 gathers every rank's vector
// and reduces them in rank order (a float64 sum with SumRanks, as the MPI
// binding does), then sends the result to every rank. Its scratch grows
// to the longest gather and is then reused, so it allocates nothing in
// steady state. O(Size) messages at rank 0 are cheap copies in process.
type reducer struct {
	scratch []uint64
	reqs    []Request
}

// allreduce reduces b over the ranks of c with op.
func (r *reducer) allreduce(c *inProcess, b Buffer, op Op) {
	n, m := c.Size(), b.n
	if n == 1 || m == 0 {
		return
	}
	if c.Rank() != 0 {
		// Not Send: a blocking Send that finds rank 0's receive not yet
		// posted copies into a buffer of the link, and the first such copy
		// allocates, at a moment that depends on timing (a timed region
		// must allocate nothing). Rank 0 posts its receives first, so the
		// Isend completes without a buffer.
		c.Wait(c.Isend(0, b))
		c.Recv(0, b)
		return
	}
	size := b.t.Size()
	words := (n*m*size + 7) / 8
	if cap(r.scratch) < words {
		r.scratch = make([]uint64, words)
	}
	all := Buffer{p: unsafePointer(r.scratch[:words]), n: n * m, t: b.t}
	r.reqs = r.reqs[:0]
	for q := 1; q < n; q++ {
		r.reqs = append(r.reqs, c.Irecv(q, all.Slice(q*m, q*m+m)))
	}
	copyBuffer(all.Slice(0, m), b)
	for i, q := range r.reqs {
		if got := c.Wait(q); got != m {
			panic(fmt.Sprintf("comm: allreduce: rank %d sent %d elements, want %d", i+1, got, m))
		}
	}
	if b.t == Float64 && op == Sum {
		SumRanks(b.float64s(), all.float64s())
	} else {
		for q := 1; q < n; q++ {
			combine(b, all.Slice(q*m, q*m+m), op)
		}
	}
	r.reqs = r.reqs[:0]
	for q := 1; q < n; q++ {
		r.reqs = append(r.reqs, c.Isend(q, b))
	}
	for _, q := range r.reqs {
		c.Wait(q)
	}
}

// SumRanks sets dst to the element-wise sum of the vectors of every rank
// in all (rank q's at all[q*len(dst):]), added in rank order,
// ((v0 + v1) + v2) + …: the order that makes a float64 all-reduce the same
// bits on every rank and in both implementations.
func SumRanks(dst, all []float64) {
	m := len(dst)
	n := len(all) / max(m, 1)
	copy(dst, all[:m])
	for q := 1; q < n; q++ {
		s := all[q*m : q*m+m]
		for i := range dst {
			dst[i] += s[i]
		}
	}
}

// combine sets dst = dst op src element-wise, for integers and the max
// of float64s (a float64 sum goes through SumRanks).
func combine(dst, src Buffer, op Op) {
	switch dst.t {
	case Float64:
		if op != Max {
			panic("comm: combine of a float64 " + op.String())
		}
		d, s := dst.float64s(), src.float64s()
		s = s[:len(d)]
		for i := range d {
			if s[i] > d[i] {
				d[i] = s[i]
			}
		}
	case Int32:
		combineInts(dst.int32s(), src.int32s(), op)
	case Int64:
		combineInts(dst.int64s(), src.int64s(), op)
	default:
		panic("comm: allreduce of " + dst.t.String())
	}
}

func combineInts[T int32 | int64](d, s []T, op Op) {
	s = s[:len(d)]
	if op == Sum {
		for i := range d {
			d[i] += s[i]
		}
		return
	}
	for i := range d {
		d[i] = max(d[i], s[i])
	}
}
