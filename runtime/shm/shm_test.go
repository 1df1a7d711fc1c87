package shm

import (
	"fmt"
	"testing"

	"npbgo/runtime/places"
)

func TestAlignment(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 100, 1000, 1 << 16, 1<<20 + 3} {
		for rep := range 8 {
			// Interleave small allocations to shift the heap.
			_ = make([]byte, rep*3+1)
			f, i32, i64, c := Float64s(n), Int32s(n), Int64s(n), Complex128s(n)
			if len(f) != n || len(i32) != n || len(i64) != n || len(c) != n {
				t.Fatalf("n=%d: lengths %d %d %d %d", n, len(f), len(i32), len(i64), len(c))
			}
			if !Aligned(f) || !Aligned(i32) || !Aligned(i64) || !Aligned(c) {
				t.Fatalf("n=%d rep %d: not 64-byte aligned", n, rep)
			}
			for _, x := range f {
				if x != 0 {
					t.Fatal("not zeroed")
				}
			}
		}
	}
}

func TestFirstTouch(t *testing.T) {
	for _, np := range []int{0, 1, 2, 3, 4} {
		t.Run(fmt.Sprintf("places=%d", np), func(t *testing.T) {
			g, err := places.New(np, places.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			v := Float64s(100_003)
			FirstTouch(g, v)
			c := Complex128s(5)
			FirstTouch(g, c)
			for _, x := range v {
				if x != 0 {
					t.Fatal("first touch wrote a non-zero")
				}
			}
		})
	}
}

func ExampleMake() {
	v := Make[float64](1000)
	fmt.Println(len(v), Aligned(v))
	// Output: 1000 true
}

func TestAdviseHugePages(t *testing.T) {
	was := SetHugePages(false)
	if SetHugePages(was) {
		t.Fatal("SetHugePages(false) did not turn huge pages off")
	}
	for _, n := range []int{0, 1, 1000, 3 << 18} {
		s := Float64s(n)
		AdviseHugePages(s)
		for i := range s {
			s[i] = 1
		}
		c := make([]int32, n)
		AdviseHugePages(c)
	}
}
