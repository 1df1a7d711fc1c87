package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/perf/benchfmt"

	"npbgo/runtime/places"
)

func TestAutoPlaces(t *testing.T) {
	tests := []struct {
		ncpu int
		want []places.Count
	}{
		{1, []places.Count{0, 1}},
		{2, []places.Count{0, 1, 2}},
		{3, []places.Count{0, 1, 2, 3}},
		{6, []places.Count{0, 1, 2, 4, 6}},
		{8, []places.Count{0, 1, 2, 4, 8}},
		{96, []places.Count{0, 1, 2, 4, 8, 16, 32, 64, 96}},
	}
	for _, tc := range tests {
		if got := AutoPlaces(tc.ncpu); !slices.Equal(got, tc.want) {
			t.Errorf("AutoPlaces(%d) = %v, want %v", tc.ncpu, got, tc.want)
		}
	}
}

func TestParsePlaces(t *testing.T) {
	tests := []struct {
		in   string
		want []places.Count
		err  string
	}{
		{"auto", []places.Count{0, 1, 2, 4}, ""},
		{"AUTO", []places.Count{0, 1, 2, 4}, ""},
		{"S,1,2,4", []places.Count{0, 1, 2, 4}, ""},
		{"4, 2,s,2", []places.Count{0, 2, 4}, ""},
		{"serial", []places.Count{0}, ""},
		{"3", []places.Count{3}, ""},
		{"0", nil, `bad place count "0"`},
		{"1,-2", nil, `bad place count "-2"`},
		{"1,,2", nil, `bad place count ""`},
		{"two", nil, `bad place count "two"`},
		{"", nil, `bad place count ""`},
		{strconv.Itoa(MaxPlaces()), []places.Count{places.Count(MaxPlaces())}, ""},
		{"1," + strconv.Itoa(MaxPlaces()+1), nil, fmt.Sprintf(`bad place count %d in "1,%[1]d": %v`, MaxPlaces()+1, CheckPlaces(MaxPlaces()+1))},
		{"1,4097", nil, `bad place count 4097 in "1,4097": at most 4096 places`},
	}
	for _, tc := range tests {
		got, err := ParsePlaces(tc.in, 4)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParsePlaces(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParsePlaces(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestJobsInterleaved(t *testing.T) {
	p := Plan{Class: 'A', Kernels: []string{"cg", "mg"}, Places: []places.Count{0, 1, 2}, Reps: 2, Fortran: []string{"cg"}}
	var got []string
	for _, j := range p.Jobs() {
		got = append(got, j.Name())
	}
	want := []string{
		"cg.A.pS.r1", "cg.A.p1.r1", "cg.A.t1.r1", "cg.A.p2.r1", "cg.A.t2.r1", "mg.A.pS.r1", "mg.A.p1.r1", "mg.A.p2.r1",
		"cg.A.pS.r2", "cg.A.p1.r2", "cg.A.t1.r2", "cg.A.p2.r2", "cg.A.t2.r2", "mg.A.pS.r2", "mg.A.p1.r2", "mg.A.p2.r2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order\n got %v\nwant %v", got, want)
	}
	if l := (Job{Impl: ImplFortran, Kernel: "cg", Class: 'A', Places: 2, Rep: 1}).LogPath(); l != "logs/fortran/cg.A.t2.r1.txt" {
		t.Errorf("fortran log path %s", l)
	}
}

func testEnv() *Env {
	return &Env{Host: "testhost", CPUModel: "Test CPU @ 1GHz", NumCPU: 2, GOMAXPROCS: 2, GOOS: "linux", GOARCH: "amd64",
		GoVersion: "go1.26.8", Started: time.Date(2026, 11, 22, 15, 30, 0, 0, time.UTC)}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSweep(t *testing.T) {
	plan := Plan{Class: 'S', Kernels: []string{"cg", "mg"}, Places: []places.Count{0, 1, 2}, Reps: 3, Fortran: []string{"cg"}}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(s.Dir) != "2026-11-22T1530-testhost-S" {
		t.Errorf("sweep dir %s", s.Dir)
	}
	fr := &fakeRunner{fail: map[string]Status{"cg.S.p2.r2": StatusUnverified, "mg.S.p1.r3": StatusFailed}}
	var prog strings.Builder
	if err := s.Execute(context.Background(), fr, NewProgress(&prog, false)); err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 24 || s.Interrupted {
		t.Fatalf("%d runs, interrupted %v", len(s.Runs), s.Interrupted)
	}
	for _, name := range []string{"raw.csv", "summary.json", "times.md", "speedup.md", "bench.txt", "bench-fortran.txt",
		"speedup.svg", "speedup.png", "times.svg", "env.json", "logs/cg.S.pS.r1.txt", "logs/fortran/cg.S.t2.r3.txt"} {
		if fi, err := os.Stat(filepath.Join(s.Dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	// One progress line per run, when not on a terminal.
	if n := strings.Count(prog.String(), "\n"); n != 24 || strings.Contains(prog.String(), "\r") {
		t.Errorf("progress has %d lines:\n%s", n, prog.String())
	}
	if !strings.Contains(prog.String(), "[24/24] mg S places=2  rep 3") || !strings.Contains(prog.String(), "UNVERIFIED: verification failed") {
		t.Errorf("progress:\n%s", prog.String())
	}

	runs, err := ReadRawCSV(filepath.Join(s.Dir, "raw.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 24 || runs[0].Name() != "cg.S.pS.r1" || runs[23].Name() != "mg.S.p2.r3" {
		t.Fatalf("raw.csv: %d runs", len(runs))
	}

	// The failed runs are shown and left out of the statistics.
	times := readFile(t, filepath.Join(s.Dir, "times.md"))
	for _, want := range []string{"| CG | 1.111 | 1.010 | 0.5050 (1 failed) |", "| MG | 1.111 | 1.005 (1 failed) | 0.5050 |",
		"- CG class S places 2 rep 2: unverified: verification failed (logs/cg.S.p2.r2.txt)",
		"- MG class S places 1 rep 3: failed: exit status 3: npb: internal error: boom (logs/mg.S.p1.r3.txt)"} {
		if !strings.Contains(squash(times), want) {
			t.Errorf("times.md lacks %q:\n%s", want, times)
		}
	}
	var sum struct {
		Points []struct {
			Impl, Kernel, Places string
			Runs                 int
			Seconds              struct{ N int }
			Speedup              *float64
			Failed               []struct{ Rep int }
		}
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(s.Dir, "summary.json"))), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Points) != 8 {
		t.Fatalf("%d points", len(sum.Points))
	}
	p := sum.Points[2] // go cg 2
	if p.Kernel != "cg" || p.Places != "2" || p.Runs != 3 || p.Seconds.N != 2 || len(p.Failed) != 1 || p.Failed[0].Rep != 2 || p.Speedup == nil {
		t.Errorf("point %+v", p)
	}
	if sum.Points[0].Speedup != nil {
		t.Errorf("serial point has a speedup")
	}

	// bench.txt is what benchstat reads.
	f, _ := os.Open(filepath.Join(s.Dir, "bench.txt"))
	defer f.Close()
	rd := benchfmt.NewReader(f, "bench.txt")
	n := 0
	for rd.Scan() {
		r, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			t.Fatalf("benchfmt: %v", rd.Result())
		}
		if n == 0 {
			if string(r.Name) != "CG/class=S/places=0" || r.Iters != 1 || r.Values[0].OrigValue != 1.1e9 || r.Values[0].OrigUnit != "ns/op" ||
				r.Values[1].Unit != "Mop/s" {
				t.Errorf("first result %s %+v", r.Name, r.Values)
			}
			if v := r.GetConfig("cpu"); v != "Test CPU @ 1GHz" {
				t.Errorf("cpu config %q", v)
			}
		}
		n++
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 16 {
		t.Errorf("bench.txt has %d results, want 16 (18 Go runs, 2 failed)", n)
	}
}

// TestSweepInterrupt cancels the sweep as its fifth run starts: that run
// is abandoned, and the tables cover the four before it.
func TestSweepInterrupt(t *testing.T) {
	for _, block := range []bool{true, false} {
		plan := Plan{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{0, 1, 2}, Reps: 3}
		s, err := NewSweep(t.TempDir(), plan, testEnv())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		fr := &fakeRunner{cancel: cancel, cancelAt: 5, blockOnCancel: block}
		if err := s.Execute(ctx, fr, nil); err != nil {
			t.Fatal(err)
		}
		// A runner that finishes its run despite the cancel keeps it.
		want := 4
		if !block {
			want = 5
		}
		if !s.Interrupted || len(s.Runs) != want || len(fr.jobs) != 5 {
			t.Fatalf("block=%v: interrupted %v, %d runs kept, %d started", block, s.Interrupted, len(s.Runs), len(fr.jobs))
		}
		runs, err := ReadRawCSV(filepath.Join(s.Dir, "raw.csv"))
		if err != nil || len(runs) != want {
			t.Fatalf("raw.csv: %d runs, %v", len(runs), err)
		}
		times := readFile(t, filepath.Join(s.Dir, "times.md"))
		if !strings.Contains(times, "interrupted: "+string(rune('0'+want))+" of 9 runs") {
			t.Errorf("times.md:\n%s", times)
		}
		env := readFile(t, filepath.Join(s.Dir, "env.json"))
		if !strings.Contains(env, `"interrupted": true`) {
			t.Errorf("env.json:\n%s", env)
		}
		for _, f := range []string{"speedup.md", "speedup.png", "summary.json", "bench.txt"} {
			if _, err := os.Stat(filepath.Join(s.Dir, f)); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestSweepInterruptedBeforeAnyRun(t *testing.T) {
	s, err := NewSweep(t.TempDir(), Plan{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{1}, Reps: 1}, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Execute(ctx, &fakeRunner{}, nil); err != nil {
		t.Fatal(err)
	}
	if !s.Interrupted || len(s.Runs) != 0 {
		t.Fatalf("interrupted %v, %d runs", s.Interrupted, len(s.Runs))
	}
	if times := readFile(t, filepath.Join(s.Dir, "times.md")); !strings.Contains(times, "No run finished.") {
		t.Errorf("times.md:\n%s", times)
	}
}

func TestNewSweepErrors(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []Plan{
		{Class: 'A', Places: []places.Count{1}, Reps: 1},
		{Class: 'A', Kernels: []string{"cg"}, Reps: 1},
		{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{1}},
	} {
		if _, err := NewSweep(dir, p, testEnv()); !errors.Is(err, ErrEmptySweep) {
			t.Errorf("plan %+v: error %v", p, err)
		}
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	plan := Plan{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{1}, Reps: 1}
	_, err := NewSweep(filepath.Join(file, "results"), plan, testEnv())
	if err == nil || !strings.Contains(err.Error(), "cannot create results directory "+filepath.Join(file, "results")) {
		t.Errorf("error %v", err)
	}
	// Two sweeps in the same minute get two directories.
	a, err1 := NewSweep(dir, plan, testEnv())
	b, err2 := NewSweep(dir, plan, testEnv())
	if err1 != nil || err2 != nil || b.Dir != a.Dir+"-2" {
		t.Errorf("dirs %v %v (%v %v)", a, b, err1, err2)
	}
}

func TestDirName(t *testing.T) {
	at := time.Date(2026, 11, 22, 15, 30, 59, 0, time.UTC)
	tests := []struct{ host, want string }{
		{"myhost", "2026-11-22T1530-myhost-A"},
		{"node1.cluster.example", "2026-11-22T1530-node1-A"},
		{"we ird/host", "2026-11-22T1530-weirdhost-A"},
		{"", "2026-11-22T1530-host-A"},
	}
	for _, tc := range tests {
		if got := DirName(at, tc.host, 'A'); got != tc.want {
			t.Errorf("DirName(%q) = %q, want %q", tc.host, got, tc.want)
		}
	}
}

// squash collapses runs of blanks, so a test can look for a table row
// without counting the padding.
func squash(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}
