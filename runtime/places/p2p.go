package places

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Point-to-point messages between the places of a group, matched as MPI
// matches them with one tag: the k-th receive a place posts from another
// place gets the k-th message that place sent it. A message goes in one
// copy from the sender's slice to the receiver's whenever the receive is
// posted first or the send is nonblocking (Isend): whichever of the two
// is posted second does the copy. A blocking Send whose receive is not
// posted yet copies the message into a buffer of the link, so that Send
// never waits; the receive then copies it out.

// kind is a message's element type; a receive must name the type that was
// sent.
type kind uint8

const (
	kindFloat64 kind = iota + 1
	kindInt32
)

func (k kind) size() int {
	if k == kindInt32 {
		return 4
	}
	return 8
}

func (k kind) String() string {
	if k == kindInt32 {
		return "int32s"
	}
	return "float64s"
}

// request is the state of one Isend or Irecv, owned by the place that
// posted it. The place that completes it writes n, then done.
type request struct {
	done atomic.Uint32
	n    int    // elements received
	gen  uint32 // bumped at every reuse, so a stale Request is caught
	busy bool   // posted and not yet waited (owner only)
}

// Request is a pending Isend or Irecv, valid on the place that posted it
// until Wait completes it. It is a handle: copying it copies no operation.
type Request uint64

// entry is a posted operation waiting for its match on a link.
type entry struct {
	p   unsafe.Pointer // the message (a send) or the receive buffer
	n   int            // elements sent, or room in the receive buffer
	k   kind
	req *request // completed at the match; nil for a buffered Send
	buf []byte   // a buffered Send's copy of its message
	own bool     // a buffered Send: p points into buf
}

// link is the queue of operations from one place to another that have
// not met their match yet: sends waiting for receives, or receives
// waiting for sends, never both. It is guarded by a spin lock, held only
// to queue and dequeue (and to copy a buffered Send in or out); sync.Mutex
// would park on a semaphore whose bookkeeping can allocate.
type link struct {
	lock  atomic.Int32
	sends bool // the queue holds sends, else receives (or nothing)
	q     []entry
	head  int
	len   int
	spare [][]byte // buffers of received buffered Sends, for reuse
}

// linkDepth is a link queue's first length.
const linkDepth = 16

// inbox holds the links to one place, made on first use, so a group's
// memory grows with the pairs that talk, not with NP².
type inbox struct {
	mu    sync.Mutex
	links map[int]*link // by sending place
}

// Sender and Receiver are the point-to-point interface of a place, the one a
// multi-process backend would implement as well.
type Sender interface {
	SendFloat64s(to int, data []float64)
	SendInt32s(to int, data []int32)
}

// Receiver receives what a Sender sent.
type Receiver interface {
	RecvFloat64s(from int, dst []float64) int
	RecvInt32s(from int, dst []int32) int
}

var (
	_ Sender   = (*Place)(nil)
	_ Receiver = (*Place)(nil)
)

// link returns the link from place from to place to; the place caches the
// links it uses, so the inbox's mutex is taken once per pair.
func (p *Place) link(from, to int) *link {
	peer := to
	if to == p.id {
		peer = -1 - from
	}
	if l := p.links[peer]; l != nil {
		return l
	}
	p.checkPlace(from)
	p.checkPlace(to)
	in := &p.g.places[to].inbox
	in.mu.Lock()
	l := in.links[from]
	if l == nil {
		if in.links == nil {
			in.links = map[int]*link{}
		}
		// The queue is made now, deep enough for the backlog a timed
		// region's exchanges can build, rather than on a push whose
		// timing decides whether it comes.
		l = &link{q: make([]entry, linkDepth)}
		in.links[from] = l
	}
	in.mu.Unlock()
	if p.links == nil {
		p.links = map[int]*link{}
	}
	p.links[peer] = l
	return l
}

func (l *link) acquire(p *Place) {
	if !l.lock.CompareAndSwap(0, 1) {
		l.wait(p)
	}
}

// wait spins, uncounted, until p takes the lock.
func (l *link) wait(p *Place) {
	was := p.count(false)
	b := backoff{g: p.g}
	for !l.lock.CompareAndSwap(0, 1) {
		b.pause()
	}
	p.count(was)
}

func (l *link) release() { l.lock.Store(0) }

func (l *link) push(e entry) {
	if l.len == len(l.q) {
		q := make([]entry, max(linkDepth, 2*len(l.q)))
		for i := range l.len {
			q[i] = l.q[(l.head+i)%len(l.q)]
		}
		l.q, l.head = q, 0
	}
	l.q[(l.head+l.len)%len(l.q)] = e
	l.len++
}

func (l *link) pop() entry {
	e := l.q[l.head]
	l.q[l.head] = entry{}
	l.head = (l.head + 1) % len(l.q)
	l.len--
	return e
}

// newRequest takes a free request of p's.
func (p *Place) newRequest() (*request, Request) {
	t := &p.reqs
	if len(t.free) == 0 {
		// Grow by a batch, so that a place's first few requests are made
		// together at its first use: how many a place has pending at once
		// can depend on timing (a send that finds its receive posted
		// completes at once), and a timed region must not allocate the
		// first time a rare schedule needs one more.
		n := max(len(t.all), reqBatch)
		for range n {
			t.all = append(t.all, new(request))
			t.free = append(t.free, int32(len(t.all)-1))
		}
	}
	i := t.free[len(t.free)-1]
	t.free = t.free[:len(t.free)-1]
	r := t.all[i]
	r.busy, r.n = true, 0
	return r, Request(uint64(r.gen)<<32 | uint64(i+1))
}

// reqBatch is the least number of requests a place's table grows by.
const reqBatch = 16

// reqTable is a place's requests; it grows to the most the place has had
// pending at once and is then reused.
type reqTable struct {
	all  []*request
	free []int32
}

// bytes is the memory of n elements of kind k at ptr.
func bytes(ptr unsafe.Pointer, n int, k kind) []byte {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(ptr), n*k.size())
}

// mismatch says why a message of n elements of kind k from place from
// does not fit a receive of room elements of kind rk on place to, or ""
// when it fits.
func mismatch(from, to, n int, k kind, room int, rk kind) string {
	if k != rk {
		return fmt.Sprintf("places: place %d receiving %s from %d, which sent %s", to, rk, from, k)
	}
	if n > room {
		return fmt.Sprintf("places: place %d receiving %d %s from %d into a buffer of %d", to, n, k, from, room)
	}
	return ""
}

// send posts a message of n elements of kind k at ptr to place to. A
// nonblocking send returns its request; a blocking one (buffered) returns
// 0 once the message is delivered or copied into the link.
func (p *Place) send(to int, ptr unsafe.Pointer, n int, k kind, buffered bool) Request {
	l := p.link(p.id, to)
	l.acquire(p)
	if !l.sends && l.len > 0 {
		e := l.pop()
		l.release()
		if msg := mismatch(p.id, to, n, k, e.n, e.k); msg != "" {
			panic(msg)
		}
		copy(bytes(e.p, n, k), bytes(ptr, n, k))
		e.req.n = n
		e.req.done.Store(1)
		if buffered {
			return 0
		}
		r, h := p.newRequest()
		r.done.Store(1)
		return h
	}
	e := entry{p: ptr, n: n, k: k}
	var h Request
	if buffered {
		// Uncounted: a receive posted first would have spared this copy.
		was := p.count(false)
		var buf []byte
		if s := len(l.spare); s > 0 {
			buf, l.spare = l.spare[s-1], l.spare[:s-1]
		}
		buf = append(buf[:0], bytes(ptr, n, k)...)
		e.p, e.buf, e.own = unsafe.Pointer(unsafe.SliceData(buf)), buf, true
		p.count(was)
	} else {
		e.req, h = p.newRequest()
	}
	l.push(e)
	l.sends = true
	l.release()
	return h
}

// recv posts a receive of at most n elements of kind k into ptr from
// place from.
func (p *Place) recv(from int, ptr unsafe.Pointer, n int, k kind) Request {
	l := p.link(from, p.id)
	r, h := p.newRequest()
	l.acquire(p)
	if l.sends && l.len > 0 {
		e := l.pop()
		msg := mismatch(from, p.id, e.n, e.k, n, k)
		if e.own {
			// Copied under the lock, which guards the spare buffers.
			if msg == "" {
				copy(bytes(ptr, e.n, k), e.buf)
				l.spare = append(l.spare, e.buf)
			}
			l.release()
		} else {
			l.release()
			if msg == "" {
				copy(bytes(ptr, e.n, k), bytes(e.p, e.n, k))
				e.req.done.Store(1)
			}
		}
		if msg != "" {
			panic(msg)
		}
		r.n = e.n
		r.done.Store(1)
		return h
	}
	l.push(entry{p: ptr, n: n, k: k, req: r})
	l.sends = false
	l.release()
	return h
}

// Wait waits until the Isend or Irecv r is complete and returns the number
// of elements received (0 for a send). Every request must be waited
// exactly once, by the place that posted it; until then its slice belongs
// to the transfer and must not be touched.
func (p *Place) Wait(r Request) int {
	t := &p.reqs
	i := int(uint32(r)) - 1
	if i < 0 || i >= len(t.all) || !t.all[i].busy || t.all[i].gen != uint32(r>>32) {
		panic(fmt.Sprintf("places: place %d waits for a request that is not pending", p.id))
	}
	q := t.all[i]
	if q.done.Load() == 0 {
		q.wait(p)
	}
	n := q.n
	q.done.Store(0)
	q.busy = false
	q.gen++
	t.free = append(t.free, int32(i))
	return n
}

// wait spins, uncounted, until the request is complete.
func (q *request) wait(p *Place) {
	was := p.count(false)
	b := backoff{g: p.g}
	for q.done.Load() == 0 {
		b.pause()
	}
	p.count(was)
}

// clearMail empties every link and frees every request after an aborted
// region.
func (g *Group) clearMail() {
	for _, p := range g.places {
		p.inbox.mu.Lock()
		for _, l := range p.inbox.links {
			for l.len > 0 {
				l.pop()
			}
			l.sends = false
			l.lock.Store(0)
		}
		p.inbox.mu.Unlock()
		t := &p.reqs
		t.free = t.free[:0]
		for i, r := range t.all {
			if r.busy {
				r.busy = false
				r.gen++
			}
			r.done.Store(0)
			t.free = append(t.free, int32(i))
		}
	}
}

// SendFloat64s copies data to place to. It never waits: when place to has
// not posted the receive yet, the message is copied into a buffer.
func (p *Place) SendFloat64s(to int, data []float64) {
	p.send(to, unsafe.Pointer(unsafe.SliceData(data)), len(data), kindFloat64, true)
}

// SendInt32s copies data to place to.
func (p *Place) SendInt32s(to int, data []int32) {
	p.send(to, unsafe.Pointer(unsafe.SliceData(data)), len(data), kindInt32, true)
}

// RecvFloat64s waits for a message from place from, copies it into dst and
// returns its length. dst must be long enough.
func (p *Place) RecvFloat64s(from int, dst []float64) int {
	return p.Wait(p.recv(from, unsafe.Pointer(unsafe.SliceData(dst)), len(dst), kindFloat64))
}

// RecvInt32s waits for a message from place from, copies it into dst and
// returns its length.
func (p *Place) RecvInt32s(from int, dst []int32) int {
	return p.Wait(p.recv(from, unsafe.Pointer(unsafe.SliceData(dst)), len(dst), kindInt32))
}

// IsendFloat64s starts sending data to place to; data must not be
// modified until Wait returns. The message is not copied: the receive
// copies it from data, or the send copies it into a receive already
// posted, so Wait may wait until place to posts its receive.
func (p *Place) IsendFloat64s(to int, data []float64) Request {
	return p.send(to, unsafe.Pointer(unsafe.SliceData(data)), len(data), kindFloat64, false)
}

// IsendInt32s starts sending data to place to.
func (p *Place) IsendInt32s(to int, data []int32) Request {
	return p.send(to, unsafe.Pointer(unsafe.SliceData(data)), len(data), kindInt32, false)
}

// IrecvFloat64s starts receiving a message from place from into dst, which
// must be long enough and must not be touched until Wait returns its
// length.
func (p *Place) IrecvFloat64s(from int, dst []float64) Request {
	return p.recv(from, unsafe.Pointer(unsafe.SliceData(dst)), len(dst), kindFloat64)
}

// IrecvInt32s starts receiving a message from place from into dst.
func (p *Place) IrecvInt32s(from int, dst []int32) Request {
	return p.recv(from, unsafe.Pointer(unsafe.SliceData(dst)), len(dst), kindInt32)
}
