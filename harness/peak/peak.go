// Package peak measures the machine's floating-point ceiling for the
// roofline of `npb probe`: fused multiply-adds on many independent chains
// held in registers, on every place at once, so that the FMA units' issue
// rate is the limit rather than their latency or memory.
//
// The regression calibration's floating-point part (harness/regress) is
// the kernels' kind of code, scalar and partly latency-bound: a roof
// measured with it sits below what compiled Fortran reaches. This is the
// roof itself: in a GOEXPERIMENT=simd build on a CPU with AVX2 and FMA,
// on 256-bit vectors (the peak gfortran -march=native can reach);
// otherwise on single float64, the peak of scalar code; Kind says which.
package peak

import (
	"time"

	"npbgo/runtime/places"
)

// chains is the number of independent accumulators. A chain issues one
// FMA per FMA latency; to keep every pipe busy takes latency × pipes of
// them (5 × 2 on AMD Zen 2, 4 × 2 on Intel since Skylake). Twelve leave
// room for both, with the two operands, within the 16 vector registers of
// AVX2.
const chains = 12

// iters is the number of steps of every chain in one run on a place:
// about 2 ms at 6 cycles a step (12 FMAs on 2 pipes) and 3 GHz, long
// enough for the timer and the start of a group's run (tens of µs), short
// enough that on a busy machine some runs fit between two time slices of
// other work on every place at once.
const iters = 1 << 20

// The kinds of peak (Kind; harness.Scaling.ComputeKind).
const (
	// Vector is FMA on 256-bit vectors of 4 float64 (AVX2): the chip's
	// peak, which compiled Fortran with -march=native can approach.
	Vector = "vector"
	// Scalar is a multiply and an add on single float64, fused where the
	// Go compiler fuses: the peak of scalar code such as the kernels'.
	Scalar = "scalar"
)

// Kind says which peak this build measures on this CPU.
func Kind() string {
	if vector {
		return Vector
	}
	return Scalar
}

// lanes is the number of float64 one step of a chain works on.
func lanes() int {
	if vector {
		return 4
	}
	return 1
}

// FlopsPerRun is the floating-point work of one run on one place: each
// step of each chain is a multiply-add of lanes float64, two flops each
// (fused or not).
func FlopsPerRun() float64 { return float64(iters) * flopsPerStep() }

func flopsPerStep() float64 { return float64(2 * chains * lanes()) }

// Probe runs the chains on the places of a group. It is made once and
// used for any group of up to its number of places.
type Probe struct {
	sink []float64 // per place, padded to a cache line: keeps results alive
	body func(*places.Place)
}

// mul and add are the chains' operands, variables so that the compiler
// cannot fold the steps away.
var mul, add = 0.5, 1.0

// New makes a probe for groups of up to maxPlaces places.
func New(maxPlaces int) *Probe {
	p := &Probe{sink: make([]float64, 8*max(maxPlaces, 1))}
	p.body = func(pl *places.Place) {
		p.sink[8*pl.ID()] += run(mul, add, iters)
	}
	return p
}

// Time runs the chains once on every place of g at the same moment and
// returns the seconds from the start to the last place's end. g must have
// at most the places p was made for.
func (p *Probe) Time(g *places.Group) float64 {
	t0 := time.Now()
	g.Run(p.body)
	return time.Since(t0).Seconds()
}

// GFlops is the rate of a run of sec seconds on np places, in GFLOP/s.
func GFlops(np int, sec float64) float64 {
	return float64(np) * FlopsPerRun() / sec / 1e9
}

// runScalar runs the chains on float64, each step acc = acc·m + c, n
// steps from fixed starts, and returns the accumulators' sum. With
// m = c = 1 every step adds one: the sum less the starts' counts the
// steps, which is how the tests check FlopsPerRun against the loop.
//
// The step is written as a multiply and an add, not math.FMA: the
// compiler fuses it where FMA is a plain instruction of every CPU of the
// target (arm64; amd64 with GOAMD64=v3), as it does in the kernels. On
// amd64 below v3, math.FMA is a call behind a CPU check at every step,
// which spills the chains to the stack (2.4 GFLOP/s on a Zen 2 core,
// against 13 for the multiply and add, which there issue to separate
// pipes).
func runScalar(m, c float64, n int) float64 {
	// Distinct starts, or the compiler merges the identical chains.
	a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11 := 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0
	for range n {
		a0 = a0*m + c
		a1 = a1*m + c
		a2 = a2*m + c
		a3 = a3*m + c
		a4 = a4*m + c
		a5 = a5*m + c
		a6 = a6*m + c
		a7 = a7*m + c
		a8 = a8*m + c
		a9 = a9*m + c
		a10 = a10*m + c
		a11 = a11*m + c
	}
	return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
}
