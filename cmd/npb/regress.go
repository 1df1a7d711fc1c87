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
	"time"

	"npbgo/harness/regress"
)

// cmdRegress is `npb regress`: see package npbgo/harness/regress for what
// is measured and how the baseline is refreshed.
func cmdRegress(args []string, stdout, stderr io.Writer) error {
	r := regress.Request{Args: append([]string{"npb", "regress"}, args...)}
	fs := flag.NewFlagSet("regress", flag.ContinueOnError)
	fs.StringVar(&r.Baseline, "baseline", "", "the stored samples to check against (the check without -ab or -fortran-bin), e.g. results/baseline/baseline.json")
	fs.StringVar(&r.Class, "class", regress.Class.String(), "NPB class of the kernels")
	fs.IntVar(&r.Reps, "reps", 15, "samples per (workload, places) point")
	fs.BoolVar(&r.Update, "update", false, "measure and rewrite the baseline instead of checking against it")
	fs.StringVar(&r.Kernels, "kernels", "all", "comma-separated kernels and places workloads ("+strings.Join(regress.PlacesWorkloads, ",")+"), or all")
	fs.StringVar(&r.Places, "places", "1,2", "comma-separated place counts")
	fs.Float64Var(&r.Threshold, "threshold", 0.10, "a regression is a median ratio at least this much slower (0.10 = 10%) …")
	fs.Float64Var(&r.Alpha, "alpha", 0.01, "… with a Mann-Whitney U test p value below alpha")
	fs.DurationVar(&r.MinSample, "min-sample", 50*time.Millisecond, "repeat short kernel runs and primitives until one sample lasts this long")
	fs.StringVar(&r.Out, "out", "", "also write this run's samples (baseline format) to this file")
	fs.BoolVar(&r.Confirm, "confirm", true, "re-measure points that look like regressions and fail only if the second measurement agrees")
	fs.StringVar(&r.AB, "ab", "", "A/B mode: compare this tree's npb with OLD, another npb executable (the baseline's commit, built by make regress), run interleaved in one sitting, instead of with the stored baseline's samples; -kernels may give a class per kernel as name/CLASS")
	fs.StringVar(&r.FortranBin, "fortran-bin", "", "A/B mode against Fortran: instead of -ab OLD, the old side is NPB's reference binaries in this directory (cg.B.x …, OMP_NUM_THREADS = places), so the ratios are Go ÷ Fortran")
	fs.Float64Var(&r.Confidence, "confidence", 0.95, "A/B mode: a regression's interval of the median pair ratio, at this level, lies above 1")
	fs.StringVar(&r.Inject, "inject-slowdown", "", "TESTING ONLY: name=factor[,name=factor] makes a workload factor× slower by busy-waiting inside the measured interval, to show the detector fires")
	if err := parseNoArgs(fs, args, stdout, " (kernels go in -kernels)"); err != nil {
		return err
	}
	check, err := r.Checker(stderr)
	if err != nil {
		return badInput(err)
	}
	return runCheck(check, stdout)
}

// cmdWork is `npb work`: see harness/regress/work.go.
func cmdWork(args []string, stdout, stderr io.Writer) error {
	r := regress.WorkRequest{Revision: vcsRevision()}
	fs := flag.NewFlagSet("work", flag.ContinueOnError)
	fs.StringVar(&r.Baseline, "baseline", "", "work baseline file (required), e.g. results/baseline/work.json")
	fs.BoolVar(&r.Update, "update", false, "count and rewrite the baseline instead of checking against it")
	fs.StringVar(&r.Class, "class", "S", "NPB class of the kernels")
	fs.StringVar(&r.Kernels, "kernels", "all", "comma-separated kernels, or all (the message-passing forms too)")
	fs.StringVar(&r.Places, "places", "S", "in-process ranks of the message-passing forms (K-mpi), or S; the shared-memory kernels are counted at the serial point")
	fs.Float64Var(&r.Threshold, "threshold", 0.02, "a regression is an instruction count this much higher (0.02 = 2%)")
	fs.BoolVar(&r.Cache, "cache", false, "also simulate the caches (D1 and last-level misses; about twice as slow)")
	fs.IntVar(&r.Repeat, "repeat", 1, "count each kernel this many times and report the spread")
	if err := parseNoArgs(fs, args, stdout, " (kernels go in -kernels)"); err != nil {
		return err
	}
	check, err := r.Checker(stderr)
	if err != nil {
		return badInput(err)
	}
	return runCheck(check, stdout)
}

// runCheck runs a check until SIGINT or SIGTERM. One that ran and did not
// pass exits 1, its report already printed; a kernel that refused its
// input (exit status 2) is bad input here too.
func runCheck(check regress.Runner, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := check.Run(ctx, stdout)
	if errors.Is(err, regress.ErrRegression) {
		return errFailed
	}
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == 2 {
		return usageError{err.Error()}
	}
	return err
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
