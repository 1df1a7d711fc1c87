package cfd

import (
	"unsafe"

	"npbgo/runtime/places"
	"npbgo/runtime/shm"
)

// Cell is the five components of one grid point: density, the three
// momenta, energy (Fortran m = 1..5 at index m-1).
type Cell = [5]float64

// Grid is an nx×ny×nz grid stored as SP and BT store it: i and j padded to
// the odd extents Ni = Nx|1 and Nj = Ny|1 (the reference's 0:IMAXP), k not
// padded. Point (i, j, k) is P(i, j, k) = i + Ni*(j + Nj*k).
type Grid struct {
	Nx, Ny, Nz int // grid_points
	Ni, Nj     int // padded extents of i and j
	Plane      int // Ni*Nj, the stride of k
}

// NewGrid lays out an nx×ny×nz grid.
func NewGrid(nx, ny, nz int) Grid {
	g := Grid{Nx: nx, Ny: ny, Nz: nz, Ni: nx | 1, Nj: ny | 1}
	g.Plane = g.Ni * g.Nj
	return g
}

// P is the index of point (i, j, k).
func (g *Grid) P(i, j, k int) int { return i + g.Ni*(j+g.Nj*k) }

// Points is the number of stored points, padding included.
func (g *Grid) Points() int { return g.Plane * g.Nz }

// Cells views a float64 slice as cells (its length rounded down to a
// multiple of five).
func Cells(v []float64) []Cell {
	if len(v) < 5 {
		return nil
	}
	return unsafe.Slice((*Cell)(unsafe.Pointer(&v[0])), len(v)/5)
}

// Flat views cells as their float64 components, 5p..5p+4 for point p.
func Flat(c []Cell) []float64 {
	if len(c) == 0 {
		return nil
	}
	return unsafe.Slice(&c[0][0], 5*len(c))
}

// ADI is the state SP and BT share: the solution U, the right-hand side
// RHS, the forcing term, and the point values compute_rhs derives from U
// (RhoI = 1/ρ, the velocities US, VS, WS, Square = ½ρ|v|², QS = Square/ρ,
// and SP's sound speed Speed, nil for BT). All are indexed by Grid.P.
type ADI struct {
	Constants
	Grid
	U, RHS, Forcing              []Cell
	RhoI, US, VS, WS, QS, Square []float64
	Speed                        []float64
	planeSums                    []float64 // norm partial sums, planeStride per k-plane
}

// planeStride pads a plane's five partial sums to a cache line.
const planeStride = 8

// NewADI allocates the fields of an nx×ny×nz problem with time step dt on
// g, each first touched by the places that will compute on it. speed says
// whether to keep SP's Speed field.
func NewADI(g *places.Group, nx, ny, nz int, dt float64, speed bool) *ADI {
	a := &ADI{Constants: NewConstants(nx, ny, nz, dt), Grid: NewGrid(nx, ny, nz)}
	n := a.Points()
	// Huge pages: the η and ζ sweeps touch one point per row or plane of
	// every field, far more 4 KiB pages than the TLB holds.
	cells := func() []Cell {
		v := shm.Float64s(5 * n)
		shm.AdviseHugePages(v)
		shm.FirstTouch(g, v)
		return Cells(v)
	}
	scalar := func() []float64 {
		v := shm.Float64s(n)
		shm.AdviseHugePages(v)
		shm.FirstTouch(g, v)
		return v
	}
	a.U, a.RHS, a.Forcing = cells(), cells(), cells()
	a.RhoI, a.US, a.VS, a.WS, a.QS, a.Square = scalar(), scalar(), scalar(), scalar(), scalar(), scalar()
	if speed {
		a.Speed = scalar()
	}
	a.planeSums = make([]float64, planeStride*nz)
	return a
}

// Memory is the bytes NewADI allocates for an nx×ny×nz grid: 3 cell fields
// and 6 scalar fields (7 with speed).
func Memory(nx, ny, nz int, speed bool) int64 {
	g := NewGrid(nx, ny, nz)
	f := int64(3*5 + 6)
	if speed {
		f++
	}
	return 8 * f * int64(g.Points())
}

// XLines is this place's share of the interior ξ lines (j, k), numbered
// L = (k-1)*(Ny-2) + (j-1): the partition of compute_rhs and x_solve.
func (a *ADI) XLines(p *places.Place) (lo, hi int) {
	return p.Block(0, (a.Ny-2)*(a.Nz-2))
}

// XLine is the (j, k) of ξ line L.
func (a *ADI) XLine(L int) (j, k int) {
	return 1 + L%(a.Ny-2), 1 + L/(a.Ny-2)
}

// YLines is this place's share of the interior η lines (i, k), numbered
// (k-1)*(Nx-2) + (i-1) (y_solve's collapsed k, i loop).
func (a *ADI) YLines(p *places.Place) (lo, hi int) {
	return p.Block(0, (a.Nx-2)*(a.Nz-2))
}

// YLine is the (i, k) of η line L.
func (a *ADI) YLine(L int) (i, k int) {
	return 1 + L%(a.Nx-2), 1 + L/(a.Nx-2)
}

// ZLines is this place's share of the interior ζ lines (i, j), numbered
// (j-1)*(Nx-2) + (i-1) (z_solve's collapsed j, i loop).
func (a *ADI) ZLines(p *places.Place) (lo, hi int) {
	return p.Block(0, (a.Nx-2)*(a.Ny-2))
}

// ZLine is the (i, j) of ζ line L.
func (a *ADI) ZLine(L int) (i, j int) {
	return 1 + L%(a.Nx-2), 1 + L/(a.Nx-2)
}

// Rows is this place's share of all ξ rows (j, k), boundaries included,
// numbered k*Ny + j: the partition of the point-wise loops.
func (a *ADI) Rows(p *places.Place) (lo, hi int) {
	return p.Block(0, a.Ny*a.Nz)
}
