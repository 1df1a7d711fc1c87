package regress

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"golang.org/x/perf/benchmath"
)

// Verdict is the outcome for one point.
type Verdict string

const (
	OK           Verdict = "ok"
	Regression   Verdict = "REGRESSION"
	Improvement  Verdict = "improvement"
	Insufficient Verdict = "insufficient samples"
	NoBaseline   Verdict = "no baseline"
)

// Row is the comparison of one point.
type Row struct {
	Key
	BaseN, CurN int
	Base, Cur   float64 // median ratios
	Change      float64 // Cur/Base - 1
	P           float64 // Mann-Whitney U test (benchmath.AssumeNothing)
	Verdict     Verdict
	// Spread of the current samples: coefficient of variation of the raw
	// seconds and of the ratios.
	CVSeconds, CVRatio float64
	Failed             int // runs of this point that failed a check
}

// CompareSamples compares the ratio samples of a point. A regression is a
// median at least threshold slower with p < alpha; an improvement, at
// least threshold faster with p < alpha. With too few samples for the
// U test to ever reach alpha the verdict is Insufficient.
func CompareSamples(base, cur []float64, threshold, alpha float64) Row {
	r := Row{BaseN: len(base), CurN: len(cur), P: math.NaN(), Change: math.NaN()}
	th := &benchmath.Thresholds{CompareAlpha: alpha}
	// NewSample sorts in place: give it copies.
	var sb, sc *benchmath.Sample
	if len(base) > 0 {
		sb = benchmath.NewSample(slices.Clone(base), th)
		r.Base = benchmath.AssumeNothing.Summary(sb, 0.95).Center
	}
	if len(cur) > 0 {
		sc = benchmath.NewSample(slices.Clone(cur), th)
		r.Cur = benchmath.AssumeNothing.Summary(sc, 0.95).Center
	}
	if sb == nil || sc == nil || minUTestP(len(base), len(cur)) >= alpha {
		r.Verdict = Insufficient
		if sb != nil && sc != nil {
			r.Change = r.Cur/r.Base - 1
		}
		return r
	}
	r.Change = r.Cur/r.Base - 1
	r.P = benchmath.AssumeNothing.Compare(sb, sc).P
	switch {
	case r.P < alpha && r.Change >= threshold:
		r.Verdict = Regression
	case r.P < alpha && r.Change <= -threshold:
		r.Verdict = Improvement
	default:
		r.Verdict = OK
	}
	return r
}

// minUTestP is the smallest two-sided p value the Mann-Whitney U test can
// give for samples of n1 and n2 distinct values: 2/C(n1+n2, n1).
func minUTestP(n1, n2 int) float64 {
	if n1 == 0 || n2 == 0 {
		return 1
	}
	lc, _ := math.Lgamma(float64(n1 + n2 + 1))
	l1, _ := math.Lgamma(float64(n1 + 1))
	l2, _ := math.Lgamma(float64(n2 + 1))
	return math.Min(1, 2*math.Exp(l1+l2-lc))
}

// Compare compares every point of cur with base.
func Compare(base *Baseline, cur *Measurement, threshold, alpha float64) []Row {
	var rows []Row
	for _, s := range cur.Series {
		var r Row
		if b := base.Find(s.Key); b != nil {
			r = CompareSamples(b.Ratio, s.Ratio, threshold, alpha)
		} else {
			r = CompareSamples(nil, s.Ratio, threshold, alpha)
			r.Verdict = NoBaseline
		}
		r.Key = s.Key
		r.CVSeconds, r.CVRatio = cv(s.Seconds), cv(s.Ratio)
		r.Failed = countFailed(cur.Failures, s.Key)
		rows = append(rows, r)
	}
	return rows
}

// cv is the coefficient of variation (sample standard deviation / mean).
func cv(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss/float64(len(x)-1)) / mean
}

// WriteTable prints the comparison, one line per point.
func WriteTable(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "point\tbase ratio\tcur ratio\tchange\tp\tn\tcv sec\tcv ratio\tverdict\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d+%d\t%s\t%s\t%s\t\n", r.Key, num(r.Base, r.BaseN), num(r.Cur, r.CurN),
			pct(r.Change), pval(r.P), r.BaseN, r.CurN, pct(r.CVSeconds), pct(r.CVRatio), r.verdict())
	}
	tw.Flush()
}

// WriteSamples prints a fresh measurement (an update) without comparison.
func WriteSamples(w io.Writer, m *Measurement) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "point\tops\tmedian sec/op\tmedian ratio\tn\tcv sec\tcv ratio\t")
	for _, s := range m.Series {
		fmt.Fprintf(tw, "%s\t%d\t%.4g\t%s\t%d\t%s\t%s\t\n", s.Key, s.Ops, median(s.Seconds), num(median(s.Ratio), len(s.Ratio)),
			len(s.Ratio), pct(cv(s.Seconds)), pct(cv(s.Ratio)))
	}
	tw.Flush()
}

func (r Row) verdict() string {
	if r.Failed > 0 {
		return fmt.Sprintf("%s, %d FAILED", r.Verdict, r.Failed)
	}
	return string(r.Verdict)
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func num(x float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.4g", x)
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return fmt.Sprintf("%+.1f%%", 100*x)
}

func pval(p float64) string {
	if math.IsNaN(p) {
		return "-"
	}
	return fmt.Sprintf("%.2g", p)
}

// Summary is the final line: which points regressed, by how much, with
// what confidence; or that none did. ok is false on any regression or
// failed check.
func Summary(rows []Row, failures []Failure, threshold, alpha float64) (line string, ok bool) {
	var bad, better, missing, few []string
	for _, r := range rows {
		switch r.Verdict {
		case Regression:
			bad = append(bad, fmt.Sprintf("%s is %.1f%% slower (median ratio %.4g → %.4g; Mann-Whitney p=%.2g < %g, n=%d+%d)",
				r.Key, 100*r.Change, r.Base, r.Cur, r.P, alpha, r.BaseN, r.CurN))
		case Improvement:
			better = append(better, fmt.Sprintf("%s %.1f%% faster (p=%.2g)", r.Key, -100*r.Change, r.P))
		case NoBaseline:
			missing = append(missing, r.Key.String())
		case Insufficient:
			few = append(few, r.Key.String())
		}
	}
	return summaryParts{bad: bad, better: better, few: few, missing: missing,
		fewWhy: fmt.Sprintf("too few samples for a U test at p<%g", alpha)}.line(
		fmt.Sprintf("REGRESSION (≥%.0f%% slower at p<%g)", 100*threshold, alpha),
		fmt.Sprintf("ok: no regression (≥%.0f%% slower at p<%g) in %d points", 100*threshold, alpha, len(rows)),
		failures)
}

// summaryParts are the points of a check's final line, by verdict, and
// why the few could not be judged.
type summaryParts struct {
	bad, better, few, missing []string
	fewWhy                    string
	missingWhy                string // what the missing are; empty: not in the baseline
}

// line joins them: the regressions under badHead, the failed checks and
// the points that could not be judged, or okLine when there are none;
// then improvements and what is not in the baseline. ok is false on a
// regression, a failed check or a point it could not judge: a check that
// could not look is not a pass.
func (s summaryParts) line(badHead, okLine string, failures []Failure) (line string, ok bool) {
	var fails []string
	for _, f := range failures {
		fails = append(fails, f.String())
	}
	var parts []string
	if len(s.bad) > 0 {
		parts = append(parts, badHead+": "+strings.Join(s.bad, "; "))
	}
	if len(fails) > 0 {
		parts = append(parts, "FAILED CHECKS: "+strings.Join(dedup(fails), "; "))
	}
	if len(s.few) > 0 {
		parts = append(parts, "CANNOT JUDGE ("+s.fewWhy+"): "+strings.Join(s.few, ", "))
	}
	ok = len(parts) == 0
	if ok {
		parts = append(parts, okLine)
	}
	if len(s.better) > 0 {
		parts = append(parts, "improvements: "+strings.Join(s.better, "; "))
	}
	if len(s.missing) > 0 {
		why := s.missingWhy
		if why == "" {
			why = "not in the baseline (refresh it with -update)"
		}
		parts = append(parts, why+": "+strings.Join(s.missing, ", "))
	}
	return "regress: " + strings.Join(parts, " | "), ok
}

func dedup(s []string) []string {
	var out []string
	count := map[string]int{}
	for _, v := range s {
		if count[v] == 0 {
			out = append(out, v)
		}
		count[v]++
	}
	for i, v := range out {
		if n := count[v]; n > 1 {
			out[i] = fmt.Sprintf("%s (%d times)", v, n)
		}
	}
	return out
}
