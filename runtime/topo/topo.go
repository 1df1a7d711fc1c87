// Package topo describes the CPU topology the benchmarks run on — sockets,
// physical cores, SMT threads, NUMA nodes, caches and vector features — and
// maps places to CPUs by a placement policy (compact, spread or none).
//
// The topology comes from Linux sysfs (Detect, FromSysfs) or is simulated
// from a "SOCKETSxCORESxTHREADS" spec (Simulate, or the NPB_TOPOLOGY
// environment variable), so that placement on a dual-socket machine can be
// exercised and tested on any machine. This package only computes the
// mapping; pinning is done by runtime/places (Options.CPUs), and must not be
// attempted for a simulated topology.
package topo

import (
	"fmt"
	"os"
	"runtime"
	"slices"

	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"
	"golang.org/x/sys/unix"
)

// Env is the environment variable that makes Detect simulate a topology.
const Env = "NPB_TOPOLOGY"

// Topology is the CPU layout of a machine, real or simulated.
type Topology struct {
	// Sockets is the number of sockets, Cores the number of physical cores
	// per socket and Threads the number of hardware threads per core. On a
	// machine whose sockets or cores differ (hybrid CPUs, CPUs offline) they
	// are the maxima; CPUs is authoritative.
	Sockets, Cores, Threads int

	// CPUs are the online logical CPUs, ordered by ID.
	CPUs []CPU

	// Nodes are the NUMA nodes, ordered by ID.
	Nodes []Node

	// Cache and Features describe the host CPU (also for a simulated or
	// captured topology, since that is what the code runs on).
	Cache     Caches
	Features  []string
	ModelName string

	// Allowed, when not nil, are the CPUs this process may run on, a
	// proper subset of CPUs: the affinity mask it was started with (by
	// taskset, numactl, or a batch system's cpuset). Assign hands out only
	// these, so pinning never overrides the user's restriction.
	Allowed []int

	// Simulated is set when the CPUs do not exist on this machine: callers
	// must not pin places to them.
	Simulated bool

	// Source says where the layout came from: "sysfs",
	// "NPB_TOPOLOGY=2x8x2", a captured tree's directory, or a fallback note.
	Source string
}

// CPU is one logical CPU. Socket, Core and Thread are dense indices (socket
// 0..Sockets-1, core 0..Cores-1 within its socket, SMT thread 0..Threads-1
// within its core), not the sparse ids the kernel reports.
type CPU struct {
	ID, Socket, Core, Thread, Node int
}

// Node is a NUMA node and the online CPUs it holds.
type Node struct {
	ID   int
	CPUs []int
}

// NumCPU is the number of (online) logical CPUs.
func (t *Topology) NumCPU() int { return len(t.CPUs) }

// CPU returns the CPU with the given id.
func (t *Topology) CPU(id int) (CPU, bool) {
	i, ok := slices.BinarySearchFunc(t.CPUs, id, func(c CPU, id int) int { return c.ID - id })
	if !ok {
		return CPU{}, false
	}
	return t.CPUs[i], true
}

// Detect returns the topology of this machine, or the simulated one named by
// NPB_TOPOLOGY when that is set and not empty (then a malformed value is an
// error; NPB_TOPOLOGY= means unset, as a shell user expects). When
// sysfs cannot be read it falls back, without error, to runtime.NumCPU()
// CPUs on one socket, one core each.
func Detect() (*Topology, error) {
	if spec := os.Getenv(Env); spec != "" {
		return Simulate(spec)
	}
	return detect("/sys"), nil
}

func detect(root string) *Topology {
	t, err := FromSysfs(root)
	if err == nil {
		if root == "/sys" {
			t.Source = "sysfs"
			t.restrict(startMask)
		}
		return t
	}
	t = uniform(1, runtime.NumCPU(), 1)
	t.Source = fmt.Sprintf("runtime.NumCPU (%v)", err)
	return t
}

// startMask is the CPU affinity mask the process started with (nil if it
// cannot be read). It is read at initialisation, before any place pins
// the main thread, and is what the user asked for.
var startMask = func() []int {
	var set unix.CPUSet
	if unix.SchedGetaffinity(0, &set) != nil {
		return nil
	}
	var ids []int
	for id := range 64 * len(set) {
		if set.IsSet(id) {
			ids = append(ids, id)
		}
	}
	return ids
}()

// restrict sets t.Allowed to the CPUs of t that are in mask, when that
// leaves some out but not all.
func (t *Topology) restrict(mask []int) {
	var ids []int
	for _, c := range t.CPUs {
		if slices.Contains(mask, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) > 0 && len(ids) < len(t.CPUs) {
		t.Allowed = ids
	}
}

// NumAllowed is the number of CPUs places may be pinned to.
func (t *Topology) NumAllowed() int {
	if t.Allowed != nil {
		return len(t.Allowed)
	}
	return len(t.CPUs)
}

// uniform builds a sockets × cores × threads layout numbered like Linux on
// a dual-socket Intel machine: the first thread of every core of socket 0,
// then of socket 1, …, then the second threads in the same order. There is
// one NUMA node per socket.
func uniform(sockets, cores, threads int) *Topology {
	t := &Topology{Sockets: sockets, Cores: cores, Threads: threads}
	t.CPUs = make([]CPU, 0, sockets*cores*threads)
	t.Nodes = make([]Node, sockets)
	for i := range t.Nodes {
		t.Nodes[i].ID = i
	}
	for th := range threads {
		for s := range sockets {
			for c := range cores {
				id := len(t.CPUs)
				t.CPUs = append(t.CPUs, CPU{ID: id, Socket: s, Core: c, Thread: th, Node: s})
				t.Nodes[s].CPUs = append(t.Nodes[s].CPUs, id)
			}
		}
	}
	t.setHost()
	return t
}

func (t *Topology) setHost() {
	t.Cache = HostCaches()
	t.Features = hostFeatures()
	t.ModelName = cpuid.CPU.BrandName
	if t.ModelName == "" {
		t.ModelName = runtime.GOARCH
	}
}

// hostFeatures lists the vector and bit-manipulation extensions that matter
// for the kernels' inner loops (what the Go compiler or assembly may use).
func hostFeatures() []string {
	var f []string
	add := func(has bool, name string) {
		if has {
			f = append(f, name)
		}
	}
	x := &cpu.X86
	add(x.HasSSE42, "SSE4.2")
	add(x.HasPOPCNT, "POPCNT")
	add(x.HasAVX, "AVX")
	add(x.HasAVX2, "AVX2")
	add(x.HasFMA, "FMA")
	add(x.HasBMI2, "BMI2")
	add(x.HasAVX512F, "AVX512F")
	add(x.HasAVX512DQ, "AVX512DQ")
	add(x.HasAVX512CD, "AVX512CD")
	add(x.HasAVX512BW, "AVX512BW")
	add(x.HasAVX512VL, "AVX512VL")
	a := &cpu.ARM64
	add(a.HasASIMD, "ASIMD")
	add(a.HasFCMA, "FCMA")
	add(a.HasSVE, "SVE")
	add(a.HasSVE2, "SVE2")
	return f
}
