package cg

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
	"npbgo/runtime/places"
	"npbgo/runtime/shm"
)

// skipLarge skips classes above S in short and race runs.
func skipLarge(t testing.TB, c npb.Class) {
	t.Helper()
	if c != npb.ClassS {
		npbtest.SkipLong(t)
	}
}

// setup generates class c on a new group of np places and does the
// untimed iteration, as Run does.
func setup(t testing.TB, c npb.Class, np int) *benchmark {
	return setupOn(t, c, np, places.Options{})
}

// setupOn is setup on a group with the given options.
func setupOn(t testing.TB, c npb.Class, np int, opts places.Options) *benchmark {
	t.Helper()
	pr, err := ReadClass(c)
	if err != nil {
		t.Fatal(err)
	}
	g, err := places.New(np, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	b := newBenchmark(g, pr)
	g.Run(b.iterBody)
	g.Run(b.resetBody)
	return b
}

func TestVerification(t *testing.T) {
	npbtest.Verify(t, Run, func(t *testing.T, c npb.Class, np int, r *npb.Result, out string) {
		if !r.Verified {
			t.Fatalf("not verified: %+v\n%s", r.Checks, out)
		}
		pr, _ := ReadClass(c)
		if r.Kernel != "CG" || r.Class != c || r.Places != np || r.Iterations != pr.Params.Niter ||
			!slices.Equal(r.Size, []int{pr.Params.Na}) || r.OpType != "floating point" {
			t.Errorf("result fields: %+v", r)
		}
		if len(r.Checks) != 1 || r.Checks[0].Name != "zeta" || r.Checks[0].Epsilon != 1e-10 {
			t.Errorf("checks: %+v", r.Checks)
		}
		if r.Seconds <= 0 || r.Mops <= 0 {
			t.Errorf("time %v s, %v Mop/s", r.Seconds, r.Mops)
		}
	})
}

// The per-iteration zeta of class S as the Fortran reference (NPB3.4-OMP,
// gfortran, 2 threads) prints it with F20.13.
var fortranZetaS = []string{
	"9.9986441579140", "8.5733279203222", "8.5954510374058", "8.5969972340737",
	"8.5971549151767", "8.5971744311608", "8.5971770704913", "8.5971774440630",
	"8.5971774983942", "8.5971775064409", "8.5971775076486", "8.5971775078318",
	"8.5971775078598", "8.5971775078641", "8.5971775078648",
}

func TestOutputMatchesReference(t *testing.T) {
	nps := []int{0, 2}
	if npbtest.Race {
		nps = nps[1:]
	}
	for _, np := range nps {
		var out bytes.Buffer
		if _, err := Run(npb.Config{Class: npb.ClassS, Places: np, Out: &out}); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		for _, want := range []string{
			" Size:        1400  (class S)\n",
			" Iterations:    15\n",
			"\n   iteration           ||r||                 zeta\n",
			" Benchmark completed \n VERIFICATION SUCCESSFUL \n Zeta is     0.8597177507865E+01\n Error is   ",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("places=%d: output lacks %q:\n%s", np, want, text)
			}
		}
		if got := strings.Contains(text, " Number of available threads:"); got != (np > 0) {
			t.Errorf("places=%d: thread line printed = %v", np, got)
		}
		line := regexp.MustCompile(`(?m)^    ([ \d]{5})      ( 0\.\d{14}E[-+]\d\d)(.{20})$`)
		m := line.FindAllStringSubmatch(text, -1)
		if len(m) != len(fortranZetaS) {
			t.Fatalf("places=%d: %d iteration lines, want %d:\n%s", np, len(m), len(fortranZetaS), text)
		}
		for i, f := range m {
			if strings.TrimSpace(f[1]) != fmt.Sprint(i+1) || strings.TrimSpace(f[3]) != fortranZetaS[i] {
				t.Errorf("places=%d: line %d = %q, want iteration %d zeta %s", np, i, f[0], i+1, fortranZetaS[i])
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	nps := npbtest.PlaceCounts
	if npbtest.Race {
		nps = []int{2}
	}
	for _, np := range nps {
		var first *benchmark
		for rep := range 2 {
			b := setup(t, npb.ClassS, np)
			b.timedLoop()
			if rep == 0 {
				first = b
				continue
			}
			for it := range b.zetas {
				if math.Float64bits(b.zetas[it]) != math.Float64bits(first.zetas[it]) ||
					math.Float64bits(b.rnorms[it]) != math.Float64bits(first.rnorms[it]) {
					t.Errorf("places=%d iteration %d: zeta %v/%v rnorm %v/%v differ between runs",
						np, it+1, first.zetas[it], b.zetas[it], first.rnorms[it], b.rnorms[it])
				}
			}
		}
	}
}

// Serial mode and one place are the same code and give the same bits.
func TestSerialIsOnePlace(t *testing.T) {
	s, o := setup(t, npb.ClassS, 0), setup(t, npb.ClassS, 1)
	s.timedLoop()
	o.timedLoop()
	if !slices.Equal(s.zetas, o.zetas) || !slices.Equal(s.rnorms, o.rnorms) {
		t.Errorf("serial %v\n one place %v", s.zetas, o.zetas)
	}
}

func TestMakeaSameForEveryNP(t *testing.T) {
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		t.Run(c.String(), func(t *testing.T) {
			skipLarge(t, c)
			pr, _ := ReadClass(c)
			p := pr.Params
			var ref *matrix
			for _, np := range npbtest.PlaceCounts {
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				m := makea(g, p.Na, p.Nonzer, p.Rcond, p.Shift)
				g.Close()
				if err := m.check(); err != nil {
					t.Fatalf("places=%d: %v", np, err)
				}
				if ref == nil {
					ref = m
					if nz := int64(len(m.a)); nz > p.Nz {
						t.Errorf("%d nonzeros exceed nz = %d", nz, p.Nz)
					}
					continue
				}
				if !slices.Equal(m.rowstr, ref.rowstr) || !slices.Equal(m.colidx, ref.colidx) ||
					!slices.EqualFunc(m.a, ref.a, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
					t.Errorf("places=%d: matrix differs from serial", np)
				}
			}
		})
	}
}

// check validates the CSR structure: monotone rows, sorted columns in
// range, and symmetry of the pattern.
func (m *matrix) check() error {
	if len(m.rowstr) != m.n+1 || m.rowstr[0] != 0 || int(m.rowstr[m.n]) != len(m.a) || len(m.a) != len(m.colidx) {
		return fmt.Errorf("bad shape: n=%d rowstr %d..%d, %d values, %d columns",
			m.n, m.rowstr[0], m.rowstr[m.n], len(m.a), len(m.colidx))
	}
	for j := range m.n {
		cols := m.colidx[m.rowstr[j]:m.rowstr[j+1]]
		for k, c := range cols {
			if c < 0 || int(c) >= m.n || (k > 0 && cols[k-1] >= c) {
				return fmt.Errorf("row %d: columns not strictly ascending in range: %v", j, cols)
			}
			if _, ok := slices.BinarySearch(m.colidx[m.rowstr[c]:m.rowstr[c+1]], int32(j)); !ok {
				return fmt.Errorf("entry (%d,%d) has no transpose", j, c)
			}
		}
		if _, ok := slices.BinarySearch(cols, int32(j)); !ok {
			return fmt.Errorf("row %d has no diagonal", j)
		}
	}
	return nil
}

// matvecChecked is the plain, bounds-checked product, the reference for
// matvec's unchecked gather.
func matvecChecked(dst []float64, m *matrix, src []float64, lo, hi int) {
	for j := lo; j < hi; j++ {
		var s float64
		for k := m.rowstr[j]; k < m.rowstr[j+1]; k++ {
			s += m.a[k] * src[m.colidx[k]]
		}
		dst[j] = s
	}
}

func TestMatvec(t *testing.T) {
	// [[2 0 1] [0 3 0] [1 0 4]]
	small := &matrix{n: 3, rowstr: []int64{0, 2, 3, 5}, colidx: []int32{0, 2, 1, 0, 2}, a: []float64{2, 1, 3, 1, 4}}
	src := []float64{1, 2, 3}
	for _, tc := range []struct{ lo, hi int }{{0, 3}, {0, 1}, {1, 3}, {2, 2}} {
		dst := []float64{-1, -1, -1}
		matvec(dst, small, src, tc.lo, tc.hi)
		want := []float64{-1, -1, -1}
		full := []float64{5, 6, 13}
		copy(want[tc.lo:tc.hi], full[tc.lo:tc.hi])
		if !slices.Equal(dst, want) {
			t.Errorf("rows [%d,%d): got %v want %v", tc.lo, tc.hi, dst, want)
		}
	}

	pr, _ := ReadClass(npb.ClassS)
	p := pr.Params
	g, err := places.New(0, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := makea(g, p.Na, p.Nonzer, p.Rcond, p.Shift)
	src = make([]float64, m.n)
	for i := range src {
		src[i] = math.Sin(float64(i))
	}
	got, want := make([]float64, m.n), make([]float64, m.n)
	for _, r := range [][2]int{{0, m.n}, {0, 1}, {m.n - 1, m.n}, {17, 903}} {
		matvec(got, m, src, r[0], r[1])
		matvecChecked(want, m, src, r[0], r[1])
		if !slices.Equal(got[r[0]:r[1]], want[r[0]:r[1]]) {
			t.Errorf("rows %v: matvec differs from the checked product", r)
		}
	}
	// The gathers and the streams of a and colidx are unchecked, so matvec
	// must refuse vectors shorter than the matrix says.
	short := *m
	short.a = m.a[:len(m.a)-1]
	shortCol := *m
	shortCol.colidx = m.colidx[:len(m.colidx)-1]
	for _, tc := range []struct {
		name string
		m    *matrix
		src  []float64
	}{
		{"source vector", m, src[:m.n-1]},
		{"values", &short, src},
		{"column indices", &shortCol, src},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for short %s", tc.name)
				}
			}()
			matvec(got, tc.m, tc.src, 0, m.n)
		}()
	}
}

func TestVecset(t *testing.T) {
	for _, tc := range []struct {
		name    string
		iv      []int32
		i       int
		wantIv  []int32
		wantSet int // position that gets the value
	}{
		{"absent", []int32{4, 1, 7}, 3, []int32{4, 1, 7, 3}, 3},
		{"present", []int32{4, 1, 7}, 1, []int32{4, 1, 7}, 1},
		{"empty", nil, 0, []int32{0}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := make([]float64, 4)
			iv := make([]int32, 4)
			copy(iv, tc.iv)
			for k := range tc.iv {
				v[k] = 0.25
			}
			n := vecset(v, iv, len(tc.iv), tc.i, 0.5)
			if !slices.Equal(iv[:n], tc.wantIv) || v[tc.wantSet] != 0.5 {
				t.Errorf("got iv %v v %v", iv[:n], v[:n])
			}
		})
	}
}

func TestSprnvc(t *testing.T) {
	const n, nz, nn1 = 1400, 7, 2048
	tran, amult := float64(npb.Seed), float64(npb.Multiplier)
	v := make([]float64, nz+1)
	iv := make([]int32, nz+1)
	for range 50 {
		got := sprnvc(v, iv, n, nz, nn1, &tran, amult)
		if got != nz {
			t.Fatalf("%d entries, want %d", got, nz)
		}
		seen := map[int32]bool{}
		for k := range got {
			if iv[k] < 0 || iv[k] >= n || seen[iv[k]] || v[k] <= 0 || v[k] >= 1 {
				t.Fatalf("bad entry %d: (%d, %v) in %v", k, iv[k], v[k], iv[:got])
			}
			seen[iv[k]] = true
		}
	}
}

func TestBadClass(t *testing.T) {
	for _, c := range []npb.Class{'X', 0} {
		_, err := Run(npb.Config{Class: c})
		if err == nil || !strings.HasPrefix(err.Error(), "cg: ") {
			t.Errorf("class %q: err = %v, want a cg: error", c, err)
		}
	}
}

func TestRegistered(t *testing.T) {
	k, err := npb.Lookup("cg")
	if err != nil {
		t.Fatal(err)
	}
	if k.Classes() != "SWABCDEF" || k.Pin != "compact" || k.Memory == nil {
		t.Errorf("kernel %+v", k)
	}
	for _, c := range k.Classes() {
		if k.Memory(npb.Class(c), 1) <= 0 {
			t.Errorf("no memory estimate for class %c", c)
		}
	}
	if a := k.Memory(npb.ClassA, 1); a > 60<<20 {
		t.Errorf("class A estimate %d MiB", a>>20)
	}
}

// The timed region (niter outer iterations) allocates nothing.
func TestTimedLoopNoAlloc(t *testing.T) {
	if npbtest.Race {
		t.Skip("the race detector allocates")
	}
	for _, np := range []int{0, 1, 2, 4} {
		b := setup(t, npb.ClassS, np)
		if n := npbtest.Allocs(3, b.timedLoop); n != 0 {
			t.Errorf("places=%d: %v allocations per timed loop", np, n)
		}
	}
}

// compactCPUs pins place i to CPU i mod NumCPU, as the CLI's default
// "compact" policy does on a one-socket machine.
func compactCPUs(np int) []int {
	cpus := make([]int, max(np, 1))
	for i := range cpus {
		cpus[i] = i % runtime.NumCPU()
	}
	return cpus
}

// BenchmarkCG times the timed region (niter outer iterations); the
// classes are S, plus W and A unless -short.
func BenchmarkCG(b *testing.B) {
	classes := []npb.Class{npb.ClassS, npb.ClassW, npb.ClassA}
	if testing.Short() {
		classes = classes[:1]
	}
	for _, c := range classes {
		for _, np := range []int{0, 1, 2, 4} {
			b.Run(fmt.Sprintf("class=%s/places=%d", c, np), func(b *testing.B) {
				bm := setupOn(b, c, np, places.Options{CPUs: compactCPUs(np)})
				b.ResetTimer()
				for b.Loop() {
					bm.g.Run(bm.resetBody)
					bm.timedLoop()
				}
				sec := b.Elapsed().Seconds() / float64(b.N)
				b.ReportMetric(Mops(bm.na, bm.nonzer, bm.niter, sec), "Mop/s")
			})
		}
	}
}

// BenchmarkMatvec times one full sparse product A·p of class A: matvec
// or the bounds-checked loop, with the matrix on transparent huge pages or
// on 4 KiB pages.
func BenchmarkMatvec(b *testing.B) {
	pr, err := ReadClass(npb.ClassA)
	if err != nil {
		b.Fatal(err)
	}
	p := pr.Params
	for _, huge := range []bool{true, false} {
		old := shm.SetHugePages(huge)
		g, err := places.New(0, places.Options{})
		if err != nil {
			b.Fatal(err)
		}
		m := makea(g, p.Na, p.Nonzer, p.Rcond, p.Shift)
		shm.SetHugePages(old)
		src, dst := make([]float64, m.n), make([]float64, m.n)
		for i := range src {
			src[i] = 1
		}
		for _, k := range []struct {
			name string
			f    func([]float64, *matrix, []float64, int, int)
		}{{"matvec", matvec}, {"checked", matvecChecked}} {
			b.Run(fmt.Sprintf("class=A/kernel=%s/huge=%v", k.name, huge), func(b *testing.B) {
				b.SetBytes(int64(len(m.a)) * 12)
				for b.Loop() {
					k.f(dst, m, src, 0, m.n)
				}
			})
		}
	}
}

// TestMemoryEstimate checks the estimates of both forms against a run's
// peak resident memory. CG-MPI is checked on 2 ranks: its estimate is one
// rank's, which at class W keeps nearly all of makea's random vectors
// until its block is built; four in-process ranks do not all hold theirs
// at the same moment, and peak 10-12% below four times one rank.
func TestMemoryEstimate(t *testing.T) {
	npbtest.MemoryEstimates(t, []npb.Class{npb.ClassS, npb.ClassW}, Kernel)
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		t.Run(fmt.Sprintf("%s/class=%s/places=2", KernelMPI.Name, c), func(t *testing.T) {
			npbtest.MemoryEstimate(t, KernelMPI, c, 2)
		})
	}
}
