//go:build mpi

package mpi

/*
#include <stdlib.h>
#include <mpi.h>

// MPI's handles are macros (addresses of globals in Open MPI), which cgo
// cannot name: these return them.
static MPI_Comm npb_world(void) { return MPI_COMM_WORLD; }
static MPI_Datatype npb_type(int t) {
	switch (t) {
	case 1: return MPI_DOUBLE;
	case 2: return MPI_INT32_T;
	default: return MPI_INT64_T;
	}
}
static MPI_Op npb_op(int op) { return op == 1 ? MPI_SUM : MPI_MAX; }
static void *npb_in_place(void) { return MPI_IN_PLACE; }
static int npb_recv(void *buf, int n, int t, int from, MPI_Comm c, int *got) {
	MPI_Status st;
	int err = MPI_Recv(buf, n, npb_type(t), from, 0, c, &st);
	if (err == MPI_SUCCESS) err = MPI_Get_count(&st, npb_type(t), got);
	return err;
}
static int npb_sendrecv(void *sbuf, int sn, int to, void *rbuf, int rn, int from, int t, MPI_Comm c, int *got) {
	MPI_Status st;
	int err = MPI_Sendrecv(sbuf, sn, npb_type(t), to, 0, rbuf, rn, npb_type(t), from, 0, c, &st);
	if (err == MPI_SUCCESS) err = MPI_Get_count(&st, npb_type(t), got);
	return err;
}
static int npb_wait(MPI_Request *r, int t, int *got) {
	MPI_Status st;
	int err = MPI_Wait(r, &st);
	if (err == MPI_SUCCESS && t > 0) err = MPI_Get_count(&st, npb_type(t), got);
	return err;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"unsafe"

	"npbgo/runtime/comm"
)

func init() {
	// MPI_THREAD_FUNNELED: every MPI call from the thread that
	// initialised MPI. Locking in init makes main run on the main thread.
	runtime.LockOSThread()
}

// Launched reports whether this process was started by an MPI launcher
// (comm.Launcher). Only then does a run join a job: MPI_Init in a process
// started by hand would make a one-rank "singleton" job, which needs Open
// MPI's daemon and can fail or hang in a container.
func Launched() bool { return comm.Launcher() != "" }

var initialized bool

// Init initialises MPI, makes MPI_COMM_WORLD the process's job
// communicator (comm.SetJob) and returns it.
func Init() (comm.Comm, error) {
	if initialized {
		return comm.Job(), nil
	}
	// Open MPI catches SIGSEGV, SIGBUS, SIGFPE and SIGABRT to print a
	// backtrace; the Go runtime needs its own handlers (a nil dereference
	// is a SIGSEGV that Go turns into a panic).
	if os.Getenv("OMPI_MCA_opal_signal") == "" {
		os.Setenv("OMPI_MCA_opal_signal", "")
	}
	var provided C.int
	if err := C.MPI_Init_thread(nil, nil, C.MPI_THREAD_FUNNELED, &provided); err != C.MPI_SUCCESS {
		return nil, fmt.Errorf("mpi: MPI_Init_thread failed: %s", errorString(err))
	}
	if provided < C.MPI_THREAD_FUNNELED {
		return nil, errors.New("mpi: the MPI library does not support MPI_THREAD_FUNNELED")
	}
	initialized = true
	w := newComm(C.npb_world())
	comm.SetJob(w, libraryVersion())
	return w, nil
}

// libraryVersion is the first part of MPI_Get_library_version's text:
// "Open MPI v4.1.4".
func libraryVersion() string {
	buf := make([]byte, C.MPI_MAX_LIBRARY_VERSION_STRING)
	var n C.int
	if C.MPI_Get_library_version((*C.char)(unsafe.Pointer(&buf[0])), &n) != C.MPI_SUCCESS {
		return "MPI"
	}
	v := string(buf[:n])
	if i := strings.IndexAny(v, ",\n"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// worldComm is MPI_COMM_WORLD, for the tests (cgo cannot be used in them).
func worldComm() C.MPI_Comm { return C.npb_world() }

// Finalize ends MPI (MPI_Finalize); every rank calls it once at the end.
func Finalize() {
	if initialized {
		C.MPI_Finalize()
		initialized = false
	}
}

// Comm is a communicator of MPI processes.
type Comm struct {
	c          C.MPI_Comm
	rank, size int
	// C int copies of Alltoallv's counts and displacements.
	ints []C.int
	// Every rank's vector of a float64 sum (Allreduce).
	all []float64

	// The Isends and Irecvs in flight: MPI's handles and, slot by slot,
	// what Wait needs; a table that grows to the most requests pending at
	// once and is then reused.
	reqs  []C.MPI_Request
	slots []slot
	free  []int32
}

// slot is one request of the table.
type slot struct {
	gen  uint32 // bumped at every reuse, so a stale Request is caught
	busy bool
	recv C.int // the element type of a receive (for its count), 0 for a send
	// MPI reads or writes the buffer after MPI_Isend or MPI_Irecv has
	// returned, which cgo allows only for pinned memory.
	pin runtime.Pinner
}

func newComm(c C.MPI_Comm) *Comm {
	var r, s C.int
	check(C.MPI_Comm_rank(c, &r))
	check(C.MPI_Comm_size(c, &s))
	return &Comm{c: c, rank: int(r), size: int(s)}
}

func (c *Comm) Rank() int { return c.rank }
func (c *Comm) Size() int { return c.size }

// count is a buffer's length as MPI's int count.
func count(b comm.Buffer) C.int {
	if b.Len() > math.MaxInt32 {
		panic(fmt.Sprintf("mpi: a message of %d elements is longer than MPI's int count", b.Len()))
	}
	return C.int(b.Len())
}

func ctype(b comm.Buffer) C.int { return C.int(b.Type()) }

func mtype(b comm.Buffer) C.MPI_Datatype { return C.npb_type(ctype(b)) }

func (c *Comm) Send(to int, b comm.Buffer) {
	check(C.MPI_Send(b.Pointer(), count(b), mtype(b), C.int(to), 0, c.c))
}

func (c *Comm) Recv(from int, b comm.Buffer) int {
	var got C.int
	check(C.npb_recv(b.Pointer(), count(b), ctype(b), C.int(from), c.c, &got))
	return int(got)
}

func (c *Comm) SendRecv(to int, send comm.Buffer, from int, recv comm.Buffer) int {
	if send.Type() != recv.Type() {
		panic("mpi: sendrecv between buffers of different types")
	}
	var got C.int
	check(C.npb_sendrecv(send.Pointer(), count(send), C.int(to), recv.Pointer(), count(recv), C.int(from),
		ctype(send), c.c, &got))
	return int(got)
}

// post starts an Isend or Irecv of b in a free slot.
func (c *Comm) post(peer int, b comm.Buffer, recv bool) comm.Request {
	if len(c.free) == 0 {
		c.reqs = append(c.reqs, nil)
		c.slots = append(c.slots, slot{})
		c.free = append(c.free, int32(len(c.slots)-1))
	}
	i := c.free[len(c.free)-1]
	c.free = c.free[:len(c.free)-1]
	s := &c.slots[i]
	s.busy = true
	if b.Pointer() != nil {
		s.pin.Pin(b.Pointer())
	}
	if recv {
		s.recv = ctype(b)
		check(C.MPI_Irecv(b.Pointer(), count(b), mtype(b), C.int(peer), 0, c.c, &c.reqs[i]))
	} else {
		s.recv = 0
		check(C.MPI_Isend(b.Pointer(), count(b), mtype(b), C.int(peer), 0, c.c, &c.reqs[i]))
	}
	return comm.NewRequest(uint64(s.gen)<<32 | uint64(i+1))
}

func (c *Comm) Isend(to int, b comm.Buffer) comm.Request   { return c.post(to, b, false) }
func (c *Comm) Irecv(from int, b comm.Buffer) comm.Request { return c.post(from, b, true) }

func (c *Comm) Wait(r comm.Request) int {
	h := r.Handle()
	i := int(uint32(h)) - 1
	if i < 0 || i >= len(c.slots) || !c.slots[i].busy || c.slots[i].gen != uint32(h>>32) {
		panic(fmt.Sprintf("mpi: rank %d waits for a request that is not pending", c.rank))
	}
	s := &c.slots[i]
	var got C.int
	check(C.npb_wait(&c.reqs[i], s.recv, &got))
	s.pin.Unpin()
	s.busy = false
	s.gen++
	c.free = append(c.free, int32(i))
	return int(got)
}

func (c *Comm) Barrier() { check(C.MPI_Barrier(c.c)) }

// Allreduce uses MPI's all-reduce where the result cannot depend on the
// order (integers, max). A float64 sum, which MPI does not promise to add
// in rank order, gathers every rank's vector on every rank
// (MPI_Allgather: a logarithmic number of steps) and adds them there in
// rank order (comm.SumRanks), the same bits on every rank.
func (c *Comm) Allreduce(b comm.Buffer, op comm.Op) {
	if c.size == 1 {
		return
	}
	if b.Type() == comm.Float64 && op == comm.Sum {
		m := b.Len()
		if cap(c.all) < m*c.size {
			c.all = make([]float64, m*c.size)
		}
		all := c.all[:m*c.size]
		t := mtype(b)
		check(C.MPI_Allgather(b.Pointer(), count(b), t, unsafe.Pointer(unsafe.SliceData(all)), count(b), t, c.c))
		comm.SumRanks(unsafe.Slice((*float64)(b.Pointer()), m), all)
		return
	}
	check(C.MPI_Allreduce(C.npb_in_place(), b.Pointer(), count(b), mtype(b), C.npb_op(C.int(op)), c.c))
}

func (c *Comm) Alltoall(send, recv comm.Buffer) {
	ps, pr := send.Len()/c.size, recv.Len()/c.size
	t := mtype(send)
	check(C.MPI_Alltoall(send.Pointer(), C.int(ps), t, recv.Pointer(), C.int(pr), t, c.c))
}

func (c *Comm) Alltoallv(send comm.Buffer, scount, sdispl []int, recv comm.Buffer, rcount, rdispl []int) {
	n := c.size
	if cap(c.ints) < 4*n {
		c.ints = make([]C.int, 4*n)
	}
	v := c.ints[:4*n]
	for i := range n {
		v[i], v[n+i], v[2*n+i], v[3*n+i] = C.int(scount[i]), C.int(sdispl[i]), C.int(rcount[i]), C.int(rdispl[i])
	}
	t := mtype(send)
	check(C.MPI_Alltoallv(send.Pointer(), &v[0], &v[n], t, recv.Pointer(), &v[2*n], &v[3*n], t, c.c))
}

func (c *Comm) Split(color, key int) comm.Comm {
	if color < 0 {
		panic(fmt.Sprintf("mpi: split with color %d", color))
	}
	var sub C.MPI_Comm
	check(C.MPI_Comm_split(c.c, C.int(color), C.int(key), &sub))
	return newComm(sub)
}

func (c *Comm) Wtime() float64 { return float64(C.MPI_Wtime()) }

// Abort ends the whole job (MPI_Abort on MPI_COMM_WORLD); mpirun kills
// every rank and exits with code.
func (c *Comm) Abort(code int) {
	C.MPI_Abort(C.npb_world(), C.int(code))
	os.Exit(code) // MPI_Abort does not return; if it did, do not go on.
}

// check turns an MPI error code into a panic. With MPI's default error
// handler (MPI_ERRORS_ARE_FATAL) an error has already ended the job.
func check(err C.int) {
	if err != C.MPI_SUCCESS {
		panic("mpi: " + errorString(err))
	}
}

func errorString(err C.int) string {
	buf := make([]byte, C.MPI_MAX_ERROR_STRING)
	var n C.int
	if C.MPI_Error_string(err, (*C.char)(unsafe.Pointer(&buf[0])), &n) != C.MPI_SUCCESS {
		return fmt.Sprintf("MPI error %d", int(err))
	}
	return string(buf[:n])
}
