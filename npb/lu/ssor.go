package lu

import (
	"math"

	"npbgo/runtime/places"
)

// setup is lu.f from setbv to the start of the timer.
func (l *problem) setup() {
	l.withErhs = true
	l.g.Run(l.initBody)
	l.ssor(1) // touch every page, as the reference does
	l.withErhs = false
	l.g.Run(l.initBody)
	l.g.Run(l.rhsBody) // ssor's rhs and l2norm before its timer starts
}

// ssor is ssor.f from the timer's start: niter SSOR steps in one region.
// rsdnm must hold the residual norm of the current rsd (rhsBody).
func (l *problem) ssor(niter int) {
	if niter != 1 {
		l.niter = niter
		l.g.Run(l.ssorBody)
		return
	}
	// the warm-up: rhs and l2norm first, as ssor(1) does them
	l.g.Run(l.rhsBody)
	l.niter = 1
	l.g.Run(l.ssorBody)
}

// rhsRegion is ssor's rhs and l2norm of the residual before its loop.
func (l *problem) rhsRegion(p *places.Place) {
	ps := l.ps[p.ID()]
	klo, khi := p.Block(0, l.nz)
	jlo, jhi := p.Block(1, l.ny-1)
	for k := klo; k < khi; k++ {
		l.rhsPlane(ps, k, false, nil)
	}
	p.Barrier()
	for j := jlo; j < jhi; j++ {
		l.rhsZeta(ps, j)
	}
	if r := l.l2norm(p, l.rsd, l.sumRsd); p.ID() == 0 {
		l.rsdnm = r
	}
}

// ssorRegion is the body of ssor's iteration loop, all niter steps in one
// region.
//
// Planes k are split among places for the add and rhs's first part, j-rows
// for rhs's ζ part and the sweeps. The rows are the same in both, so the
// pipelined lower sweep needs no barrier after rhs: a place reads only its
// own rows and its left neighbour's last row, and that only after the
// neighbour has posted the plane (so finished its ζ part first). rsd·dt is
// done line by line inside the lower sweep, right before each line's own
// use (every other line blts reads is already scaled). The upper sweep
// needs a barrier before the add, since jacu reads the u a neighbour's add
// would change.
func (l *problem) ssorRegion(p *places.Place) {
	ps := l.ps[p.ID()]
	klo, khi := p.Block(0, l.nz)
	jlo, jhi := p.Block(1, l.ny-1)
	nz := l.nz
	nc := l.chunks
	rsdnm := l.rsdnm
	s := 0 // pipeline step: one per plane and i-chunk, growing through the region
	for istep := 1; istep <= l.niter; istep++ {
		if l.hp {
			p.Barrier() // the diagonals mix rows of every place
			p.Hyperplanes(1, l.ny-2, nz-2, l.hpLowerF)
			p.Hyperplanes(1, l.ny-2, nz-2, l.hpUpperF)
		} else {
			for k := 1; k <= nz-2; k++ {
				for c := range nc {
					s++
					p.WaitLeft(s)
					ilo, ihi := l.chunk(c)
					for j := jlo; j < jhi; j++ {
						l.bltsLine(j, k, ilo, ihi)
					}
					p.Post(s)
				}
			}
			for k := nz - 2; k >= 1; k-- {
				for c := nc - 1; c >= 0; c-- {
					s++
					p.WaitRight(s)
					ilo, ihi := l.chunk(c)
					for j := jhi - 1; j >= jlo; j-- {
						l.butsLine(j, k, ilo, ihi)
					}
					p.Post(s)
				}
			}
			p.Barrier()
		}

		// update the variables, with the l2norm of the correction when
		// asked, and the new right-hand side
		delu := istep%l.inorm == 0
		for k := klo; k < khi; k++ {
			var sum *[5]float64
			if delu {
				sum = &l.sumDelu[k]
				*sum = [5]float64{}
			}
			l.rhsPlane(ps, k, true, sum)
		}
		p.Barrier()
		if delu && p.ID() == 0 {
			l.delunm = l.normOf(l.sumDelu)
		}
		for j := jlo; j < jhi; j++ {
			l.rhsZeta(ps, j)
		}
		if istep%l.inorm == 0 || istep == l.itmax {
			rsdnm = l.l2norm(p, l.rsd, l.sumRsd)
		}
		if p.ID() == 0 {
			l.steps, l.rsdnm = istep, rsdnm
		}
		if l.converged(&rsdnm) {
			break
		}
	}
}

// converged is ssor's test of the residual norms against tolrsd.
func (l *problem) converged(r *[5]float64) bool {
	return r[0] < l.tolrsd[0] && r[1] < l.tolrsd[1] && r[2] < l.tolrsd[2] &&
		r[3] < l.tolrsd[3] && r[4] < l.tolrsd[4]
}

// chunk is the c-th of the pipeline's i-chunks of the interior 1..nx−2.
func (l *problem) chunk(c int) (int, int) {
	return places.Block(1, l.nx-1, c, l.chunks)
}

// pipelineChunks picks how many i-chunks a place posts per plane: one when
// the pipeline's fill (np−1 steps of K·chunks) is already small, more
// when many places share few rows, so the fill stays near 2% of a sweep.
func pipelineChunks(np, ni, nk int) int {
	if np <= 1 || nk <= 0 {
		return 1
	}
	c := (50*(np-1) + nk - 1) / nk
	return max(1, min(c, ni))
}

// hpLower is one diagonal d of the lower sweep in ssor_hp.f's order: the
// lines (j, k) of the interior with (j−1)+(k−1) = d, this place's share
// [lo, hi) of them numbered by increasing k (places.HyperplanePoint).
func (l *problem) hpLower(d, lo, hi int) {
	kmin := max(0, d-(l.ny-3))
	for t := lo; t < hi; t++ {
		k := kmin + t
		l.bltsLine(d-k+1, k+1, 1, l.nx-1)
	}
}

// hpUpper is one diagonal of the upper sweep: the box reflected in j and k,
// so that Hyperplanes' ascending diagonals run the upper sweep's order.
func (l *problem) hpUpper(d, lo, hi int) {
	kmin := max(0, d-(l.ny-3))
	for t := lo; t < hi; t++ {
		k := kmin + t
		l.butsLine(l.ny-2-(d-k), l.nz-2-k, 1, l.nx-1)
	}
}

// l2norm is l2norm.f on v: after a barrier, every place sums its planes'
// interior points into sums[k], and after a barrier every place adds the
// planes in k order, so the result does not depend on the number of
// places. Place 0 may store it; the others must not write it.
func (l *problem) l2norm(p *places.Place, v []cell, sums [][5]float64) [5]float64 {
	p.Barrier()
	klo, khi := p.Block(1, l.nz-1)
	for k := klo; k < khi; k++ {
		var s [5]float64
		l.sumSquares(&s, v, k)
		sums[k] = s
	}
	p.Barrier()
	return l.normOf(sums)
}

// sumSquares adds the squares of v's solved points on plane k to s, in
// l2norm.f's order (j, then i).
func (l *problem) sumSquares(s *[5]float64, v []cell, k int) {
	t := *s
	for j := l.y.st; j < l.y.end; j++ {
		row := v[l.at(l.x.st, j, k):][:l.x.end-l.x.st]
		for i := range row {
			c := &row[i]
			for m := range 5 {
				t[m] = t[m] + c[m]*c[m]
			}
		}
	}
	*s = t
}

// normOf adds the interior planes' partial sums in k order and takes the
// root mean square.
func (l *problem) normOf(sums [][5]float64) [5]float64 {
	var s [5]float64
	for k := 1; k < l.nz-1; k++ {
		for m := range 5 {
			s[m] = s[m] + sums[k][m]
		}
	}
	return l.rms(s)
}

// rms is the last step of l2norm.f and error.f: the root mean square of
// the sums s of squares over the grid's interior points.
func (l *problem) rms(s [5]float64) [5]float64 {
	for m := range 5 {
		s[m] = math.Sqrt(s[m] / (float64(l.nx-2) * float64(l.ny-2) * float64(l.nz-2)))
	}
	return s
}
