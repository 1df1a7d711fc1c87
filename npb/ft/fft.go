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

// cfftz transforms fb lines of length n in direction is (+1 or -1,
// unscaled), the reference's cfftz: a Stockham FFT whose radix-2 stages
// (fftz2) are paired into radix-4 steps (fftz4), with a final twiddle-free
// radix-2 stage when log2 n is odd. Point p of line j is x[p*xst+j] on
// input and out[p*ost+j] on output, so a block can be read from and
// written to the main array in place, without a copy; the steps between
// ping-pong through the scratch arrays y1 and y2 (n·fb each, stride fb).
// x may be out, but must not share memory with y1. With out nil the result
// is left in y1 or y2, which is returned.
func (r *roots) cfftz(is, fb int, x []complex128, xst int, out []complex128, ost int, y1, y2 []complex128) []complex128 {
	d := 0
	if is < 0 {
		d = 1
	}
	steps := r.m/2 + r.m%2
	if out == nil {
		out, ost = y1, fb
		if steps%2 == 0 {
			out = y2
		}
	}
	src, sst := x, xst
	for s := range steps {
		dst, dstSt := y1, fb
		if s%2 == 1 {
			dst = y2
		}
		if s == steps-1 {
			dst, dstSt = out, ost
		}
		l := 2*s + 1
		if l == r.m {
			if sst == fb && dstSt == fb {
				fftz2last(r.n/2*fb, 1, src, r.n/2*fb, dst, r.n/2*fb)
			} else {
				fftz2last(fb, r.n/2, src, sst, dst, dstSt)
			}
		} else {
			tw := r.w[d][r.off[s]:]
			lk, q, groups, run, xs, ys := 1<<(l-1), r.n/4, 1<<(r.m-l-1), fb, sst, dstSt
			if sst == fb && dstSt == fb {
				// The lk rows of each stream are contiguous: one run each.
				q, run, lk = q/lk, lk*fb, 1
				xs, ys = run, run
			}
			fftz4(d, tw, lk, q, groups, run, src, xs, dst, ys)
		}
		src, sst = dst, dstSt
	}
	return out
}

// fftz4 does stages l and l+1 of the reference's fftz2 in one pass, in
// direction d (0: +1, 1: -1). With lk = 2^(l-1) and q = n/4, group
// g < 2^(m-l-1) and row t < lk read the input rows g·lk+t + {0,1,2,3}·q and
// write the output rows g·4lk+t + {0,1,2,3}·lk, a row being run numbers at
// stride xst (input) or yst (output). The twiddles w, w², w³ stay in
// registers over a row. The -1 step is the +1 step with w1, y1 and w3, y3
// exchanged: its b2 ∓ i·d are the +1 step's b2 ± i·d, bit for bit.
func fftz4(d int, tw []complex128, lk, q, groups, run int, x []complex128, xst int, y []complex128, yst int) {
	for g := range groups {
		w1, w2, w3 := tw[3*g], tw[3*g+1], tw[3*g+2]
		for t := range lk {
			xo, yo := (g*lk+t)*xst, (g*4*lk+t)*yst
			x0 := x[xo : xo+run]
			x1 := x[xo+q*xst : xo+q*xst+run]
			x2 := x[xo+2*q*xst : xo+2*q*xst+run]
			x3 := x[xo+3*q*xst : xo+3*q*xst+run]
			y0 := y[yo : yo+run]
			y1 := y[yo+lk*yst : yo+lk*yst+run]
			y2 := y[yo+2*lk*yst : yo+2*lk*yst+run]
			y3 := y[yo+3*lk*yst : yo+3*lk*yst+run]
			if d == 0 {
				fftz4Row(w1, w2, w3, x0, x1, x2, x3, y0, y1, y2, y3)
			} else {
				fftz4Row(w3, w2, w1, x0, x1, x2, x3, y0, y3, y2, y1)
			}
		}
	}
}

// fftz4pRow is the radix-4 butterfly of fftz4 in the +1 direction on one
// row, in scalar code.
func fftz4pRow(w1, w2, w3 complex128, x0, x1, x2, x3, y0, y1, y2, y3 []complex128) {
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

// fftz2last is the last stage of fftz2 (l = m: one group, twiddle 1), used
// when log2 n is odd: rows t and t+h (t < h = n/2, run numbers each at
// stride xst or yst) become their sum and difference.
func fftz2last(run, h int, x []complex128, xst int, y []complex128, yst int) {
	for t := range h {
		xo, yo := t*xst, t*yst
		x0, x1 := x[xo:xo+run], x[xo+h*xst:xo+h*xst+run]
		y0, y1 := y[yo:yo+run], y[yo+h*yst:yo+h*yst+run]
		x1, y0, y1 = x1[:len(x0)], y0[:len(x0)], y1[:len(x0)]
		for j, a := range x0 {
			b := x1[j]
			y0[j] = a + b
			y1[j] = a - b
		}
	}
}
