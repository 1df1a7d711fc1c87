//go:build goexperiment.simd && amd64

package places

import "simd/archsimd"

var hasAVX = archsimd.X86.AVX()

// clearUpper clears the upper halves of the vector registers (VZEROUPPER).
//
// In a GOEXPERIMENT=simd build on an AVX-512 CPU, the runtime's
// asynchronous preemption (a signal every 10 ms to a goroutine that runs
// on) saves and restores all 512-bit registers, which leaves their upper
// state dirty for good. From then on every legacy-SSE scalar instruction
// the Go compiler emits (MOVSD, MULSD, ...) must merge the upper bits it
// does not write, so it depends on the register's last writer: in CG's
// sparse product this chains the loads of successive entries and made
// class A 20-30% slower (measured on AMD Zen 5; GODEBUG=asyncpreemptoff=1
// removed it). Clearing the state at every barrier and region start bounds
// the damage of one preemption to the work before the next synchronisation.
func clearUpper() {
	if hasAVX {
		archsimd.ClearAVXUpperBits()
	}
}
