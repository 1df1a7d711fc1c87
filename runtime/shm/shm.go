// Package shm provides the shared vectors kernels keep their data in:
// float64, int32, int64 and complex128 slices whose first element sits on a
// 64-byte cache-line boundary, and parallel first-touch initialisation, so
// that on a NUMA machine every page lands on the node of the place that
// computes on it. They are there for the CFD kernels (SP, BT, LU), which
// allocate their fields with Float64s and first-touch them with Touch in
// their setup region; CG advises huge pages for its matrix.
package shm

import (
	"unsafe"

	"npbgo/runtime/places"
)

// Align is the alignment of every vector's first element, in bytes.
const Align = 64

// PageSize is the granularity of first touch.
const PageSize = 4096

// Vector is an element type shm allocates.
type Vector interface {
	~float64 | ~int32 | ~int64 | ~complex128
}

// Make returns a zeroed slice of n elements whose first element is
// 64-byte aligned. Large vectors come straight from the operating system
// and are not touched until written, so the first writer decides where
// their pages live.
func Make[T Vector](n int) []T {
	if n < 0 {
		panic("shm: negative length")
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	extra := Align / size
	buf := make([]T, n+extra)
	off := 0
	if n > 0 {
		addr := uintptr(unsafe.Pointer(&buf[0]))
		off = int((Align-addr%Align)%Align) / size
	}
	return buf[off : off+n : off+n]
}

// Float64s is Make[float64].
func Float64s(n int) []float64 { return Make[float64](n) }

// Int32s is Make[int32].
func Int32s(n int) []int32 { return Make[int32](n) }

// Int64s is Make[int64].
func Int64s(n int) []int64 { return Make[int64](n) }

// Complex128s is Make[complex128].
func Complex128s(n int) []complex128 { return Make[complex128](n) }

// Aligned reports whether v's first element is 64-byte aligned.
func Aligned[T Vector](v []T) bool {
	if cap(v) == 0 {
		return true
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(v)))%Align == 0
}

// FirstTouch writes zero to every page of v from the place whose
// cache-line-aligned block (places.AlignedBlock) holds it, in one parallel
// region on g. Call it right after Make and before any other write.
func FirstTouch[T Vector](g *places.Group, v []T) {
	g.Run(func(p *places.Place) { Touch(p, v) })
}

// Touch is the body of FirstTouch for a kernel that is already inside a
// region: this place zeroes one element in every page of its share.
func Touch[T Vector](p *places.Place, v []T) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	lo, hi := p.AlignedBlock(0, len(v), Align/size)
	step := PageSize / size
	for i := lo; i < hi; i += step {
		v[i] = zero
	}
	if hi > lo {
		v[hi-1] = zero
	}
}
