package ft

import "npbgo/npb"

// Traffic is FT's model of the bytes its timed region moves between
// memory and a last-level cache of llc bytes (npb.Problem.Traffic), for
// the fused passes of bench.timed; n = nx·ny·nz points of 16-byte
// complex values in each of u0 and u1.
//
// A 1-D pass moves the array through memory once, reading and writing
// it (32 B per point), unless what it works on stays in cache. Here the
// x and y passes of a z-plane run back to back on the plane, so together
// they move the array once while a plane fits in the cache, and twice
// when it does not. The z pass moves the array once per pass too.
//
//   - setup (timed, as in ft.f): the initial conditions are generated
//     into u1 within the plane pass (16 B written), the z pass reads u1
//     and writes u0 (32 B): 48 B per point;
//   - each iteration: the z pass reads u0, writes it back evolved and
//     writes its transform into u1 (48 B); the plane pass reads and
//     writes u1 (32 B) and takes the checksum from cache: 80 B per point.
//
// Nothing moves when u0 and u1 fit in the cache together. ft.f's
// OpenMP form makes separate sweeps for evolve and for each of the three
// passes (144 B per point and iteration): a Fortran point on a roofline
// drawn from this model sits at a higher intensity than the bytes it
// really moves would give it.
func Traffic(nx, ny, nz, niter int) func(llc int64) float64 {
	n := float64(nx) * float64(ny) * float64(nz)
	plane := 16 * float64(nx) * float64(ny)
	return func(llc int64) float64 {
		// A plane that does not fit costs the plane pass a second trip:
		// 16 B written in setup's first pass, 32 B in each iteration's.
		split := npb.Streamed(llc, plane, (32+float64(niter)*32)*n)
		return npb.Streamed(llc, 32*n, (48+float64(niter)*80)*n+split)
	}
}
