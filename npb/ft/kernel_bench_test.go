package ft

// Benchmarks of the line-block FFT alone, on class-A-sized blocks, for the
// choices the package makes: complex128 versus split re/im storage, radix 4
// versus the reference's radix 2, the block size, and gonum's dsp/fourier.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

// flopsPerLine is the nominal 5·n·log2(n) of one length-n FFT.
func flopsPerLine(n int) float64 { return 5 * float64(n) * math.Log2(float64(n)) }

func randomBlock(n int) []complex128 {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(rng.Float64()-0.5, rng.Float64()-0.5)
	}
	return x
}

var benchSizes = []struct{ n, fb int }{
	{256, 4}, {256, 8}, {256, 16}, {256, 32}, {256, 64}, {256, 128}, {128, 32}, {128, 64}, {128, 128},
}

func BenchmarkBlockFFT(b *testing.B) {
	for _, s := range benchSizes {
		r := newRoots(s.n)
		r.fftInit()
		x := randomBlock(s.n * s.fb)
		y1, y2 := make([]complex128, len(x)), make([]complex128, len(x))
		b.Run(fmt.Sprintf("complex128/radix4/n=%d/fb=%d", s.n, s.fb), func(b *testing.B) {
			for b.Loop() {
				r.cfftz(1, s.fb, x, s.fb, x, s.fb, y1, y2)
				r.cfftz(-1, s.fb, x, s.fb, x, s.fb, y1, y2)
			}
			b.ReportMetric(2*float64(s.fb)*flopsPerLine(s.n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFlop/s")
		})
	}
	for _, s := range benchSizes {
		if s.fb != 32 && s.fb != 64 {
			continue
		}
		u := newRadix2Roots(s.n)
		x := randomBlock(s.n * s.fb)
		y := make([]complex128, len(x))
		b.Run(fmt.Sprintf("complex128/radix2/n=%d/fb=%d", s.n, s.fb), func(b *testing.B) {
			for b.Loop() {
				cfftzRadix2(1, u, s.n, s.fb, x, y)
				cfftzRadix2(-1, u, s.n, s.fb, x, y)
			}
			b.ReportMetric(2*float64(s.fb)*flopsPerLine(s.n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFlop/s")
		})
	}
	for _, s := range benchSizes {
		if s.fb != 32 && s.fb != 64 {
			continue
		}
		r := newRoots(s.n)
		r.fftInit()
		x := randomBlock(s.n * s.fb)
		xr, xi := make([]float64, len(x)), make([]float64, len(x))
		for i, v := range x {
			xr[i], xi[i] = real(v), imag(v)
		}
		yr, yi := make([]float64, len(x)), make([]float64, len(x))
		b.Run(fmt.Sprintf("split/radix4/n=%d/fb=%d", s.n, s.fb), func(b *testing.B) {
			for b.Loop() {
				cfftzSplit(r, 1, s.fb, xr, xi, yr, yi)
				cfftzSplit(r, -1, s.fb, xr, xi, yr, yi)
			}
			b.ReportMetric(2*float64(s.fb)*flopsPerLine(s.n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFlop/s")
		})
	}
	// gonum transforms one contiguous line at a time, so the block is kept
	// line-major here (the layout cffts1 reads without a transpose).
	for _, s := range benchSizes {
		if s.fb != 32 && s.fb != 64 {
			continue
		}
		f := fourier.NewCmplxFFT(s.n)
		x := randomBlock(s.n * s.fb)
		b.Run(fmt.Sprintf("gonum/n=%d/fb=%d", s.n, s.fb), func(b *testing.B) {
			for b.Loop() {
				for j := range s.fb {
					line := x[j*s.n : (j+1)*s.n]
					f.Sequence(line, line)
					f.Coefficients(line, line)
				}
			}
			b.ReportMetric(2*float64(s.fb)*flopsPerLine(s.n)*float64(b.N)/b.Elapsed().Seconds()*1e-9, "GFlop/s")
		})
	}
}

// newRadix2Roots is the reference's fft_init table: u[l+t] = exp(iπt/l).
func newRadix2Roots(n int) []complex128 {
	u := make([]complex128, n)
	for l := 1; l < n; l *= 2 {
		for t := range l {
			s, c := math.Sincos(math.Pi * float64(t) / float64(l))
			u[l+t] = complex(c, s)
		}
	}
	return u
}

// cfftzRadix2 is the reference's cfftz/fftz2, one radix-2 stage per pass.
func cfftzRadix2(is int, u []complex128, n, fb int, x, y []complex128) []complex128 {
	m := 0
	for 1<<m < n {
		m++
	}
	for l := 1; l <= m; l++ {
		lk := 1 << (l - 1)
		li := 1 << (m - l)
		h := n / 2 * fb
		ln := lk * fb
		for g := range li {
			w := u[li+g]
			if is < 0 {
				w = complex(real(w), -imag(w))
			}
			x0 := x[g*ln : g*ln+ln]
			x1 := x[h+g*ln : h+g*ln+ln]
			y0 := y[2*g*ln : 2*g*ln+ln]
			y1 := y[2*g*ln+ln : 2*g*ln+2*ln]
			for j, a := range x0 {
				c := x1[j]
				y0[j] = a + c
				y1[j] = w * (a - c)
			}
		}
		x, y = y, x
	}
	return x
}

// cfftzSplit is cfftz on split re/im storage.
func cfftzSplit(r *roots, is, fb int, xr, xi, yr, yi []float64) {
	d := 0
	if is < 0 {
		d = 1
	}
	s := 0
	l := 1
	for ; l+1 <= r.m; l += 2 {
		tw := r.w[d][r.off[s]:]
		fftz4Split(tw, float64(is), 1<<(l-1), 1<<(r.m-l), r.n, fb, xr, xi, yr, yi)
		xr, xi, yr, yi = yr, yi, xr, xi
		s++
	}
	if l == r.m {
		h := r.n / 2 * fb
		xr, xi, yr, yi = xr[:2*h], xi[:2*h], yr[:2*h], yi[:2*h]
		for j := range h {
			ar, ai, br, bi := xr[j], xi[j], xr[h+j], xi[h+j]
			yr[j], yi[j] = ar+br, ai+bi
			yr[h+j], yi[h+j] = ar-br, ai-bi
		}
	}
}

func fftz4Split(tw []complex128, sg float64, lk, li, n, fb int, xr, xi, yr, yi []float64) {
	q := n / 4 * fb
	ln := lk * fb
	for g := range li / 2 {
		w1r, w1i := real(tw[3*g]), imag(tw[3*g])
		w2r, w2i := real(tw[3*g+1]), imag(tw[3*g+1])
		w3r, w3i := real(tw[3*g+2]), imag(tw[3*g+2])
		xs := g * ln
		x0r, x0i := xr[xs:xs+ln], xi[xs:xs+ln]
		x1r, x1i := xr[xs+q:xs+q+ln], xi[xs+q:xs+q+ln]
		x2r, x2i := xr[xs+2*q:xs+2*q+ln], xi[xs+2*q:xs+2*q+ln]
		x3r, x3i := xr[xs+3*q:xs+3*q+ln], xi[xs+3*q:xs+3*q+ln]
		ys := 4 * g * ln
		y0r, y0i := yr[ys:ys+ln], yi[ys:ys+ln]
		y1r, y1i := yr[ys+ln:ys+2*ln], yi[ys+ln:ys+2*ln]
		y2r, y2i := yr[ys+2*ln:ys+3*ln], yi[ys+2*ln:ys+3*ln]
		y3r, y3i := yr[ys+3*ln:ys+4*ln], yi[ys+3*ln:ys+4*ln]
		n := len(x0r)
		x0i, x1r, x1i, x2r, x2i, x3r, x3i = x0i[:n], x1r[:n], x1i[:n], x2r[:n], x2i[:n], x3r[:n], x3i[:n]
		y0r, y0i, y1r, y1i, y2r, y2i, y3r, y3i = y0r[:n], y0i[:n], y1r[:n], y1i[:n], y2r[:n], y2i[:n], y3r[:n], y3i[:n]
		for j := range x0r {
			b0r, b0i := x0r[j]+x2r[j], x0i[j]+x2i[j]
			b2r, b2i := x0r[j]-x2r[j], x0i[j]-x2i[j]
			b1r, b1i := x1r[j]+x3r[j], x1i[j]+x3i[j]
			dr, di := x1r[j]-x3r[j], x1i[j]-x3i[j]
			b3r, b3i := -sg*di, sg*dr
			y0r[j], y0i[j] = b0r+b1r, b0i+b1i
			cr, ci := b0r-b1r, b0i-b1i
			y2r[j], y2i[j] = w2r*cr-w2i*ci, w2r*ci+w2i*cr
			cr, ci = b2r+b3r, b2i+b3i
			y1r[j], y1i[j] = w1r*cr-w1i*ci, w1r*ci+w1i*cr
			cr, ci = b2r-b3r, b2i-b3i
			y3r[j], y3i[j] = w3r*cr-w3i*ci, w3r*ci+w3i*cr
		}
	}
}
