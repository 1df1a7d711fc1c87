// Package mpi is the MPI implementation of comm.Comm: a thin cgo binding
// to the system's MPI library (Open MPI from Debian: libopenmpi-dev,
// openmpi-bin), found with pkg-config (the "mpi" name, or "ompi" with the
// build tag ompi). It is compiled only with the build tag mpi, so the
// default build and a machine without MPI never see it; without the tag
// the package is empty.
//
// A message goes from and to the slice's own memory: the Buffer's pointer
// is handed to MPI, so there is no extra copy. MPI may hold it after the
// call returns only when the memory is pinned (cgo's rule): Isend and
// Irecv pin their buffer with a runtime.Pinner until Wait. Every MPI call
// is made from the main thread: the package locks the main goroutine to it
// at init, and MPI is initialised with MPI_THREAD_FUNNELED; in an MPI job
// every rank is one place (a serial group), so the kernels call MPI only
// from there.
//
// Each operation is one blocking MPI call: MPI_Send, MPI_Recv,
// MPI_Sendrecv, the blocking collectives, and MPI_Wait for an Isend or
// Irecv. That is what measured fastest. The alternative, posting the
// nonblocking forms (MPI_Isend/Irecv, MPI_Ibarrier, MPI_Ialltoall(v),
// MPI_Iallreduce) and completing them with MPI_Test polled from Go (or
// in C, at most 10 µs per cgo call), was never faster on Open MPI 4.1,
// with 2 ranks over shared memory or TCP (commtest.Microbench; the
// package's TestMicrobench runs it under mpirun). Small operations got
// slower: Open MPI runs nonblocking collectives on libnbc rather than its
// tuned algorithms, so an 8-byte barrier or all-to-all took 1.7× as long,
// and a 1029-int all-reduce 2.3×. Waiting for a partner 2 ms late, a rank
// polling from Go saw the message hundreds of µs later than one blocked
// in MPI_Recv or MPI_Wait. The class-A IS and CG times did not move.
// The Go scheduler does take the P from a thread that stays in a cgo call
// past a sysmon tick when no P is idle (under mpirun each rank is bound to
// one core, so GOMAXPROCS is 1), but taking it back costs a few
// microseconds, which the blocked late-partner figure includes.
package mpi
