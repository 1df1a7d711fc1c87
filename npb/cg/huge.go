package cg

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of an x86-64 transparent huge page.
const hugePage = 2 << 20

// useHugePages can be cleared to compare with 4 KiB pages (BenchmarkMatvec).
var useHugePages = true

// adviseHugePages asks the kernel to back the 2 MiB-aligned interior of a
// freshly allocated (not yet touched) slice with transparent huge pages
// (madvise MADV_HUGEPAGE; the host's THP mode is usually "madvise"). CG
// streams the whole matrix 26 times per iteration: with 4 KiB pages every
// 4 KiB of it costs a TLB miss, a nested page walk under virtualisation.
// Failure is harmless and ignored.
func adviseHugePages[T any](s []T) {
	if !useHugePages || len(s) == 0 {
		return
	}
	var zero T
	all := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), uintptr(len(s))*unsafe.Sizeof(zero))
	start := uintptr(unsafe.Pointer(unsafe.SliceData(all)))
	lo := int((hugePage - start%hugePage) % hugePage)
	hi := int((start+uintptr(len(all)))&^(hugePage-1) - start)
	if hi <= lo {
		return
	}
	b := all[lo:hi]
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
}
