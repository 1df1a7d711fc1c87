package harness

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"npbgo/runtime/places"
)

// stableRunner is a fakeRunner whose runs do not depend on the order they
// were made in, so a resumed sweep can be compared with a whole one.
type stableRunner struct{ fakeRunner }

func (f *stableRunner) Run(ctx context.Context, j Job) (Run, error) {
	r, err := f.fakeRunner.Run(ctx, j)
	r.Started = time.Date(2026, 11, 22, 15, 30, j.Rep*100+int(j.Places), 0, time.UTC)
	return r, err
}

// TestResume interrupts a sweep, reopens its directory and finishes it:
// the runs already made are kept, only the missing ones are made, and
// every table is the one an uninterrupted sweep writes.
func TestResume(t *testing.T) {
	plan := Plan{Class: 'S', Kernels: []string{"cg", "mg"}, Places: []places.Count{0, 1, 2}, Reps: 3, Fortran: []string{"cg"}}
	fail := map[string]Status{"cg.S.p2.r2": StatusUnverified, "mg.S.p1.r3": StatusFailed}
	whole, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := whole.Execute(context.Background(), &stableRunner{fakeRunner{fail: fail}}, nil); err != nil {
		t.Fatal(err)
	}

	for _, cut := range []int{1, 7, 24} {
		s, err := NewSweep(t.TempDir(), plan, testEnv())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		first := &stableRunner{fakeRunner{fail: fail, cancel: cancel, cancelAt: cut, blockOnCancel: true}}
		if err := s.Execute(ctx, first, nil); err != nil {
			t.Fatal(err)
		}
		if !s.Interrupted || len(s.Runs) != cut-1 {
			t.Fatalf("cut %d: interrupted %v, %d runs", cut, s.Interrupted, len(s.Runs))
		}

		again, notes, err := OpenSweep(s.Dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 0 || len(again.Runs) != cut-1 || again.Missing() != 24-(cut-1) {
			t.Fatalf("cut %d: reopened with %d runs, %d missing, notes %q", cut, len(again.Runs), again.Missing(), notes)
		}
		second := &stableRunner{fakeRunner{fail: fail}}
		if err := again.Execute(context.Background(), second, nil); err != nil {
			t.Fatal(err)
		}
		if len(second.jobs) != 24-(cut-1) || second.jobs[0].Name() != first.jobs[cut-1].Name() {
			t.Errorf("cut %d: resumed with %d runs from %v, want %d from %v", cut, len(second.jobs), second.jobs[0], 24-(cut-1), first.jobs[cut-1])
		}
		for _, f := range []string{"raw.csv", "times.md", "speedup.md", "summary.json", "bench.txt", "bench-fortran.txt"} {
			if got, want := readFile(t, filepath.Join(again.Dir, f)), readFile(t, filepath.Join(whole.Dir, f)); got != want {
				t.Errorf("cut %d: resumed %s differs:\n%s\nwant\n%s", cut, f, got, want)
			}
		}
		if env := readFile(t, filepath.Join(again.Dir, "env.json")); !strings.Contains(env, `"resumed": [`) || strings.Contains(env, `"interrupted"`) {
			t.Errorf("cut %d: env.json:\n%s", cut, env)
		}
	}
}

// TestOpenSweepChecksLogs: a run of raw.csv whose log is gone or says
// something else is dropped (and made again); raw.csv that does not
// belong to env.json is an error.
func TestOpenSweepChecksLogs(t *testing.T) {
	plan := Plan{Class: 'S', Kernels: []string{"cg"}, Places: []places.Count{0, 1, 2}, Reps: 1}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Execute(context.Background(), &fakeRunner{}, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(s.Dir, "logs", "cg.S.pS.r1.txt"))
	log := readFile(t, filepath.Join(s.Dir, "logs", "cg.S.p2.r1.txt"))
	os.WriteFile(filepath.Join(s.Dir, "logs", "cg.S.p2.r1.txt"), []byte(strings.Replace(log, "0.50\n", "0.70\n", 1)), 0o644)
	again, notes, err := OpenSweep(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Runs) != 1 || again.Runs[0].Name() != "cg.S.p1.r1" || len(notes) != 2 ||
		!strings.Contains(notes[0], "cg.S.pS.r1: no log logs/cg.S.pS.r1.txt") || !strings.Contains(notes[1], "cg.S.p2.r1: log logs/cg.S.p2.r1.txt says 0.70 s, raw.csv 0.5 s") {
		t.Fatalf("%d runs kept, notes %q", len(again.Runs), notes)
	}
	if !again.Interrupted {
		t.Error("a sweep with runs missing is not shown as interrupted")
	}

	// A raw.csv of another plan.
	raw := readFile(t, filepath.Join(s.Dir, "raw.csv"))
	os.WriteFile(filepath.Join(s.Dir, "raw.csv"), []byte(strings.Replace(raw, "go,cg,S,2,", "go,cg,S,4,", 1)), 0o644)
	if _, _, err := OpenSweep(s.Dir); err == nil || !strings.Contains(err.Error(), "run cg.S.p4.r1 is not in the plan") {
		t.Errorf("error %v", err)
	}
	// No raw.csv yet: every run is missing.
	os.Remove(filepath.Join(s.Dir, "raw.csv"))
	if again, _, err := OpenSweep(s.Dir); err != nil || len(again.Runs) != 0 || again.Missing() != 3 {
		t.Errorf("without raw.csv: %v", err)
	}
	// Not a sweep.
	if _, _, err := OpenSweep(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a sweep directory") {
		t.Errorf("error %v", err)
	}
}

// madeSweep is a whole sweep of plan made by r in a fresh directory,
// closed (its lock released).
func madeSweep(t *testing.T, plan Plan, r Runner) *Sweep {
	t.Helper()
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Execute(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return s
}

// TestResumeKilled: a sweep killed outright has raw.csv up to its last
// finished run, maybe a log of the run in flight, and env.json as it was
// at the start. Reopened, it makes only what raw.csv lacks.
func TestResumeKilled(t *testing.T) {
	plan := Plan{Class: 'S', Kernels: []string{"cg"}, Places: []places.Count{0, 1, 2}, Reps: 2}
	whole := madeSweep(t, plan, &stableRunner{})
	killed := madeSweep(t, plan, &stableRunner{})
	// Back to what a kill during run 5 leaves: four rows, five logs, and
	// no tables.
	lines := strings.SplitAfter(readFile(t, filepath.Join(killed.Dir, "raw.csv")), "\n")
	os.WriteFile(filepath.Join(killed.Dir, "raw.csv"), []byte(strings.Join(lines[:5], "")), 0o644)
	os.Remove(filepath.Join(killed.Dir, "logs", "cg.S.p2.r2.txt"))
	for _, f := range []string{"times.md", "speedup.md", "summary.json", "bench.txt"} {
		os.Remove(filepath.Join(killed.Dir, f))
	}
	again, _, err := OpenSweep(killed.Dir)
	if err != nil {
		t.Fatal(err)
	}
	fr := &stableRunner{}
	if err := again.Execute(context.Background(), fr, nil); err != nil {
		t.Fatal(err)
	}
	if len(fr.jobs) != 2 || fr.jobs[0].Name() != "cg.S.p1.r2" {
		t.Errorf("resumed with %v", fr.jobs)
	}
	for _, f := range []string{"raw.csv", "times.md", "speedup.md", "summary.json", "bench.txt"} {
		if got, want := readFile(t, filepath.Join(again.Dir, f)), readFile(t, filepath.Join(whole.Dir, f)); got != want {
			t.Errorf("resumed %s differs:\n%s\nwant\n%s", f, got, want)
		}
	}
}

// TestSweepLock: a sweep being made holds its directory's lock, so a
// resume of it is refused until the sweep is closed.
func TestSweepLock(t *testing.T) {
	s, err := NewSweep(t.TempDir(), Plan{Class: 'S', Kernels: []string{"cg"}, Places: []places.Count{1}, Reps: 1}, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ResumeSweep(s.Dir); !errors.Is(err, ErrSweepInUse) {
		t.Errorf("resume of a sweep being made: %v, want ErrSweepInUse", err)
	}
	s.Close()
	r, _, err := ResumeSweep(s.Dir)
	if err != nil {
		t.Fatalf("resume once closed: %v", err)
	}
	defer r.Close()
	if _, _, err := ResumeSweep(s.Dir); !errors.Is(err, ErrSweepInUse) {
		t.Errorf("second resume: %v, want ErrSweepInUse", err)
	}
}

// TestOpenSweepBadRows: a row of raw.csv counts only if every field
// agrees with the others and with its log; any other row is made again
// (a note says why), never averaged, and never stops the resume or the
// report. raw.csv is hand-edited or half-written by two sweeps at once.
func TestOpenSweepBadRows(t *testing.T) {
	s := madeSweep(t, Plan{Class: 'S', Kernels: []string{"cg"}, Places: []places.Count{0, 1, 2}, Reps: 3}, &fakeRunner{})
	rawPath := filepath.Join(s.Dir, "raw.csv")
	rows := strings.SplitAfter(readFile(t, rawPath), "\n")
	edit := func(run, old, new string) {
		t.Helper()
		for i, r := range rows {
			if strings.Contains(r, ",logs/"+run+".txt,") {
				if !strings.Contains(r, old) {
					t.Fatalf("row of %s lacks %q: %s", run, old, r)
				}
				rows[i] = strings.Replace(r, old, new, 1)
				return
			}
		}
		t.Fatalf("no row of %s", run)
	}
	edit("cg.S.pS.r1", ",1.1,", ",NaN,")
	edit("cg.S.p1.r1", ",1,100,true,ok,", ",-1,100,true,ok,")
	edit("cg.S.p2.r1", ",true,ok,", ",false,ok,")
	edit("cg.S.pS.r2", ",true,ok,0,", ",true,ok,1,")
	edit("cg.S.p1.r2", ",99.00990099009901,true,", ",111,true,")
	edit("cg.S.p2.r2", ",198.01980198019803,", ",NaN,")
	edit("cg.S.pS.r3", ",logs/cg.S.pS.r3.txt,", ",logs/cg.S.p1.r3.txt,")
	os.WriteFile(rawPath, []byte(strings.Join(rows, "")), 0o644)
	// A log of another place count.
	log := filepath.Join(s.Dir, "logs", "cg.S.p2.r3.txt")
	os.WriteFile(log, []byte(strings.Replace(readFile(t, log), "Total threads   =                        2", "Total threads   =                        4", 1)), 0o644)

	again, notes, err := OpenSweep(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Runs) != 1 || again.Runs[0].Name() != "cg.S.p1.r3" {
		var kept []string
		for _, r := range again.Runs {
			kept = append(kept, r.Name())
		}
		t.Errorf("kept %v, want only cg.S.p1.r3", kept)
	}
	for _, want := range []string{
		"cg.S.pS.r1: raw.csv says the time is not a number: it is made again",
		"cg.S.p1.r1: raw.csv says the time is -1 s: it is made again",
		"cg.S.p2.r1: raw.csv says status ok but verified false: it is made again",
		"cg.S.pS.r2: raw.csv says status ok but exit code 1: it is made again",
		"cg.S.p1.r2: log logs/cg.S.p1.r2.txt says 99.01 Mop/s, raw.csv 111: it is made again",
		"cg.S.p2.r2: log logs/cg.S.p2.r2.txt says 198.02 Mop/s, raw.csv NaN: it is made again",
		"cg.S.pS.r3: raw.csv says the log is logs/cg.S.p1.r3.txt, not logs/cg.S.pS.r3.txt: it is made again",
		"cg.S.p2.r3: log logs/cg.S.p2.r3.txt is of 4 places, raw.csv 2: it is made again",
	} {
		if !slices.Contains(notes, want) {
			t.Errorf("no note %q in\n%s", want, strings.Join(notes, "\n"))
		}
	}
	if err := again.Execute(context.Background(), &fakeRunner{}, nil); err != nil {
		t.Fatal(err)
	}
	if len(again.Runs) != 9 {
		t.Errorf("resumed sweep has %d runs", len(again.Runs))
	}
	// Read for a comparison, a row that cannot count is an error naming it.
	os.WriteFile(rawPath, []byte(strings.Join(rows, "")), 0o644)
	if _, err := ReadRawCSV(rawPath); err == nil || !strings.Contains(err.Error(), rawPath+":2: the time is not a number") {
		t.Errorf("ReadRawCSV: %v", err)
	}
}
