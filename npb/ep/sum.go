package ep

import (
	"math"
	"math/bits"
)

// exactSum is a sum of float64 values held exactly: an integer count of
// 2^-1074 (the smallest subnormal, so every finite float64 is a whole
// number of them) in 32-bit limbs, each held in an int64 and worth
// 2^(32i-1074). An addend changes at most three limbs by less than 2^32
// each, and limbs are brought back into [0, 2^32) only when the sum is
// read, so 2^31 addends cannot overflow one. ep.f's largest class adds 2^28
// batch sums.
//
// Integer addition is associative: the same addends in any order, split
// among places or ranks and their exactSums added, give the same integer,
// which value rounds once to the nearest float64. This is how EP's sums
// are the same bits at every place and rank count without fixing the order
// in which the batches' sums meet.
//
// Three counters after the limbs count the addends the integer cannot
// hold: +Inf, -Inf and NaN.
type exactSum [sumLen]int64

const (
	limbBits = 32
	limbMask = 1<<limbBits - 1
	// nLimbs covers 2^-1074 up to 2^(32·68-1074) = 2^1102, above 2^31
	// times the largest float64.
	nLimbs = 68
	sumLen = nLimbs + 3
	posInf = nLimbs
	negInf = nLimbs + 1
	nan    = nLimbs + 2
)

// add adds v exactly.
func (s *exactSum) add(v float64) {
	b := math.Float64bits(v)
	e := int(b>>52) & 0x7ff
	m := b & (1<<52 - 1)
	switch e {
	case 0x7ff:
		switch {
		case m != 0:
			s[nan]++
		case b>>63 == 0:
			s[posInf]++
		default:
			s[negInf]++
		}
		return
	case 0: // subnormal: no implicit bit, the scale of the smallest normal
		e = 1
	default:
		m |= 1 << 52
	}
	// |v| = m·2^(e-1075): m shifted left by e-1 units.
	p := uint(e - 1)
	o := p % limbBits
	l := (*[3]int64)(s[p/limbBits:][:3])
	lo := int64(m << o & limbMask)
	mid := int64(m >> (limbBits - o) & limbMask)
	hi := int64(m >> (2*limbBits - o)) // 0 when o is 0
	if b>>63 != 0 {
		lo, mid, hi = -lo, -mid, -hi
	}
	l[0] += lo
	l[1] += mid
	l[2] += hi
}

// addSum adds another exact sum.
func (s *exactSum) addSum(t *exactSum) {
	for i := range s {
		s[i] += t[i]
	}
}

// value is the sum rounded to the nearest float64, ties to even (an exact
// zero is +0).
func (s *exactSum) value() float64 {
	switch {
	case s[nan] > 0 || s[posInf] > 0 && s[negInf] > 0:
		return math.NaN()
	case s[posInf] > 0:
		return math.Inf(1)
	case s[negInf] > 0:
		return math.Inf(-1)
	}
	var u [nLimbs]int64
	copy(u[:], s[:nLimbs])
	carry(&u)
	neg := u[nLimbs-1] < 0
	if neg {
		for i := range u {
			u[i] = -u[i]
		}
		carry(&u)
	}
	x := round(&u)
	if neg {
		x = -x
	}
	return x
}

// carry brings limbs 0 to nLimbs-2 into [0, 2^32), moving the rest of each
// into the next; the top limb keeps the sign.
func carry(u *[nLimbs]int64) {
	for i := range nLimbs - 1 {
		c := u[i] >> limbBits
		u[i] -= c << limbBits
		u[i+1] += c
	}
}

// round is the non-negative integer u (limbs in [0, 2^32)) times 2^-1074,
// rounded to the nearest float64, ties to even.
func round(u *[nLimbs]int64) float64 {
	t := nLimbs - 1
	for t >= 0 && u[t] == 0 {
		t--
	}
	if t < 0 {
		return 0
	}
	n := t*limbBits + bits.Len64(uint64(u[t])) // bit length
	if n <= 53 {
		// Exact: a subnormal, or a normal of the smallest exponents.
		return math.Ldexp(float64(uint64(u[0])|uint64(u[1])<<limbBits), -1074)
	}
	// The 53 leading bits, the next bit and whether any below it is set.
	shift := n - 53
	w := window(u, shift-1)
	q := w >> 1
	if w&1 != 0 && (q&1 != 0 || anyBelow(u, shift-1)) {
		q++ // may reach 2^53, still exact as a float64
	}
	return math.Ldexp(float64(q), shift-1074)
}

// window is bits pos to pos+63 of u.
func window(u *[nLimbs]int64, pos int) uint64 {
	j, o := pos/limbBits, uint(pos%limbBits)
	var v [3]uint64
	for k := range v {
		if j+k < nLimbs {
			v[k] = uint64(u[j+k])
		}
	}
	return (v[0]|v[1]<<limbBits)>>o | v[2]<<(2*limbBits-o)
}

// anyBelow reports whether any bit of u below bit pos is set.
func anyBelow(u *[nLimbs]int64, pos int) bool {
	j, o := pos/limbBits, uint(pos%limbBits)
	for _, l := range u[:j] {
		if l != 0 {
			return true
		}
	}
	return uint64(u[j])&(1<<o-1) != 0
}
