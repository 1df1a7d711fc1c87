package topo

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Describe writes a human-readable summary of t — model, layout, NUMA
// nodes, caches, features, source — and the CPU each of np places gets
// under pol (np == 0: the serial run's one place). It is what `npb topo`
// prints.
func (t *Topology) Describe(w io.Writer, np int, pol Policy) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	defer func() { tw.Flush() }() // tw is replaced for the place table
	line := func(key, format string, args ...any) {
		fmt.Fprintf(tw, "%s\t%s\n", key, fmt.Sprintf(format, args...))
	}
	line("model", "%s", t.ModelName)
	line("layout", "%s × %s × %s = %s",
		plural(t.Sockets, "socket"), plural(t.Cores, "core"), plural(t.Threads, "thread"), plural(t.NumCPU(), "CPU"))
	for i, n := range t.Nodes {
		key := ""
		if i == 0 {
			key = "NUMA"
		}
		list := formatCPUList(n.CPUs)
		if list == "" {
			list = "no CPUs"
		}
		line(key, "node%d: %s", n.ID, list)
	}
	c := t.Cache
	line("caches", "L1d %s, L2 %s, L3 %s, line %s", size(c.L1D), size(c.L2), size(c.L3), size(c.Line))
	line("features", "%s", strings.Join(t.Features, " "))
	if t.Allowed != nil {
		line("allowed", "%s (this process's CPU affinity mask; places use only these)", formatCPUList(t.Allowed))
	}
	if t.Simulated {
		line("source", "%s (simulated: places are not pinned)", t.Source)
	} else {
		line("source", "%s", t.Source)
	}

	what := plural(np, "place")
	if np == 0 {
		what = "serial (1 place)"
	}
	cpus, err := t.Assign(np, pol)
	switch {
	case err != nil:
		line("places", "%s, %s: %v", what, pol, err)
		return
	case cpus == nil:
		line("places", "%s, %s: not pinned", what, pol)
		return
	case len(cpus) > t.NumAllowed():
		line("places", "%s, %s (oversubscribed: %d places on %s)", what, pol, len(cpus), plural(t.NumAllowed(), "CPU"))
	default:
		line("places", "%s, %s", what, pol)
	}
	tw.Flush()

	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "place\tcpu\tsocket\tcore\tthread\tnode\t")
	for p, id := range cpus {
		c, _ := t.CPU(id)
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t\n", p, id, c.Socket, c.Core, c.Thread, c.Node)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// size formats a byte count in the largest binary unit that divides it.
func size(b int) string {
	switch {
	case b <= 0:
		return "?"
	case b%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", b>>30)
	case b%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", b>>20)
	case b%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", b>>10)
	}
	return fmt.Sprintf("%d B", b)
}
