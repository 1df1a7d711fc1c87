package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"npbgo/npb"
)

// helperEnv makes the test binary act as npb itself (TestHelperNPB), so
// the sweep's child processes run the real kernels.
const helperEnv = "NPBGO_CMD_TEST_HELPER"

// Environment of a helper process: hangEnv names a command (run, probe)
// that writes its pid to pidDirEnv/<command> and then hangs instead of
// running; exeEnv is the script that a helper running bench starts its
// children with.
const (
	hangEnv   = "NPBGO_CMD_TEST_HANG"
	pidDirEnv = "NPBGO_CMD_TEST_PIDDIR"
	exeEnv    = "NPBGO_CMD_TEST_EXE"
)

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
	if exe := os.Getenv(exeEnv); exe != "" {
		npbExecutable = func() (string, error) { return exe, nil }
	}
	if len(args) > 0 && args[0] == os.Getenv(hangEnv) {
		os.WriteFile(filepath.Join(os.Getenv(pidDirEnv), args[0]), fmt.Appendf(nil, "%d\n", os.Getpid()), 0o644)
		time.Sleep(time.Hour)
		os.Exit(1)
	}
	os.Exit(mainExit(args, os.Stdout, os.Stderr))
}

// useHelper points npbExecutable at a script that runs this test binary
// as npb, and returns the script.
func useHelper(t *testing.T) string {
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
	return script
}

func TestBenchBadInput(t *testing.T) {
	useHelper(t) // should a bad input be taken, its sweep runs the stand-in
	out := t.TempDir()
	file := filepath.Join(out, "file")
	os.WriteFile(file, nil, 0o644)
	type badInput struct {
		args []string
		code int
		want string
		env  map[string]string
	}
	tests := []badInput{
		{[]string{"-kernels", "xx"}, 2, `unknown kernel "xx"`, nil},
		{[]string{"-kernels", "cg,,mg"}, 2, `bad -kernels "cg,,mg": empty name`, nil},
		{[]string{"-class", "Q"}, 2, `npb bench: unknown class "Q" (have S W A B C D E F)`, nil},
		{[]string{"-class", "F", "-kernels", "is"}, 2, "is: no class F", nil},
		{[]string{"-places", "0"}, 2, `bad place count "0"`, nil},
		{[]string{"-places", "S,x"}, 2, `bad place count "x"`, nil},
		{[]string{"-places", "S,100000"}, 2, `bad place count 100000 in "S,100000": at most 4096 places`, nil},
		{[]string{"-places", "S,1," + strconv.Itoa(17*runtime.NumCPU()), "-out", out}, 2, fmt.Sprintf("bad place count %d in \"S,1,%[1]d\": at most %d places here, 16 per CPU", 17*runtime.NumCPU(), 16*runtime.NumCPU()), nil},
		{[]string{"-reps", "0"}, 2, "bad -reps 0", nil},
		{[]string{"-reps", "three"}, 2, `invalid value "three" for flag -reps`, nil},
		{[]string{"-pin", "diagonal"}, 2, "diagonal", nil},
		{[]string{"-timeout", "-1s"}, 2, "bad -timeout", nil},
		{[]string{"-fortran-bin", filepath.Join(out, "nope")}, 2, "bad -fortran-bin", nil},
		{[]string{"cg"}, 2, `unexpected argument "cg"`, nil},
		{[]string{"-out", filepath.Join(file, "results"), "-kernels", "cg"}, 1, "cannot create results directory " + filepath.Join(file, "results"), nil},
		// A sweep that GOMAXPROCS would serialise, or one per MPI rank.
		{[]string{"-places", "S,1,2", "-kernels", "cg", "-out", out}, 2, "npb bench: GOMAXPROCS=1 (from the environment) lets only 1 place run at a time: the runs at 2 places would take turns", map[string]string{"GOMAXPROCS": "1"}},
		{[]string{"-kernels", "cg", "-out", out}, 2, "npb bench: started by mpirun (OMPI_COMM_WORLD_SIZE is set): run npb bench once, without mpirun", map[string]string{"OMPI_COMM_WORLD_SIZE": "2"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if tc.env["GOMAXPROCS"] != "" && runtime.NumCPU() < 2 {
				t.Skip("needs 2 CPUs")
			}
			setEnv(t, tc.env)
			var stdout, stderr bytes.Buffer
			code := mainExit(append([]string{"bench"}, tc.args...), &stdout, &stderr)
			msg := stderr.String()
			if code != tc.code || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
				t.Errorf("%v bench %q: exit %d, stderr %q; want exit %d and one line with %q", tc.env, tc.args, code, msg, tc.code, tc.want)
			}
		})
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
	code = mainExit([]string{"compare", "-reference", "../../harness/testdata/fortran", dir}, &stdout, &stderr)
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
	if code := mainExit([]string{"compare", "-results", out, "-reference", "../../harness/testdata/fortran"}, &stdout, &stderr); code != 0 {
		t.Errorf("compare -results: exit %d %s", code, stderr.String())
	}
}

// TestBenchInterrupt sends SIGINT while a sweep runs: the finished runs
// are kept, the tables written, and the exit status is 130.
func TestBenchInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the kernels")
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) { testBenchInterrupt(t, tc.sig, tc.code) })
	}
}

func testBenchInterrupt(t *testing.T, sig syscall.Signal, want int) {
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
				syscall.Kill(os.Getpid(), sig)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var stdout, stderr bytes.Buffer
	err := cmdBench([]string{"-class", "S", "-kernels", "cg", "-places", "S,1", "-reps", "200", "-out", out}, &stdout, &stderr)
	if !errors.Is(err, errInterrupted) || code != want {
		t.Fatalf("error %v, exit %d, want %d\n%s", err, code, want, stderr.String())
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

// TestBenchKilledLeavesNoChild kills a sweep with SIGKILL while its child
// (npb probe, then npb run) is running: the child must die with it, not
// live on with parent 1 in a process group of its own. npb bench -resume
// then finishes the sweep.
func TestBenchKilledLeavesNoChild(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the machine probe")
	}
	for _, child := range []string{"probe", "run"} {
		t.Run(child, func(t *testing.T) {
			script := useHelper(t)
			pidDir := t.TempDir()
			out := t.TempDir()
			cmd := exec.Command(script, "bench", "-class", "S", "-kernels", "cg", "-places", "1", "-reps", "1", "-out", out)
			cmd.Env = append(os.Environ(), hangEnv+"="+child, pidDirEnv+"="+pidDir, exeEnv+"="+script)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			var pid int
			for i := 0; pid == 0; i++ {
				if i == 3000 {
					t.Fatalf("no %s child started", child)
				}
				time.Sleep(10 * time.Millisecond)
				if b, err := os.ReadFile(filepath.Join(pidDir, child)); err == nil && strings.HasSuffix(string(b), "\n") {
					pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
				}
			}
			defer syscall.Kill(pid, syscall.SIGKILL) // if the test fails
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			time.Sleep(time.Second)
			if alive(pid) {
				t.Errorf("npb %s (pid %d) outlived the killed sweep", child, pid)
			}
			// What the killed sweep left is enough to finish it.
			var stdout, stderr bytes.Buffer
			dir := sweepDir(t, out)
			if code := mainExit([]string{"bench", "-resume", dir}, &stdout, &stderr); code != 0 {
				t.Fatalf("resume: exit %d\n%s", code, stderr.String())
			}
			if raw := readLines(t, filepath.Join(dir, "raw.csv")); len(raw) != 2 || !strings.Contains(stdout.String(), "# Times: class S") {
				t.Errorf("resumed sweep: raw.csv %q\n%s", raw, stdout.String())
			}
		})
	}
}

// alive reports whether process pid exists and is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || (s[i+2] != 'Z' && s[i+2] != 'X')
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

// TestBenchResume interrupts a class-S sweep, resumes it with npb bench
// -resume, and expects the tables of an uninterrupted sweep (timings
// aside); the runs made before the interruption are kept as they were.
// npb report then writes the same tables again from raw.csv and the logs.
func TestBenchResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the kernels")
	}
	useHelper(t)
	args := []string{"-class", "S", "-kernels", "cg", "-places", "S,1", "-reps", "3"}
	whole := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := mainExit(append(append([]string{"bench"}, args...), "-out", whole), &stdout, &stderr); code != 0 {
		t.Fatalf("whole sweep: exit %d\n%s", code, stderr.String())
	}

	// The same sweep, interrupted once its third run's log is written.
	cut := t.TempDir()
	oldExit := exit
	exit = func(int) {}
	defer func() { exit = oldExit }()
	go func() {
		for range 3000 {
			if m, _ := filepath.Glob(filepath.Join(cut, "*", "logs", "cg.S.pS.r2.txt")); len(m) > 0 {
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	stderr.Reset()
	if err := cmdBench(append(args, "-out", cut), &stdout, &stderr); !errors.Is(err, errInterrupted) {
		t.Fatalf("interrupted sweep: %v\n%s", err, stderr.String())
	}
	dir := sweepDir(t, cut)
	before := readLines(t, filepath.Join(dir, "raw.csv"))
	if len(before) < 4 || len(before) > 6 {
		t.Fatalf("interrupted raw.csv has %d runs", len(before)-1)
	}

	for _, bad := range [][]string{{"-resume", dir, "-reps", "5"}, {"-resume", dir, "-class", "A"}} {
		var e bytes.Buffer
		if code := mainExit(append([]string{"bench"}, bad...), &stdout, &e); code != 2 || !strings.Contains(e.String(), "-resume takes the plan from the sweep's env.json: drop -") {
			t.Errorf("bench %q: exit %d, %s", bad, code, e.String())
		}
	}
	stderr.Reset()
	if code := mainExit([]string{"bench", "-resume", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("resume: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("resuming %s: %d of 6 runs kept, %d to make", dir, len(before)-1, 7-len(before))) {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	after := readLines(t, filepath.Join(dir, "raw.csv"))
	if len(after) != 7 || !slices.Equal(after[:len(before)], before) {
		t.Errorf("resumed raw.csv does not keep the runs made before:\n%s\nthen\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
	ref := sweepDir(t, whole)
	for _, f := range []string{"raw.csv", "times.md", "speedup.md", "summary.json", "bench.txt"} {
		got, want := digitless(readFile(t, filepath.Join(dir, f))), digitless(readFile(t, filepath.Join(ref, f)))
		if got != want {
			t.Errorf("resumed %s differs from an uninterrupted sweep's (digits aside):\n%s\nwant\n%s", f, got, want)
		}
	}

	// npb report writes the same tables again.
	tables := map[string]string{}
	for _, f := range []string{"raw.csv", "times.md", "speedup.md", "summary.json", "bench.txt"} {
		tables[f] = readFile(t, filepath.Join(dir, f))
		os.Remove(filepath.Join(dir, f))
	}
	os.Remove(filepath.Join(dir, "speedup.svg"))
	// raw.csv is the source: put it back.
	os.WriteFile(filepath.Join(dir, "raw.csv"), []byte(tables["raw.csv"]), 0o644)
	stdout.Reset()
	stderr.Reset()
	if code := mainExit([]string{"report", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr.String())
	}
	for f, want := range tables {
		if got := readFile(t, filepath.Join(dir, f)); got != want {
			t.Errorf("npb report wrote another %s:\n%s\nwant\n%s", f, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "speedup.svg")); err != nil || !strings.Contains(stdout.String(), "# Times: class S") {
		t.Errorf("report: %v\n%s", err, stdout.String())
	}
}

func sweepDir(t *testing.T, parent string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(parent, "*-S"))
	if len(dirs) != 1 {
		t.Fatalf("sweep dirs %v", dirs)
	}
	return dirs[0]
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readLines(t *testing.T, path string) []string {
	return strings.Split(strings.TrimSuffix(readFile(t, path), "\n"), "\n")
}

// digitless blanks out what differs between two sweeps of the same plan:
// numbers (times, dates) and the padding of table columns.
func digitless(s string) string {
	s = regexp.MustCompile(`[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?`).ReplaceAllString(s, "#")
	s = regexp.MustCompile(`[ \t]+`).ReplaceAllString(s, " ")
	return regexp.MustCompile(`-{3,}:`).ReplaceAllString(s, "---:")
}

// TestBenchResumeLocked: a sweep directory another npb bench is writing
// (it holds the directory's lock) is refused by npb bench -resume with
// one line, before any run; two resumes at once would make the same runs
// twice and leave raw.csv disagreeing with its logs.
func TestBenchResumeLocked(t *testing.T) {
	useHelper(t)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if err := bench(ctx, []string{"-class", "S", "-kernels", "cg", "-places", "1", "-reps", "1", "-out", out}, &stdout, &stderr); !errors.Is(err, errInterrupted) {
		t.Fatalf("error %v", err)
	}
	dir := sweepDir(t, out)
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatalf("the sweep's lock was not released: %v", err)
	}
	stderr.Reset()
	code := mainExit([]string{"bench", "-resume", dir}, &stdout, &stderr)
	want := "npb bench: " + dir + " is in use by another npb bench (it holds the sweep's lock): let it finish or stop it first"
	if code != 2 || !strings.Contains(stderr.String(), want) || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("resume of a locked sweep: exit %d, want 2 and one line with %q:\n%s", code, want, stderr.String())
	}
	if raw := readLines(t, filepath.Join(dir, "raw.csv")); len(raw) != 1 {
		t.Errorf("the refused resume made runs: %q", raw)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	stderr.Reset()
	if code := mainExit([]string{"bench", "-resume", dir}, &stdout, &stderr); code != 0 {
		t.Errorf("resume once the lock is free: exit %d\n%s", code, stderr.String())
	}
}

// TestReportOnlyReads: npb report reads raw.csv, env.json and the logs
// and never writes them back (a row it cannot count stays in raw.csv as
// it was); on a read-only sweep it prints the tables and exits 0.
func TestReportOnlyReads(t *testing.T) {
	useHelper(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := mainExit([]string{"bench", "-class", "S", "-kernels", "cg", "-places", "S,1", "-reps", "1", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench: exit %d\n%s", code, stderr.String())
	}
	dir := sweepDir(t, out)
	raw := filepath.Join(dir, "raw.csv")
	// A row whose log says otherwise: report leaves it out of the tables,
	// not out of raw.csv.
	lines := readLines(t, raw)
	lines[2] = strings.Replace(lines[2], ",true,ok,", ",false,ok,", 1)
	os.WriteFile(raw, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	sources := map[string]string{}
	inodes := map[string]uint64{}
	for _, f := range []string{"raw.csv", "env.json"} {
		sources[f] = readFile(t, filepath.Join(dir, f))
		fi, _ := os.Stat(filepath.Join(dir, f))
		inodes[f] = fi.Sys().(*syscall.Stat_t).Ino
	}
	stdout.Reset()
	stderr.Reset()
	if code := mainExit([]string{"report", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr.String())
	}
	for f, want := range sources {
		fi, _ := os.Stat(filepath.Join(dir, f))
		if got := readFile(t, filepath.Join(dir, f)); got != want || fi.Sys().(*syscall.Stat_t).Ino != inodes[f] {
			t.Errorf("npb report wrote %s:\n%s\nwas\n%s", f, got, want)
		}
	}
	if !strings.Contains(stderr.String(), "cg.S.p1.r1: raw.csv says status ok but verified false") || !strings.Contains(readFile(t, filepath.Join(dir, "times.md")), "| CG     | ") {
		t.Errorf("report:\n%s\n%s", stderr.String(), readFile(t, filepath.Join(dir, "times.md")))
	}

	// A read-only sweep: as another user, a directory without write
	// permission; as root, a read-only bind mount (when this may mount).
	ro := dir
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
	} else {
		ro = t.TempDir()
		if err := exec.Command("mount", "--bind", dir, ro).Run(); err != nil {
			t.Skipf("cannot make a read-only sweep as root without mount: %v", err)
		}
		defer exec.Command("umount", ro).Run()
		if err := exec.Command("mount", "-o", "remount,bind,ro", ro).Run(); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
	}
	stdout.Reset()
	stderr.Reset()
	code := mainExit([]string{"report", ro}, &stdout, &stderr)
	if code != 0 || !strings.Contains(stdout.String(), "# Times: class S") || !strings.Contains(stderr.String(), "npb report: "+ro+" is read-only: the tables are on stdout only (-out DIR writes them elsewhere)") {
		t.Errorf("report of a read-only sweep: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	elsewhere := t.TempDir()
	stderr.Reset()
	if code := mainExit([]string{"report", "-out", elsewhere, ro}, &stdout, &stderr); code != 0 {
		t.Errorf("report -out: exit %d %s", code, stderr.String())
	}
	for _, f := range []string{"times.md", "speedup.md", "summary.json", "bench.txt", "times.svg"} {
		if _, err := os.Stat(filepath.Join(elsewhere, f)); err != nil {
			t.Errorf("report -out: %v", err)
		}
	}
}

// TestBenchKernelsAllBigClass: "all" at a class only some kernels have is
// those kernels (NPB defines no class F for IS).
func TestBenchKernelsAllBigClass(t *testing.T) {
	cs, err := npb.Select("all", npb.ClassF)
	var ks []string
	for _, c := range cs {
		ks = append(ks, c.Name)
	}
	if err != nil || !slices.Contains(ks, "ep") || !slices.Contains(ks, "cg") || slices.Contains(ks, "is") {
		t.Errorf("all at class F: %v, %v", ks, err)
	}
}
