package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"npbgo/harness/regress"
	"npbgo/npb"
)

func init() {
	register(command{"work", "deterministic work gate: instruction counts of each kernel's timed region under callgrind", "-baseline FILE [-update] [-places N|S] [-cache] [flags]", cmdWork})
}

// cmdWork is `npb work`: see harness/regress/work.go.
func cmdWork(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("work", flag.ContinueOnError)
	baseline := fs.String("baseline", "", "work baseline file (required), e.g. results/baseline/work.json")
	update := fs.Bool("update", false, "count and rewrite the baseline instead of checking against it")
	class := fs.String("class", "S", "NPB class of the kernels")
	kernels := fs.String("kernels", "all", "comma-separated kernels, or all (the message-passing forms too)")
	placesFlag := fs.String("places", "S", "in-process ranks of the message-passing forms (K-mpi), or S; the shared-memory kernels are counted at the serial point")
	threshold := fs.Float64("threshold", 0.02, "a regression is an instruction count this much higher (0.02 = 2%)")
	cache := fs.Bool("cache", false, "also simulate the caches (D1 and last-level misses; about twice as slow)")
	repeat := fs.Int("repeat", 1, "count each kernel this many times and report the spread")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (kernels go in -kernels)", npb.Clip(pos[0]))
	}
	if *baseline == "" {
		return usagef("-baseline FILE is required")
	}
	c, err := npb.ParseClass(*class)
	if err != nil {
		return usageError{err.Error()}
	}
	if !(*threshold > 0 && *threshold < 10) {
		return usagef("bad -threshold %g: want a fraction such as 0.02", *threshold)
	}
	if *repeat < 1 {
		return usagef("bad -repeat %d: want at least 1", *repeat)
	}
	np, err := parsePlaceCount(*placesFlag)
	if err != nil {
		return err
	}
	points, err := workPoints(*kernels, c, np)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	check := regress.WorkCheck{Points: points, Exe: exe, Baseline: *baseline, Update: *update, Threshold: *threshold,
		Cache: *cache, Repeat: *repeat, Revision: vcsRevision(), Progress: stderr}
	err = check.Run(ctx, stdout)
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == 2 {
		return usageError{err.Error()}
	}
	return err
}

// workPoints expands -kernels into what the gate counts: a shared-memory
// kernel at the serial point, a message-passing form (Kernel.Ranks) on np
// in-process ranks (np = 0, S, runs it as one rank on the serial point).
// "all" is every kernel that has class c, in NPB order.
func workPoints(list string, c npb.Class, np int) ([]regress.WorkCount, error) {
	var cs []npb.Choice
	if strings.EqualFold(strings.TrimSpace(list), "all") {
		for _, n := range npb.Names() {
			if k, _ := npb.Lookup(n); k.CheckClass(c) == nil {
				cs = append(cs, npb.Choice{Name: n, Class: c})
			}
		}
		if len(cs) == 0 {
			return nil, usagef("no kernel has class %s (have %s)", c, strings.Join(npb.Names(), ", "))
		}
	} else {
		var err error
		if cs, err = npb.Select(list, c); err != nil {
			return nil, badInput(err)
		}
	}
	pts := make([]regress.WorkCount, len(cs))
	for i, ch := range cs {
		pts[i] = regress.WorkCount{Name: ch.Name, Class: ch.Class}
		if k, _ := npb.Lookup(ch.Name); k.Ranks {
			pts[i].Places = np
		}
	}
	return pts, nil
}

// vcsRevision is the commit the binary was built from, if known.
func vcsRevision() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return ""
}
