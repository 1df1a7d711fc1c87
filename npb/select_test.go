package npb

import (
	"fmt"
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	for _, n := range []string{"sk1", "sk2"} {
		if _, err := Lookup(n); err != nil {
			Register(Kernel{Name: n, Ref: "CG", MaxClass: ClassW})
		}
	}
	tests := []struct {
		list  string
		extra []string
		want  string
		err   string
	}{
		{"SK2, sk1,sk2", nil, "[sk2/S sk1/S]", ""},
		{"sk1/w,sk2", nil, "[sk1/W sk2/S]", ""},
		{"sk1,places-sum", []string{"places-sum"}, "[sk1/S places-sum/S]", ""},
		{"sk1,,sk2", nil, "", `bad -kernels "sk1,,sk2": empty name`},
		{"xx", []string{"w1"}, "", `unknown kernel "xx" (have `},
		{"sk1/Q", nil, "", `unknown class "Q"`},
		{"sk1/A", nil, "", "sk1: no class A"},
	}
	for _, tc := range tests {
		cs, err := Select(tc.list, ClassS, tc.extra...)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Select(%q): error %v, want %q", tc.list, err, tc.err)
			}
			continue
		}
		if got := fmt.Sprint(cs); err != nil || got != tc.want {
			t.Errorf("Select(%q) = %s, %v, want %s", tc.list, got, err, tc.want)
		}
	}
	if _, err := OneClass([]Choice{{"sk1", ClassW}}, ClassS); err == nil {
		t.Error("OneClass took a kernel at another class")
	}
}
