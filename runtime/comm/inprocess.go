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
	red   reducer
	reqs  []Request // the collectives' requests in flight
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

func (c *inProcess) Isend(to int, b Buffer) Request {
	id := c.ids[to]
	switch b.t {
	case Float64:
		return Request{uint64(c.p.IsendFloat64s(id, b.float64s()))}
	case Int64:
		return Request{uint64(c.p.IsendFloat64s(id, unsafe.Slice((*float64)(b.p), b.n)))}
	case Int32:
		return Request{uint64(c.p.IsendInt32s(id, b.int32s()))}
	}
	panic("comm: send of " + b.t.String())
}

func (c *inProcess) Irecv(from int, b Buffer) Request {
	id := c.ids[from]
	switch b.t {
	case Float64:
		return Request{uint64(c.p.IrecvFloat64s(id, b.float64s()))}
	case Int64:
		return Request{uint64(c.p.IrecvFloat64s(id, unsafe.Slice((*float64)(b.p), b.n)))}
	case Int32:
		return Request{uint64(c.p.IrecvInt32s(id, b.int32s()))}
	}
	panic("comm: receive of " + b.t.String())
}

func (c *inProcess) Wait(r Request) int { return c.p.Wait(places.Request(r.h)) }

// SendRecv posts the receive before the send, so that the message goes
// in one copy, whichever rank comes first.
func (c *inProcess) SendRecv(to int, send Buffer, from int, recv Buffer) int {
	r := c.Irecv(from, recv)
	c.Wait(c.Isend(to, send))
	return c.Wait(r)
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

func (c *inProcess) Allreduce(b Buffer, op Op) { c.red.allreduce(c, b, op) }

func (c *inProcess) Alltoall(send, recv Buffer) { c.alltoall(send, nil, nil, recv, nil, nil) }

func (c *inProcess) Alltoallv(send Buffer, scount, sdispl []int, recv Buffer, rcount, rdispl []int) {
	c.alltoall(send, scount, sdispl, recv, rcount, rdispl)
}

// alltoall posts a receive from every other rank, copies this rank's own
// part, sends to every other rank starting with the next one (so that not
// every rank sends to rank 0 first) and waits for all: each message goes
// in one copy. Nil counts mean Alltoall's equal parts.
func (c *inProcess) alltoall(send Buffer, scount, sdispl []int, recv Buffer, rcount, rdispl []int) {
	n, me := len(c.ids), c.rank
	c.reqs = c.reqs[:0]
	for i := 1; i < n; i++ {
		from := (me - i + n) % n
		c.reqs = append(c.reqs, c.Irecv(from, part(recv, rcount, rdispl, from, n)))
	}
	s, r := part(send, scount, sdispl, me, n), part(recv, rcount, rdispl, me, n)
	if s.n != r.n {
		panic(fmt.Sprintf("comm: alltoallv: rank %d sends itself %d elements but expects %d", me, s.n, r.n))
	}
	copyBuffer(r, s)
	for i := 1; i < n; i++ {
		to := (me + i) % n
		c.reqs = append(c.reqs, c.Isend(to, part(send, scount, sdispl, to, n)))
	}
	for i, q := range c.reqs {
		got := c.Wait(q)
		if i < n-1 {
			from := (me - 1 - i + n) % n
			if want := part(recv, rcount, rdispl, from, n).n; got != want {
				panic(fmt.Sprintf("comm: alltoallv: rank %d got %d elements from %d, want %d", me, got, from, want))
			}
		}
	}
}

// part is rank q's part of b: count[q] elements from displ[q], or the
// q-th of n equal parts when count is nil.
func part(b Buffer, count, displ []int, q, n int) Buffer {
	if count == nil {
		m := b.n / n
		return b.Slice(q*m, q*m+m)
	}
	return b.Slice(displ[q], displ[q]+count[q])
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
