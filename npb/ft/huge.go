package ft

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of an x86-64 transparent huge page.
const hugePage = 2 << 20

// useHugePages can be cleared to compare with 4 KiB pages.
var useHugePages = true

// adviseHugePages asks the kernel to back the 2 MiB-aligned interior of a
// freshly allocated, not yet touched slice with transparent huge pages
// (madvise MADV_HUGEPAGE; hosts usually run THP in "madvise" mode). The z
// pass touches every plane of u0, u1 and twiddle for each block of lines,
// one page per plane: with 4 KiB pages that is a TLB miss per plane and
// block, and a nested page walk under virtualisation. Failure is harmless
// and ignored.
func adviseHugePages[T any](s []T) {
	if !useHugePages || len(s) == 0 {
		return
	}
	var zero T
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	size := uintptr(len(s)) * unsafe.Sizeof(zero)
	lo := (hugePage - start%hugePage) % hugePage
	hi := (start+size)&^(hugePage-1) - start
	if hi <= lo {
		return
	}
	all := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)
	_ = unix.Madvise(all[lo:hi], unix.MADV_HUGEPAGE)
}
