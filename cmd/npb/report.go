package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"npbgo/harness"
)

func init() {
	register(command{"report", "write a sweep's tables and plots again from its raw.csv and logs (no runs)", "RUNDIR", cmdReport})
}

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
	s.Model = workModel(s.Env)
	dir := s.Dir
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("cannot create %s: %w", *out, err)
		}
		dir = *out
	}
	err = s.WriteTables(dir)
	if err != nil && *out == "" && harness.IsReadOnly(err) {
		fmt.Fprintf(stderr, "npb report: %s is read-only: the tables are on stdout only (-out DIR writes them elsewhere)\n", s.Dir)
		return s.PrintTables(stdout)
	}
	if err != nil {
		return err
	}
	if err := s.PrintTables(stdout); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "npb report: %d of %d runs; tables and plots written in %s\n", len(s.Runs), s.Total, dir)
	return nil
}
