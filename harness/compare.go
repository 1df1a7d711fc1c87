package harness

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"npbgo/harness/npblog"
	"npbgo/npb"
	"npbgo/runtime/places"
)

// logExts are the file names LoadLogs reads as NPB logs; anything else in
// a reference directory (ABOUT.md, summary.csv) is left alone.
var logExts = []string{".txt", ".log", ".out"}

// LoadLogs reads every NPB log under dir (recursively) as runs of impl:
// one run per report, its place count the report's thread count (0 for a
// report without thread lines, i.e. a serial build). A file that is not
// a whole NPB report is an error naming the file.
func LoadLogs(dir, impl string) ([]Run, error) {
	var runs []Run
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("harness: %w", err)
		}
		if d.IsDir() || !slices.Contains(logExts, strings.ToLower(filepath.Ext(path))) {
			return nil
		}
		reps, err := npblog.ParseFile(path)
		if err != nil {
			return err
		}
		for i, r := range reps {
			runs = append(runs, runFromReport(r, impl, i+1))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("harness: no NPB logs (%s) in %s", strings.Join(logExts, ", "), dir)
	}
	return runs, nil
}

func runFromReport(r npblog.Report, impl string, rep int) Run {
	run := Run{Job: Job{Impl: impl, Kernel: strings.ToLower(r.Benchmark), Class: r.Class,
		Places: places.Count(max(r.Threads, 0)), Rep: rep}, Seconds: r.Seconds, Mops: r.Mops, Verified: r.Verified(), LogTime: true}
	switch {
	case !r.Verified():
		run.Status, run.Err = StatusUnverified, "Verification = "+r.Verification
	case math.IsNaN(r.Seconds) && math.IsNaN(r.Mops):
		run.Status, run.Err = StatusFailed, "time and Mop/s printed as asterisks"
	default:
		run.Status = StatusOK
	}
	return run
}

// LoadSweep reads the runs of a sweep directory: raw.csv when there is one
// (full precision, and it knows the runs that crashed), else the NPB logs
// in it.
func LoadSweep(dir string) ([]Run, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("harness: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("harness: %s is not a directory", dir)
	}
	raw := filepath.Join(dir, "raw.csv")
	if _, err := os.Stat(raw); err == nil {
		runs, err := ReadRawCSV(raw)
		if err != nil {
			return nil, err
		}
		if len(runs) == 0 {
			return nil, fmt.Errorf("harness: empty sweep: %s has no runs", raw)
		}
		return runs, nil
	}
	return LoadLogs(dir, ImplGo)
}

// NewestSweep is the most recent sweep directory under results: the
// latest by name (names start with the date) that has a raw.csv.
func NewestSweep(results string) (string, error) {
	ents, err := os.ReadDir(results)
	if err != nil {
		return "", fmt.Errorf("harness: %w", err)
	}
	var best string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(results, e.Name(), "raw.csv")); err == nil && e.Name() > best {
			best = e.Name()
		}
	}
	if best == "" {
		return "", fmt.Errorf("harness: no sweep (a directory with raw.csv) under %s: run 'npb bench' first or name the directory", results)
	}
	return filepath.Join(results, best), nil
}

// CompareRow sets one (kernel, class, places) point of Go beside Fortran.
// A side with no verified run has a zero Point (Time.N == 0).
type CompareRow struct {
	Kernel      string
	Class       npb.Class
	Places      places.Count
	Go, Fortran Point
	// Ratio is Go time ÷ Fortran time (above 1: Go is slower).
	Ratio float64
	// Speedups over each side's own 1-place point.
	GoSpeedup, FortranSpeedup float64
	// GoLogTime says the Go times were read from NPB logs (two decimals),
	// not from raw.csv; Fortran times always are.
	GoLogTime bool
}

// ErrNothingToCompare is a Go side without a single run.
var ErrNothingToCompare = errors.New("harness: empty sweep: no Go runs to compare")

// Compare pairs the points of the Go runs with those of the Fortran runs.
// Rows cover the (kernel, class) pairs the Go side has, at every place
// count either side has. Ratios and speedups are taken from the median
// Mop/s where both sides have one, since the operation count of a kernel
// and class is fixed, so time ratios equal inverse Mop/s ratios, and NPB
// prints Mop/s with more significant digits than its two-decimal time;
// else from the median times.
func Compare(goRuns, fortranRuns []Run) ([]CompareRow, error) {
	var gr []Run
	goLogTime := true
	for _, r := range goRuns {
		if r.Impl == ImplGo || r.Impl == "" {
			r.Impl = ImplGo
			gr = append(gr, r)
			goLogTime = goLogTime && r.LogTime
		}
	}
	if len(gr) == 0 {
		return nil, ErrNothingToCompare
	}
	fr := make([]Run, 0, len(fortranRuns))
	for _, r := range fortranRuns {
		r.Impl = ImplFortran
		fr = append(fr, r)
	}
	return compareRows(Points(gr), Points(fr), goLogTime), nil
}

// comparePoints is Compare on the points of a sweep that ran both.
func comparePoints(pts []Point) []CompareRow {
	var gp, fp []Point
	goLogTime := true
	for _, p := range pts {
		if p.Impl == ImplFortran {
			fp = append(fp, p)
		} else {
			gp = append(gp, p)
			goLogTime = goLogTime && p.LogTime
		}
	}
	return compareRows(gp, fp, goLogTime)
}

// compareRows pairs the Go points with the Fortran points (see Compare).
// kc is a kernel at a class.
type kc struct {
	kernel string
	class  npb.Class
}

func compareRows(goPts, fortranPts []Point, goLogTime bool) []CompareRow {
	type kcp struct {
		kc
		places places.Count
	}
	gp, fp := map[kcp]Point{}, map[kcp]Point{}
	var order []kc
	places := map[kc][]places.Count{}
	for _, p := range goPts {
		k := kc{p.Kernel, p.Class}
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
		gp[kcp{k, p.Places}] = p
		places[k] = append(places[k], p.Places)
	}
	for _, p := range fortranPts {
		k := kc{p.Kernel, p.Class}
		if !slices.Contains(order, k) {
			continue
		}
		fp[kcp{k, p.Places}] = p
		if !slices.Contains(places[k], p.Places) {
			places[k] = append(places[k], p.Places)
		}
	}
	var rows []CompareRow
	for _, k := range order {
		ps := places[k]
		slices.Sort(ps)
		for _, np := range ps {
			g, f := gp[kcp{k, np}], fp[kcp{k, np}]
			row := CompareRow{Kernel: k.kernel, Class: k.class, Places: np, Go: g, Fortran: f,
				Ratio: rate(f, g), GoSpeedup: math.NaN(), FortranSpeedup: math.NaN(), GoLogTime: goLogTime}
			if np > 0 {
				if g1, ok := gp[kcp{k, 1}]; ok {
					row.GoSpeedup = rate(g, g1)
				}
				if f1, ok := fp[kcp{k, 1}]; ok {
					row.FortranSpeedup = rate(f, f1)
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// rate is how much faster a is than b: Mop/s(a) ÷ Mop/s(b), or time(b) ÷
// time(a) when a Mop/s is missing. NaN when either has no verified run.
func rate(a, b Point) float64 {
	if a.Time.N == 0 || b.Time.N == 0 {
		return math.NaN()
	}
	if ma, mb := a.Mops.Median, b.Mops.Median; a.Mops.N > 0 && b.Mops.N > 0 && ma > 0 && mb > 0 {
		return ma / mb
	}
	if a.Time.Median > 0 {
		return b.Time.Median / a.Time.Median
	}
	return math.NaN()
}

// WriteCompare writes the comparison as a Markdown table.
func WriteCompare(w io.Writer, goSource, fortranSource string, rows []CompareRow) error {
	fmt.Fprintf(w, "# Go against Fortran\n\n")
	fmt.Fprintf(w, "- Go: %s\n- Fortran: %s\n\n", goSource, fortranSource)
	fmt.Fprintln(w, "Times are medians of the runs that verified (NPB \"Time in seconds\"). Go ÷ Fortran above 1 means Go is slower.")
	fmt.Fprintln(w, "Ratios and speedups use the median Mop/s (same operation count on both sides, more digits than the printed time).")
	fmt.Fprintln(w, "Speedup is over each side's own 1-place (1-thread) point; S = serial.")
	fmt.Fprintln(w)
	var trs [][]string
	for _, r := range rows {
		goTime := fmtSec
		if r.GoLogTime {
			goTime = fmtLogSec
		}
		trs = append(trs, []string{strings.ToUpper(r.Kernel), r.Class.String(), r.Places.String(),
			sideTime(r.Go, goTime), sideTime(r.Fortran, fmtLogSec), fmtRatio(r.Ratio), fmtRatio(r.GoSpeedup), fmtRatio(r.FortranSpeedup)})
	}
	table(w, []string{"kernel", "class", "places", "Go s", "Fortran s", "Go ÷ Fortran", "Go speedup", "Fortran speedup"}, trs)
	return nil
}

// sideTime shows a point's median time with format.
func sideTime(p Point, format func(float64) string) string {
	switch {
	case p.Runs == 0:
		return "-"
	case p.Time.N == 0:
		return "failed"
	}
	t := format(p.Time.Median)
	if p.Time.Median == 0 {
		t = "<0.005" // NPB prints two decimals: a short run shows 0.00
	}
	if len(p.Failed) > 0 {
		t += fmt.Sprintf(" (%d failed)", len(p.Failed))
	}
	return t
}

// fmtLogSec shows a time read from an NPB log with the two decimals the
// log has (0.02, not 0.02000), three for the median of an even number of
// them (0.025).
func fmtLogSec(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	if c := x * 100; math.Abs(c-math.Round(c)) > 1e-6 {
		return strconv.FormatFloat(x, 'f', 3, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// WriteComparePlots writes the comparison's figures into dir, each as
// SVG and PNG: compare-speedup, both speedup curves of every kernel (Go
// thick, Fortran thin, each kernel in its own style), and compare-ratio,
// Go time ÷ Fortran time per kernel and place count. machine (CPU model,
// CPUs, host) goes under the titles, which name the classes.
func WriteComparePlots(dir, machine string, rows []CompareRow) error {
	st := map[string]int{}
	var ss []series
	var classes []string
	for _, impl := range []string{ImplGo, ImplFortran} {
		for _, r := range rows {
			if _, ok := st[r.Kernel]; !ok {
				st[r.Kernel] = len(st)
			}
			if !slices.Contains(classes, r.Class.String()) {
				classes = append(classes, r.Class.String())
			}
			y, p := r.GoSpeedup, r.Go
			if impl == ImplFortran {
				y, p = r.FortranSpeedup, r.Fortran
			}
			if !finite(y) {
				continue
			}
			label := strings.ToUpper(r.Kernel) + implSuffix(impl)
			n := len(ss)
			if n == 0 || ss[n-1].label != label {
				ss = append(ss, series{label: label, style: st[r.Kernel], fortran: impl == ImplFortran})
				n++
			}
			// The spread of the runs, around this ratio of medians.
			lo, hi := p.SpeedupMin*y/p.Speedup, p.SpeedupMax*y/p.Speedup
			ss[n-1].add(float64(r.Places), y, lo, hi)
		}
	}
	word := "class "
	if len(classes) > 1 {
		word = "classes "
	}
	sub := word + strings.Join(classes, ", ")
	if machine != "" {
		sub += "; " + machine
	}
	what := "Speedup over 1 place: Go and Fortran"
	if !slices.ContainsFunc(ss, func(s series) bool { return s.fortran }) {
		what = "Speedup over 1 place: Go (no Fortran run has a 1-place point to compare with)"
	}
	if len(ss) > 0 {
		if err := speedupFigure(plotTitle(what, sub), ss).saveBoth(dir, "compare-speedup"); err != nil {
			return err
		}
	}
	return writeRatio(dir, "compare-ratio", sub, rows)
}

// Comparison is a sweep set beside Fortran runs.
type Comparison struct {
	RunDir        string
	GoSource      string
	FortranSource string
	Machine       string // where the Go sweep ran: CPU model, CPUs, host
	Rows          []CompareRow
}

// CompareSweep compares the sweep in runDir with the Fortran logs in
// refDir. With refDir empty it takes the Fortran runs the sweep made
// itself (npb bench -fortran-bin), or else the logs in defaultRef.
func CompareSweep(runDir, refDir, defaultRef string) (*Comparison, error) {
	runs, err := LoadSweep(runDir)
	if err != nil {
		return nil, err
	}
	c := &Comparison{RunDir: runDir, GoSource: runDir}
	if b, err := os.ReadFile(filepath.Join(runDir, "env.json")); err == nil {
		var e Env
		if json.Unmarshal(b, &e) == nil && e.CPUModel != "" {
			c.GoSource += fmt.Sprintf(" (host %s, %s, %d CPUs)", e.Host, e.CPUModel, e.NumCPU)
			c.Machine = e.Machine()
		}
	}
	var goRuns, fRuns []Run
	for _, r := range runs {
		if r.Impl == ImplFortran {
			fRuns = append(fRuns, r)
		} else {
			goRuns = append(goRuns, r)
		}
	}
	switch {
	case refDir == "" && len(fRuns) > 0:
		c.FortranSource = "NPB binaries run in this sweep (" + filepath.Join(runDir, "logs", "fortran") + ")"
	default:
		if refDir == "" {
			refDir = defaultRef
		}
		if fRuns, err = LoadLogs(refDir, ImplFortran); err != nil {
			return nil, err
		}
		c.FortranSource = refDir
		if _, err := os.Stat(filepath.Join(refDir, "ABOUT.md")); err == nil {
			c.FortranSource += " (how and where they were measured: " + filepath.Join(refDir, "ABOUT.md") + ")"
		}
	}
	if len(goRuns) == 0 {
		return nil, fmt.Errorf("harness: empty sweep: no Go runs in %s", runDir)
	}
	if c.Rows, err = Compare(goRuns, fRuns); err != nil {
		return nil, err
	}
	return c, nil
}

// Markdown is compare.md.
func (c *Comparison) Markdown() []byte {
	var b strings.Builder
	WriteCompare(&b, c.GoSource, c.FortranSource, c.Rows)
	return []byte(b.String())
}

// Write puts compare.md and the comparison's figures (WriteComparePlots)
// into the sweep directory.
func (c *Comparison) Write() error {
	if err := WriteFileAtomic(filepath.Join(c.RunDir, "compare.md"), c.Markdown()); err != nil {
		return err
	}
	return WriteComparePlots(c.RunDir, c.Machine, c.Rows)
}
