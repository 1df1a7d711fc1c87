package is

import "npbgo/npb"

// Traffic is IS's model of the bytes its timed region moves between
// memory and a last-level cache of llc bytes (npb.Problem.Traffic), for
// rank of is.c as rankPlace runs it by default at one and two places:
// direct counting (rankDirect).
//
// Each of the MaxIterations rankings reads the n 4-byte keys once and
// counts them into a table of maxKey counts of cb bytes (4, 8 from class
// D), which it clears before and turns into cumulative counts after: the
// keys cost 4 B each, the table cb B per key value when it does not stay
// in cache between iterations. When the table itself does not fit, each count is a
// random access that brings a 64-byte line from memory. (With buckets,
// the default from three places on, the keys are read twice and
// written and read once more through key_buff2: 16 B per key.)
func Traffic(keys, maxKey, cb int) func(llc int64) float64 {
	n, m, c := float64(keys), float64(maxKey), float64(cb)
	return func(llc int64) float64 {
		perIter := npb.Streamed(llc, 4*n+c*m, 4*n+c*m) + npb.Streamed(llc, c*m, 64*n)
		return MaxIterations * perIter
	}
}
