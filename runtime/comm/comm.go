// Package comm is the communicator interface of npbgo's message-passing
// kernels (the NPB-MPI forms of IS and CG): ranks that own their data and
// exchange it only through messages and collectives, as MPI processes do.
//
// Two implementations: InProcess, where the ranks are the places of one
// places.Group and a message is a copy between their memories (no MPI, no
// cgo, so `go test ./...` covers every distributed kernel), and the MPI
// binding in runtime/comm/mpi, compiled only with the build tag mpi, where
// the ranks are the processes of an mpirun job. The kernels are written once
// against Comm.
//
// Semantics follow MPI with one tag: messages from one rank to another on
// one communicator are received in the order sent (by Send or Isend, into
// Recv or Irecv, in the order the receives were posted), and a receive
// names the type that was sent. Sends may block until the matching receive
// is posted (code must be correct under MPI's synchronous-send semantics;
// both implementations then never deadlock). Collectives are called by
// every rank of the communicator in the same order.
package comm

import (
	"fmt"
	"unsafe"
)

// Comm is a communicator: a group of ranks 0..Size()-1.
type Comm interface {
	Rank() int
	Size() int

	// Send sends b to rank to; Recv receives a message from rank from into
	// b and returns its length in elements (b must be long enough).
	Send(to int, b Buffer)
	Recv(from int, b Buffer) int
	// SendRecv sends send to rank to and receives from rank from into recv
	// in one step that cannot deadlock against the partner's SendRecv
	// (MPI_Sendrecv); to and from may be this rank. send and recv must
	// not overlap (nor may the buffers of any collective below).
	SendRecv(to int, send Buffer, from int, recv Buffer) int

	// Isend starts sending b to rank to, Irecv starts receiving a
	// message from rank from into b (which must be long enough), and
	// Wait completes either and returns the number of elements received
	// (0 for a send). Until Wait returns, b belongs to the transfer: the
	// caller must not write it after Isend, nor touch it after Irecv.
	// Every request is waited exactly once, on the Comm that started it,
	// in any order. A send may complete only once its receive is posted,
	// so post the receives of an exchange before waiting for its sends.
	Isend(to int, b Buffer) Request
	Irecv(from int, b Buffer) Request
	Wait(r Request) int

	Barrier()
	// Allreduce replaces b on every rank by the element-wise reduction of
	// all ranks' b. Float64 sums are added in rank order,
	// ((b0 + b1) + b2) + …, by both implementations: the same bits for a
	// given number of ranks, whichever implementation and machine.
	Allreduce(b Buffer, op Op)
	// Alltoall sends the i-th of Size() equal parts of send to rank i and
	// receives rank i's part for this rank into the i-th part of recv.
	Alltoall(send, recv Buffer)
	// Alltoallv sends send[sdispl[i]:][:scount[i]] to rank i and receives
	// rank i's message into recv[rdispl[i]:][:rcount[i]] (MPI_Alltoallv).
	Alltoallv(send Buffer, scount, sdispl []int, recv Buffer, rcount, rdispl []int)

	// Split partitions the communicator: ranks that pass the same color
	// form a new communicator, ranked by key, then by rank here
	// (MPI_Comm_split). It is collective; color must be >= 0.
	Split(color, key int) Comm

	// Wtime is wall-clock time in seconds from an arbitrary origin.
	Wtime() float64
	// Abort ends the whole job with the exit code: every rank, not only
	// this one, so that no rank waits forever for a failed one.
	Abort(code int)
}

// Request is a send or receive in flight, from Isend or Irecv until Wait.
// It is a small handle that the implementation interprets; copying it
// copies no operation, and making one allocates nothing.
type Request struct{ h uint64 }

// NewRequest and Handle are for implementations of Comm: a Request
// carries the implementation's handle of the operation.
func NewRequest(h uint64) Request { return Request{h} }

// Handle is the handle NewRequest was given.
func (r Request) Handle() uint64 { return r.h }

// Op is a reduction operation.
type Op uint8

const (
	Sum Op = iota + 1
	Max
)

func (o Op) String() string {
	switch o {
	case Sum:
		return "sum"
	case Max:
		return "max"
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Type is the element type of a Buffer.
type Type uint8

const (
	Float64 Type = iota + 1
	Int32
	Int64
)

// Size is the size of one element in bytes.
func (t Type) Size() int {
	if t == Int32 {
		return 4
	}
	return 8
}

func (t Type) String() string {
	switch t {
	case Float64:
		return "float64"
	case Int32:
		return "int32"
	case Int64:
		return "int64"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Buffer is a slice of float64, int32 or int64 handed to a Comm: a
// pointer, a length and a type, so that one method serves every element
// type, nothing is boxed (no allocation per message), and the MPI binding
// passes the slice's own memory to MPI. Make one with Float64s, Int32s or
// Int64s; the slice must stay alive while the call runs (it does: the
// Buffer holds the pointer).
type Buffer struct {
	p unsafe.Pointer
	n int
	t Type
}

// Float64s, Int32s and Int64s wrap a slice.
func Float64s(s []float64) Buffer {
	return Buffer{unsafe.Pointer(unsafe.SliceData(s)), len(s), Float64}
}
func Int32s(s []int32) Buffer { return Buffer{unsafe.Pointer(unsafe.SliceData(s)), len(s), Int32} }
func Int64s(s []int64) Buffer { return Buffer{unsafe.Pointer(unsafe.SliceData(s)), len(s), Int64} }

// Len is the number of elements; Type their type.
func (b Buffer) Len() int   { return b.n }
func (b Buffer) Type() Type { return b.t }

// Pointer is the address of the first element (nil for an empty slice
// made from nil).
func (b Buffer) Pointer() unsafe.Pointer { return b.p }

// Slice is b[lo:hi].
func (b Buffer) Slice(lo, hi int) Buffer {
	if lo < 0 || hi < lo || hi > b.n {
		panic(fmt.Sprintf("comm: slice [%d:%d] of a buffer of %d", lo, hi, b.n))
	}
	if lo == hi {
		return Buffer{nil, 0, b.t}
	}
	return Buffer{unsafe.Add(b.p, lo*b.t.Size()), hi - lo, b.t}
}

// float64s, int32s and int64s view the buffer as a slice of its type.
func (b Buffer) float64s() []float64 { return unsafe.Slice((*float64)(b.p), b.n) }
func (b Buffer) int32s() []int32     { return unsafe.Slice((*int32)(b.p), b.n) }
func (b Buffer) int64s() []int64     { return unsafe.Slice((*int64)(b.p), b.n) }

// bytes views the buffer as raw memory.
func (b Buffer) bytes() []byte { return unsafe.Slice((*byte)(b.p), b.n*b.t.Size()) }

// job is the communicator of the multi-process job this process belongs
// to, if any: set by the MPI binding when the process was started by
// mpirun.
var (
	job        Comm
	jobLibrary string
)

// SetJob makes c the process's job communicator (MPI_COMM_WORLD), and
// library the name and version of the MPI library it runs on ("Open MPI
// v4.1.4"). The MPI binding calls it once, before any kernel runs.
func SetJob(c Comm, library string) { job, jobLibrary = c, library }

// JobLibrary is the MPI library of the job, for the report; empty when
// there is no job.
func JobLibrary() string { return jobLibrary }

// Job returns the communicator of the multi-process job this process is a
// rank of, or nil when the process runs alone (the default build, or the
// MPI build started without mpirun). A message-passing kernel runs on Job
// when there is one, and on the places of its group (InProcess) otherwise.
func Job() Comm { return job }

// RankCountError is the error of a kernel that cannot run on the number
// of ranks it was given (CG and IS need a power of two): bad input, like
// an unknown class, rather than a failed run.
type RankCountError struct {
	Kernel string
	Ranks  int
	Want   string // "a power of two"
}

func (e *RankCountError) Error() string {
	return fmt.Sprintf("%s: %d processes: the number of processes must be %s", e.Kernel, e.Ranks, e.Want)
}

// PowerOfTwo reports whether n is a positive power of two.
func PowerOfTwo(n int) bool { return n > 0 && n&(n-1) == 0 }
