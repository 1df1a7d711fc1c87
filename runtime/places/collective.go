package places

import "fmt"

// slot is one place's contribution to a reduction or broadcast. Each is
// padded so that no two places write the same cache line.
type slot struct {
	f  float64
	i  int64
	fv []float64
	iv []int64
	_  [cacheLine - 64]byte
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

// SumFloat64 returns the sum of x over all places, added in place-id order.
func (p *Place) SumFloat64(x float64) float64 {
	if p.alone() {
		return x
	}
	s := p.next()
	s[p.id].f = x
	p.Barrier()
	sum := s[0].f
	for i := 1; i < p.np; i++ {
		sum += s[i].f
	}
	return sum
}

// MaxFloat64 returns the maximum of x over all places.
func (p *Place) MaxFloat64(x float64) float64 {
	if p.alone() {
		return x
	}
	s := p.next()
	s[p.id].f = x
	p.Barrier()
	m := s[0].f
	for i := 1; i < p.np; i++ {
		m = max(m, s[i].f)
	}
	return m
}

// SumInt64 returns the sum of x over all places.
func (p *Place) SumInt64(x int64) int64 {
	if p.alone() {
		return x
	}
	s := p.next()
	s[p.id].i = x
	p.Barrier()
	var sum int64
	for i := range p.np {
		sum += s[i].i
	}
	return sum
}

// SumFloat64s replaces v, element-wise, by its sum over all places (added
// in place-id order). Every place must pass a slice of the same length. It
// allocates only the first time a place reduces a longer vector.
func (p *Place) SumFloat64s(v []float64) {
	if p.alone() {
		return
	}
	s := p.next()
	mine := &s[p.id]
	mine.fv = append(mine.fv[:0], v...)
	p.Barrier()
	copy(v, s[0].fv)
	for i := 1; i < p.np; i++ {
		for j, x := range s[i].fv[:len(v)] {
			v[j] += x
		}
	}
}

// SumInt64s replaces v, element-wise, by its sum over all places.
func (p *Place) SumInt64s(v []int64) {
	if p.alone() {
		return
	}
	s := p.next()
	mine := &s[p.id]
	mine.iv = append(mine.iv[:0], v...)
	p.Barrier()
	copy(v, s[0].iv)
	for i := 1; i < p.np; i++ {
		for j, x := range s[i].iv[:len(v)] {
			v[j] += x
		}
	}
}

// BroadcastFloat64 returns root's x on every place.
func (p *Place) BroadcastFloat64(root int, x float64) float64 {
	if p.alone() {
		return x
	}
	p.checkPlace(root)
	s := p.next()
	if p.id == root {
		s[root].f = x
	}
	p.Barrier()
	return s[root].f
}

// BroadcastInt64 returns root's x on every place.
func (p *Place) BroadcastInt64(root int, x int64) int64 {
	if p.alone() {
		return x
	}
	p.checkPlace(root)
	s := p.next()
	if p.id == root {
		s[root].i = x
	}
	p.Barrier()
	return s[root].i
}

// BroadcastFloat64s copies root's v into v on every other place.
func (p *Place) BroadcastFloat64s(root int, v []float64) {
	if p.alone() {
		return
	}
	p.checkPlace(root)
	s := p.next()
	if p.id == root {
		s[root].fv = append(s[root].fv[:0], v...)
	}
	p.Barrier()
	if p.id != root {
		copy(v, s[root].fv)
	}
}

func (p *Place) checkPlace(q int) {
	if q < 0 || q >= p.np {
		panic(fmt.Sprintf("places: place %d out of range [0,%d)", q, p.np))
	}
}
