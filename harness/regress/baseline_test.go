package regress

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleMeasurement() *Measurement {
	return &Measurement{
		Series: []*Series{
			{Key: Key{"cg", 'W', 1}, Ops: 1, Ratio: []float64{9.1, 9.3, 8.9}, Seconds: []float64{0.12, 0.125, 0.119},
				CalMem: []float64{0.016, 0.017, 0.016}, CalFP: []float64{0.02, 0.021, 0.02}},
			{Key: Key{"places-barrier", 0, 2}, Ops: 632286, Ratio: []float64{5.7e-6, 5.9e-6}, Seconds: []float64{2.6e-7, 2.7e-7},
				CalMem: []float64{0.015, 0.016}, CalFP: []float64{0.02, 0.021}},
		},
		Elapsed: 42 * time.Second,
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "baseline.json") // the directory is made
	m := sampleMeasurement()
	b := NewBaseline(m, Plan{Reps: 3, MinSample: 50 * time.Millisecond}, []string{"npb", "regress", "-update"})
	if err := b.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Series, m.Series) {
		t.Errorf("series differ after a round trip:\n got %+v\nwant %+v", got.Series, m.Series)
	}
	if got.Calibration.Version != CalibrationVersion || got.Calibration.Description == "" {
		t.Errorf("calibration %+v", got.Calibration)
	}
	if got.Env == nil || got.Env.GoVersion == "" || got.Date.IsZero() || got.Reps != 3 || got.Seconds != 42 {
		t.Errorf("machine facts missing: env %+v date %v reps %d seconds %v", got.Env, got.Date, got.Reps, got.Seconds)
	}
	if ops := got.Ops(); ops[Key{"places-barrier", 0, 2}] != 632286 {
		t.Errorf("Ops() = %v", ops)
	}
	// Saving again replaces the file whole and leaves no temporary file.
	if err := b.Save(path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d files after two saves, want 1", len(entries))
	}
}

func TestBaselineMerge(t *testing.T) {
	old := NewBaseline(sampleMeasurement(), Plan{}, nil)
	fresh := &Baseline{Series: []*Series{{Key: Key{"cg", 'W', 1}, Ratio: []float64{1}}}}
	kept := fresh.Merge(old)
	if len(kept) != 1 || kept[0] != (Key{"places-barrier", 0, 2}) {
		t.Errorf("kept %v", kept)
	}
	if len(fresh.Series) != 2 || fresh.Series[0].Ratio[0] != 1 {
		t.Errorf("merged series %+v", fresh.Series)
	}
}

func TestLoadBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.json"), "does not exist (make one with 'npb regress -update"},
		{"directory", dir, "cannot read baseline"},
		{"not JSON", write("bad.json", "{\"format\": 1, \"series\": ["), "is not a valid baseline file"},
		{"unknown field", write("field.json", `{"format": 1, "serie": []}`), "unknown field"},
		{"old format", write("old.json", `{"format": 0, "series": [{"name": "cg", "places": 1, "ratio": [1]}]}`), "format 0"},
		{"empty", write("empty.json", `{"format": 1, "series": []}`), "has no samples"},
		{"no samples", write("nos.json", `{"format": 1, "series": [{"name": "cg", "class": "W", "places": 1, "ratio": []}]}`), "cg/W/1 has no samples"},
		{"bad ratio", write("neg.json", `{"format": 1, "series": [{"name": "cg", "class": "W", "places": 1, "ratio": [-1]}]}`), "bad ratio -1"},
		{"duplicate", write("dup.json", `{"format": 1, "series": [{"name": "cg", "places": 1, "ratio": [1]}, {"name": "cg", "places": 1, "ratio": [1]}]}`), "appears twice"},
		{"bad places", write("pl.json", `{"format": 1, "series": [{"name": "cg", "places": 0, "ratio": [1]}]}`), "bad point"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || !strings.Contains(msg, tc.path) || !strings.HasPrefix(msg, "regress: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with 'regress: ', naming %s and containing %q", msg, tc.path, tc.want)
			}
		})
	}
}
