package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary act as npb itself (TestHelperNPB), so
// the sweep's child processes run the real kernels.
const helperEnv = "NPBGO_CMD_TEST_HELPER"

// TestHelperNPB is not a test: it is `npb` when the sweep under test
// starts this binary as a child.
func TestHelperNPB(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper process for the bench tests")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(mainExit(args, os.Stdout, os.Stderr))
}

// useHelper points npbExecutable at a script that runs this test binary
// as npb.
func useHelper(t *testing.T) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "npb")
	body := "#!/bin/sh\n" + helperEnv + "=1 exec '" + self + "' -test.run='^TestHelperNPB$' -- \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	old := npbExecutable
	npbExecutable = func() (string, error) { return script, nil }
	t.Cleanup(func() { npbExecutable = old })
}

func TestBenchBadInput(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join(out, "file")
	os.WriteFile(file, nil, 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-kernels", "xx"}, 2, `unknown kernel "xx"`},
		{[]string{"-kernels", "cg,,mg"}, 2, `bad -kernels "cg,,mg": empty name`},
		{[]string{"-class", "Q"}, 2, `unknown class "Q"`},
		{[]string{"-class", "F", "-kernels", "cg"}, 2, "cg: no class F"},
		{[]string{"-class", "F"}, 2, "empty sweep: no kernel has class F"},
		{[]string{"-places", "0"}, 2, `bad place count "0"`},
		{[]string{"-places", "S,x"}, 2, `bad place count "x"`},
		{[]string{"-reps", "0"}, 2, "bad -reps 0"},
		{[]string{"-reps", "three"}, 2, `invalid value "three" for flag -reps`},
		{[]string{"-pin", "diagonal"}, 2, "diagonal"},
		{[]string{"-timeout", "-1s"}, 2, "bad -timeout"},
		{[]string{"-fortran-bin", filepath.Join(out, "nope")}, 2, "bad -fortran-bin"},
		{[]string{"cg"}, 2, `unexpected argument "cg"`},
		{[]string{"-out", filepath.Join(file, "results"), "-kernels", "cg"}, 1, "cannot create results directory " + filepath.Join(file, "results")},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		code := mainExit(append([]string{"bench"}, tc.args...), &stdout, &stderr)
		msg := stderr.String()
		if code != tc.code || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
			t.Errorf("bench %q: exit %d, stderr %q; want exit %d and one line with %q", tc.args, code, msg, tc.code, tc.want)
		}
	}
}

// TestBenchAndCompare runs a small real sweep (class S, CG, three place
// counts) in child processes, then compares it with the reference logs.
func TestBenchAndCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the kernels")
	}
	useHelper(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := mainExit([]string{"bench", "-class", "S", "-kernels", "cg", "-places", "S,1,2", "-reps", "2", "-out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	dirs, _ := filepath.Glob(filepath.Join(out, "*-S"))
	if len(dirs) != 1 {
		t.Fatalf("sweep dirs %v", dirs)
	}
	dir := dirs[0]
	for _, f := range []string{"raw.csv", "summary.json", "times.md", "speedup.md", "bench.txt", "speedup.svg", "speedup.png",
		"times.svg", "env.json", "logs/cg.S.pS.r1.txt", "logs/cg.S.p2.r2.txt"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if !strings.Contains(stdout.String(), "# Times: class S") || strings.Count(stderr.String(), " ok  (elapsed") != 6 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	code = mainExit([]string{"compare", "-reference", "../../results/reference/fortran", dir}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("compare: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "| CG     |     S |      2 |") {
		t.Errorf("compare:\n%s", stdout.String())
	}
	for _, f := range []string{"compare.md", "compare-speedup.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// With no RUNDIR, compare takes the newest sweep under -results.
	stdout.Reset()
	if code := mainExit([]string{"compare", "-results", out, "-reference", "../../results/reference/fortran"}, &stdout, &stderr); code != 0 {
		t.Errorf("compare -results: exit %d %s", code, stderr.String())
	}
}

// TestBenchInterrupt sends SIGINT while a sweep runs: the finished runs
// are kept, the tables written, and the exit status is 130.
func TestBenchInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the kernels")
	}
	useHelper(t)
	var code int
	oldExit := exit
	exit = func(c int) { code = c }
	defer func() { exit = oldExit }()
	out := t.TempDir()
	go func() {
		// Interrupt once the second run's log is written.
		for range 2000 {
			if m, _ := filepath.Glob(filepath.Join(out, "*", "logs", "cg.S.p1.r1.txt")); len(m) > 0 {
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var stdout, stderr bytes.Buffer
	err := cmdBench([]string{"-class", "S", "-kernels", "cg", "-places", "S,1", "-reps", "200", "-out", out}, &stdout, &stderr)
	if !errors.Is(err, errInterrupted) || code != 130 {
		t.Fatalf("error %v, exit %d\n%s", err, code, stderr.String())
	}
	dirs, _ := filepath.Glob(filepath.Join(out, "*-S"))
	if len(dirs) != 1 {
		t.Fatalf("sweep dirs %v", dirs)
	}
	raw, err := os.ReadFile(filepath.Join(dirs[0], "raw.csv"))
	if err != nil {
		t.Fatal(err)
	}
	n := strings.Count(string(raw), "\n") - 1
	if n < 2 || n >= 400 {
		t.Errorf("raw.csv has %d runs", n)
	}
	times, _ := os.ReadFile(filepath.Join(dirs[0], "times.md"))
	if !strings.Contains(string(times), "interrupted:") || !strings.Contains(stderr.String(), "interrupted: tables written") {
		t.Errorf("times.md:\n%s\nstderr:\n%s", times, stderr.String())
	}
}

func TestBenchCanceledBeforeStart(t *testing.T) {
	useHelper(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := bench(ctx, []string{"-class", "S", "-kernels", "cg", "-places", "1", "-reps", "1", "-out", t.TempDir()}, &stdout, &stderr)
	if !errors.Is(err, errInterrupted) {
		t.Fatalf("error %v", err)
	}
}
