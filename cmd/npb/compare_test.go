package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareBadInput(t *testing.T) {
	empty := t.TempDir()
	truncated := t.TempDir()
	os.WriteFile(filepath.Join(truncated, "raw.csv"), []byte("impl,kernel,class,places,rep,seconds,mops,status\ngo,cg,S,1,1,0.1,100,ok\n"), 0o644)
	cut := t.TempDir()
	os.WriteFile(filepath.Join(cut, "raw.csv"), []byte("impl,kernel,class,places,rep,seconds,mops,status\ngo,cg,S,1,1,0.1,100,ok\ngo,cg,S,1,2,0.1"), 0o644)
	refs := t.TempDir()
	os.WriteFile(filepath.Join(refs, "cg.S.t1.r1.txt"), []byte(" CG Benchmark Completed.\n Class = S\n"), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{filepath.Join(empty, "missing")}, 1, "missing"},
		{[]string{"a", "b"}, 2, "at most one sweep directory"},
		{[]string{"-results", empty}, 1, "no sweep (a directory with raw.csv) under " + empty},
		{[]string{empty}, 1, "no NPB logs"},
		{[]string{"-reference", refs, truncated}, 1, filepath.Join(refs, "cg.S.t1.r1.txt") + ":1: truncated CG report"},
		// A raw.csv cut mid-row is an error, not a run made of half a row.
		{[]string{"-reference", refs, cut}, 1, "npb compare: " + filepath.Join(cut, "raw.csv") + ":3: row cut short"},
		{[]string{"-bogus"}, 2, "flag provided but not defined: -bogus"},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		code := mainExit(append([]string{"compare"}, tc.args...), &stdout, &stderr)
		msg := stderr.String()
		if code != tc.code || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 {
			t.Errorf("compare %q: exit %d, stderr %q; want exit %d and one line with %q", tc.args, code, msg, tc.code, tc.want)
		}
	}
}
