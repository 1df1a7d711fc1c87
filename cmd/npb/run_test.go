package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// setEnv sets the variables of a bad-input case for the test; GOMAXPROCS
// also in this process, which the checks read.
func setEnv(t *testing.T, env map[string]string) {
	for k, v := range env {
		t.Setenv(k, v)
		if k == "GOMAXPROCS" {
			n, _ := strconv.Atoi(v)
			old := runtime.GOMAXPROCS(n)
			t.Cleanup(func() { runtime.GOMAXPROCS(old) })
		}
	}
}

func TestRunBadInput(t *testing.T) {
	useHelper(t) // should a bad input be taken, nothing starts the test binary
	tests := []struct {
		args []string
		want string
		env  map[string]string
	}{
		{[]string{"cg", "-class", "S", "-places", "0"}, `bad place count "0"`, nil},
		{[]string{"cg", "-class", "S", "-places", "x"}, `bad place count "x"`, nil},
		// More places than a group may have: an error, not a runtime crash.
		{[]string{"cg", "-class", "S", "-places", "100000"}, "npb run: bad place count 100000: at most 4096 places", nil},
		// More places per CPU than can take turns at a bearable cost.
		{[]string{"is", "-class", "S", "-places", strconv.Itoa(17 * runtime.NumCPU())}, fmt.Sprintf("npb run: bad place count %d: at most %d places here, 16 per CPU this process may run on:", 17*runtime.NumCPU(), 16*runtime.NumCPU()), nil},
		// No kernel has D, E or F: the message lists what can be run.
		{[]string{"cg", "-class", "Q"}, `npb run: unknown class "Q" (have S W A B C D E F)`, nil},
		{[]string{"xx"}, `unknown kernel "xx"`, nil},
		{[]string{"cg", "-pin", "diagonal"}, "diagonal", nil},
		// The same bad NPB_TOPOLOGY exits 2 from run as from topo.
		{[]string{"cg", "-class", "S"}, `npb run: bad NPB_TOPOLOGY "2x8": want SOCKETSxCORESxTHREADS`, map[string]string{"NPB_TOPOLOGY": "2x8"}},
	}
	if !mpiBuild {
		// Under mpirun the default build would run one independent
		// shared-memory CG per rank.
		tests = append(tests, struct {
			args []string
			want string
			env  map[string]string
		}{[]string{"cg", "-class", "S"}, "npb run: started by mpirun (OMPI_COMM_WORLD_SIZE is set), but this npb has no MPI: every rank would run cg alone; build the MPI one with make build MPI=1", map[string]string{"OMPI_COMM_WORLD_SIZE": "2"}})
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			setEnv(t, tc.env)
			var stdout, stderr bytes.Buffer
			code := mainExit(append([]string{"run"}, tc.args...), &stdout, &stderr)
			msg := stderr.String()
			if code != 2 || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
				t.Errorf("%v run %q: exit %d, stderr %q; want exit 2 and one line with %q", tc.env, tc.args, code, msg, tc.want)
			}
		})
	}
}

// TestLongInputClipped: input echoed into an error message is cut short
// (a 100 KB -class value was once echoed whole), and the package prefix
// is not doubled ("npb topo: topo: …").
func TestLongInputClipped(t *testing.T) {
	long := strings.Repeat("x", 100000)
	tests := [][]string{
		{"run", "cg", "-class", long},
		{"run", "cg", "-places", long},
		{"run", long},
		{"bench", "-places", long},
		{"bench", "-kernels", long},
		{"bench", "-reps", long},
		{"topo", "-pin", long},
		{"probe", "-places", long},
		{"compare", "-" + long},
	}
	for _, args := range tests {
		var stdout, stderr bytes.Buffer
		code := mainExit(args, &stdout, &stderr)
		msg := stderr.String()
		if code != 2 || len(msg) > 450 || strings.Count(msg, "\n") != 1 {
			t.Errorf("npb %s %.20s…: exit %d, %d bytes on stderr: %.300s", args[0], args[len(args)-1], code, len(msg), msg)
		}
		if f := strings.Fields(msg); len(f) > 2 && strings.HasSuffix(f[2], ":") && strings.TrimSuffix(f[2], ":") != "" && strings.Contains("npb harness topo places regress", strings.TrimSuffix(f[2], ":")) {
			t.Errorf("npb %s: doubled prefix: %.100s", args[0], msg)
		}
	}
}

// TestOversubscribedNote: more places than allowed CPUs is said once on
// stderr, by npb run and by npb bench (whose runs keep it in their logs).
func TestOversubscribedNote(t *testing.T) {
	np := strconv.Itoa(runtime.NumCPU() + 1)
	var stdout, stderr bytes.Buffer
	if code := mainExit([]string{"run", "cg", "-class", "S", "-places", np}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stderr.String(), "oversubscribed"); n != 1 {
		t.Errorf("npb run -places %s: %d notes on stderr:\n%s", np, n, stderr.String())
	}
	stderr.Reset()
	mainExit([]string{"run", "cg", "-class", "S", "-places", "1"}, &stdout, &stderr)
	if strings.Contains(stderr.String(), "oversubscribed") {
		t.Errorf("npb run -places 1: %s", stderr.String())
	}
	if testing.Short() {
		return
	}
	useHelper(t)
	stderr.Reset()
	if code := mainExit([]string{"bench", "-class", "S", "-kernels", "cg", "-places", "1," + np, "-reps", "2", "-out", t.TempDir()}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench: exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stderr.String(), "oversubscribed"); n != 1 {
		t.Errorf("npb bench: %d notes on stderr:\n%s", n, stderr.String())
	}
}

// TestGOMAXPROCSBelowPlaces: with GOMAXPROCS below the place count (and
// below the CPUs), places take turns on fewer CPUs than there are places.
// npb run says so; npb bench refuses a sweep whose speedups would measure
// that, and its auto place list stops at what can run at once.
func TestGOMAXPROCSBelowPlaces(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("needs 2 CPUs")
	}
	useHelper(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	t.Setenv("GOMAXPROCS", "1")
	var stdout, stderr bytes.Buffer
	if code := mainExit([]string{"run", "cg", "-class", "S", "-places", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if want := "npb run: note: 2 places with GOMAXPROCS=1 (from the environment): only 1 place runs at a time"; !strings.Contains(stderr.String(), want) {
		t.Errorf("npb run -places 2: stderr lacks %q:\n%s", want, stderr.String())
	}
	// npb bench's refusal is in TestBenchBadInput.
	stderr.Reset()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	bench(ctx, []string{"-class", "S", "-kernels", "cg", "-places", "auto", "-out", t.TempDir()}, &stdout, &stderr)
	if want := "places S,1, "; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "GOMAXPROCS=1") {
		t.Errorf("bench -places auto: stderr lacks %q and a note on GOMAXPROCS:\n%s", want, stderr.String())
	}
}

// TestMemoryUnderUlimit: a class that does not fit in what the process
// may map (ulimit -v) is refused with one line and exit 2, naming the
// class and the estimate (per rank for a message-passing form), not
// started to die in a runtime out-of-memory dump; a class that fits still
// runs. The big classes are refused before anything is allocated: under
// the limit an allocation of theirs would end in such a dump.
func TestMemoryUnderUlimit(t *testing.T) {
	if regressRace {
		t.Skip("the race detector's shadow memory does not fit under ulimit -v")
	}
	script := useHelper(t)
	for _, tc := range []struct {
		args   string
		code   int
		prefix string
		want   string
	}{
		{"ft -class A", 2, "npb run: ft class A needs about 0.3 GiB, only ", "GiB left under the address-space limit (ulimit -v)"},
		{"ft -class S", 0, "", "Verification    =               SUCCESSFUL"},
		{"ft -class D", 2, "npb run: ft class D needs about ", "GiB left under the address-space limit (ulimit -v)"},
		{"cg -class F", 2, "npb run: cg class F needs about ", "GiB left under the address-space limit (ulimit -v)"},
		{"mg -class E -places 2", 2, "npb run: mg class E needs about ", "GiB left under the address-space limit (ulimit -v)"},
		{"is-mpi -class D -places 4", 2, "npb run: is-mpi class D on 4 in-process ranks (6.0 GiB per rank) needs about 24.0 GiB, only ", "(ulimit -v)"},
	} {
		cmd := exec.Command("sh", "-c", `ulimit -v 900000 && exec "$0" run `+tc.args, script)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		got := stdout.String() + stderr.String()
		if code == 2 && !strings.HasPrefix(got, tc.prefix) {
			t.Errorf("%s: %s", tc.args, got)
		}
		if code != tc.code || !strings.Contains(got, tc.want) || (code != 0 && strings.Count(stderr.String(), "\n") != 1) {
			t.Errorf("%s under ulimit -v 900000: exit %d, want %d and %q in:\n%.2000s", tc.args, code, tc.code, tc.want, got)
		}
	}
}

// TestListCheck: npb list -check prints the lists the Makefile's checks
// take (they were copies in the Makefile, which these strings were).
func TestListCheck(t *testing.T) {
	for _, tc := range []struct{ check, want string }{
		{"ab", "ep/S,is,ft,cg,mg,sp/S,bt/S,lu/S,lu-hp/S,ep-mpi/S,is-mpi,ft-mpi,cg-mpi,mg-mpi,sp-mpi/S,bt-mpi/S,lu-mpi/S"},
		{"stored", "ep,is,ft,cg,mg,sp,bt,lu,lu-hp,places-run,places-barrier,places-sum"},
		{"mpi", "ep,is,ft,cg,mg,sp,bt,lu"},
	} {
		var stdout, stderr bytes.Buffer
		if code := mainExit([]string{"list", "-check", tc.check}, &stdout, &stderr); code != 0 || strings.TrimSpace(stdout.String()) != tc.want {
			t.Errorf("npb list -check %s: exit %d, %q %s; want %s", tc.check, code, stdout.String(), stderr.String(), tc.want)
		}
	}
}
