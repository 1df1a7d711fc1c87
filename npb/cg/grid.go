package cg

import (
	"fmt"

	"npbgo/runtime/comm"
)

// grid is a rank's place in the 2-D process grid and the exchange
// schedule of conj_grad (setup_proc_info and setup_submatrix_info of
// cg.f), with 0-based indices: the rank owns rows [firstrow, lastrow] and
// columns [firstcol, lastcol] of the matrix, inclusive like the reference.
type grid struct {
	me, nprocs     int
	npcols, nprows int
	procRow        int
	procCol        int

	firstrow, lastrow int
	firstcol, lastcol int

	sendStart, sendLen int // of w, in the transpose exchange
	exchProc           int // the transpose partner (world rank)
	exchRecvLength     int
	l2npcols           int
	// Per reduction step i (0-based; cg.f's i+1): the partner (its rank
	// in the row, = its process column) and the slices sent and received.
	reduceExchProc    []int
	reduceSendStarts  []int
	reduceSendLengths []int
	reduceRecvStarts  []int
	reduceRecvLengths []int
}

// newGrid lays out nprocs ranks: nprows × npcols, both powers of two and
// npcols = nprows or 2·nprows.
func newGrid(na, me, nprocs int) (*grid, error) {
	logp := 0
	for 1<<logp < nprocs {
		logp++
	}
	if 1<<logp != nprocs {
		return nil, &comm.RankCountError{Kernel: "cg-mpi", Ranks: nprocs, Want: "a power of two"}
	}
	g := &grid{me: me, nprocs: nprocs}
	g.nprows = 1 << (logp / 2)
	g.npcols = 1 << (logp - logp/2)
	if na/g.npcols < 2 {
		return nil, &comm.RankCountError{Kernel: "cg-mpi", Ranks: nprocs, Want: fmt.Sprintf("at most %d for a matrix of order %d", na/2, na)}
	}
	g.setupSubmatrix(na)
	return g, nil
}

// setupSubmatrix is setup_submatrix_info: the rank's rows and columns,
// the transpose partner and the reduction schedule.
func (g *grid) setupSubmatrix(na int) {
	npcols, nprows, me := g.npcols, g.nprows, g.me
	g.procRow = me / npcols
	g.procCol = me - g.procRow*npcols
	// 1-based as in the reference, shifted at the end.
	firstrow, lastrow := block(na, nprows, g.procRow)
	var firstcol, lastcol int
	if na%npcols == 0 || npcols == nprows {
		firstcol, lastcol = block(na, npcols, g.procCol)
	} else {
		// Two ranks share a column block of the square grid, the even
		// one taking the larger half.
		firstcol, lastcol = block(na, npcols/2, g.procCol/2)
		colSize := lastcol - firstcol + 1
		if me%2 == 0 {
			lastcol = firstcol - 1 + (colSize-1)/2 + 1
		} else {
			firstcol = firstcol + (colSize-1)/2 + 1
			lastcol = firstcol - 1 + colSize/2
		}
	}
	nrows := lastrow - firstrow + 1
	var sendStart, sendLen int
	if npcols == nprows {
		sendStart, sendLen = 1, nrows
	} else if me%2 == 0 {
		sendStart, sendLen = 1, (1+nrows)/2
	} else {
		sendStart, sendLen = (1+nrows)/2+1, nrows/2
	}
	if npcols == nprows {
		g.exchProc = me%nprows*nprows + me/nprows
	} else {
		g.exchProc = 2*((me/2)%nprows*nprows+me/2/nprows) + me%2
	}
	for i := npcols / 2; i > 0; i /= 2 {
		g.l2npcols++
	}
	l := g.l2npcols
	g.reduceExchProc = make([]int, l)
	g.reduceSendStarts = make([]int, l)
	g.reduceSendLengths = make([]int, l)
	g.reduceRecvStarts = make([]int, l)
	g.reduceRecvLengths = make([]int, l)
	div := npcols
	for i := range l {
		g.reduceExchProc[i] = (g.procCol+div/2)%div + g.procCol/div*div
		div /= 2
	}
	for i := l - 1; i >= 0; i-- {
		if nprows == npcols {
			g.reduceSendStarts[i] = sendStart
			g.reduceSendLengths[i] = sendLen
			g.reduceRecvLengths[i] = nrows
		} else {
			g.reduceRecvLengths[i] = sendLen
			if i == l-1 {
				g.reduceSendLengths[i] = nrows - sendLen
				if me/2*2 == me {
					g.reduceSendStarts[i] = sendStart + sendLen
				} else {
					g.reduceSendStarts[i] = 1
				}
			} else {
				g.reduceSendLengths[i] = sendLen
				g.reduceSendStarts[i] = sendStart
			}
		}
		g.reduceRecvStarts[i] = sendStart
	}
	// 0-based from here on.
	for i := range l {
		g.reduceSendStarts[i]--
		g.reduceRecvStarts[i]--
	}
	g.firstrow, g.lastrow = firstrow-1, lastrow-1
	g.firstcol, g.lastcol = firstcol-1, lastcol-1
	g.sendStart, g.sendLen = sendStart-1, sendLen
	g.exchRecvLength = lastcol - firstcol + 1
}

// block is the first and last index (1-based, inclusive) of part i of
// 1..n cut into parts blocks, the first n mod parts of them one longer.
func block(n, parts, i int) (first, last int) {
	size, r := n/parts, n%parts
	if i < r {
		first = i*(size+1) + 1
		return first, first + size
	}
	first = r*(size+1) + (i-r)*size + 1
	return first, first + size - 1
}

func (g *grid) nrows() int { return g.lastrow - g.firstrow + 1 }
func (g *grid) ncols() int { return g.lastcol - g.firstcol + 1 }
