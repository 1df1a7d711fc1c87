package harness

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"npbgo/runtime/places"
)

// TestPlotsEdgeCases: a single point, only the serial point, only failed
// runs, a zero time: every plot that can be drawn is, and none panics.
func TestPlotsEdgeCases(t *testing.T) {
	ok := func(k string, np places.Count, secs float64) Run {
		return Run{Job: Job{Impl: ImplGo, Kernel: k, Class: 'S', Places: np, Rep: 1}, Status: StatusOK, Seconds: secs, Mops: 1 / secs}
	}
	tests := []struct {
		name  string
		runs  []Run
		files []string
	}{
		{"one point", []Run{ok("cg", 2, 0.5)}, []string{"times.svg", "times.png"}},
		{"serial only", []Run{ok("cg", 0, 0.5), ok("mg", 0, 0.25)}, []string{"times.svg", "times.png"}},
		{"one and two", []Run{ok("cg", 1, 0.5), ok("cg", 2, 0.25)}, []string{"times.svg", "times.png", "speedup.svg", "speedup.png"}},
		{"zero time", []Run{ok("cg", 1, 0), ok("cg", 2, 0.25)}, []string{"times.svg", "times.png"}},
		{"failed only", []Run{{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: 1}, Status: StatusFailed, Seconds: math.NaN()}}, nil},
		{"nothing", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := writePlots(dir, "test", Points(tc.runs)); err != nil {
				t.Fatal(err)
			}
			var got []string
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				got = append(got, e.Name())
			}
			want := map[string]bool{}
			for _, f := range tc.files {
				want[f] = true
				if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || len(b) == 0 {
					t.Errorf("%s: %v", f, err)
				}
			}
			if len(got) != len(tc.files) {
				t.Errorf("files %v, want %v", got, tc.files)
			}
			if svg := filepath.Join(dir, "times.svg"); want["times.svg"] {
				if b, _ := os.ReadFile(svg); !strings.Contains(string(b), "median time (s)") {
					t.Errorf("times.svg lacks its axis label")
				}
			}
		})
	}
}

// plotSweep is a class-S sweep with NPB's binaries beside Go: 3 runs of
// each point with some spread, Fortran times printed as 0.00 (two
// decimals) with their Mop/s, and a Fortran speedup above the ideal.
func plotSweep() []Run {
	var runs []Run
	for ki, k := range []string{"is", "cg", "mg", "bt"} {
		for _, np := range []places.Count{0, 1, 2} {
			for rep := 1; rep <= 3; rep++ {
				spread := 1 + 0.03*float64(rep-2)
				secs := 0.2 * spread / (1 + (0.85+0.02*float64(ki))*float64(max(np, 1)-1))
				runs = append(runs, Run{Job: Job{Impl: ImplGo, Kernel: k, Class: 'S', Places: np, Rep: rep}, Status: StatusOK,
					Seconds: secs, Mops: 100 / secs, Verified: true})
				if np == 0 {
					continue
				}
				fsecs := secs * 0.8
				if k == "mg" && np == 2 {
					fsecs = 0.2 * 0.8 / 2.3 * spread // superlinear: above the ideal
				}
				runs = append(runs, Run{Job: Job{Impl: ImplFortran, Kernel: k, Class: 'S', Places: np, Rep: rep}, Status: StatusOK,
					Seconds: 0, Mops: math.Round(100/fsecs*100) / 100, Verified: true, LogTime: true})
			}
		}
	}
	return runs
}

// TestPlotsReadable checks what an HPC reader needs to read the plots at
// a glance (the PNGs themselves are looked at by eye):
//   - every plot as SVG and PNG; titles name the CPU model;
//   - the speedup axis zoomed to the data, with minor ticks;
//   - the spread of the runs drawn as bars;
//   - the key beside the plot, not on the data, with every curve's end;
//   - the ideal line up to the last place count, not beyond;
//   - Fortran in the speedup and times plots even at class S, whose
//     times NPB prints as 0.00;
//   - a Go ÷ Fortran plot per kernel and place count with 1.0 marked.
func TestPlotsReadable(t *testing.T) {
	runs := plotSweep()
	pts := Points(runs)
	dir := t.TempDir()
	s := &Sweep{Dir: dir, Plan: Plan{Class: 'S', Kernels: []string{"is", "cg", "mg", "bt"}, Places: []places.Count{0, 1, 2}, Reps: 3, Fortran: []string{"is", "cg", "mg", "bt"}},
		Env: testEnv(), Runs: runs, Total: len(runs)}
	if err := s.WriteTables(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"speedup", "times", "go-fortran"} {
		for _, ext := range []string{".svg", ".png"} {
			if fi, err := os.Stat(filepath.Join(dir, name+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("%s%s: %v", name, ext, err)
			}
		}
		if b, _ := os.ReadFile(filepath.Join(dir, name+".svg")); !strings.Contains(string(b), "Test CPU @ 1GHz, 2 CPUs, host testhost") {
			t.Errorf("%s.svg: the title does not name the CPU model", name)
		}
	}

	st := kernelStyles(pts)
	ss := append(speedupSeries(pts, ImplGo, st), speedupSeries(pts, ImplFortran, st)...)
	sp := speedupFigure("t", ss)
	if sp.p.Y.Min < 0.8 || sp.p.Y.Min > 1 {
		t.Errorf("speedup axis from %v: want it zoomed to the data (1 to 2.3), not from 0", sp.p.Y.Min)
	}
	minor := 0
	for _, tk := range sp.p.Y.Tick.Marker.Ticks(sp.p.Y.Min, sp.p.Y.Max) {
		if tk.IsMinor() {
			minor++
		}
	}
	if minor < 4 {
		t.Errorf("speedup axis has %d minor ticks", minor)
	}
	if sp.bars != len(ss) {
		t.Errorf("speedup: spread drawn for %d of %d curves", sp.bars, len(ss))
	}
	var fortran, ideal int
	for _, k := range sp.keys {
		if strings.HasSuffix(k.label, " Fortran") {
			fortran++
		}
		if k.label == "ideal" {
			ideal++
			if k.x != 2 || k.y != 2 {
				t.Errorf("the ideal line ends at (%v, %v), want (2, 2): the last place count", k.x, k.y)
			}
		}
		if !k.atEnd {
			t.Errorf("key entry %q is not at its curve's end", k.label)
		}
	}
	if fortran != 4 || ideal != 1 || len(sp.keys) != 9 {
		t.Errorf("speedup key: %d Fortran curves of 4, %d ideal, %d entries", fortran, ideal, len(sp.keys))
	}
	tf := timesFigure("t", pts, st)
	if n := len(tf.keys); n != 8 || tf.bars != 8 {
		t.Errorf("times: %d curves (want 4 Go, 4 Fortran), %d with bars", n, tf.bars)
	}
	if !strings.Contains(strings.Join(tf.notes, " "), "Fortran times from its Mop/s") {
		t.Errorf("times notes %q", tf.notes)
	}

	// The key sits in a column right of the data area; its entries, a
	// line apart, do not overlap.
	c := draw.New(vgimg.New(figW, figH))
	for _, f := range []*figure{sp, tf} {
		left := draw.Crop(c, 0, -f.keyWidth(), 0, 0)
		f.p.Draw(left)
		da := f.p.DataCanvas(left)
		if da.Max.X > left.Max.X || f.keyWidth() < sampleW {
			t.Errorf("key column %v wide beside a data area ending at %v", f.keyWidth(), da.Max.X)
		}
		ends := make([]vg.Length, len(f.keys))
		_, fy := f.p.Transforms(&da)
		for i, k := range f.keys {
			ends[i] = fy(k.y)
		}
		ys := f.keySlots(da.Max.Y, da.Min.Y, ends)
		slices.Sort(ys)
		for i := 1; i < len(ys); i++ {
			if ys[i]-ys[i-1] < f.keyStyle().Height("Mg") {
				t.Errorf("key entries %v apart overlap", ys[i]-ys[i-1])
			}
		}
	}

	rows := comparePoints(pts)
	rf := ratioFigure("t", rows)
	if len(rf.keys) != 3 || rf.keys[2].label != "1.0: the same speed" || rf.bars != 2 {
		t.Errorf("ratio figure: keys %+v, %d bar sets", rf.keys, rf.bars)
	}
	if rf.p.Y.Min >= 1 || rf.p.Y.Max <= 1 {
		t.Errorf("ratio axis %v to %v does not show 1", rf.p.Y.Min, rf.p.Y.Max)
	}
}
