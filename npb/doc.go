// Package npb is what every npbgo kernel shares: problem classes, the run
// configuration, the kernel registry, results with every verified value, the
// standard NPB report (common/print_results.f and c_print_results.c of
// NPB3.4), a wall timer, the NPB random number generator (common/randdp.f:
// randlc, vranlc, and jump-ahead as in FT's ipow46) and the official
// reference values, embedded from reference.json.
package npb
