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
		pts, err := workPoints(tc.kernels, npb.ClassS, tc.np)
		if err != nil || keys(pts) != tc.want {
			t.Errorf("workPoints(%q, S, %d) = %s, %v; want %s", tc.kernels, tc.np, keys(pts), err, tc.want)
		}
	}
	all, err := workPoints("all", npb.ClassS, 4)
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
	if _, err := workPoints("cg-mpi,nope", npb.ClassS, 4); err == nil {
		t.Error("an unknown kernel was accepted")
	}
}

// TestMergeWork: an update of some points keeps the others' counts, each
// point known by kernel, class and place count.
func TestMergeWork(t *testing.T) {
	w := func(name string, np int, n uint64) regress.WorkCount {
		return regress.WorkCount{Name: name, Class: npb.ClassS, Places: np, Instructions: n}
	}
	tests := []struct {
		name     string
		now, old []regress.WorkCount
		want     []regress.WorkCount
	}{
		{"one kernel recounted", []regress.WorkCount{w("cg-mpi", 4, 9)},
			[]regress.WorkCount{w("is", 0, 1), w("cg", 0, 2), w("cg-mpi", 4, 3)},
			[]regress.WorkCount{w("is", 0, 1), w("cg", 0, 2), w("cg-mpi", 4, 9)}},
		{"another place count is another point", []regress.WorkCount{w("cg-mpi", 2, 9)},
			[]regress.WorkCount{w("cg-mpi", 4, 3), w("cg", 0, 2)},
			[]regress.WorkCount{w("cg", 0, 2), w("cg-mpi", 2, 9), w("cg-mpi", 4, 3)}},
		{"no old file", []regress.WorkCount{w("mg-mpi", 4, 1), w("is", 0, 2), w("mg", 0, 3)}, nil,
			[]regress.WorkCount{w("is", 0, 2), w("mg", 0, 3), w("mg-mpi", 4, 1)}},
	}
	for _, tc := range tests {
		got := mergeWork(tc.now, tc.old)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}
