//go:build !race

package npbtest

// Race reports whether the binary was built with -race.
const Race = false
