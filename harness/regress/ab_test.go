package regress

import (
	"strings"
	"testing"
)

func TestJudgeAB(t *testing.T) {
	// pairs of (old, new) built from ratios around a centre.
	pairs := func(centre float64, spread ...float64) *ABSeries {
		s := &ABSeries{Key: Key{Name: "cg", Class: "W", Places: 1}}
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
	m := &ABMeasurement{Series: []*ABSeries{pairs(1, noise...)}, Failures: []Failure{{Key: Key{Name: "cg", Class: "W", Places: 1}, Msg: "new side: not verified"}}}
	rows := JudgeAB(m, 0.10, 0.95)
	if line, ok := ABSummary(rows, m.Failures, 0.10, 0.95); ok || rows[0].Failed != 1 {
		t.Errorf("failed run: ok=%v failed=%d: %s", ok, rows[0].Failed, line)
	}
	rows = JudgeAB(&ABMeasurement{Series: []*ABSeries{pairs(1.3, noise...)}}, 0.10, 0.95)
	if line, ok := ABSummary(rows, nil, 0.10, 0.95); ok {
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
	if line, ok := ABSummary(rows, nil, 0.10, 0.95); ok || strings.Contains(line, "ok") || !strings.Contains(line, "regress: CANNOT JUDGE (too few pairs for a 95% interval): cg/W/1") {
		t.Errorf("too few pairs: ok=%v: %s", ok, line)
	}
}
