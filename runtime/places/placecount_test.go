package places

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want Count
		err  string
	}{
		{"S", Serial, ""},
		{"s", Serial, ""},
		{"Serial", Serial, ""},
		{"1", 1, ""},
		{"4096", MaxPlaces, ""},
		{"0", 0, `bad place count "0": want S (serial) or a positive integer`},
		{"-2", 0, `bad place count "-2": want S (serial) or a positive integer`},
		{"x", 0, `bad place count "x": want S or a positive integer`},
		{"", 0, `bad place count "": want S or a positive integer`},
		{"4097", 0, `bad place count 4097: at most 4096 places`},
	}
	for _, tc := range tests {
		got, err := ParseCount(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseCount(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseCount(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseCounts(t *testing.T) {
	tests := []struct {
		in   string
		want []Count
		err  string
	}{
		{"S,1, 2,4", []Count{Serial, 1, 2, 4}, ""},
		{"2,1", []Count{2, 1}, ""},
		{"1,,2", nil, `bad place count "" in "1,,2": want S or a positive integer`},
		{"S,100000", nil, `bad place count 100000 in "S,100000": at most 4096 places`},
	}
	for _, tc := range tests {
		got, err := ParseCounts(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseCounts(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseCounts(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestCountText: a count is "S" or its number in JSON, and reads back.
func TestCountText(t *testing.T) {
	b, err := json.Marshal([]Count{Serial, 1, 16})
	if err != nil || string(b) != `["S","1","16"]` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back []Count
	if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(back, []Count{Serial, 1, 16}) {
		t.Errorf("Unmarshal = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`["0"]`), &back); err == nil {
		t.Error("Unmarshal of 0 places: no error")
	}
}
