package comm

import (
	"cmp"
	"fmt"
	"slices"
	"time"
	"unsafe"

	"npbgo/runtime/places"
)

// origin is the common zero of every in-process rank's Wtime.
var origin = time.Now()

// inProcess is a rank that is a place: messages are the place's
// point-to-point Send/Recv (a copy into the receiver's mailbox, then into
// its buffer), collectives are built on them.
type inProcess struct {
	p     *places.Place
	ids   []int // the place id of every rank of this communicator
	rank  int
	whole bool // the communicator is the whole group in place order
	red   Reducer
}

// InProcess returns the communicator of all places of p's group, with
// rank = place id. Call it on every place, inside a region, and use the
// result only from that place.
func InProcess(p *places.Place) Comm {
	ids := make([]int, p.NP())
	for i := range ids {
		ids[i] = i
	}
	return &inProcess{p: p, ids: ids, rank: p.ID(), whole: true}
}

func (c *inProcess) Rank() int { return c.rank }
func (c *inProcess) Size() int { return len(c.ids) }

func (c *inProcess) Send(to int, b Buffer) {
	id := c.ids[to]
	switch b.t {
	case Float64:
		c.p.SendFloat64s(id, b.float64s())
	case Int64:
		// An int64 travels as the float64 with the same bits: the
		// mailbox copies memory, it does no arithmetic.
		c.p.SendFloat64s(id, unsafe.Slice((*float64)(b.p), b.n))
	case Int32:
		c.p.SendInt32s(id, b.int32s())
	default:
		panic("comm: send of " + b.t.String())
	}
}

func (c *inProcess) Recv(from int, b Buffer) int {
	id := c.ids[from]
	switch b.t {
	case Float64:
		return c.p.RecvFloat64s(id, b.float64s())
	case Int64:
		return c.p.RecvFloat64s(id, unsafe.Slice((*float64)(b.p), b.n))
	case Int32:
		return c.p.RecvInt32s(id, b.int32s())
	}
	panic("comm: receive of " + b.t.String())
}

// SendRecv never deadlocks: a place's Send returns once the message is in
// the partner's mailbox, and the partner emptied it at the previous
// exchange.
func (c *inProcess) SendRecv(to int, send Buffer, from int, recv Buffer) int {
	c.Send(to, send)
	return c.Recv(from, recv)
}

func (c *inProcess) Barrier() {
	if c.whole {
		c.p.Barrier()
		return
	}
	empty := Buffer{t: Float64}
	if c.rank != 0 {
		c.Send(0, empty)
		c.Recv(0, empty)
		return
	}
	for q := 1; q < len(c.ids); q++ {
		c.Recv(q, empty)
	}
	for q := 1; q < len(c.ids); q++ {
		c.Send(q, empty)
	}
}

func (c *inProcess) Allreduce(b Buffer, op Op) { c.red.Allreduce(c, b, op) }

func (c *inProcess) Alltoall(send, recv Buffer) {
	n := len(c.ids)
	ps, pr := send.n/n, recv.n/n
	for i := 1; i < n; i++ {
		to := (c.rank + i) % n
		c.Send(to, send.Slice(to*ps, to*ps+ps))
	}
	copyBuffer(recv.Slice(c.rank*pr, c.rank*pr+pr), send.Slice(c.rank*ps, c.rank*ps+ps))
	for i := 1; i < n; i++ {
		from := (c.rank - i + n) % n
		c.Recv(from, recv.Slice(from*pr, from*pr+pr))
	}
}

// Alltoallv sends to every other rank first, starting with the next one
// (so that not every rank sends to rank 0 first), then receives.
func (c *inProcess) Alltoallv(send Buffer, scount, sdispl []int, recv Buffer, rcount, rdispl []int) {
	n := len(c.ids)
	for i := 1; i < n; i++ {
		to := (c.rank + i) % n
		c.Send(to, send.Slice(sdispl[to], sdispl[to]+scount[to]))
	}
	me := c.rank
	if scount[me] != rcount[me] {
		panic(fmt.Sprintf("comm: alltoallv: rank %d sends itself %d elements but expects %d", me, scount[me], rcount[me]))
	}
	copyBuffer(recv.Slice(rdispl[me], rdispl[me]+rcount[me]), send.Slice(sdispl[me], sdispl[me]+scount[me]))
	for i := 1; i < n; i++ {
		from := (c.rank - i + n) % n
		if got := c.Recv(from, recv.Slice(rdispl[from], rdispl[from]+rcount[from])); got != rcount[from] {
			panic(fmt.Sprintf("comm: alltoallv: rank %d got %d elements from %d, want %d", me, got, from, rcount[from]))
		}
	}
}

func (c *inProcess) Split(color, key int) Comm {
	if color < 0 {
		panic(fmt.Sprintf("comm: split with color %d", color))
	}
	n := len(c.ids)
	all := SplitTable(c, color, key)
	var members []int // ranks of c in the new communicator, in new-rank order
	for q := range n {
		if all[2*q] == int64(color) {
			members = append(members, q)
		}
	}
	slices.SortStableFunc(members, func(a, b int) int { return cmp.Compare(all[2*a+1], all[2*b+1]) })
	sub := &inProcess{p: c.p, ids: make([]int, len(members))}
	for i, q := range members {
		sub.ids[i] = c.ids[q]
		if q == c.rank {
			sub.rank = i
		}
	}
	sub.whole = len(sub.ids) == c.p.NP()
	for i, id := range sub.ids {
		sub.whole = sub.whole && id == i
	}
	return sub
}

// SplitTable is the first step of Split on any Comm: every rank's color
// and key, as all[2r], all[2r+1] for rank r, known to every rank.
func SplitTable(c Comm, color, key int) []int64 {
	all := make([]int64, 2*c.Size())
	all[2*c.Rank()], all[2*c.Rank()+1] = int64(color), int64(key)
	c.Allreduce(Int64s(all), Sum)
	return all
}

func (c *inProcess) Wtime() float64 { return time.Since(origin).Seconds() }

// Abort panics; the places runtime unwinds every other place at its next
// wait and Group.Run re-panics in the caller, so no rank waits forever.
func (c *inProcess) Abort(code int) {
	panic(fmt.Errorf("comm: rank %d aborted the job (code %d)", c.rank, code))
}

// copyBuffer copies src into dst, which must have its type and length.
func copyBuffer(dst, src Buffer) {
	if dst.n != src.n || dst.t != src.t {
		panic(fmt.Sprintf("comm: copy of %d %s into %d %s", src.n, src.t, dst.n, dst.t))
	}
	if src.n > 0 {
		copy(dst.bytes(), src.bytes())
	}
}

func unsafePointer(s []uint64) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }
