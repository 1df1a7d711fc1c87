package harness

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"context"

	"npbgo/npb"
)

// pageSweep is the golden sweep with a probe and work models, written
// into a directory of its own.
func pageSweep(t *testing.T) (*Sweep, string) {
	dir := t.TempDir()
	env := testEnv()
	env.Scaling = []Scaling{
		{When: "before", Places: 1, Memory: 0.1, Compute: 0.1, MemoryGBs: 10, ComputeGFlops: 2},
		{When: "before", Places: 2, Memory: 0.07, Compute: 0.05, MemoryGBs: 14, ComputeGFlops: 4},
	}
	s := &Sweep{Dir: dir, Plan: Plan{Class: "A", Kernels: []string{"cg", "mg"}, Places: []int{0, 1, 2}, Reps: 3, Fortran: []string{"cg"}},
		Env: env, Runs: goldenRuns(), Total: 20,
		Model: func(k, c string) (npb.Work, bool) {
			return npb.Work{Ops: 1506e6, Flops: true, Bytes: map[string]float64{"cg": 1e10, "mg": 3.7e9}[k]}, true
		}}
	if err := s.WriteTables(dir); err != nil {
		t.Fatal(err)
	}
	return s, dir
}

// TestPageSelfContained: index.html has every table row of times.md and
// speedup.md, the plots inline, and fetches nothing.
func TestPageSelfContained(t *testing.T) {
	_, dir := pageSweep(t)
	page := readFile(t, filepath.Join(dir, "index.html"))
	for _, bad := range []string{"<script", "<link", "src=", "@import", "url(http"} {
		if strings.Contains(page, bad) {
			t.Errorf("index.html contains %q: it must fetch nothing", bad)
		}
	}
	for _, name := range []string{"speedup", "times", "roofline", "go-fortran"} {
		if !strings.Contains(page, `id="plot-`+name+`"`) {
			t.Errorf("index.html lacks the %s plot", name)
		}
	}
	speedup := readFile(t, filepath.Join(dir, "speedup.md"))
	for _, want := range []string{"## Against the machine's ceiling", "memory GB/s", "compute GFLOP/s", "bound: fraction of ceiling"} {
		if !strings.Contains(speedup, want) {
			t.Errorf("speedup.md lacks %q", want)
		}
	}
}

// TestPageInBrowser opens index.html in headless Chromium: the DOM it
// builds has one row per row of the sweep's tables, and the screenshot
// shows the plots' colours (the tables are black on white and grey, so
// coloured pixels are the plots, drawn). Without chromium the test skips,
// except in CI (CI set), where it must run.
func TestPageInBrowser(t *testing.T) {
	exe, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed and CI is set: install it (apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed (Debian: apt-get install -y chromium); set CI to make this a failure")
	}
	s, dir := pageSweep(t)
	page := filepath.Join(dir, "index.html")
	run := func(args ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + t.TempDir()}
		cmd := exec.CommandContext(ctx, exe, append(base, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v: %s", args, err, stderr.String())
		}
		return out
	}
	dom := string(run("--dump-dom", "file://"+page))
	var md bytes.Buffer
	pts := Points(s.Runs)
	WriteTimes(&md, s.title(), pts)
	s.writeSpeedup(&md, s.title(), pts)
	want := 0
	for _, sec := range parseMarkdown(md.String()) {
		for _, tb := range sec.Tables {
			want += 1 + len(tb.Rows)
		}
	}
	if got := strings.Count(dom, "<tr>"); got != want || want < 20 {
		t.Errorf("the browser's DOM has %d table rows, the tables have %d", got, want)
	}
	for _, row := range []string{"<td>CG</td>", "<td>MG</td>", "<td>memory GB/s</td>"} {
		if !strings.Contains(dom, row) {
			t.Errorf("the browser's DOM lacks %s", row)
		}
	}
	if n := strings.Count(dom, "<svg"); n != 4 {
		t.Errorf("the browser's DOM has %d SVG plots, want 4", n)
	}
	shot := filepath.Join(dir, "shot.png")
	run("--screenshot="+shot, "--window-size=1200,9000", "--hide-scrollbars", "file://"+page)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	coloured := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi-lo > 0x4000 {
				coloured++
			}
		}
	}
	if coloured < 500 {
		t.Errorf("the screenshot has %d coloured pixels (of every 4th): the plots did not render", coloured)
	}
}
