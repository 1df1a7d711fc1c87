package topo

import (
	"sync"

	"github.com/klauspost/cpuid/v2"
)

// Caches are the data cache sizes of one core's view of the hierarchy, in
// bytes, and the cache line size. Zero means unknown.
type Caches struct {
	L1D, L2, L3, Line int
}

// hostCaches reads cache sizes from CPUID, with conservative defaults where
// the hypervisor hides them.
func hostCaches() Caches {
	c := Caches{L1D: cpuid.CPU.Cache.L1D, L2: cpuid.CPU.Cache.L2, L3: cpuid.CPU.Cache.L3, Line: cpuid.CPU.CacheLine}
	if c.L1D <= 0 {
		c.L1D = 32 << 10
	}
	if c.L2 <= 0 {
		c.L2 = 256 << 10
	}
	if c.Line <= 0 {
		c.Line = 64
	}
	return c
}

var (
	hostOnce sync.Once
	hostC    Caches
)

// HostCaches is the cache geometry of this machine, read once. Kernels use
// it to choose block sizes (FT's line blocks, MG/BT/SP plane blocks).
func HostCaches() Caches {
	hostOnce.Do(func() { hostC = hostCaches() })
	return hostC
}
