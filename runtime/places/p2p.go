package places

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// mailbox is a one-message buffer from one place to another, one per
// element type, so a float and an int message can be in flight together.
// The sender copies in and sets full; the receiver copies out and clears
// it. The buffers grow to the largest message and are then reused.
type mailbox struct {
	full atomic.Int32
	f    []float64
	i    []int32
	_    [cacheLine - 56]byte
}

// inbox holds the mailboxes addressed to one place, made on first use, so
// a group's memory grows with the pairs that talk, not with NP².
type inbox struct {
	mu    sync.Mutex
	boxes map[int]*mailbox // key from*2 + kind
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

const (
	kindFloat64 = iota
	kindInt32
)

func (p *Place) box(from, to, kind int) *mailbox {
	p.checkPlace(from)
	p.checkPlace(to)
	in := &p.g.places[to].inbox
	in.mu.Lock()
	m := in.boxes[from*2+kind]
	if m == nil {
		if in.boxes == nil {
			in.boxes = map[int]*mailbox{}
		}
		m = new(mailbox)
		in.boxes[from*2+kind] = m
	}
	in.mu.Unlock()
	return m
}

// clearMail empties every mailbox after an aborted region.
func (g *Group) clearMail() {
	for _, p := range g.places {
		p.inbox.mu.Lock()
		for _, m := range p.inbox.boxes {
			m.full.Store(0)
		}
		p.inbox.mu.Unlock()
	}
}

func (p *Place) awaitBox(m *mailbox, state int32) {
	b := backoff{g: p.g}
	for m.full.Load() != state {
		b.pause()
	}
}

// SendFloat64s copies data to place to. It returns once the data is
// buffered; it waits only while the previous message to that place is
// still unreceived.
func (p *Place) SendFloat64s(to int, data []float64) {
	m := p.box(p.id, to, kindFloat64)
	p.awaitBox(m, 0)
	m.f = append(m.f[:0], data...)
	m.full.Store(1)
}

// SendInt32s copies data to place to.
func (p *Place) SendInt32s(to int, data []int32) {
	m := p.box(p.id, to, kindInt32)
	p.awaitBox(m, 0)
	m.i = append(m.i[:0], data...)
	m.full.Store(1)
}

// RecvFloat64s waits for a message from place from, copies it into dst and
// returns its length. dst must be long enough.
func (p *Place) RecvFloat64s(from int, dst []float64) int {
	m := p.box(from, p.id, kindFloat64)
	p.awaitBox(m, 1)
	if len(dst) < len(m.f) {
		panic(fmt.Sprintf("places: place %d receiving %d float64s from %d into a buffer of %d", p.id, len(m.f), from, len(dst)))
	}
	n := copy(dst, m.f)
	m.full.Store(0)
	return n
}

// RecvInt32s waits for a message from place from, copies it into dst and
// returns its length.
func (p *Place) RecvInt32s(from int, dst []int32) int {
	m := p.box(from, p.id, kindInt32)
	p.awaitBox(m, 1)
	if len(dst) < len(m.i) {
		panic(fmt.Sprintf("places: place %d receiving %d int32s from %d into a buffer of %d", p.id, len(m.i), from, len(dst)))
	}
	n := copy(dst, m.i)
	m.full.Store(0)
	return n
}
