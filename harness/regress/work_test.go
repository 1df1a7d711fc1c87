package regress

import (
	"strings"
	"testing"

	"npbgo/npb"
)

func TestParseCallgrindTotals(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     map[string]uint64
		err      bool
	}{
		{"plain", "version: 1\nevents: Ir\nfl=x\n1 2\nsummary: 282666739\ntotals: 282666739\n", map[string]uint64{"Ir": 282666739}, false},
		{"cache", "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\ntotals: 10 5 4 1 2 3 0 1 1\n",
			map[string]uint64{"Ir": 10, "D1mr": 2, "D1mw": 3, "DLmr": 1, "DLmw": 1}, false},
		{"empty", "", nil, true},
		{"bad number", "events: Ir\nsummary: x\n", nil, true},
	} {
		got, err := parseCallgrindTotals(strings.NewReader(tt.in))
		if (err != nil) != tt.err {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: %s = %d, want %d", tt.name, k, got[k], v)
			}
		}
	}
}

func TestCompareWork(t *testing.T) {
	base := &WorkBaseline{Counts: []WorkCount{
		{Name: "cg", Class: npb.ClassS, Instructions: 1000000},
		{Name: "mg", Class: npb.ClassS, Instructions: 1000000},
	}}
	now := []WorkCount{
		{Name: "cg", Class: npb.ClassS, Instructions: 1030000}, // +3%: the gate fires
		{Name: "mg", Class: npb.ClassS, Instructions: 1000150}, // +0.015%: run-to-run spread
		{Name: "sp", Class: npb.ClassS, Instructions: 5},
	}
	vs := CompareWork(base, now, 0.02)
	if !vs[0].Regression || vs[1].Regression || !vs[2].Missing || vs[2].Regression {
		t.Errorf("verdicts %+v", vs)
	}
}
