package cfd

import (
	"fmt"
	"math"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// Printer prints progress lines (npb.Config is one).
type Printer interface {
	Printf(format string, args ...any)
}

// Params are the class parameters and reference values of SP or BT, as
// reference.json holds them (setparams.c and verify.f).
type Params struct {
	Class      npb.Class
	Nx, Ny, Nz int
	Niter      int
	Dt         float64
	Ref        Reference
}

// Reference is what verify.f compares with: the reference time step, the
// residual norms xcrref, the error norms xceref, and epsilon.
type Reference struct {
	Dt       float64
	Xcr, Xce [5]float64
	Epsilon  float64
}

// ClassParams reads the parameters and reference values of kernel ("SP"
// or "BT") at class c.
func ClassParams(kernel string, c npb.Class) (Params, error) {
	type value struct{ Value float64 }
	var ref struct {
		Params struct {
			NX, NY, NZ int
			Niter      int
			Dt         float64
		}
		Verification struct {
			Dtref  value
			Xcrref [5]value
			Xceref [5]value
		}
	}
	if err := npb.Reference(kernel, c, &ref); err != nil {
		return Params{}, fmt.Errorf("cfd: %w", err)
	}
	eps, err := npb.ReferenceEpsilon(kernel)
	if err != nil {
		return Params{}, fmt.Errorf("cfd: %w", err)
	}
	p := Params{Class: c, Nx: ref.Params.NX, Ny: ref.Params.NY, Nz: ref.Params.NZ,
		Niter: ref.Params.Niter, Dt: ref.Params.Dt}
	p.Ref.Dt, p.Ref.Epsilon = ref.Verification.Dtref.Value, eps
	for m := range 5 {
		p.Ref.Xcr[m] = ref.Verification.Xcrref[m].Value
		p.Ref.Xce[m] = ref.Verification.Xceref[m].Value
	}
	if min(p.Nx, p.Ny, p.Nz) < MinPoints || p.Niter <= 0 || !(p.Dt > 0) || p.Ref.Xcr[0] == 0 {
		return Params{}, fmt.Errorf("cfd: %s class %s: unsupported parameters %+v", kernel, c, ref.Params)
	}
	return p, nil
}

// MinPoints is the smallest grid extent the shared routines handle: below
// it the reference's special forms at the two ends of a line overlap.
const MinPoints = 6

// VerifyNorms computes what verify.f compares: xce = error_norm of U, then
// after a fresh compute_rhs xcr = rhs_norm / dt. Collective.
func (a *ADI) VerifyNorms(p *places.Place) (xcr, xce [5]float64) {
	xce = a.ErrorNorm(p)
	a.ComputeRHS(p)
	xcr = a.RHSNorm(p)
	for m := range 5 {
		xcr[m] = xcr[m] / a.Dt
	}
	return xcr, xce
}

// PrintVerify prints what SP's and BT's verify.f print for the norms xcr
// and xce of a run with time step dt, and returns the checks (dt, xcr1..5,
// xce1..5). A nil ref is the reference's unknown class: the norms are
// printed and nothing is checked.
func PrintVerify(out Printer, class npb.Class, ref *Reference, dt float64, xcr, xce [5]float64) []npb.Check {
	e := func(x float64) string { return npb.FortranE(x, 20, 13) }
	var checks []npb.Check
	known := ref != nil
	if known {
		out.Printf(" Verification being performed for class %s\n", class)
		out.Printf(" accuracy setting for epsilon = %s\n", e(ref.Epsilon))
		d := math.Abs(dt - ref.Dt)
		ok := d <= ref.Epsilon
		checks = append(checks, npb.Check{Name: "dt", Value: dt, Reference: ref.Dt, RelErr: d, Epsilon: ref.Epsilon, OK: ok})
		if !ok {
			known = false
			out.Printf(" DT does not match the reference value of %s\n", npb.FortranE(ref.Dt, 15, 8))
		}
	} else {
		out.Printf(" Unknown class\n")
	}
	rows := func(title, name string, x, xref *[5]float64) {
		if !known {
			out.Printf(" RMS-norms of %s\n", title)
			for m := range 5 {
				out.Printf("          %2d%s\n", m+1, e(x[m]))
			}
			return
		}
		out.Printf(" Comparison of RMS-norms of %s\n", title)
		for m := range 5 {
			c := npb.RelCheck(fmt.Sprintf("%s%d", name, m+1), x[m], xref[m], ref.Epsilon)
			checks = append(checks, c)
			lead := "          "
			if !c.OK {
				lead = " FAILURE: "
			}
			out.Printf("%s%2d%s%s%s\n", lead, m+1, e(x[m]), e(xref[m]), e(c.RelErr))
		}
	}
	var xr, xe *[5]float64
	if ref != nil {
		xr, xe = &ref.Xcr, &ref.Xce
	}
	rows("residual", "xcr", &xcr, xr)
	rows("solution error", "xce", &xce, xe)
	switch {
	case !known:
		out.Printf(" No reference values provided\n")
		out.Printf(" No verification performed\n")
	case allOK(checks):
		out.Printf(" Verification Successful\n")
	default:
		out.Printf(" Verification failed\n")
	}
	return checks
}

func allOK(cs []npb.Check) bool {
	for _, c := range cs {
		if !c.OK {
			return false
		}
	}
	return len(cs) > 0
}

// Mops is the operation rate of SP's and BT's formula, 1e-6·niter·(a·N −
// b·g² + c·g − d)/t with N = nx·ny·nz and g = (nx+ny+nz)/3. The
// coefficients are the reference's single-precision literals: SP a =
// 881.174, b = 4683.91, c = 11484.5, d = 19272.4; BT 3478.8, 17655.7,
// 28023.7, 0.
func Mops(a, b, c, d float32, nx, ny, nz, niter int, t float64) float64 {
	if t == 0 {
		return 0
	}
	n3 := float64(nx) * float64(ny) * float64(nz)
	g := float64(nx+ny+nz) / 3.0
	return 1.0e-6 * float64(niter) * (float64(a)*n3 - float64(b)*(g*g) + float64(c)*g - float64(d)) / t
}
