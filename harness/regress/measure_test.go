package regress

import (
	"math"
	"strings"
	"testing"
	"time"

	"npbgo/harness/peak"
	"npbgo/npb"
)

func TestMeasurePlacesWorkloads(t *testing.T) {
	if raceEnabled {
		t.Skip("the calibration's 96 MiB triad is slow under the race detector; places is race-tested in its package")
	}
	p := Plan{Class: npb.Class('S'), Names: PlacesWorkloads, Places: []int{1, 2}, Reps: 2, MinSample: time.Millisecond,
		Ops: map[Key]int{{"places-run", "", 2}: 7}}
	m, err := Measure(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Series) != 6 || len(m.Failures) != 0 {
		t.Fatalf("%d series, failures %v", len(m.Series), m.Failures)
	}
	for i, s := range m.Series {
		if want := (Key{PlacesWorkloads[i/2], "", 1 + i%2}); s.Key != want {
			t.Errorf("series %d is %s, want %s", i, s.Key, want)
		}
		if s.Ops < 1 || len(s.Ratio) != 2 || len(s.Seconds) != 2 || len(s.CalMem) != 2 || len(s.CalFP) != 2 {
			t.Errorf("%s: ops %d, %d/%d/%d/%d samples", s.Key, s.Ops, len(s.Ratio), len(s.Seconds), len(s.CalMem), len(s.CalFP))
		}
		for j, r := range s.Ratio {
			if want := s.Seconds[j] / (s.CalMem[j] + s.CalFP[j]); !(r > 0) || r != want {
				t.Errorf("%s: ratio %g, want seconds/(mem+fp) = %g", s.Key, r, want)
			}
		}
		if s.Key == (Key{"places-run", "", 2}) && s.Ops != 7 {
			t.Errorf("%s: ops %d, want 7 from Plan.Ops", s.Key, s.Ops)
		}
	}
	if strings.Contains(m.LoadNote(2), "unknown") {
		t.Logf("no /proc/stat here: %s", m.LoadNote(2))
	}
}

func TestMeasureBadPlan(t *testing.T) {
	tests := []struct {
		name string
		plan Plan
		want string
	}{
		{"unknown workload", Plan{Names: []string{"xx"}, Places: []int{1}, Reps: 1}, `unknown workload "xx"`},
		{"no reps", Plan{Names: PlacesWorkloads, Places: []int{1}}, "reps must be at least 1"},
		{"zero places", Plan{Names: PlacesWorkloads, Places: []int{0}, Reps: 1}, "place count must be at least 1"},
		{"bad factor", Plan{Names: PlacesWorkloads, Places: []int{1}, Reps: 1, Inject: map[string]float64{"places-run": 0.5}}, "must be ≥ 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Measure(tc.plan)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCheckAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	fails, err := CheckAllocs([]int{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
}

func TestSpin(t *testing.T) {
	for _, sec := range []float64{-1, 0, 0.002} {
		got := spin(sec)
		if sec <= 0 && got != 0 || sec > 0 && got < sec {
			t.Errorf("spin(%g) = %g", sec, got)
		}
	}
}

func TestScaling(t *testing.T) {
	if _, err := Scaling([]int{1, 0}); err == nil {
		t.Error("Scaling accepted 0 places")
	}
	if raceEnabled {
		t.Skip("the calibration's 96 MiB triad is slow under the race detector")
	}
	sc, err := Scaling([]int{1, 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(sc) != 2 || sc[0].Places != 1 || sc[1].Places != 3 {
		t.Fatalf("points %+v", sc)
	}
	for _, s := range sc {
		if !(s.Memory > 0 && s.Compute > 0) || math.IsInf(s.Memory, 0) || math.IsInf(s.Compute, 0) {
			t.Errorf("times %+v", s)
		}
		// The GFLOP/s are the peak's, and say which.
		if !(s.ComputeGFlops > 0) || math.IsInf(s.ComputeGFlops, 0) || s.ComputeKind != peak.Kind() {
			t.Errorf("peak %+v, want kind %q", s, peak.Kind())
		}
	}
}
