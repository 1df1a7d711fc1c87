package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// Concurrency is how many places can run at the same moment: one per CPU
// the process may run on (its affinity mask), but no more than
// GOMAXPROCS, the number of threads Go lets run Go code at once. When
// GOMAXPROCS is the lower, limit says where it comes from; it is "" when
// the CPUs are the limit.
func Concurrency() (n int, limit string) {
	ncpu, gmp := runtime.NumCPU(), runtime.GOMAXPROCS(0)
	if gmp >= ncpu {
		return ncpu, ""
	}
	if os.Getenv("GOMAXPROCS") != "" {
		return gmp, fmt.Sprintf("GOMAXPROCS=%d (from the environment)", gmp)
	}
	return gmp, fmt.Sprintf("GOMAXPROCS=%d (Go's default under this cgroup's CPU limit)", gmp)
}

// PlacesNote says, when np places cannot all run at once, that they take
// turns, and why; "" when they can. More places than CPUs is a choice a
// user may make (places share CPUs); GOMAXPROCS below the place count is
// usually an accident of the environment, and is said as such.
func PlacesNote(np int) string {
	n, limit := Concurrency()
	switch {
	case np <= n:
		return ""
	case limit != "":
		return fmt.Sprintf("%d places with %s: only %d place%s at a time, the others wait; unset GOMAXPROCS to give each place a CPU",
			np, limit, n, plural(n, " runs", "s run"))
	}
	return fmt.Sprintf("%d places on %d allowed CPUs: oversubscribed, places share CPUs", np, n)
}

// CheckConcurrency refuses a sweep whose place counts GOMAXPROCS would
// serialise: its speedups would measure places taking turns on fewer
// threads than places, not how a kernel scales, and read like a machine
// busy with other work. More places than CPUs stays allowed (see
// PlacesNote).
func CheckConcurrency(ps []places.Count) error {
	n, limit := Concurrency()
	if limit == "" || len(ps) == 0 || int(slices.Max(ps)) <= n {
		return nil
	}
	var over []string
	for _, np := range ps {
		if int(np) > n {
			over = append(over, np.String())
		}
	}
	return fmt.Errorf("harness: %s lets only %d place%s at a time: the runs at %s places would take turns, and their speedups would measure that, not the kernels; unset GOMAXPROCS (or give -places up to %d)",
		limit, n, plural(n, " run", "s run"), joinList(over), n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinList writes 2, 4 and 8.
func joinList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}

// PlacesPerCPU bounds how many places may share one CPU. Places beyond
// the CPUs only take turns, and the cost of taking turns grows faster
// than the work: every barrier waits until each place's thread has been
// scheduled, LU's pipeline hands each plane from place to place, and IS's
// bucket pointers sum over all the places before each one, so LU's and
// IS's time grows with the square of the places per CPU. Measured at
// class S on 2 CPUs: LU took 0.15 s at 16 places, 0.52 s at 32, 2.1 s at
// 64 and 9.2 s at 128; IS 9.7 s at 1024 places and no result in 120 s at
// 4096. Up to 16 per CPU every kernel still answers within a second;
// more measures the scheduler, not the kernel.
const PlacesPerCPU = 16

// MaxPlaces is the most places a run may have here: PlacesPerCPU for each
// CPU this process may run on, and never more than a group may have.
func MaxPlaces() int {
	return min(places.MaxPlaces, PlacesPerCPU*runtime.NumCPU())
}

// CheckPlaces refuses a place count above MaxPlaces, saying why.
func CheckPlaces(n int) error {
	switch {
	case n > places.MaxPlaces:
		return fmt.Errorf("at most %d places", places.MaxPlaces)
	case n > MaxPlaces():
		return fmt.Errorf("at most %d places here, %d per CPU this process may run on: beyond that places only take turns, and LU's pipeline and IS's bucket sums cost the square of the places per CPU", MaxPlaces(), PlacesPerCPU)
	}
	return nil
}

// memLimit is one bound on the memory a run may take: how much of it is
// left, and what it is.
type memLimit struct {
	left int64
	what string
}

// memProbe reads the bounds on memory from a /proc and a cgroup tree (the
// machine's, or made-up ones in tests).
type memProbe struct {
	proc, cgroup string
	rlimitAS     func() (limit uint64, ok bool) // RLIMIT_AS, ok false when there is none
}

var hostMem = memProbe{proc: "/proc", cgroup: "/sys/fs/cgroup", rlimitAS: func() (uint64, bool) {
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &rl) != nil || rl.Cur == unix.RLIM_INFINITY {
		return 0, false
	}
	return rl.Cur, true
}}

// CheckMemory refuses a run that needs about need bytes (what names it:
// "ft class A") when any bound leaves less: the memory the machine has
// available, the address space left under ulimit -v (everything mapped
// counts, the Go runtime's reservations too), and the memory.max of the
// process's cgroup and of each cgroup above it, less their use (page
// cache that can be dropped does not count as use). A run past any of
// them dies in a runtime out-of-memory dump, or is killed.
func CheckMemory(what string, need int64) error { return hostMem.check(what, need) }

// CheckKernelMemory refuses, before anything is allocated, a class whose
// estimated footprint (npb.Kernel.Footprint) exceeds what CheckMemory
// leaves: the footprint of one process on n places or in-process ranks
// (procs 0), or, under mpirun, that of procs processes of one rank each,
// the ranks of the job on this machine.
func CheckKernelMemory(k npb.Kernel, c npb.Class, n, procs int) error {
	if k.Memory == nil {
		return nil
	}
	what := fmt.Sprintf("%s class %s", k.Name, c)
	need := k.Footprint(c, n, max(n, 1))
	switch {
	case procs > 0:
		need = int64(procs) * k.Footprint(c, n, 1)
		what += fmt.Sprintf(" on %d ranks (%s per rank, %d of them on this machine)", n, gib(k.Footprint(c, n, 1)), procs)
	case k.Ranks:
		what += fmt.Sprintf(" on %d in-process ranks (%s per rank)", max(n, 1), gib(k.Memory(c, n)))
	}
	return CheckMemory(what, need)
}

// gib writes a byte count in GiB, as the refusals do.
func gib(b int64) string { return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30)) }

func (m memProbe) check(what string, need int64) error {
	var tight *memLimit
	for _, l := range m.limits() {
		if need > l.left && (tight == nil || l.left < tight.left) {
			tight = &l
		}
	}
	if tight == nil {
		return nil
	}
	return fmt.Errorf("harness: %s needs about %s, only %s %s", what, gib(need), gib(max(tight.left, 0)), tight.what)
}

// limits lists the bounds that are set and readable.
func (m memProbe) limits() []memLimit {
	var ls []memLimit
	if kb, ok := procField(filepath.Join(m.proc, "meminfo"), "MemAvailable"); ok {
		ls = append(ls, memLimit{kb << 10, "available (MemAvailable)"})
	}
	if lim, ok := m.rlimitAS(); ok {
		vm, _ := procField(filepath.Join(m.proc, "self", "status"), "VmSize")
		ls = append(ls, memLimit{int64(min(lim, 1<<62)) - vm<<10, "left under the address-space limit (ulimit -v)"})
	}
	return append(ls, m.cgroupLimits()...)
}

// procField reads "Name: N kB" from a /proc file.
func procField(path, name string) (kb int64, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found || k != name {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// cgroupLimits reads the memory limit of the process's cgroup and of
// every cgroup above it (a limit on a parent bounds its children): v2's
// memory.max less memory.current, or v1's memory.limit_in_bytes less
// memory.usage_in_bytes, each plus the inactive page cache the kernel
// would drop first. In a cgroup namespace the process's cgroup is the
// mount's root, and its path in /proc/self/cgroup is not under the mount.
func (m memProbe) cgroupLimits() []memLimit {
	b, err := os.ReadFile(filepath.Join(m.proc, "self", "cgroup"))
	if err != nil {
		return nil
	}
	var ls []memLimit
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		var root, limitFile, usageFile, cacheKey string
		switch {
		case f[0] == "0" && f[1] == "": // v2
			root, limitFile, usageFile, cacheKey = m.cgroup, "memory.max", "memory.current", "inactive_file"
		case slices.Contains(strings.Split(f[1], ","), "memory"): // v1
			root, limitFile, usageFile, cacheKey = filepath.Join(m.cgroup, "memory"), "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"
		default:
			continue
		}
		path := filepath.Clean("/" + f[2])
		if _, err := os.Stat(filepath.Join(root, path)); err != nil {
			// A namespace: the process's cgroup is the mount's root.
			if l, ok := cgroupLimit(root, limitFile, usageFile, cacheKey); ok {
				ls = append(ls, memLimit{l, "left under the memory limit of cgroup " + path})
			}
			continue
		}
		for p := path; ; p = filepath.Dir(p) {
			if l, ok := cgroupLimit(filepath.Join(root, p), limitFile, usageFile, cacheKey); ok {
				ls = append(ls, memLimit{l, "left under the memory limit of cgroup " + p})
			}
			if p == "/" {
				break
			}
		}
	}
	return ls
}

// cgroupLimit is what is left under one cgroup's limit; ok is false when
// it has none ("max", or v1's huge "unlimited" value) or it cannot be read.
func cgroupLimit(dir, limitFile, usageFile, cacheKey string) (left int64, ok bool) {
	read := func(name string) (int64, bool) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return 0, false
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		return n, err == nil
	}
	limit, ok := read(limitFile)
	if !ok || limit >= 1<<62 {
		return 0, false
	}
	used, _ := read(usageFile)
	var cache int64
	if b, err := os.ReadFile(filepath.Join(dir, "memory.stat")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, _ := strings.Cut(line, " "); k == cacheKey {
				cache, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
		}
	}
	return limit - used + cache, true
}

// ParseCount reads one place count as places.ParseCount does, within
// CheckPlaces.
func ParseCount(s string) (places.Count, error) {
	n, err := places.ParseCount(s)
	if err != nil {
		return 0, err
	}
	if err := CheckPlaces(int(n)); err != nil {
		return 0, &places.CountError{Text: s, Reason: err.Error(), Over: true}
	}
	return n, nil
}

// ParseCounts reads a list of place counts as places.ParseCounts does,
// each within CheckPlaces.
func ParseCounts(s string) ([]places.Count, error) {
	ps, err := places.ParseCounts(s)
	if err != nil {
		return nil, err
	}
	for _, n := range ps {
		if err := CheckPlaces(int(n)); err != nil {
			return nil, &places.CountError{Text: n.String(), In: s, Reason: err.Error(), Over: true}
		}
	}
	return ps, nil
}
