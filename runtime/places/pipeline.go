package places

// Pipeline progress counters for wavefront sweeps (LU's blts/buts, the
// dissertation's pipelined SSOR): a place waits until its neighbour has
// posted step k, works on k, then posts k itself. Counters are zero at the
// start of every region and must only grow within it; ResetProgress sets
// them back to zero mid-region. A step count may simply keep growing across
// sweeps of either direction (LU's SSOR does so in one region): WaitLeft
// and WaitRight compare with the neighbour's latest post.

// Post announces that this place has finished step k. Like Barrier, it
// clears the vector registers' upper state (see clearUpper), since a
// pipelined sweep may run long between barriers.
func (p *Place) Post(k int) {
	clearUpper()
	p.g.progress[p.id].Store(int64(k))
}

// WaitFor blocks until place q has posted a step >= k.
func (p *Place) WaitFor(q, k int) {
	p.checkPlace(q)
	if c := &p.g.progress[q]; c.Load() < int64(k) {
		p.awaitProgress(c, int64(k))
	}
}

// awaitProgress spins, uncounted, until the counter c reaches k.
func (p *Place) awaitProgress(c *paddedInt64, k int64) {
	was := p.count(false)
	b := backoff{g: p.g}
	for c.Load() < k {
		b.pause()
	}
	p.count(was)
}

// WaitLeft waits for place ID-1 to post step k; place 0 returns at once.
func (p *Place) WaitLeft(k int) {
	if p.id > 0 {
		p.WaitFor(p.id-1, k)
	}
}

// WaitRight waits for place ID+1 to post step k; the last place returns at
// once. Backward sweeps use it.
func (p *Place) WaitRight(k int) {
	if p.id < p.np-1 {
		p.WaitFor(p.id+1, k)
	}
}

// ResetProgress sets every counter back to zero; it is collective.
func (p *Place) ResetProgress() {
	p.Barrier()
	p.g.progress[p.id].Store(0)
	p.Barrier()
}

// Hyperplanes calls f(d, lo, hi) for every hyperplane d = i+j+k of an
// nx×ny×nz box in order, where [lo,hi) is this place's share of the points
// of that plane (numbered as by HyperplanePoint), with a barrier after each
// plane. It is the alternative to the pipelined sweep: no neighbour waits,
// but one barrier per plane and shorter vectors.
func (p *Place) Hyperplanes(nx, ny, nz int, f func(d, lo, hi int)) {
	for d := 0; d <= nx+ny+nz-3; d++ {
		n := hyperplaneSize(nx, ny, nz, d)
		lo, hi := Block(0, n, p.id, p.np)
		f(d, lo, hi)
		p.Barrier()
	}
}

// hyperplaneSize counts the points (i,j,k), 0 <= i<nx, j<ny, k<nz, with
// i+j+k = d.
func hyperplaneSize(nx, ny, nz, d int) int {
	n := 0
	for k := max(0, d-(nx-1)-(ny-1)); k <= min(nz-1, d); k++ {
		r := d - k // i+j = r
		n += min(r, nx-1) - max(0, r-(ny-1)) + 1
	}
	return n
}

// HyperplanePoint returns the t-th point (i, j, k) of hyperplane d of an
// nx×ny×nz box, in order of increasing k, then j.
func HyperplanePoint(nx, ny, nz, d, t int) (i, j, k int) {
	for k = max(0, d-(nx-1)-(ny-1)); k <= min(nz-1, d); k++ {
		r := d - k
		jlo, jhi := max(0, r-(nx-1)), min(r, ny-1)
		if t <= jhi-jlo {
			j = jlo + t
			return r - j, j, k
		}
		t -= jhi - jlo + 1
	}
	panic("places: hyperplane point out of range")
}
