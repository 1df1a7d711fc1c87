// Package cfd is what NPB's three CFD applications share (NPB3.4-OMP SP,
// BT and LU): the exact solution and its coefficient table, the flow
// constants (set_constants), the padded 5-component grid, initialize,
// exact_rhs, compute_rhs, add, the error and residual norms, their
// verification, and the ADI time-step driver of SP and BT. Each kernel
// package keeps only its own solver.
package cfd
