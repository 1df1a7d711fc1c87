package npb

import (
	"math"
	"testing"
)

func TestFortranE(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		w, d int
		want string
	}{
		{17.130235054029, 20, 13, " 0.1713023505403E+02"},
		{0.5122640033228e-13, 20, 13, " 0.5122640033228E-13"},
		{0.25692911629900e-12, 21, 14, " 0.25692911629900E-12"},
		{-2.5, 12, 4, " -0.2500E+01"},
		{0, 12, 4, "  0.0000E+00"},
		{9.99995, 10, 4, "0.1000E+02"},
		{1e-120, 12, 4, "  0.1000-119"},
		{123.0, 6, 3, "******"},
		{math.NaN(), 6, 3, "   NaN"},
	} {
		if got := FortranE(tc.x, tc.w, tc.d); got != tc.want {
			t.Errorf("FortranE(%v, %d, %d) = %q, want %q", tc.x, tc.w, tc.d, got, tc.want)
		}
	}
}

func TestFortranE2013(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0.5307707005735e-04, " 0.5307707005735E-04"},
		{0.1683945939324e-12, " 0.1683945939324E-12"},
		{2.5, " 0.2500000000000E+01"},
		{-1, "-0.1000000000000E+01"},
		{0, " 0.0000000000000E+00"},
	}
	for _, tc := range tests {
		if got := FortranE(tc.x, 20, 13); got != tc.want {
			t.Errorf("FortranE(%g, 20, 13) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestFortranD(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{554.6087004964, "5.546087004964D+02"},
		{-0.001234, "-1.234000000000D-03"},
		{0, "0.000000000000D+00"},
		{1e100, "1.000000000000+100"},
	}
	for _, tt := range tests {
		if got := FortranD(tt.x, 12); got != tt.want {
			t.Errorf("FortranD(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}
