package peak

import (
	"testing"

	"npbgo/runtime/places"
)

// TestFlopsPerRun checks the flop count against what the loops do: with
// m = c = 1 each step of each lane adds one, so the sum grows by the
// number of FMAs, two flops each.
func TestFlopsPerRun(t *testing.T) {
	type loop struct {
		name  string
		run   func(m, c float64, n int) float64
		lanes int
	}
	loops := []loop{
		{"run", run, lanes()},
		{"runScalar", runScalar, 1},
	}
	for _, l := range loops {
		for _, n := range []int{0, 1, 7, 1000, iters} {
			fmas := l.run(1, 1, n) - l.run(1, 1, 0)
			if want := float64(n * chains * l.lanes); fmas != want {
				t.Errorf("%s: %d steps did %g FMAs, want %g", l.name, n, fmas, want)
			}
		}
	}
	if got, want := (run(1, 1, iters)-run(1, 1, 0))*2, FlopsPerRun(); got != want {
		t.Errorf("one run does %g flops, FlopsPerRun says %g", got, want)
	}
}

func TestKind(t *testing.T) {
	want := map[int]string{1: Scalar, 4: Vector}[lanes()]
	if Kind() != want {
		t.Errorf("Kind() = %q with %d lanes, want %q", Kind(), lanes(), want)
	}
}

// TestTime runs the probe on groups of 1 and 2 places (more places than
// the probe was made for would index past its sink).
func TestTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times ~2 ms of work per place")
	}
	p := New(2)
	for _, np := range []int{1, 2} {
		g, err := places.New(np, places.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sec := p.Time(g)
		g.Close()
		if gf := GFlops(np, sec); !(sec > 0) || !(gf > 0) {
			t.Errorf("%d places: %g s, %g GFLOP/s", np, sec, gf)
		}
	}
}

func benchLoop(b *testing.B, f func(m, c float64, n int) float64, lanes int) {
	const n = 1 << 16
	var s float64
	for b.Loop() {
		s += f(mul, add, n)
	}
	b.ReportMetric(float64(b.N)*n*chains*float64(lanes)*2/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkRun(b *testing.B)       { benchLoop(b, run, lanes()) }
func BenchmarkRunScalar(b *testing.B) { benchLoop(b, runScalar, 1) }
