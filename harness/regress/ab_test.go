package regress

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJudgeAB(t *testing.T) {
	// pairs of (old, new) built from ratios around a centre.
	pairs := func(centre float64, spread ...float64) *ABSeries {
		s := &ABSeries{Key: Key{Name: "cg", Class: 'W', Places: 1}}
		for _, d := range spread {
			s.Old = append(s.Old, 0.1)
			s.New = append(s.New, 0.1*centre*(1+d))
		}
		return s
	}
	noise := []float64{-0.03, 0.02, 0.01, -0.01, 0.0, 0.04, -0.02, 0.03, -0.04, 0.01, 0.02, -0.01, 0.0, 0.01, -0.02}
	tests := []struct {
		name string
		s    *ABSeries
		want Verdict
	}{
		{"unchanged", pairs(1, noise...), OK},
		{"1.2x slower", pairs(1.2, noise...), Regression},
		{"1.05x slower, under the threshold", pairs(1.05, noise...), OK},
		{"1.2x faster", pairs(1/1.2, noise...), Improvement},
		// Median 1.15 but half the pairs below 1: the interval includes 1.
		{"wild", pairs(1, 0.15, -0.2, 0.16, -0.3, 0.17, -0.25, 0.15, 0.14), OK},
		{"two pairs", pairs(1.5, 0, 0.01), Insufficient},
	}
	for _, tc := range tests {
		rows := JudgeAB(&ABMeasurement{Series: []*ABSeries{tc.s}}, 0.10, 0.95)
		if rows[0].Verdict != tc.want {
			t.Errorf("%s: verdict %s (ratio %.3f [%.3f, %.3f]), want %s", tc.name, rows[0].Verdict, rows[0].Ratio, rows[0].Lo, rows[0].Hi, tc.want)
		}
	}
	// A failed run is counted on its point and fails the summary.
	m := &ABMeasurement{Series: []*ABSeries{pairs(1, noise...)}, Failures: []Failure{{Key: Key{Name: "cg", Class: 'W', Places: 1}, Msg: "new side: not verified"}}}
	rows := JudgeAB(m, 0.10, 0.95)
	if line, ok := ABSummary(rows, m.Failures, nil, 0.10, 0.95); ok || rows[0].Failed != 1 {
		t.Errorf("failed run: ok=%v failed=%d: %s", ok, rows[0].Failed, line)
	}
	rows = JudgeAB(&ABMeasurement{Series: []*ABSeries{pairs(1.3, noise...)}}, 0.10, 0.95)
	if line, ok := ABSummary(rows, nil, nil, 0.10, 0.95); ok {
		t.Errorf("regression passed: %s", line)
	}
	// Confirmation: a second pass that clears the point replaces its row.
	again := JudgeAB(&ABMeasurement{Series: []*ABSeries{pairs(1, noise...)}}, 0.10, 0.95)
	if c, cl := Confirm(rows, again); c != 0 || cl != 1 || rows[0].Verdict != OK {
		t.Errorf("Confirm: %d confirmed, %d cleared, verdict %s", c, cl, rows[0].Verdict)
	}
	// A point with too few pairs for an interval is not a pass: the check
	// cannot judge it, and says so.
	rows = JudgeAB(&ABMeasurement{Series: []*ABSeries{pairs(1, noise...), pairs(1.5, 0, 0.01)}}, 0.10, 0.95)
	if line, ok := ABSummary(rows, nil, nil, 0.10, 0.95); ok || strings.Contains(line, "ok") || !strings.Contains(line, "regress: CANNOT JUDGE (too few pairs for a 95% interval): cg/W/1") {
		t.Errorf("too few pairs: ok=%v: %s", ok, line)
	}
}

// TestMeasureABSkipsUnknownKernel: a kernel the old npb does not have
// (built before it was written) is skipped at every place count, once
// asked, and named in the summary, which does not fail for it; a kernel
// the old npb has but fails to run is a failure.
func TestMeasureABSkipsUnknownKernel(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ok := `echo '{"kernel":"'$2'","class":"S","places":1,"seconds":0.01,"mops":1,"verified":true}'` + "\n"
	newExe := script("new", ok)
	// The old npb: no ft-mpi (and it says so, as npb.Lookup does), and
	// mg-mpi crashes; it counts its runs of ft-mpi.
	oldExe := script("old", `case $2 in
ft-mpi) echo x >>`+filepath.Join(dir, "asked")+`; echo 'npb run: unknown kernel "ft-mpi" (have is, cg)' >&2; exit 2 ;;
mg-mpi) echo 'npb run: unknown class' >&2; exit 2 ;;
esac
`+ok)
	var points []Key
	for _, np := range []int{1, 2} {
		for _, k := range []string{"cg", "ft-mpi", "mg-mpi"} {
			points = append(points, Key{Name: k, Class: 'S', Places: np})
		}
	}
	m, err := MeasureAB(context.Background(), ABPlan{Old: oldExe, New: newExe, Points: points, Pairs: 6})
	if err != nil {
		t.Fatal(err)
	}
	var series []string
	for _, s := range m.Series {
		series = append(series, s.Key.String())
	}
	if got := fmt.Sprint(series, m.Skipped); got != "[cg/S/1 mg-mpi/S/1 cg/S/2 mg-mpi/S/2] [ft-mpi/S/1 ft-mpi/S/2]" {
		t.Errorf("measured and skipped: %s", got)
	}
	if asked, _ := os.ReadFile(filepath.Join(dir, "asked")); len(asked) != 2 {
		t.Errorf("the old npb was asked for ft-mpi %d times, want once", len(asked)/2)
	}
	rows := JudgeAB(m, 0.10, 0.95)
	line, pass := ABSummary(rows, m.Failures, m.Skipped, 0.10, 0.95)
	if pass || !strings.Contains(line, "FAILED CHECKS: mg-mpi/S/1: warm-up side") ||
		!strings.HasSuffix(line, "skipped, the old npb does not have them (they are compared once the baseline is refreshed: make regress-update): ft-mpi/S/1, ft-mpi/S/2") {
		t.Errorf("summary (pass %v): %s", pass, line)
	}
	line, pass = ABSummary(rows[:1], nil, m.Skipped, 0.10, 0.95)
	if !pass || !strings.HasPrefix(line, "regress: ok: no regression") || !strings.Contains(line, "ft-mpi/S/1") {
		t.Errorf("summary without the failure (pass %v): %s", pass, line)
	}
}
