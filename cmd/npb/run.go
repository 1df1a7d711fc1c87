package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"npbgo/harness"
	"npbgo/harness/regress"
	"npbgo/npb"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// parsePlaces reads the place count of a run, within what this machine
// may run (harness.ParseCount).
func parsePlaces(s string) (int, error) {
	n, err := harness.ParseCount(s)
	return int(n), badInput(err)
}

// parsePlaceCount reads a place count: S or 1 to places.MaxPlaces.
func parsePlaceCount(s string) (int, error) {
	n, err := places.ParseCount(s)
	return int(n), badInput(err)
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
	if err == nil {
		err = k.CheckClass(c)
	}
	if err != nil {
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
	return runHere(k, c, *placesFlag, *pin, *asJSON, stdout, stderr)
}

// runHere is `npb run` in this process alone: k at class c on the places
// and under the placement the flags give.
func runHere(k npb.Kernel, c npb.Class, placesFlag, pin string, asJSON bool, stdout, stderr io.Writer) error {
	np, err := parsePlaces(placesFlag)
	if err != nil {
		return err
	}
	if err := checkMemory(k, c, np, 0); err != nil {
		return err
	}
	pol := k.Pin
	if pin != "" {
		if pol, err = topo.ParsePolicy(pin); err != nil {
			return usageError{err.Error()}
		}
	}
	cpus, note, err := topo.Pinning(np, pol)
	if err != nil {
		return usageError{err.Error()} // NPB_TOPOLOGY, as npb topo reads it
	}
	if note != "" {
		fmt.Fprintln(stderr, "npb run: note:", note)
	}
	if note := harness.PlacesNote(np); note != "" {
		fmt.Fprintln(stderr, "npb run: note:", note)
	}
	report := reportTo(asJSON, stdout, stderr)
	w := bufio.NewWriter(report)
	defer w.Flush()
	r, err := k.Run(npb.Config{Class: c, Places: np, CPUs: cpus, Out: w})
	if err != nil {
		return runError(err)
	}
	r.Pin = string(pol)
	w.Flush()
	if err := printResult(r, cpus, asJSON, stdout, report); err != nil {
		return err
	}
	if !r.Verified {
		return errFailed
	}
	return nil
}

// reportTo is where a run's progress lines and report go: stdout, or
// stderr when stdout has the JSON record.
func reportTo(asJSON bool, stdout, stderr io.Writer) io.Writer {
	if asJSON {
		return stderr
	}
	return stdout
}

// printResult prints the NPB report of r on report and, with -json, its
// record on stdout.
func printResult(r *npb.Result, cpus []int, asJSON bool, stdout, report io.Writer) error {
	r.Report(report)
	if asJSON {
		return harness.NewRecord(r, cpus).WriteJSON(stdout)
	}
	return nil
}

// checkMemory is harness.CheckKernelMemory, a refusal being bad input.
func checkMemory(k npb.Kernel, c npb.Class, n, procs int) error {
	if err := harness.CheckKernelMemory(k, c, n, procs); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

func cmdList(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	check := fs.String("check", "", "print a check's kernel list instead, comma-separated: ab (make regress), stored (make regress-update) or mpi (the kernels with a message-passing form)")
	if err := parseNoArgs(fs, args, stdout, ""); err != nil {
		return err
	}
	if *check != "" {
		l, ok := regress.Lists(regress.Class)[*check]
		if !ok {
			return usagef("bad -check %q: want ab, stored or mpi", *check)
		}
		fmt.Fprintln(stdout, strings.Join(l, ","))
		return nil
	}
	fmt.Fprintf(stdout, "%-6s %-10s %s\n", "kernel", "classes", "default pin")
	for _, n := range npb.Names() {
		k, _ := npb.Lookup(n)
		fmt.Fprintf(stdout, "%-6s %-10s %s\n", n, k.Classes(), k.Pin)
	}
	return nil
}

func cmdTopo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("topo", flag.ContinueOnError)
	placesFlag := fs.String("places", "", "number of places to map (default: one per CPU)")
	pin := fs.String("pin", "compact", "placement: compact, spread or none")
	if err := parseNoArgs(fs, args, stdout, ""); err != nil {
		return err
	}
	pol, err := topo.ParsePolicy(*pin)
	if err != nil {
		return usageError{err.Error()}
	}
	t, err := topo.Detect()
	if err != nil {
		return usageError{err.Error()}
	}
	np := t.NumAllowed()
	if *placesFlag != "" {
		// Only a map: a simulated machine may have more CPUs than this one.
		if np, err = parsePlaceCount(*placesFlag); err != nil {
			return err
		}
	}
	t.Describe(stdout, np, pol)
	return nil
}
