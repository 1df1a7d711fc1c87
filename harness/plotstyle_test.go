package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"npbgo/runtime/places"
)

// TestPlotStyles: every kernel (eight and a variant) has its own colour,
// marker and dash pattern, so curves that meet (FT and MG) or lie on the
// ideal line (IS, EP) stay apart.
func TestPlotStyles(t *testing.T) {
	if len(styles) < 9 {
		t.Fatalf("%d styles, want at least 9", len(styles))
	}
	seen := map[string]int{}
	for i, s := range styles {
		r, g, b, _ := s.color.RGBA()
		for _, key := range []string{
			fmt.Sprintf("colour %d,%d,%d", r>>8, g>>8, b>>8),
			fmt.Sprintf("marker %T", s.glyph),
			fmt.Sprintf("dashes %v", s.dashes),
		} {
			if j, ok := seen[key]; ok {
				t.Errorf("styles %d and %d share %s", j, i, key)
			}
			seen[key] = i
		}
	}
}

// TestPlotAxes: the speedup plot's x axis starts at the first place count,
// the times plot ends just past its last point, and compare-speedup names
// the class.
func TestPlotAxes(t *testing.T) {
	var runs []Run
	for i, k := range []string{"ep", "is", "ft", "cg", "mg", "sp", "bt", "lu", "lu-hp"} {
		for _, np := range []places.Count{0, 1, 2, 4} {
			secs := 1.0 / float64(max(np, 1))
			if k != "is" && np > 1 {
				secs *= 1 + 0.1*float64(i%4)
			}
			runs = append(runs, Run{Job: Job{Impl: ImplGo, Kernel: k, Class: 'A', Places: np, Rep: 1}, Status: StatusOK, Seconds: secs, Mops: 1 / secs})
		}
	}
	pts := Points(runs)
	sp := speedupFigure("t", speedupSeries(pts, ImplGo, kernelStyles(pts))).p
	if sp.X.Min <= 0 || sp.X.Min >= 1 {
		t.Errorf("speedup x axis from %v, want just below 1", sp.X.Min)
	}
	tp := timesFigure("t", pts, kernelStyles(pts)).p
	if tp.X.Max > 3.5 {
		t.Errorf("times x axis to %v for 4 place counts (0..3)", tp.X.Max)
	}
	dir := t.TempDir()
	if err := writePlots(dir, "test", pts); err != nil {
		t.Fatal(err)
	}
	rows, err := Compare(runs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteComparePlots(dir, "Test CPU, 2 CPUs, host h", rows); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "compare-speedup.svg"))
	if !strings.Contains(string(b), "class A; Test CPU") {
		t.Errorf("compare-speedup.svg does not name the class and the machine")
	}
	// No Fortran curve: the title does not promise one.
	if strings.Contains(string(b), "Go and Fortran") {
		t.Errorf("compare-speedup.svg names Fortran curves it does not have")
	}
}
