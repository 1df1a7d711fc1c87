package regress

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strings"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Key names one measured point: a kernel at a class and place count, or a
// places micro-workload (Class 0) at a place count.
type Key struct {
	Name   string    `json:"name"`
	Class  npb.Class `json:"class,omitempty"`
	Places int       `json:"places"`
}

func (k Key) String() string {
	if k.Class == 0 {
		return fmt.Sprintf("%s/%d", k.Name, k.Places)
	}
	return fmt.Sprintf("%s/%s/%d", k.Name, k.Class, k.Places)
}

// Series is the samples of one point. Sample i is Seconds[i], seconds per
// op: the fastest timed region of Ops kernel runs, or the fastest of
// MinOf chunks of Ops/MinOf primitive operations (per operation). The
// fastest of a few is what a run costs when no other process got in its
// way; a slower code path slows every one of them. It is taken
// between calibrations CalAt[i] and CalAt[i]+1 of the calibration trace of
// its place count; CalMem[i] and CalFP[i] are the medians of the two parts
// over the calibrations nearest to it (CalWindow), and
// Ratio[i] = Seconds[i] / (CalMem[i] + CalFP[i]).
type Series struct {
	Key
	// Ops is the kernel runs (at least MinOf) or primitive operations in
	// one sample, so that a sample lasts at least Plan.MinSample. A check
	// reuses the baseline's Ops, so both sides are measured alike.
	Ops     int       `json:"ops"`
	Ratio   []float64 `json:"ratio"`
	Seconds []float64 `json:"seconds"`
	CalMem  []float64 `json:"cal_mem"`
	CalFP   []float64 `json:"cal_fp"`
	CalAt   []int     `json:"cal_at"`
}

// CalTrace is every calibration run at one place count, in the order run.
type CalTrace struct {
	Places int       `json:"places"`
	Mem    []float64 `json:"mem"`
	FP     []float64 `json:"fp"`
}

// CalWindow is how many calibrations on each side of a sample its ratio
// is taken against (the median of their total): 1 uses the two
// neighbours. Measured on the 2-core VM (20 samples per point, two runs):
// wider windows (2, 3, 5) smooth the calibration's own noise but follow
// the machine less closely, and gave equal or larger spreads of the
// ratios than the two neighbours.
const CalWindow = 1

// calFor returns the median of the two parts over the window of
// calibrations around the gap after trace index at.
func (c *CalTrace) calFor(at int) (mem, fp float64) {
	lo, hi := max(0, at-CalWindow+1), min(len(c.Mem), at+1+CalWindow)
	tot := make([]float64, 0, hi-lo)
	for i := lo; i < hi; i++ {
		tot = append(tot, c.Mem[i]+c.FP[i])
	}
	med := median(tot)
	// The parts of the calibration whose total is the median (or the
	// nearest above it, for an even count).
	best := lo
	for i := lo; i < hi; i++ {
		if d, bd := c.Mem[i]+c.FP[i]-med, c.Mem[best]+c.FP[best]-med; d >= 0 && (bd < 0 || d < bd) {
			best = i
		}
	}
	return c.Mem[best] * med / (c.Mem[best] + c.FP[best]), c.FP[best] * med / (c.Mem[best] + c.FP[best])
}

// Failure is a deterministic check that failed: a run that did not verify
// or could not be done, or a primitive that allocated.
type Failure struct {
	Key Key    `json:"key"`
	Msg string `json:"msg"`
}

func (f Failure) String() string { return f.Key.String() + ": " + f.Msg }

// MinOf is the least number of kernel runs, or chunks of primitive
// operations, a sample takes the fastest of.
const MinOf = 3

// PlacesWorkloads are the places runtime micro-workloads measured beside
// the kernels, in the order they are run.
var PlacesWorkloads = []string{"places-run", "places-barrier", "places-sum"}

// Workloads lists what can be measured: the registered kernels (at run
// time, in NPB order) then the places micro-workloads.
func Workloads() []string {
	return append(npb.Names(), PlacesWorkloads...)
}

// Plan is what Measure does.
type Plan struct {
	Class  npb.Class
	Names  []string // kernels and places workloads, see Workloads
	Places []int    // place counts, each ≥ 1
	Reps   int      // samples per point
	// MinSample is how long one sample should last at least; short kernel
	// runs and primitives are repeated (Series.Ops) to reach it.
	MinSample time.Duration
	// Ops fixes the ops per sample of a point (from the baseline).
	Ops map[Key]int
	// Inject makes a workload slower by a factor ≥ 1 (test of the
	// detector only): after each op the measured interval is extended by
	// busy-waiting (factor-1) × the op's own time.
	Inject map[string]float64
	// Progress receives a line per repetition; nil for none.
	Progress io.Writer
}

// Measurement is the outcome of Measure.
type Measurement struct {
	Series   []*Series
	Failures []Failure
	Elapsed  time.Duration
	CalTrace []*CalTrace
	MachineLoad
}

// MachineLoad is how busy the machine was during a measurement: OtherLoad is the
// CPUs other processes used, on average, and Steal those the hypervisor
// took; both are 0 with LoadKnown false where /proc/stat cannot be read.
type MachineLoad struct {
	OtherLoad, Steal float64
	LoadKnown        bool
}

// LoadNote says how busy the machine was, for the report.
func (l MachineLoad) LoadNote(ncpu int) string {
	if !l.LoadKnown {
		return "load of other processes unknown"
	}
	note := fmt.Sprintf("other processes used %.2f of %d CPUs on average, steal %.2f", l.OtherLoad, ncpu, l.Steal)
	if l.OtherLoad+l.Steal > 0.2 {
		note += ": a busy machine, expect noise"
	}
	return note
}

// countFailed counts the failures of k.
func countFailed(failures []Failure, k Key) int {
	n := 0
	for _, f := range failures {
		if f.Key == k {
			n++
		}
	}
	return n
}

// point is one workload at one place count while it is being measured.
type point struct {
	key    Key
	sample func(ops int) (float64, error) // seconds per op
	series *Series
}

// Measure samples every (workload, places) point p.Reps times. Within a
// repetition the points of one place count are run in turn with a
// calibration before each and after the last (cal, w1, cal, w2, cal, …);
// each sample is divided by the mean of its two neighbouring calibrations.
// Interleaving spreads slow drift of the machine over every point.
func Measure(p Plan) (*Measurement, error) {
	start := time.Now()
	load := startLoad()
	if p.Reps < 1 {
		return nil, fmt.Errorf("regress: reps must be at least 1, got %d", p.Reps)
	}
	maxNP := 1
	for _, np := range p.Places {
		if np < 1 {
			return nil, fmt.Errorf("regress: place count must be at least 1, got %d", np)
		}
		maxNP = max(maxNP, np)
	}
	m := &Measurement{}
	cal := newCalibration(maxNP)
	byNP := map[int][]*point{}
	for _, np := range p.Places {
		for _, name := range p.Names {
			pt, err := newPoint(name, p.Class, np, p.Inject[name], m)
			if err != nil {
				return nil, err
			}
			byNP[np] = append(byNP[np], pt)
		}
	}
	traces := map[int]*CalTrace{}
	calibrate := map[int]func() error{}
	for _, np := range p.Places {
		cpus := pinning(np, topo.Compact)
		tr := &CalTrace{Places: np}
		traces[np] = tr
		m.CalTrace = append(m.CalTrace, tr)
		calibrate[np] = func() error {
			g, err := places.New(np, places.Options{CPUs: cpus})
			if err != nil {
				return fmt.Errorf("regress: calibration: %w", err)
			}
			defer g.Close()
			runtime.GC()
			mem, fp := cal.run(g)
			tr.Mem = append(tr.Mem, mem)
			tr.FP = append(tr.FP, fp)
			return nil
		}
	}

	// Warm up every point once, unmeasured, and settle its ops.
	for _, np := range p.Places {
		if err := calibrate[np](); err != nil {
			return nil, err
		}
		traces[np].Mem, traces[np].FP = nil, nil
		for _, pt := range byNP[np] {
			ops, ok := p.Ops[pt.key]
			if !ok || ops < 1 {
				var err error
				ops, err = settleOps(pt, p.MinSample)
				if err != nil {
					return nil, err
				}
			} else if _, err := pt.sample(MinOf); err != nil {
				return nil, err
			}
			pt.series.Ops = ops
			m.Series = append(m.Series, pt.series)
		}
	}

	for rep := range p.Reps {
		for _, np := range p.Places {
			tr := traces[np]
			if err := calibrate[np](); err != nil {
				return nil, err
			}
			for _, pt := range byNP[np] {
				before := len(m.Failures)
				sec, err := pt.sample(pt.series.Ops)
				if err != nil {
					return nil, err
				}
				if len(m.Failures) == before && sec > 0 {
					pt.series.Seconds = append(pt.series.Seconds, sec)
					pt.series.CalAt = append(pt.series.CalAt, len(tr.Mem)-1)
				}
				if err := calibrate[np](); err != nil {
					return nil, err
				}
			}
		}
		if p.Progress != nil {
			fmt.Fprintf(p.Progress, "regress: repetition %d/%d done (%s)\n", rep+1, p.Reps, time.Since(start).Round(time.Second))
		}
	}
	for _, s := range m.Series {
		tr := traces[s.Places]
		for i, sec := range s.Seconds {
			mem, fp := tr.calFor(s.CalAt[i])
			s.CalMem = append(s.CalMem, mem)
			s.CalFP = append(s.CalFP, fp)
			s.Ratio = append(s.Ratio, sec/(mem+fp))
		}
	}
	sort.Slice(m.Series, func(i, j int) bool { return lessKey(m.Series[i].Key, m.Series[j].Key) })
	m.Elapsed = time.Since(start)
	m.OtherLoad, m.Steal, m.LoadKnown = load.other()
	return m, nil
}

// settleOps picks the ops per sample that make a sample last at least
// minSample (at most 1<<24; kernels at most 50 runs).
func settleOps(pt *point, minSample time.Duration) (int, error) {
	limit := 1 << 24
	ops := MinOf
	if pt.key.Class == 0 {
		ops = 256 * MinOf
	} else {
		limit = 50
	}
	for {
		sec, err := pt.sample(ops)
		if err != nil {
			return 0, err
		}
		total := sec * float64(ops)
		if pt.key.Class != 0 {
			ops = int(math.Ceil(minSample.Seconds() / sec))
			return min(max(ops, MinOf), limit), nil
		}
		if total >= minSample.Seconds() || ops >= limit {
			return ops, nil
		}
		if total <= 0 {
			ops *= 16
		} else {
			ops = int(math.Ceil(float64(ops) * minSample.Seconds() / total))
		}
		ops = min(ops, limit)
	}
}

// pinning is topo.Pinning without the note: the CPUs `npb run` would use
// for np places under policy pin; a measurement that cannot pin runs
// unpinned.
func pinning(np int, pol topo.Policy) []int {
	cpus, _, _ := topo.Pinning(np, pol)
	return cpus
}

func newPoint(name string, class npb.Class, np int, inject float64, m *Measurement) (*point, error) {
	if inject != 0 && (inject < 1 || math.IsNaN(inject) || math.IsInf(inject, 0)) {
		return nil, fmt.Errorf("regress: slowdown factor for %s must be ≥ 1, got %g", name, inject)
	}
	for _, w := range PlacesWorkloads {
		if w == name {
			key := Key{Name: name, Places: np}
			pw := newPlacesWorkload(name, np)
			return &point{key: key, series: &Series{Key: key}, sample: func(ops int) (float64, error) {
				sec, err := pw.sample(ops, inject)
				return sec, err
			}}, nil
		}
	}
	k, err := npb.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("regress: unknown workload %q (have %s)", name, strings.Join(Workloads(), ", "))
	}
	if err := k.CheckClass(class); err != nil {
		return nil, fmt.Errorf("regress: %w", err)
	}
	key := Key{Name: k.Name, Class: class, Places: np}
	cfg := npb.Config{Class: class, Places: np, CPUs: pinning(np, k.Pin)}
	return &point{key: key, series: &Series{Key: key}, sample: func(ops int) (float64, error) {
		best := math.Inf(1)
		for range ops {
			runtime.GC() // the previous run's garbage is not collected inside this one
			r, err := k.Run(cfg)
			if err != nil {
				m.Failures = append(m.Failures, Failure{key, fmt.Sprintf("run failed: %v", err)})
				return 0, nil
			}
			if !r.Verified {
				m.Failures = append(m.Failures, Failure{key, "verification failed" + failedChecks(r)})
				return 0, nil
			}
			best = min(best, r.Seconds+spin((inject-1)*r.Seconds))
		}
		return best, nil
	}}, nil
}

func failedChecks(r *npb.Result) string {
	var bad []string
	for _, c := range r.Checks {
		if !c.OK {
			bad = append(bad, fmt.Sprintf("%s = %.15g, reference %.15g, rel. error %.3g > %.3g", c.Name, c.Value, c.Reference, c.RelErr, c.Epsilon))
		}
	}
	if len(bad) == 0 {
		return " (no checks)"
	}
	return ": " + strings.Join(bad, "; ")
}

// spin busy-waits for sec seconds (if positive) and returns the time it
// actually took, so an injected slowdown is real CPU time, exposed to the
// same noise as the kernel.
func spin(sec float64) float64 {
	if !(sec > 0) {
		return 0
	}
	t0 := time.Now()
	d := time.Duration(sec * 1e9)
	for time.Since(t0) < d {
	}
	return time.Since(t0).Seconds()
}

// placesWorkload times one places primitive.
type placesWorkload struct {
	name string
	np   int
	cpus []int
	n    int // operations per region, read by the bodies
	sink []float64
	// bodies made once: a capturing closure made per call would allocate
	empty, barrier, sum func(*places.Place)
}

func newPlacesWorkload(name string, np int) *placesWorkload {
	w := &placesWorkload{name: name, np: np, cpus: pinning(np, topo.Compact), sink: make([]float64, 8*np)}
	w.empty = func(*places.Place) {}
	w.barrier = w.barriers
	w.sum = w.sums
	return w
}

func (w *placesWorkload) barriers(p *places.Place) {
	for range w.n {
		p.Barrier()
	}
}

func (w *placesWorkload) sums(p *places.Place) {
	x := float64(p.ID())
	for range w.n {
		x = p.SumFloat64(x) * 1e-3
	}
	w.sink[8*p.ID()] = x
}

// sample returns the seconds per operation of the fastest of MinOf chunks
// of ops/MinOf operations, on a fresh group (as a kernel run makes one).
// A factor inject > 1 extends each chunk by busy-waiting.
func (w *placesWorkload) sample(ops int, inject float64) (float64, error) {
	g, err := places.New(w.np, places.Options{CPUs: w.cpus})
	if err != nil {
		return 0, fmt.Errorf("regress: %s: %w", w.name, err)
	}
	defer g.Close()
	runtime.GC()
	w.n = 16
	g.Run(w.barrier) // wake every place before the clock starts
	n := max(ops/MinOf, 1)
	best := math.Inf(1)
	for range MinOf {
		t0 := time.Now()
		switch w.name {
		case "places-run":
			for range n {
				g.Run(w.empty)
			}
		case "places-barrier":
			w.n = n
			g.Run(w.barrier)
		case "places-sum":
			w.n = n
			g.Run(w.sum)
		}
		sec := time.Since(t0).Seconds()
		sec += spin((inject - 1) * sec)
		best = min(best, sec/float64(n))
	}
	return best, nil
}

// lessKey orders points by workload (kernels in NPB order, then the
// places workloads), class, places.
func lessKey(a, b Key) bool {
	if a.Name != b.Name {
		if ra, rb := rank(a.Name), rank(b.Name); ra != rb {
			return ra < rb
		}
		return a.Name < b.Name
	}
	if a.Class != b.Class {
		return a.Class < b.Class
	}
	return a.Places < b.Places
}

// rank places registered kernels first (NPB order), then unregistered
// names, then the places workloads.
func rank(name string) int {
	for i, w := range PlacesWorkloads {
		if w == name {
			return 2000 + i
		}
	}
	for i, n := range npb.Names() {
		if n == name {
			return i
		}
	}
	return 1000
}
