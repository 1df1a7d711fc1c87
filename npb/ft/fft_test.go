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
					y1 := make([]complex128, n*fb)
					y2 := make([]complex128, n*fb)
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
					// Out of place into scratch, in place with strides, and
					// strided from one array into another.
					got := r.cfftz(is, fb, x, fb, nil, 0, y1, y2)
					check := func(how string, got []complex128, st int) {
						t.Helper()
						for j := range fb {
							for p := range n {
								if d := cmplx.Abs(got[p*st+j] - want[j][p]); d > 1e-12*float64(n) {
									t.Fatalf("%s: line %d point %d: got %v want %v", how, j, p, got[p*st+j], want[j][p])
								}
							}
						}
					}
					check("scratch", got, fb)
					const st = 13
					xs := make([]complex128, n*st)
					for p := range n {
						copy(xs[p*st:p*st+fb], x[p*fb:(p+1)*fb])
					}
					out := make([]complex128, n*(st+2))
					r.cfftz(is, fb, xs, st, out, st+2, y1, y2)
					check("strided", out, st+2)
					r.cfftz(is, fb, xs, st, xs, st, y1, y2)
					check("in place", xs, st)
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

// TestFftz4RowBitwise checks that the butterfly of this build (vector
// code in a GOEXPERIMENT=simd build on a CPU with AVX) gives bitwise the
// scalar results for odd and even row lengths, with a signed zero in d.
// (That the -1 direction, done by exchanging w1, y1 with w3, y3, equals
// the reference's is checked by the checksums of every class.)
func TestFftz4RowBitwise(t *testing.T) {
	t.Logf("vector butterflies: %v", simdFFT)
	w1, w2, w3 := complex(0.6, -0.8), complex(-0.28, 0.96), complex(0, -1)
	for _, n := range []int{1, 2, 3, 4, 7, 16, 33} {
		x := make([][]complex128, 4)
		for i := range x {
			x[i] = randomBlock(n)
		}
		x[1][0], x[3][0] = complex(0, math.Copysign(0, -1)), 0 // d = (0, -0)
		got, want := make([][]complex128, 4), make([][]complex128, 4)
		for i := range got {
			got[i], want[i] = make([]complex128, n), make([]complex128, n)
		}
		fftz4Row(w1, w2, w3, x[0], x[1], x[2], x[3], got[0], got[1], got[2], got[3])
		fftz4pRow(w1, w2, w3, x[0], x[1], x[2], x[3], want[0], want[1], want[2], want[3])
		for r := range got {
			for j := range got[r] {
				g, v := got[r][j], want[r][j]
				if math.Float64bits(real(g)) != math.Float64bits(real(v)) || math.Float64bits(imag(g)) != math.Float64bits(imag(v)) {
					t.Fatalf("n=%d row %d point %d: %v, scalar %v", n, r, j, g, v)
				}
			}
		}
	}
}
