// Package cfd is what NPB's CFD applications share (NPB3.4-OMP SP, BT and
// LU). SP and BT share the flow constants (set_constants), the padded
// 5-component grid, initialize, exact_rhs, compute_rhs, add, the error and
// residual norms, their verification, and the ADI time-step driver; each
// keeps only its own solver. LU shares only the exact solution and its
// coefficient table (ExactSolution): its grid, initialization, forcing,
// right-hand side, norms and verification follow LU's own routines (see
// npb/lu).
//
// # Data layout
//
// A Grid of nx×ny×nz points is stored with i and j padded to the odd
// extents Ni = nx|1 and Nj = ny|1 (the reference's 0:IMAXP; the padding
// keeps power-of-two strides away) and k unpadded: point (i, j, k) is
// p = i + Ni*(j + Nj*k) (Grid.P). The 5-component fields U, RHS and
// Forcing are []Cell, Cell = [5]float64, so component m of point p is
// U[p][m], at 5p+m of the underlying float64s (Flat); the scalar fields
// (RhoI, US, VS, WS, QS, Square, Speed) are []float64 indexed by p.
//
// A Grid may also hold a box of the grid with ghost layers around it
// (NewBox, NewCell: a cell of the message-passing forms' multi-partition).
// Points keep their global coordinates (P adds the box's offset), and the
// routines work on the box's share of their ranges (Grid.Inner, Near), so
// that one compute_rhs, one add, one set of norms serve the whole grid
// and each cell.
//
// # The ADI driver
//
// A kernel is made by NewKernel (the driver's Run: NewADI allocates the
// fields, ExactRHS and Initialize run in a region) and supplies its
// per-line solvers in a Solver (Run.Build). The whole timed
// loop is one g.Run whose body calls Steps: each step runs compute_rhs
// (ComputeVars, a barrier, then RHSLine on each of this place's ξ lines,
// immediately followed by the kernel's X solve of that line), a barrier,
// the kernel's Y solves, a barrier, its Z solves, and a barrier; what
// follows the Z solves point by point (Solver.ZRow, then add) is done row
// by row at the start of the next step's ComputeVars (Steps). Lines are shared out by places.Block over the collapsed
// line index (XLines, YLines, ZLines), so a small grid still feeds several
// places. A kernel may instead take its η and ζ lines in runs of up to
// Solver.Block neighbours (YRun, ZRun).
//
// # The multi-partition
//
// SP's and BT's message-passing forms (NPB3.4-MPI) cut the grid into cells,
// q of them per rank on q² ranks, each cell an ADI of its own (NewCell);
// Multi holds a rank's cells and does copy_faces and the line-solve
// sweeps from cell to cell, the kernels' CellSolver the solves on each
// cell's share of the lines, MultiRun the run for the kernel driver.
//
// Every routine keeps the reference's operations and their order at each
// point, so results are bitwise those of a serial transliteration, for any
// number of places. The norms sum each k-plane separately and add the
// planes in k order, so they too are independent of the number of places.
package cfd
