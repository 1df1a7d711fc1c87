// Package harness measures the NPB kernels the way the Fortran suite is
// measured and compares the two.
//
// A sweep (Sweep) runs every (kernel, place count) point several times,
// each run in a fresh `npb run … -json` process, with the repetitions
// interleaved across points so slow drift of the machine spreads evenly.
// The results go to one directory per sweep: raw.csv, summary.json,
// times.md, speedup.md, bench.txt (Go benchmark format, for benchstat),
// the plots speedup.svg/.png and times.svg, env.json and the NPB report of
// every run under logs/.
//
// Compare sets a sweep beside Fortran reference logs, which package
// npblog reads.
//
// Statistics: the figure quoted is the median; beside it the minimum, the
// maximum and the median absolute deviation (MAD, unscaled) of the runs
// that verified. Runs that failed verification or crashed are listed, never
// averaged in.
package harness
