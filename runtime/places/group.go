package places

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// cacheLine is the padding unit that keeps per-place hot words apart. Two
// lines, because Intel's adjacent-line prefetcher pairs them.
const cacheLine = 128

// MaxPlaces is the largest group New makes. Every place but the first is
// a goroutine locked to an OS thread (unless the places outnumber the Ps
// and are not pinned), and the Go runtime stops a program at 10000
// threads. A group's memory grows linearly with its places: under a
// kilobyte each, besides the goroutine.
const MaxPlaces = 4096

// Options configures a Group.
type Options struct {
	// CPUs[i] is the CPU place i is pinned to; nil (or a negative entry)
	// leaves that place unpinned. runtime/topo computes it from a policy.
	CPUs []int
}

// PanicError is what Run re-panics with when the body panicked on a place.
type PanicError struct {
	Place int    // id of the place that panicked first (lowest id wins)
	Value any    // the value passed to panic
	Stack []byte // stack of the panicking place
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("places: place %d panicked: %v", e.Place, e.Value)
}

// Unwrap returns the panic value when it was an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// abortSignal unwinds the places that were waiting when another place panicked.
type abortSignal struct{}

// ErrClosed is what Run panics with when the group is closed.
var ErrClosed = errors.New("places: group is closed")

type paddedInt64 struct {
	atomic.Int64
	_ [cacheLine - 8]byte
}

type paddedUint32 struct {
	atomic.Uint32
	_ [cacheLine - 4]byte
}

type paddedInt32 struct {
	atomic.Int32
	_ [cacheLine - 4]byte
}

// Group is a persistent team of places. Its methods other than Run and Close
// are safe for concurrent use; Run and Close must not be called concurrently
// with each other.
type Group struct {
	np     int
	serial bool
	places []*Place

	// Fork-join. The body is published by bumping epoch; workers count
	// themselves into done when they return from it.
	_        [cacheLine]byte
	epoch    paddedUint32
	sleepers paddedInt32 // workers parked on epoch
	done     paddedInt64
	body     func(*Place)
	quit     bool
	wg       sync.WaitGroup

	bar barrier

	// broken is set when a place panicked; every wait loop checks it and
	// unwinds, so a panic never leaves the others hung.
	broken  atomic.Bool
	panicMu sync.Mutex
	panics  []*PanicError

	slots    [2][]slot     // reduction/broadcast slots, double-buffered
	progress []paddedInt64 // pipeline counters

	spinN, yieldN int  // backoff tuning, smaller when oversubscribed
	lockThreads   bool // workers own their OS threads
	counted       bool // regions run now are a counted span (count.go)

	running atomic.Bool
	closed  atomic.Bool

	pin0      int // CPU for place 0, or -1
	pinnedTid int // thread we pinned for place 0
	origMask  unix.CPUSet
}

// New starts a group of np places. np == 0 is serial mode: one place, run on
// the caller, no goroutines. Each worker is locked to its own OS thread,
// except when there are more places than GOMAXPROCS and no pinning: then no
// place could own a core, and unlocked goroutines switch far more cheaply.
// With opts.CPUs the worker threads are pinned, and place 0's thread (the
// caller's, during Run; in serial mode too, so that S and 1 place differ
// only by the group) is pinned while the group is open and restored by
// Close.
func New(np int, opts Options) (*Group, error) {
	if np < 0 || np > MaxPlaces {
		return nil, fmt.Errorf("places: number of places must be 0 to %d, got %d", MaxPlaces, np)
	}
	serial := np == 0
	if serial {
		np = 1
	}
	if opts.CPUs != nil && len(opts.CPUs) < np {
		return nil, fmt.Errorf("places: %d CPUs given for %d places", len(opts.CPUs), np)
	}
	g := &Group{np: np, serial: serial, pin0: -1, pinnedTid: -1}
	// Each place owns a core: spin long (a few hundred µs, like libgomp's
	// spin before sleep) so that the ordinary skew between places at a
	// barrier never costs a sleep, and skip Gosched, which for a locked
	// thread is a futex hand-off and helps no one; then park.
	g.spinN, g.yieldN = 1<<18, 0
	g.lockThreads = true
	if np > runtime.GOMAXPROCS(0) {
		// Oversubscribed: a spinning place holds a P another place needs,
		// so spin little. Unless pinned, do not lock threads either: a
		// locked goroutine that yields costs two thread switches, an
		// unlocked one a goroutine switch, and with fewer Ps than places
		// no place can own a core anyway.
		g.spinN, g.yieldN = 4, 256
		g.lockThreads = opts.CPUs != nil
	}
	g.panics = make([]*PanicError, np)
	g.slots[0] = make([]slot, np)
	g.slots[1] = make([]slot, np)
	g.progress = make([]paddedInt64, np)
	g.places = make([]*Place, np)
	for i := range g.places {
		g.places[i] = &Place{g: g, id: i, np: np}
	}
	if opts.CPUs != nil && opts.CPUs[0] >= 0 {
		g.pin0 = opts.CPUs[0]
	}
	if serial {
		return g, nil
	}
	errs := make(chan error, np)
	for i := 1; i < np; i++ {
		cpu := -1
		if opts.CPUs != nil {
			cpu = opts.CPUs[i]
		}
		g.wg.Add(1)
		go g.worker(g.places[i], cpu, errs)
	}
	var first error
	for i := 1; i < np; i++ {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		g.Close()
		return nil, first
	}
	return g, nil
}

// NP is the number of places (1 in serial mode).
func (g *Group) NP() int { return g.np }

// Serial reports whether the group is the serial (NP = 0) point.
func (g *Group) Serial() bool { return g.serial }

func pinThread(cpu int) error {
	var set unix.CPUSet
	set.Set(cpu)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("places: pin to CPU %d: %w", cpu, err)
	}
	return nil
}

func (g *Group) worker(p *Place, cpu int, errs chan<- error) {
	defer g.wg.Done()
	// Never unlocked: when the goroutine returns, its thread exits with it,
	// which is how Close releases every thread (and its affinity mask).
	if g.lockThreads || cpu >= 0 {
		runtime.LockOSThread()
	}
	if cpu >= 0 {
		if err := pinThread(cpu); err != nil {
			errs <- err
			return
		}
	}
	errs <- nil
	var seen uint32
	for {
		seen = g.awaitEpoch(seen)
		if g.quit {
			return
		}
		if g.counted {
			g.runCounted(p)
		} else {
			g.runBody(p)
		}
		g.done.Add(1)
	}
}

// awaitEpoch spins, then parks until Run (or Close) publishes a new epoch.
// The epoch is 32 bits (a futex word); a worker takes part in every epoch,
// so wrap-around never confuses it.
func (g *Group) awaitEpoch(seen uint32) uint32 {
	w := backoff{g: g, unabortable: true}
	for {
		if e := g.epoch.Load(); e != seen {
			return e
		}
		if !w.spin() {
			park(&g.epoch.Uint32, seen, &g.sleepers.Int32)
			return g.epoch.Load()
		}
	}
}

// publish starts a new epoch and wakes parked workers. Only the goroutine
// that calls Run publishes.
func (g *Group) publish() {
	g.epoch.Add(1)
	if g.sleepers.Load() > 0 {
		g.places[0].wake(&g.epoch.Uint32)
	}
}

// Run executes body on every place and returns when all have returned. Place
// 0 runs on the caller. What the caller wrote before Run is visible to
// every place, and what any place wrote is visible to the caller after
// Run. If the body panics on any place, the others are
// unwound at their next wait, and Run re-panics with a *PanicError naming the
// lowest place that panicked; the group stays usable.
//
// Run allocates nothing, but a closure that captures variables escapes to the
// heap when it is created: in a timed loop, create the body once (a method
// value stored in a field) and pass the same func each time.
func (g *Group) Run(body func(*Place)) {
	if g.closed.Load() {
		panic(ErrClosed)
	}
	if !g.running.CompareAndSwap(false, true) {
		panic("places: Run called from inside a region or concurrently")
	}
	defer g.running.Store(false)
	p0 := g.places[0]
	g.body = body
	if g.pin0 >= 0 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if tid := unix.Gettid(); tid != g.pinnedTid {
			g.pinCaller(tid)
		}
	}
	if g.serial {
		g.runBody(p0)
		g.finish()
		return
	}
	for i := range g.progress {
		g.progress[i].Store(0)
	}
	g.done.Store(0)
	g.publish()
	g.runBody(p0)
	if want := int64(g.np - 1); g.done.Load() != want {
		g.awaitDone(p0, want)
	}
	g.body = nil
	g.finish()
}

// awaitDone waits on place 0, uncounted, until want workers have returned
// from the region.
func (g *Group) awaitDone(p0 *Place, want int64) {
	was := p0.count(false)
	for i := 0; g.done.Load() != want; i++ {
		if i >= g.spinN {
			runtime.Gosched()
		}
	}
	p0.count(was)
}

func (g *Group) pinCaller(tid int) {
	if g.pinnedTid >= 0 {
		// A different thread runs place 0 now; give the old one back.
		unix.SchedSetaffinity(g.pinnedTid, &g.origMask)
	}
	if err := unix.SchedGetaffinity(0, &g.origMask); err != nil {
		return
	}
	if pinThread(g.pin0) == nil {
		g.pinnedTid = tid
	}
}

func (g *Group) runBody(p *Place) {
	clearUpper()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(abortSignal); !ok {
				g.panics[p.id] = &PanicError{Place: p.id, Value: r, Stack: debug.Stack()}
			}
			g.abort()
		}
	}()
	g.body(p)
}

// abort marks the group broken and wakes every parked waiter so that all
// places unwind instead of waiting for the one that panicked.
func (g *Group) abort() {
	g.broken.Store(true)
	// Moving the generation on releases parked barrier waiters, who then
	// see broken; finish resets the barrier before the next region.
	g.bar.gen.Add(1)
	futexWakeAll(&g.bar.gen)
}

// finish runs on the caller after every place has returned: if the region
// was aborted it resets the shared state, so the group stays usable, and
// re-raises the first panic.
func (g *Group) finish() {
	if !g.broken.Load() {
		return
	}
	var pe *PanicError
	for i, e := range g.panics {
		if e != nil && pe == nil {
			pe = e
		}
		g.panics[i] = nil
	}
	g.bar.count.Store(0)
	for _, p := range g.places {
		p.coll = 0
	}
	g.clearMail()
	g.broken.Store(false)
	g.body = nil
	if pe == nil {
		pe = &PanicError{Place: -1, Value: "aborted"}
	}
	panic(pe)
}

// Close stops the workers and releases their threads; it is idempotent.
// Place 0's thread gets its original CPU mask back.
func (g *Group) Close() error {
	if !g.closed.CompareAndSwap(false, true) {
		return nil
	}
	if !g.serial {
		g.quit = true
		g.publish()
		g.wg.Wait()
	}
	if g.pinnedTid >= 0 {
		unix.SchedSetaffinity(g.pinnedTid, &g.origMask)
		g.pinnedTid = -1
	}
	return nil
}
