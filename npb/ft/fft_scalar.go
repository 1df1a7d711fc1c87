//go:build !(goexperiment.simd && amd64)

package ft

// simdFFT is false: this build has no vector butterflies (build with
// GOEXPERIMENT=simd on amd64 for them).
const simdFFT = false

// fftz4Row is the butterfly of fftz4 on one row.
func fftz4Row(w1, w2, w3 complex128, x0, x1, x2, x3, y0, y1, y2, y3 []complex128) {
	fftz4pRow(w1, w2, w3, x0, x1, x2, x3, y0, y1, y2, y3)
}
