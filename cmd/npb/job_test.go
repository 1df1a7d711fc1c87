package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"npbgo/harness"
	"npbgo/npb"
)

// TestRankKernels runs the in-process message-passing forms through the
// CLI and checks the NPB-MPI report lines and the exit status of a rank
// count they refuse.
func TestRankKernels(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"run", "is-mpi", "-class", "S", "-places", "2"}, 0, " Total processes =                        2\n"},
		{[]string{"run", "cg-mpi", "-class", "S", "-places", "S"}, 0, " Mop/s/process   = "},
		{[]string{"run", "cg-mpi", "-class", "S", "-places", "3"}, 2, "power of two"},
		{[]string{"run", "sp-mpi", "-class", "S", "-places", "2"}, 0, " Active procs    =                        1\n"},
		{[]string{"run", "bt-mpi", "-class", "S", "-places", "5"}, 0, " WARNING: Number of active processes:     4\n"},
		{[]string{"run", "sp-mpi", "-class", "S", "-places", "25"}, 2, "cells of at least 3 points"},
		{[]string{"run", "ft-mpi", "-class", "S", "-places", "2"}, 0, " Total processes =                        2\n"},
		{[]string{"run", "ft-mpi", "-class", "S", "-places", "6"}, 2, "ft-mpi: 6 processes: the number of processes must be a power of two"},
		{[]string{"run", "mg-mpi", "-class", "S", "-places", "4"}, 0, " Total processes =                        4\n"},
		{[]string{"run", "mg-mpi", "-class", "S", "-places", "6"}, 2, "mg-mpi: 6 processes: the number of processes must be a power of two"},
		{[]string{"bench", "-np", "1,2"}, 2, "-np is for -mpi"},
	} {
		var out, errb bytes.Buffer
		code := mainExit(tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.want) {
			t.Errorf("npb %s: exit %d, want %d and %q in\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.want, out.String(), errb.String())
		}
	}
}

func TestBenchMPINeedsMPIBuild(t *testing.T) {
	if mpiBuild {
		t.Skip("the mpi build")
	}
	var out, errb bytes.Buffer
	if code := mainExit([]string{"bench", "-mpi", "-class", "S"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "MPI=1") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

func TestMPISweepFlags(t *testing.T) {
	adapt := func(k, p, np string) (string, string, error) {
		r := harness.BenchRequest{MPI: true, Kernels: k, Places: p, NP: np}
		err := r.ForMPI()
		return r.Kernels, r.Places, err
	}
	k, p, err := adapt("all", "auto", "")
	if err != nil || p != "1,2,4" {
		t.Errorf("all/auto: %q %q %v", k, p, err)
	}
	// "all" is every kernel with a message-passing form, by its own name.
	for _, want := range []string{"is", "ft", "cg", "mg", "sp", "bt", "lu"} {
		if !slices.Contains(strings.Split(k, ","), want) {
			t.Errorf("all: %q lacks %s", k, want)
		}
	}
	for _, name := range strings.Split(k, ",") {
		if mk, err := npb.Lookup(name + "-mpi"); err != nil || !mk.Ranks {
			t.Errorf("all: %q has %s, which has no message-passing form", k, name)
		}
	}
	if _, _, err := adapt("cg", "S,1,2", ""); err == nil {
		t.Error("a serial point in an MPI sweep was accepted")
	}
	if _, p, err := adapt("cg", "auto", "2,8"); err != nil || p != "2,8" {
		t.Errorf("-np: %q %v", p, err)
	}
}

// TestUnderMPIRun: started by an MPI launcher (its variables in the
// environment), the default build refuses to run a kernel, which would
// otherwise give one independent shared-memory report per rank, and no
// build starts a sweep, a probe or a check on every rank.
func TestUnderMPIRun(t *testing.T) {
	for _, v := range []string{"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"} {
		t.Run(v, func(t *testing.T) {
			useHelper(t)
			t.Setenv(v, "2")
			tests := []struct {
				args []string
				want string
			}{
				{[]string{"bench", "-class", "S", "-kernels", "cg", "-out", t.TempDir()}, "npb bench: started by mpirun (" + v + " is set): run npb bench once, without mpirun"},
				{[]string{"probe"}, "npb probe: started by mpirun"},
				{[]string{"regress", "-baseline", "/nonexistent/baseline.json"}, "npb regress: started by mpirun"},
			}
			if !mpiBuild {
				tests = append(tests, struct {
					args []string
					want string
				}{[]string{"run", "cg", "-class", "S"}, "npb run: started by mpirun (" + v + " is set), but this npb has no MPI: every rank would run cg alone; build the MPI one with make build MPI=1"})
			}
			for _, tc := range tests {
				var out, errb bytes.Buffer
				code := mainExit(tc.args, &out, &errb)
				if code != 2 || !strings.Contains(errb.String(), tc.want) || strings.Count(errb.String(), "\n") != 1 || out.Len() > 0 {
					t.Errorf("npb %s: exit %d, want 2 and one line with %q:\n%s%s", strings.Join(tc.args, " "), code, tc.want, out.String(), errb.String())
				}
			}
			// Printing the kernels or the topology is harmless on every rank.
			var out, errb bytes.Buffer
			if code := mainExit([]string{"list"}, &out, &errb); code != 0 {
				t.Errorf("npb list: exit %d %s", code, errb.String())
			}
		})
	}
}
