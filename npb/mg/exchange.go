package mg

import "npbgo/runtime/comm"

// The border exchanges of mg.f (comm3, ready, give3, take3, comm3_ex,
// comm1p): axis by axis, so that the borders received along one axis
// carry the borders of the axes before it into the edges and corners.
// Along an axis whose neighbours are the rank itself the borders are
// copied (comm1p). Otherwise, as mg.f does, the rank posts the receives
// of its two ghost layers (from the rank below and the rank above), sends
// its first and last interior layers to them, and waits for all four.
// With two ranks along an axis the rank below and the rank above are the
// same; its two messages match the two receives in the order posted.

// span is a range of indices [lo, hi) along each axis of a box.
type span [3][2]int

// face is the layers [lo, hi) along axis ax of level l that comm3 sends or
// receives: along axis 0 the interior of the other two axes, along axis 1
// whole rows of the interior planes, along axis 2 whole planes (mg.f
// give3 and take3). With full, every point of the other two axes
// (give3_ex and take3_ex).
func face(l level, ax, lo, hi int, full bool) span {
	s := span{{1, l.n1 - 1}, {1, l.n2 - 1}, {1, l.n3 - 1}}
	if full || ax == 2 {
		s[0], s[1] = [2]int{0, l.n1}, [2]int{0, l.n2}
	} else if ax == 1 {
		s[0] = [2]int{0, l.n1}
	}
	if full {
		s[2] = [2]int{0, l.n3}
	}
	s[ax] = [2]int{lo, hi}
	return s
}

// pack copies the points of s in z (i1 fastest) to buf and returns how
// many there are; with in, it copies them from buf into z instead.
func pack(buf, z []float64, l level, s span, in bool) int {
	n := 0
	for i3 := s[2][0]; i3 < s[2][1]; i3++ {
		for i2 := s[1][0]; i2 < s[1][1]; i2++ {
			o := i3*l.ps + i2*l.n1
			if in {
				n += copyRun(z[o+s[0][0]:o+s[0][1]], buf[n:])
			} else {
				n += copyRun(buf[n:], z[o+s[0][0]:o+s[0][1]])
			}
		}
	}
	return n
}

// copyRun is copy for runs along i1: one or two points across axis 0, so
// short that a call of memmove would cost more than the copy.
func copyRun(dst, src []float64) int {
	if len(dst) > 4 {
		return copy(dst, src)
	}
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = x
	}
	return len(dst)
}

// wholePlane returns the points of s in z when s is one whole plane,
// which travels straight from and into the grid (its points are
// contiguous), else nil.
func wholePlane(z []float64, l level, s span) []float64 {
	if s[2][1] != s[2][0]+1 || s[1] != [2]int{0, l.n2} || s[0] != [2]int{0, l.n1} {
		return nil
	}
	o := s[2][0] * l.ps
	return z[o : o+l.n1*l.n2]
}

// isend starts sending the points of span s of z to rank to: a whole
// plane from the grid, anything else packed into buf.
func (rk *rank) isend(to int, z []float64, l level, s span, buf []float64) comm.Request {
	if p := wholePlane(z, l, s); p != nil {
		return rk.world.Isend(to, comm.Float64s(p))
	}
	return rk.world.Isend(to, comm.Float64s(buf[:pack(buf, z, l, s, false)]))
}

// irecv starts receiving span s of z from rank from: a whole plane into
// the grid, anything else into buf, for take to unpack.
func (rk *rank) irecv(from int, z []float64, l level, s span, buf []float64) comm.Request {
	if p := wholePlane(z, l, s); p != nil {
		return rk.world.Irecv(from, comm.Float64s(p))
	}
	return rk.world.Irecv(from, comm.Float64s(buf))
}

// take completes a receive of irecv (mg.f take3): it waits for it and
// unpacks what came into buf.
func (rk *rank) take(r comm.Request, z []float64, l level, s span, buf []float64) {
	n := rk.world.Wait(r)
	if wholePlane(z, l, s) == nil && pack(buf[:n], z, l, s, true) != n {
		panic("mg: comm3 received a face of the wrong size")
	}
}

// comm3 completes the borders of level k of z after a grid operation whose
// planes made their own borders periodic as far as the level says (mg.f
// comm3): the axes that are not, by copies or by message. On a dead level
// the box is zero (mg.f: zero3).
func (rk *rank) comm3(z []float64, k int) {
	if rk.dead[k] {
		clear(z)
		return
	}
	l := rk.lv[k]
	if !l.inPlane {
		rk.exchange(z, k, 0)
		rk.exchange(z, k, 1)
	}
	if !l.wrap3 {
		rk.exchange(z, k, 2)
	}
}

// exchange fills the two ghost layers of level k of z along axis ax from
// the neighbours' last interior layers (mg.f ready, give3 and take3 in
// both directions, or comm1p).
func (rk *rank) exchange(z []float64, k, ax int) {
	l := rk.lv[k]
	n := [3]int{l.n1, l.n2, l.n3}[ax]
	low, high := face(l, ax, 0, 1, false), face(l, ax, n-1, n, false)
	first, last := face(l, ax, 1, 2, false), face(l, ax, n-2, n-1, false)
	if rk.local(k, ax) {
		copySpan(z, l, low, last)
		copySpan(z, l, high, first)
		return
	}
	down, up := rk.nbr[k][ax][0], rk.nbr[k][ax][1]
	h := len(rk.sbuf) / 2
	rd := rk.irecv(down, z, l, low, rk.rbuf[:h])
	ru := rk.irecv(up, z, l, high, rk.rbuf[h:])
	su := rk.isend(up, z, l, last, rk.sbuf[:h])
	sd := rk.isend(down, z, l, first, rk.sbuf[h:])
	rk.world.Wait(su)
	rk.world.Wait(sd)
	rk.take(rd, z, l, low, rk.rbuf[:h])
	rk.take(ru, z, l, high, rk.rbuf[h:])
}

// copySpan copies the points of span t of z to span s, of the same
// shape.
func copySpan(z []float64, l level, s, t span) {
	d := (s[0][0] - t[0][0]) + (s[1][0]-t[1][0])*l.n1 + (s[2][0]-t[2][0])*l.ps
	for i3 := t[2][0]; i3 < t[2][1]; i3++ {
		for i2 := t[1][0]; i2 < t[1][1]; i2++ {
			o := i3*l.ps + i2*l.n1
			copyRun(z[o+d+t[0][0]:o+d+t[0][1]], z[o+t[0][0]:])
		}
	}
}

// comm3Ex hands the borders of level k of u, interpolated by the live
// ranks, to the neighbours that were dead on level k-1 and so
// interpolated nothing (mg.f comm3_ex): a giver sends its last two layers
// up and its first interior layer down; a taker receives them into its
// first two layers and its last one.
func (rk *rank) comm3Ex(u []float64, k int) {
	l := rk.lv[k]
	for ax := range 3 {
		n := [3]int{l.n1, l.n2, l.n3}[ax]
		down, up := rk.nbr[k][ax][0], rk.nbr[k][ax][1]
		two, one := face(l, ax, 0, 2, true), face(l, ax, n-1, n, true)
		m := len(rk.rbuf) / 3 // one full face; the receives take two and one
		if rk.takeEx[k][ax] {
			rd := rk.irecv(down, u, l, two, rk.rbuf[:2*m])
			ru := rk.irecv(up, u, l, one, rk.rbuf[2*m:])
			rk.take(rd, u, l, two, rk.rbuf[:2*m])
			rk.take(ru, u, l, one, rk.rbuf[2*m:])
		}
		if rk.giveEx[k][ax] {
			su := rk.isend(up, u, l, face(l, ax, n-2, n, true), rk.sbuf[:2*m])
			sd := rk.isend(down, u, l, face(l, ax, 1, 2, true), rk.sbuf[2*m:])
			rk.world.Wait(su)
			rk.world.Wait(sd)
		}
	}
}

// edgesDone is upLevel's wait between stages on a rank's box (upSync):
// the edge planes of r after resid and of u after psinv go to the
// neighbours along axis 2, whose ghost planes they are. Interpolation
// needs nothing: it writes the ghost planes of u itself.
func (rk *rank) edgesDone(stage upStage, z []float64, k int) {
	if stage == afterInterp || rk.lv[k].wrap3 {
		return
	}
	rk.exchange(z, k, 2)
}
