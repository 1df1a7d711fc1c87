package cfd

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"npbgo/npb/internal/ranks"
	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// TestCellSpan checks that the cells of make_set.f (places.Block's split)
// tile an axis, none more than a point longer than another.
func TestCellSpan(t *testing.T) {
	for _, n := range []int{6, 10, 11, 12, 36, 64, 102, 162} {
		for q := 1; q <= n/MinCell; q++ {
			next := 0
			for c := range q {
				lo, hi := CellSpan(n, q, c)
				if lo != next || hi-lo < n/q || hi-lo > n/q+1 {
					t.Fatalf("n=%d q=%d: cell %d is [%d, %d), after %d", n, q, c, lo, hi, next)
				}
				next = hi
			}
			if next != n {
				t.Fatalf("n=%d q=%d: cells end at %d", n, q, next)
			}
		}
	}
}

func TestActiveRanks(t *testing.T) {
	for _, tc := range []struct{ n, q int }{{1, 1}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {8, 2}, {9, 3}, {15, 3}, {16, 4}, {1023, 31}, {1024, 32}} {
		if q := CellsPerAxis(tc.n); q != tc.q || ActiveRanks(tc.n) != q*q {
			t.Errorf("%d ranks: q = %d, want %d", tc.n, q, tc.q)
		}
	}
	if err := CheckRanks("sp-mpi", 16, 12, 12, 12); err != nil {
		t.Errorf("16 ranks at 12³: %v", err)
	}
	var rc *comm.RankCountError
	if err := CheckRanks("sp-mpi", 25, 12, 12, 12); !errors.As(err, &rc) {
		t.Errorf("25 ranks at 12³: err = %v, want a RankCountError", err)
	}
}

// multis sets up the multi-partition of a grid on np in-process ranks and
// calls f on each rank (in a region, so f may exchange messages).
func multis(t *testing.T, np int, nx, ny, nz int, f func(m *Multi)) {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := ranks.Setup("test", g, func(p *places.Place) error {
		m, err := NewMulti("test", ranks.World(p), nx, ny, nz, 0.01, false)
		if err != nil {
			return err
		}
		f(m)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestMultiGeometry checks make_set's placement: the cells of all ranks
// tile the grid, every rank has one cell in each slab along each axis,
// and the successor along an axis owns the next cell of each of a rank's
// cells.
func TestMultiGeometry(t *testing.T) {
	for _, np := range []int{1, 2, 4, 5, 9, 16} {
		t.Run(fmt.Sprint("ranks=", np), func(t *testing.T) {
			const nx, ny, nz = 12, 14, 13
			ms := make([]*Multi, np)
			multis(t, np, nx, ny, nz, func(m *Multi) { ms[m.World.Rank()] = m })
			q := CellsPerAxis(np)
			owner := map[[3]int]int{}
			points := 0
			for r, m := range ms {
				if m.Active != (r < q*q) {
					t.Fatalf("rank %d active = %v", r, m.Active)
				}
				if !m.Active {
					continue
				}
				for c, x := range m.Coord {
					if _, dup := owner[x]; dup {
						t.Fatalf("cell %v twice", x)
					}
					owner[x] = r
					a := m.Cells[c]
					points += (a.Hi[0] - a.Lo[0]) * (a.Hi[1] - a.Lo[1]) * (a.Hi[2] - a.Lo[2])
					for d := range 3 {
						if m.Slice[d][x[d]] != c {
							t.Errorf("rank %d: slice[%d][%d] = %d, want %d", r, d, x[d], m.Slice[d][x[d]], c)
						}
					}
				}
			}
			if points != nx*ny*nz || len(owner) != q*q*q {
				t.Fatalf("%d cells of %d points, want %d of %d", len(owner), points, q*q*q, nx*ny*nz)
			}
			for r, m := range ms[:q*q] {
				for _, x := range m.Coord {
					for d := range 3 {
						next := x
						next[d] = (x[d] + 1) % q
						if owner[next] != m.succ[d] || ms[m.succ[d]].pred[d] != r {
							t.Errorf("rank %d, cell %v: next along %d is rank %d's, successor %d", r, x, d, owner[next], m.succ[d])
						}
					}
				}
			}
		})
	}
}

// TestCopyFaces fills every cell's own points with a function of their
// global coordinates and checks that copy_faces fills each halo point
// that has a neighbour with the same function.
func TestCopyFaces(t *testing.T) {
	val := func(i, j, k, m int) float64 { return float64(1 + i + 100*j + 10000*k + 1000000*m) }
	for _, np := range []int{1, 4, 9} {
		t.Run(fmt.Sprint("ranks=", np), func(t *testing.T) {
			const nx, ny, nz = 12, 11, 13
			multis(t, np, nx, ny, nz, func(m *Multi) {
				if !m.Active {
					return
				}
				for _, a := range m.Cells {
					for k := a.Lo[2]; k < a.Hi[2]; k++ {
						for j := a.Lo[1]; j < a.Hi[1]; j++ {
							for i := a.Lo[0]; i < a.Hi[0]; i++ {
								for c := range 5 {
									a.U[a.P(i, j, k)][c] = val(i, j, k, c)
								}
							}
						}
					}
				}
				m.CopyFaces()
				for _, a := range m.Cells {
					for d := range 3 {
						for _, side := range []int{-1, 1} {
							t0 := a.Lo[d] - 2
							if side > 0 {
								t0 = a.Hi[d]
							}
							if t0 < 0 || t0+2 > a.N(d) {
								continue // the grid's boundary
							}
							lo, hi := a.Lo, a.Hi
							lo[d], hi[d] = t0, t0+2
							for k := lo[2]; k < hi[2]; k++ {
								for j := lo[1]; j < hi[1]; j++ {
									for i := lo[0]; i < hi[0]; i++ {
										if got, want := a.U[a.P(i, j, k)][4], val(i, j, k, 4); got != want {
											t.Errorf("rank %d: halo (%d,%d,%d) = %v, want %v", m.World.Rank(), i, j, k, got, want)
											return
										}
									}
								}
							}
						}
					}
				}
			})
		})
	}
}

// TestBoxes cuts grids into the cells of the multi-partition and checks
// that initialize, exact_rhs, compute_rhs (with the halo filled from the
// whole grid) and add on each cell give bit for bit the whole grid's
// values at the cell's points, and that the cells' error and residual sums
// add up to the whole grid's norms.
func TestBoxes(t *testing.T) {
	for _, gr := range grids {
		for _, q := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%dx%dx%d/q=%d", gr.nx, gr.ny, gr.nz, q), func(t *testing.T) {
				testBoxes(t, gr.nx, gr.ny, gr.nz, q)
			})
		}
	}
}

func testBoxes(t *testing.T, nx, ny, nz, q int) {
	g, err := places.New(0, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	whole := NewADI(g, nx, ny, nz, dtS, true)
	g.Run(func(p *places.Place) {
		whole.ExactRHS(p)
		whole.Initialize(p)
	})
	init := append([]Cell(nil), whole.U...)
	r := newRef(nx, ny, nz, dtS)
	perturb(whole, r)
	var xce [5]float64
	g.Run(func(p *places.Place) {
		e := whole.ErrorNorm(p)
		whole.ComputeRHS(p)
		if p.ID() == 0 {
			xce = e
		}
	})
	n := [3]int{nx, ny, nz}
	var sums [5]float64
	for x := range q {
		for y := range q {
			for z := range q {
				var lo, hi [3]int
				for d, c := range [3]int{x, y, z} {
					lo[d], hi[d] = CellSpan(n[d], q, c)
				}
				a := NewCell(nx, ny, nz, dtS, true, lo, hi)
				a.InitializeBox()
				a.ExactRHSBox()
				same := func(name string, got, want []Cell, inner bool) {
					t.Helper()
					i0, i1, j0, j1, k0, k1 := lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]
					if inner {
						i0, i1 = a.Inner(0)
						j0, j1 = a.Inner(1)
						k0, k1 = a.Inner(2)
					}
					for k := k0; k < k1; k++ {
						for j := j0; j < j1; j++ {
							for i := i0; i < i1; i++ {
								for m := range 5 {
									g, w := got[a.P(i, j, k)][m], want[whole.P(i, j, k)][m]
									if math.Float64bits(g) != math.Float64bits(w) {
										t.Fatalf("cell %v: %s(%d,%d,%d,%d) = %v, whole grid %v", [3]int{x, y, z}, name, m, i, j, k, g, w)
									}
								}
							}
						}
					}
				}
				same("u", a.U, init, false)
				same("forcing", a.Forcing, whole.Forcing, false)
				// U with its halo from the perturbed whole grid.
				for k := max(lo[2]-2, 0); k < min(hi[2]+2, nz); k++ {
					for j := max(lo[1]-2, 0); j < min(hi[1]+2, ny); j++ {
						for i := max(lo[0]-2, 0); i < min(hi[0]+2, nx); i++ {
							out := 0
							for d, c := range [3]int{i, j, k} {
								if c < lo[d] || c >= hi[d] {
									out++
								}
							}
							if out <= 1 { // the box and its faces' halo: what copy_faces fills
								a.U[a.P(i, j, k)] = whole.U[whole.P(i, j, k)]
							}
						}
					}
				}
				a.ErrorSums(&sums)
				a.ComputeRHSBox()
				same("rhs", a.RHS, whole.RHS, false)
			}
		}
	}
	if got := whole.NormScale(sums); !near(got, xce, 1e-14) {
		t.Errorf("error norms of the cells %v, of the grid %v", got, xce)
	}
}

func near(a, b [5]float64, rel float64) bool {
	for m := range a {
		if math.Abs(a[m]-b[m]) > rel*math.Abs(b[m]) {
			return false
		}
	}
	return true
}
