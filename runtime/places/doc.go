// Package places is the thin parallel runtime every npbgo kernel runs on.
//
// A Group is a team of NP places started once and reused by every parallel
// region, like an OpenMP team or the fork-join/CGspawn communicator of the
// racketNAS dissertation. Place 0 is the goroutine that calls Run; places
// 1..NP-1 are worker goroutines, each locked to its own OS thread and
// optionally pinned to a CPU. Between regions the workers spin briefly, then
// yield, then park, so an idle group costs nothing and a busy one answers in
// well under a microsecond.
//
// Inside a region a Place offers the collective operations NPB kernels need:
// Barrier, deterministic reductions (each place writes a padded slot, then
// every place combines the slots in place-id order, so the result is bitwise
// identical everywhere and from run to run for a given NP), Broadcast, a
// "place 0 only" section, pipeline progress counters for wavefront sweeps, and
// point-to-point Send/Recv (and Isend/Irecv/Wait, matched as MPI matches
// them) for MPI-style kernels.
//
// Every operation is built on sync/atomic, so the race detector understands
// the synchronisation; long waits park on a Linux futex (futex.go says why
// not a channel or a sync.Cond). All places must call collective
// operations (Barrier, reductions, broadcasts) in the same order.
//
// Group.Counted marks the span of a program an instruction counter should
// see (the work gate runs callgrind on it): every place's share of its
// regions is counted, on the place's own thread, and no place's waiting,
// so the count does not depend on the schedule (count.go).
//
// Serial mode (New(0)) is the "S" point of an NPB sweep: the body runs on the
// caller as the only place, with no extra goroutine and no thread locking, so
// the serial and the parallel kernel are the same code.
package places
