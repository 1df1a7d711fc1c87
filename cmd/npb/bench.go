package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"npbgo/harness"
	"npbgo/npb"
	"npbgo/runtime/topo"
)

func init() {
	register(command{"bench", "sweep kernels × place counts, each run a fresh process; tables and plots under results/", "[-class C] [-kernels is,cg|all] [-places S,1,2,4|auto] [-reps N] [flags] | -resume RUNDIR", cmdBench})
}

// npbExecutable is the program each run is made with: this one. Tests
// point it at a wrapper around the test binary.
var npbExecutable = os.Executable

// exit ends the process with a status mainExit cannot express (130 after
// Ctrl-C, 143 after SIGTERM); tests replace it.
var exit = os.Exit

// errInterrupted is a sweep stopped by SIGINT or SIGTERM whose finished
// runs were written.
var errInterrupted = errors.New("interrupted")

func cmdBench(args []string, stdout, stderr io.Writer) error {
	return withSignals(func(ctx context.Context) error { return bench(ctx, args, stdout, stderr) })
}

// withSignals runs f with a context that SIGINT or SIGTERM ends; after the
// first signal a second one ends the process at once. If f then says it
// was interrupted, the process exits 128 + the signal's number, as a shell
// reports a process a signal ended: 130 for Ctrl-C, 143 for SIGTERM.
func withSignals(f func(ctx context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var got atomic.Int32
	go func() {
		select {
		case s := <-sigs:
			got.Store(int32(s.(syscall.Signal)))
			signal.Stop(sigs) // a second signal has its default effect
			cancel()
		case <-ctx.Done():
		}
	}()
	err := f(ctx)
	if errors.Is(err, errInterrupted) {
		code := 130
		if n := got.Load(); n != 0 {
			code = 128 + int(n)
		}
		exit(code)
	}
	return err
}

// bench is the command without the process-wide signal handling.
func bench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	class := fs.String("class", "S", "problem class: S W A B C")
	kernelsFlag := fs.String("kernels", "all", "comma-separated kernels, or all")
	placesFlag := fs.String("places", "auto", "comma-separated place counts with S for serial, or auto (S,1,2,4,… up to the CPUs)")
	reps := fs.Int("reps", 3, "repetitions of every (kernel, places) point, interleaved")
	pin := fs.String("pin", "", "placement passed to every run: compact, spread or none (default: each kernel's)")
	out := fs.String("out", "results", "directory under which the sweep's own directory is made")
	fortranBin := fs.String("fortran-bin", "", "directory of NPB reference binaries (cg.A.x …) to run in the same sweep with OMP_NUM_THREADS = places (with -mpi: NPB-MPI binaries on as many ranks)")
	timeout := fs.Duration("timeout", 0, "limit for one run, e.g. 10m (0: none)")
	resume := fs.String("resume", "", "finish the sweep in this directory: make only the runs its raw.csv lacks, then write every table and plot again")
	mpiFlag := fs.Bool("mpi", false, "sweep rank counts through mpirun (mpi build): places are ranks, kernels their message-passing forms, -fortran-bin NPB-MPI binaries")
	mpirun := fs.String("mpirun", defaultMPIRun(), "with -mpi: the launcher and its flags")
	npFlag := fs.String("np", "", "with -mpi: rank counts, as -places (1,2,4)")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if *mpiFlag {
		if err := mpiSweep(kernelsFlag, placesFlag, *npFlag); err != nil {
			return err
		}
	} else if *npFlag != "" {
		return usagef("-np is for -mpi sweeps; use -places")
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (kernels go in -kernels)", pos[0])
	}
	if *resume != "" {
		var set []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "resume" {
				set = append(set, "-"+f.Name)
			}
		})
		if len(set) > 0 {
			return usagef("-resume takes the plan from the sweep's env.json: drop %s", strings.Join(set, " "))
		}
		return resumeSweep(ctx, *resume, stdout, stderr)
	}
	c, err := npb.ParseClass(*class)
	if err != nil {
		return usageError{err.Error()}
	}
	kernels, err := benchKernels(*kernelsFlag, c)
	if err != nil {
		return err
	}
	conc, limit := harness.Concurrency()
	places, err := harness.ParsePlaces(*placesFlag, conc)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := harness.CheckConcurrency(places); err != nil {
		return usageError{err.Error()}
	}
	if limit != "" && strings.EqualFold(strings.TrimSpace(*placesFlag), "auto") {
		fmt.Fprintf(stderr, "npb bench: note: -places auto stops at %d: %s\n", conc, limit)
	}
	if *reps < 1 {
		return usagef("bad -reps %d: want at least 1", *reps)
	}
	if *timeout < 0 {
		return usagef("bad -timeout %v: want a positive duration or 0", *timeout)
	}
	if *pin != "" {
		if _, err := topo.ParsePolicy(*pin); err != nil {
			return usageError{err.Error()}
		}
	}
	plan := harness.Plan{Class: c.String(), Kernels: kernels, Places: places, Reps: *reps, Pin: *pin}
	if *fortranBin != "" {
		if fi, err := os.Stat(*fortranBin); err != nil || !fi.IsDir() {
			return usagef("bad -fortran-bin %q: not a directory", *fortranBin)
		}
		for _, k := range kernels {
			exe := harness.FortranExe(*fortranBin, k, plan.Class)
			if fi, err := os.Stat(exe); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				plan.Fortran = append(plan.Fortran, k)
			} else {
				fmt.Fprintf(stderr, "npb bench: no Fortran binary %s: %s measured in Go only\n", exe, k)
			}
		}
	}
	self, err := npbExecutable()
	if err != nil {
		return fmt.Errorf("cannot find the npb executable to run: %w", err)
	}

	env := harness.CollectEnv()
	env.Topology = topologySummary()
	env.FortranBin = *fortranBin
	env.Args = append([]string{"npb", "bench"}, args...)
	env.Flags = map[string]string{}
	fs.VisitAll(func(f *flag.Flag) { env.Flags[f.Name] = f.Value.String() })
	s, err := harness.NewSweep(*out, plan, env)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(stderr, "npb bench: class %s, kernels %s, places %s, %d reps: %d runs into %s\n",
		plan.Class, strings.Join(kernels, ","), placesList(places), plan.Reps, s.Total, s.Dir)
	if note := harness.PlacesNote(slices.Max(places)); note != "" {
		fmt.Fprintf(stderr, "npb bench: note: %s\n", note)
	}
	runner := &harness.ProcRunner{Exe: self, FortranBin: *fortranBin, Timeout: *timeout}
	if *mpiFlag {
		runner.MPIRun = strings.Fields(*mpirun)
	}
	return execute(ctx, s, runner, stdout, stderr)
}

// resumeSweep finishes the sweep in dir (npb bench -resume): the runs of
// its raw.csv that their logs confirm are kept, the rest of its plan is
// made with the flags it was started with.
func resumeSweep(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	s, notes, err := harness.ResumeSweep(dir)
	if errors.Is(err, harness.ErrSweepInUse) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	defer s.Close()
	for _, n := range notes {
		fmt.Fprintf(stderr, "npb bench: %s\n", n)
	}
	var timeout time.Duration
	if v := s.Env.Flags["timeout"]; v != "" {
		if timeout, err = time.ParseDuration(v); err != nil {
			return fmt.Errorf("%s: bad timeout %q in env.json", dir, npb.Clip(v))
		}
	}
	if bin := s.Env.FortranBin; len(s.Plan.Fortran) > 0 {
		if fi, err := os.Stat(bin); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s: the sweep's Fortran binaries %s are gone", dir, bin)
		}
	}
	self, err := npbExecutable()
	if err != nil {
		return fmt.Errorf("cannot find the npb executable to run: %w", err)
	}
	fmt.Fprintf(stderr, "npb bench: resuming %s: %d of %d runs kept, %d to make\n", s.Dir, len(s.Runs), s.Total, s.Missing())
	if err := harness.CheckConcurrency(s.Plan.Places); err != nil && s.Missing() > 0 {
		return usageError{err.Error()}
	}
	if note := harness.PlacesNote(slices.Max(s.Plan.Places)); note != "" && s.Missing() > 0 {
		fmt.Fprintf(stderr, "npb bench: note: %s\n", note)
	}
	runner := &harness.ProcRunner{Exe: self, FortranBin: s.Env.FortranBin, Timeout: timeout}
	if s.Env.Flags["mpi"] == "true" { // an MPI sweep goes on through mpirun
		runner.MPIRun = strings.Fields(s.Env.Flags["mpirun"])
	}
	return execute(ctx, s, runner, stdout, stderr)
}

// execute makes the sweep's runs with the machine probe around them,
// prints the tables and says how it went.
func execute(ctx context.Context, s *harness.Sweep, runner harness.Runner, stdout, stderr io.Writer) error {
	self, err := npbExecutable()
	if err != nil {
		return fmt.Errorf("cannot find the npb executable to run: %w", err)
	}
	s.Probe = probeChild(self)
	s.Model = workModel(s.Env)
	prog := harness.NewProgress(stderr, isTerminal(stderr))
	if err := s.Execute(ctx, runner, prog); err != nil {
		return err
	}
	if err := s.PrintTables(stdout); err != nil {
		return err
	}
	failed := 0
	for _, r := range s.Runs {
		if !r.OK() {
			failed++
		}
	}
	fmt.Fprintf(stderr, "npb bench: %d of %d runs done, %d did not verify or failed; results in %s\n",
		len(s.Runs), s.Total, failed, s.Dir)
	if s.Interrupted {
		fmt.Fprintf(stderr, "npb bench: interrupted: tables written for the %d finished runs; 'npb bench -resume %s' makes the rest\n", len(s.Runs), s.Dir)
		return errInterrupted
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// benchKernels reads -kernels: "all" is every registered kernel that has
// the class; a named kernel must exist and have it.
func benchKernels(list string, c npb.Class) ([]string, error) {
	if strings.EqualFold(strings.TrimSpace(list), "all") {
		ks := npb.WithClass(c)
		if len(ks) == 0 {
			return nil, usagef("empty sweep: no kernel has class %s (have %s)", c, strings.Join(npb.Names(), ", "))
		}
		return ks, nil
	}
	var ks []string
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			return nil, usagef("bad -kernels %q: empty name", list)
		}
		k, err := npb.Lookup(name)
		if err != nil {
			return nil, usageError{err.Error()}
		}
		if err := k.CheckClass(c); err != nil {
			return nil, usageError{err.Error()}
		}
		if !slices.Contains(ks, k.Name) {
			ks = append(ks, k.Name)
		}
	}
	return ks, nil
}

func placesList(ps []int) string {
	s := make([]string, len(ps))
	for i, n := range ps {
		s[i] = harness.PlacesLabel(n)
	}
	return strings.Join(s, ",")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && harness.IsTerminal(f)
}

// topologySummary is the part of the detected topology env.json keeps.
func topologySummary() any {
	t, err := topo.Detect()
	if err != nil {
		return map[string]string{"error": err.Error()}
	}
	return map[string]any{
		"model": t.ModelName, "sockets": t.Sockets, "cores_per_socket": t.Cores, "threads_per_core": t.Threads,
		"cpus": t.NumCPU(), "numa_nodes": len(t.Nodes), "cache": t.Cache, "features": t.Features,
		"simulated": t.Simulated, "source": t.Source, "allowed": t.Allowed,
	}
}
