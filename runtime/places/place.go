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
	coll   uint64 // collectives done so far; picks the slot buffer
	inbox  inbox  // point-to-point messages to this place
	_      [cacheLine]byte
}

// ID is this place's number, 0..NP-1.
func (p *Place) ID() int { return p.id }

// NP is the number of places in the group.
func (p *Place) NP() int { return p.np }

// Group is the group this place belongs to.
func (p *Place) Group() *Group { return p.g }

// backoff is the shared wait policy: spin, then yield the P, then sleep in
// growing steps. It unwinds the waiter when another place has panicked.
type backoff struct {
	g *Group
	n int
}

func (b *backoff) pause() {
	b.n++
	if b.n&63 == 0 && b.g.broken.Load() {
		panic(abortSignal{})
	}
	switch {
	case b.n < b.g.spinN:
	case b.n < b.g.spinN+b.g.yieldN:
		runtime.Gosched()
	default:
		d := int64(b.n-b.g.spinN-b.g.yieldN) * 1000
		nanosleep(min(d, 200_000))
	}
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

// Barrier waits until every place of the group has reached it.
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
			futexWakeAll(&b.gen)
		}
		return
	}
	for i := 0; b.gen.Load() == gen; i++ {
		if i&63 == 0 && g.broken.Load() {
			panic(abortSignal{})
		}
		switch {
		case i < g.spinN:
		case i < g.spinN+g.yieldN:
			runtime.Gosched()
		default:
			// Announce, then re-check: the releaser bumps gen before it
			// looks for sleepers, so one of the two sees the other.
			b.sleepers.Add(1)
			for b.gen.Load() == gen {
				futexWait(&b.gen, gen)
			}
			b.sleepers.Add(-1)
		}
	}
	if g.broken.Load() {
		panic(abortSignal{})
	}
}

// Master runs f on place 0 only; the others wait at a barrier until it is
// done (the reference's "CG-n0-only" / omp master + barrier sections).
func (p *Place) Master(f func()) {
	if p.id == 0 {
		f()
	}
	p.Barrier()
}
