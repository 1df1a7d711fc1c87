package ft

import "npbgo/npb"

// The NPB generator x ← a·x mod 2^46, as in npb.Vranlc, arranged for the
// complex field: compute_initial_conditions draws the real and imaginary
// parts of each point as consecutive numbers.
const (
	mask46 = 1<<46 - 1
	r46    = 0x1p-46
)

// aSquared is a² mod 2^46, the step of the real-part and imaginary-part
// subsequences.
var aSquared = uint64(npb.Ipow46(npb.Multiplier, 2))

// vranlcComplex is vranlc(2·len(z), x, a, z) with z viewed as pairs of
// doubles: point i gets the numbers 2i+1 (real) and 2i+2 (imaginary) after
// seed *x, and *x is left at the last seed. The real and the imaginary
// parts form two independent subsequences with step a², run side by side
// so that the two multiply chains overlap. The products wrap modulo 2^64;
// since 2^46 divides 2^64, masking at the end gives the same numbers.
func vranlcComplex(z []complex128, x *float64) {
	if len(z) == 0 {
		return
	}
	re := uint64(*x) * npb.Multiplier
	im := re * npb.Multiplier
	a2 := aSquared
	var last uint64
	for i := range z {
		z[i] = complex(float64(re&mask46)*r46, float64(im&mask46)*r46)
		last = im
		re *= a2
		im *= a2
	}
	*x = float64(last & mask46)
}
