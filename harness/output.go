package harness

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"npbgo/npb"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Point is the statistics of one (implementation, kernel, class, places)
// point of a sweep.
type Point struct {
	Impl   string
	Kernel string
	Class  string
	Places int
	Runs   int     // every run made
	Failed []Run   // the runs that did not verify or did not finish
	Time   Summary // seconds, over the runs that verified
	Mops   Summary // Mop/s, over the runs that verified
	// Speedup is the median time at 1 place over the median time here,
	// Efficiency the speedup over the place count; NaN at the serial
	// point or when the 1-place point has no verified run. For times read
	// from NPB logs (two decimals: a class-S Fortran run prints 0.00) it is
	// the median Mop/s here over that at 1 place, the same ratio with the
	// digits the log has. SpeedupMin and SpeedupMax are the spread of this
	// point's runs: the same median at 1 place over the slowest and the
	// fastest run here.
	Speedup, Efficiency    float64
	SpeedupMin, SpeedupMax float64
	// LogTime says every run's time was read from an NPB log.
	LogTime bool
}

// Points groups runs into points, in the order implementation (Go first),
// kernel (NPB order), class, places (S first).
func Points(runs []Run) []Point {
	type key struct {
		impl, kernel, class string
		places              int
	}
	idx := map[key]int{}
	var pts []Point
	var secs, mops [][]float64
	for _, r := range runs {
		k := key{r.Impl, r.Kernel, r.Class, r.Places}
		i, ok := idx[k]
		if !ok {
			i = len(pts)
			idx[k] = i
			pts = append(pts, Point{Impl: r.Impl, Kernel: r.Kernel, Class: r.Class, Places: r.Places, LogTime: true})
			secs, mops = append(secs, nil), append(mops, nil)
		}
		pts[i].Runs++
		pts[i].LogTime = pts[i].LogTime && r.LogTime
		if r.OK() {
			secs[i] = append(secs[i], r.Seconds)
			if !math.IsNaN(r.Mops) {
				mops[i] = append(mops[i], r.Mops)
			}
		} else {
			pts[i].Failed = append(pts[i].Failed, r)
		}
	}
	for i := range pts {
		pts[i].Time = Summarize(secs[i])
		pts[i].Mops = Summarize(mops[i])
	}
	slices.SortStableFunc(pts, func(a, b Point) int {
		if c := implRank(a.Impl) - implRank(b.Impl); c != 0 {
			return c
		}
		if c := npb.Compare(a.Kernel, b.Kernel); c != 0 {
			return c
		}
		if c := npb.ClassRank(a.Class) - npb.ClassRank(b.Class); c != 0 {
			return c
		}
		return a.Places - b.Places
	})
	for i := range pts {
		p := &pts[i]
		p.Speedup, p.Efficiency, p.SpeedupMin, p.SpeedupMax = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		if p.Places == 0 {
			continue
		}
		for _, b := range pts {
			if b.Impl != p.Impl || b.Kernel != p.Kernel || b.Class != p.Class || b.Places != 1 {
				continue
			}
			switch {
			case (p.LogTime || b.LogTime) && p.Mops.Median > 0 && b.Mops.Median > 0:
				p.Speedup = p.Mops.Median / b.Mops.Median
				p.SpeedupMin, p.SpeedupMax = p.Mops.Min/b.Mops.Median, p.Mops.Max/b.Mops.Median
			case b.Time.Median > 0 && p.Time.Median > 0:
				// A zero time is NPB's two-decimal print of a short
				// run: no ratio can be taken from it.
				p.Speedup = b.Time.Median / p.Time.Median
				p.SpeedupMin, p.SpeedupMax = b.Time.Median/p.Time.Max, b.Time.Median/p.Time.Min
			}
			p.Efficiency = p.Speedup / float64(p.Places)
		}
	}
	return pts
}

func implRank(s string) int {
	if s == ImplGo {
		return 0
	}
	return 1
}

// WriteOutputs writes everything a sweep keeps of the runs made so far
// into its directory: raw.csv, every table and plot (WriteTables) and
// env.json.
func (s *Sweep) WriteOutputs() error {
	if err := s.writeRaw(); err != nil {
		return err
	}
	if err := s.WriteTables(s.Dir); err != nil {
		return err
	}
	return s.writeEnv()
}

// WriteTables writes the tables and plots the runs give into dir:
// summary.json, times.md, speedup.md, bench.txt (and bench-fortran.txt),
// the plots and index.html, the page that holds them all. It never writes raw.csv or env.json, the sources npb
// report reads.
func (s *Sweep) WriteTables(dir string) error {
	pts := Points(s.Runs)
	title := s.title()
	files := []struct {
		name string
		fill func(io.Writer) error
		skip bool
	}{
		{"summary.json", func(w io.Writer) error { return s.writeSummary(w, pts) }, false},
		{"times.md", func(w io.Writer) error { return WriteTimes(w, title, pts) }, false},
		{"speedup.md", func(w io.Writer) error { return s.writeSpeedup(w, title, pts) }, false},
		{"bench.txt", func(w io.Writer) error { return WriteBenchfmt(w, s.Env, s.Runs, ImplGo) }, false},
		{"bench-fortran.txt", func(w io.Writer) error { return WriteBenchfmt(w, s.Env, s.Runs, ImplFortran) }, len(s.Plan.Fortran) == 0},
	}
	for _, f := range files {
		if f.skip {
			continue
		}
		if err := writeAtomic(filepath.Join(dir, f.name), f.fill); err != nil {
			return err
		}
	}
	if err := writePlots(dir, title, pts); err != nil {
		return err
	}
	if err := s.writeRoofline(dir, title, pts); err != nil {
		return err
	}
	return s.writeHTML(dir, title, pts)
}

// writeSpeedup is speedup.md: the speedups and the machine's ceiling.
func (s *Sweep) writeSpeedup(w io.Writer, title string, pts []Point) error {
	if err := WriteSpeedup(w, title, pts); err != nil {
		return err
	}
	writeCeiling(w, s.roofPoints(pts))
	if s.Env != nil {
		WriteScaling(w, s.Env.Scaling)
	}
	return nil
}

// PrintTables writes times.md and speedup.md, each followed by an empty
// line, for the terminal; nothing when no run was made.
func (s *Sweep) PrintTables(w io.Writer) error {
	if len(s.Runs) == 0 {
		return nil
	}
	pts := Points(s.Runs)
	title := s.title()
	var b bytes.Buffer
	WriteTimes(&b, title, pts)
	b.WriteString("\n")
	s.writeSpeedup(&b, title, pts)
	b.WriteString("\n")
	_, err := w.Write(b.Bytes())
	return err
}

// IsReadOnly reports whether err is a write refused by a read-only file
// system or by permissions.
func IsReadOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

func (s *Sweep) writeRaw() error {
	return writeAtomic(filepath.Join(s.Dir, "raw.csv"), func(w io.Writer) error { return WriteRawCSV(w, s.Runs) })
}

// title heads the tables and the plots: "class A, 3 repetitions; Intel
// Xeon Gold 6248 CPU @ 2.50GHz, 2 CPUs, host vm".
func (s *Sweep) title() string {
	t := fmt.Sprintf("class %s, %d repetition", s.Plan.Class, s.Plan.Reps)
	if s.Plan.Reps != 1 {
		t += "s"
	}
	if s.Env != nil {
		if m := s.Env.Machine(); m != "" {
			t += "; " + m
		}
	}
	if s.Interrupted {
		t += fmt.Sprintf(" (interrupted: %d of %d runs)", len(s.Runs), s.Total)
	}
	return t
}

// rawHeader is the header of raw.csv; ReadRawCSV reads by these names.
var rawHeader = []string{"impl", "kernel", "class", "places", "rep", "seq", "seconds", "mops",
	"verified", "status", "exit_code", "peak_rss_kib", "wall_seconds", "started", "gomaxprocs", "pin", "cpus", "log", "error"}

// WriteRawCSV writes one row per run, in the order they were made.
func WriteRawCSV(w io.Writer, runs []Run) error {
	cw := csv.NewWriter(w)
	cw.Write(rawHeader)
	for _, r := range runs {
		secs, mops := "", ""
		if r.Status != StatusFailed && r.Status != StatusTimeout {
			secs, mops = fmtFloat(r.Seconds), fmtFloat(r.Mops)
		}
		cpus := make([]string, len(r.CPUs))
		for i, c := range r.CPUs {
			cpus[i] = strconv.Itoa(c)
		}
		gmp := ""
		if r.GOMAXPROCS > 0 {
			gmp = strconv.Itoa(r.GOMAXPROCS)
		}
		started := ""
		if !r.Started.IsZero() {
			started = r.Started.UTC().Format(time.RFC3339)
		}
		cw.Write([]string{r.Impl, r.Kernel, r.Class, PlacesLabel(r.Places), strconv.Itoa(r.Rep),
			strconv.Itoa(r.Seq), secs, mops, strconv.FormatBool(r.Verified), string(r.Status),
			strconv.Itoa(r.ExitCode), strconv.FormatInt(r.PeakRSSKiB, 10),
			strconv.FormatFloat(r.Wall.Seconds(), 'f', 3, 64), started, gmp, r.PinUsed,
			strings.Join(cpus, " "), filepath.ToSlash(r.LogPath()), r.Err})
	}
	cw.Flush()
	return cw.Error()
}

// ReadRawCSV reads the runs of a raw.csv, every column it has (columns
// are found by name, so an older or hand-made file with fewer columns
// reads too). A row cut short, a file that does not end in a newline (a
// copy or a write cut off mid-row), or a field that does not parse is an
// error naming the file and line.
func ReadRawCSV(path string) ([]Run, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("harness: %w", err)
	}
	return readRawCSV(path, b)
}

// num is a float64 that JSON shows as null when it is not a number.
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

type summaryJSON struct {
	N      int `json:"n"`
	Median num `json:"median"`
	Min    num `json:"min"`
	Max    num `json:"max"`
	MAD    num `json:"mad"`
}

func (s Summary) json() summaryJSON {
	return summaryJSON{s.N, num(s.Median), num(s.Min), num(s.Max), num(s.MAD)}
}

type failureJSON struct {
	Rep    int    `json:"rep"`
	Status Status `json:"status"`
	Error  string `json:"error"`
	Log    string `json:"log"`
}

type pointJSON struct {
	Impl       string        `json:"impl"`
	Kernel     string        `json:"kernel"`
	Class      string        `json:"class"`
	Places     string        `json:"places"`
	Runs       int           `json:"runs"`
	Seconds    summaryJSON   `json:"seconds"`
	Mops       summaryJSON   `json:"mops"`
	Speedup    num           `json:"speedup"`
	Efficiency num           `json:"efficiency"`
	Failed     []failureJSON `json:"failed,omitempty"`
}

func (s *Sweep) writeSummary(w io.Writer, pts []Point) error {
	out := struct {
		Plan        planJSON    `json:"plan"`
		Statistic   string      `json:"statistic"`
		Spread      string      `json:"spread"`
		Speedup     string      `json:"speedup"`
		Runs        int         `json:"runs"`
		Planned     int         `json:"planned"`
		Interrupted bool        `json:"interrupted"`
		Points      []pointJSON `json:"points"`
	}{
		Plan:      s.Plan.json(),
		Statistic: "median of the runs that verified",
		Spread:    "mad: median absolute deviation from the median, unscaled, same unit",
		Speedup:   "median time at 1 place / median time at N places; efficiency = speedup / N",
		Runs:      len(s.Runs), Planned: s.Total, Interrupted: s.Interrupted,
		Points: []pointJSON{},
	}
	for _, p := range pts {
		pj := pointJSON{Impl: p.Impl, Kernel: p.Kernel, Class: p.Class, Places: PlacesLabel(p.Places),
			Runs: p.Runs, Seconds: p.Time.json(), Mops: p.Mops.json(),
			Speedup: num(p.Speedup), Efficiency: num(p.Efficiency)}
		for _, f := range p.Failed {
			pj.Failed = append(pj.Failed, failureJSON{f.Rep, f.Status, f.Err, filepath.ToSlash(f.LogPath())})
		}
		out.Points = append(out.Points, pj)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// fmtFloat writes a number exactly, for CSV.
func fmtFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// fmtSec shows a time with four significant digits.
func fmtSec(x float64) string {
	switch {
	case math.IsNaN(x):
		return "-"
	case x >= 1000:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x == 0:
		return "0"
	}
	return fmt.Sprintf("%#.4g", x)
}

// fmtSpread shows a spread with three significant digits.
func fmtSpread(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	if x == 0 || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	if math.Abs(x) < 1e-4 {
		return strconv.FormatFloat(x, 'e', 2, 64)
	}
	scale := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return strconv.FormatFloat(math.Round(x*scale)/scale, 'f', -1, 64)
}

// fmtRatio shows a speedup or ratio with two decimals.
func fmtRatio(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// table renders a Markdown table with padded columns, readable as text as
// well: the first column left-aligned, the others right-aligned.
func table(w io.Writer, header []string, rows [][]string) {
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString(" " + c + pad + " |")
			} else {
				b.WriteString(" " + pad + c + " |")
			}
		}
		fmt.Fprintln(w, b.String())
	}
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
		if i > 0 {
			sep[i] = sep[i][:len(sep[i])-1] + ":"
		}
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

// groups splits points by implementation and class, keeping order.
func groups(pts []Point) [][]Point {
	var out [][]Point
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1][0].Impl == p.Impl && out[n-1][0].Class == p.Class {
			out[n-1] = append(out[n-1], p)
			continue
		}
		out = append(out, []Point{p})
	}
	return out
}

// grid lays points out as kernels × place counts.
func grid(pts []Point) (kernels []string, places []int, at map[[2]string]Point) {
	at = map[[2]string]Point{}
	for _, p := range pts {
		if !slices.Contains(kernels, p.Kernel) {
			kernels = append(kernels, p.Kernel)
		}
		if !slices.Contains(places, p.Places) {
			places = append(places, p.Places)
		}
		at[[2]string{p.Kernel, PlacesLabel(p.Places)}] = p
	}
	slices.Sort(places)
	return kernels, places, at
}

func implTitle(impl string) string {
	if impl == ImplFortran {
		return "Fortran (NPB reference binaries: OMP_NUM_THREADS = places, or as many MPI ranks under -mpi)"
	}
	return "Go"
}

// WriteTimes writes times.md: the median time of every point (kernel ×
// places, the serial point as S), then the spread of each point, then
// the runs that did not count.
func WriteTimes(w io.Writer, title string, pts []Point) error {
	fmt.Fprintf(w, "# Times: %s\n\n", title)
	fmt.Fprintln(w, "Median \"Time in seconds\" (NPB's timed section) of the runs that verified. S = serial point.")
	if len(pts) == 0 {
		fmt.Fprintln(w, "\nNo run finished.")
		return nil
	}
	for _, g := range groups(pts) {
		fmt.Fprintf(w, "\n## %s, class %s\n\n", implTitle(g[0].Impl), g[0].Class)
		kernels, places, at := grid(g)
		header := []string{"kernel"}
		for _, np := range places {
			header = append(header, PlacesLabel(np))
		}
		var rows [][]string
		for _, k := range kernels {
			row := []string{strings.ToUpper(k)}
			for _, np := range places {
				p, ok := at[[2]string{k, PlacesLabel(np)}]
				row = append(row, timeCell(p, ok))
			}
			rows = append(rows, row)
		}
		table(w, header, rows)
	}
	fmt.Fprintln(w, "\n## Spread\n\nMAD = median absolute deviation from the median (unscaled).")
	fmt.Fprintln(w)
	var rows [][]string
	for _, p := range pts {
		rows = append(rows, []string{implKernel(p.Impl, p.Kernel), p.Class, PlacesLabel(p.Places), fmt.Sprintf("%d/%d", p.Time.N, p.Runs),
			fmtSec(p.Time.Min), fmtSec(p.Time.Median), fmtSec(p.Time.Max), fmtSpread(p.Time.MAD),
			pct(p.Time.RelMAD()), fmtMops(p.Mops.Median)})
	}
	table(w, []string{"kernel", "class", "places", "verified/runs", "min s", "median s", "max s", "MAD s", "MAD %", "Mop/s"}, rows)
	var failed []Run
	for _, p := range pts {
		failed = append(failed, p.Failed...)
	}
	if len(failed) > 0 {
		fmt.Fprintln(w, "\n## Runs that did not count")
		fmt.Fprintln(w)
		for _, r := range failed {
			fmt.Fprintf(w, "- %s: %s: %s (%s)\n", describeRun(r), r.Status, r.Err, filepath.ToSlash(r.LogPath()))
		}
	}
	return nil
}

// implKernel names a kernel in a table: "CG", or "fortran CG".
func implKernel(impl, kernel string) string {
	if impl != ImplGo {
		return impl + " " + strings.ToUpper(kernel)
	}
	return strings.ToUpper(kernel)
}

func describeRun(r Run) string {
	s := fmt.Sprintf("%s class %s places %s rep %d", strings.ToUpper(r.Kernel), r.Class, PlacesLabel(r.Places), r.Rep)
	if r.Impl != ImplGo {
		s = r.Impl + " " + s
	}
	return s
}

func timeCell(p Point, ok bool) string {
	switch {
	case !ok:
		return ""
	case p.Time.N == 0:
		return "failed"
	case len(p.Failed) > 0:
		return fmt.Sprintf("%s (%d failed)", fmtSec(p.Time.Median), len(p.Failed))
	}
	return fmtSec(p.Time.Median)
}

func pct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return strconv.FormatFloat(100*x, 'f', 1, 64)
}

// pctSign is pct with a per cent sign, or "-".
func pctSign(x float64) string {
	if s := pct(x); s != "-" {
		return s + "%"
	}
	return "-"
}

func fmtMops(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// WriteSpeedup writes speedup.md: speedup and efficiency per kernel and
// place count, and the cost of the one-place group over the serial point.
func WriteSpeedup(w io.Writer, title string, pts []Point) error {
	fmt.Fprintf(w, "# Speedup: %s\n\n", title)
	fmt.Fprintln(w, "Speedup = median time at 1 place ÷ median time at N places; efficiency = speedup ÷ N.")
	if len(pts) == 0 {
		fmt.Fprintln(w, "\nNo run finished.")
		return nil
	}
	for _, g := range groups(pts) {
		kernels, places, at := grid(g)
		places = slices.DeleteFunc(places, func(n int) bool { return n == 0 })
		header := []string{"kernel"}
		for _, np := range places {
			header = append(header, PlacesLabel(np))
		}
		var sp, eff [][]string
		for _, k := range kernels {
			rs, re := []string{strings.ToUpper(k)}, []string{strings.ToUpper(k)}
			for _, np := range places {
				p := at[[2]string{k, PlacesLabel(np)}]
				rs, re = append(rs, fmtRatio(p.Speedup)), append(re, pctSign(p.Efficiency))
			}
			sp, eff = append(sp, rs), append(eff, re)
		}
		fmt.Fprintf(w, "\n## %s, class %s: speedup\n\n", implTitle(g[0].Impl), g[0].Class)
		table(w, header, sp)
		fmt.Fprintf(w, "\n## %s, class %s: efficiency\n\n", implTitle(g[0].Impl), g[0].Class)
		table(w, header, eff)
		var serial [][]string
		for _, k := range kernels {
			s, okS := at[[2]string{k, "S"}]
			one, ok1 := at[[2]string{k, "1"}]
			if okS && ok1 {
				serial = append(serial, []string{strings.ToUpper(k), fmtSec(s.Time.Median), fmtSec(one.Time.Median),
					fmtRatio(one.Time.Median / s.Time.Median)})
			}
		}
		if len(serial) > 0 {
			fmt.Fprintf(w, "\n## %s, class %s: one place against the serial point\n\n", implTitle(g[0].Impl), g[0].Class)
			table(w, []string{"kernel", "S s", "1 s", "time 1 ÷ time S"}, serial)
		}
	}
	return nil
}

// WriteBenchfmt writes the verified runs of one implementation in the Go
// benchmark format, one line per run, so benchstat reads a sweep as it
// reads `go test -bench` output: BenchmarkCG/class=A/places=2 (places=0 is
// the serial point, as in the kernels' own benchmarks).
func WriteBenchfmt(w io.Writer, env *Env, runs []Run, impl string) error {
	var b bytes.Buffer
	if env != nil {
		fmt.Fprintf(&b, "goos: %s\ngoarch: %s\npkg: npbgo\n", env.GOOS, env.GOARCH)
		if env.CPUModel != "" {
			fmt.Fprintf(&b, "cpu: %s\n", env.CPUModel)
		}
	}
	fmt.Fprintf(&b, "impl: %s\n", impl)
	for _, r := range runs {
		if r.Impl != impl || !r.OK() {
			continue
		}
		name := fmt.Sprintf("Benchmark%s/class=%s/places=%d", strings.ToUpper(r.Kernel), r.Class, r.Places)
		fmt.Fprintf(&b, "%s \t       1\t%12.0f ns/op", name, r.Seconds*1e9)
		if !math.IsNaN(r.Mops) {
			fmt.Fprintf(&b, "\t%12.2f Mop/s", r.Mops)
		}
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}
