package harness

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// refDir is a fixed set of real NPB3.4-OMP logs (npblog's tests read it
// too).
const refDir = "testdata/fortran"

// goReport is the report npbgo prints for a run, through npb.Result.Report.
func goReport(kernel string, places int, secs, mops float64, verified bool) string {
	r := npb.Result{Kernel: kernel, Class: npb.ClassS, Size: []int{1400}, Iterations: 15, Places: places,
		Seconds: secs, Mops: mops, OpType: "floating point", Verified: verified}
	var b bytes.Buffer
	r.Report(&b)
	return b.String()
}

func TestLoadLogsReference(t *testing.T) {
	runs, err := LoadLogs(refDir, ImplFortran)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 53 {
		t.Errorf("%d runs, want 53 (ABOUT.md and summary.csv are not logs)", len(runs))
	}
	for _, r := range runs {
		if !r.OK() || r.Impl != ImplFortran || r.Places < 1 {
			t.Errorf("run %+v", r)
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadLogsErrors(t *testing.T) {
	good := readFile(t, filepath.Join(refDir, "cg.A.t1.r1.txt"))
	dir := writeFiles(t, map[string]string{"cg.A.t1.r1.txt": good, "sub/cg.A.t2.r1.log": good[:strings.Index(good, " Mop/s total")], "notes.md": "hi"})
	_, err := LoadLogs(dir, ImplFortran)
	want := "npblog: " + filepath.Join(dir, "sub/cg.A.t2.r1.log") + ":33: truncated CG report"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
	empty := writeFiles(t, map[string]string{"ABOUT.md": "no logs here"})
	if _, err := LoadLogs(empty, ImplFortran); err == nil || !strings.Contains(err.Error(), "no NPB logs") {
		t.Errorf("error %v", err)
	}
	if _, err := LoadLogs(filepath.Join(empty, "missing"), ImplFortran); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("error %v", err)
	}
}

func TestNewestSweep(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"reference/fortran/cg.A.t1.r1.txt":  "x",
		"2026-11-21T0900-h-A/raw.csv":       "impl\n",
		"2026-11-22T1530-h-S/raw.csv":       "impl\n",
		"2026-11-23T0000-h-A/logs/x.txt":    "no raw.csv: not a sweep",
		"2026-11-20T0000-h-A/raw.csv/x.txt": "",
	})
	got, err := NewestSweep(dir)
	if err != nil || got != filepath.Join(dir, "2026-11-22T1530-h-S") {
		t.Errorf("NewestSweep = %q, %v", got, err)
	}
	if _, err := NewestSweep(filepath.Join(dir, "reference")); err == nil || !strings.Contains(err.Error(), "no sweep") {
		t.Errorf("error %v", err)
	}
}

// TestCompareSweep compares a fake class A sweep with the committed
// Fortran logs and writes compare.md and the overlay plot.
func TestCompareSweep(t *testing.T) {
	plan := Plan{Class: 'A', Kernels: []string{"cg", "is"}, Places: []places.Count{0, 1, 2}, Reps: 3}
	s, err := NewSweep(t.TempDir(), plan, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Execute(context.Background(), &fakeRunner{}, nil); err != nil {
		t.Fatal(err)
	}
	c, err := CompareSweep(s.Dir, "", refDir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.GoSource, "host testhost, Test CPU @ 1GHz, 2 CPUs") || !strings.Contains(c.FortranSource, "ABOUT.md") {
		t.Errorf("sources %q, %q", c.GoSource, c.FortranSource)
	}
	// Rows: IS before CG (NPB order); S, 1, 2 each; no FT/MG/SP/BT/LU
	// rows although the reference has them.
	var got []string
	for _, r := range c.Rows {
		got = append(got, r.Kernel+r.Places.String())
	}
	if strings.Join(got, " ") != "isS is1 is2 cgS cg1 cg2" {
		t.Errorf("rows %v", got)
	}
	// Fake Go runs: 1.01 s (median) at 1 place, Mop/s 100 ÷ time;
	// Fortran CG A: median Mop/s 2417.23 at 1 thread, 4660.82 at 2.
	cg2 := c.Rows[5]
	if fmtRatio(cg2.GoSpeedup) != "2.00" || fmtRatio(cg2.FortranSpeedup) != "1.93" || fmtRatio(cg2.Ratio) != "23.54" ||
		cg2.Fortran.Time.Median != 0.32 || cg2.Fortran.Time.N != 3 {
		t.Errorf("cg at 2: %+v", cg2)
	}
	if err := c.Write(); err != nil {
		t.Fatal(err)
	}
	md := readFile(t, filepath.Join(s.Dir, "compare.md"))
	if !strings.Contains(squash(md), "| CG | A | 2 | 0.5050 | 0.32 | 23.54 | 2.00 | 1.93 |") {
		t.Errorf("compare.md:\n%s", md)
	}
	if svg := readFile(t, filepath.Join(s.Dir, "compare-speedup.svg")); !strings.Contains(svg, "<svg") {
		t.Errorf("compare-speedup.svg is not SVG")
	}

	// An explicit reference wins over the default; a bad one is an error
	// naming the file.
	bad := writeFiles(t, map[string]string{"cg.A.t1.r1.txt": " CG Benchmark Completed.\n Class = A\n Size = 14000\n"})
	if _, err := CompareSweep(s.Dir, bad, refDir); err == nil || !strings.Contains(err.Error(), filepath.Join(bad, "cg.A.t1.r1.txt")+":1: truncated CG report") {
		t.Errorf("error %v", err)
	}
}

// TestCompareLogsOnly: a directory of Go NPB logs without raw.csv; the
// serial reports (no thread lines) are the S point.
func TestCompareLogsOnly(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"logs/cg.S.pS.r1.txt": goReport("CG", 0, 0.05, 1400, true),
		"logs/cg.S.p1.r1.txt": goReport("CG", 1, 0.05, 1400, true),
		"logs/cg.S.p2.r1.txt": goReport("CG", 2, 0.03, 2800, true),
		"logs/cg.S.p2.r2.txt": goReport("CG", 2, 0.03, 2000, false),
	})
	c, err := CompareSweep(dir, "", refDir)
	if err != nil {
		t.Fatal(err)
	}
	md := squash(string(c.Markdown()))
	for _, want := range []string{"| CG | S | S | 0.05 | - | - | - | - |", "| CG | S | 2 | 0.03 (1 failed) | 0.01 | 1.83 | 2.00 | - |"} {
		if !strings.Contains(md, want) {
			t.Errorf("compare.md lacks %q:\n%s", want, md)
		}
	}
}

func TestCompareEmpty(t *testing.T) {
	dir := writeFiles(t, map[string]string{"raw.csv": strings.Join(rawHeader, ",") + "\n"})
	if _, err := CompareSweep(dir, "", refDir); err == nil || !strings.Contains(err.Error(), "empty sweep") {
		t.Errorf("error %v", err)
	}
	fortranOnly := writeFiles(t, map[string]string{"raw.csv": strings.Join(rawHeader, ",") + "\nfortran,cg,A,1,1,1,0.6,2400,true,ok,0,0,1,,,,,x,\n"})
	if _, err := CompareSweep(fortranOnly, "", refDir); err == nil || !strings.Contains(err.Error(), "empty sweep: no Go runs") {
		t.Errorf("error %v", err)
	}
	badCSV := writeFiles(t, map[string]string{"raw.csv": "kernel,seconds\ncg,1\n"})
	if _, err := CompareSweep(badCSV, "", refDir); err == nil || !strings.Contains(err.Error(), `no "impl" column`) {
		t.Errorf("error %v", err)
	}
	badRow := writeFiles(t, map[string]string{"raw.csv": strings.Join(rawHeader, ",") + "\ngo,cg,A,two,1,1,0.6,2400,true,ok,0,0,1,,,,,x,\n"})
	if _, err := CompareSweep(badRow, "", refDir); err == nil || !strings.Contains(err.Error(), `raw.csv:2: bad places "two"`) {
		t.Errorf("error %v", err)
	}
}

// TestFmtLogSec: a time from an NPB log keeps the log's two decimals
// (compare.md once showed Fortran's 0.02 as 0.02000).
func TestFmtLogSec(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{0.02, "0.02"}, {0.62, "0.62"}, {12.3, "12.30"}, {0.025, "0.025"}, {1234.56, "1234.56"}, {0, "0.00"}, {math.NaN(), "-"}} {
		if got := fmtLogSec(tc.x); got != tc.want {
			t.Errorf("fmtLogSec(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}
