package places

import (
	"fmt"
	"unsafe"
)

// slot is one place's contribution to a reduction or broadcast. Each is
// padded so that no two places write the same cache line. A scalar of
// any 8-byte type sits in word, a vector in vec.
type slot struct {
	word uint64
	vec  []uint64
	_    [cacheLine - 32]byte
}

// elem is what the collectives reduce and broadcast.
type elem interface{ ~float64 | ~int64 }

// scalar is the slot's word seen as a T.
func scalar[T elem](s *slot) *T { return (*T)(unsafe.Pointer(&s.word)) }

// vector is the first n elements of the slot's vector seen as []T.
func vector[T elem](s *slot, n int) []T {
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(s.vec))), len(s.vec))[:n]
}

// store copies v into the slot's vector, which grows only the first time
// a place contributes a longer vector.
func store[T elem](s *slot, v []T) {
	if cap(s.vec) < len(v) {
		s.vec = make([]uint64, len(v))
	}
	s.vec = s.vec[:len(v)]
	copy(vector[T](s, len(v)), v)
}

// next returns this place's slot buffer for the next collective. Two buffers
// alternate, so one barrier per collective suffices: a place can only reuse
// a buffer after everyone has passed the barrier of the collective between.
func (p *Place) next() []slot {
	b := p.coll & 1
	p.coll++
	return p.g.slots[b]
}

// alone reports a one-place group, where a collective returns its input
// at once; it still clears the vector registers' upper state, as the
// Barrier it skips would (upper_simd.go).
func (p *Place) alone() bool {
	if p.np != 1 {
		return false
	}
	clearUpper()
	return true
}

// sum adds x over all places in place-id order, starting from place 0's.
func sum[T elem](p *Place, x T) T {
	if p.alone() {
		return x
	}
	s := p.next()
	*scalar[T](&s[p.id]) = x
	p.Barrier()
	acc := *scalar[T](&s[0])
	for i := 1; i < p.np; i++ {
		acc += *scalar[T](&s[i])
	}
	return acc
}

// sums replaces v by its element-wise sum over all places, in place-id
// order.
func sums[T elem](p *Place, v []T) {
	if p.alone() {
		return
	}
	s := p.next()
	store(&s[p.id], v)
	p.Barrier()
	copy(v, vector[T](&s[0], len(v)))
	for i := 1; i < p.np; i++ {
		for j, x := range vector[T](&s[i], len(v)) {
			v[j] += x
		}
	}
}

// broadcast returns root's x on every place.
func broadcast[T elem](p *Place, root int, x T) T {
	if p.alone() {
		return x
	}
	p.checkPlace(root)
	s := p.next()
	if p.id == root {
		*scalar[T](&s[root]) = x
	}
	p.Barrier()
	return *scalar[T](&s[root])
}

// SumFloat64 returns the sum of x over all places, added in place-id order.
func (p *Place) SumFloat64(x float64) float64 { return sum(p, x) }

// SumInt64 returns the sum of x over all places.
func (p *Place) SumInt64(x int64) int64 { return sum(p, x) }

// MaxFloat64 returns the maximum of x over all places.
func (p *Place) MaxFloat64(x float64) float64 {
	if p.alone() {
		return x
	}
	s := p.next()
	*scalar[float64](&s[p.id]) = x
	p.Barrier()
	m := *scalar[float64](&s[0])
	for i := 1; i < p.np; i++ {
		m = max(m, *scalar[float64](&s[i]))
	}
	return m
}

// SumFloat64s replaces v, element-wise, by its sum over all places (added
// in place-id order). Every place must pass a slice of the same length. It
// allocates only the first time a place reduces a longer vector.
//
// Not inlined: in a caller's package the generic call would lose its
// escape facts, and a caller's small array would move to the heap.
//
//go:noinline
func (p *Place) SumFloat64s(v []float64) { sums(p, v) }

// SumInt64s replaces v, element-wise, by its sum over all places.
//
//go:noinline
func (p *Place) SumInt64s(v []int64) { sums(p, v) }

// BroadcastFloat64 returns root's x on every place.
func (p *Place) BroadcastFloat64(root int, x float64) float64 { return broadcast(p, root, x) }

// BroadcastInt64 returns root's x on every place.
func (p *Place) BroadcastInt64(root int, x int64) int64 { return broadcast(p, root, x) }

// BroadcastFloat64s copies root's v into v on every other place.
func (p *Place) BroadcastFloat64s(root int, v []float64) {
	if p.alone() {
		return
	}
	p.checkPlace(root)
	s := p.next()
	if p.id == root {
		store(&s[root], v)
	}
	p.Barrier()
	if p.id != root {
		copy(v, vector[float64](&s[root], len(v)))
	}
}

func (p *Place) checkPlace(q int) {
	if q < 0 || q >= p.np {
		panic(fmt.Sprintf("places: place %d out of range [0,%d)", q, p.np))
	}
}
