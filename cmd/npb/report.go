package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"npbgo/harness"
)

// cmdReport reads a sweep (raw.csv, env.json, the logs) and writes its
// tables and plots again; it never writes what it reads, so a sweep on a
// read-only disk still reports, on stdout.
func cmdReport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("out", "", "directory to write the tables and plots into (default: the sweep's own)")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one sweep directory, e.g. 'npb report results/2026-11-22T1530-host-A'")
	}
	s, notes, err := harness.OpenSweep(pos[0])
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "npb report: %s\n", n)
	}
	s.Model = harness.KernelModel(s.Env)
	dir, readOnly, err := s.Report(*out, stdout)
	if readOnly {
		fmt.Fprintf(stderr, "npb report: %s is read-only: the tables are on stdout only (-out DIR writes them elsewhere)\n", s.Dir)
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "npb report: %d of %d runs; tables and plots written in %s\n", len(s.Runs), s.Total, dir)
	return nil
}

// defaultReference is where the Fortran logs of this machine are kept.
var defaultReference = filepath.Join("results", "reference", "fortran")

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	ref := fs.String("reference", "", "directory of Fortran NPB logs (default: the sweep's own Fortran runs if it made any, else "+defaultReference+")")
	results := fs.String("results", "results", "where to look for the newest sweep when RUNDIR is not given")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("want at most one sweep directory, have %d", len(pos))
	}
	var dir string
	if len(pos) == 1 {
		dir = pos[0]
	} else if dir, err = harness.NewestSweep(*results); err != nil {
		return err
	}
	c, err := harness.CompareSweep(dir, *ref, defaultReference)
	if err != nil {
		return err
	}
	stdout.Write(c.Markdown())
	if err := c.Write(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "npb compare: wrote %s and its plots (compare-speedup, compare-ratio: .svg and .png) in %s\n", filepath.Join(dir, "compare.md"), dir)
	return nil
}
