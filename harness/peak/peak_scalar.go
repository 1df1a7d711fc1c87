//go:build !(goexperiment.simd && amd64)

package peak

// vector is false: this build has no vector chains (build with
// GOEXPERIMENT=simd on amd64 for them).
const vector = false

// run runs the chains n steps and returns their sum.
func run(m, c float64, n int) float64 { return runScalar(m, c, n) }
