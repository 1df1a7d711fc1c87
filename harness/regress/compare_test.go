package regress

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// noisy returns n samples around center with relative spread rel, from a
// fixed seed so that every run of the test sees the same numbers.
func noisy(seed uint64, n int, center, rel float64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = center * (1 + rel*(2*r.Float64()-1))
	}
	return x
}

func scale(x []float64, f float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = v * f
	}
	return y
}

func TestCompareSamples(t *testing.T) {
	base := noisy(1, 10, 5, 0.03)
	tests := []struct {
		name    string
		base    []float64
		cur     []float64
		want    Verdict
		sigP    bool // p < alpha expected
		change  float64
		changeT float64 // tolerance on change
	}{
		{"clear regression", base, noisy(2, 10, 6.5, 0.03), Regression, true, 0.30, 0.05},
		{"noise", base, noisy(3, 10, 5, 0.03), OK, false, 0, 0.03},
		{"large noise hides a shift", noisy(4, 10, 5, 0.6), noisy(5, 10, 5.75, 0.6), OK, false, 0.15, 0.5},
		{"significant but under threshold", base, noisy(6, 10, 5.25, 0.01), OK, true, 0.05, 0.03},
		{"improvement", base, noisy(7, 10, 3.5, 0.03), Improvement, true, -0.30, 0.05},
		{"too few samples", base[:3], scale(base[:3], 2), Insufficient, false, 1, 1e-9},
		{"no current samples", base, nil, Insufficient, false, math.NaN(), 0},
		{"no baseline samples", nil, base, Insufficient, false, math.NaN(), 0},
		{"few current samples, many baseline", base, noisy(8, 3, 7, 0.01), Regression, true, 0.4, 0.05},
		{"one current sample", base, []float64{9}, Insufficient, false, 0.8, 0.05},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := append([]float64(nil), tc.cur...)
			r := CompareSamples(tc.base, cur, 0.10, 0.01)
			if r.Verdict != tc.want {
				t.Errorf("verdict %q, want %q (change %.3f, p %.3g)", r.Verdict, tc.want, r.Change, r.P)
			}
			if got := r.P < 0.01; got != tc.sigP {
				t.Errorf("p = %.3g, want significant = %v", r.P, tc.sigP)
			}
			if math.IsNaN(tc.change) != math.IsNaN(r.Change) || math.Abs(r.Change-tc.change) > tc.changeT {
				t.Errorf("change %.3f, want %.3f ± %.3f", r.Change, tc.change, tc.changeT)
			}
			for i := range cur {
				if cur[i] != tc.cur[i] {
					t.Fatal("CompareSamples reordered its input")
				}
			}
		})
	}
}

func TestMinUTestP(t *testing.T) {
	tests := []struct {
		n1, n2 int
		want   float64
	}{
		{0, 5, 1}, {1, 1, 1}, {3, 3, 0.1}, {5, 5, 2.0 / 252}, {10, 3, 2.0 / 286},
	}
	for _, tc := range tests {
		if got := minUTestP(tc.n1, tc.n2); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("minUTestP(%d, %d) = %g, want %g", tc.n1, tc.n2, got, tc.want)
		}
	}
}

func TestCompareAndSummary(t *testing.T) {
	cg1 := Key{"cg", 'W', 1}
	mg1 := Key{"mg", 'W', 1}
	is1 := Key{"is", 'W', 1}
	run2 := Key{"places-run", 0, 2}
	base := &Baseline{Series: []*Series{
		{Key: cg1, Ratio: noisy(1, 10, 9, 0.02)},
		{Key: mg1, Ratio: noisy(2, 10, 5, 0.02)},
		{Key: run2, Ratio: noisy(3, 10, 4e-5, 0.02)},
	}}
	series := func(k Key, r []float64) *Series { return &Series{Key: k, Ratio: r, Seconds: r} }
	tests := []struct {
		name     string
		cur      *Measurement
		ok       bool
		verdicts map[Key]Verdict
		want     []string
	}{
		{"all ok", &Measurement{Series: []*Series{series(cg1, noisy(4, 10, 9, 0.02)), series(mg1, noisy(5, 10, 5, 0.02))}},
			true, map[Key]Verdict{cg1: OK, mg1: OK}, []string{"regress: ok: no regression (≥10% slower at p<0.01) in 2 points"}},
		{"cg regressed", &Measurement{Series: []*Series{series(cg1, noisy(4, 10, 11.7, 0.02)), series(mg1, noisy(5, 10, 5, 0.02))}},
			false, map[Key]Verdict{cg1: Regression, mg1: OK}, []string{"REGRESSION", "cg/W/1 is 29.0% slower (median ratio 9.104 → 11.74; Mann-Whitney p=1.1e-05 < 0.01, n=10+10)"}},
		{"improvement and new point", &Measurement{Series: []*Series{series(run2, noisy(4, 10, 2e-5, 0.02)), series(is1, noisy(5, 10, 1, 0.02))}},
			true, map[Key]Verdict{run2: Improvement, is1: NoBaseline}, []string{"ok:", "improvements: places-run/2 49.5% faster (p=1.1e-05)", "not in the baseline (refresh it with -update): is/W/1"}},
		{"failed verification", &Measurement{Series: []*Series{series(cg1, noisy(4, 10, 9, 0.02))},
			Failures: []Failure{{cg1, "verification failed: zeta"}, {cg1, "verification failed: zeta"}}},
			false, map[Key]Verdict{cg1: OK}, []string{"FAILED CHECKS: cg/W/1: verification failed: zeta (2 times)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := Compare(base, tc.cur, 0.10, 0.01)
			for _, r := range rows {
				if want, ok := tc.verdicts[r.Key]; ok && r.Verdict != want {
					t.Errorf("%s: verdict %q, want %q", r.Key, r.Verdict, want)
				}
			}
			line, ok := Summary(rows, tc.cur.Failures, 0.10, 0.01)
			if ok != tc.ok {
				t.Errorf("ok = %v, want %v: %s", ok, tc.ok, line)
			}
			if strings.Contains(line, "\n") {
				t.Errorf("summary is more than one line: %q", line)
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("summary %q lacks %q", line, w)
				}
			}
			var tab strings.Builder
			WriteTable(&tab, rows)
			if got := strings.Count(tab.String(), "\n"); got != len(rows)+1 {
				t.Errorf("table has %d lines, want %d:\n%s", got, len(rows)+1, tab.String())
			}
		})
	}
}
