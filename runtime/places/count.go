package places

import "runtime"

// Counting the instructions of a measured span (the work gate: callgrind,
// valgrind's instruction counter, started with --collect-atstart=no).
//
// Callgrind counts per thread, and what a waiting place executes depends
// on the schedule: how long it spins, whether it yields or parks, whether
// the place that releases it finds it asleep. Under valgrind the threads
// take turns, so a wait's count is arbitrary. Inside a span run by
// Counted, every place's thread therefore switches callgrind's collection
// on while it runs a region's body and off while it waits (spinning,
// yielding, parking, waking the parked, and the copy a blocking Send makes
// when its receive is not posted yet, which a receive posted first never
// costs). What remains is the work of every place, the same from run to
// run. Collection is switched by valgrind's client request
// (CALLGRIND_TOGGLE_COLLECT), which acts on the calling thread only and
// does not depend on the call stack, so a wait that switches to the
// scheduler's stack cannot lose the span (a --toggle-collect function
// would be unwound).
//
// Outside valgrind Counted only runs its function: the places' count
// state stays off, and the one cost is a test of a flag per region on each
// worker and per wait that had to wait.

// instrumented reports that the process runs under valgrind; tests set it
// to exercise the switching.
var instrumented = runningOnValgrind()

// toggleCollect switches callgrind's collection on the calling thread;
// tests replace it.
var toggleCollect = collectToggle

// Counted runs f, in which the caller runs regions of g, as a counted span:
// under callgrind, every place's share of those regions is collected, each
// on its place's thread, and none of their waits. It must be called by the
// goroutine that calls Run, outside a region; it keeps that goroutine on
// its thread until f returns. A Counted inside a Counted adds nothing.
func (g *Group) Counted(f func()) {
	if g.running.Load() {
		panic("places: Counted called from inside a region")
	}
	if !instrumented || g.counted {
		f()
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0 := g.places[0]
	g.counted = true
	defer func() {
		p0.count(false)
		g.counted = false
	}()
	p0.count(true)
	f()
}

// runCounted runs a worker's share of a region in a counted span, with
// collection on for its thread (locked to it meanwhile, since collection
// belongs to the thread).
func (g *Group) runCounted(p *Place) {
	runtime.LockOSThread()
	p.count(true)
	g.runBody(p)
	p.count(false)
	runtime.UnlockOSThread()
}

// count switches collection on this place's thread on or off and returns
// whether it was on. A wait brackets itself with was := p.count(false) …
// p.count(was); one that panics leaves collection off, and the end of the
// region finds it so.
func (p *Place) count(on bool) (was bool) {
	was = p.counting
	if was != on {
		toggleCollect()
		p.counting = on
	}
	return was
}

// clientRequest codes (valgrind.h, callgrind.h).
const (
	requestRunningOnValgrind = 0x1001
	requestToggleCollect     = ('C'<<24 | 'T'<<16) + 2
)

func runningOnValgrind() bool {
	args := [6]uintptr{requestRunningOnValgrind}
	return clientRequest(&args) != 0
}

func collectToggle() {
	args := [6]uintptr{requestToggleCollect}
	clientRequest(&args)
}
