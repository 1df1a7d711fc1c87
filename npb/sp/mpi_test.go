package sp

import (
	"fmt"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/npb/cfd/cfdtest"
	"npbgo/npb/internal/npbtest"
)

// newMultiRun is an SP-MPI run on any grid, set up on np ranks.
func newMultiRun(t testing.TB, np, nx, ny, nz, niter int, dt float64) *cfd.MultiRun {
	return cfdtest.Setup(t, &cfd.MultiRun{Name: "sp-mpi", Prm: cfd.Params{Class: 'U', Nx: nx, Ny: ny, Nz: nz, Niter: niter, Dt: dt},
		Speed: true, Count: count, NewSolver: newCellSolver}, np)
}

// TestMPIOracle runs sp.f's sequence (exact_rhs, initialize, one step,
// initialize, steps) in the message-passing form and with the serial
// transliteration in NPB3.4-MPI's arithmetic, and compares U and RHS bit
// for bit: passing the elimination from cell to cell changes no value.
func TestMPIOracle(t *testing.T) {
	for _, gr := range []struct{ nx, ny, nz int }{{12, 12, 12}, {12, 11, 10}} {
		const steps = 3
		r := refRun(gr.nx, gr.ny, gr.nz, steps, 0.015, true)
		for _, np := range []int{1, 4, 5, 9} {
			t.Run(fmt.Sprintf("%dx%dx%d/ranks=%d", gr.nx, gr.ny, gr.nz, np), func(t *testing.T) {
				run := newMultiRun(t, np, gr.nx, gr.ny, gr.nz, steps, 0.015)
				run.Timed()
				cfdtest.SameAsWhole(t, run, r.a)
			})
		}
	}
}

// TestMPIVerify runs SP-MPI at S and W on every rank count of
// cfdtest.RankCounts.
func TestMPIVerify(t *testing.T) { cfdtest.Verify(t, RunMPI, "SP-MPI") }

// fortranMPI are the norms NPB3.4-MPI's sp.S.x prints, built without FMA
// contraction (gfortran -O3 -march=native -mno-fma -ffp-contract=off, Open
// MPI 4.1.4), on 1, 4 and 9 processes alike: xcr(1..5), then xce(1..5).
var fortranMPI = [10]string{
	"0.2747031545139E-01", "0.1036074670529E-01", "0.1623574506508E-01", "0.1584055722446E-01", "0.3484904060942E-01",
	"0.2728925855743E-04", "0.1036444664084E-04", "0.1615479828714E-04", "0.1575070499448E-04", "0.3417766618345E-04"}

// TestMPIFortran compares the printed norms at class S with NPB3.4-MPI's
// at the same rank count, digit for digit (the relative errors NPB prints
// beside them can differ in their last digits at 4 and 9 ranks: Open MPI's
// reduction adds the ranks' sums in another order).
func TestMPIFortran(t *testing.T) { cfdtest.Fortran(t, RunMPI, fortranMPI) }

func TestMPITooManyRanks(t *testing.T) { cfdtest.TooManyRanks(t, RunMPI) }

func TestMPITimedAllocs(t *testing.T) {
	cfdtest.TimedAllocs(t, func(np int) *cfd.MultiRun { return newMultiRun(t, np, 12, 12, 12, 3, 0.015) })
}

// TestMPIBytes checks the bytes each rank sends in a time step against
// cfd.StepBytes, and logs them for a few classes and rank counts.
func TestMPIBytes(t *testing.T) {
	cfdtest.StepBytes(t, func(np int) *cfd.MultiRun { return newMultiRun(t, np, 12, 11, 10, 2, 0.015) })
}

func BenchmarkSPMPI(b *testing.B) { npbtest.BenchmarkKernel(b, RunMPI, npb.ClassS, npb.ClassW) }
