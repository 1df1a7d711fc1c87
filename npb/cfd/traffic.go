package cfd

import "npbgo/npb"

// Traffic is SP's and BT's model of the bytes their timed region moves
// between memory and a last-level cache of llc bytes
// (npb.Problem.Traffic), for the ADI step as Steps runs it; speed says
// SP's Speed field is kept.
//
// A step sweeps the grid four times, a barrier apart, so every field it
// reads comes back from memory once per sweep unless the whole problem
// fits in the cache. Per point, in 8-byte words, with v the scalar fields
// (RhoI, US, VS, WS, Square, QS: 6, and Speed for SP: 7):
//
//   - ComputeVars, with the previous step's add (and SP's tzetar) fused
//     in: RHS read 5, U read 5 and written 5, v written: 15+v;
//   - RHSLine with the X solve of each line right behind it: U read 5, v
//     read, Forcing read 5, RHS written 5: 15+v;
//   - the Y solves: RHS read and written 10, and what the solver reads
//     per point (BT's Jacobians: U and RhoI, QS, 7; SP: VS, RhoI, Speed,
//     3, and in its Z sweep tzetar's US, VS, WS, QS, Square, 5 more);
//   - the Z solves: as the Y solves.
//
// BT: 21+21+17+17 = 76 words, SP: 22+22+13+18 = 75 words per point and
// step; the working set is U, RHS, Forcing and the scalar fields, 15+v
// words per point. The grid's padding to odd i and j extents is left out.
func Traffic(nx, ny, nz, niter int, speed bool) func(llc int64) float64 {
	n := float64(nx) * float64(ny) * float64(nz)
	v, words := 6.0, 76.0
	if speed {
		v, words = 7, 75
	}
	return func(llc int64) float64 {
		return npb.Streamed(llc, 8*(15+v)*n, 8*words*n*float64(niter))
	}
}

// withTraffic sets the traffic model on the problems k.New returns.
func withTraffic(k npb.Kernel, speed bool) npb.Kernel {
	newRun := k.New
	k.New = func(c npb.Class) (npb.Problem, npb.Benchmark, error) {
		prob, b, err := newRun(c)
		if err == nil {
			prob.Traffic = Traffic(prob.Size[0], prob.Size[1], prob.Size[2], prob.Iterations, speed)
		}
		return prob, b, err
	}
	return k
}
