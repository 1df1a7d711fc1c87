package ft

// Tuning aids, run with FT_TUNE=1: per-phase timings of a class
// (TestTunePhases; a sample is kept only if the rest of the machine used
// less than 0.1 CPU meanwhile), per-place phase and barrier times of the
// timed region (TestTuneWaits), and one 1-D pass over all of class A
// (BenchmarkPass, no FT_TUNE needed). FT_CLASS, FT_NP, FT_BUDGET (scratch
// bytes per block) and FT_PAD (complex elements) override the defaults.

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// TestTunePhases times the phases of a class (default A).
func TestTunePhases(t *testing.T) {
	if os.Getenv("FT_TUNE") == "" {
		t.Skip("FT_TUNE not set")
	}
	par, _ := paramsFor(npb.ClassA)
	if v := os.Getenv("FT_CLASS"); v != "" {
		par, _ = paramsFor(npb.Class(v[0]))
	}
	budget := topo.HostCaches().L2 / blockBudgetDiv
	if v := os.Getenv("FT_BUDGET"); v != "" {
		budget, _ = strconv.Atoi(v)
	}
	pad := 4
	if v := os.Getenv("FT_PAD"); v != "" {
		pad, _ = strconv.Atoi(v)
	}
	np := 1
	if v := os.Getenv("FT_NP"); v != "" {
		np, _ = strconv.Atoi(v)
	}
	l := layoutWith(par, budget, pad)
	g, _ := places.New(np, places.Options{})
	defer g.Close()
	b := newBench(par, g, l)
	g.Run(b.setupBody)
	phases := map[string]func(p *places.Place){
		"gen+x+y": func(p *places.Place) {
			k0, k1 := p.Block(0, par.nz)
			s := &b.scr[p.ID()]
			for k := k0; k < k1; k++ {
				b.cffts1(1, b.u1, k, s, true)
				b.cffts2(1, b.u1, k, s)
			}
		},
		"z fwd": func(p *places.Place) {
			u0, u1 := p.Block(0, b.par.ny*(b.par.nx/b.fb3))
			for u := u0; u < u1; u++ {
				b.cffts3(1, b.u1, b.u0, u, &b.scr[p.ID()], false)
			}
		},
		"evolve+z": func(p *places.Place) {
			u0, u1 := p.Block(0, b.par.ny*(b.par.nx/b.fb3))
			for u := u0; u < u1; u++ {
				b.cffts3(-1, b.u0, b.u1, u, &b.scr[p.ID()], true)
			}
		},
		"y+x+chk": func(p *places.Place) {
			k0, k1 := p.Block(0, par.nz)
			s := &b.scr[p.ID()]
			for k := k0; k < k1; k++ {
				b.cffts2(-1, b.u1, k, s)
				b.cffts1(-1, b.u1, k, s, false)
				b.pts.checksumPlane(b.u1, b.ld2, k)
			}
		},
	}
	names := []string{"gen+x+y", "z fwd", "evolve+z", "y+x+chk"}
	fmt.Printf("layout %+v np %d\n", l, np)
	for _, n := range names {
		var ts []float64
		var fs []float64
		for range 7 {
			b0, o0 := sysBusy(), ownCPU()
			t0 := time.Now()
			g.Run(phases[n])
			el := time.Since(t0).Seconds()
			f := (sysBusy() - b0 - (ownCPU() - o0)) / el
			fs = append(fs, f)
			if f < 0.1 {
				ts = append(ts, el)
			}
		}
		sort.Float64s(ts)
		if len(ts) == 0 {
			fmt.Printf("%-10s all samples disturbed %v\n", n, fs)
			continue
		}
		fmt.Printf("%-10s median %.4f min %.4f (%d clean of 7)\n", n, ts[len(ts)/2], ts[0], len(ts))
	}
}

// sysBusy is the CPU seconds all processes have used (from /proc/stat).
func sysBusy() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var busy float64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		x, _ := strconv.ParseFloat(v, 64)
		busy += x
	}
	return busy / 100
}

// ownCPU is this process's CPU seconds.
func ownCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkPass times one 1-D pass over all planes (or columns) of class A,
// reporting the process CPU time as well.
func BenchmarkPass(bb *testing.B) {
	par, _ := paramsFor(npb.ClassA)
	budget := topo.HostCaches().L2 / blockBudgetDiv
	if v := os.Getenv("FT_BUDGET"); v != "" {
		budget, _ = strconv.Atoi(v)
	}
	pad := 4
	if v := os.Getenv("FT_PAD"); v != "" {
		pad, _ = strconv.Atoi(v)
	}
	l := layoutWith(par, budget, pad)
	g, _ := places.New(0, places.Options{})
	defer g.Close()
	b := newBench(par, g, l)
	g.Run(b.setupBody)
	s := &b.scr[0]
	bb.Run("cffts1", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for k := range par.nz {
				b.cffts1(-1, b.u1, k, s, false)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})
	bb.Run("cffts1gen", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for k := range par.nz {
				b.cffts1(1, b.u1, k, s, true)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})
	bb.Run("cffts2", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for k := range par.nz {
				b.cffts2(-1, b.u1, k, s)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})
	bb.Run("cffts2+1", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for k := range par.nz {
				b.cffts2(-1, b.u1, k, s)
				b.cffts1(-1, b.u1, k, s, false)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})
	bb.Run("cffts3", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for u := range par.ny * par.nx / b.fb3 {
				b.cffts3(1, b.u1, b.u0, u, s, false)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})
	bb.Run("cffts3evolve", func(bb *testing.B) {
		c0 := ownCPU()
		for bb.Loop() {
			for u := range par.ny * par.nx / b.fb3 {
				b.cffts3(-1, b.u0, b.u1, u, s, true)
			}
		}
		bb.ReportMetric((ownCPU()-c0)*1e3/float64(bb.N), "cpu-ms/op")
	})

}

// TestTuneFresh compares the timed region on freshly allocated arrays (as
// in Run) with repeated runs on the same arrays, class A on 2 places.
func TestTuneFresh(t *testing.T) {
	if os.Getenv("FT_TUNE") == "" {
		t.Skip("FT_TUNE not set")
	}
	par, _ := paramsFor(npb.ClassA)
	g, _ := places.New(2, places.Options{CPUs: []int{0, 1}})
	defer g.Close()
	for range 4 {
		b := newBench(par, g, chooseLayout(par, topo.HostCaches()))
		g.Run(b.setupBody)
		var ts []float64
		for range 4 {
			t0 := time.Now()
			g.Run(b.timedBody)
			ts = append(ts, time.Since(t0).Seconds())
		}
		fmt.Printf("fresh arrays: timed runs %.3f\n", ts)
	}
}

// TestTuneWaits runs the timed region of a class (default A) with per-place
// timestamps around each phase and barrier (FT_TUNE=1, FT_NP places), to
// show where a parallel run loses time.
func TestTuneWaits(t *testing.T) {
	if os.Getenv("FT_TUNE") == "" {
		t.Skip("FT_TUNE not set")
	}
	par, _ := paramsFor(npb.ClassA)
	if v := os.Getenv("FT_CLASS"); v != "" {
		par, _ = paramsFor(npb.Class(v[0]))
	}
	np := 2
	if v := os.Getenv("FT_NP"); v != "" {
		np, _ = strconv.Atoi(v)
	}
	g, _ := places.New(np, places.Options{CPUs: []int{0, 1, 0, 1}[:np]})
	defer g.Close()
	b := newBench(par, g, chooseLayout(par, topo.HostCaches()))
	g.Run(b.setupBody)
	const nph = 6 // setup, setup wait, z, z wait, yx, yx wait
	acc := make([][nph]time.Duration, np)
	cpu := make([]float64, np)
	body := func(p *places.Place) {
		a := &acc[p.ID()]
		c0 := threadCPU()
		defer func() { cpu[p.ID()] = threadCPU() - c0 }()
		t0 := time.Now()
		lap := func(i int) {
			t := time.Now()
			a[i] += t.Sub(t0)
			t0 = t
		}
		b.setup(p)
		lap(0)
		p.Barrier()
		lap(1)
		s := &b.scr[p.ID()]
		nz, nu := b.par.nz, b.par.ny*(b.par.nx/b.fb3)
		for iter := 1; iter <= b.par.niter; iter++ {
			ph := 2 * iter
			for u := b.take(ph, nu); u < nu; u = b.take(ph, nu) {
				b.cffts3(-1, b.u0, b.u1, u, s, true)
			}
			lap(2)
			p.Barrier()
			lap(3)
			for k := b.take(ph+1, nz); k < nz; k = b.take(ph+1, nz) {
				b.cffts2(-1, b.u1, k, s)
				b.cffts1(-1, b.u1, k, s, false)
				b.pts.checksumPlane(b.u1, b.ld2, k)
			}
			lap(4)
			p.Barrier()
			lap(5)
			if p.ID() == 0 {
				b.sums[iter-1] = b.pts.sum(b.par)
			}
		}
	}
	for range 5 {
		clear(acc)
		t0 := time.Now()
		g.Run(body)
		el := time.Since(t0)
		fmt.Printf("total %.3f s:", el.Seconds())
		for id := range np {
			fmt.Printf("  place %d (cpu %.3f):", id, cpu[id])
			for _, d := range acc[id] {
				fmt.Printf(" %.3f", d.Seconds())
			}
		}
		fmt.Println()
	}
}

// threadCPU is the calling thread's CPU seconds (the places of a pinned
// group are locked to their threads).
func threadCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
