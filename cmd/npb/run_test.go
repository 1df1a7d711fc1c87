package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"cg", "-class", "S", "-places", "0"}, "bad place count 0"},
		{[]string{"cg", "-class", "S", "-places", "x"}, `bad place count "x"`},
		// More places than a group may have: an error, not a runtime crash.
		{[]string{"cg", "-class", "S", "-places", "100000"}, "npb run: bad place count 100000: at most 4096 places"},
		{[]string{"cg", "-class", "Q"}, `unknown class "Q"`},
		{[]string{"xx"}, `unknown kernel "xx"`},
		{[]string{"cg", "-pin", "diagonal"}, "diagonal"},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		code := mainExit(append([]string{"run"}, tc.args...), &stdout, &stderr)
		msg := stderr.String()
		if code != 2 || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
			t.Errorf("run %q: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, msg, tc.want)
		}
	}
}
