package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

func TestRegressBadInput(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "-baseline FILE (or -ab OLD) is required"},
		{[]string{"-ab", missing}, 2, "bad -ab"},
		{[]string{"-ab", dir}, 2, "not an executable file"},
		{[]string{"-ab", "/bin/true", "-baseline", bad}, 2, "-ab or -fortran-bin cannot be used with"},
		{[]string{"-fortran-bin", dir, "-update"}, 2, "-ab or -fortran-bin cannot be used with"},
		{[]string{"-ab", "/bin/true", "-fortran-bin", dir}, 2, "give one"},
		{[]string{"-fortran-bin", missing}, 2, "bad -fortran-bin"},
		{[]string{"-fortran-bin", bad}, 2, "not a directory"},
		{[]string{"-ab", "/bin/true", "-kernels", "cg/Q"}, 2, `unknown class "Q"`},
		{[]string{"-ab", "/bin/true", "-kernels", "xx/S"}, 2, `unknown kernel "xx"`},
		{[]string{"-ab", "/bin/true", "-kernels", "is/F"}, 2, "class F"},
		{[]string{"-ab", "/bin/true", "-confidence", "1"}, 2, "bad -confidence 1"},
		{[]string{"-baseline", missing}, 1, "npb regress: baseline " + missing + " does not exist (make one with 'npb regress -update -baseline " + missing + "')"},
		{[]string{"-baseline", bad}, 1, "npb regress: baseline " + bad + " is not a valid baseline file"},
		{[]string{"-baseline", dir}, 1, "cannot read baseline " + dir},
		{[]string{"-baseline", bad, "-kernels", "xx"}, 2, `unknown kernel "xx" (have `},
		{[]string{"-baseline", bad, "-kernels", "cg,,mg"}, 2, "empty name"},
		{[]string{"-baseline", bad, "-class", "Q"}, 2, `unknown class "Q"`},
		{[]string{"-baseline", bad, "-reps", "0"}, 2, "bad -reps 0"},
		{[]string{"-baseline", bad, "-threshold", "-1"}, 2, "bad -threshold -1"},
		{[]string{"-baseline", bad, "-alpha", "1"}, 2, "bad -alpha 1"},
		{[]string{"-baseline", bad, "-places", "1,0"}, 2, `bad place count "0"`},
		{[]string{"-baseline", bad, "-places", "1,100000"}, 2, `bad place count 100000 in "1,100000": at most 4096 places`},
		{[]string{"-baseline", bad, "-places", "1,100"}, 2, `bad place count 100 in "1,100": at most`},
		{[]string{"-baseline", bad, "-inject-slowdown", "cg=0.5"}, 2, "want name=factor with factor ≥ 1"},
		{[]string{"-baseline", bad, "-inject-slowdown", "cg=1.3", "-kernels", "mg"}, 2, "cg is not measured"},
		{[]string{"-baseline", bad, "-inject-slowdown", "cg=1.3", "-update"}, 2, "cannot be used with -update"},
		{[]string{"-baseline", bad, "cg"}, 2, `unexpected argument "cg"`},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		code := mainExit(append([]string{"regress"}, tc.args...), &stdout, &stderr)
		msg := stderr.String()
		if code != tc.code || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
			t.Errorf("regress %q: exit %d, stderr %q; want exit %d and one line containing %q", tc.args, code, msg, tc.code, tc.want)
		}
	}
}

// TestRegressDetectsSlowdown measures a baseline, then checks a run in
// which cg is made 30% slower (-inject-slowdown): the check must fail and
// name cg, and no other point may be flagged. It is a timing test, so it
// runs only when asked (NPB_TIMING_TESTS=1), never with -short or -race,
// and under the benchmark lock: with its 8 samples a noisy moment of a
// shared machine can keep p above alpha, which must not fail `make test`.
func TestRegressDetectsSlowdown(t *testing.T) {
	if os.Getenv("NPB_TIMING_TESTS") == "" || testing.Short() || regressRace {
		t.Skip("timing test: set NPB_TIMING_TESTS=1 (and no -short or -race) to run it")
	}
	if f, err := os.OpenFile("/tmp/npbgo-bench.lock", os.O_RDWR|os.O_CREATE, 0o666); err == nil {
		// The machine's convention for timed runs (see the brief); held
		// until the test binary exits.
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX) == nil {
			t.Cleanup(func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() })
		}
	}
	base := filepath.Join(t.TempDir(), "baseline.json")
	common := []string{"-baseline", base, "-class", "W", "-kernels", "cg,mg,places-sum", "-places", "1,2", "-reps", "8"}
	run := func(extra ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := mainExit(append(append([]string{"regress"}, common...), extra...), &stdout, &stderr)
		t.Logf("npb regress %s: exit %d\n%s", strings.Join(extra, " "), code, stdout.String())
		if code > 1 || strings.Contains(stderr.String(), "npb regress:") {
			t.Fatalf("stderr: %s", stderr.String())
		}
		return code, stdout.String()
	}
	if code, _ := run("-update"); code != 0 {
		t.Fatal("update failed")
	}
	flagged := regexp.MustCompile(`(?m)^\s*(\S+)\s.*REGRESSION$`)
	// A point other than cg flagged could be noise from the machine: the
	// check is repeated once, and fails only if it happens again.
	for attempt := 1; ; attempt++ {
		code, out := run("-inject-slowdown", "cg=1.3")
		var others []string
		cg := 0
		for _, m := range flagged.FindAllStringSubmatch(out, -1) {
			if strings.HasPrefix(m[1], "cg/") {
				cg++
			} else {
				others = append(others, m[1])
			}
		}
		last := out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:]
		if code != 1 || cg == 0 || !strings.Contains(last, "REGRESSION") || !strings.Contains(last, "cg/W/") {
			t.Fatalf("a 30%% slowdown of cg was not reported: exit %d, %d cg points flagged, last line %q", code, cg, last)
		}
		if len(others) == 0 {
			break
		}
		if attempt == 2 {
			t.Fatalf("points without a slowdown flagged twice: %v", others)
		}
		t.Logf("points without a slowdown flagged (noise?): %v; repeating", others)
	}
}
