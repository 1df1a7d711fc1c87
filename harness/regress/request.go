package regress

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"npbgo/harness"
	"npbgo/npb"
	"npbgo/runtime/places"
)

// Request is `npb regress` as its flags give it; the CLI fills it and
// Checker makes the check it asks for.
type Request struct {
	Baseline   string // the stored samples (the check without AB or FortranBin)
	Class      string
	Reps       int // samples per point (pairs in an A/B check)
	Update     bool
	Kernels    string // npb.Select's list, with PlacesWorkloads
	Places     string
	Threshold  float64
	Alpha      float64
	MinSample  time.Duration
	Out        string
	Confirm    bool
	AB         string // the old npb of an A/B check
	FortranBin string // or NPB's reference binaries as the old side
	Confidence float64
	Inject     string   // TESTING ONLY: name=factor,…
	Args       []string // the command line, recorded in a written baseline
}

// Runner is a check ready to run: it reports on w and returns
// ErrRegression when it ran and did not pass.
type Runner interface {
	Run(ctx context.Context, w io.Writer) error
}

// Checker checks the request and makes its check, with progress lines on
// progress. Every error it returns is bad input.
func (r Request) Checker(progress io.Writer) (Runner, error) {
	c, err := npb.ParseClass(r.Class)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Reps < 1:
		return nil, fmt.Errorf("bad -reps %d: want at least 1", r.Reps)
	case !(r.Threshold > 0) || r.Threshold >= 10:
		return nil, fmt.Errorf("bad -threshold %g: want a fraction such as 0.10", r.Threshold)
	case r.AB != "" && r.FortranBin != "":
		return nil, errors.New("-ab and -fortran-bin are two kinds of old side: give one")
	case r.AB != "" || r.FortranBin != "":
		return r.abCheck(c, progress)
	case r.Baseline == "":
		return nil, errors.New("-baseline FILE (or -ab OLD) is required")
	case !(r.Alpha > 0 && r.Alpha < 1):
		return nil, fmt.Errorf("bad -alpha %g: want 0 < alpha < 1", r.Alpha)
	case r.MinSample < 0:
		return nil, fmt.Errorf("bad -min-sample %s", r.MinSample)
	}
	cs, err := npb.Select(r.Kernels, c, PlacesWorkloads...)
	if err != nil {
		return nil, err
	}
	names, err := npb.OneClass(cs, c)
	if err != nil {
		return nil, err
	}
	pl, err := ParsePlaces(r.Places)
	if err != nil {
		return nil, err
	}
	inj, err := ParseInject(r.Inject, names)
	if err != nil {
		return nil, err
	}
	if len(inj) > 0 && r.Update {
		return nil, errors.New("-inject-slowdown cannot be used with -update")
	}
	return &Check{Plan: Plan{Class: c, Names: names, Places: pl, Reps: r.Reps, MinSample: r.MinSample, Inject: inj, Progress: progress},
		Baseline: r.Baseline, Update: r.Update, Threshold: r.Threshold, Alpha: r.Alpha, Confirm: r.Confirm, Out: r.Out, Cmdline: r.Args}, nil
}

// abCheck is the A/B check of the request: this npb against AB, or Go
// against NPB's Fortran in FortranBin.
func (r Request) abCheck(c npb.Class, progress io.Writer) (Runner, error) {
	if r.Update || r.Inject != "" || r.Baseline != "" {
		return nil, errors.New("-ab or -fortran-bin cannot be used with -update, -inject-slowdown or -baseline")
	}
	if !(r.Confidence > 0.5 && r.Confidence < 1) {
		return nil, fmt.Errorf("bad -confidence %g: want 0.5 < confidence < 1", r.Confidence)
	}
	oldName := r.AB
	if r.FortranBin != "" {
		if st, err := os.Stat(r.FortranBin); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("bad -fortran-bin %q: not a directory", npb.Clip(r.FortranBin))
		}
		oldName = "Fortran in " + r.FortranBin
	} else if st, err := os.Stat(r.AB); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("bad -ab %q: not an executable file", npb.Clip(r.AB))
	}
	pl, err := ParsePlaces(r.Places)
	if err != nil {
		return nil, err
	}
	ks, err := npb.Select(r.Kernels, c)
	if err != nil {
		return nil, err
	}
	var keys []Key
	for _, np := range pl {
		for _, k := range ks {
			keys = append(keys, Key{Name: k.Name, Class: k.Class, Places: np})
		}
	}
	return &ABCheck{ABPlan: ABPlan{Old: r.AB, OldFortran: r.FortranBin, Points: keys, Pairs: r.Reps, Progress: progress},
		OldName: oldName, Threshold: r.Threshold, Confidence: r.Confidence, Confirm: r.Confirm, Out: r.Out}, nil
}

// ParsePlaces reads the place counts of a check: a list of counts
// (harness.ParseCounts) without the serial point, since the workloads
// run on one place or more.
func ParsePlaces(s string) ([]int, error) {
	const want = "want positive integers"
	ps, err := harness.ParseCounts(s)
	if ce := (*places.CountError)(nil); errors.As(err, &ce) && !ce.Over {
		ce.Reason = want
	}
	if err != nil {
		return nil, err
	}
	pl := make([]int, len(ps))
	for i, n := range ps {
		if n == places.Serial {
			return nil, &places.CountError{Text: "S", In: s, Reason: want}
		}
		pl[i] = int(n)
	}
	return pl, nil
}

// ParseInject reads -inject-slowdown "cg=1.3,mg=2": a factor ≥ 1 for
// some of the measured names.
func ParseInject(s string, names []string) (map[string]float64, error) {
	if s == "" {
		return nil, nil
	}
	inj := map[string]float64{}
	for _, f := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil || !(x >= 1) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("bad -inject-slowdown %q: want name=factor with factor ≥ 1", f)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		found := false
		for _, n := range names {
			found = found || n == name
		}
		if !found {
			return nil, fmt.Errorf("bad -inject-slowdown %q: %s is not measured", f, name)
		}
		inj[name] = x
	}
	return inj, nil
}

// WorkRequest is `npb work` as its flags give it.
type WorkRequest struct {
	Baseline  string
	Update    bool
	Class     string
	Kernels   string // npb.Select's list; "all" has the message-passing forms too
	Places    string // in-process ranks of the message-passing forms, or S
	Threshold float64
	Cache     bool
	Repeat    int
	Exe       string // the npb to count
	Revision  string // its commit
}

// Checker checks the request and makes the work check, with a line per
// point on progress. Every error it returns is bad input.
func (r WorkRequest) Checker(progress io.Writer) (Runner, error) {
	if r.Baseline == "" {
		return nil, errors.New("-baseline FILE is required")
	}
	c, err := npb.ParseClass(r.Class)
	if err != nil {
		return nil, err
	}
	if !(r.Threshold > 0 && r.Threshold < 10) {
		return nil, fmt.Errorf("bad -threshold %g: want a fraction such as 0.02", r.Threshold)
	}
	if r.Repeat < 1 {
		return nil, fmt.Errorf("bad -repeat %d: want at least 1", r.Repeat)
	}
	np, err := places.ParseCount(r.Places)
	if err != nil {
		return nil, err
	}
	points, err := WorkPoints(r.Kernels, c, int(np))
	if err != nil {
		return nil, err
	}
	return &WorkCheck{Points: points, Exe: r.Exe, Baseline: r.Baseline, Update: r.Update, Threshold: r.Threshold,
		Cache: r.Cache, Repeat: r.Repeat, Revision: r.Revision, Progress: progress}, nil
}

// WorkPoints expands a kernel list into what the work gate counts: a
// shared-memory kernel at the serial point, a message-passing form
// (Kernel.Ranks) on np in-process ranks (np = 0, S, runs it as one rank
// on the serial point). "all" is every kernel that has class c, the
// message-passing forms too.
func WorkPoints(list string, c npb.Class, np int) ([]WorkCount, error) {
	var cs []npb.Choice
	if strings.EqualFold(strings.TrimSpace(list), "all") {
		for _, n := range npb.Names() {
			if k, _ := npb.Lookup(n); k.CheckClass(c) == nil {
				cs = append(cs, npb.Choice{Name: n, Class: c})
			}
		}
		if len(cs) == 0 {
			return nil, fmt.Errorf("no kernel has class %s (have %s)", c, strings.Join(npb.Names(), ", "))
		}
	} else {
		var err error
		if cs, err = npb.Select(list, c); err != nil {
			return nil, err
		}
	}
	pts := make([]WorkCount, len(cs))
	for i, ch := range cs {
		pts[i] = WorkCount{Name: ch.Name, Class: ch.Class}
		if k, _ := npb.Lookup(ch.Name); k.Ranks {
			pts[i].Places = np
		}
	}
	return pts, nil
}

// Class is the class the checks run at unless told otherwise.
const Class = npb.ClassW

// atS are the kernels (and their forms) the A/B check of make regress runs
// at class S beside the others at W: EP and the CFD kernels would take
// most of its few minutes at W.
var atS = []string{"ep", "sp", "bt", "lu"}

// Lists are the kernel lists the Makefile's checks take from npb list
// -check: ab, make regress's points (every kernel, the shared-memory
// forms first, EP and the CFD kernels at S); stored, make
// regress-update's (the shared-memory kernels at class c and the places
// workloads: what -kernels all measures); mpi, the kernels that have a
// message-passing form, by their own names.
func Lists(c npb.Class) map[string][]string {
	var ab, mpi []string
	for _, ranks := range []bool{false, true} {
		for _, n := range npb.Names() {
			k, _ := npb.Lookup(n)
			if k.Ranks != ranks || k.CheckClass(c) != nil {
				continue
			}
			base, _, _ := strings.Cut(n, "-")
			if slices.Contains(atS, base) {
				n += "/S"
			}
			ab = append(ab, n)
			if ranks {
				mpi = append(mpi, base)
			}
		}
	}
	return map[string][]string{"ab": ab, "stored": append(npb.WithClass(c), PlacesWorkloads...), "mpi": mpi}
}
