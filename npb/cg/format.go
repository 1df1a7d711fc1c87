package cg

import (
	"math"
	"strconv"
	"strings"
)

// fortranE formats x as Fortran's Ew.d edit descriptor does: a mantissa
// 0.ddd with d digits and a two-digit exponent "E+nn" (or a three-digit one
// without the E), right-justified in w columns, or w asterisks when it does
// not fit.
func fortranE(x float64, w, d int) string {
	var s string
	switch {
	case math.IsNaN(x):
		s = "NaN"
	case math.IsInf(x, 0):
		s = "Infinity"
		if x < 0 {
			s = "-Infinity"
		}
	default:
		digits, exp := strings.Repeat("0", d), 0
		if x != 0 {
			t := strconv.FormatFloat(math.Abs(x), 'e', d-1, 64) // d.ddde±XX
			mant, e, _ := strings.Cut(t, "e")
			digits = strings.Replace(mant, ".", "", 1)
			exp, _ = strconv.Atoi(e)
			exp++
		}
		var b strings.Builder
		if math.Signbit(x) {
			b.WriteByte('-')
		}
		b.WriteString("0.")
		b.WriteString(digits)
		sign := byte('+')
		if exp < 0 {
			sign, exp = '-', -exp
		}
		switch {
		case exp <= 99:
			b.WriteByte('E')
			b.WriteByte(sign)
			if exp < 10 {
				b.WriteByte('0')
			}
		case exp <= 999:
			b.WriteByte(sign)
		default:
			return strings.Repeat("*", w)
		}
		b.WriteString(strconv.Itoa(exp))
		s = b.String()
	}
	if len(s) > w {
		return strings.Repeat("*", w)
	}
	return strings.Repeat(" ", w-len(s)) + s
}
