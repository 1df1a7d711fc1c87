package regress

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
	"time"

	"golang.org/x/perf/benchmath"

	"npbgo/harness"
	"npbgo/runtime/places"
)

// ABPlan is an A/B measurement: the same kernel runs done by two npb
// executables, the old one (the baseline's commit, built from git) and
// the new one (this tree), in one sitting.
type ABPlan struct {
	Old, New string // npb executables
	// OldFortran, when set (and Old is empty), makes the old side NPB's
	// reference binaries in this directory (cg.B.x …, OMP_NUM_THREADS =
	// places): Go against Fortran, pair by pair.
	OldFortran string
	Points     []Key     // kernels (Class set) at place counts
	Pairs      int       // samples per point and side
	Progress   io.Writer // a line per round; nil for none
}

// ABSeries is the samples of one point: Old[i] and New[i] are the timed
// regions (NPB's "Time in seconds") of the two executables' runs in round
// i, taken back to back.
type ABSeries struct {
	Key
	Old []float64 `json:"old"`
	New []float64 `json:"new"`
}

// Ratios are New[i]/Old[i], pair by pair.
func (s *ABSeries) Ratios() []float64 {
	r := make([]float64, len(s.New))
	for i := range r {
		r[i] = s.New[i] / s.Old[i]
	}
	return r
}

// ABMeasurement is the outcome of MeasureAB.
type ABMeasurement struct {
	Series   []*ABSeries `json:"series"`
	Failures []Failure   `json:"failures,omitempty"`
	// Skipped are the points of a kernel the old executable does not
	// have (it predates the kernel).
	Skipped []Key `json:"skipped,omitempty"`
	Elapsed time.Duration
	MachineLoad
}

// Save writes the samples as JSON (for offline analysis).
func (m *ABMeasurement) Save(path string) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return harness.WriteFileAtomic(path, append(b, '\n'))
}

// MeasureAB runs every point p.Pairs times with each executable, as
// `npb run K -class C -places N -json` in a fresh process. Within a round
// every point is run by both executables back to back, the order
// alternating from point to point and round to round (old-new, new-old,
// …), so that a slow spell of the machine or a warm page cache favours
// neither side. Each pair is compared with itself: the drift of a shared
// machine over minutes, which buries a 20% change in samples taken on
// another day (the stored baseline), cancels within a pair taken within a
// second.
//
// Before the rounds each executable runs each point once, not counted, to
// fault in the binaries and the kernels' first-touch pages of the file
// cache. A run that fails or does not verify is a Failure and its pair is
// dropped. A point whose kernel the old npb does not know (it exits 2
// saying so: it was built before the kernel was written) is Skipped, not
// failed: there is nothing to compare with until the old side moves on.
func MeasureAB(ctx context.Context, p ABPlan) (*ABMeasurement, error) {
	if p.Pairs < 1 {
		return nil, fmt.Errorf("regress: pairs must be at least 1, got %d", p.Pairs)
	}
	start := time.Now()
	load := startLoad()
	old := &harness.ProcRunner{Exe: p.Old, FortranBin: p.OldFortran, Timeout: 10 * time.Minute}
	cur := &harness.ProcRunner{Exe: p.New, Timeout: 10 * time.Minute}
	m := &ABMeasurement{}
	lacks := map[string]bool{} // kernels the old npb does not have
	run := func(r *harness.ProcRunner, k Key, rep int, side string) (float64, bool, error) {
		j := harness.Job{Impl: harness.ImplGo, Kernel: k.Name, Class: k.Class, Places: places.Count(k.Places), Rep: rep}
		if r == old && p.OldFortran != "" {
			j.Impl = harness.ImplFortran
		}
		out, err := r.Run(ctx, j)
		if err != nil {
			return 0, false, err
		}
		if r == old && j.Impl == harness.ImplGo && unknownKernel(&out) {
			lacks[k.Name] = true
			return 0, false, nil
		}
		if !out.OK() {
			who := r.Exe
			if j.Impl == harness.ImplFortran {
				who = r.FortranBin
			}
			m.Failures = append(m.Failures, Failure{Key: k, Msg: fmt.Sprintf("%s side (%s): %s", side, who, out.Err)})
			return 0, false, nil
		}
		return out.Seconds, true, nil
	}
	var points []Key
	for _, k := range p.Points {
		if !lacks[k.Name] {
			if _, _, err := run(old, k, 0, "warm-up"); err != nil {
				return nil, err
			}
		}
		if lacks[k.Name] {
			m.Skipped = append(m.Skipped, k)
			continue
		}
		if _, _, err := run(cur, k, 0, "warm-up"); err != nil {
			return nil, err
		}
		points = append(points, k)
		m.Series = append(m.Series, &ABSeries{Key: k})
	}
	for round := range p.Pairs {
		for i, k := range points {
			first, second := old, cur
			if (round+i)%2 == 1 {
				first, second = cur, old
			}
			t1, ok1, err := run(first, k, round+1, side(first, old))
			if err != nil {
				return nil, err
			}
			t2, ok2, err := run(second, k, round+1, side(second, old))
			if err != nil {
				return nil, err
			}
			if !ok1 || !ok2 {
				continue
			}
			if first != old {
				t1, t2 = t2, t1
			}
			s := m.Series[i]
			s.Old, s.New = append(s.Old, t1), append(s.New, t2)
		}
		if p.Progress != nil {
			fmt.Fprintf(p.Progress, "regress: round %d/%d done (%s)\n", round+1, p.Pairs, time.Since(start).Round(time.Second))
		}
	}
	m.Elapsed = time.Since(start)
	m.OtherLoad, m.Steal, m.LoadKnown = load.other()
	return m, nil
}

// unknownKernel reports a run of npb that refused its kernel as unknown
// (npb.Lookup's error, exit 2).
func unknownKernel(r *harness.Run) bool {
	return r.ExitCode == 2 && bytes.Contains(r.Log, []byte("unknown kernel "+strconv.Quote(r.Kernel)))
}

func side(r, old *harness.ProcRunner) string {
	if r == old {
		return "old"
	}
	return "new"
}

// ABRow is the verdict on one point of an A/B measurement.
type ABRow struct {
	Key
	N        int
	Old, New float64 // median seconds
	// Ratio is the median of the pairs' ratios new/old, and [Lo, Hi] its
	// distribution-free confidence interval (benchmath.AssumeNothing:
	// order statistics of the ratios).
	Ratio, Lo, Hi float64
	Verdict       Verdict
	Failed        int
}

// JudgeAB gives each point its verdict. A REGRESSION is a median pair
// ratio of at least 1+threshold whose confidence interval (at level
// confidence) lies above 1; an improvement, a median ratio of at most
// 1/(1+threshold) whose interval lies below 1. With too few pairs for the
// interval to exclude anything the point is Insufficient.
//
// Why the median of pair ratios and not a two-sample test of the old and
// new times: the pairs carry the drift of the machine in both members, so
// their ratios vary by a few per cent where the times themselves vary by
// 10–20% over a CI run (see the power table in the README).
func JudgeAB(m *ABMeasurement, threshold, confidence float64) []ABRow {
	var rows []ABRow
	for _, s := range m.Series {
		r := ABRow{Key: s.Key, N: len(s.Old), Old: median(s.Old), New: median(s.New), Ratio: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
		r.Failed = countFailed(m.Failures, s.Key)
		r.Verdict = Insufficient
		if r.N > 0 {
			sum := benchmath.AssumeNothing.Summary(benchmath.NewSample(s.Ratios(), &benchmath.DefaultThresholds), confidence)
			r.Ratio, r.Lo, r.Hi = sum.Center, sum.Lo, sum.Hi
			switch {
			case len(sum.Warnings) > 0:
				// benchmath warns when the sample is too small for the
				// interval to reach the confidence level.
			case r.Ratio >= 1+threshold && r.Lo > 1:
				r.Verdict = Regression
			case r.Ratio <= 1/(1+threshold) && r.Hi < 1:
				r.Verdict = Improvement
			default:
				r.Verdict = OK
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// WriteABTable prints the A/B comparison, one line per point.
func WriteABTable(w io.Writer, rows []ABRow, confidence float64) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "point\told s\tnew s\tnew/old\t%.0f%% interval\tpairs\tverdict\t\n", 100*confidence)
	for _, r := range rows {
		verdict := string(r.Verdict)
		if r.Failed > 0 {
			verdict = fmt.Sprintf("%s, %d FAILED", r.Verdict, r.Failed)
		}
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.3f\t[%.3f, %.3f]\t%d\t%s\t\n", r.Key, r.Old, r.New, r.Ratio, r.Lo, r.Hi, r.N, verdict)
	}
	tw.Flush()
}

// ABSummary is the final line of an A/B check; ok is false on a
// regression or a failed run. The skipped points are named, and do not
// fail it.
func ABSummary(rows []ABRow, failures []Failure, skipped []Key, threshold, confidence float64) (line string, ok bool) {
	var bad, better, few []string
	for _, r := range rows {
		switch r.Verdict {
		case Regression:
			bad = append(bad, fmt.Sprintf("%s is %.1f%% slower (median of %d pair ratios %.3f, %.0f%% interval [%.3f, %.3f])",
				r.Key, 100*(r.Ratio-1), r.N, r.Ratio, 100*confidence, r.Lo, r.Hi))
		case Improvement:
			better = append(better, fmt.Sprintf("%s %.1f%% faster", r.Key, 100*(1-r.Ratio)))
		case Insufficient:
			few = append(few, r.Key.String())
		}
	}
	var missing []string
	for _, k := range skipped {
		missing = append(missing, k.String())
	}
	return summaryParts{bad: bad, better: better, few: few, missing: missing,
		fewWhy:     fmt.Sprintf("too few pairs for a %.0f%% interval", 100*confidence),
		missingWhy: "skipped, the old npb does not have them (they are compared once the baseline is refreshed: make regress-update)"}.line(
		fmt.Sprintf("REGRESSION (new ≥%.0f%% slower than old)", 100*threshold),
		fmt.Sprintf("ok: no regression (new ≥%.0f%% slower than old) in %d points", 100*threshold, len(rows)),
		failures)
}

// FlaggedAB lists the points judged regressions, for a confirmation pass.
func FlaggedAB(rows []ABRow) []Key {
	var keys []Key
	for _, r := range rows {
		if r.Verdict == Regression {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

func (r ABRow) judged() (Key, Verdict) { return r.Key, r.Verdict }
