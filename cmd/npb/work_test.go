package main

import (
	"strings"
	"testing"

	"npbgo/harness/regress"
	"npbgo/npb"
)

// TestWorkPoints: the shared-memory kernels are counted at the serial
// point whatever -places says, the message-passing forms on -places ranks,
// and "all" has both.
func TestWorkPoints(t *testing.T) {
	keys := func(ws []regress.WorkCount) string {
		var k []string
		for _, w := range ws {
			k = append(k, w.Key())
		}
		return strings.Join(k, " ")
	}
	tests := []struct {
		kernels string
		np      int
		want    string
	}{
		{"cg,cg-mpi", 4, "cg/S cg-mpi/S@4"},
		{"is-mpi, lu", 2, "is-mpi/S@2 lu/S"},
		{"cg-mpi", 0, "cg-mpi/S"},
		{"cg,CG", 4, "cg/S"},
	}
	for _, tc := range tests {
		pts, err := regress.WorkPoints(tc.kernels, npb.ClassS, tc.np)
		if err != nil || keys(pts) != tc.want {
			t.Errorf("WorkPoints(%q, S, %d) = %s, %v; want %s", tc.kernels, tc.np, keys(pts), err, tc.want)
		}
	}
	all, err := regress.WorkPoints("all", npb.ClassS, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range npb.Names() {
		k, _ := npb.Lookup(n)
		want := regress.WorkCount{Name: n, Class: npb.ClassS}
		if k.Ranks {
			want.Places = 4
		}
		if !strings.Contains(" "+keys(all)+" ", " "+want.Key()+" ") {
			t.Errorf("all at 4 places lacks %s: %s", want.Key(), keys(all))
		}
	}
	if _, err := regress.WorkPoints("cg-mpi,nope", npb.ClassS, 4); err == nil {
		t.Error("an unknown kernel was accepted")
	}
}
