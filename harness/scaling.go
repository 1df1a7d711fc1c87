package harness

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"npbgo/harness/peak"
)

// Scaling is one measurement of the machine probe (npb probe): the
// calibration workload of the regression check timed at one place count,
// just before or just after a sweep's runs. Memory is a triad over arrays
// far larger than the last-level cache, split among the places; Compute is
// the same cache-resident floating-point work on every place. Their scaling
// is the ceiling this machine allows a memory-bound and a compute-bound
// kernel at that moment: a kernel's speedup is read against it, not against
// the place count alone. On a shared or virtual machine both fall short of
// ideal (clock boost for one busy core, a neighbour's memory traffic), and
// they move between sweeps.
type Scaling struct {
	When    string  `json:"when"` // "before" or "after" the runs, or "now"
	Places  int     `json:"places"`
	Memory  float64 `json:"memory_seconds"`
	Compute float64 `json:"compute_seconds"`
	// Other and Steal are the CPUs other processes used and the
	// hypervisor took, on average while this point was measured (the
	// machine's CPU accounting, /proc/stat, less the probe's own);
	// LoadKnown says they were read.
	Other     float64 `json:"other_cpus"`
	Steal     float64 `json:"steal_cpus"`
	LoadKnown bool    `json:"load_known"`
	// MemoryGBs is the triad's bandwidth in GB/s (10⁹ B/s, 24 B per
	// element as STREAM counts). ComputeGFlops is the machine's
	// floating-point peak over all places in GFLOP/s, measured apart from
	// Compute (harness/peak: independent FMA chains in registers on every
	// place, the roof of the roofline), and ComputeKind which peak:
	// peak.Vector or peak.Scalar. Zero when not measured (an env.json from
	// before they were kept); ComputeKind is empty in an env.json from
	// before the peak was measured apart, whose ComputeGFlops is the
	// Compute part's rate, scalar and partly latency-bound.
	MemoryGBs     float64 `json:"memory_gb_s,omitempty"`
	ComputeGFlops float64 `json:"compute_gflop_s,omitempty"`
	ComputeKind   string  `json:"compute_kind,omitempty"`
}

// peakKind is the ComputeKind of the probe's GFLOP/s in sc, and how the
// roofline labels it.
func peakKind(sc []Scaling) (kind, label string) {
	for _, p := range sc {
		if p.ComputeGFlops > 0 {
			kind = p.ComputeKind
		}
	}
	switch kind {
	case peak.Vector, peak.Scalar:
		return kind, kind + " peak"
	}
	return kind, "scalar code"
}

// ScalingProbe measures the probe at each place count (1 and up).
type ScalingProbe func(places []int) ([]Scaling, error)

// ProbePlaces are the place counts the probe measures for a list of them
// (S = 0 allowed): every count of 1 or more, and 1 itself, the base of the
// speedups, in increasing order.
func ProbePlaces(places []int) []int {
	ps := []int{1}
	for _, n := range places {
		if n >= 1 && !slices.Contains(ps, n) {
			ps = append(ps, n)
		}
	}
	slices.Sort(ps)
	return ps
}

// probe runs s.Probe, if any, and keeps its points in env.json marked
// when. A failed probe is a note in env.json, not a failed sweep.
func (s *Sweep) probe(when string) {
	if s.Probe == nil || s.Env == nil {
		return
	}
	sc, err := s.Probe(ProbePlaces(s.Plan.Places))
	if err != nil {
		s.Env.ScalingError = err.Error()
		return
	}
	for _, p := range sc {
		p.When = when
		s.Env.Scaling = append(s.Env.Scaling, p)
	}
}

// WriteScaling writes the machine probe's section of speedup.md: the
// speedup of the memory part and the throughput scaling of the compute
// part at each place count, before and after the runs.
func WriteScaling(w io.Writer, sc []Scaling) {
	if len(sc) == 0 {
		return
	}
	var places []int
	var whens []string
	for _, p := range sc {
		if !slices.Contains(places, p.Places) {
			places = append(places, p.Places)
		}
		if !slices.Contains(whens, p.When) {
			whens = append(whens, p.When)
		}
	}
	slices.Sort(places)
	find := func(when string, np int) (Scaling, bool) {
		i := slices.IndexFunc(sc, func(p Scaling) bool { return p.When == when && p.Places == np })
		if i < 0 {
			return Scaling{}, false
		}
		return sc[i], true
	}
	header := []string{"probe", "when"}
	for _, np := range places {
		header = append(header, strconv.Itoa(np))
	}
	var rows [][]string
	worst, worstNP := 1.0, 0 // lowest compute efficiency seen
	known := true
	var other, steal float64 // the most seen at any point
	for _, p := range sc {
		known = known && p.LoadKnown
		other, steal = max(other, p.Other), max(steal, p.Steal)
	}
	for _, part := range []string{"memory", "compute"} {
		for _, when := range whens {
			row := []string{part, when}
			one, ok1 := find(when, 1)
			for _, np := range places {
				p, ok := find(when, np)
				x := 0.0
				if ok && ok1 {
					if part == "memory" && p.Memory > 0 {
						x = one.Memory / p.Memory
					} else if part == "compute" && p.Compute > 0 {
						x = float64(np) * one.Compute / p.Compute
					}
				}
				cell := "-"
				if x > 0 {
					cell = fmtRatio(x)
				}
				if part == "compute" && x > 0 && x/float64(np) < worst {
					worst, worstNP = x/float64(np), np
				}
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
	}
	// The same points in absolute units, where the probe gave them; the
	// GFLOP/s are the peak's (apart from the compute row) but in an
	// env.json from before it was measured.
	fpRow := "compute GFLOP/s"
	if kind, label := peakKind(sc); kind != "" {
		fpRow = label + " GFLOP/s"
	}
	for _, part := range []string{"memory GB/s", fpRow} {
		for _, when := range whens {
			row, any := []string{part, when}, false
			for _, np := range places {
				p, _ := find(when, np)
				x := p.MemoryGBs
				if part != "memory GB/s" {
					x = p.ComputeGFlops
				}
				cell := "-"
				if x > 0 {
					cell, any = fmtSpread(x), true
				}
				row = append(row, cell)
			}
			if any {
				rows = append(rows, row)
			}
		}
	}
	when := "Measured by `npb probe`"
	if slices.Contains(whens, "before") || slices.Contains(whens, "after") {
		when = "Measured by `npb probe` just before and just after the runs"
	}
	fmt.Fprintln(w, "\n## This machine's ceiling: the calibration workload's scaling")
	fmt.Fprintf(w, "\n%s (fastest of several tries, taken in turn across the place counts): memory = time at 1 place ÷ time at N of a triad over 3 × 32 MiB split among the places; compute = N × time at 1 ÷ time at N of the same L1-resident floating-point work on every place. A kernel cannot be expected to scale better than the part it is bound by. In absolute units: the triad's GB/s (24 B per element, as STREAM counts) and %s.\n", when, peakText(sc))
	fmt.Fprintln(w)
	table(w, header, rows)
	// Work that needs no memory at all should scale to N. When it does
	// not, either other work took the cores (the CPU accounting sees it),
	// or the machine itself does not run N places at full speed at once
	// (SMT siblings, the clock of a busier chip, a VM's vCPUs on shared
	// host cores): the second is no reason to rerun, and no one else's
	// fault.
	if worst >= busyEfficiency {
		return
	}
	head := fmt.Sprintf("\nThe compute probe reached only %.0f%% of ideal at %d places", 100*worst, worstNP)
	switch {
	case !known:
		fmt.Fprintf(w, "%s; whether other work ran meanwhile was not recorded. Read the kernels' speedups against this row rather than against N, and rerun when `npb probe` shows compute close to N.\n", head)
	case other+steal >= (1-busyEfficiency)*float64(worstNP):
		// Enough other work to cost the probe what it lost.
		fmt.Fprintf(w, "%s while other processes used up to %.2f CPUs and the hypervisor took %.2f: Speedups measured meanwhile are lower bounds: rerun when `npb probe` shows compute close to N on a quieter machine.\n",
			head, other, steal)
	default:
		fmt.Fprintf(w, "%s with no other work seen (other processes used at most %.2f CPUs, the hypervisor took %.2f): this machine does not run %d places at full speed at once (SMT siblings sharing a core, a lower clock with more cores busy, a VM's vCPUs on shared host cores), so read the kernels' speedups against this row rather than against %[4]d.\n",
			head, other, steal, worstNP)
	}
}

// peakText says what the GFLOP/s row of WriteScaling measures.
func peakText(sc []Scaling) string {
	const chains = "the floating-point peak over all places: independent FMA chains in registers on every place at once, "
	switch kind, _ := peakKind(sc); kind {
	case peak.Vector:
		return chains + "on 256-bit vectors (the chip's vector peak, which Fortran built with -march=native can approach; scalar code reaches a quarter of it at most)"
	case peak.Scalar:
		return chains + "on single float64 (the peak of scalar code; this build or CPU has no vector probe, so vector code, such as Fortran built with -march=native, can pass it)"
	}
	return "the compute part's GFLOP/s over all places (scalar code, half of it latency-bound: not the chip's peak)"
}

// busyEfficiency is the compute probe's efficiency below which a sweep is
// flagged as run on a busy machine.
const busyEfficiency = 0.9
