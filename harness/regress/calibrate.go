package regress

import (
	"fmt"
	"math"
	"time"

	"npbgo/harness"
	"npbgo/harness/peak"
	"npbgo/runtime/places"
)

// CalibrationVersion changes whenever the calibration workload or the way
// samples are taken changes: ratios measured differently are not
// comparable, so a baseline with another version is refused. (v2: a
// sample is the fastest of MinOf runs.)
const CalibrationVersion = 2

// The calibration is fixed code, never tuned with the kernels. Its two
// parts cover what the kernels spend their time on: streaming memory
// (a triad over arrays larger than the last-level cache, so that DRAM
// bandwidth and its sharing with other processes are measured) and
// floating point from cache (a small dense matrix product and a dependent
// FMA chain). Both run on the same number of places as the workload they
// calibrate and, like a kernel, in phases separated by barriers: when
// another process takes a core, a place that is descheduled holds up the
// others at the next barrier, in the calibration as in the kernel. There
// are few enough barriers (one per ~0.1 ms of work) that the calibration
// does not follow a change in the cost of Barrier itself.
const (
	calTriadLen    = 1 << 22 // float64 per array: 3 arrays of 32 MiB
	calTriadPasses = 6
	calPhases      = 64      // barriers per pass of each part
	calMatN        = 32      // 3 matrices of 8 KiB: in L1
	calMatReps     = 2       // matrix products per phase
	calChainLen    = 1 << 15 // FMA steps per phase
)

// CalibrationDescription is what the baseline records about the
// calibration.
func CalibrationDescription() string {
	return fmt.Sprintf("v%d: time(mem) + time(fp) on the workload's places, each in %d barrier-separated phases per pass; mem = %d passes of triad a=b+s*c over 3 arrays of %d MiB, split across places; fp = per phase %d products of %dx%d matrices and a %d-step dependent FMA chain on every place",
		CalibrationVersion, calPhases, calTriadPasses, calTriadLen*8>>20, calMatReps, calMatN, calMatN, calChainLen)
}

// calibration holds the calibration's data, allocated once per process
// and first touched by place 0 (memory placement does not matter on one
// socket; on two it is the same for baseline and check).
type calibration struct {
	a, b, c []float64
	mats    [][]float64 // per place: A, B, C of calMatN² each
	sink    []float64   // per place, padded: keeps results alive
	memBody func(*places.Place)
	fpBody  func(*places.Place)
}

func newCalibration(maxPlaces int) *calibration {
	c := &calibration{
		a:    make([]float64, calTriadLen),
		b:    make([]float64, calTriadLen),
		c:    make([]float64, calTriadLen),
		mats: make([][]float64, maxPlaces),
		sink: make([]float64, 8*maxPlaces),
	}
	for i := range c.b {
		c.b[i] = float64(i%1000) * 1e-3
		c.c[i] = 1 - c.b[i]
	}
	for p := range c.mats {
		m := make([]float64, 3*calMatN*calMatN)
		for i := range m {
			m[i] = 1 / float64(1+(i+p)%17)
		}
		c.mats[p] = m
	}
	c.memBody = c.triad
	c.fpBody = c.fp
	return c
}

// triad streams this place's block of each chunk of the arrays, a
// barrier after each chunk.
func (c *calibration) triad(p *places.Place) {
	const chunk = calTriadLen / calPhases
	const s = 0.5
	for range calTriadPasses {
		for k := 0; k < calTriadLen; k += chunk {
			lo, hi := p.AlignedBlock(k, k+chunk, 8)
			a, b, x := c.a[lo:hi], c.b[lo:hi], c.c[lo:hi]
			for i := range a {
				a[i] = b[i] + s*x[i]
			}
			p.Barrier()
		}
	}
	c.sink[8*p.ID()] += c.a[calTriadLen/2]
}

// fp multiplies small matrices held in L1 and runs a dependent FMA chain:
// throughput- and latency-bound floating point without memory traffic.
func (c *calibration) fp(p *places.Place) {
	const n = calMatN
	m := c.mats[p.ID()]
	A, B, C := m[:n*n], m[n*n:2*n*n], m[2*n*n:3*n*n]
	x := 1.0
	for range calTriadPasses * calPhases {
		for range calMatReps {
			for i := range n {
				ci := C[i*n : i*n+n]
				for k := range n {
					aik := A[i*n+k]
					bk := B[k*n : k*n+n]
					for j := range ci {
						ci[j] = math.FMA(aik, bk[j], ci[j]) * 0.5
					}
				}
			}
		}
		x += C[0]
		for range calChainLen {
			x = math.FMA(x, 0.999999, 1e-7)
		}
		p.Barrier()
	}
	c.sink[8*p.ID()] += x
}

// run times the two parts on g, in seconds.
func (c *calibration) run(g *places.Group) (mem, fp float64) {
	t0 := time.Now()
	g.Run(c.memBody)
	t1 := time.Now()
	g.Run(c.fpBody)
	t2 := time.Now()
	return t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds()
}

// Triad moves 24 B per element and pass, as STREAM counts a triad (two
// arrays read, one written; no write-allocate), so the probe's GB/s read
// like STREAM's.
const calTriadBytes = calTriadPasses * 3 * 8 * calTriadLen

// probeTries is how many times the probe times each place count, taking
// the fastest. A probe of MinOf tries, each place count's in a block of
// its own, read 1.30–1.98 for the compute part at 2 places on an idle
// 2-vCPU VM within three minutes, and once 2.21: a slow spell during one
// block moved one place count only.
const probeTries = 7

// peakRuns is how many runs of the peak (~2 ms each) a try of the probe
// times: the peak is the fastest run, and a busy machine leaves few
// windows in which every place runs undisturbed.
const peakRuns = 4

// Scaling is the machine probe of a sweep (harness.ScalingProbe): the
// calibration at each place count, on places pinned as `npb run` pins
// them by default, each part the fastest of probeTries runs, and beside
// it the floating-point peak (harness/peak) for the GFLOP/s. The
// scaling of compute stays the calibration's, the kernels' kind of work
// (scalar, partly latency-bound): a vector peak does not scale on SMT
// siblings that share FMA pipes, where such work still gains. The tries go
// round the place counts (1, 2, 4, 1, 2, 4, …) so that a slow spell of
// the machine touches every count alike, and the machine's CPU
// accounting says how much other work ran meanwhile. Its data is
// allocated once per call, so the probe costs about a fifth of a second
// per place count, and the peak ~8 ms per try more.
func Scaling(counts []int) ([]harness.Scaling, error) {
	maxNP := 1
	for _, np := range counts {
		if np < 1 {
			return nil, fmt.Errorf("regress: place count must be at least 1, got %d", np)
		}
		maxNP = max(maxNP, np)
	}
	cal := newCalibration(maxNP)
	pk := peak.New(maxNP)
	peakSec := make([]float64, len(counts))
	out := make([]harness.Scaling, len(counts))
	groups := make([]*places.Group, len(counts))
	defer func() {
		for _, g := range groups {
			if g != nil {
				g.Close()
			}
		}
	}()
	for i, np := range counts {
		g, err := places.New(np, places.Options{CPUs: pinning(np, "compact")})
		if err != nil {
			return nil, fmt.Errorf("regress: scaling probe: %w", err)
		}
		groups[i] = g
		out[i] = harness.Scaling{Places: np, Memory: math.Inf(1), Compute: math.Inf(1)}
		cal.run(g) // warm: first touch, threads started
		peakSec[i] = pk.Time(g)
	}
	load := startLoad()
	for range probeTries {
		for i, g := range groups {
			mem, fp := cal.run(g)
			out[i].Memory, out[i].Compute = min(out[i].Memory, mem), min(out[i].Compute, fp)
			for range peakRuns {
				peakSec[i] = min(peakSec[i], pk.Time(g))
			}
		}
	}
	other, steal, known := load.other()
	for i := range out {
		out[i].Other, out[i].Steal, out[i].LoadKnown = other, steal, known
		out[i].MemoryGBs = calTriadBytes / out[i].Memory / 1e9
		out[i].ComputeGFlops, out[i].ComputeKind = peak.GFlops(out[i].Places, peakSec[i]), peak.Kind()
	}
	return out, nil
}
