package main

import (
	"bytes"
	"strings"
	"testing"
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
		{[]string{"run", "ft-mpi", "-class", "S", "-places", "2"}, 0, " Total processes =                        2\n"},
		{[]string{"run", "ft-mpi", "-class", "S", "-places", "6"}, 2, "power of two"},
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
	save := mpiBuild
	mpiBuild = true
	defer func() { mpiBuild = save }()
	k, p := "all", "auto"
	// "all" is every kernel with a message-passing form, in NPB order,
	// by the names npb run takes under mpirun.
	if err := mpiSweep(&k, &p, ""); err != nil || !strings.HasPrefix(k, "is,ft,cg") || strings.Contains(k, "-mpi") || p != "1,2,4" {
		t.Errorf("all/auto: %q %q %v", k, p, err)
	}
	k, p = "cg", "S,1,2"
	if err := mpiSweep(&k, &p, ""); err == nil {
		t.Error("a serial point in an MPI sweep was accepted")
	}
	k, p = "cg", "auto"
	if err := mpiSweep(&k, &p, "2,8"); err != nil || p != "2,8" {
		t.Errorf("-np: %q %v", p, err)
	}
}
