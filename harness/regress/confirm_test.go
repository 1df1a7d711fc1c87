package regress

import (
	"slices"
	"testing"
)

func TestConfirm(t *testing.T) {
	key := func(name string, np int) Key { return Key{Name: name, Class: 'W', Places: np} }
	rows := []Row{
		{Key: key("cg", 1), Verdict: Regression, Change: 0.3},
		{Key: key("cg", 2), Verdict: Regression, Change: 0.3},
		{Key: key("mg", 1), Verdict: Regression, Change: 0.12},
		{Key: key("is", 1), Verdict: OK},
	}
	names, nps := Flagged(rows)
	if !slices.Equal(names, []string{"cg", "mg"}) || !slices.Equal(nps, []int{1, 2}) {
		t.Fatalf("Flagged = %v %v", names, nps)
	}
	again := []Row{
		{Key: key("cg", 1), Verdict: Regression, Change: 0.29},
		{Key: key("cg", 2), Verdict: Regression, Change: 0.31},
		{Key: key("mg", 1), Verdict: OK, Change: 0.02},
		{Key: key("mg", 2), Verdict: OK},
	}
	confirmed, cleared := Confirm(rows, again)
	if confirmed != 2 || cleared != 1 {
		t.Fatalf("Confirm = %d confirmed, %d cleared", confirmed, cleared)
	}
	if rows[2].Verdict != OK || rows[2].Change != 0.02 || rows[0].Verdict != Regression {
		t.Fatalf("rows after Confirm: %+v", rows)
	}
	// A point missing from the second pass stays a regression.
	rows = []Row{{Key: key("ft", 1), Verdict: Regression}}
	if c, _ := Confirm(rows, nil); c != 1 || rows[0].Verdict != Regression {
		t.Fatalf("unmeasured point not kept: %+v", rows)
	}
}
