package npb

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"

	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Config is what a run of one kernel is given.
type Config struct {
	Class Class
	// Places is the number of places; 0 is the serial point "S".
	Places int
	// CPUs pins place i to CPUs[i]; nil leaves places unpinned.
	CPUs []int
	// Ranks is the size of the MPI job this process is one rank of, and
	// MPI the name of its library; 0 and "" when the process runs alone
	// (then a message-passing kernel runs one in-process rank per place).
	Ranks int
	MPI   string
	// Out receives the reference's progress and verification lines (the
	// text printed before the report). Nil discards them.
	Out io.Writer
}

// NewGroup starts the places group the configuration asks for.
func (c Config) NewGroup() (*places.Group, error) {
	return places.New(c.Places, places.Options{CPUs: c.CPUs})
}

// Printf writes a line of progress output to c.Out, if any.
func (c Config) Printf(format string, args ...any) {
	if c.Out != nil {
		fmt.Fprintf(c.Out, format, args...)
	}
}

// Problem is what the report and the banner say about one kernel at one
// class, as the kernel's New reads it from the class parameters.
type Problem struct {
	Size       []int // na, or nx, ny, nz
	Iterations int
	// OpType is the report's "Operation type"; empty means "floating point".
	OpType string
	// Banner holds the kernel's own lines printed after "Iterations" (SP's
	// dt, say), without their newline.
	Banner []string
	// SizeLine, when set, is printed instead of the banner's Size and
	// Iterations lines: EP states how many random numbers it draws.
	SizeLine string
	// Traffic is the kernel's model of the bytes its timed region moves
	// between memory and a last-level cache of llc bytes, derived in a
	// comment beside the kernel's numerics (see Work and Streamed).
	Traffic func(llc int64) float64
}

// Benchmark is one run of one kernel at one class. Kernel.Run drives every
// kernel through the same sequence: New, banner, Setup (timed as
// initialization), Timed between the timer's start and stop, then Verify.
type Benchmark interface {
	// Setup builds the problem on g and does the reference's untimed
	// warm-up. It may print progress to out.
	Setup(g *places.Group, out Printer) error
	// Timed is the reference's timed region. It must neither print nor
	// allocate.
	Timed()
	// Verify prints what the reference prints after its timer stops (the
	// per-iteration values and the verification lines) and returns every
	// compared value. A run verifies when there is at least one check and
	// all of them pass.
	Verify(out Printer) []Check
	// Mops is the official operation rate of a timed region of t seconds.
	// It depends on the class alone, and answers before Setup (Work).
	Mops(t float64) float64
}

// Printer prints progress lines; a nil Printer's Out discards them.
type Printer = Config

// Kernel describes one benchmark for the registry.
type Kernel struct {
	Name string // lower case: "cg"
	// Ref is the kernel's key in reference.json ("CG"); empty means the
	// upper-case Name. Variants (lu-hp) share their kernel's values.
	Ref string
	// New reads class c's parameters and returns the problem and an
	// unbuilt benchmark; it allocates nothing large.
	New func(c Class) (Problem, Benchmark, error)
	// MaxClass is the largest class the port implements; the classes
	// themselves are those reference.json has for the kernel, up to it.
	MaxClass Class
	// Memory estimates the peak bytes of data class c needs on n places
	// (a shared-memory kernel: the whole process) or on one of n ranks
	// (a message-passing kernel), beyond BaseRSS, so that a class that
	// will not fit is refused before it allocates (see Footprint).
	Memory func(c Class, n int) int64
	// Pin is the default placement policy.
	Pin topo.Policy
	// Ranks marks a message-passing kernel (is-mpi, cg-mpi): it runs on
	// the ranks of the MPI job the process belongs to (comm.Job), or else
	// on one in-process rank per place. Its report counts processes, and
	// "all" in a sweep leaves it out (name it to sweep it).
	Ranks bool
	// Active is, for a message-passing kernel that computes on only some
	// of its ranks (SP and BT: the largest square), how many of n ranks
	// do; nil means all of them.
	Active func(n int) int
}

// RankCount is the number of ranks a message-passing kernel runs on for
// cfg: the processes of the MPI job, or else the places (1 when serial).
func (k Kernel) RankCount(cfg Config) int {
	if cfg.Ranks > 0 {
		return cfg.Ranks
	}
	return max(cfg.Places, 1)
}

// BaseRSS is the resident memory of an npb process beside a kernel's
// data: the Go runtime, its heap metadata and the binary's pages (a run
// of EP class S or W, which allocates almost nothing, peaks at 11.4-11.6
// MiB; IS, SP, BT and LU class S at 11.7-11.8 MiB).
const BaseRSS = 12 << 20

// Footprint estimates the peak resident bytes of a process that runs
// class c on n places or ranks, local of them in this process: all n for
// a shared-memory kernel and for a message-passing kernel's in-process
// ranks (of which only the active ones hold data), 1 for one rank of an
// MPI job. It is 0 when the kernel has no estimate.
func (k Kernel) Footprint(c Class, n, local int) int64 {
	if k.Memory == nil {
		return 0
	}
	n = max(n, 1)
	if !k.Ranks {
		return BaseRSS + k.Memory(c, n)
	}
	if k.Active != nil && local == n {
		local = k.Active(n)
	}
	return BaseRSS + int64(local)*k.Memory(c, n)
}

// RefName is the kernel's key in reference.json.
func (k Kernel) RefName() string {
	if k.Ref != "" {
		return k.Ref
	}
	return strings.ToUpper(k.Name)
}

// Title is the name the banner and the report print: "CG", "LU-HP".
func (k Kernel) Title() string { return strings.ToUpper(k.Name) }

// Classes are the classes the kernel runs, in size order: those with
// reference values, up to MaxClass.
func (k Kernel) Classes() string {
	var b strings.Builder
	for _, c := range Classes {
		if k.MaxClass != 0 && strings.IndexRune(Classes, c) > strings.IndexByte(Classes, byte(k.MaxClass)) {
			break
		}
		if HasReference(k.RefName(), Class(c)) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// CheckClass reports whether the kernel runs class c.
func (k Kernel) CheckClass(c Class) error {
	have := k.Classes()
	if !strings.ContainsRune(have, rune(c)) {
		return fmt.Errorf("%s: no class %s (have %s)", k.Name, c, strings.Join(strings.Split(have, ""), " "))
	}
	return nil
}

// Run does one complete run of the kernel for cfg: the banner, setup and
// warm-up, the timed region, verification. It returns an error only for
// bad input or a run that could not be done; a run that fails verification
// returns a Result with Verified false.
func (k Kernel) Run(cfg Config) (*Result, error) {
	if err := k.CheckClass(cfg.Class); err != nil {
		return nil, err
	}
	prob, b, err := k.New(cfg.Class)
	if err != nil {
		return nil, err
	}
	var tInit Timer
	tInit.Start()
	g, err := cfg.NewGroup()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.Name, err)
	}
	defer g.Close()

	k.banner(cfg, prob)
	if err := b.Setup(g, cfg); err != nil {
		return nil, err
	}
	tInit.Stop()
	cfg.Printf(" Initialization time = %15.3f seconds\n\n", tInit.Seconds())

	// Setup's garbage is collected now rather than in the timed region.
	runtime.GC()
	// The region runs on this thread with a stack that need not grow: see
	// timedRegion and growStack.
	runtime.LockOSThread()
	growStack(64)
	t := timedRegion(g, b)
	runtime.UnlockOSThread()

	checks := b.Verify(cfg)
	op := prob.OpType
	if op == "" {
		op = "floating point"
	}
	res := &Result{
		Kernel:     k.Title(),
		Class:      cfg.Class,
		Size:       prob.Size,
		Iterations: prob.Iterations,
		Places:     cfg.Places,
		Seconds:    t.Seconds(),
		OpType:     op,
		mpi:        cfg.MPI,
	}
	if k.Ranks {
		res.Ranks = k.RankCount(cfg)
		if k.Active != nil {
			res.Active = k.Active(res.Ranks)
		}
	}
	if t.Seconds() > 0 {
		res.Mops = b.Mops(t.Seconds())
	}
	res.Verify(checks...)
	return res, nil
}

// timedRegion runs and times a benchmark's timed region. It is the one
// function every kernel's timed region runs under, and is never inlined,
// so that a profiler can isolate the timed region of any kernel by its
// name. The region is a counted span of its group (places.Group.Counted):
// under callgrind, as the work gate runs it, the instructions of every
// place's share are collected, and none of their waits.
//
//go:noinline
func timedRegion(g *places.Group, b Benchmark) (t Timer) {
	t.Start()
	g.Counted(b.Timed)
	t.Stop()
	return t
}

// growStack makes the goroutine's stack large before the timed region, so
// that the region never copies it to grow it: a copy costs time inside the
// region.
//
// It recurses n times through an 8 KiB frame.
//
//go:noinline
func growStack(n int) byte {
	var b [8 << 10]byte
	b[n] = byte(n)
	if n > 0 {
		b[0] = growStack(n - 1)
	}
	return b[0] + b[n]
}

// banner prints the lines every reference program prints before it starts.
func (k Kernel) banner(cfg Config, p Problem) {
	cfg.Printf("\n\n NAS Parallel Benchmarks (NPB%s-Go) - %s Benchmark\n\n", Version, k.Title())
	switch {
	case p.SizeLine != "":
		cfg.Printf("%s\n", p.SizeLine)
	case len(p.Size) == 3:
		cfg.Printf(" Size: %4dx%4dx%4d  (class %s)\n Iterations: %5d\n", p.Size[0], p.Size[1], p.Size[2], cfg.Class, p.Iterations)
	default:
		cfg.Printf(" Size: %11d  (class %s)\n Iterations: %5d\n", p.Size[0], cfg.Class, p.Iterations)
	}
	for _, l := range p.Banner {
		cfg.Printf("%s\n", l)
	}
	if k.Ranks {
		n := k.RankCount(cfg)
		if k.Active != nil && k.Active(n) != n {
			cfg.Printf(" WARNING: Number of active processes: %5d\n", k.Active(n))
		}
		cfg.Printf(" Number of processes: %5d\n", n)
	} else if cfg.Places > 0 {
		cfg.Printf(" Number of available threads: %5d\n", cfg.Places)
	}
	cfg.Printf("\n")
}

// Order is NPB's kernel order, the order of every table and sweep: the
// five kernels, then the three pseudo-applications. EP comes first, as in
// NPB's definition of the suite (Bailey et al., NAS RNR-94-007, whose
// kernels begin with EP), and because it moves no data: its speedup is the
// runtime's own ceiling, which the rows below it are read against.
var Order = []string{"ep", "is", "ft", "cg", "mg", "sp", "bt", "lu"}

var registry = map[string]Kernel{}

// Register adds a kernel; kernel packages call it from init.
func Register(k Kernel) {
	if _, dup := registry[k.Name]; dup {
		panic("npb: kernel registered twice: " + k.Name)
	}
	registry[k.Name] = k
}

// Lookup finds a kernel by name, in any case.
func Lookup(name string) (Kernel, error) {
	k, ok := registry[strings.ToLower(name)]
	if !ok {
		return Kernel{}, fmt.Errorf("npb: unknown kernel %q (have %s)", Clip(name), strings.Join(Names(), ", "))
	}
	return k, nil
}

// Rank orders kernel names: NPB's order (Order), then variants right after
// their kernel (lu-hp after lu), then anything else alphabetically.
func Rank(name string) (int, string) {
	base, variant, _ := strings.Cut(strings.ToLower(name), "-")
	for i, n := range Order {
		if n == base {
			return i, variant
		}
	}
	return len(Order), name
}

// Compare orders two kernel names by Rank, as slices.SortFunc wants.
func Compare(a, b string) int {
	ra, va := Rank(a)
	rb, vb := Rank(b)
	if ra != rb {
		return ra - rb
	}
	return strings.Compare(va, vb)
}

// Names lists the registered kernels in NPB order (EP IS FT CG MG SP BT LU),
// variants after their kernel.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	slices.SortFunc(names, Compare)
	return names
}

// RankKernels lists the message-passing forms (Kernel.Ranks), in NPB
// order.
func RankKernels() []string {
	var ks []string
	for _, n := range Names() {
		if registry[n].Ranks {
			ks = append(ks, n)
		}
	}
	return ks
}

// WithClass lists the registered kernels that run class c, in NPB order,
// without the message-passing forms (Kernel.Ranks).
func WithClass(c Class) []string {
	var ks []string
	for _, n := range Names() {
		if !registry[n].Ranks && registry[n].CheckClass(c) == nil {
			ks = append(ks, n)
		}
	}
	return ks
}

// Clip cuts user input echoed into an error message to a readable length.
func Clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
