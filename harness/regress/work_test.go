package regress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"npbgo/npb"
)

func TestParseCallgrindTotals(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     map[string]uint64
		err      bool
	}{
		{"plain", "version: 1\nevents: Ir\nfl=x\n1 2\nsummary: 282666739\ntotals: 282666739\n", map[string]uint64{"Ir": 282666739}, false},
		{"cache", "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\ntotals: 10 5 4 1 2 3 0 1 1\n",
			map[string]uint64{"Ir": 10, "D1mr": 2, "D1mw": 3, "DLmr": 1, "DLmw": 1}, false},
		{"empty", "", nil, true},
		{"bad number", "events: Ir\nsummary: x\n", nil, true},
	} {
		got, err := parseCallgrindTotals(strings.NewReader(tt.in))
		if (err != nil) != tt.err {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: %s = %d, want %d", tt.name, k, got[k], v)
			}
		}
	}
}

func TestCompareWork(t *testing.T) {
	base := &WorkBaseline{Counts: []WorkCount{
		{Name: "cg", Class: npb.ClassS, Instructions: 1000000},
		{Name: "mg", Class: npb.ClassS, Instructions: 1000000},
		{Name: "cg-mpi", Class: npb.ClassS, Places: 4, Instructions: 2000000},
		{Name: "ft-mpi", Class: npb.ClassS, Places: 2, Instructions: 1000000},
	}}
	tests := []struct {
		now                 WorkCount
		regression, missing bool
	}{
		{WorkCount{Name: "cg", Class: npb.ClassS, Instructions: 1030000}, true, false},  // +3%: the gate fires
		{WorkCount{Name: "mg", Class: npb.ClassS, Instructions: 1000150}, false, false}, // +0.015%: run-to-run spread
		{WorkCount{Name: "sp", Class: npb.ClassS, Instructions: 5}, false, true},
		{WorkCount{Name: "cg-mpi", Class: npb.ClassS, Places: 4, Instructions: 2060000}, true, false},
		{WorkCount{Name: "cg-mpi", Class: npb.ClassS, Places: 4, Instructions: 1990000}, false, false},
		// Another place count is another point, never compared across.
		{WorkCount{Name: "ft-mpi", Class: npb.ClassS, Places: 4, Instructions: 9000000}, false, true},
		{WorkCount{Name: "cg-mpi", Class: npb.ClassS, Instructions: 9000000}, false, true},
	}
	for _, tt := range tests {
		v := CompareWork(base, []WorkCount{tt.now}, 0.02)[0]
		if v.Key != tt.now.Key() || v.Regression != tt.regression || v.Missing != tt.missing {
			t.Errorf("%s: verdict %+v, want regression %v, missing %v", tt.now.Key(), v, tt.regression, tt.missing)
		}
	}
}

func TestWorkKey(t *testing.T) {
	for _, tt := range []struct {
		w    WorkCount
		want string
	}{
		{WorkCount{Name: "cg", Class: npb.ClassS}, "cg/S"},
		{WorkCount{Name: "cg-mpi", Class: npb.ClassS, Places: 4}, "cg-mpi/S@4"},
		{WorkCount{Name: "lu-hp", Class: npb.ClassW, Places: 1}, "lu-hp/W@1"},
	} {
		if got := tt.w.Key(); got != tt.want {
			t.Errorf("%+v: key %q, want %q", tt.w, got, tt.want)
		}
	}
}

// TestLoadWork reads a file written before the place count was recorded
// (its counts are serial points) and one with message-passing forms.
func TestLoadWork(t *testing.T) {
	for _, tt := range []struct {
		name, json string
		keys       []string
		err        string
	}{
		{"old", `{"format": 1, "go_version": "go1", "build": "", "cache_sim": false,
			"counts": [{"name": "is", "class": "S", "instructions": 5527705}]}`, []string{"is/S"}, ""},
		{"ranks", `{"format": 1, "go_version": "go1", "build": "", "cache_sim": false, "counts": [
			{"name": "cg", "class": "S", "instructions": 1},
			{"name": "cg-mpi", "class": "S", "places": 4, "instructions": 2}]}`, []string{"cg/S", "cg-mpi/S@4"}, ""},
		{"unknown field", `{"format": 1, "counts": [{"name": "cg", "ranks": 4}]}`, nil, "is not valid"},
		{"no counts", `{"format": 1}`, nil, "with 0 counts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "work.json")
			if err := os.WriteFile(path, []byte(tt.json), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := LoadWork(path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, c := range b.Counts {
				keys = append(keys, c.Key())
			}
			if strings.Join(keys, " ") != strings.Join(tt.keys, " ") {
				t.Errorf("keys %v, want %v", keys, tt.keys)
			}
			// Saved again, it reads back the same.
			if err := b.Save(path); err != nil {
				t.Fatal(err)
			}
			if again, err := LoadWork(path); err != nil || len(again.Counts) != len(b.Counts) || again.Counts[len(keys)-1] != b.Counts[len(keys)-1] {
				t.Errorf("read back %+v, %v", again, err)
			}
		})
	}
}

func TestLastLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"npb run: cg-mpi: 3 processes: the number of processes must be a power of two\n==12== \n==12== Events    : Ir\n==12== Collected : 0\n", "npb run: cg-mpi: 3 processes: the number of processes must be a power of two"},
		{"a\nb\n\n", "b"},
		{"==1== only valgrind\n", ""},
		{"", ""},
	} {
		if got := lastLine(tt.in); got != tt.want {
			t.Errorf("lastLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMergeWork: an update of some points keeps the others' counts, each
// point known by kernel, class and place count.
func TestMergeWork(t *testing.T) {
	w := func(name string, np int, n uint64) WorkCount {
		return WorkCount{Name: name, Class: npb.ClassS, Places: np, Instructions: n}
	}
	tests := []struct {
		name     string
		now, old []WorkCount
		want     []WorkCount
	}{
		{"one kernel recounted", []WorkCount{w("cg-mpi", 4, 9)},
			[]WorkCount{w("is", 0, 1), w("cg", 0, 2), w("cg-mpi", 4, 3)},
			[]WorkCount{w("is", 0, 1), w("cg", 0, 2), w("cg-mpi", 4, 9)}},
		{"another place count is another point", []WorkCount{w("cg-mpi", 2, 9)},
			[]WorkCount{w("cg-mpi", 4, 3), w("cg", 0, 2)},
			[]WorkCount{w("cg", 0, 2), w("cg-mpi", 2, 9), w("cg-mpi", 4, 3)}},
		{"no old file", []WorkCount{w("mg-mpi", 4, 1), w("is", 0, 2), w("mg", 0, 3)}, nil,
			[]WorkCount{w("is", 0, 2), w("mg", 0, 3), w("mg-mpi", 4, 1)}},
	}
	for _, tc := range tests {
		got := MergeWork(tc.now, tc.old)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}
