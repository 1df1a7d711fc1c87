package topo

import (
	"fmt"
	"strconv"
	"strings"
)

// Simulate returns the topology described by spec, "SOCKETSxCORESxTHREADS"
// (sockets × physical cores per socket × SMT threads per core, e.g. "2x8x2"),
// with at most 4096 CPUs in all. CPUs are numbered like Linux on a
// dual-socket Intel machine: the first thread of each core of socket 0, then
// of socket 1, then the second threads in the same order; each socket is one
// NUMA node. The result has Simulated set: its CPUs need not exist here.
func Simulate(spec string) (*Topology, error) {
	var n [3]int
	fields := strings.Split(strings.ToLower(strings.TrimSpace(spec)), "x")
	if len(fields) != len(n) {
		return nil, badSpec(spec, "")
	}
	for i, f := range fields {
		if f == "" || strings.Trim(f, "0123456789") != "" {
			return nil, badSpec(spec, "")
		}
		v, err := strconv.Atoi(f)
		if err != nil || v > maxCPUs {
			return nil, badSpec(spec, fmt.Sprintf("more than %d CPUs", maxCPUs))
		}
		n[i] = v
		if n[i] < 1 {
			return nil, badSpec(spec, "sockets, cores and threads must each be at least 1")
		}
	}
	if total := n[0] * n[1] * n[2]; total > maxCPUs {
		return nil, badSpec(spec, fmt.Sprintf("%d CPUs, more than %d", total, maxCPUs))
	}
	t := uniform(n[0], n[1], n[2])
	t.Simulated = true
	t.Source = Env + "=" + spec
	return t, nil
}

func badSpec(spec, why string) error {
	if why == "" {
		why = "want SOCKETSxCORESxTHREADS, e.g. 2x8x2"
	}
	return fmt.Errorf("topo: bad %s %q: %s", Env, clip(spec), why)
}

// clip cuts a value echoed into an error message to a sensible length.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
