package harness

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// BenchRequest is `npb bench` as its flags give it; Plan checks it and
// makes the sweep's plan.
type BenchRequest struct {
	Class      string
	Kernels    string // npb.Select's list, one class
	Places     string // ParsePlaces's list, or auto
	Reps       int
	Pin        string // empty: each kernel's own
	FortranBin string // NPB reference binaries measured beside Go
	Timeout    time.Duration
	// MPI sweeps rank counts through mpirun: NP (or Places) are rank
	// counts without the serial point, and "all" kernels are those with a
	// message-passing form (as their shared-memory names: npb run picks
	// the form under mpirun).
	MPI bool
	NP  string
	// MPIRun is the launcher of an MPI sweep and its flags
	// (DefaultMPIRun).
	MPIRun string
}

// Plan checks the request and makes its plan. Notes (-places auto cut
// short, a kernel without a Fortran binary) go to notes. Every error it
// returns is bad input.
func (r BenchRequest) Plan(notes io.Writer) (Plan, error) {
	if err := r.ForMPI(); err != nil {
		return Plan{}, err
	}
	c, err := npb.ParseClass(r.Class)
	if err != nil {
		return Plan{}, err
	}
	cs, err := npb.Select(r.Kernels, c)
	if err != nil {
		return Plan{}, err
	}
	kernels, err := npb.OneClass(cs, c)
	if err != nil {
		return Plan{}, err
	}
	conc, limit := Concurrency()
	ps, err := ParsePlaces(r.Places, conc)
	if err != nil {
		return Plan{}, err
	}
	if err := CheckConcurrency(ps); err != nil {
		return Plan{}, err
	}
	if limit != "" && strings.EqualFold(strings.TrimSpace(r.Places), "auto") {
		fmt.Fprintf(notes, "npb bench: note: -places auto stops at %d: %s\n", conc, limit)
	}
	switch {
	case r.Reps < 1:
		return Plan{}, fmt.Errorf("bad -reps %d: want at least 1", r.Reps)
	case r.Timeout < 0:
		return Plan{}, fmt.Errorf("bad -timeout %v: want a positive duration or 0", r.Timeout)
	}
	if r.Pin != "" {
		if _, err := topo.ParsePolicy(r.Pin); err != nil {
			return Plan{}, err
		}
	}
	plan := Plan{Class: c, Kernels: kernels, Places: ps, Reps: r.Reps, Pin: r.Pin}
	if r.FortranBin != "" {
		if fi, err := os.Stat(r.FortranBin); err != nil || !fi.IsDir() {
			return Plan{}, fmt.Errorf("bad -fortran-bin %q: not a directory", r.FortranBin)
		}
		for _, k := range kernels {
			exe := FortranExe(r.FortranBin, k, c)
			if fi, err := os.Stat(exe); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				plan.Fortran = append(plan.Fortran, k)
			} else {
				fmt.Fprintf(notes, "npb bench: no Fortran binary %s: %s measured in Go only\n", exe, k)
			}
		}
	}
	return plan, nil
}

// ForMPI adapts the request of an MPI sweep, as Plan does first; it
// refuses -np without -mpi.
func (r *BenchRequest) ForMPI() error {
	if !r.MPI {
		if r.NP != "" {
			return errors.New("-np is for -mpi sweeps; use -places")
		}
		return nil
	}
	if r.NP != "" {
		r.Places = r.NP
	}
	if strings.EqualFold(strings.TrimSpace(r.Places), "auto") {
		r.Places = "1,2,4"
	}
	if ps, err := places.ParseCounts(r.Places); err == nil && slices.Contains(ps, places.Serial) {
		return fmt.Errorf("an MPI sweep has no serial point: give rank counts like 1,2,4, not %q", r.Places)
	}
	if strings.EqualFold(strings.TrimSpace(r.Kernels), "all") {
		var ks []string
		for _, k := range npb.RankKernels() {
			ks = append(ks, strings.TrimSuffix(k, "-mpi"))
		}
		r.Kernels = strings.Join(ks, ",")
	}
	return nil
}

// DefaultMPIRun is the launcher of `npb bench -mpi`: mpirun on one
// machine, with more ranks than cores allowed and, as root, allowed.
func DefaultMPIRun() string {
	s := "mpirun --oversubscribe"
	if os.Geteuid() == 0 {
		s += " --allow-run-as-root"
	}
	return s
}

// Runner is the runner of the request's sweep: exe, through the MPI
// launcher for an MPI sweep.
func (r BenchRequest) Runner(exe string) *ProcRunner {
	p := &ProcRunner{Exe: exe, FortranBin: r.FortranBin, Timeout: r.Timeout}
	if r.MPI {
		p.MPIRun = strings.Fields(r.MPIRun)
	}
	return p
}

// Runner is the runner that goes on with a resumed sweep as it was
// started (env.json's flags): exe with its timeout, its Fortran binaries,
// through mpirun for an MPI sweep.
func (s *Sweep) Runner(exe string) (*ProcRunner, error) {
	var timeout time.Duration
	if v := s.Env.Flags["timeout"]; v != "" {
		var err error
		if timeout, err = time.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("%s: bad timeout %q in env.json", s.Dir, npb.Clip(v))
		}
	}
	if bin := s.Env.FortranBin; len(s.Plan.Fortran) > 0 {
		if fi, err := os.Stat(bin); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("%s: the sweep's Fortran binaries %s are gone", s.Dir, bin)
		}
	}
	r := &ProcRunner{Exe: exe, FortranBin: s.Env.FortranBin, Timeout: timeout}
	if s.Env.Flags["mpi"] == "true" { // an MPI sweep goes on through mpirun
		r.MPIRun = strings.Fields(s.Env.Flags["mpirun"])
	}
	return r, nil
}

// Failed is how many of the sweep's runs did not verify or failed.
func (s *Sweep) Failed() int {
	n := 0
	for _, r := range s.Runs {
		if !r.OK() {
			n++
		}
	}
	return n
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
