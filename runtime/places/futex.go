package places

import (
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Parking uses the Linux futex directly rather than a channel or a
// sync.Cond: those take a sudog from the runtime, which allocates whenever
// its cache is empty (after every GC), and a timed region must never
// allocate. The race detector sees the synchronisation through the atomic
// loads that decide whether to wait, which are done before and after every
// futex call.

const (
	futexWaitPrivate = 0 | 128
	futexWakePrivate = 1 | 128
)

// futexWait sleeps while *addr == val (or until a wake-up or a signal;
// callers re-check their condition in a loop).
func futexWait(addr *atomic.Uint32, val uint32) {
	unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), futexWaitPrivate, uintptr(val), 0, 0, 0)
}

// futexWakeAll wakes every thread sleeping on addr.
func futexWakeAll(addr *atomic.Uint32) {
	unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), futexWakePrivate, 1<<31-1, 0, 0, 0)
}

// nanosleep sleeps without the goroutine timer time.Sleep allocates.
func nanosleep(ns int64) {
	ts := unix.NsecToTimespec(ns)
	unix.Nanosleep(&ts, nil)
}
