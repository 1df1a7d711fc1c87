package bt

import (
	"fmt"
	"testing"

	"npbgo/npb"
	"npbgo/npb/cfd"
	"npbgo/npb/cfd/cfdtest"
	"npbgo/npb/internal/npbtest"
)

// newMultiRun is a BT-MPI run on any grid, set up on np ranks.
func newMultiRun(t testing.TB, np, nx, ny, nz, niter int, dt float64) *cfd.MultiRun {
	return cfdtest.Setup(t, &cfd.MultiRun{Name: "bt-mpi", Prm: cfd.Params{Class: 'U', Nx: nx, Ny: ny, Nz: nz, Niter: niter, Dt: dt},
		Count: count, NewSolver: newCellSolver}, np)
}

// TestMPIOracle runs bt.f's sequence in the message-passing form and with
// the serial transliteration with NPB3.4-MPI's Jacobians, and compares U
// and RHS bit for bit: passing the elimination from cell to cell changes
// no value.
func TestMPIOracle(t *testing.T) {
	const steps, dt = 3, 0.01
	for _, gr := range []struct{ nx, ny, nz int }{{12, 12, 12}, {12, 11, 10}} {
		r := refRun(gr.nx, gr.ny, gr.nz, steps, dt, true)
		for _, np := range []int{1, 4, 5, 9} {
			t.Run(fmt.Sprintf("%dx%dx%d/ranks=%d", gr.nx, gr.ny, gr.nz, np), func(t *testing.T) {
				run := newMultiRun(t, np, gr.nx, gr.ny, gr.nz, steps, dt)
				run.Timed()
				cfdtest.SameAsWhole(t, run, r)
			})
		}
	}
}

// TestMPIVerify runs BT-MPI at S and W on every rank count of
// cfdtest.RankCounts.
func TestMPIVerify(t *testing.T) { cfdtest.Verify(t, RunMPI, "BT-MPI") }

// fortranMPI are the norms NPB3.4-MPI's bt.S.x prints, built without FMA
// contraction (gfortran -O3 -march=native -mno-fma -ffp-contract=off, Open
// MPI 4.1.4), on 1, 4 and 9 processes alike: xcr(1..5), then xce(1..5).
var fortranMPI = [10]string{
	"0.1703428370954E+00", "0.1297525207005E-01", "0.3252792698950E-01", "0.2643642127515E-01", "0.1921178413174E+00",
	"0.4997691334580E-03", "0.4519566678297E-04", "0.7397376517295E-04", "0.7382123863238E-04", "0.8926963098749E-03"}

// TestMPIFortran compares the printed norms at class S with NPB3.4-MPI's
// at the same rank count, digit for digit (the relative errors NPB prints
// beside them can differ in their last digits at 9 ranks: Open MPI's
// reduction adds the ranks' sums in another order).
func TestMPIFortran(t *testing.T) { cfdtest.Fortran(t, RunMPI, fortranMPI) }

func TestMPITooManyRanks(t *testing.T) { cfdtest.TooManyRanks(t, RunMPI) }

func TestMPITimedAllocs(t *testing.T) {
	cfdtest.TimedAllocs(t, func(np int) *cfd.MultiRun { return newMultiRun(t, np, 12, 12, 12, 3, 0.01) })
}

// TestMPIBytes checks the bytes each rank sends in a time step against
// cfd.StepBytes, and logs them for a few classes and rank counts.
func TestMPIBytes(t *testing.T) {
	cfdtest.StepBytes(t, func(np int) *cfd.MultiRun { return newMultiRun(t, np, 12, 11, 10, 2, 0.01) })
}

func BenchmarkBTMPI(b *testing.B) { npbtest.BenchmarkKernel(b, RunMPI, npb.ClassS, npb.ClassW) }
