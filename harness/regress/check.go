package regress

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"npbgo/npb"
)

// The three checks of npb regress and npb work as plans: the CLI fills one
// from its flags and runs it; what is measured, what is written, when the
// old baseline's points are kept and when a regression is re-measured is
// decided here.

// ErrRegression is the verdict of a check that ran and found a
// regression, a failure or too little to judge; its report says which.
var ErrRegression = errors.New("regress: the check did not pass")

// Check is `npb regress -baseline`: Plan measured in this process and
// compared with the samples stored in Baseline, or, with Update, written
// to it.
type Check struct {
	Plan
	Baseline  string   // the stored samples
	Update    bool     // rewrite Baseline instead of checking against it
	Threshold float64  // a regression is a median ratio this much higher …
	Alpha     float64  // … with a Mann-Whitney p value below Alpha
	Confirm   bool     // re-measure the regressions, fail only if they agree
	Out       string   // also write this run's samples here
	Cmdline   []string // recorded in a written baseline
}

// Run measures and reports on w (progress on Plan.Progress). It returns
// ErrRegression when the check ran and did not pass.
func (c *Check) Run(_ context.Context, w io.Writer) error {
	base, err := c.load()
	if err != nil {
		return err
	}
	if base != nil {
		c.Ops = base.Ops()
	}
	fmt.Fprintf(c.progress(), "regress: %s × places %s, class %s, %d samples each, calibration v%d\n",
		strings.Join(c.Names, ","), joinInts(c.Places), c.Class, c.Reps, CalibrationVersion)
	allocFails, err := CheckAllocs(c.Places)
	if err != nil {
		return err
	}
	m, err := Measure(c.Plan)
	if err != nil {
		return err
	}
	m.Failures = append(allocFails, m.Failures...)
	if c.Out != "" {
		if err := NewBaseline(m, c.Plan, c.Cmdline).Save(c.Out); err != nil {
			return err
		}
	}
	if c.Update {
		return c.update(w, m, base)
	}
	rows := Compare(base, m, c.Threshold, c.Alpha)
	if names, pls := Flagged(rows); c.Confirm && len(names) > 0 {
		fmt.Fprintf(c.progress(), "regress: re-measuring %s at places %v to confirm\n", strings.Join(names, ","), pls)
		again := c.Plan
		again.Names, again.Places = names, pls
		m2, err := Measure(again)
		if err != nil {
			return err
		}
		m.Failures = append(m.Failures, m2.Failures...)
		confirmed, cleared := Confirm(rows, Compare(base, m2, c.Threshold, c.Alpha))
		fmt.Fprintf(w, "regress: confirmation pass: %d regression(s) confirmed, %d not confirmed (shown with the second measurement)\n", confirmed, cleared)
	}
	WriteTable(w, rows)
	fmt.Fprintln(w, "regress: "+m.LoadNote(runtime.NumCPU()))
	line, ok := Summary(rows, m.Failures, c.Threshold, c.Alpha)
	fmt.Fprintf(w, "%s (%s)\n", line, m.Elapsed.Round(time.Second))
	if !ok {
		return ErrRegression
	}
	return nil
}

// load reads the baseline: the one to check against, or, for an update,
// the old one whose points not measured now are kept (if it is of this
// calibration).
func (c Check) load() (*Baseline, error) {
	if c.Update {
		if old, err := Load(c.Baseline); err == nil && old.Calibration.Version == CalibrationVersion {
			return old, nil
		}
		return nil, nil
	}
	base, err := Load(c.Baseline)
	if err != nil {
		return nil, err
	}
	if base.Calibration.Version != CalibrationVersion {
		return nil, fmt.Errorf("regress: baseline %s was measured with calibration v%d, this npb has v%d: refresh it with -update",
			c.Baseline, base.Calibration.Version, CalibrationVersion)
	}
	return base, nil
}

// update writes the new baseline, keeping the old one's points not
// measured now; nothing is written when a run failed.
func (c Check) update(w io.Writer, m *Measurement, old *Baseline) error {
	WriteSamples(w, m)
	fmt.Fprintln(w, "regress: "+m.LoadNote(runtime.NumCPU()))
	if len(m.Failures) > 0 {
		line, _ := Summary(nil, m.Failures, c.Threshold, c.Alpha)
		fmt.Fprintln(w, line, "— baseline NOT written")
		return ErrRegression
	}
	nb := NewBaseline(m, c.Plan, c.Cmdline)
	if old != nil {
		if kept := nb.Merge(old); len(kept) > 0 {
			fmt.Fprintf(w, "regress: kept %d points of the old baseline not measured now\n", len(kept))
		}
	}
	if err := nb.Save(c.Baseline); err != nil {
		return err
	}
	fmt.Fprintf(w, "regress: wrote %s (%d points, %s)\n", c.Baseline, len(nb.Series), m.Elapsed.Round(time.Second))
	return nil
}

func (c Check) progress() io.Writer {
	if c.Progress == nil {
		return io.Discard
	}
	return c.Progress
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// ABCheck is `npb regress -ab OLD` (or -fortran-bin): the ABPlan's pairs,
// judged, the regressions re-measured.
type ABCheck struct {
	ABPlan
	OldName    string  // how the report names the old side
	Threshold  float64 // a regression is a median pair ratio this much higher …
	Confidence float64 // … with its interval at this level above 1
	Confirm    bool
	Out        string // also write the measurement here
}

// Run measures and reports on w. It returns ErrRegression when the check
// ran and did not pass.
func (c *ABCheck) Run(ctx context.Context, w io.Writer) error {
	if c.New == "" {
		self, err := os.Executable()
		if err != nil {
			return fmt.Errorf("regress: cannot find this executable: %v", err)
		}
		c.New = self
	}
	progress := c.Progress
	if progress == nil {
		progress = io.Discard
	}
	fmt.Fprintf(progress, "regress: A/B, %d points × %d pairs: old %s, new %s\n", len(c.Points), c.Pairs, c.OldName, c.New)
	m, err := MeasureAB(ctx, c.ABPlan)
	if err != nil {
		return err
	}
	rows := JudgeAB(m, c.Threshold, c.Confidence)
	if flagged := FlaggedAB(rows); c.Confirm && len(flagged) > 0 {
		fmt.Fprintf(progress, "regress: re-measuring %d point(s) to confirm\n", len(flagged))
		again := c.ABPlan
		again.Points = flagged
		m2, err := MeasureAB(ctx, again)
		if err != nil {
			return err
		}
		m.Failures = append(m.Failures, m2.Failures...)
		confirmed, cleared := Confirm(rows, JudgeAB(m2, c.Threshold, c.Confidence))
		fmt.Fprintf(w, "regress: confirmation pass: %d regression(s) confirmed, %d not confirmed (shown with the second measurement)\n", confirmed, cleared)
	}
	if c.Out != "" {
		if err := m.Save(c.Out); err != nil {
			return err
		}
	}
	for _, k := range m.Skipped {
		fmt.Fprintf(w, "regress: %s skipped: %s does not have %s (it predates it; refresh the baseline to compare it)\n", k, c.OldName, k.Name)
	}
	WriteABTable(w, rows, c.Confidence)
	fmt.Fprintln(w, "regress: "+m.LoadNote(runtime.NumCPU()))
	line, ok := ABSummary(rows, m.Failures, m.Skipped, c.Threshold, c.Confidence)
	fmt.Fprintf(w, "%s (%s)\n", line, m.Elapsed.Round(time.Second))
	if !ok {
		return ErrRegression
	}
	return nil
}

// WorkCheck is `npb work`: the instruction counts of Points, by Exe under
// callgrind, checked against Baseline or, with Update, written to it.
type WorkCheck struct {
	Points    []WorkCount // what to count (Instructions unset)
	Exe       string      // the npb to count
	Baseline  string
	Update    bool
	Threshold float64 // a regression is a count this much higher
	Cache     bool    // also simulate the caches
	Repeat    int     // count each point this many times, to show the spread
	Revision  string  // the commit, recorded in a written baseline
	Progress  io.Writer
}

// Run counts and reports on w. It returns ErrRegression when a kernel
// does more work than the baseline allows.
func (c *WorkCheck) Run(ctx context.Context, w io.Writer) error {
	if c.Exe == "" {
		self, err := os.Executable()
		if err != nil {
			return err
		}
		c.Exe = self
	}
	var base *WorkBaseline
	if !c.Update {
		var err error
		if base, err = LoadWork(c.Baseline); err != nil {
			return err
		}
		if gv, build := BuildID(); base.GoVersion != gv || base.Build != build {
			return fmt.Errorf("baseline %s was counted with %s [%s], this npb is %s [%s]: counts differ between builds; refresh it with -update",
				c.Baseline, base.GoVersion, base.Build, gv, build)
		}
	}
	counts, err := c.count(ctx)
	if err != nil {
		return err
	}
	if c.Update {
		// Points not counted now keep their old counts when the old file
		// is of the same build (-kernels re-counts one kernel).
		var kept []WorkCount
		if old, err := LoadWork(c.Baseline); err == nil {
			gv, build := BuildID()
			if old.GoVersion == gv && old.Build == build && old.CacheSim == c.Cache {
				kept = old.Counts
			}
		}
		counts = MergeWork(counts, kept)
		if err := NewWorkBaseline(counts, c.Cache, c.Revision).Save(c.Baseline); err != nil {
			return err
		}
		fmt.Fprintf(w, "work: wrote %s (%d kernels)\n", c.Baseline, len(counts))
		return nil
	}
	failed := 0
	for _, v := range CompareWork(base, counts, c.Threshold) {
		switch {
		case v.Missing:
			fmt.Fprintf(w, "%-12s %14d  not in the baseline\n", v.Key, v.Now)
		case v.Regression:
			failed++
			fmt.Fprintf(w, "%-12s %14d  %+.2f%% over %d  MORE WORK\n", v.Key, v.Now, 100*v.Change, v.Base)
		default:
			fmt.Fprintf(w, "%-12s %14d  %+.2f%%  ok\n", v.Key, v.Now, 100*v.Change)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d kernel(s) do more than %.0f%% more work than the baseline (refresh it with -update if that is intended)", failed, 100*c.Threshold)
	}
	fmt.Fprintf(w, "work: %d kernels within %.0f%% of the baseline\n", len(counts), 100*c.Threshold)
	return nil
}

// count counts every point Repeat times, a line per point on Progress.
func (c WorkCheck) count(ctx context.Context) ([]WorkCount, error) {
	progress := c.Progress
	if progress == nil {
		progress = io.Discard
	}
	var counts []WorkCount
	for _, pt := range c.Points {
		var ins []uint64
		var wc WorkCount
		for range max(c.Repeat, 1) {
			var err error
			if wc, err = CountWork(ctx, c.Exe, pt.Name, pt.Class, pt.Places, c.Cache); err != nil {
				return nil, err
			}
			ins = append(ins, wc.Instructions)
		}
		lo, hi := slices.Min(ins), slices.Max(ins)
		line := fmt.Sprintf("%-12s %14d instructions", wc.Key(), wc.Instructions)
		if c.Repeat > 1 {
			line += fmt.Sprintf("  (%d runs: %d–%d, spread %.4f%%)", c.Repeat, lo, hi, 100*float64(hi-lo)/float64(lo))
		}
		if c.Cache {
			line += fmt.Sprintf("  D1 misses %d, LL misses %d", wc.D1Misses, wc.LLMisses)
		}
		fmt.Fprintln(progress, line)
		counts = append(counts, wc)
	}
	return counts, nil
}

// MergeWork adds to counts the old counts of the points not counted now,
// and sorts them in NPB order, each kernel's place counts rising.
func MergeWork(counts, old []WorkCount) []WorkCount {
	for _, w := range old {
		if !slices.ContainsFunc(counts, func(n WorkCount) bool { return n.Key() == w.Key() }) {
			counts = append(counts, w)
		}
	}
	slices.SortStableFunc(counts, func(a, b WorkCount) int {
		if c := npb.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return a.Places - b.Places
	})
	return counts
}
