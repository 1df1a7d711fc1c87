package cg

import (
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
)

func TestMPIVerification(t *testing.T) {
	zeta := map[npb.Class]float64{}
	npbtest.VerifyRanks(t, KernelMPI.Run, func(t *testing.T, c npb.Class, np int, res *npb.Result, out string) {
		if res.Kernel != "CG-MPI" {
			t.Errorf("bad result fields %+v", res)
		}
		// One rank in process and the serial point are the same code.
		z := res.Checks[0].Value
		if np == 0 {
			zeta[c] = z
		} else if np == 1 && math.Float64bits(z) != math.Float64bits(zeta[c]) {
			t.Errorf("zeta %v at 1 rank, %v at the serial point", z, zeta[c])
		}
	})
}

// TestMPIRepeatable checks that a rank count gives the same bits every run.
func TestMPIRepeatable(t *testing.T) {
	if npbtest.Race {
		t.Skip("slow under the race detector, and it does not change the arithmetic")
	}
	var z []float64
	for range 2 {
		res, err := KernelMPI.Run(npb.Config{Class: npb.ClassS, Places: 2})
		if err != nil {
			t.Fatal(err)
		}
		z = append(z, res.Checks[0].Value)
	}
	if math.Float64bits(z[0]) != math.Float64bits(z[1]) {
		t.Fatalf("zeta %v then %v", z[0], z[1])
	}
}

func TestMPIPowerOfTwo(t *testing.T) {
	for _, np := range []int{3, 6} {
		_, err := KernelMPI.Run(npb.Config{Class: npb.ClassS, Places: np})
		if err == nil || !strings.Contains(err.Error(), "power of two") {
			t.Errorf("%d ranks: err = %v", np, err)
		}
	}
}

// TestGrid checks the process grid of setup_submatrix_info for 1 to 1024
// ranks and an order that divides and one that does not: every row and
// column block tiles the matrix, the transpose partners pair up, and a
// rank's transpose message is as long as its partner's columns.
func TestGrid(t *testing.T) {
	for _, na := range []int{1400, 1399} {
		for np := 1; np <= 1024; np *= 2 {
			gs := make([]*grid, np)
			for me := range np {
				g, err := newGrid(na, me, np)
				if err != nil {
					t.Fatal(err)
				}
				gs[me] = g
			}
			for me, g := range gs {
				if g.nprows*g.npcols != np || (g.npcols != g.nprows && g.npcols != 2*g.nprows) {
					t.Fatalf("na=%d np=%d: grid %dx%d", na, np, g.nprows, g.npcols)
				}
				x := gs[g.exchProc]
				if x.exchProc != me {
					t.Errorf("na=%d np=%d: transpose partner of %d is %d, whose partner is %d", na, np, me, g.exchProc, x.exchProc)
				}
				if g.l2npcols > 0 && g.sendLen != x.exchRecvLength {
					t.Errorf("na=%d np=%d: rank %d sends %d to %d, which expects %d", na, np, me, g.sendLen, g.exchProc, x.exchRecvLength)
				}
				if g.firstrow+g.sendStart+g.sendLen-1 > g.lastrow || x.firstcol != g.firstrow+g.sendStart {
					t.Errorf("na=%d np=%d: rank %d sends rows from %d, partner's columns start at %d", na, np, me, g.firstrow+g.sendStart, x.firstcol)
				}
			}
			// Process row 0 tiles the columns, process column 0 the rows.
			next := 0
			for c := range gs[0].npcols {
				g := gs[c]
				if g.firstcol != next {
					t.Fatalf("na=%d np=%d: columns of rank %d start at %d, want %d", na, np, c, g.firstcol, next)
				}
				next = g.lastcol + 1
			}
			if next != na {
				t.Fatalf("na=%d np=%d: columns end at %d", na, np, next)
			}
			next = 0
			for rw := range gs[0].nprows {
				g := gs[rw*gs[0].npcols]
				if g.firstrow != next {
					t.Fatalf("na=%d np=%d: rows of rank %d start at %d, want %d", na, np, rw, g.firstrow, next)
				}
				next = g.lastrow + 1
			}
			if next != na {
				t.Fatalf("na=%d np=%d: rows end at %d", na, np, next)
			}
		}
	}
}

// TestMakeaOracle compares makea with refMakea, a literal transliteration
// of makea and sparse of cg.f (the triple list, the bucket sort by row,
// the duplicate sums), bit for bit, at class S on 1 to 8 ranks.
func TestMakeaOracle(t *testing.T) {
	pr, err := ReadClass(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	c := pr.Params
	for _, np := range []int{1, 2, 4, 8} {
		for me := range np {
			g, err := newGrid(c.Na, me, np)
			if err != nil {
				t.Fatal(err)
			}
			got := makeaBlock(c.Na, c.Nonzer, c.Rcond, c.Shift, g)
			want := refMakea(c.Na, c.Nonzer, c.Rcond, c.Shift, g)
			if len(got.a) != len(want.a) {
				t.Fatalf("np=%d rank %d: %d entries, want %d", np, me, len(got.a), len(want.a))
			}
			for k := range got.a {
				if math.Float64bits(got.a[k]) != math.Float64bits(want.a[k]) || got.colidx[k] != want.colidx[k] {
					t.Fatalf("np=%d rank %d: entry %d is (%d, %v), want (%d, %v)", np, me, k, got.colidx[k], got.a[k], want.colidx[k], want.a[k])
				}
			}
			for j := range got.rowstr {
				if got.rowstr[j] != want.rowstr[j] {
					t.Fatalf("np=%d rank %d: rowstr[%d] = %d, want %d", np, me, j, got.rowstr[j], want.rowstr[j])
				}
			}
		}
	}
}

// refMakea is makea and sparse of NPB3.4-MPI cg.f transliterated: 1-based
// row and column numbers in the triple list, local 0-based in the result.
func refMakea(n, nonzer int, rcond, shift float64, g *grid) *matrix {
	firstrow, lastrow := g.firstrow+1, g.lastrow+1
	firstcol, lastcol := g.firstcol+1, g.lastcol+1
	tran, amult := float64(npb.Seed), float64(npb.Multiplier)
	npb.Randlc(&tran, amult)
	nn1 := 1
	for nn1 < n {
		nn1 *= 2
	}
	size := 1.0
	ratio := math.Pow(rcond, 1/float64(n))
	var arow, acol []int
	var aelt []float64
	v := make([]float64, nonzer+1)
	iv := make([]int32, nonzer+1)
	for iouter := 1; iouter <= n; iouter++ {
		nzv := sprnvc(v, iv, n, nonzer, nn1, &tran, amult)
		nzv = vecset(v, iv, nzv, iouter-1, 0.5)
		for ivelt := 0; ivelt < nzv; ivelt++ {
			jcol := int(iv[ivelt]) + 1
			if jcol >= firstcol && jcol <= lastcol {
				scale := size * v[ivelt]
				for ivelt1 := 0; ivelt1 < nzv; ivelt1++ {
					irow := int(iv[ivelt1]) + 1
					if irow >= firstrow && irow <= lastrow {
						acol = append(acol, jcol)
						arow = append(arow, irow)
						aelt = append(aelt, v[ivelt1]*scale)
					}
				}
			}
		}
		size *= ratio
	}
	for i := firstrow; i <= lastrow; i++ {
		if i >= firstcol && i <= lastcol {
			acol = append(acol, i)
			arow = append(arow, i)
			aelt = append(aelt, rcond-shift)
		}
	}
	// sparse
	nrows := lastrow - firstrow + 1
	nnza := len(aelt)
	rowstr := make([]int, n+2)
	for nza := range nnza {
		j := (arow[nza] - firstrow + 1) + 1
		rowstr[j]++
	}
	rowstr[1] = 1
	for j := 2; j <= nrows+1; j++ {
		rowstr[j] += rowstr[j-1]
	}
	a := make([]float64, nnza+1)
	colidx := make([]int, nnza+1)
	for nza := range nnza {
		j := arow[nza] - firstrow + 1
		k := rowstr[j]
		a[k] = aelt[nza]
		colidx[k] = acol[nza]
		rowstr[j]++
	}
	for j := nrows; j >= 1; j-- {
		rowstr[j+1] = rowstr[j]
	}
	rowstr[1] = 1
	x := make([]float64, n+1)
	mark := make([]int, n+1)
	nzloc := make([]int, n+1)
	nza := 0
	jajp1 := rowstr[1]
	for j := 1; j <= nrows; j++ {
		nzrow := 0
		for k := jajp1; k <= rowstr[j+1]-1; k++ {
			i := colidx[k]
			x[i] = x[i] + a[k]
			if mark[i] == 0 && x[i] != 0 {
				mark[i] = 1
				nzrow++
				nzloc[nzrow] = i
			}
		}
		for k := 1; k <= nzrow; k++ {
			i := nzloc[k]
			mark[i] = 0
			xi := x[i]
			x[i] = 0
			if xi != 0 {
				nza++
				a[nza] = xi
				colidx[nza] = i
			}
		}
		jajp1 = rowstr[j+1]
		rowstr[j+1] = nza + rowstr[1]
	}
	m := &matrix{rowstr: make([]int64, nrows+1)}
	for j := 1; j <= nrows+1; j++ {
		m.rowstr[j-1] = int64(rowstr[j] - 1)
	}
	for k := 1; k <= nza; k++ {
		m.a = append(m.a, a[k])
		m.colidx = append(m.colidx, int32(colidx[k]-firstcol))
	}
	return m
}

func TestMPINoAllocationsInTimed(t *testing.T) {
	npbtest.NoTimedAllocs(t, newMPIRun, npb.ClassS, 2)
}

func BenchmarkCGMPI(b *testing.B) { npbtest.BenchmarkKernel(b, KernelMPI.Run, npb.ClassS, npb.ClassW) }

// TestFortranMPI compares ||r|| of the first and last iteration at class
// S with NPB3.4-MPI's cg.S.x built without FMA contraction (gfortran -O2
// -ffp-contract=off, Open MPI 4.1) and run on 1, 2, 4 and 8 processes.
// ||r|| is about 1e-13, the difference of nearly equal vectors, so its 14
// printed digits change with any rounding: equal digits mean the same
// matrix, the same exchanges and the same order of every sum.
func TestFortranMPI(t *testing.T) {
	want := map[int][2]string{
		1: {"0.13805568625814E-12", "0.17741701385524E-14"},
		2: {"0.14006707615843E-12", "0.21624874436224E-14"},
		4: {"0.14006707615843E-12", "0.21624874436224E-14"},
		8: {"0.13939308790790E-12", "0.18388008945644E-14"},
	}
	for _, np := range []int{1, 2, 4, 8} {
		if npbtest.ManyRanks(t, np) || (np == 2 && testing.Short()) { // 2 has 4's numbers
			continue
		}
		_, b, err := newMPIRun(npb.ClassS)
		if err != nil {
			t.Fatal(err)
		}
		g, err := places.New(np, places.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Setup(g, npb.Config{}); err != nil {
			t.Fatal(err)
		}
		b.Timed()
		g.Close()
		rn := b.(*mpiRun).ranks[0].rnorms
		got := [2]string{npb.FortranE(rn[0], 20, 14), npb.FortranE(rn[len(rn)-1], 20, 14)}
		if got != want[np] {
			t.Errorf("%d ranks: ||r|| of iterations 1 and 15: %v, Fortran-MPI %v", np, got, want[np])
		}
	}
}
