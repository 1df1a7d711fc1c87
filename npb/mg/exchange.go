package mg

import "npbgo/runtime/comm"

// The border exchanges of mg.f (comm3, give3, take3, comm3_ex, comm1p):
// axis by axis, so that the borders received along one axis carry the
// borders of the axes before it into the edges and corners. Along an axis
// whose neighbours are the rank itself the borders are copied (comm1p);
// otherwise each direction is one SendRecv: the rank sends its last
// interior layer to the next rank up and receives the one of the rank
// below into its lower ghost layer, then the other way round. With two
// ranks along an axis the rank below and the rank above are the same, and
// the two messages to it arrive in the order sent.

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
// many there are.
func pack(buf, z []float64, l level, s span) int {
	n := 0
	for i3 := s[2][0]; i3 < s[2][1]; i3++ {
		for i2 := s[1][0]; i2 < s[1][1]; i2++ {
			o := i3*l.ps + i2*l.n1
			n += copyRun(buf[n:], z[o+s[0][0]:o+s[0][1]])
		}
	}
	return n
}

// unpack is pack the other way: the points of s in z from buf.
func unpack(z, buf []float64, l level, s span) int {
	n := 0
	for i3 := s[2][0]; i3 < s[2][1]; i3++ {
		for i2 := s[1][0]; i2 < s[1][1]; i2++ {
			o := i3*l.ps + i2*l.n1
			n += copyRun(z[o+s[0][0]:o+s[0][1]], buf[n:])
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

// plane reports whether s is one whole plane of level l, which travels
// straight from and into the grid (its points are contiguous).
func plane(l level, s span) bool {
	return s[2][1] == s[2][0]+1 && s[1] == [2]int{0, l.n2} && s[0] == [2]int{0, l.n1}
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
	if rk.local(k, ax) {
		copySpan(z, l, face(l, ax, 0, 1, false), face(l, ax, n-2, n-1, false))
		copySpan(z, l, face(l, ax, n-1, n, false), face(l, ax, 1, 2, false))
		return
	}
	down, up := rk.nbr[k][ax][0], rk.nbr[k][ax][1]
	rk.sendRecv(up, z, l, face(l, ax, n-2, n-1, false), down, face(l, ax, 0, 1, false))
	rk.sendRecv(down, z, l, face(l, ax, 1, 2, false), up, face(l, ax, n-1, n, false))
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

// sendRecv sends the points of span s of z to rank to and receives from
// rank from into span t. A whole plane goes straight from and to the
// grid, anything else through the rank's buffers.
func (rk *rank) sendRecv(to int, z []float64, l level, s span, from int, t span) {
	var send, recv comm.Buffer
	if plane(l, s) {
		o := s[2][0] * l.ps
		send = comm.Float64s(z[o : o+l.n1*l.n2])
	} else {
		send = comm.Float64s(rk.sbuf[:pack(rk.sbuf, z, l, s)])
	}
	if plane(l, t) {
		o := t[2][0] * l.ps
		recv = comm.Float64s(z[o : o+l.n1*l.n2])
		rk.world.SendRecv(to, send, from, recv)
		return
	}
	recv = comm.Float64s(rk.rbuf)
	n := rk.world.SendRecv(to, send, from, recv)
	if unpack(z, rk.rbuf[:n], l, t) != n {
		panic("mg: comm3 received a face of the wrong size")
	}
}

// comm3Ex hands the borders of level k of u, interpolated by the live
// ranks, to the neighbours that were dead on level k-1 and so
// interpolated nothing (mg.f comm3_ex): a giver sends its last two layers
// up and its first interior layer down; a taker receives them into its
// first two layers and its last one. A taker receives from below first,
// the giver's first send, so that blocking sends cannot wait on each
// other in a ring.
func (rk *rank) comm3Ex(u []float64, k int) {
	l := rk.lv[k]
	for ax := range 3 {
		n := [3]int{l.n1, l.n2, l.n3}[ax]
		down, up := rk.nbr[k][ax][0], rk.nbr[k][ax][1]
		if rk.takeEx[k][ax] {
			for _, in := range [2]struct{ from, lo, hi int }{{down, 0, 2}, {up, n - 1, n}} {
				got := rk.world.Recv(in.from, comm.Float64s(rk.rbuf))
				if unpack(u, rk.rbuf[:got], l, face(l, ax, in.lo, in.hi, true)) != got {
					panic("mg: comm3_ex received a face of the wrong size")
				}
			}
		}
		if rk.giveEx[k][ax] {
			for _, out := range [2]struct{ to, lo, hi int }{{up, n - 2, n}, {down, 1, 2}} {
				m := pack(rk.sbuf, u, l, face(l, ax, out.lo, out.hi, true))
				rk.world.Send(out.to, comm.Float64s(rk.sbuf[:m]))
			}
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
