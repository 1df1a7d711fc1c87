package harness

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		xs                    []float64
		median, min, max, mad float64
	}{
		{[]float64{2}, 2, 2, 2, 0},
		{[]float64{3, 1, 2}, 2, 1, 3, 1},
		{[]float64{1, 2, 3, 4}, 2.5, 1, 4, 1},
		// One slow run moves neither the median nor the MAD much.
		{[]float64{0.62, 0.61, 0.63, 0.62, 5.0}, 0.62, 0.61, 5.0, 0.01},
	}
	for _, tc := range tests {
		s := Summarize(tc.xs)
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
		if s.N != len(tc.xs) || !near(s.Median, tc.median) || s.Min != tc.min || s.Max != tc.max || !near(s.MAD, tc.mad) {
			t.Errorf("Summarize(%v) = %+v", tc.xs, s)
		}
	}
	if s := Summarize(nil); s.N != 0 || !math.IsNaN(s.Median) || !math.IsNaN(s.MAD) {
		t.Errorf("Summarize(nil) = %+v", s)
	}
	if r := Summarize([]float64{1, 2, 3}).RelMAD(); r != 0.5 {
		t.Errorf("RelMAD %v", r)
	}
}

func TestPointsSpeedup(t *testing.T) {
	runs := []Run{
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'A', Places: 4}, Status: StatusOK, Seconds: 1},
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'A', Places: 1}, Status: StatusOK, Seconds: 3.6},
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'A', Places: 0}, Status: StatusOK, Seconds: 3.5},
		{Job: Job{Impl: ImplGo, Kernel: "is", Class: 'A', Places: 2}, Status: StatusOK, Seconds: 1},
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'A', Places: 1}, Status: StatusFailed, Seconds: math.NaN()},
	}
	pts := Points(runs)
	var got []string
	for _, p := range pts {
		got = append(got, p.Kernel+"/"+p.Places.String()+"="+fmtRatio(p.Speedup)+","+fmtRatio(p.Efficiency))
	}
	want := "[is/2=-,- cg/S=-,- cg/1=1.00,1.00 cg/4=3.60,0.90]"
	if s := "[" + join(got) + "]"; s != want {
		t.Errorf("points %s, want %s", s, want)
	}
	if pts[2].Runs != 2 || len(pts[2].Failed) != 1 || pts[2].Time.N != 1 {
		t.Errorf("cg/1: %+v", pts[2])
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}
