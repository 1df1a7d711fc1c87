package harness

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlotsEdgeCases: a single point, only the serial point, only failed
// runs, a zero time: every plot that can be drawn is, and none panics.
func TestPlotsEdgeCases(t *testing.T) {
	ok := func(k string, np int, secs float64) Run {
		return Run{Job: Job{Impl: ImplGo, Kernel: k, Class: "S", Places: np, Rep: 1}, Status: StatusOK, Seconds: secs, Mops: 1 / secs}
	}
	tests := []struct {
		name  string
		runs  []Run
		files []string
	}{
		{"one point", []Run{ok("cg", 2, 0.5)}, []string{"times.svg"}},
		{"serial only", []Run{ok("cg", 0, 0.5), ok("mg", 0, 0.25)}, []string{"times.svg"}},
		{"one and two", []Run{ok("cg", 1, 0.5), ok("cg", 2, 0.25)}, []string{"times.svg", "speedup.svg", "speedup.png"}},
		{"zero time", []Run{ok("cg", 1, 0), ok("cg", 2, 0.25)}, []string{"times.svg"}},
		{"failed only", []Run{{Job: Job{Impl: ImplGo, Kernel: "cg", Class: "S", Places: 1}, Status: StatusFailed, Seconds: math.NaN()}}, nil},
		{"nothing", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := writePlots(dir, "test", Points(tc.runs)); err != nil {
				t.Fatal(err)
			}
			var got []string
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				got = append(got, e.Name())
			}
			want := map[string]bool{}
			for _, f := range tc.files {
				want[f] = true
				if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || len(b) == 0 {
					t.Errorf("%s: %v", f, err)
				}
			}
			if len(got) != len(tc.files) {
				t.Errorf("files %v, want %v", got, tc.files)
			}
			if svg := filepath.Join(dir, "times.svg"); want["times.svg"] {
				if b, _ := os.ReadFile(svg); !strings.Contains(string(b), "median time (s)") {
					t.Errorf("times.svg lacks its axis label")
				}
			}
		})
	}
}
