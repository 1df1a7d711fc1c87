package harness

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"npbgo/runtime/places"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenRuns is a small sweep: CG at S, 1, 2 places with 3 reps, one of
// them unverified; MG whose 2-place point only crashed.
func goldenRuns() []Run {
	mk := func(k string, np places.Count, rep int, secs float64, st Status) Run {
		r := Run{Job: Job{Impl: ImplGo, Kernel: k, Class: 'A', Places: np, Rep: rep}, Status: st,
			Seconds: secs, Mops: 1506 / secs, Verified: st == StatusOK}
		switch st {
		case StatusUnverified:
			r.Err = "verification failed"
		case StatusFailed:
			r.Err, r.Seconds, r.Mops = "signal: killed", math.NaN(), math.NaN()
		}
		return r
	}
	var runs []Run
	for rep := 1; rep <= 3; rep++ {
		d := 0.01 * float64(rep%3) // reps differ a little
		runs = append(runs,
			mk("cg", 0, rep, 0.600+d, StatusOK), mk("cg", 1, rep, 0.620+d, StatusOK),
			mk("cg", 2, rep, 0.320+d, map[bool]Status{true: StatusUnverified, false: StatusOK}[rep == 2]),
			mk("mg", 0, rep, 0.790+d, StatusOK), mk("mg", 1, rep, 0.800+d, StatusOK), mk("mg", 2, rep, 0, StatusFailed))
	}
	runs = append(runs, Run{Job: Job{Impl: ImplFortran, Kernel: "cg", Class: 'A', Places: 1, Rep: 1}, Status: StatusOK, Seconds: 0.62, Mops: 2428.99, Verified: true},
		Run{Job: Job{Impl: ImplFortran, Kernel: "cg", Class: 'A', Places: 2, Rep: 1}, Status: StatusOK, Seconds: 0.32, Mops: 4700.02, Verified: true})
	return runs
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestGoldenTables(t *testing.T) {
	pts := Points(goldenRuns())
	var b strings.Builder
	WriteTimes(&b, "class A, 3 repetitions, testhost", pts)
	golden(t, "times.md", b.String())
	b.Reset()
	WriteSpeedup(&b, "class A, 3 repetitions, testhost", pts)
	golden(t, "speedup.md", b.String())
	b.Reset()
	WriteBenchfmt(&b, testEnv(), goldenRuns(), ImplGo)
	golden(t, "bench.txt", b.String())
	b.Reset()
	WriteRawCSV(&b, goldenRuns())
	golden(t, "raw.csv", b.String())
	var fortran []Run
	for _, r := range goldenRuns() {
		if r.Impl == ImplFortran {
			fortran = append(fortran, r)
		}
	}
	rows, err := Compare(goldenRuns(), fortran)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	WriteCompare(&b, "results/x", "results/reference/fortran", rows)
	golden(t, "compare.md", b.String())
}
