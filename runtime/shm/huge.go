package shm

import (
	"os"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// HugePage is the size of an x86-64 transparent huge page.
const HugePage = 2 << 20

// hugePages is whether AdviseHugePages advises; NPB_HUGEPAGES=0 in the
// environment starts it off, so a run can be compared on 4 KiB pages.
var hugePages atomic.Bool

func init() { hugePages.Store(os.Getenv("NPB_HUGEPAGES") != "0") }

// SetHugePages turns AdviseHugePages on or off (a benchmark comparing page
// sizes) and returns the previous setting.
func SetHugePages(on bool) (was bool) { return hugePages.Swap(on) }

// AdviseHugePages asks the kernel to back the 2 MiB-aligned interior of a
// freshly allocated, not yet touched vector with transparent huge pages
// (madvise MADV_HUGEPAGE; hosts usually run THP in "madvise" mode). Kernels
// that stream large arrays (CG's matrix) or touch one page per plane (FT's
// z pass) otherwise pay a TLB miss per 4 KiB, a nested page walk under
// virtualisation. Call it before the first touch. Failure is harmless and
// ignored.
func AdviseHugePages[T Vector](s []T) {
	if !hugePages.Load() || len(s) == 0 {
		return
	}
	var zero T
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	size := uintptr(len(s)) * unsafe.Sizeof(zero)
	first := (start + HugePage - 1) &^ (HugePage - 1) // first huge page inside
	end := (start + size) &^ (HugePage - 1)           // end of the last one
	if end <= first {
		return // no whole huge page inside
	}
	all := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)
	_ = unix.Madvise(all[first-start:end-start], unix.MADV_HUGEPAGE)
}
