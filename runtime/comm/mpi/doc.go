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
// Irecv pin their buffer with a runtime.Pinner until Wait. Every MPI call is made from the
// main thread: the package locks the main goroutine to it at init, and MPI
// is initialised with MPI_THREAD_FUNNELED; in an MPI job every rank is one
// place (a serial group), so the kernels call MPI only from there.
package mpi
