package ft

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"npbgo/npb"
)

// dft is the textbook transform sum_p x_p exp(is·2πi·p·k/n).
func dft(is int, x []complex128) []complex128 {
	n := len(x)
	out := make([]complex128, n)
	for k := range n {
		var s complex128
		for p, v := range x {
			s += v * cmplx.Rect(1, float64(is)*2*math.Pi*float64(p*k%n)/float64(n))
		}
		out[k] = s
	}
	return out
}

func TestCfftz(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{2, 4, 8, 16, 32, 64, 128, 256} {
		for _, fb := range []int{1, 3, 8} {
			for _, is := range []int{1, -1} {
				t.Run(fmt.Sprintf("n=%d/fb=%d/is=%d", n, fb, is), func(t *testing.T) {
					r := newRoots(n)
					r.fftInit()
					x := make([]complex128, n*fb)
					y := make([]complex128, n*fb)
					for i := range x {
						x[i] = complex(rng.Float64()-0.5, rng.Float64()-0.5)
					}
					want := make([][]complex128, fb)
					for j := range fb {
						line := make([]complex128, n)
						for p := range n {
							line[p] = x[p*fb+j]
						}
						want[j] = dft(is, line)
					}
					got := r.cfftz(is, fb, x, y)
					for j := range fb {
						for p := range n {
							if d := cmplx.Abs(got[p*fb+j] - want[j][p]); d > 1e-12*float64(n) {
								t.Fatalf("line %d point %d: got %v want %v", j, p, got[p*fb+j], want[j][p])
							}
						}
					}
				})
			}
		}
	}
}

func TestVranlcComplex(t *testing.T) {
	for _, n := range []int{1, 2, 7, 256} {
		for _, seed := range []float64{npb.Seed, 1, 12345677, npb.Jump(npb.Seed, npb.Multiplier, 1<<40)} {
			want := make([]float64, 2*n)
			xw := seed
			npb.Vranlc(want, &xw, npb.Multiplier)
			got := make([]complex128, n)
			xg := seed
			vranlcComplex(got, &xg)
			for i, z := range got {
				if real(z) != want[2*i] || imag(z) != want[2*i+1] {
					t.Fatalf("n=%d seed=%v point %d: got %v want (%v,%v)", n, seed, i, z, want[2*i], want[2*i+1])
				}
			}
			if xg != xw {
				t.Errorf("n=%d seed=%v: final seed %v want %v", n, seed, xg, xw)
			}
		}
	}
}
