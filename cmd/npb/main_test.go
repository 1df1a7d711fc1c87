package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelp: every command's -h says how to call it, on stdout, exit 0 —
// also a command without flags (npb report -h printed nothing) — and no
// flag is called required that another mode does without.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		var stdout, stderr bytes.Buffer
		code := mainExit([]string{c.name, "-h"}, &stdout, &stderr)
		if code != 0 || !strings.HasPrefix(stdout.String(), "usage: npb "+c.name) || !strings.Contains(stdout.String(), c.summary) || stderr.Len() > 0 {
			t.Errorf("npb %s -h: exit %d, stdout:\n%s\nstderr:\n%s", c.name, code, stdout.String(), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	mainExit([]string{"regress", "-h"}, &stdout, &stderr)
	if strings.Contains(stdout.String(), "(required)") {
		t.Errorf("npb regress -h calls a flag required, though -ab and -fortran-bin need no baseline:\n%s", stdout.String())
	}
}

// TestExitCodes: the same bad input exits 2 from every command that reads
// it, with one line that lists only what exists.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		env  string // NPB_TOPOLOGY
		args []string
		want string
	}{
		// run's cases are in TestRunBadInput, bench's in TestBenchBadInput.
		{"2x8", []string{"topo"}, `npb topo: bad NPB_TOPOLOGY "2x8": want SOCKETSxCORESxTHREADS`},
		{"", []string{"regress", "-ab", "/bin/true", "-class", "Q"}, `npb regress: unknown class "Q" (have S W A B C D E F)`},
		{"", []string{"list", "extra"}, `npb list: unexpected argument "extra"`},
		{"", []string{"report", "a", "b"}, "npb report: want one sweep directory"},
		{"", []string{"work", "-baseline", "w.json", "-places", "0"}, `npb work: bad place count "0": want S (serial) or a positive integer`},
		{"", []string{"work", "-baseline", "w.json", "-kernels", "cg,xx", "-places", "4"}, `npb work: unknown kernel "xx"`},
	}
	for _, tc := range tests {
		t.Setenv("NPB_TOPOLOGY", tc.env)
		var stdout, stderr bytes.Buffer
		code := mainExit(tc.args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), tc.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("NPB_TOPOLOGY=%s npb %s: exit %d, want 2 and one line with %q:\n%s", tc.env, strings.Join(tc.args, " "), code, tc.want, stderr.String())
		}
	}
}
