package mg

import (
	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Kernel is MG for the kernel driver and the registry.
var Kernel = npb.Kernel{Name: "mg", New: newRun, MaxClass: npb.ClassF, Memory: Memory, Pin: topo.Compact}

func init() { npb.Register(Kernel) }

// Run does one MG benchmark run (Kernel.Run) as mg.f's main program does:
// setup, zran3, one untimed V-cycle and re-initialisation, the timed nit
// V-cycles, and verification of the final rnm2.
func Run(cfg npb.Config) (*npb.Result, error) { return Kernel.Run(cfg) }

// run is one MG run for the kernel driver.
type run struct {
	prm params
	g   *places.Group
	*mg
}

func newRun(c npb.Class) (npb.Problem, npb.Benchmark, error) {
	prm, err := classParams(c)
	if err != nil {
		return npb.Problem{}, nil, err
	}
	return npb.Problem{Size: []int{prm.nx, prm.ny, prm.nz}, Iterations: prm.nit,
		Traffic: Traffic(prm.nx, prm.lt, prm.nit)}, &run{prm: prm}, nil
}

// Setup allocates the grids, sets up v and does the untimed V-cycle.
func (r *run) Setup(g *places.Group, _ npb.Printer) error {
	r.g = g
	r.mg = newMG(r.prm, g)
	g.Run(r.initBody)
	return nil
}

// Timed is mg.f's timed region.
func (r *run) Timed() { r.g.Run(r.benchBody) }

// Mops is mg.f's operation rate.
func (r *run) Mops(t float64) float64 { return mops(r.prm, t) }

// Verify prints what mg.f prints after its timer stops and checks rnm2.
func (r *run) Verify(out npb.Printer) []npb.Check { return verify(out, r.prm, r.rnm2) }

// mops is mg.f's operation rate for a timed region of t seconds: 58 flops
// per point and iteration.
func mops(p params, t float64) float64 {
	nn := float64(p.nx) * float64(p.ny) * float64(p.nz)
	return 58 * float64(p.nit) * nn * 1e-6 / t
}

// verify prints the iteration lines mg.f prints inside its timed loop,
// then checks rnm2 against the class's reference value.
func verify(out npb.Printer, p params, rnm2 float64) []npb.Check {
	for it := 1; it <= p.nit; it++ {
		if it == 1 || it == p.nit || it%5 == 0 {
			out.Printf("  iter %3d\n", it)
		}
	}
	out.Printf("\n Benchmark completed \n")
	chk := npb.RelCheck("rnm2", rnm2, p.verify, p.epsilon)
	if chk.OK {
		out.Printf(" VERIFICATION SUCCESSFUL \n")
		out.Printf(" L2 Norm is %s\n", npb.FortranE(rnm2, 20, 13))
		out.Printf(" Error is   %s\n", npb.FortranE(chk.RelErr, 20, 13))
	} else {
		out.Printf(" VERIFICATION FAILED\n")
		out.Printf(" L2 Norm is             %s\n", npb.FortranE(rnm2, 20, 13))
		out.Printf(" The correct L2 Norm is %s\n", npb.FortranE(p.verify, 20, 13))
	}
	return []npb.Check{chk}
}
