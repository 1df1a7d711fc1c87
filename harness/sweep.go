package harness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"npbgo/npb"
)

// Plan is what a sweep measures.
type Plan struct {
	Class   string
	Kernels []string // lower case, in the order to run them
	Places  []int    // 0 = serial point "S"
	Reps    int
	Pin     string // passed to `npb run -pin`; empty = each kernel's default
	// Fortran lists the kernels also measured with an NPB reference
	// binary, at every place count but S (an OpenMP build has no serial
	// mode), as OMP_NUM_THREADS.
	Fortran []string
}

// AutoPlaces is the place list "auto": the serial point, then 1, 2, 4, …
// up to ncpu, and ncpu itself when it is not a power of two.
func AutoPlaces(ncpu int) []int {
	ps := []int{0}
	for n := 1; n <= ncpu; n *= 2 {
		ps = append(ps, n)
	}
	if ncpu > 0 && ps[len(ps)-1] != ncpu {
		ps = append(ps, ncpu)
	}
	return ps
}

// ParsePlaces reads a place list: "auto" or a comma-separated list of S
// and positive counts, e.g. "S,1,2,4". The result is sorted, S first, with
// no repeats.
func ParsePlaces(s string, ncpu int) ([]int, error) {
	if strings.EqualFold(strings.TrimSpace(s), "auto") {
		return AutoPlaces(ncpu), nil
	}
	var ps []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if strings.EqualFold(f, "S") || strings.EqualFold(f, "serial") {
			ps = append(ps, 0)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad place count %q in %q: want auto, or a list of S and positive integers like S,1,2,4", npb.Clip(f), npb.Clip(s))
		}
		if err := CheckPlaces(n); err != nil {
			return nil, fmt.Errorf("bad place count %d in %q: %w", n, npb.Clip(s), err)
		}
		ps = append(ps, n)
	}
	slices.Sort(ps)
	return slices.Compact(ps), nil
}

// Jobs lists the runs of the plan in the order they are made: repetition
// 1 of every (kernel, places) point, then repetition 2, and so on, so slow
// drift of the machine (heat, other load) touches every point alike. A
// Fortran run follows the Go run of the same point.
func (p Plan) Jobs() []Job {
	var jobs []Job
	for rep := 1; rep <= p.Reps; rep++ {
		for _, k := range p.Kernels {
			for _, np := range p.Places {
				jobs = append(jobs, Job{Impl: ImplGo, Kernel: k, Class: p.Class, Places: np, Rep: rep, Pin: p.Pin})
				if np > 0 && slices.Contains(p.Fortran, k) {
					jobs = append(jobs, Job{Impl: ImplFortran, Kernel: k, Class: p.Class, Places: np, Rep: rep, Pin: p.Pin})
				}
			}
		}
	}
	return jobs
}

// ErrEmptySweep is a plan with nothing to run.
var ErrEmptySweep = errors.New("harness: empty sweep: no kernel, no place count or no repetition to run")

// Sweep is one sweep and its directory.
type Sweep struct {
	Dir         string
	Plan        Plan
	Env         *Env
	Runs        []Run // in the order they finished
	Total       int   // runs planned
	Interrupted bool
	// Probe, if set, measures the machine's ceiling (Scaling) before the
	// first run and after the last.
	Probe ScalingProbe
	// Model, if set, gives each kernel's work by its models, for the
	// tables and the roofline against the probe's ceiling.
	Model WorkModel

	reopened bool     // by OpenSweep
	lock     *os.File // the directory's lock, held until Close
}

// DirName is the name of a sweep directory: date and time, host, class,
// e.g. 2026-11-22T1530-myhost-A.
func DirName(t time.Time, host, class string) string {
	h := strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, strings.SplitN(host, ".", 2)[0])
	if h == "" {
		h = "host"
	}
	return fmt.Sprintf("%s-%s-%s", t.Format("2006-01-02T1504"), h, class)
}

// NewSweep checks the plan and creates a fresh sweep directory under
// parent (a second sweep in the same minute gets a -2 suffix). The Sweep
// holds the directory's lock until Close, so that no npb bench -resume
// makes its runs meanwhile.
func NewSweep(parent string, plan Plan, env *Env) (*Sweep, error) {
	if len(plan.Jobs()) == 0 {
		return nil, ErrEmptySweep
	}
	if env == nil {
		env = &Env{}
	}
	if env.Started.IsZero() {
		env.Started = time.Now()
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("harness: cannot create results directory %s: %w", parent, unwrapPath(err))
	}
	base := filepath.Join(parent, DirName(env.Started, env.Host, plan.Class))
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || i > 99 {
			return nil, fmt.Errorf("harness: cannot create sweep directory %s: %w", dir, unwrapPath(err))
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	for _, sub := range []string{"logs", filepath.Join("logs", "fortran")} {
		if sub != "logs" && len(plan.Fortran) == 0 {
			continue
		}
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			lock.Close()
			return nil, fmt.Errorf("harness: cannot create %s: %w", filepath.Join(dir, sub), unwrapPath(err))
		}
	}
	s := &Sweep{Dir: dir, Plan: plan, Env: env, Total: len(plan.Jobs()), lock: lock}
	// env.json first: even a sweep that dies at once says where it ran.
	if err := s.writeEnv(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Execute makes the runs of the plan in order, all but those the sweep
// already has (one reopened by OpenSweep). Each finished run's log is
// saved and raw.csv rewritten at once, so a killed harness loses at most
// the run in flight. When ctx ends (Ctrl-C) it stops launching, abandons
// the run in flight (the runner kills it), sets Interrupted and still
// writes every table and plot for the runs that finished. It returns an
// error only when the results cannot be written.
func (s *Sweep) Execute(ctx context.Context, r Runner, prog *Progress) error {
	jobs := s.Plan.Jobs()
	have := map[string]bool{}
	for _, run := range s.Runs {
		have[jobKey(run.Job)] = true
	}
	var todo []Job
	var seqs []int
	for i, j := range jobs {
		if !have[jobKey(j)] {
			todo, seqs = append(todo, j), append(seqs, i+1)
		}
	}
	if s.reopened {
		s.resumed(time.Now())
		s.Interrupted = false
	}
	if !s.probed("before") {
		s.probe("before")
	}
	if prog != nil {
		prog.Begin(todo)
	}
	for i, j := range todo {
		if ctx.Err() != nil {
			s.Interrupted = true
			break
		}
		if prog != nil {
			prog.Start(j, i+1)
		}
		run, err := r.Run(ctx, j)
		if err != nil {
			if ctx.Err() != nil {
				s.Interrupted = true
				break
			}
			return err
		}
		run.Job, run.Seq = j, seqs[i]
		if err := WriteFileAtomic(filepath.Join(s.Dir, j.LogPath()), run.Log); err != nil {
			return err
		}
		s.Runs = append(s.Runs, run)
		if err := s.writeRaw(); err != nil {
			return err
		}
		if prog != nil {
			prog.Done(run)
		}
	}
	if prog != nil {
		prog.End()
	}
	if !s.Interrupted {
		s.probe("after")
	}
	s.Env.Finished = time.Now()
	s.Env.Interrupted = s.Interrupted
	return s.WriteOutputs()
}
