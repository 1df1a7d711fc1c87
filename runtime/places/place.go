package places

import (
	"runtime"
	"sync/atomic"
)

// Place is one member of a Group, handed to the body of every region. Its
// methods must be called only from the goroutine running that body.
type Place struct {
	g      *Group
	id, np int
	coll   uint64        // collectives done so far; picks the slot buffer
	inbox  inbox         // point-to-point messages to this place
	links  map[int]*link // the links this place used: to a place, or from one (key -1-from)
	reqs   reqTable      // this place's Isends and Irecvs
	// counting: an instruction counter collects on this place's thread
	// (count.go).
	counting bool
	_        [cacheLine]byte
}

// ID is this place's number, 0..NP-1.
func (p *Place) ID() int { return p.id }

// NP is the number of places in the group.
func (p *Place) NP() int { return p.np }

// Group is the group this place belongs to.
func (p *Place) Group() *Group { return p.g }

// backoff is the runtime's one wait policy: spin, then yield the P, then
// block (park on a futex where there is a futex word, else sleep in
// growing steps). An abortable wait unwinds its place when another place
// has panicked.
type backoff struct {
	g           *Group
	n           int
	unabortable bool // waiting between regions, where nothing unwinds
}

// spin waits one round and reports whether the caller should keep
// spinning; false means the spinning and yielding are spent: block. The
// common round is a counter test, inlined into the wait loop.
func (b *backoff) spin() bool {
	b.n++
	cpuRelax()
	if b.n < b.g.spinN && b.n&63 != 0 {
		return true
	}
	return b.round()
}

// round is spin's uncommon case: every 64th round it checks for a panic
// elsewhere; after the spinning it yields, then says to block.
func (b *backoff) round() bool {
	if b.n&63 == 0 && !b.unabortable && b.g.broken.Load() {
		panic(abortSignal{})
	}
	switch {
	case b.n < b.g.spinN:
		return true
	case b.n < b.g.spinN+b.g.yieldN:
		runtime.Gosched()
		return true
	}
	return false
}

// pause waits one round: spin, then sleep in growing steps, for waits on
// words no one wakes (pipeline counters, mailboxes).
func (b *backoff) pause() {
	if !b.spin() {
		d := int64(b.n-b.g.spinN-b.g.yieldN) * 1000
		nanosleep(min(d, 200_000))
	}
}

// wake wakes every thread parked on word, uncounted: whether any is
// parked depends on the schedule.
func (p *Place) wake(word *atomic.Uint32) {
	was := p.count(false)
	futexWakeAll(word)
	p.count(was)
}

// park blocks while *word == val. It announces itself in sleepers before
// its last check; the waker moves the word before it looks for sleepers,
// so one of the two sees the other.
func park(word *atomic.Uint32, val uint32, sleepers *atomic.Int32) {
	sleepers.Add(1)
	for word.Load() == val {
		futexWait(word, val)
	}
	sleepers.Add(-1)
}

// barrier is a centralized sense-reversing barrier: arrivals count up, the
// last one resets the count and bumps the generation the others wait on.
// Long waiters park on a futex on gen; the releaser wakes them only if
// any parked.
type barrier struct {
	_        [cacheLine]byte
	count    atomic.Int32
	_        [cacheLine - 4]byte
	gen      atomic.Uint32
	_        [cacheLine - 4]byte
	sleepers atomic.Int32
}

// Barrier waits until every place of the group has reached it. Every
// write a place made before its Barrier is visible to every place after
// it.
func (p *Place) Barrier() {
	clearUpper()
	g := p.g
	if g.np == 1 {
		return
	}
	b := &g.bar
	gen := b.gen.Load()
	if b.count.Add(1) == int32(g.np) {
		b.count.Store(0)
		b.gen.Add(1)
		if b.sleepers.Load() > 0 {
			p.wake(&b.gen)
		}
		return
	}
	b.wait(p, gen)
	if g.broken.Load() {
		panic(abortSignal{})
	}
}

// wait spins, then parks, uncounted, until the generation moves on from
// gen.
func (b *barrier) wait(p *Place, gen uint32) {
	was := p.count(false)
	w := backoff{g: p.g}
	for b.gen.Load() == gen {
		if !w.spin() {
			park(&b.gen, gen, &b.sleepers)
		}
	}
	p.count(was)
}

// Master runs f on place 0 only; the others wait at a barrier until it is
// done (the reference's "CG-n0-only" / omp master + barrier sections).
// What f wrote, and what any place wrote before Master, is visible to
// every place after it.
func (p *Place) Master(f func()) {
	if p.id == 0 {
		f()
	}
	p.Barrier()
}
