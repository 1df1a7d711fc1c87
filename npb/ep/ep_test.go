package ep

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

// epPlaces are the place counts EP verifies with: those of every kernel,
// and 16, more places than class S has batches per place at 16.
var epPlaces = append(append([]int(nil), npbtest.PlaceCounts...), 16)

// counts are the annulus counts and pairs NPB3.4-OMP's ep.S.x and ep.W.x
// print; they are integers, so every correct run prints these.
var counts = map[npb.Class]struct {
	q  [nq]int64
	gc int64
}{
	npb.ClassS: {[nq]int64{6140517, 5865300, 1100361, 68546, 1648, 17}, 13176389},
	npb.ClassW: {[nq]int64{12281576, 11729692, 2202726, 137368, 3371, 36}, 26354769},
}

// TestVerification runs EP at S (and W unless -short) on every place
// count: each verifies, prints ep.f's lines with the reference's counts,
// and gives the same bits for sx, sy and the counts.
func TestVerification(t *testing.T) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		var first *result
		for _, np := range epPlaces {
			t.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(t *testing.T) {
				if c != npb.ClassS {
					npbtest.SkipLong(t)
				}
				var out strings.Builder
				k := Kernel
				var b *run
				k.New = func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
					prob, bb, err := newRun(c)
					b, _ = bb.(*run)
					return prob, bb, err
				}
				res, err := k.Run(npb.Config{Class: c, Places: np, Out: &out})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Verified || len(res.Checks) != 2 {
					t.Fatalf("not verified: %+v\n%s", res.Checks, out.String())
				}
				p, _ := paramsFor(c)
				if res.Kernel != "EP" || res.OpType != "Random numbers generated" || res.Size[0] != p.randomNumbers() ||
					res.Iterations != 0 || res.Places != np {
					t.Errorf("bad result fields %+v", res)
				}
				want := counts[c]
				if b.q != want.q || b.gc != want.gc {
					t.Errorf("counts %v, %d pairs; ep.f's are %v, %d", b.q, b.gc, want.q, want.gc)
				}
				o := out.String()
				for _, line := range []string{
					fmt.Sprintf(" Number of random numbers generated: %15d  (class %s)\n", p.randomNumbers(), c),
					fmt.Sprintf("N = 2^%5d\n", p.m),
					fmt.Sprintf("No. Gaussian Pairs =%15s\n", fmt.Sprintf("%d.", want.gc)),
					fmt.Sprintf("Counts:\n  0%15s\n", fmt.Sprintf("%d.", want.q[0])),
				} {
					if !strings.Contains(o, line) {
						t.Errorf("no line %q in\n%s", line, o)
					}
				}
				if first == nil {
					first = &b.result
				} else if math.Float64bits(b.sx) != math.Float64bits(first.sx) || math.Float64bits(b.sy) != math.Float64bits(first.sy) {
					t.Errorf("sums %v %v, at the first place count %v %v", b.sx, b.sy, first.sx, first.sy)
				}
			})
		}
	}
}

// TestReport checks the report's lines that differ from the other
// kernels: EP's size in 15 columns, in every class up to F.
func TestReport(t *testing.T) {
	for _, c := range Kernel.Classes() {
		p, err := paramsFor(npb.Class(c))
		if err != nil {
			t.Fatal(err)
		}
		r := npb.Result{Kernel: "EP", Class: npb.Class(c), Size: p.problem().Size, OpType: p.problem().OpType}
		var b strings.Builder
		r.Report(&b)
		want := fmt.Sprintf(" Size            = %24d\n", p.randomNumbers())
		if !strings.Contains(b.String(), want) || !strings.Contains(b.String(), " Operation type  = Random numbers generated\n") {
			t.Errorf("class %c: report\n%s\nwant %q", c, b.String(), want)
		}
	}
	if got := Kernel.Classes(); got != "SWABCDEF" {
		t.Errorf("classes %s, want SWABCDEF", got)
	}
}

// refBatch is batch as ep.f writes it: vranlc into x, then one loop over
// the pairs, with the reference's Randlc.
func refBatch(q *[nq]int64, s float64) (sx, sy float64) {
	x := make([]float64, 2*nk)
	npb.Vranlc(x, &s, a)
	for i := range nk {
		x1 := 2*x[2*i] - 1
		x2 := 2*x[2*i+1] - 1
		t1 := x1*x1 + x2*x2
		if t1 <= 1 {
			t2 := math.Sqrt(-2 * math.Log(t1) / t1)
			t3, t4 := x1*t2, x2*t2
			q[int(math.Max(math.Abs(t3), math.Abs(t4)))]++
			sx += t3
			sy += t4
		}
	}
	return sx, sy
}

// TestBatch compares batch with refBatch bit for bit, and the batch seeds
// with ep.f's way of finding them (loop 120: binary powers of an).
func TestBatch(t *testing.T) {
	an := npb.Ipow46(a, 2*nk)
	w := new(worker)
	for _, kk := range []int{0, 1, 2, 255, 256, 1<<28 - 1} {
		t1, t2 := float64(seed), an
		for k := kk; ; {
			ik := k / 2
			if 2*ik != k {
				npb.Randlc(&t1, t2)
			}
			if ik == 0 {
				break
			}
			npb.Randlc(&t2, t2)
			k = ik
		}
		if s := npb.Jump(seed, an, int64(kk)); s != t1 {
			t.Errorf("batch %d: seed %v, ep.f's %v", kk, s, t1)
		}
		var q [nq]int64
		wx, wy := refBatch(&q, t1)
		w.tally = tally{}
		gx, gy := w.batch(uint64(t1))
		if math.Float64bits(gx) != math.Float64bits(wx) || math.Float64bits(gy) != math.Float64bits(wy) || *w.q() != q {
			t.Errorf("batch %d: %v %v %v, ep.f's loop %v %v %v", kk, gx, gy, *w.q(), wx, wy, q)
		}
	}
}

// few is newRun or newMPIRun with class S cut to a few batches, for the
// tests that need the timed region many times but not its result.
func few(newRun func(npb.Class) (npb.Problem, npb.Benchmark, error), nn int) func(npb.Class) (npb.Problem, npb.Benchmark, error) {
	return func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
		prob, b, err := newRun(c)
		switch b := b.(type) {
		case *run:
			b.nn = nn
		case *mpiRun:
			b.nn = nn
		}
		return prob, b, err
	}
}

func TestNoAllocTimedRegion(t *testing.T) {
	for _, np := range []int{0, 1, 2, 3} {
		npbtest.NoTimedAllocs(t, few(newRun, 6), npb.ClassS, np)
		npbtest.NoTimedAllocs(t, few(newMPIRun, 6), npb.ClassS, np)
	}
}

// TestFailureDetected moves the reference sy by 1e-7: the run must not
// verify, and say which check failed.
func TestFailureDetected(t *testing.T) {
	k := Kernel
	k.New = func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
		prob, b, err := newRun(c)
		b.(*run).syRef *= 1 + 1e-7
		return prob, b, err
	}
	res, err := k.Run(npb.Config{Class: npb.ClassS, Places: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified || !res.Checks[0].OK || res.Checks[1].OK {
		t.Errorf("a wrong sy verified: %+v", res.Checks)
	}
}

func BenchmarkEP(b *testing.B) {
	npbtest.BenchmarkKernel(b, Run, npb.ClassS, npb.ClassW, npb.ClassA)
}

// BenchmarkBatch is one batch of 2^16 pairs on one place.
func BenchmarkBatch(b *testing.B) {
	w := new(worker)
	an := npb.Ipow46(a, 2*nk)
	for i := 0; b.Loop(); i++ {
		w.batch(uint64(npb.Jump(seed, an, int64(i))))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/nk, "ns/pair")
}

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory.
func TestMemoryEstimate(t *testing.T) {
	npbtest.MemoryEstimates(t, []npb.Class{npb.ClassS, npb.ClassW}, Kernel, KernelMPI)
}
