package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"npbgo/harness"
)

func init() {
	register(command{"compare", "set a sweep beside Fortran NPB logs: times, ratios, both speedup curves", "[-reference DIR] [RUNDIR]", cmdCompare})
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
