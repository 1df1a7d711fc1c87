// Package npbtest holds what every kernel's tests share: the place counts
// verification runs with, and whether the race detector is on (it makes
// class W too slow and allocates in timed regions itself).
package npbtest

import "testing"

// PlaceCounts are the place counts every kernel verifies with: the serial
// point (0), then 1 to 4 places, more than the cores of a 2-core machine.
var PlaceCounts = []int{0, 1, 2, 3, 4}

// SkipLong skips a test that is too slow for -short or -race runs (class W
// and larger).
func SkipLong(t testing.TB) {
	t.Helper()
	if testing.Short() || Race {
		t.Skip("skipped in -short and -race runs")
	}
}
