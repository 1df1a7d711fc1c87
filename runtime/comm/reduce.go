package comm

import "fmt"

// PointToPoint is the part of a Comm that Reducer builds on.
type PointToPoint interface {
	Rank() int
	Size() int
	Send(to int, b Buffer)
	Recv(from int, b Buffer) int
}

// Reducer does an Allreduce with point-to-point messages in a fixed order:
// rank 0 receives every other rank's buffer in rank order and combines it
// into its own, then sends the result to every rank. A float64 sum is
// therefore ((b0 + b1) + b2) + … on every implementation, which is what
// makes Allreduce deterministic across them. It costs O(Size) messages at
// rank 0, which is fine for the short vectors the kernels reduce (IS's
// 1029 bucket counts, CG's two norms) at the rank counts of one machine or
// a small cluster. Its scratch buffer grows to the longest vector and is
// then reused, so a Reducer allocates nothing in steady state.
type Reducer struct {
	scratch []uint64
}

// Allreduce reduces b over the ranks of c with op.
func (r *Reducer) Allreduce(c PointToPoint, b Buffer, op Op) {
	n := c.Size()
	if n == 1 {
		return
	}
	if c.Rank() != 0 {
		c.Send(0, b)
		c.Recv(0, b)
		return
	}
	words := (b.n*b.t.Size() + 7) / 8
	if cap(r.scratch) < words {
		r.scratch = make([]uint64, words)
	}
	tmp := Buffer{p: nil, n: b.n, t: b.t}
	if b.n > 0 {
		tmp.p = unsafePointer(r.scratch[:words])
	}
	for q := 1; q < n; q++ {
		if got := c.Recv(q, tmp); got != b.n {
			panic(fmt.Sprintf("comm: allreduce: rank %d sent %d elements, want %d", q, got, b.n))
		}
		combine(b, tmp, op)
	}
	for q := 1; q < n; q++ {
		c.Send(q, b)
	}
}

// combine sets dst = dst op src element-wise.
func combine(dst, src Buffer, op Op) {
	switch dst.t {
	case Float64:
		d, s := dst.float64s(), src.float64s()
		s = s[:len(d)]
		if op == Sum {
			for i := range d {
				d[i] += s[i]
			}
		} else {
			for i := range d {
				if s[i] > d[i] {
					d[i] = s[i]
				}
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
