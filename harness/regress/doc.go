// Package regress is the performance-regression check of npbgo
// (`npb regress`, `make regress`, CI): it measures every registered kernel
// and the places runtime's primitives in this process and compares them
// with a baseline committed in results/baseline/baseline.json.
//
// # What is compared
//
// Absolute times do not transfer between machines or even between two
// moments on a shared one, so every sample is a ratio: the kernel's NPB
// timed region (npb.Result.Seconds), or the time of one places primitive
// (an empty fork-join region, a Barrier, a SumFloat64), divided by the
// time of a fixed calibration workload run on the same number of places
// just before and just after it (cal, w1, cal, w2, cal, …; the mean of the
// two neighbours). The calibration is a streaming triad over arrays larger
// than the last-level cache plus a small L1-resident matrix product and a
// dependent FMA chain, in barrier-separated phases (see calibrate.go):
// memory bandwidth, floating point and the cost of a descheduled place,
// which are what load from other processes and frequency changes act on.
// Its Version is recorded in the baseline; a baseline made with another
// calibration is refused.
//
// Short kernel runs and primitives are repeated until a sample lasts
// Plan.MinSample (Series.Ops, reused from the baseline so both sides
// average alike). Each point gets Plan.Reps samples, the points
// interleaved so that slow drift touches all of them alike.
//
// # The verdict
//
// Per (workload, class, places) the baseline's and this run's ratio
// samples are compared with golang.org/x/perf/benchmath (benchstat's
// engine): medians, and the Mann-Whitney U test (AssumeNothing.Compare).
// A REGRESSION is a median ratio at least threshold (default 10%) higher
// with p < alpha (default 0.01); an improvement is the same the other way;
// with too few samples for the test to reach alpha the point is
// "insufficient samples", which the final line calls CANNOT JUDGE and
// which fails the check (as too few pairs for an interval fails the A/B
// check): a check that could not look is not a pass. A point missing from
// the baseline is reported and does not fail. Beside the timing, deterministic checks fail the run:
// every kernel run must verify, and the places primitives must not
// allocate (CheckAllocs). The kernels' timed regions cannot be isolated
// from outside k.Run (setup allocates); their own tests assert zero
// allocations there (go test ./npb/...).
//
// # Confirmation
//
// A point judged a regression is measured a second time (-confirm, on by
// default) and fails only if that measurement agrees: a busy spell of a
// shared machine rarely strikes twice, a real slowdown always does. A
// rebuilt binary can also shift a tight loop by a few per cent every time
// (code alignment), which no re-measurement removes: refresh the baseline
// on the code that CI will run.
//
// # Refreshing the baseline
//
// Refresh it when a change makes a kernel faster or slower on purpose
// (after tuning, or a deliberate trade-off), when a kernel or class is
// added (its points show as "not in the baseline"), when the calibration
// changes (CalibrationVersion), or when CI moves to another kind of
// machine. On the machine CI runs on, quiet, from the repository root:
//
//	make build && flock /tmp/npbgo-bench.lock bin/npb regress -update -baseline results/baseline/baseline.json
//
// then commit results/baseline/baseline.json with the change that
// explains it. The file is written atomically and records the samples,
// the calibration, the machine and Go version, how busy the machine was,
// the date and the commit. With -kernels, only those points are
// re-measured and the others are kept from the old file.
//
// # Requests and checks
//
// The CLI binds the flags of npb regress and npb work to a Request or a
// WorkRequest; its Checker refuses bad input and makes the check to run
// (Check, ABCheck or WorkCheck), which decides what is measured, what is
// written, which old points are kept and what is re-measured.
package regress
