package main

import (
	"flag"
	"fmt"
	"io"

	"npbgo/harness"
)

func init() {
	register(command{"report", "write a sweep's tables and plots again from its raw.csv and logs (no runs)", "RUNDIR", cmdReport})
}

func cmdReport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
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
	if err := s.WriteOutputs(); err != nil {
		return err
	}
	printTables(s, stdout)
	fmt.Fprintf(stderr, "npb report: %d of %d runs; tables and plots written in %s\n", len(s.Runs), s.Total, s.Dir)
	return nil
}
