package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"npbgo/npb"
	"npbgo/runtime/comm"
)

// joinJob joins the MPI job this process was started in, if any, and
// returns its communicator and the function that ends MPI. It is nil
// (no job) in the default build; the mpi build (mpi.go) sets it, and
// joins only when the process was started by mpirun.
var joinJob = func() (comm.Comm, func(), error) { return nil, nil, nil }

// mpiBuild says whether this binary has the MPI binding (set by mpi.go).
var mpiBuild = false

// asRank are the commands that may run as the ranks of an MPI job: run
// (in the mpi build; cmdRun refuses in the default one) and the ones that
// only print.
var asRank = []string{"run", "list", "topo"}

// underLauncher refuses a command started by mpirun that would do its
// whole work once per rank: a sweep, a probe, a check.
func underLauncher(name string) error {
	v := comm.Launcher()
	if v == "" || slices.Contains(asRank, name) {
		return nil
	}
	if name == "bench" {
		return usagef("started by mpirun (%s is set): run npb bench once, without mpirun; npb bench -mpi (mpi build) starts mpirun for each run itself", v)
	}
	return usagef("started by mpirun (%s is set): run npb %s once, without mpirun", v, name)
}

// runJob is `npb run` as one rank of an MPI job: the kernel's
// message-passing form (cg → cg-mpi) on the job's ranks, one place per
// rank; rank 0 prints the progress lines and the report. A rank that
// fails or panics ends the whole job with MPI_Abort, so no rank waits
// forever for it; a run that does not verify exits 1 on every rank.
func runJob(job comm.Comm, finalize func(), k npb.Kernel, c npb.Class, places string, asJSON bool, stdout, stderr io.Writer) (err error) {
	me := job.Rank()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "npb run: rank %d of %d: internal error: %v\n", me, job.Size(), r)
			job.Abort(3)
		}
	}()
	fail := func(code int, err error) error {
		fmt.Fprintf(stderr, "npb run: rank %d of %d: %v\n", me, job.Size(), strings.TrimPrefix(err.Error(), "npb: "))
		job.Abort(code)
		return err
	}
	if !k.Ranks {
		mk, err := npb.Lookup(k.Name + "-mpi")
		if err != nil {
			return fail(2, fmt.Errorf("%s has no message-passing form to run under mpirun (have %s)", k.Name, strings.Join(npb.RankKernels(), ", ")))
		}
		k = mk
	}
	if n, err := parsePlaces(places); err != nil || n > 1 {
		return fail(2, fmt.Errorf("under mpirun every process is one rank: leave out -places (or give 1 or S), not %q", places))
	}
	// Every rank checks its own share, and the ranks that share its
	// machine, before any allocates.
	if err := checkMemory(k, c, job.Size(), comm.LocalRanks()); err != nil {
		return fail(2, err)
	}
	report := reportTo(asJSON, stdout, stderr)
	var w *bufio.Writer
	cfg := npb.Config{Class: c, Ranks: job.Size(), MPI: comm.JobLibrary()}
	if me == 0 {
		w = bufio.NewWriter(report)
		defer w.Flush()
		cfg.Out = w
	}
	r, err := k.Run(cfg)
	if err != nil {
		if _, ok := runError(err).(usageError); ok {
			return fail(2, err)
		}
		return fail(1, err)
	}
	r.Pin = "mpirun"
	if me == 0 {
		w.Flush()
		if err := printResult(r, nil, asJSON, stdout, report); err != nil {
			return fail(1, err)
		}
	}
	finalize()
	if !r.Verified {
		return errFailed
	}
	return nil
}

// runError makes a rank count the kernel cannot run on a usage error
// (exit status 2), like any other bad input.
func runError(err error) error {
	var rc *comm.RankCountError
	if errors.As(err, &rc) {
		return usageError{rc.Error()}
	}
	return err
}
