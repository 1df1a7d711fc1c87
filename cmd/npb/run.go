package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"npbgo/harness"
	"npbgo/npb"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

func init() {
	register(command{"run", "run one benchmark and print the NPB report", "<kernel> [-class C] [-places N|S] [-pin compact|spread|none] [-json]", cmdRun})
	register(command{"list", "list the kernels and their classes", "", cmdList})
}

// parsePlaces reads the place count of a run: "S" (serial, 0) or a
// positive integer up to harness.MaxPlaces.
func parsePlaces(s string) (int, error) {
	n, err := parsePlaceCount(s)
	if err == nil {
		if err := harness.CheckPlaces(n); err != nil {
			return 0, usagef("bad place count %d: %v", n, err)
		}
	}
	return n, err
}

// parsePlaceCount reads a place count: "S" (serial, 0) or a positive
// integer up to the most a group may have.
func parsePlaceCount(s string) (int, error) {
	if strings.EqualFold(s, "S") || strings.EqualFold(s, "serial") {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, usagef("bad place count %q: want S or a positive integer", npb.Clip(s))
	}
	if n <= 0 {
		return 0, usagef("bad place count %d: want S (serial) or a positive integer", n)
	}
	if n > places.MaxPlaces {
		return 0, usagef("bad place count %d: at most %d places", n, places.MaxPlaces)
	}
	return n, nil
}

// Record is what `npb run -json` prints: the result and the facts about
// the process a harness needs beside it.
type Record struct {
	npb.Result
	GoVersion  string `json:"go_version"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	NumCPU     int    `json:"num_cpu"`
	CPUs       []int  `json:"cpus,omitempty"` // the CPU each place was pinned to
	PeakRSSKiB int64  `json:"peak_rss_kib"`
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	class := fs.String("class", "S", "problem class: S W A B C …")
	placesFlag := fs.String("places", "1", "number of places, or S for the serial point")
	pin := fs.String("pin", "", "placement: compact, spread or none (default: the kernel's)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout; the NPB report goes to stderr")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want exactly one kernel name, e.g. 'npb run cg -class A' (have %s)", strings.Join(npb.Names(), ", "))
	}
	k, err := npb.Lookup(pos[0])
	if err != nil {
		return usageError{err.Error()}
	}
	c, err := npb.ParseClass(*class)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := k.CheckClass(c); err != nil {
		return usageError{err.Error()}
	}
	if v := comm.Launcher(); v != "" && !mpiBuild {
		return usagef("started by mpirun (%s is set), but this npb has no MPI: every rank would run %s alone; build the MPI one with make build MPI=1", v, k.Name)
	}
	if job, finalize, err := joinJob(); err != nil || job != nil {
		if err != nil {
			return err
		}
		return runJob(job, finalize, k, c, *placesFlag, *asJSON, stdout, stderr)
	}
	np, err := parsePlaces(*placesFlag)
	if err != nil {
		return err
	}
	if err := checkMemory(k, c, np, 0); err != nil {
		return err
	}
	policy := k.Pin
	if *pin != "" {
		policy = *pin
	}
	pol, err := topo.ParsePolicy(policy)
	if err != nil {
		return usageError{err.Error()}
	}
	cpus, note, err := topo.Pinning(np, string(pol))
	if err != nil {
		return usageError{err.Error()} // NPB_TOPOLOGY, as npb topo reads it
	}
	report, out := stdout, stdout
	if *asJSON {
		report, out = stderr, stderr
	}
	if note != "" {
		fmt.Fprintln(stderr, "npb run: note:", note)
	}
	if note := harness.PlacesNote(np); note != "" {
		fmt.Fprintln(stderr, "npb run: note:", note)
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	r, err := k.Run(npb.Config{Class: c, Places: np, CPUs: cpus, Out: w})
	if err != nil {
		return runError(err)
	}
	r.Pin = string(pol)
	w.Flush()
	r.Report(report)
	if *asJSON {
		rec := Record{Result: *r, GoVersion: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0),
			NumCPU: runtime.NumCPU(), CPUs: cpus, PeakRSSKiB: peakRSSKiB()}
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	}
	if !r.Verified {
		return errFailed
	}
	return nil
}

func peakRSSKiB() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss // kilobytes on Linux
}

// checkMemory refuses, before anything is allocated, a class whose
// estimated footprint (npb.Kernel.Footprint) exceeds what may still be
// taken here (harness.CheckMemory): the footprint of one process on n
// places or in-process ranks (procs 0), or, under mpirun, that of procs
// processes of one rank each, the ranks of the job on this machine.
func checkMemory(k npb.Kernel, c npb.Class, n, procs int) error {
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
	if err := harness.CheckMemory(what, need); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// gib writes a byte count in GiB, as harness.CheckMemory does.
func gib(b int64) string { return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30)) }

func cmdList(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	fmt.Fprintf(stdout, "%-6s %-10s %s\n", "kernel", "classes", "default pin")
	for _, n := range npb.Names() {
		k, _ := npb.Lookup(n)
		fmt.Fprintf(stdout, "%-6s %-10s %s\n", n, k.Classes(), k.Pin)
	}
	return nil
}
