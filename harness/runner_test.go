package harness

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"npbgo/harness/npblog"
	"npbgo/runtime/places"
)

// fakeProc is a ProcRunner whose `npb` is this test binary in fake mode.
func fakeProc(t *testing.T, mode string) *ProcRunner {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return &ProcRunner{Exe: exe, Env: []string{fakeEnv + "=" + mode}}
}

func TestProcRunnerGo(t *testing.T) {
	tests := []struct {
		mode     string
		places   places.Count
		status   Status
		secs     float64
		exit     int
		errText  string
		inLog    string
		verified bool
	}{
		{"ok", 0, StatusOK, 1, 0, "", "CG Benchmark Completed.", true},
		{"ok", 2, StatusOK, 0.5, 0, "", "Total threads   =                        2", true},
		{"unverified", 1, StatusUnverified, 1, 1, "verification failed", "UNSUCCESSFUL", false},
		{"crash", 1, StatusFailed, 0, 3, "exit status 3: npb: internal error: cg: index out of range", "iteration 1", false},
		{"silent", 1, StatusFailed, 0, 0, "no JSON result on stdout", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			j := Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: tc.places, Rep: 1}
			r, err := fakeProc(t, tc.mode).Run(context.Background(), j)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tc.status || r.ExitCode != tc.exit || r.Err != tc.errText || r.Verified != tc.verified {
				t.Errorf("status %s exit %d err %q verified %v", r.Status, r.ExitCode, r.Err, r.Verified)
			}
			if tc.status != StatusFailed && (r.Seconds != tc.secs || r.GOMAXPROCS != 2 || r.PeakRSSKiB != 12345) {
				t.Errorf("seconds %v gomaxprocs %d rss %d", r.Seconds, r.GOMAXPROCS, r.PeakRSSKiB)
			}
			if !strings.Contains(string(r.Log), tc.inLog) {
				t.Errorf("log lacks %q:\n%s", tc.inLog, r.Log)
			}
			if tc.status == StatusOK {
				reps, err := npblog.Parse(strings.NewReader(string(r.Log)))
				if err != nil || reps[0].Threads != int(tc.places) {
					t.Errorf("log does not parse back: %v %+v", err, reps)
				}
			}
		})
	}
}

// TestProcRunnerCancel: an interrupted run is killed at once and reported
// as the context's error, not recorded.
func TestProcRunnerCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := fakeProc(t, "hang").Run(ctx, Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: 1, Rep: 1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to stop", d)
	}
}

func TestProcRunnerTimeout(t *testing.T) {
	p := fakeProc(t, "hang")
	p.Timeout = 200 * time.Millisecond
	r, err := p.Run(context.Background(), Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: 1, Rep: 1})
	if err != nil || r.Status != StatusTimeout || !strings.Contains(r.Err, "killed after 200ms") {
		t.Fatalf("status %s err %q (%v)", r.Status, r.Err, err)
	}
}

// TestProcRunnerFortran runs a stand-in NPB binary: a script that prints
// a reference log and records the thread count it was given.
func TestProcRunnerFortran(t *testing.T) {
	bin := t.TempDir()
	ref, err := filepath.Abs(filepath.Join(refDir, "cg.A.t2.r1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\necho \"$OMP_NUM_THREADS $OMP_PROC_BIND\" > \"$0.env\"\ncat " + ref + "\n"
	if err := os.WriteFile(filepath.Join(bin, "cg.A.x"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := "#!/bin/sh\necho ' CG Benchmark Completed.'\necho 'Segmentation fault' >&2\nexit 139\n"
	if err := os.WriteFile(filepath.Join(bin, "cg.B.x"), []byte(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	p := &ProcRunner{FortranBin: bin}
	r, err := p.Run(context.Background(), Job{Impl: ImplFortran, Kernel: "cg", Class: 'A', Places: 2, Rep: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != StatusOK || r.Seconds != 0.34 || r.Mops != 4456.90 || !strings.Contains(string(r.Log), "Zeta is") {
		t.Errorf("status %s %q seconds %v mops %v", r.Status, r.Err, r.Seconds, r.Mops)
	}
	if env := readFile(t, filepath.Join(bin, "cg.A.x.env")); env != "2 true\n" && os.Getenv("OMP_PROC_BIND") == "" {
		t.Errorf("binary saw OMP_NUM_THREADS OMP_PROC_BIND = %q", env)
	}
	r, err = p.Run(context.Background(), Job{Impl: ImplFortran, Kernel: "cg", Class: 'B', Places: 1, Rep: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The reason names the binary and how it ended, not a line of its
	// output (which can be anything).
	if want := filepath.Join(bin, "cg.B.x") + ": exit status 139"; r.Status != StatusFailed || r.ExitCode != 139 || r.Err != want {
		t.Errorf("crashing binary: status %s exit %d err %q, want %q", r.Status, r.ExitCode, r.Err, want)
	}
	junk := "#!/bin/sh\necho 'Some line of its own'\n"
	if err := os.WriteFile(filepath.Join(bin, "cg.W.x"), []byte(junk), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err = p.Run(context.Background(), Job{Impl: ImplFortran, Kernel: "cg", Class: 'W', Places: 1, Rep: 1})
	if want := filepath.Join(bin, "cg.W.x") + ": exit status 0, but no NPB report in its output"; err != nil || r.Status != StatusFailed || !strings.HasPrefix(r.Err, want) {
		t.Errorf("binary without a report: status %s err %q, want %q…", r.Status, r.Err, want)
	}
	r, err = p.Run(context.Background(), Job{Impl: ImplFortran, Kernel: "cg", Class: 'C', Places: 1, Rep: 1})
	if err != nil || r.Status != StatusFailed || !strings.Contains(r.Err, "cg.C.x") {
		t.Errorf("missing binary: status %s err %q (%v)", r.Status, r.Err, err)
	}
}

// TestSweepWithProcesses is a whole sweep through real processes: the Go
// stand-in and a Fortran stand-in, interleaved, into one directory.
func TestSweepWithProcesses(t *testing.T) {
	bin := t.TempDir()
	ref, _ := filepath.Abs(refDir)
	script := "#!/bin/sh\ncat " + ref + "/cg.A.t$OMP_NUM_THREADS.r1.txt\n"
	if err := os.WriteFile(filepath.Join(bin, "cg.A.x"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	p := fakeProc(t, "ok")
	p.FortranBin = bin
	plan := Plan{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{0, 1, 2}, Reps: 2, Fortran: []string{"cg"}}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Execute(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Runs {
		if !r.OK() {
			t.Errorf("%s: %s %s", r.Name(), r.Status, r.Err)
		}
	}
	if len(s.Runs) != 10 {
		t.Fatalf("%d runs", len(s.Runs))
	}
	// The sweep's own Fortran runs are what compare uses by default.
	c, err := CompareSweep(s.Dir, "", "/nonexistent")
	if err != nil {
		t.Fatal(err)
	}
	rows := c.Rows
	if !strings.Contains(c.FortranSource, "this sweep") {
		t.Errorf("fortran source %q", c.FortranSource)
	}
	if len(rows) != 3 || rows[2].Places != 2 || fmtRatio(rows[2].FortranSpeedup) != "1.83" || fmtRatio(rows[2].GoSpeedup) != "2.00" {
		t.Errorf("rows %+v", rows)
	}
}

func TestMPIRunCommand(t *testing.T) {
	p := &ProcRunner{MPIRun: []string{"mpirun", "--oversubscribe"}}
	cmd := p.command(context.Background(), 4, "/bin/npb", "run", "cg")
	if got := strings.Join(cmd.Args, " "); got != "mpirun --oversubscribe -np 4 /bin/npb run cg" {
		t.Errorf("command %q", got)
	}
	if cmd.Cancel == nil {
		t.Error("an mpirun is cancelled with SIGKILL, which orphans its ranks")
	}
	p.MPIRun = nil
	if got := strings.Join(p.command(context.Background(), 4, "/bin/npb", "run").Args, " "); got != "/bin/npb run" {
		t.Errorf("command %q", got)
	}
}

// TestProcRunnerEndsProcessGroup: a run that hangs in a grandchild (a
// Fortran binary that is a script around `sleep`) is ended whole, on a
// timeout and on Ctrl-C: nothing stays behind reparented to init, and
// the run returns at once, not after WaitDelay for the grandchild to
// close the output pipe.
func TestProcRunnerEndsProcessGroup(t *testing.T) {
	for _, how := range []string{"timeout", "interrupt"} {
		t.Run(how, func(t *testing.T) {
			bin := t.TempDir()
			pidFile := filepath.Join(bin, "sleep.pid")
			script := "#!/bin/sh\nsleep 1000 &\necho $! > " + pidFile + "\nwait\n"
			if err := os.WriteFile(filepath.Join(bin, "cg.S.x"), []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			p := &ProcRunner{FortranBin: bin}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if how == "timeout" {
				p.Timeout = 300 * time.Millisecond
			} else {
				time.AfterFunc(300*time.Millisecond, cancel)
			}
			start := time.Now()
			r, err := p.Run(ctx, Job{Impl: ImplFortran, Kernel: "cg", Class: 'S', Places: 1, Rep: 1})
			took := time.Since(start)
			b, rerr := os.ReadFile(pidFile)
			if rerr != nil {
				t.Fatalf("the script did not start sleep: %v", rerr)
			}
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			defer syscall.Kill(pid, syscall.SIGKILL)
			if how == "timeout" && (err != nil || r.Status != StatusTimeout) {
				t.Errorf("status %s, error %v", r.Status, err)
			}
			if how == "interrupt" && !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if took > 3*time.Second {
				t.Errorf("the run took %v to end", took)
			}
			time.Sleep(100 * time.Millisecond)
			if procAlive(pid) {
				t.Errorf("the binary's child (sleep, pid %d) outlived the run", pid)
			}
		})
	}
}

// procAlive reports whether process pid exists and is not a zombie.
func procAlive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || (s[i+2] != 'Z' && s[i+2] != 'X')
}
