// Package commtest checks that an implementation of comm.Comm keeps the
// interface's promises. Conformance runs on every rank of a communicator:
// the in-process tests call it on every place, the MPI binding's test on
// every process of an mpirun job, so both implementations pass one test.
package commtest

import (
	"fmt"
	"math"

	"npbgo/runtime/comm"
)

// Conformance exercises every operation of c and returns the first
// discrepancy. Every rank of c must call it.
func Conformance(c comm.Comm) error {
	for _, tc := range []struct {
		name string
		f    func(comm.Comm) error
	}{
		{"ring", ring},
		{"sendrecv", sendRecv},
		{"nonblocking", nonblocking},
		{"backlog", backlog},
		{"self", self},
		{"barrier", barrier},
		{"allreduce", allreduce},
		{"alltoall", alltoall},
		{"alltoallv", alltoallv},
		{"split", split},
	} {
		if err := tc.f(c); err != nil {
			return fmt.Errorf("rank %d of %d: %s: %w", c.Rank(), c.Size(), tc.name, err)
		}
	}
	return nil
}

// value is a float64 that tells rank, index and round apart and is not
// exactly representable in a short sum, so that sums depend on order.
func value(rank, i, round int) float64 {
	return 1/float64(3+rank) + float64(i)*0.1 + float64(round)*1e-3
}

// ring sends each type of slice around the ring with Send/Recv: even
// ranks send first, odd ranks receive first, so it works under
// synchronous sends.
func ring(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	next, prev := (me+1)%n, (me+n-1)%n
	if n == 1 {
		return nil
	}
	for round := range 3 {
		f := make([]float64, 5+round)
		i32 := make([]int32, 7)
		i64 := make([]int64, 3)
		for i := range f {
			f[i] = value(me, i, round)
		}
		for i := range i32 {
			i32[i] = int32(me*100 + i)
		}
		for i := range i64 {
			i64[i] = int64(me)<<40 + int64(i)
		}
		gf := make([]float64, 16)
		g32 := make([]int32, len(i32))
		g64 := make([]int64, len(i64))
		var nf, n32, n64 int
		if me%2 == 0 {
			c.Send(next, comm.Float64s(f))
			c.Send(next, comm.Int32s(i32))
			c.Send(next, comm.Int64s(i64))
			nf = c.Recv(prev, comm.Float64s(gf))
			n32 = c.Recv(prev, comm.Int32s(g32))
			n64 = c.Recv(prev, comm.Int64s(g64))
		} else {
			nf = c.Recv(prev, comm.Float64s(gf))
			n32 = c.Recv(prev, comm.Int32s(g32))
			n64 = c.Recv(prev, comm.Int64s(g64))
			c.Send(next, comm.Float64s(f))
			c.Send(next, comm.Int32s(i32))
			c.Send(next, comm.Int64s(i64))
		}
		if nf != len(f) || n32 != len(i32) || n64 != len(i64) {
			return fmt.Errorf("round %d: got %d, %d, %d elements, want %d, %d, %d", round, nf, n32, n64, len(f), len(i32), len(i64))
		}
		for i := range nf {
			if gf[i] != value(prev, i, round) {
				return fmt.Errorf("round %d: float64 %d from %d is %v", round, i, prev, gf[i])
			}
		}
		for i := range g32 {
			if g32[i] != int32(prev*100+i) || g64[i%len(g64)] != int64(prev)<<40+int64(i%len(g64)) {
				return fmt.Errorf("round %d: integers from %d are %v %v", round, prev, g32, g64)
			}
		}
	}
	return nil
}

// sendRecv shifts along the ring and exchanges with the rank opposite,
// which is this rank itself on one rank.
func sendRecv(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	next, prev := (me+1)%n, (me+n-1)%n
	buf := []float64{float64(me), -1}
	got := make([]float64, 2)
	if k := c.SendRecv(next, comm.Float64s(buf[:1]), prev, comm.Float64s(got)); k != 1 || got[0] != float64(prev) {
		return fmt.Errorf("shift: got %d elements %v from %d", k, got, prev)
	}
	opp := me ^ (n / 2)
	if n == 1 || !comm.PowerOfTwo(n) {
		opp = me
	}
	x := []int64{int64(me)}
	y := []int64{-1}
	c.SendRecv(opp, comm.Int64s(x), opp, comm.Int64s(y))
	if y[0] != int64(opp) {
		return fmt.Errorf("exchange with %d: got %d", opp, y[0])
	}
	return nil
}

// nonblocking mixes Isend, Send, Irecv and Recv in one stream along the
// ring, of every type and of lengths shorter than the receive buffers,
// and waits in an order unrelated to the posting order. Every rank posts
// all its sends before it blocks in Recv, so it works under synchronous
// sends.
func nonblocking(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	next, prev := (me+1)%n, (me+n-1)%n
	for round := range 3 {
		x1 := make([]float64, 4+round)
		for i := range x1 {
			x1[i] = value(me, i, round)
		}
		x2 := []int32{int32(me), int32(round), 7}
		x3 := []int64{int64(me) << 40, int64(round)}
		x4 := []float64{} // an empty message still matches a receive
		a := make([]float64, 8)
		b := make([]int32, 3)
		d := make([]int64, 5)
		e := make([]float64, 1)

		r1 := c.Irecv(prev, comm.Float64s(a))
		s1 := c.Isend(next, comm.Float64s(x1))
		s2 := c.Isend(next, comm.Int32s(x2))
		r2 := c.Irecv(prev, comm.Int32s(b))
		s3 := c.Isend(next, comm.Int64s(x3))
		s4 := c.Isend(next, comm.Float64s(x4))
		n3 := c.Recv(prev, comm.Int64s(d))
		r4 := c.Irecv(prev, comm.Float64s(e))
		var got [7]int
		for i, r := range []comm.Request{r2, s3, r4, r1, s2, s4, s1} {
			got[i] = c.Wait(r)
		}
		if got[1]+got[4]+got[5]+got[6] != 0 {
			return fmt.Errorf("round %d: sends completed with counts %v", round, got)
		}
		if got[3] != len(x1) || got[0] != 3 || n3 != 2 || got[2] != 0 {
			return fmt.Errorf("round %d: received %d, %d, %d, %d elements, want %d, 3, 2, 0", round, got[3], got[0], n3, got[2], len(x1))
		}
		for i := range x1 {
			if a[i] != value(prev, i, round) {
				return fmt.Errorf("round %d: float64 %d from %d is %v", round, i, prev, a[i])
			}
		}
		if b[0] != int32(prev) || b[1] != int32(round) || b[2] != 7 || d[0] != int64(prev)<<40 || d[1] != int64(round) {
			return fmt.Errorf("round %d: integers from %d are %v %v", round, prev, b, d[:2])
		}
	}
	return nil
}

// backlog posts many Isends to one rank before that rank receives any
// (more than an in-process mailbox holds), then receives them with Recv
// and waits for the sends; then the receives are posted first, and the
// sends come with blocking Send.
func backlog(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	next, prev := (me+1)%n, (me+n-1)%n
	const k = 40
	out := make([][]float64, k)
	reqs := make([]comm.Request, k)
	for i := range out {
		out[i] = []float64{float64(me), float64(i)}
		reqs[i] = c.Isend(next, comm.Float64s(out[i]))
	}
	buf := make([]float64, 2)
	for i := range k {
		if m := c.Recv(prev, comm.Float64s(buf)); m != 2 || buf[0] != float64(prev) || buf[1] != float64(i) {
			return fmt.Errorf("Isend backlog: message %d from %d is %v", i, prev, buf[:m])
		}
	}
	for _, r := range reqs {
		c.Wait(r)
	}
	in := make([][]int32, k)
	for i := range in {
		in[i] = make([]int32, 1)
		reqs[i] = c.Irecv(prev, comm.Int32s(in[i]))
	}
	c.Barrier() // every receive is posted before any send
	for i := range k {
		c.Send(next, comm.Int32s([]int32{int32(me*1000 + i)}))
	}
	for i := k - 1; i >= 0; i-- {
		if m := c.Wait(reqs[i]); m != 1 || in[i][0] != int32(prev*1000+i) {
			return fmt.Errorf("Irecv backlog: message %d from %d is %v", i, prev, in[i][:m])
		}
	}
	return nil
}

// self sends messages to this rank itself, with the receive posted after
// and before the send.
func self(c comm.Comm) error {
	me := c.Rank()
	x := []float64{value(me, 0, 0), value(me, 1, 0)}
	y := make([]float64, 2)
	s := c.Isend(me, comm.Float64s(x))
	if m := c.Wait(c.Irecv(me, comm.Float64s(y))); m != 2 || y[0] != x[0] || y[1] != x[1] {
		return fmt.Errorf("send first: got %v", y[:m])
	}
	c.Wait(s)
	z := make([]int64, 1)
	r := c.Irecv(me, comm.Int64s(z))
	c.Wait(c.Isend(me, comm.Int64s([]int64{-5})))
	if m := c.Wait(r); m != 1 || z[0] != -5 {
		return fmt.Errorf("receive first: got %v", z[:m])
	}
	return nil
}

// barrier checks that no rank passes a barrier before every rank has
// reached it: rank 0 waits a moment before it enters, then every rank
// compares clocks with it (an in-process or same-host job shares one
// clock; across hosts only the ordering of the messages is checked).
func barrier(c comm.Comm) error {
	for range 3 {
		c.Barrier()
	}
	var t0 [1]float64
	if c.Rank() == 0 {
		for start := c.Wtime(); c.Wtime()-start < 0.01; {
		}
		t0[0] = c.Wtime()
	}
	c.Barrier()
	after := c.Wtime()
	c.Allreduce(comm.Float64s(t0[:]), comm.Max)
	if c.Rank() != 0 && after < t0[0] && sameClock {
		return fmt.Errorf("left the barrier at %.6f, before rank 0 entered it at %.6f", after, t0[0])
	}
	return nil
}

// sameClock says whether Wtime has one origin on every rank; the MPI
// test sets it false when the job spans hosts.
var sameClock = true

// SetSameClock tells Conformance whether the ranks' Wtime share an origin.
func SetSameClock(b bool) { sameClock = b }

func allreduce(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	const m = 6
	f := make([]float64, m)
	for i := range f {
		f[i] = value(me, i, 0)
	}
	c.Allreduce(comm.Float64s(f), comm.Sum)
	for i := range f {
		want := value(0, i, 0) // the promised order: ((b0 + b1) + b2) + …
		for q := 1; q < n; q++ {
			want += value(q, i, 0)
		}
		if math.Float64bits(f[i]) != math.Float64bits(want) {
			return fmt.Errorf("float64 sum[%d] = %v, want %v (rank order)", i, f[i], want)
		}
	}
	g := []float64{float64(me), -float64(me)}
	c.Allreduce(comm.Float64s(g), comm.Max)
	if g[0] != float64(n-1) || g[1] != 0 {
		return fmt.Errorf("float64 max = %v", g)
	}
	i32 := []int32{int32(me), 1, int32(-me)}
	c.Allreduce(comm.Int32s(i32), comm.Sum)
	if i32[0] != int32(n*(n-1)/2) || i32[1] != int32(n) || i32[2] != -int32(n*(n-1)/2) {
		return fmt.Errorf("int32 sum = %v", i32)
	}
	i64 := []int64{int64(me) << 33, int64(n - me)}
	c.Allreduce(comm.Int64s(i64), comm.Max)
	if i64[0] != int64(n-1)<<33 || i64[1] != int64(n) {
		return fmt.Errorf("int64 max = %v", i64)
	}
	return nil
}

func alltoall(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	send := make([]int32, 2*n)
	for to := range n {
		send[2*to], send[2*to+1] = int32(me), int32(to)
	}
	recv := make([]int32, 2*n)
	c.Alltoall(comm.Int32s(send), comm.Int32s(recv))
	for from := range n {
		if recv[2*from] != int32(from) || recv[2*from+1] != int32(me) {
			return fmt.Errorf("got %v", recv)
		}
	}
	return nil
}

// alltoallv sends rank to the count (me+to)%3 of elements (so some counts
// are zero), with gaps between the parts on both sides.
func alltoallv(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	count := func(from, to int) int { return (from + to) % 3 }
	scount, sdispl := make([]int, n), make([]int, n)
	rcount, rdispl := make([]int, n), make([]int, n)
	s, r := 0, 0
	for q := range n {
		scount[q], sdispl[q] = count(me, q), s
		rcount[q], rdispl[q] = count(q, me), r
		s += scount[q] + 1
		r += rcount[q] + 2
	}
	for _, typ := range []comm.Type{comm.Float64, comm.Int32, comm.Int64} {
		sf, rf := make([]float64, s), make([]float64, r)
		s32, r32 := make([]int32, s), make([]int32, r)
		s64, r64 := make([]int64, s), make([]int64, r)
		for q := range n {
			for k := range scount[q] {
				v := me*1000 + q*10 + k
				sf[sdispl[q]+k], s32[sdispl[q]+k], s64[sdispl[q]+k] = float64(v), int32(v), int64(v)<<32
			}
		}
		var sb, rb comm.Buffer
		switch typ {
		case comm.Float64:
			sb, rb = comm.Float64s(sf), comm.Float64s(rf)
		case comm.Int32:
			sb, rb = comm.Int32s(s32), comm.Int32s(r32)
		default:
			sb, rb = comm.Int64s(s64), comm.Int64s(r64)
		}
		c.Alltoallv(sb, scount, sdispl, rb, rcount, rdispl)
		for q := range n {
			for k := range rcount[q] {
				v := q*1000 + me*10 + k
				i := rdispl[q] + k
				ok := (typ == comm.Float64 && rf[i] == float64(v)) ||
					(typ == comm.Int32 && r32[i] == int32(v)) ||
					(typ == comm.Int64 && r64[i] == int64(v)<<32)
				if !ok {
					return fmt.Errorf("%s: element %d from %d wrong", typ, k, q)
				}
			}
		}
	}
	return nil
}

// split makes the rows and columns of a process grid with twice as many
// columns as rows when the rank count is not a square (CG's grid), checks
// ranks and sizes, reduces within each, and then splits with reversed keys.
func split(c comm.Comm) error {
	n, me := c.Size(), c.Rank()
	cols := 1
	for cols*cols < n {
		cols *= 2
	}
	if n%cols != 0 {
		cols = n
	}
	row, col := me/cols, me%cols
	rc := c.Split(row, col)
	cc := c.Split(col, row)
	if rc.Size() != cols || rc.Rank() != col || cc.Size() != n/cols || cc.Rank() != row {
		return fmt.Errorf("grid %dx%d: row comm %d of %d, column comm %d of %d", n/cols, cols, rc.Rank(), rc.Size(), cc.Rank(), cc.Size())
	}
	x := []int64{int64(me)}
	rc.Allreduce(comm.Int64s(x), comm.Sum)
	want := int64(0)
	for q := range cols {
		want += int64(row*cols + q)
	}
	if x[0] != want {
		return fmt.Errorf("row sum %d, want %d", x[0], want)
	}
	rc.Barrier()
	cc.Barrier()
	// Exchange within the row, with the mirror position, under the row's
	// own ranks.
	peer := rc.Size() - 1 - rc.Rank()
	y := []int32{-1}
	rc.SendRecv(peer, comm.Int32s([]int32{int32(me)}), peer, comm.Int32s(y))
	if y[0] != int32(row*cols+peer) {
		return fmt.Errorf("row exchange with %d got %d", peer, y[0])
	}
	rev := c.Split(0, -me)
	if rev.Size() != n || rev.Rank() != n-1-me {
		return fmt.Errorf("reversed split: rank %d of %d", rev.Rank(), rev.Size())
	}
	z := []float64{value(me, 0, 0)}
	rev.Allreduce(comm.Float64s(z), comm.Sum)
	ranks := make([]int, n)
	for i := range ranks {
		ranks[i] = n - 1 - i
	}
	w := value(ranks[0], 0, 0)
	for _, q := range ranks[1:] {
		w += value(q, 0, 0)
	}
	if z[0] != w {
		return fmt.Errorf("reversed sum %v, want %v", z[0], w)
	}
	return nil
}
