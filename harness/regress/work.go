package regress

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"npbgo/harness"
	"npbgo/npb"
	"npbgo/runtime/places"
)

// The work gate counts what a kernel's timed region executes instead of
// timing it: callgrind (valgrind) runs `npb run K -class C -places P` with
// collection off (--collect-atstart=no) and the kernel driver switches it
// on for the timed region (places.Group.Counted), on every place's thread
// while that place runs its share and off while it waits, so a new kernel
// is covered without editing anything here. A shared-memory kernel is
// counted at the serial point; a message-passing form (npb.Kernel.Ranks)
// on P in-process ranks, whose waits for each other are left out: what
// remains is the work of every rank, which does not depend on the schedule.
// The timed regions allocate nothing, so the count does not move with the
// machine's load: runs of unchanged code agree to well under 0.1%.
//
// The child runs with GOMAXPROCS=1: valgrind runs one thread at a time
// anyway, and a group of more places than Ps waits by yielding at once
// instead of spinning through a long budget first, so the ranks' turns
// come sooner (cg-mpi at 2 ranks: 2 s instead of 10) and the way they wait
// is the same on every machine. Go's asynchronous preemption signal aborts
// callgrind, hence asyncpreemptoff=1; gcshrinkstackoff=1 keeps the
// collector from shrinking the stacks the driver grew; and valgrind 3.19
// (Debian 12) does not know RDTSCP, which the runtime times contended
// locks with: cpu.rdtscp=off.

// WorkDeadline bounds one count. Every class-S count takes seconds; before
// the child ran with GOMAXPROCS=1 and --fair-sched=yes, a count could
// livelock for many minutes (seen in CI: runtime.GC's sweep loop calling
// Gosched on the driver's locked thread while valgrind, which runs one
// thread at a time, kept giving it the turn), so a CI run took 88 minutes.
const WorkDeadline = 5 * time.Minute

// WorkFormat is the version of the work baseline file.
const WorkFormat = 1

// WorkCount is what one kernel's timed region executed.
type WorkCount struct {
	Name  string    `json:"name"`
	Class npb.Class `json:"class"`
	// Places is the place count it ran on: the ranks of a message-passing
	// form; 0 (and absent in the file) is the serial point.
	Places int `json:"places,omitempty"`
	// Instructions executed (callgrind's Ir).
	Instructions uint64 `json:"instructions"`
	// Simulated data-cache misses (D1 read+write, last level read+write);
	// zero unless measured with the cache simulator.
	D1Misses uint64 `json:"d1_misses,omitempty"`
	LLMisses uint64 `json:"ll_misses,omitempty"`
}

// Key names the count in messages and matches it with the baseline's:
// "cg/S" at the serial point, "cg-mpi/S@4" on 4 places.
func (w WorkCount) Key() string {
	if w.Places > 0 {
		return fmt.Sprintf("%s/%s@%d", w.Name, w.Class, w.Places)
	}
	return fmt.Sprintf("%s/%s", w.Name, w.Class)
}

// WorkBaseline is results/baseline/work.json.
type WorkBaseline struct {
	Format    int         `json:"format"`
	Date      string      `json:"date"`
	Commit    string      `json:"commit,omitempty"`
	GoVersion string      `json:"go_version"`
	Build     string      `json:"build"` // GOAMD64, GOEXPERIMENT: they change the code
	CacheSim  bool        `json:"cache_sim"`
	Counts    []WorkCount `json:"counts"`
}

// BuildID describes what of the build changes instruction counts.
func BuildID() (goVersion, build string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown", ""
	}
	var parts []string
	for _, s := range bi.Settings {
		switch s.Key {
		case "GOAMD64", "GOEXPERIMENT", "-gcflags", "-tags":
			parts = append(parts, s.Key+"="+s.Value)
		}
	}
	return bi.GoVersion, strings.Join(parts, " ")
}

// CountWork runs one kernel under callgrind with exe (an npb binary) on
// np places (0: the serial point) and returns the events of its timed
// region, summed over the places' threads.
func CountWork(ctx context.Context, exe, kernel string, class npb.Class, np int, cacheSim bool) (WorkCount, error) {
	w := WorkCount{Name: kernel, Class: class, Places: np}
	dir, err := os.MkdirTemp("", "npb-work-")
	if err != nil {
		return WorkCount{}, fmt.Errorf("regress: %w", err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "callgrind.out")
	args := []string{"--tool=callgrind", "--separate-threads=yes", "--collect-atstart=no", "--fair-sched=yes", "--callgrind-out-file=" + out}
	if cacheSim {
		args = append(args, "--cache-sim=yes")
	}
	args = append(args, exe, "run", kernel, "-class", class.String(), "-places", places.Count(np).String(), "-pin", "none")
	// A child of the sweep dies with it (harness.RunChild), and with the
	// deadline: a count that hangs fails the gate instead of stalling CI.
	ctx, cancel := context.WithTimeout(ctx, WorkDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, "valgrind", args...)
	cmd.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off,gcshrinkstackoff=1", "GOMAXPROCS=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := harness.RunChild(cmd); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return WorkCount{}, errors.New("regress: valgrind is not installed (Debian: apt-get install valgrind)")
		}
		if ctx.Err() == context.DeadlineExceeded {
			return WorkCount{}, fmt.Errorf("regress: callgrind on %s: no result in %v", w.Key(), WorkDeadline)
		}
		// %w: a child that exits 2 refused its input (a rank count the
		// kernel cannot use), which the caller reports as such.
		return WorkCount{}, fmt.Errorf("regress: callgrind on %s: %w: %s", w.Key(), err, lastLine(stderr.String()))
	}
	// One profile per thread; only the places' threads have counts.
	files, _ := filepath.Glob(out + "-*")
	if len(files) == 0 {
		return WorkCount{}, fmt.Errorf("regress: callgrind wrote no profile for %s", w.Key())
	}
	ev := map[string]uint64{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return WorkCount{}, fmt.Errorf("regress: %w", err)
		}
		te, err := parseCallgrindTotals(bytes.NewReader(data))
		if err != nil {
			return WorkCount{}, fmt.Errorf("regress: %s: %s: %w", w.Key(), filepath.Base(name), err)
		}
		for k, v := range te {
			ev[k] += v
		}
	}
	w.Instructions = ev["Ir"]
	w.D1Misses, w.LLMisses = ev["D1mr"]+ev["D1mw"], ev["DLmr"]+ev["DLmw"]
	if w.Instructions == 0 {
		return WorkCount{}, fmt.Errorf("regress: %s: no instructions collected (does the kernel driver still run the timed region in places.Group.Counted?)", w.Key())
	}
	return w, nil
}

// lastLine is the child's last line of stderr, passing over valgrind's
// own ("==pid== …").
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "==") {
			return l
		}
	}
	return ""
}

// parseCallgrindTotals reads the "events:" and "summary:" (or "totals:")
// lines of a callgrind profile.
func parseCallgrindTotals(r io.Reader) (map[string]uint64, error) {
	var names, vals []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "events:"):
			names = strings.Fields(strings.TrimPrefix(l, "events:"))
		case strings.HasPrefix(l, "summary:"):
			vals = strings.Fields(strings.TrimPrefix(l, "summary:"))
		case strings.HasPrefix(l, "totals:") && vals == nil:
			vals = strings.Fields(strings.TrimPrefix(l, "totals:"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(names) == 0 || len(vals) == 0 {
		return nil, errors.New("callgrind profile without events or totals")
	}
	ev := make(map[string]uint64, len(names))
	for i, n := range names {
		if i >= len(vals) {
			break
		}
		v, err := strconv.ParseUint(vals[i], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("callgrind total %s = %q: %v", n, vals[i], err)
		}
		ev[n] = v
	}
	return ev, nil
}

// WorkVerdict compares one count with the baseline.
type WorkVerdict struct {
	Key        string
	Base, Now  uint64 // instructions
	Change     float64
	Regression bool
	Missing    bool // not in the baseline
}

// CompareWork flags every kernel whose instruction count grew by more
// than threshold (0.02 = 2%) over the baseline. A kernel missing from the
// baseline is reported and does not fail.
func CompareWork(base *WorkBaseline, now []WorkCount, threshold float64) []WorkVerdict {
	old := map[string]WorkCount{}
	for _, c := range base.Counts {
		old[c.Key()] = c
	}
	vs := make([]WorkVerdict, 0, len(now))
	for _, c := range now {
		v := WorkVerdict{Key: c.Key(), Now: c.Instructions}
		b, ok := old[c.Key()]
		if !ok {
			v.Missing = true
		} else {
			v.Base = b.Instructions
			v.Change = float64(c.Instructions)/float64(b.Instructions) - 1
			v.Regression = v.Change > threshold
		}
		vs = append(vs, v)
	}
	return vs
}

// LoadWork reads a work baseline.
func LoadWork(path string) (*WorkBaseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("regress: work baseline %s does not exist (make one with 'npb work -update -baseline %s')", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("regress: %w", err)
	}
	var b WorkBaseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("regress: work baseline %s is not valid: %v", path, err)
	}
	if b.Format != WorkFormat || len(b.Counts) == 0 {
		return nil, fmt.Errorf("regress: work baseline %s: format %d with %d counts, want format %d with counts", path, b.Format, len(b.Counts), WorkFormat)
	}
	return &b, nil
}

// Save writes the work baseline atomically.
func (b *WorkBaseline) Save(path string) error {
	data, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		return fmt.Errorf("regress: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("regress: %w", err)
	}
	return harness.WriteFileAtomic(path, append(data, '\n'))
}

// NewWorkBaseline stamps counts with this build and the time.
func NewWorkBaseline(counts []WorkCount, cacheSim bool, commit string) *WorkBaseline {
	gv, build := BuildID()
	return &WorkBaseline{Format: WorkFormat, Date: time.Now().UTC().Format(time.RFC3339), Commit: commit,
		GoVersion: gv, Build: build, CacheSim: cacheSim, Counts: counts}
}
