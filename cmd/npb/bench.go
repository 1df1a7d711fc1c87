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

	"npbgo/harness"
	"npbgo/runtime/places"
)

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
	var r harness.BenchRequest
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&r.Class, "class", "S", "problem class: S W A B C")
	fs.StringVar(&r.Kernels, "kernels", "all", "comma-separated kernels, or all")
	fs.StringVar(&r.Places, "places", "auto", "comma-separated place counts with S for serial, or auto (S,1,2,4,… up to the CPUs)")
	fs.IntVar(&r.Reps, "reps", 3, "repetitions of every (kernel, places) point, interleaved")
	fs.StringVar(&r.Pin, "pin", "", "placement passed to every run: compact, spread or none (default: each kernel's)")
	out := fs.String("out", "results", "directory under which the sweep's own directory is made")
	fs.StringVar(&r.FortranBin, "fortran-bin", "", "directory of NPB reference binaries (cg.A.x …) to run in the same sweep with OMP_NUM_THREADS = places (with -mpi: NPB-MPI binaries on as many ranks)")
	fs.DurationVar(&r.Timeout, "timeout", 0, "limit for one run, e.g. 10m (0: none)")
	resume := fs.String("resume", "", "finish the sweep in this directory: make only the runs its raw.csv lacks, then write every table and plot again")
	fs.BoolVar(&r.MPI, "mpi", false, "sweep rank counts through mpirun (mpi build): places are ranks, kernels their message-passing forms, -fortran-bin NPB-MPI binaries")
	fs.StringVar(&r.MPIRun, "mpirun", harness.DefaultMPIRun(), "with -mpi: the launcher and its flags")
	fs.StringVar(&r.NP, "np", "", "with -mpi: rank counts, as -places (1,2,4)")
	if err := parseNoArgs(fs, args, stdout, " (kernels go in -kernels)"); err != nil {
		return err
	}
	if r.MPI && !mpiBuild {
		return usagef("-mpi needs the mpi build of npb: make build MPI=1")
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
	plan, err := r.Plan(stderr)
	if err != nil {
		return badInput(err)
	}
	self, err := npbExecutable()
	if err != nil {
		return fmt.Errorf("cannot find the npb executable to run: %w", err)
	}
	env := harness.CollectEnv()
	env.FortranBin, env.Args, env.Flags = r.FortranBin, append([]string{"npb", "bench"}, args...), map[string]string{}
	fs.VisitAll(func(f *flag.Flag) { env.Flags[f.Name] = f.Value.String() })
	s, err := harness.NewSweep(*out, plan, env)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(stderr, "npb bench: class %s, kernels %s, places %s, %d reps: %d runs into %s\n",
		plan.Class, strings.Join(plan.Kernels, ","), places.FormatCounts(plan.Places), plan.Reps, s.Total, s.Dir)
	if note := harness.PlacesNote(int(slices.Max(plan.Places))); note != "" {
		fmt.Fprintf(stderr, "npb bench: note: %s\n", note)
	}
	return execute(ctx, s, r.Runner(self), stdout, stderr)
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
	self, err := npbExecutable()
	if err != nil {
		return fmt.Errorf("cannot find the npb executable to run: %w", err)
	}
	runner, err := s.Runner(self)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "npb bench: resuming %s: %d of %d runs kept, %d to make\n", s.Dir, len(s.Runs), s.Total, s.Missing())
	if err := harness.CheckConcurrency(s.Plan.Places); err != nil && s.Missing() > 0 {
		return usageError{err.Error()}
	}
	if note := harness.PlacesNote(int(slices.Max(s.Plan.Places))); note != "" && s.Missing() > 0 {
		fmt.Fprintf(stderr, "npb bench: note: %s\n", note)
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
	s.Probe = harness.ProbeChild(self)
	s.Model = harness.KernelModel(s.Env)
	prog := harness.NewProgress(stderr, isTerminal(stderr))
	if err := s.Execute(ctx, runner, prog); err != nil {
		return err
	}
	if err := s.PrintTables(stdout); err != nil {
		return err
	}
	failed := s.Failed()
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

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && harness.IsTerminal(f)
}
