package main

import (
	"errors"
	"flag"
	"io"
	"math"
	"npbgo/runtime/places"
	"strconv"
	"strings"
	"time"

	"npbgo/harness"
	"npbgo/harness/regress"
	"npbgo/npb"
)

func init() {
	register(command{"regress", "performance-regression check: this npb against another build (-ab), NPB's Fortran (-fortran-bin) or stored samples (-baseline)", "-ab OLD_NPB | -fortran-bin DIR | -baseline FILE [-update] [flags]", cmdRegress})
}

// cmdRegress is `npb regress`: see package npbgo/harness/regress for what
// is measured and how the baseline is refreshed.
func cmdRegress(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("regress", flag.ContinueOnError)
	baseline := fs.String("baseline", "", "the stored samples to check against (the check without -ab or -fortran-bin), e.g. results/baseline/baseline.json")
	class := fs.String("class", "W", "NPB class of the kernels")
	reps := fs.Int("reps", 15, "samples per (workload, places) point")
	update := fs.Bool("update", false, "measure and rewrite the baseline instead of checking against it")
	kernels := fs.String("kernels", "all", "comma-separated kernels and places workloads ("+strings.Join(regress.PlacesWorkloads, ",")+"), or all")
	placesFlag := fs.String("places", "1,2", "comma-separated place counts")
	threshold := fs.Float64("threshold", 0.10, "a regression is a median ratio at least this much slower (0.10 = 10%) …")
	alpha := fs.Float64("alpha", 0.01, "… with a Mann-Whitney U test p value below alpha")
	minSample := fs.Duration("min-sample", 50*time.Millisecond, "repeat short kernel runs and primitives until one sample lasts this long")
	out := fs.String("out", "", "also write this run's samples (baseline format) to this file")
	confirm := fs.Bool("confirm", true, "re-measure points that look like regressions and fail only if the second measurement agrees")
	ab := fs.String("ab", "", "A/B mode: compare this tree's npb with OLD, another npb executable (the baseline's commit, built by make regress), run interleaved in one sitting, instead of with the stored baseline's samples; -kernels may give a class per kernel as name/CLASS")
	fortranBin := fs.String("fortran-bin", "", "A/B mode against Fortran: instead of -ab OLD, the old side is NPB's reference binaries in this directory (cg.B.x …, OMP_NUM_THREADS = places), so the ratios are Go ÷ Fortran")
	confidence := fs.Float64("confidence", 0.95, "A/B mode: a regression's interval of the median pair ratio, at this level, lies above 1")
	inject := fs.String("inject-slowdown", "", "TESTING ONLY: name=factor[,name=factor] makes a workload factor× slower by busy-waiting inside the measured interval, to show the detector fires")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (kernels go in -kernels)", pos[0])
	}
	c, err := npb.ParseClass(*class)
	if err != nil {
		return usageError{err.Error()}
	}
	if *reps < 1 {
		return usagef("bad -reps %d: want at least 1", *reps)
	}
	if !(*threshold > 0) || *threshold >= 10 {
		return usagef("bad -threshold %g: want a fraction such as 0.10", *threshold)
	}
	if *ab != "" && *fortranBin != "" {
		return usagef("-ab and -fortran-bin are two kinds of old side: give one")
	}
	if *ab != "" || *fortranBin != "" {
		if *update || *inject != "" || *baseline != "" {
			return usagef("-ab or -fortran-bin cannot be used with -update, -inject-slowdown or -baseline")
		}
		if !(*confidence > 0.5 && *confidence < 1) {
			return usagef("bad -confidence %g: want 0.5 < confidence < 1", *confidence)
		}
		return regressAB(abConfig{old: *ab, fortranBin: *fortranBin, class: c, kernels: *kernels, places: *placesFlag, pairs: *reps,
			threshold: *threshold, confidence: *confidence, confirm: *confirm, out: *out}, stdout, stderr)
	}
	if *baseline == "" {
		return usagef("-baseline FILE (or -ab OLD) is required")
	}
	if !(*alpha > 0 && *alpha < 1) {
		return usagef("bad -alpha %g: want 0 < alpha < 1", *alpha)
	}
	if *minSample < 0 {
		return usagef("bad -min-sample %s", *minSample)
	}
	names, err := regressNames(*kernels, c)
	if err != nil {
		return err
	}
	pl, err := regressPlaces(*placesFlag)
	if err != nil {
		return err
	}
	inj, err := parseInject(*inject, names)
	if err != nil {
		return err
	}
	if len(inj) > 0 && *update {
		return usagef("-inject-slowdown cannot be used with -update")
	}

	check := regress.Check{Plan: regress.Plan{Class: c, Names: names, Places: pl, Reps: *reps, MinSample: *minSample, Inject: inj, Progress: stderr},
		Baseline: *baseline, Update: *update, Threshold: *threshold, Alpha: *alpha, Confirm: *confirm, Out: *out,
		Cmdline: append([]string{"npb", "regress"}, args...)}
	return verdict(check.Run(stdout))
}

// verdict makes a check that ran and did not pass exit with status 1,
// its report already printed.
func verdict(err error) error {
	if errors.Is(err, regress.ErrRegression) {
		return errFailed
	}
	return err
}

// regressNames reads -kernels (npb.Select): kernels of class c and the
// places workloads; "all" is every kernel that has c, then the workloads.
func regressNames(s string, c npb.Class) ([]string, error) {
	cs, err := npb.Select(s, c, regress.PlacesWorkloads...)
	if err != nil {
		return nil, badInput(err)
	}
	names, err := npb.OneClass(cs, c)
	return names, badInput(err)
}

// regressPlaces reads -places: a list of counts (harness.ParseCounts), no
// serial point: the regression workloads run on one place or more.
func regressPlaces(s string) ([]int, error) {
	const want = "want positive integers"
	ps, err := harness.ParseCounts(s)
	if ce := (*places.CountError)(nil); errors.As(err, &ce) && !strings.HasPrefix(ce.Reason, "at most") {
		ce.Reason = want
	}
	if err != nil {
		return nil, badInput(err)
	}
	pl := make([]int, len(ps))
	for i, n := range ps {
		if n == places.Serial {
			return nil, badInput(&places.CountError{Text: "S", In: s, Reason: want})
		}
		pl[i] = int(n)
	}
	return pl, nil
}

// parseInject reads -inject-slowdown "cg=1.3,mg=2".
func parseInject(s string, names []string) (map[string]float64, error) {
	if s == "" {
		return nil, nil
	}
	inj := map[string]float64{}
	for _, f := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil || !(x >= 1) || math.IsInf(x, 0) {
			return nil, usagef("bad -inject-slowdown %q: want name=factor with factor ≥ 1", f)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		found := false
		for _, n := range names {
			found = found || n == name
		}
		if !found {
			return nil, usagef("bad -inject-slowdown %q: %s is not measured", f, name)
		}
		inj[name] = x
	}
	return inj, nil
}
