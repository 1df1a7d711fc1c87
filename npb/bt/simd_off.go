//go:build !(goexperiment.simd && amd64)

package bt

// Without GOEXPERIMENT=simd, matmul_sub and binvcrhs are the scalar ones.

func matmulSub(a, b, c *block)                              { matmulSubGo(a, b, c) }
func binvcrhs(lhs, c *block, r *[5]float64, g *gaussJordan) { binvcrhsGo(lhs, c, r, g) }
