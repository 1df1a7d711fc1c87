package npb

// Fortran edit descriptors, so that the lines a kernel prints before its
// report read exactly like the reference's (CG's E21.14 and E20.13, MG's
// and the CFD kernels' E20.13, FT's 1PD22.12).

import (
	"math"
	"strconv"
	"strings"
)

// FortranE formats x as Fortran's Ew.d edit descriptor does: a mantissa
// 0.ddd with d digits and a two-digit exponent "E+nn" (or a three-digit one
// without the E), right-justified in w columns, or w asterisks when it does
// not fit.
func FortranE(x float64, w, d int) string {
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

// FortranD formats x as Fortran's 1PDw.d edit descriptor does (one digit
// before the point, d after, a 'D' exponent with at least two digits; for
// a three-digit exponent Fortran drops the letter).
func FortranD(x float64, d int) string {
	s := strconv.FormatFloat(x, 'E', d, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if len(exp) > 3 {
		return mant + exp
	}
	return mant + "D" + exp
}
