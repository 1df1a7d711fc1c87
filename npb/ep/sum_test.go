package ep

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// bigSum is the exact sum of xs (4096 bits hold any sum of up to 2^31
// finite float64s), rounded to the nearest float64, ties to even.
func bigSum(xs []float64) float64 {
	s := new(big.Float).SetPrec(4096)
	for _, x := range xs {
		s.Add(s, new(big.Float).SetFloat64(x))
	}
	f, _ := s.Float64()
	return f
}

func exact(xs []float64) float64 {
	var s exactSum
	for _, x := range xs {
		s.add(x)
	}
	return s.value()
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func TestExactSumCases(t *testing.T) {
	tiny := math.SmallestNonzeroFloat64
	big1 := math.MaxFloat64
	ulp1 := math.Nextafter(1, 2) - 1 // 2^-52
	for _, tt := range []struct {
		name string
		xs   []float64
		want float64
	}{
		{"empty", nil, 0},
		{"zero", []float64{0, math.Copysign(0, -1)}, 0},
		{"one", []float64{1}, 1},
		{"cancel", []float64{1e300, 1, -1e300}, 1},
		{"tiny", []float64{tiny, tiny, tiny}, 3 * tiny},
		{"subnormal to normal", []float64{math.Float64frombits(1<<52 - 1), tiny}, math.Float64frombits(1 << 52)},
		{"tie to even down", []float64{1, ulp1 / 2}, 1},
		{"tie to even up", []float64{1 + ulp1, ulp1 / 2}, 1 + 2*ulp1},
		{"above tie", []float64{1, ulp1 / 2, tiny}, 1 + ulp1},
		{"below tie", []float64{1, ulp1 / 2, -tiny}, 1},
		{"carry to 2^53", []float64{1<<53 - 1, 0.5}, 1 << 53},
		{"negative", []float64{-1.5, -2.25}, -3.75},
		{"max", []float64{big1, -big1, big1}, big1},
		{"overflow", []float64{big1, big1}, math.Inf(1)},
		{"back from overflow", []float64{big1, big1, -big1}, big1},
		{"inf", []float64{1, math.Inf(1)}, math.Inf(1)},
		{"-inf", []float64{math.Inf(-1), 1}, math.Inf(-1)},
		{"inf-inf", []float64{math.Inf(1), math.Inf(-1)}, math.NaN()},
		{"nan", []float64{1, math.NaN()}, math.NaN()},
	} {
		got := exact(tt.xs)
		if !sameBits(got, tt.want) && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("%s: %v (%#x), want %v (%#x)", tt.name, got, math.Float64bits(got), tt.want, math.Float64bits(tt.want))
		}
	}
}

// TestExactSumRandom compares with math/big on random addends of every
// magnitude and on the kind EP adds: batch sums of a few hundred, with
// cancellation.
func TestExactSumRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gens := map[string]func() float64{
		"any": func() float64 {
			for {
				x := math.Float64frombits(r.Uint64())
				if !math.IsNaN(x) && !math.IsInf(x, 0) {
					return x
				}
			}
		},
		"near":  func() float64 { return math.Ldexp(r.Float64()-0.5, r.IntN(60)-30) },
		"batch": func() float64 { return (r.Float64() - 0.5) * 600 },
		"subnormal": func() float64 {
			return math.Float64frombits(r.Uint64()&(1<<53-1)&^(1<<52) | r.Uint64()&(1<<63))
		},
	}
	for name, gen := range gens {
		for trial := range 300 {
			xs := make([]float64, 1+r.IntN(200))
			for i := range xs {
				xs[i] = gen()
			}
			if got, want := exact(xs), bigSum(xs); !sameBits(got, want) {
				t.Fatalf("%s trial %d: %v, want %v", name, trial, got, want)
			}
			// Any split and order gives the same bits.
			var a, b exactSum
			for i := len(xs) - 1; i >= 0; i-- {
				if r.IntN(2) == 0 {
					a.add(xs[i])
				} else {
					b.add(xs[i])
				}
			}
			a.addSum(&b)
			if got := a.value(); !sameBits(got, bigSum(xs)) {
				t.Fatalf("%s trial %d: split sum %v, want %v", name, trial, got, bigSum(xs))
			}
		}
	}
}

// TestExactSumMany adds 2^20 addends of one limb's worst case: no limb
// may overflow, and the sum is exact.
func TestExactSumMany(t *testing.T) {
	if testing.Short() {
		t.Skip("slow in -short")
	}
	x := math.Float64frombits(0x7fefffffffffffff) // every significand bit set
	var s exactSum
	const n = 1 << 20
	for range n {
		s.add(x / (1 << 40))
		s.add(-x / (1 << 40) / 3)
	}
	want := bigSum([]float64{x / (1 << 40) * n, -x / (1 << 40) / 3 * n})
	if got := s.value(); !sameBits(got, want) {
		t.Fatalf("%v, want %v", got, want)
	}
}
