package mg

import (
	"npbgo/npb"
)

// Run does one MG benchmark run as mg.f's main program does: setup, zran3,
// one untimed V-cycle and re-initialisation, the timed nit V-cycles, and
// verification of the final rnm2.
func Run(cfg npb.Config) (*npb.Result, error) {
	prm, err := classParams(cfg.Class)
	if err != nil {
		return nil, err
	}
	var tinit, tbench npb.Timer
	tinit.Start()
	g, err := cfg.NewGroup()
	if err != nil {
		return nil, err
	}
	defer g.Close()
	m := newMG(prm, cfg, g)

	cfg.Printf("\n\n NAS Parallel Benchmarks (npbgo, NPB 3.4) - MG Benchmark\n\n")
	cfg.Printf(" Size: %4dx%4dx%4d  (class %s)\n", prm.nx, prm.ny, prm.nz, prm.class)
	cfg.Printf(" Iterations:                  %5d\n", prm.nit)
	if cfg.Places > 0 {
		cfg.Printf(" Number of available threads: %5d\n", cfg.Places)
	}
	cfg.Printf("\n")

	g.Run(m.initBody)
	tinit.Stop()
	cfg.Printf(" Initialization time: %15.3f seconds\n\n", tinit.Seconds())

	tbench.Start()
	g.Run(m.benchBody)
	tbench.Stop()
	t := tbench.Seconds()

	cfg.Printf("\n Benchmark completed \n")
	chk := npb.RelCheck("rnm2", m.rnm2, prm.verify, prm.epsilon)
	if chk.OK {
		cfg.Printf(" VERIFICATION SUCCESSFUL \n")
		cfg.Printf(" L2 Norm is %s\n", npb.FortranE(m.rnm2, 20, 13))
		cfg.Printf(" Error is   %s\n", npb.FortranE(chk.RelErr, 20, 13))
	} else {
		cfg.Printf(" VERIFICATION FAILED\n")
		cfg.Printf(" L2 Norm is             %s\n", npb.FortranE(m.rnm2, 20, 13))
		cfg.Printf(" The correct L2 Norm is %s\n", npb.FortranE(prm.verify, 20, 13))
	}

	nn := float64(prm.nx) * float64(prm.ny) * float64(prm.nz)
	var mops float64
	if t != 0 {
		mops = 58 * float64(prm.nit) * nn * 1e-6 / t
	}
	r := &npb.Result{
		Kernel:     "MG",
		Class:      prm.class,
		Size:       []int{prm.nx, prm.ny, prm.nz},
		Iterations: prm.nit,
		Places:     cfg.Places,
		Seconds:    t,
		Mops:       mops,
		OpType:     "floating point",
	}
	r.Verify(chk)
	return r, nil
}
