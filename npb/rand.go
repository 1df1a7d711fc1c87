package npb

// The NPB linear congruential generator x_{k+1} = a·x_k mod 2^46
// (common/randdp.f). The reference does this in doubles split into 23-bit
// halves; every step is exact, and since 2^46 divides 2^64 the low 46 bits
// of a wrapping 64-bit product are the same number, so unsigned integer
// arithmetic gives bit-identical results, faster.

// Seed and multiplier used by IS, CG, FT and MG.
const (
	Seed       = 314159265
	Multiplier = 1220703125 // 5^13
)

const (
	mask46 = 1<<46 - 1
	r46    = 1.0 / (1 << 46)
)

// Randlc advances the seed *x once with multiplier a and returns the new
// seed scaled into (0, 1). x and a are odd integers below 2^46 held in
// doubles, as in the reference.
func Randlc(x *float64, a float64) float64 {
	s := uint64(a) * uint64(*x) & mask46
	*x = float64(s)
	return float64(s) * r46
}

// Vranlc fills y with len(y) successive Randlc outputs and leaves *x at the
// last seed.
func Vranlc(y []float64, x *float64, a float64) {
	s, m := uint64(*x), uint64(a)
	for i := range y {
		s = s * m & mask46
		y[i] = float64(s) * r46
	}
	*x = float64(s)
}

// Ipow46 returns a^n mod 2^46 (FT's ipow46, MG's power): the multiplier that
// jumps a seed n steps ahead. n >= 0.
func Ipow46(a float64, n int64) float64 {
	r, b := uint64(1), uint64(a)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r = r * b & mask46
		}
		b = b * b & mask46
	}
	return float64(r)
}

// Jump returns the seed n steps after x: x·a^n mod 2^46.
func Jump(x, a float64, n int64) float64 {
	return float64(uint64(x) * uint64(Ipow46(a, n)) & mask46)
}
