package harness

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"npbgo/harness/peak"
)

// fakeProbe scales perfectly in compute and by 1.5 in memory.
func fakeProbe(calls *[][]int) ScalingProbe {
	return func(ps []int) ([]Scaling, error) {
		*calls = append(*calls, ps)
		var out []Scaling
		for _, np := range ps {
			mem := 1.0
			if np > 1 {
				mem = 1 / 1.5
			}
			out = append(out, Scaling{Places: np, Memory: mem, Compute: 2})
		}
		return out, nil
	}
}

func TestSweepProbe(t *testing.T) {
	plan := Plan{Class: "S", Kernels: []string{"cg"}, Places: []int{0, 2}, Reps: 1}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	var calls [][]int
	s.Probe = fakeProbe(&calls)
	if err := s.Execute(context.Background(), &fakeRunner{}, nil); err != nil {
		t.Fatal(err)
	}
	// 1 is always probed: it is the base of the speedups.
	if len(calls) != 2 || !slices.Equal(calls[0], []int{1, 2}) {
		t.Fatalf("probe calls %v", calls)
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, "env.json"))
	if err != nil {
		t.Fatal(err)
	}
	var env struct{ Scaling []Scaling }
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	if len(env.Scaling) != 4 || env.Scaling[0].When != "before" || env.Scaling[3].When != "after" {
		t.Errorf("env.json scaling %+v", env.Scaling)
	}
	sp := readFile(t, filepath.Join(s.Dir, "speedup.md"))
	for _, want := range []string{"| memory  | before | 1.00 | 1.50 |", "| compute |  after | 1.00 | 2.00 |"} {
		if !strings.Contains(sp, want) {
			t.Errorf("speedup.md lacks %q:\n%s", want, sp)
		}
	}
}

func TestSweepProbeFails(t *testing.T) {
	plan := Plan{Class: "S", Kernels: []string{"cg"}, Places: []int{1}, Reps: 1}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	s.Probe = func([]int) ([]Scaling, error) { return nil, errors.New("no memory") }
	if err := s.Execute(context.Background(), &fakeRunner{}, nil); err != nil {
		t.Fatalf("a failed probe failed the sweep: %v", err)
	}
	if env := readFile(t, filepath.Join(s.Dir, "env.json")); !strings.Contains(env, `"scaling_error": "no memory"`) {
		t.Errorf("env.json:\n%s", env)
	}
	if sp := readFile(t, filepath.Join(s.Dir, "speedup.md")); strings.Contains(sp, "ceiling") {
		t.Errorf("speedup.md shows a probe that failed:\n%s", sp)
	}
}

func TestWriteScaling(t *testing.T) {
	tests := []struct {
		name  string
		in    []Scaling
		want  []string // lines that must appear
		none  bool     // no section at all
		quiet bool     // must not be flagged as busy
	}{
		{name: "empty", none: true},
		{
			name: "before only",
			in: []Scaling{
				{When: "before", Places: 1, Memory: 2, Compute: 1},
				{When: "before", Places: 4, Memory: 1, Compute: 2},
			},
			want: []string{"| probe   |   when |    1 |    4 |", "| memory  | before | 1.00 | 2.00 |", "| compute | before | 1.00 | 2.00 |", "only 50% of ideal at 4 places"},
		},
		{
			name: "quiet machine",
			in: []Scaling{
				{When: "after", Places: 1, Memory: 1, Compute: 1},
				{When: "after", Places: 2, Memory: 0.6, Compute: 1.05},
			},
			want:  []string{"| memory  | after | 1.00 | 1.67 |", "| compute | after | 1.00 | 1.90 |"},
			quiet: true,
		},
		{
			name: "busy machine",
			in: []Scaling{
				{When: "before", Places: 1, Memory: 1, Compute: 1},
				{When: "before", Places: 2, Memory: 1, Compute: 1.5},
			},
			want: []string{"| compute | before | 1.00 | 1.33 |", "only 67% of ideal at 2 places"},
		},
		// The compute probe short of ideal with no other work seen: the
		// machine's own limit (SMT siblings, a VM's vCPUs), not a busy one.
		{
			name: "idle machine short of ideal",
			in: []Scaling{
				{When: "before", Places: 1, Memory: 1, Compute: 1, LoadKnown: true, Other: 0.02},
				{When: "before", Places: 2, Memory: 1, Compute: 1.4, LoadKnown: true, Other: 0.03},
			},
			want: []string{"The compute probe reached only 71% of ideal at 2 places with no other work seen (other processes used at most 0.03 CPUs, the hypervisor took 0.00): this machine does not run 2 places at full speed at once"},
		},
		{
			name: "other work seen",
			in: []Scaling{
				{When: "before", Places: 1, Memory: 1, Compute: 1, LoadKnown: true, Other: 0.9},
				{When: "before", Places: 2, Memory: 1, Compute: 1.5, LoadKnown: true, Other: 0.85},
			},
			want: []string{"The compute probe reached only 67% of ideal at 2 places while other processes used up to 0.90 CPUs and the hypervisor took 0.00: Speedups measured meanwhile are lower bounds"},
		},
		{
			name: "stolen",
			in: []Scaling{
				{When: "after", Places: 1, Memory: 1, Compute: 1, LoadKnown: true, Steal: 0.4},
				{When: "after", Places: 2, Memory: 1, Compute: 1.5, LoadKnown: true, Steal: 0.4},
			},
			want: []string{"while other processes used up to 0.00 CPUs and the hypervisor took 0.40"},
		},
		// The GFLOP/s row says which peak it is; an env.json from before
		// the peak was measured apart has the calibration's scalar rate.
		{
			name: "vector peak",
			in: []Scaling{
				{When: "now", Places: 1, Memory: 1, Compute: 1, MemoryGBs: 5, ComputeGFlops: 48, ComputeKind: peak.Vector},
				{When: "now", Places: 2, Memory: 0.5, Compute: 0.5, MemoryGBs: 10, ComputeGFlops: 96, ComputeKind: peak.Vector},
			},
			want:  []string{"| vector peak GFLOP/s |  now |   48 |   96 |", "on 256-bit vectors (the chip's vector peak"},
			quiet: true,
		},
		{
			name: "scalar peak",
			in: []Scaling{
				{When: "now", Places: 1, Memory: 1, Compute: 1, ComputeGFlops: 12, ComputeKind: peak.Scalar},
			},
			want: []string{"| scalar peak GFLOP/s |  now |   12 |", "on single float64 (the peak of scalar code"},
		},
		{
			name: "calibration rate",
			in: []Scaling{
				{When: "before", Places: 1, Memory: 1, Compute: 1, ComputeGFlops: 2.5},
			},
			want: []string{"| compute GFLOP/s | before |  2.5 |", "the compute part's GFLOP/s over all places (scalar code, half of it latency-bound"},
		},
		{
			name: "no base at 1 place",
			in:   []Scaling{{When: "after", Places: 2, Memory: 1, Compute: 1}},
			want: []string{"| memory  | after | - |"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			WriteScaling(&b, tc.in)
			if tc.none != (b.Len() == 0) {
				t.Fatalf("output:\n%s", b.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
			if tc.quiet && strings.Contains(b.String(), "of ideal") {
				t.Errorf("flags a quiet machine as busy:\n%s", b.String())
			}
			// Other work is blamed only when the CPU accounting saw some.
			if blamed := strings.Contains(b.String(), "other processes used up to"); blamed != (tc.name == "other work seen" || tc.name == "stolen") ||
				strings.Contains(b.String(), "other work shared these cores") {
				t.Errorf("blames other work wrongly:\n%s", b.String())
			}
		})
	}
}

func TestPeakKind(t *testing.T) {
	tests := []struct {
		in          []Scaling
		kind, label string
	}{
		{nil, "", "scalar code"},
		{[]Scaling{{ComputeGFlops: 3}}, "", "scalar code"},
		{[]Scaling{{ComputeGFlops: 40, ComputeKind: peak.Vector}}, peak.Vector, "vector peak"},
		{[]Scaling{{ComputeGFlops: 10, ComputeKind: peak.Scalar}}, peak.Scalar, "scalar peak"},
		// A point without a rate says nothing of the kind.
		{[]Scaling{{ComputeGFlops: 40, ComputeKind: peak.Vector}, {Places: 2}}, peak.Vector, "vector peak"},
	}
	for _, tc := range tests {
		if kind, label := peakKind(tc.in); kind != tc.kind || label != tc.label {
			t.Errorf("peakKind(%+v) = %q, %q; want %q, %q", tc.in, kind, label, tc.kind, tc.label)
		}
	}
}
