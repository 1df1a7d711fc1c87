package cfd

import (
	"unsafe"

	"npbgo/runtime/places"
	"npbgo/runtime/shm"
)

// Cell is the five components of one grid point: density, the three
// momenta, energy (Fortran m = 1..5 at index m-1).
type Cell = [5]float64

// Grid is the storage of an nx×ny×nz grid, or of a box of it, as SP and
// BT store theirs: i and j padded to odd extents Ni and Nj (the
// reference's 0:IMAXP), k not padded. Points are named by their global
// coordinates: point (i, j, k) is at P(i, j, k) = base + i + Ni*(j +
// Nj*k). The box is the points [Lo[d], Hi[d]) along each axis d, plus
// Halo layers around it; for the shared-memory forms it is the whole grid
// (NewGrid: Lo = 0, Hi = N, no halo, base = 0), for the message-passing
// forms one cell of the multi-partition (NewBox).
type Grid struct {
	Nx, Ny, Nz int // grid_points: the whole grid
	Ni, Nj     int // padded storage extents of i and j
	Plane      int // Ni*Nj, the stride of k
	Lo, Hi     [3]int
	Halo       int
	base       int       // storage index of the point (0, 0, 0), which a box need not hold
	inner      [3][2]int // Inner and Near of each axis
	near       [3][2]int
}

// NewGrid lays out a whole nx×ny×nz grid.
func NewGrid(nx, ny, nz int) Grid {
	return NewBox(nx, ny, nz, [3]int{}, [3]int{nx, ny, nz}, 0)
}

// NewBox lays out the box [lo, hi) of an nx×ny×nz grid with halo layers
// of ghost points around it.
func NewBox(nx, ny, nz int, lo, hi [3]int, halo int) Grid {
	g := Grid{Nx: nx, Ny: ny, Nz: nz, Lo: lo, Hi: hi, Halo: halo,
		Ni: (hi[0] - lo[0] + 2*halo) | 1, Nj: (hi[1] - lo[1] + 2*halo) | 1}
	g.Plane = g.Ni * g.Nj
	g.base = -(lo[0] - halo + g.Ni*(lo[1]-halo+g.Nj*(lo[2]-halo)))
	for d, n := range [3]int{nx, ny, nz} {
		g.inner[d] = [2]int{max(lo[d], 1), min(hi[d], n-1)}
		g.near[d] = [2]int{max(lo[d]-1, 0), min(hi[d]+1, n)}
	}
	return g
}

// P is the storage index of point (i, j, k).
func (g *Grid) P(i, j, k int) int { return g.base + i + g.Ni*(j+g.Nj*k) }

// Points is the number of stored points, padding and halo included.
func (g *Grid) Points() int { return g.Plane * (g.Hi[2] - g.Lo[2] + 2*g.Halo) }

// N is the grid's extent along axis d (0 i, 1 j, 2 k).
func (g *Grid) N(d int) int { return [3]int{g.Nx, g.Ny, g.Nz}[d] }

// Inner is the box's share of the grid's interior along axis d: the points
// that compute_rhs, the solvers' interior rows and add update.
func (g *Grid) Inner(d int) (lo, hi int) { return g.inner[d][0], g.inner[d][1] }

// Near is the box widened by one point along axis d where the grid goes
// on: where compute_rhs needs the point values around the box (the
// reference's -1:cell_size).
func (g *Grid) Near(d int) (lo, hi int) { return g.near[d][0], g.near[d][1] }

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
	a.alloc(speed, func(v []float64) { shm.FirstTouch(g, v) })
	a.planeSums = make([]float64, planeStride*nz)
	return a
}

// CellHalo is the ghost layers around a cell (NewCell): compute_rhs reads
// U two points beyond a cell's own and the point values one point beyond,
// and the line solves of the multi-partition may keep rows their
// neighbours pass them in RHS's halo.
const CellHalo = 2

// NewCell allocates the fields of the box [lo, hi) of an nx×ny×nz problem
// with time step dt, with CellHalo ghost layers: one cell of the
// multi-partition, computed on (and first touched) by one rank alone.
// speed says whether to keep SP's Speed field.
func NewCell(nx, ny, nz int, dt float64, speed bool, lo, hi [3]int) *ADI {
	a := &ADI{Constants: NewConstants(nx, ny, nz, dt), Grid: NewBox(nx, ny, nz, lo, hi, CellHalo)}
	a.alloc(speed, func([]float64) {})
	return a
}

// alloc allocates the fields, touching each with touch.
func (a *ADI) alloc(speed bool, touch func([]float64)) {
	n := a.Points()
	// Huge pages: the η and ζ sweeps touch one point per row or plane of
	// every field, far more 4 KiB pages than the TLB holds.
	field := func(n int) []float64 {
		v := shm.Float64s(n)
		shm.AdviseHugePages(v)
		touch(v)
		return v
	}
	a.U, a.RHS, a.Forcing = Cells(field(5*n)), Cells(field(5*n)), Cells(field(5*n))
	a.RhoI, a.US, a.VS, a.WS = field(n), field(n), field(n), field(n)
	a.QS, a.Square = field(n), field(n)
	if speed {
		a.Speed = field(n)
	}
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
