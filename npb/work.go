package npb

import "fmt"

// Work is what one run's timed region does at one class, by the kernel's
// own models: the numbers a roofline is drawn from.
type Work struct {
	// Ops is NPB's operation count: the numerator of the report's Mop/s
	// (Benchmark.Mops), floating-point operations except where the
	// report's "Operation type" says otherwise (IS: keys ranked, EP:
	// random numbers generated).
	Ops float64
	// Flops says Ops counts floating-point operations.
	Flops bool
	// Bytes is the kernel's model of the bytes the timed region moves
	// between memory and a last-level cache of the size asked for
	// (Problem.Traffic); zero when the kernel has no model.
	Bytes float64
}

// Intensity is operations per byte moved; +Inf when nothing is moved.
func (w Work) Intensity() float64 { return w.Ops / w.Bytes }

// Work evaluates the kernel's models at class c for a last-level cache of
// llc bytes (the whole cache the places share).
func (k Kernel) Work(c Class, llc int64) (Work, error) {
	if err := k.CheckClass(c); err != nil {
		return Work{}, err
	}
	prob, b, err := k.New(c)
	if err != nil {
		return Work{}, err
	}
	// Mop/s is ops / t / 1e6 for every kernel, so the count is the rate
	// of a one-second region.
	w := Work{Ops: 1e6 * b.Mops(1), Flops: prob.OpType == ""}
	if prob.Traffic == nil {
		return w, fmt.Errorf("%s: no traffic model", k.Name)
	}
	w.Bytes = prob.Traffic(llc)
	return w, nil
}

// Streamed is the traffic of a phase of a timed region that moves bytes
// through data whose working set — what the phase touches before it
// touches the same data again — is set bytes: all of it when the set does
// not fit in a last-level cache of llc bytes, else nothing (after the
// warm-up the data is already in cache). Caches are not quite LRU, so a
// set just larger than the cache keeps some of it: the model is a step
// where the truth is a ramp.
//
// The bytes are counted as STREAM counts them: each array read once and
// each array written once, no write-allocate and no separate write-back.
func Streamed(llc int64, set, bytes float64) float64 {
	if set > float64(llc) {
		return bytes
	}
	return 0
}
