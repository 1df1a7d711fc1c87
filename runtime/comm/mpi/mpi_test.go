//go:build mpi

package mpi

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"npbgo/runtime/comm"
	"npbgo/runtime/comm/commtest"
)

// The test runs twice: `go test -tags mpi` starts it without mpirun, and
// it starts itself again under mpirun on 1, 2, 3 and 4 ranks; as a rank of
// such a job it runs the conformance test on MPI_COMM_WORLD.

func TestMain(m *testing.M) {
	if !Launched() {
		os.Exit(m.Run())
	}
	if _, err := Init(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if code != 0 {
		// A failed rank must not leave the others waiting.
		world().Abort(code)
	}
	Finalize()
	os.Exit(code)
}

func world() *Comm { return newComm(worldComm()) }

func TestConformance(t *testing.T) {
	if Launched() {
		commtest.SetSameClock(false)
		if err := commtest.Conformance(world()); err != nil {
			t.Fatal(err)
		}
		return
	}
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		t.Skip("no mpirun")
	}
	for _, np := range []int{1, 2, 3, 4} {
		t.Run(fmt.Sprintf("ranks=%d", np), func(t *testing.T) {
			args := append(Flags(), "-np", fmt.Sprint(np), os.Args[0], "-test.run=^TestConformance$")
			out, err := exec.Command(mpirun, args...).CombinedOutput()
			if err != nil {
				t.Fatalf("mpirun %v: %v\n%s", args, err, out)
			}
		})
	}
}

// TestAbort checks that a rank that fails ends the job instead of leaving
// the others waiting: rank 1 aborts while rank 0 waits for a message.
func TestAbort(t *testing.T) {
	if Launched() {
		if os.Getenv("NPB_MPI_TEST_ABORT") == "" {
			return
		}
		w := world()
		if w.Rank() == 1 {
			w.Abort(7)
		}
		buf := make([]float64, 1)
		w.Recv(1, comm.Float64s(buf))
		return
	}
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		t.Skip("no mpirun")
	}
	args := append(Flags(), "-np", "2", "-x", "NPB_MPI_TEST_ABORT=1", os.Args[0], "-test.run=^TestAbort$")
	cmd := exec.Command(mpirun, args...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the job of an aborting rank succeeded:\n%s", out)
	}
	if cmd.ProcessState.ExitCode() != 7 {
		t.Errorf("exit code %d, want 7\n%s", cmd.ProcessState.ExitCode(), out)
	}
}

// TestMicrobench times the transport under mpirun when NPB_MPI_BENCH
// holds the job's mpirun arguments, for example
//
//	NPB_MPI_BENCH="-np 2 --mca btl tcp,self" go test -tags mpi -run Microbench -v ./runtime/comm/mpi
//
// and prints commtest.Microbench's table. Time it alone on the machine.
func TestMicrobench(t *testing.T) {
	job := os.Getenv("NPB_MPI_BENCH")
	if job == "" {
		t.Skip("set NPB_MPI_BENCH to the mpirun arguments, e.g. \"-np 2\"")
	}
	if Launched() {
		commtest.Microbench(world(), os.Stdout, 7)
		return
	}
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		t.Skip("no mpirun")
	}
	args := append(Flags(), strings.Fields(job)...)
	args = append(args, "-x", "NPB_MPI_BENCH", os.Args[0], "-test.run=^TestMicrobench$")
	out, err := exec.Command(mpirun, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("mpirun %v: %v\n%s", args, err, out)
	}
	t.Logf("mpirun %s\n%s", strings.Join(args, " "), out)
}
