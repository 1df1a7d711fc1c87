package harness

import (
	"fmt"
	"os"
	"runtime"
	"slices"
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
func CheckConcurrency(places []int) error {
	n, limit := Concurrency()
	if limit == "" || len(places) == 0 || slices.Max(places) <= n {
		return nil
	}
	var over []string
	for _, np := range places {
		if np > n {
			over = append(over, PlacesLabel(np))
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
