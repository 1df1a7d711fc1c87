package topo

import (
	"fmt"
	"slices"
	"strings"
)

// Policy says how places are mapped to CPUs.
type Policy string

const (
	// Compact fills socket 0's physical cores (one thread per core), then
	// socket 1's, and only then the SMT siblings: neighbouring places share
	// a socket's caches and memory controller.
	Compact Policy = "compact"
	// Spread alternates sockets (place 0 on socket 0, place 1 on socket 1,
	// place 2 on socket 0's next core, …), physical cores before SMT
	// siblings: even a few places use every socket's memory bandwidth.
	Spread Policy = "spread"
	// None leaves places unpinned; the Go scheduler and the OS decide.
	None Policy = "none"
)

// ParsePolicy returns the policy named s ("compact", "spread" or "none",
// in any case).
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(strings.ToLower(strings.TrimSpace(s))); p {
	case Compact, Spread, None:
		return p, nil
	}
	return "", fmt.Errorf("topo: unknown placement policy %q: want compact, spread or none", clip(s))
}

// Assign returns, for each of np places, the CPU id it should run on under
// pol; nil for None. np == 0 means the serial run, which has one place (0).
//
// Only the CPUs in t.Allowed are used, when that is set. More places than
// CPUs is allowed (oversubscription): the mapping wraps around, so place
// NumAllowed() shares the CPU of place 0, and so on.
func (t *Topology) Assign(np int, pol Policy) ([]int, error) {
	if np < 0 {
		return nil, fmt.Errorf("topo: %d places: want at least 1 (or 0 for serial)", np)
	}
	order, err := t.order(pol)
	if err != nil || order == nil {
		return nil, err
	}
	np = max(np, 1)
	cpus := make([]int, np)
	for i := range cpus {
		cpus[i] = order[i%len(order)]
	}
	return cpus, nil
}

// order lists every CPU in the order pol hands them out; nil for None.
func (t *Topology) order(pol Policy) ([]int, error) {
	switch pol {
	case Compact, Spread:
	case None:
		return nil, nil
	default:
		return nil, fmt.Errorf("topo: unknown placement policy %q: want compact, spread or none", string(pol))
	}
	if len(t.CPUs) == 0 {
		return nil, fmt.Errorf("topo: no CPUs to place on")
	}
	// grid[(th*Sockets+s)*Cores+c] is the CPU at that position, or -1 where
	// the machine is not uniform (a core without SMT, a smaller socket).
	S, C, T := t.Sockets, t.Cores, t.Threads
	grid := make([]int, S*C*T)
	for i := range grid {
		grid[i] = -1
	}
	for _, c := range t.CPUs {
		if c.Socket < 0 || c.Socket >= S || c.Core < 0 || c.Core >= C || c.Thread < 0 || c.Thread >= T {
			return nil, fmt.Errorf("topo: CPU %d at socket %d core %d thread %d is outside %dx%dx%d",
				c.ID, c.Socket, c.Core, c.Thread, S, C, T)
		}
		if t.Allowed == nil || slices.Contains(t.Allowed, c.ID) {
			grid[(c.Thread*S+c.Socket)*C+c.Core] = c.ID
		}
	}
	order := make([]int, 0, len(t.CPUs))
	add := func(th, s, c int) {
		if id := grid[(th*S+s)*C+c]; id >= 0 {
			order = append(order, id)
		}
	}
	for th := range T {
		if pol == Compact {
			for s := range S {
				for c := range C {
					add(th, s, c)
				}
			}
		} else {
			for c := range C {
				for s := range S {
					add(th, s, c)
				}
			}
		}
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("topo: none of the allowed CPUs %v is online", t.Allowed)
	}
	return order, nil
}

// Pinning is the CPUs np places are pinned to under the policy pol on
// this machine: the one rule npb run, the harness and the regression
// check share. It is nil for None and for a simulated topology (shown,
// never pinned to); note then says why places are not pinned.
func Pinning(np int, pol Policy) (cpus []int, note string, err error) {
	if _, err := ParsePolicy(string(pol)); err != nil || pol == None {
		return nil, "", err
	}
	t, err := Detect()
	if err != nil {
		return nil, "", err
	}
	if t.Simulated {
		return nil, fmt.Sprintf("topology simulated by %s: places are not pinned", t.Source), nil
	}
	cpus, err = t.Assign(np, pol)
	return cpus, "", err
}
