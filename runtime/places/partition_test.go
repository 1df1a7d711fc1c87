package places

import (
	"fmt"
	"testing"
)

func TestBlock(t *testing.T) {
	tests := []struct {
		lo, hi, np int
		want       [][2]int
	}{
		{0, 10, 3, [][2]int{{0, 4}, {4, 7}, {7, 10}}},
		{5, 7, 4, [][2]int{{5, 6}, {6, 7}, {7, 7}, {7, 7}}},
		{0, 0, 2, [][2]int{{0, 0}, {0, 0}}},
		{1, 9, 1, [][2]int{{1, 9}}},
	}
	for _, tt := range tests {
		for id, w := range tt.want {
			if s, e := Block(tt.lo, tt.hi, id, tt.np); s != w[0] || e != w[1] {
				t.Errorf("Block(%d,%d,%d,%d) = %d,%d want %v", tt.lo, tt.hi, id, tt.np, s, e, w)
			}
		}
	}
}

func TestAlignedBlock(t *testing.T) {
	for _, tt := range []struct{ lo, hi, align, np int }{
		{0, 100, 8, 3}, {3, 1000, 8, 7}, {0, 5, 8, 4}, {10, 11, 8, 2}, {0, 64, 1, 5},
	} {
		t.Run(fmt.Sprint(tt), func(t *testing.T) {
			prev := tt.lo
			for id := range tt.np {
				s, e := AlignedBlock(tt.lo, tt.hi, tt.align, id, tt.np)
				if s != prev || e < s {
					t.Fatalf("place %d: [%d,%d) does not follow %d", id, s, e, prev)
				}
				if id > 0 && s != tt.hi && s%tt.align != 0 {
					t.Fatalf("place %d starts at %d, not a multiple of %d", id, s, tt.align)
				}
				prev = e
			}
			if prev != tt.hi {
				t.Fatalf("blocks end at %d, want %d", prev, tt.hi)
			}
		})
	}
}

func TestWeighted(t *testing.T) {
	// Rows 0..3 light, row 4 heavy: the heavy row gets a place to itself.
	cum := []int32{0, 1, 2, 3, 4, 104, 105}
	want := [][2]int{{0, 5}, {5, 6}}
	for id, w := range want {
		if s, e := Weighted(cum, id, 2); s != w[0] || e != w[1] {
			t.Errorf("Weighted place %d = %d,%d want %v", id, s, e, w)
		}
	}
	// Uniform weights give the plain blocks.
	uni := make([]int, 101)
	for i := range uni {
		uni[i] = 3 * i
	}
	for np := 1; np <= 7; np++ {
		prev := 0
		for id := range np {
			s, e := Weighted(uni, id, np)
			bs, be := Block(0, 100, id, np)
			if s != prev || e-s < be-bs-1 || e-s > be-bs+1 {
				t.Fatalf("np %d place %d: [%d,%d), Block gives [%d,%d)", np, id, s, e, bs, be)
			}
			prev = e
		}
		if prev != 100 {
			t.Fatalf("np %d: ends at %d", np, prev)
		}
	}
}
