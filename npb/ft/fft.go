package ft

import (
	"math"
	"math/bits"
)

// roots holds the twiddle factors of every stage of a length-n Stockham
// FFT (fft_init). The reference keeps one table u of exp(i·π·t/l) for each
// power of two l and conjugates it on the fly for the inverse direction;
// here each direction has its own table, and the stages are taken two at a
// time (radix 4), so a stage needs w, w² and w³ for each of its groups.
type roots struct {
	n, m int
	// w[d] holds, for direction d (0: +1, 1: -1) and for each radix-4 step
	// s (stages l = 2s+1 and l+1 of fftz2), the triples (w, w², w³) of its
	// li/2 groups back to back, where w = exp(±iπ·t/li), li = 2^(m-l).
	w   [2][]complex128
	off []int // off[s] is the index of step s's first triple
}

// newRoots allocates the tables for length n (a power of two >= 2).
func newRoots(n int) *roots {
	m := bits.TrailingZeros(uint(n))
	r := &roots{n: n, m: m}
	size := 0
	for l := 1; l+1 <= m; l += 2 {
		r.off = append(r.off, size)
		size += 3 * (1 << (m - l)) / 2
	}
	r.w[0] = make([]complex128, size)
	r.w[1] = make([]complex128, size)
	return r
}

// fftInit computes the twiddle factors (fft_init). Each is evaluated
// directly from cos and sin rather than by recurrence, as the reference
// does, so every factor is correctly rounded.
func (r *roots) fftInit() {
	for s, l := 0, 1; l+1 <= r.m; s, l = s+1, l+2 {
		li := 1 << (r.m - l)
		t := math.Pi / float64(li)
		w := r.w[0][r.off[s]:]
		v := r.w[1][r.off[s]:]
		for g := range li / 2 {
			for p := 1; p <= 3; p++ {
				sin, cos := math.Sincos(float64(p*g) * t)
				w[3*g+p-1] = complex(cos, sin)
				v[3*g+p-1] = complex(cos, -sin)
			}
		}
	}
}

// cfftz transforms the fb lines of length n held in x, stored point-major
// (x[p*fb+j] is point p of line j), in direction is (+1 or -1, unscaled),
// using y as scratch of the same size. It returns whichever of x and y
// holds the result. It is the Stockham FFT of the reference's cfftz with
// the stages of fftz2 paired into radix-4 steps (fftz4), and a final
// twiddle-free radix-2 stage (fftz2) when log2 n is odd.
func (r *roots) cfftz(is int, fb int, x, y []complex128) []complex128 {
	d := 0
	if is < 0 {
		d = 1
	}
	s := 0
	l := 1
	for ; l+1 <= r.m; l += 2 {
		tw := r.w[d][r.off[s]:]
		if d == 0 {
			fftz4p(tw, 1<<(l-1), 1<<(r.m-l), r.n, fb, x, y)
		} else {
			fftz4m(tw, 1<<(l-1), 1<<(r.m-l), r.n, fb, x, y)
		}
		x, y = y, x
		s++
	}
	if l == r.m {
		fftz2last(r.n, fb, x, y)
		x, y = y, x
	}
	return x
}

// fftz4p does stages l and l+1 of the reference's fftz2 in one pass, in
// the +1 direction: with lk = 2^(l-1) and li = 2^(m-l), group g < li/2 of
// point block t < lk reads the four points g·lk+t + {0,1,2,3}·n/4 and
// writes g·4lk+t + {0,1,2,3}·lk. Points are rows of fb lines, and for a
// fixed group the lk rows of each of the eight streams are contiguous, so
// the inner loop runs over lk·fb numbers with the twiddles in registers.
func fftz4p(tw []complex128, lk, li, n, fb int, x, y []complex128) {
	q := n / 4 * fb
	ln := lk * fb
	for g := range li / 2 {
		w1, w2, w3 := tw[3*g], tw[3*g+1], tw[3*g+2]
		xs := g * ln
		x0 := x[xs : xs+ln]
		x1 := x[xs+q : xs+q+ln]
		x2 := x[xs+2*q : xs+2*q+ln]
		x3 := x[xs+3*q : xs+3*q+ln]
		ys := 4 * g * ln
		y0 := y[ys : ys+ln]
		y1 := y[ys+ln : ys+2*ln]
		y2 := y[ys+2*ln : ys+3*ln]
		y3 := y[ys+3*ln : ys+4*ln]
		// Equal lengths let the compiler drop the bounds checks.
		x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
		y0, y1, y2, y3 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)]
		for j, a0 := range x0 {
			a1, a2, a3 := x1[j], x2[j], x3[j]
			b0, b2 := a0+a2, a0-a2
			b1, d := a1+a3, a1-a3
			b3 := complex(-imag(d), real(d)) // i·d
			y0[j] = b0 + b1
			y2[j] = w2 * (b0 - b1)
			y1[j] = w1 * (b2 + b3)
			y3[j] = w3 * (b2 - b3)
		}
	}
}

// fftz4m is fftz4p in the -1 direction (conjugate twiddles, -i rotation).
func fftz4m(tw []complex128, lk, li, n, fb int, x, y []complex128) {
	q := n / 4 * fb
	ln := lk * fb
	for g := range li / 2 {
		w1, w2, w3 := tw[3*g], tw[3*g+1], tw[3*g+2]
		xs := g * ln
		x0 := x[xs : xs+ln]
		x1 := x[xs+q : xs+q+ln]
		x2 := x[xs+2*q : xs+2*q+ln]
		x3 := x[xs+3*q : xs+3*q+ln]
		ys := 4 * g * ln
		y0 := y[ys : ys+ln]
		y1 := y[ys+ln : ys+2*ln]
		y2 := y[ys+2*ln : ys+3*ln]
		y3 := y[ys+3*ln : ys+4*ln]
		// Equal lengths let the compiler drop the bounds checks.
		x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
		y0, y1, y2, y3 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)]
		for j, a0 := range x0 {
			a1, a2, a3 := x1[j], x2[j], x3[j]
			b0, b2 := a0+a2, a0-a2
			b1, d := a1+a3, a1-a3
			b3 := complex(imag(d), -real(d)) // -i·d
			y0[j] = b0 + b1
			y2[j] = w2 * (b0 - b1)
			y1[j] = w1 * (b2 + b3)
			y3[j] = w3 * (b2 - b3)
		}
	}
}

// fftz2last is the last stage of fftz2 (l = m, one group, twiddle 1),
// used when log2 n is odd.
func fftz2last(n, fb int, x, y []complex128) {
	h := n / 2 * fb
	x0, x1 := x[:h], x[h:2*h]
	y0, y1 := y[:h], y[h:2*h]
	x1, y0, y1 = x1[:len(x0)], y0[:len(x0)], y1[:len(x0)]
	for j, a := range x0 {
		b := x1[j]
		y0[j] = a + b
		y1[j] = a - b
	}
}
