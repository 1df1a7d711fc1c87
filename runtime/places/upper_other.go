//go:build !(goexperiment.simd && amd64)

package places

// clearUpper is a no-op: only GOEXPERIMENT=simd builds leave the vector
// registers' upper state dirty (see upper_simd.go).
func clearUpper() {}
