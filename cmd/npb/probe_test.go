package main

import (
	"encoding/json"
	"strings"
	"testing"

	"npbgo/harness"
)

func TestProbe(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout, or in stderr when code != 0
	}{
		{[]string{"probe", "-places", "0"}, 2, "bad place count"},
		{[]string{"probe", "-places", "two"}, 2, "bad place count"},
		{[]string{"probe", "-places", "100000"}, 2, "bad place count 100000 in \"100000\": at most 4096 places"},
		{[]string{"probe", "extra"}, 2, "unexpected argument"},
		{[]string{"probe", "-places", "2"}, 0, "|  now | 1.00 |"}, // the rows of the ratios to 1 place
	}
	for _, tc := range tests {
		if tc.code == 0 && regressRace {
			continue // the probe's 96 MiB triad is slow under the race detector
		}
		var out, errb strings.Builder
		code := mainExit(tc.args, &out, &errb)
		got := out.String()
		if code != 0 {
			got = errb.String()
		}
		if code != tc.code || !strings.Contains(got, tc.want) {
			t.Errorf("npb %v: exit %d, want %d; output lacks %q:\n%s", tc.args, code, tc.code, tc.want, got)
		}
	}
}

func TestProbeJSON(t *testing.T) {
	if regressRace {
		t.Skip("the probe's 96 MiB triad is slow under the race detector")
	}
	var out, errb strings.Builder
	if code := mainExit([]string{"probe", "-places", "2", "-json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var sc []harness.Scaling
	if err := json.Unmarshal([]byte(out.String()), &sc); err != nil {
		t.Fatal(err)
	}
	// 1 is always measured: it is the base of the speedups.
	// The CPU accounting of other work is read with the times, so a note
	// blames other work only when there was some.
	if len(sc) != 2 || sc[0].Places != 1 || sc[1].Places != 2 || sc[0].Memory <= 0 || sc[1].Compute <= 0 || !sc[1].LoadKnown ||
		!(sc[0].MemoryGBs > 0) || !(sc[1].ComputeGFlops > 0) {
		t.Errorf("probe points %+v", sc)
	}
}
