package npb

import (
	"math/big"
	"testing"
)

// bigLCG is the recurrence of REFERENCE.md §1 in arbitrary precision: an
// independent oracle for the 64-bit shortcut.
func bigLCG(x0 uint64, a uint64, n int) []float64 {
	mod := new(big.Int).Lsh(big.NewInt(1), 46)
	x := new(big.Int).SetUint64(x0)
	bigA := new(big.Int).SetUint64(a)
	out := make([]float64, n)
	for i := range out {
		x.Mul(x, bigA).Mod(x, mod)
		f, _ := new(big.Float).Quo(new(big.Float).SetInt(x), new(big.Float).SetInt(mod)).Float64()
		out[i] = f
	}
	return out
}

// randlcSplit is the reference's double-precision algorithm (randdp.f):
// 23-bit halves, every step exact.
func randlcSplit(x *float64, a float64) float64 {
	const r23, r46 = 1.0 / (1 << 23), 1.0 / (1 << 46)
	const t23, t46 = 1 << 23, 1 << 46
	t1 := r23 * a
	a1 := float64(int64(t1))
	a2 := a - t23*a1
	t1 = r23 * *x
	x1 := float64(int64(t1))
	x2 := *x - t23*x1
	t1 = a1*x2 + a2*x1
	t2 := float64(int64(r23 * t1))
	z := t1 - t23*t2
	t3 := t23*z + a2*x2
	t4 := float64(int64(r46 * t3))
	*x = t3 - t46*t4
	return r46 * *x
}

func TestRandlcMatchesRecurrence(t *testing.T) {
	for _, seed := range []uint64{Seed, 1, 271828183, 1<<46 - 1} {
		want := bigLCG(seed, Multiplier, 5000)
		x, y := float64(seed), float64(seed)
		for i, w := range want {
			got := Randlc(&x, Multiplier)
			ref := randlcSplit(&y, Multiplier)
			if got != w || ref != w {
				t.Fatalf("seed %d step %d: Randlc %v, split %v, recurrence %v", seed, i+1, got, ref, w)
			}
		}
	}
}

func TestVranlc(t *testing.T) {
	want := bigLCG(Seed, Multiplier, 1000)
	y := make([]float64, 1000)
	x := float64(Seed)
	Vranlc(y, &x, Multiplier)
	for i := range y {
		if y[i] != want[i] {
			t.Fatalf("y[%d] = %v, want %v", i, y[i], want[i])
		}
	}
	if x != want[999]*(1<<46) {
		t.Fatalf("seed left at %v, want %v", x, want[999]*(1<<46))
	}
}

func TestJumpEqualsStepping(t *testing.T) {
	tests := []int64{0, 1, 2, 3, 7, 64, 1000, 12345, 1 << 20}
	for _, n := range tests {
		x := float64(Seed)
		for range n {
			Randlc(&x, Multiplier)
		}
		if got := Jump(Seed, Multiplier, n); got != x {
			t.Errorf("Jump(%d) = %v, stepping gives %v", n, got, x)
		}
	}
	// a^(m+n) = a^m · a^n, and the period is 2^44.
	if Ipow46(Multiplier, 1<<44) != 1 {
		t.Errorf("a^(2^44) mod 2^46 = %v, want 1", Ipow46(Multiplier, 1<<44))
	}
}

func BenchmarkVranlc(b *testing.B) {
	y := make([]float64, 4096)
	x := float64(Seed)
	for b.Loop() {
		Vranlc(y, &x, Multiplier)
	}
}
