package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"slices"
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
	var base *regress.WorkBaseline
	if !*update {
		if base, err = regress.LoadWork(*baseline); err != nil {
			return err
		}
		gv, build := regress.BuildID()
		if base.GoVersion != gv || base.Build != build {
			return fmt.Errorf("baseline %s was counted with %s [%s], this npb is %s [%s]: counts differ between builds; refresh it with -update",
				*baseline, base.GoVersion, base.Build, gv, build)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var counts []regress.WorkCount
	for _, pt := range points {
		var ins []uint64
		var w regress.WorkCount
		for range *repeat {
			if w, err = regress.CountWork(ctx, exe, pt.Name, pt.Class, pt.Places, *cache); err != nil {
				if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == 2 {
					return usageError{err.Error()}
				}
				return err
			}
			ins = append(ins, w.Instructions)
		}
		lo, hi := slices.Min(ins), slices.Max(ins)
		line := fmt.Sprintf("%-12s %14d instructions", w.Key(), w.Instructions)
		if *repeat > 1 {
			line += fmt.Sprintf("  (%d runs: %d–%d, spread %.4f%%)", *repeat, lo, hi, 100*float64(hi-lo)/float64(lo))
		}
		if *cache {
			line += fmt.Sprintf("  D1 misses %d, LL misses %d", w.D1Misses, w.LLMisses)
		}
		fmt.Fprintln(stderr, line)
		counts = append(counts, w)
	}
	if *update {
		// Points not counted now keep their old counts when the old file
		// is of the same build (-kernels is re-counts one kernel).
		var kept []regress.WorkCount
		if old, err := regress.LoadWork(*baseline); err == nil {
			gv, build := regress.BuildID()
			if old.GoVersion == gv && old.Build == build && old.CacheSim == *cache {
				kept = old.Counts
			}
		}
		counts = mergeWork(counts, kept)
		nb := regress.NewWorkBaseline(counts, *cache, vcsRevision())
		if err := nb.Save(*baseline); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "work: wrote %s (%d kernels)\n", *baseline, len(counts))
		return nil
	}
	failed := 0
	for _, v := range regress.CompareWork(base, counts, *threshold) {
		switch {
		case v.Missing:
			fmt.Fprintf(stdout, "%-12s %14d  not in the baseline\n", v.Key, v.Now)
		case v.Regression:
			failed++
			fmt.Fprintf(stdout, "%-12s %14d  %+.2f%% over %d  MORE WORK\n", v.Key, v.Now, 100*v.Change, v.Base)
		default:
			fmt.Fprintf(stdout, "%-12s %14d  %+.2f%%  ok\n", v.Key, v.Now, 100*v.Change)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d kernel(s) do more than %.0f%% more work than the baseline (refresh it with -update if that is intended)", failed, 100**threshold)
	}
	fmt.Fprintf(stdout, "work: %d kernels within %.0f%% of the baseline\n", len(counts), 100**threshold)
	return nil
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

// mergeWork adds to counts the old counts of the points not counted now,
// and sorts them in NPB order, each kernel's place counts rising.
func mergeWork(counts, old []regress.WorkCount) []regress.WorkCount {
	for _, w := range old {
		if !slices.ContainsFunc(counts, func(n regress.WorkCount) bool { return n.Key() == w.Key() }) {
			counts = append(counts, w)
		}
	}
	slices.SortStableFunc(counts, func(a, b regress.WorkCount) int {
		if c := npb.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return a.Places - b.Places
	})
	return counts
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
