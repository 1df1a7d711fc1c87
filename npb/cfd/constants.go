package cfd

import "math"

// Constants are the flow and discretisation constants of set_constants
// (SP and BT; BT ignores Bt), for one grid and time step. The names are
// the reference's, capitalised.
type Constants struct {
	Dt float64

	C1, C2, C3, C4, C5, Bt     float64
	Dnxm1, Dnym1, Dnzm1        float64
	C1c2, C1c5, C3c4, C1345    float64
	Conz1                      float64
	Tx1, Tx2, Tx3              float64
	Ty1, Ty2, Ty3              float64
	Tz1, Tz2, Tz3              float64
	Dx1, Dx2, Dx3, Dx4, Dx5    float64
	Dy1, Dy2, Dy3, Dy4, Dy5    float64
	Dz1, Dz2, Dz3, Dz4, Dz5    float64
	Dxmax, Dymax, Dzmax        float64
	Dssp, C4dssp, C5dssp       float64
	Dttx1, Dttx2, Dtty1, Dtty2 float64
	Dttz1, Dttz2               float64
	C2dttx1, C2dtty1, C2dttz1  float64
	Dtdssp                     float64
	Comz1, Comz4, Comz5, Comz6 float64
	C3c4tx3, C3c4ty3, C3c4tz3  float64
	Dx1tx1, Dx2tx1, Dx3tx1     float64
	Dx4tx1, Dx5tx1             float64
	Dy1ty1, Dy2ty1, Dy3ty1     float64
	Dy4ty1, Dy5ty1             float64
	Dz1tz1, Dz2tz1, Dz3tz1     float64
	Dz4tz1, Dz5tz1             float64
	C2iv, Con43, Con16         float64
	Xxcon1, Xxcon2, Xxcon3     float64
	Xxcon4, Xxcon5             float64
	Yycon1, Yycon2, Yycon3     float64
	Yycon4, Yycon5             float64
	Zzcon1, Zzcon2, Zzcon3     float64
	Zzcon4, Zzcon5             float64
}

// dmax1 is Fortran's dmax1 for two arguments, compared in its order.
func dmax1(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

// NewConstants computes the constants for an nx×ny×nz grid and time step
// dt (set_constants), in the reference's order of operations.
func NewConstants(nx, ny, nz int, dt float64) Constants {
	c := &Constants{Dt: dt}
	c.C1, c.C2, c.C3, c.C4, c.C5 = 1.4, 0.4, 0.1, 1.0, 1.4
	c.Bt = math.Sqrt(0.5)

	c.Dnxm1 = 1.0 / float64(nx-1)
	c.Dnym1 = 1.0 / float64(ny-1)
	c.Dnzm1 = 1.0 / float64(nz-1)

	c.C1c2 = c.C1 * c.C2
	c.C1c5 = c.C1 * c.C5
	c.C3c4 = c.C3 * c.C4
	c.C1345 = c.C1c5 * c.C3c4
	c.Conz1 = 1.0 - c.C1c5

	c.Tx1 = 1.0 / (c.Dnxm1 * c.Dnxm1)
	c.Tx2 = 1.0 / (2.0 * c.Dnxm1)
	c.Tx3 = 1.0 / c.Dnxm1
	c.Ty1 = 1.0 / (c.Dnym1 * c.Dnym1)
	c.Ty2 = 1.0 / (2.0 * c.Dnym1)
	c.Ty3 = 1.0 / c.Dnym1
	c.Tz1 = 1.0 / (c.Dnzm1 * c.Dnzm1)
	c.Tz2 = 1.0 / (2.0 * c.Dnzm1)
	c.Tz3 = 1.0 / c.Dnzm1

	c.Dx1, c.Dx2, c.Dx3, c.Dx4, c.Dx5 = 0.75, 0.75, 0.75, 0.75, 0.75
	c.Dy1, c.Dy2, c.Dy3, c.Dy4, c.Dy5 = 0.75, 0.75, 0.75, 0.75, 0.75
	c.Dz1, c.Dz2, c.Dz3, c.Dz4, c.Dz5 = 1.0, 1.0, 1.0, 1.0, 1.0

	c.Dxmax = dmax1(c.Dx3, c.Dx4)
	c.Dymax = dmax1(c.Dy2, c.Dy4)
	c.Dzmax = dmax1(c.Dz2, c.Dz3)
	c.Dssp = 0.25 * dmax1(c.Dx1, dmax1(c.Dy1, c.Dz1))
	c.C4dssp = 4.0 * c.Dssp
	c.C5dssp = 5.0 * c.Dssp

	c.Dttx1 = dt * c.Tx1
	c.Dttx2 = dt * c.Tx2
	c.Dtty1 = dt * c.Ty1
	c.Dtty2 = dt * c.Ty2
	c.Dttz1 = dt * c.Tz1
	c.Dttz2 = dt * c.Tz2
	c.C2dttx1 = 2.0 * c.Dttx1
	c.C2dtty1 = 2.0 * c.Dtty1
	c.C2dttz1 = 2.0 * c.Dttz1

	c.Dtdssp = dt * c.Dssp
	c.Comz1 = c.Dtdssp
	c.Comz4 = 4.0 * c.Dtdssp
	c.Comz5 = 5.0 * c.Dtdssp
	c.Comz6 = 6.0 * c.Dtdssp

	c.C3c4tx3 = c.C3c4 * c.Tx3
	c.C3c4ty3 = c.C3c4 * c.Ty3
	c.C3c4tz3 = c.C3c4 * c.Tz3

	c.Dx1tx1 = c.Dx1 * c.Tx1
	c.Dx2tx1 = c.Dx2 * c.Tx1
	c.Dx3tx1 = c.Dx3 * c.Tx1
	c.Dx4tx1 = c.Dx4 * c.Tx1
	c.Dx5tx1 = c.Dx5 * c.Tx1
	c.Dy1ty1 = c.Dy1 * c.Ty1
	c.Dy2ty1 = c.Dy2 * c.Ty1
	c.Dy3ty1 = c.Dy3 * c.Ty1
	c.Dy4ty1 = c.Dy4 * c.Ty1
	c.Dy5ty1 = c.Dy5 * c.Ty1
	c.Dz1tz1 = c.Dz1 * c.Tz1
	c.Dz2tz1 = c.Dz2 * c.Tz1
	c.Dz3tz1 = c.Dz3 * c.Tz1
	c.Dz4tz1 = c.Dz4 * c.Tz1
	c.Dz5tz1 = c.Dz5 * c.Tz1

	c.C2iv = 2.5
	c.Con43 = 4.0 / 3.0
	c.Con16 = 1.0 / 6.0

	c.Xxcon1 = c.C3c4tx3 * c.Con43 * c.Tx3
	c.Xxcon2 = c.C3c4tx3 * c.Tx3
	c.Xxcon3 = c.C3c4tx3 * c.Conz1 * c.Tx3
	c.Xxcon4 = c.C3c4tx3 * c.Con16 * c.Tx3
	c.Xxcon5 = c.C3c4tx3 * c.C1c5 * c.Tx3
	c.Yycon1 = c.C3c4ty3 * c.Con43 * c.Ty3
	c.Yycon2 = c.C3c4ty3 * c.Ty3
	c.Yycon3 = c.C3c4ty3 * c.Conz1 * c.Ty3
	c.Yycon4 = c.C3c4ty3 * c.Con16 * c.Ty3
	c.Yycon5 = c.C3c4ty3 * c.C1c5 * c.Ty3
	c.Zzcon1 = c.C3c4tz3 * c.Con43 * c.Tz3
	c.Zzcon2 = c.C3c4tz3 * c.Tz3
	c.Zzcon3 = c.C3c4tz3 * c.Conz1 * c.Tz3
	c.Zzcon4 = c.C3c4tz3 * c.Con16 * c.Tz3
	c.Zzcon5 = c.C3c4tz3 * c.C1c5 * c.Tz3
	return *c
}
