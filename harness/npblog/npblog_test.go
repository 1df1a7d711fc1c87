package npblog

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"npbgo/npb"
)

// refDir holds the Fortran reference logs of this machine.
// refDir is a fixed set of real NPB3.4-OMP logs (an Intel host, Nov 2026),
// kept as test data so that refreshing results/reference does not move
// the expected values.
const refDir = "../testdata/fortran"

// TestParseReferenceLogs parses every committed Fortran log and checks it
// against summary.csv, which was made from the same logs by other means.
func TestParseReferenceLogs(t *testing.T) {
	f, err := os.Open(filepath.Join(refDir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 50 {
		t.Fatalf("summary.csv has %d rows, want the full set", len(rows))
	}
	for _, row := range rows[1:] {
		bench, class, threads, rep, secs, mops, verif := row[0], row[1], row[2], row[3], row[4], row[5], row[6]
		name := fmt.Sprintf("%s.%s.t%s.r%s.txt", bench, class, threads, rep)
		t.Run(name, func(t *testing.T) {
			reps, err := ParseFile(filepath.Join(refDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if len(reps) != 1 {
				t.Fatalf("%d reports, want 1", len(reps))
			}
			r := reps[0]
			wantSecs, _ := strconv.ParseFloat(secs, 64)
			wantMops, _ := strconv.ParseFloat(mops, 64)
			wantThreads, _ := strconv.Atoi(threads)
			if r.Benchmark != strings.ToUpper(bench) || r.Class.String() != class || r.Threads != wantThreads ||
				r.AvailThreads != wantThreads || r.Seconds != wantSecs || r.Mops != wantMops ||
				r.Verification != verif || r.Version != "3.4" || r.Iterations <= 0 || r.Size == "" {
				t.Errorf("parsed %+v, want %s %s threads %s time %s Mop/s %s %s", r, bench, class, threads, secs, mops, verif)
			}
			if want := r.Mops / float64(wantThreads); math.Abs(r.MopsPerThread-want) > 0.01 {
				t.Errorf("Mop/s/thread %v, want %v", r.MopsPerThread, want)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	r, err := ParseFile(filepath.Join(refDir, "sp.A.t1.r1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := Report{Benchmark: "SP", Class: 'A', Size: "64x64x64", Iterations: 400, Seconds: 13.18,
		Threads: 1, AvailThreads: 1, Mops: 6448.72, MopsPerThread: 6448.72, OpType: "floating point",
		Verification: "SUCCESSFUL", Version: "3.4", CompileDate: "22 Nov 2026", Line: r[0].Line}
	if r[0] != want {
		t.Errorf("got  %+v\nwant %+v", r[0], want)
	}
	is, err := ParseFile(filepath.Join(refDir, "is.A.t1.r1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if is[0].Benchmark != "IS" || is[0].Size != "8388608" || is[0].OpType != "keys ranked" {
		t.Errorf("IS (C layout): %+v", is[0])
	}
}

// goReport is the report npbgo prints for a run, through npb.Result.Report.
func goReport(kernel string, places int, secs, mops float64, verified bool) string {
	r := npb.Result{Kernel: kernel, Class: npb.ClassS, Size: []int{1400}, Iterations: 15, Places: places,
		Seconds: secs, Mops: mops, OpType: "floating point", Verified: verified}
	if kernel == "MG" {
		r.Size = []int{32, 32, 32}
	}
	var b bytes.Buffer
	r.Report(&b)
	return b.String()
}

// serialSER is the results block of a serial (NPB3.3-SER) build: no
// thread lines.
const serialSER = `
 CG Benchmark Completed.
 Class           =                        S
 Size            =                     1400
 Iterations      =                       15
 Time in seconds =                     0.05
 Mop/s total     =                  1324.03
 Operation type  =           floating point
 Verification    =               SUCCESSFUL
 Version         =                    3.3.1
 Compile date    =              22 Nov 2026

 Compile options:
    F77          = gfortran
`

// stars is a report whose wide values overflowed their Fortran fields.
const starsReport = `
 MG Benchmark Completed.
 Class           =                        E
 Size            =             2048x2048x2048
 Iterations      =                       50
 Time in seconds =             ************
 Total threads   =                     1024
 Avail threads   =                     1024
 Mop/s total     =             ************
 Mop/s/thread    =                  2218.15
 Operation type  =           floating point
 Verification    =               SUCCESSFUL
 Version         =                      3.4
 Compile date    =              22 Nov 2026
`

func TestParseVariants(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		text string
		// checked fields
		bench, class, size string
		threads            int
		secs, mops         float64
		verified           bool
	}{
		{"go serial (no thread lines)", goReport("CG", 0, 0.0512, 1234.5, true), "CG", "S", "1400", 0, 0.05, 1234.5, true},
		{"go 2 places", goReport("CG", 2, 0.03, 2000, true), "CG", "S", "1400", 2, 0.03, 2000, true},
		{"go grid size", goReport("MG", 1, 0.03, 2000, false), "MG", "S", "32x32x32", 1, 0.03, 2000, false},
		{"go IS C layout", goReport("IS", 1, 0.01, 300, true), "IS", "S", "1400", 1, 0.01, 300, true},
		{"serial build", serialSER, "CG", "S", "1400", 0, 0.05, 1324.03, true},
		{"asterisks", starsReport, "MG", "E", "2048x2048x2048", 1024, nan, nan, true},
		{"CRLF", strings.ReplaceAll(serialSER, "\n", "\r\n"), "CG", "S", "1400", 0, 0.05, 1324.03, true},
		{"NOT PERFORMED", strings.Replace(serialSER, "    SUCCESSFUL", " NOT PERFORMED", 1), "CG", "S", "1400", 0, 0.05, 1324.03, false},
		{"Infinity Mop/s", strings.Replace(serialSER, "   1324.03", "  Infinity", 1), "CG", "S", "1400", 0, 0.05, nan, true},
		{"MPI labels", strings.Replace(strings.Replace(starsReport, "Total threads  ", "Total processes", 1), "Avail threads", "Active procs ", 1),
			"MG", "E", "2048x2048x2048", 1024, nan, nan, true},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := Parse(strings.NewReader(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			r := reps[0]
			if r.Benchmark != tc.bench || r.Class.String() != tc.class || r.Size != tc.size || r.Threads != tc.threads ||
				!same(r.Seconds, tc.secs) || !same(r.Mops, tc.mops) || r.Verified() != tc.verified {
				t.Errorf("got %+v", r)
			}
		})
	}
}

func TestParseConcatenated(t *testing.T) {
	text := goReport("CG", 1, 1, 100, true) + "\nsome noise = 3\n" + goReport("CG", 2, 0.5, 200, true) + serialSER
	reps, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 3 || reps[0].Threads != 1 || reps[1].Threads != 2 || reps[2].Threads != 0 {
		t.Fatalf("got %+v", reps)
	}
}

func TestParseErrors(t *testing.T) {
	full, err := os.ReadFile(filepath.Join(refDir, "cg.A.t2.r1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	log := string(full)
	cut := func(after string) string { return log[:strings.Index(log, after)+len(after)] }
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "no NPB report"},
		{"not a log", "hello\nworld\n", "no NPB report"},
		{"cut before report", cut("VERIFICATION SUCCESSFUL"), "no NPB report"},
		{"cut after heading", cut("Benchmark Completed."), `truncated CG report: no "Class" line`},
		{"cut after time", cut("Time in seconds =                     0.34"), `no "Mop/s total" line`},
		{"cut mid-line", cut("Mop/s total     =       "), `bad Mop/s total value ""`},
		{"bad time", strings.Replace(log, "0.34\n", "0.3x\n", 1), `:37: bad Time in seconds value "0.3x"`},
		{"negative time", strings.Replace(log, "    0.34\n", "   -0.34\n", 1), "negative"},
		{"bad class", strings.Replace(log, "=                        A\n", "=                        Q\n", 1), `bad Class "Q"`},
		{"bad size", strings.Replace(log, "=                    14000", "=                    14k00", 1), `bad Size "14k00"`},
		{"bad iterations", strings.Replace(log, "     15\n Time", "    1.5\n Time", 1), `bad Iterations value "1.5"`},
		{"bad verification", strings.Replace(log, "    SUCCESSFUL\n Version", "      MAYBE\n Version", 1), `bad Verification "MAYBE"`},
		{"binary", "\x00\x01 CG Benchmark Completed.", "binary data"},
		{"second report truncated", log + " CG Benchmark Completed.\n Class =  A\n", `:63: truncated CG report`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseFileNamesFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cg.A.t2.r9.txt")
	if err := os.WriteFile(p, []byte(" CG Benchmark Completed.\n Class = A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ParseFile(p)
	if err == nil || !strings.HasPrefix(err.Error(), "npblog: "+p+":1: truncated CG report") {
		t.Fatalf("error %v, want it to name the file and line", err)
	}
	_, err = ParseFile(filepath.Join(t.TempDir(), "missing.txt"))
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Fatalf("error %v, want it to name the file", err)
	}
}

// FuzzParse feeds the parser mangled logs: it must never panic, and what
// it accepts must be a sane report.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"cg.A.t2.r1.txt", "is.A.t1.r1.txt", "sp.A.t1.r1.txt", "mg.S.t2.r1.txt", "ft.B.t2.r1.txt"} {
		b, err := os.ReadFile(filepath.Join(refDir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(serialSER))
	f.Add([]byte(starsReport))
	f.Add([]byte(goReport("MG", 0, 0.01, 100, true)))
	f.Add([]byte(goReport("IS", 2, 0.01, 100, false)))
	f.Fuzz(func(t *testing.T, data []byte) {
		reps, err := Parse(bytes.NewReader(data))
		if err != nil {
			if len(reps) != 0 {
				t.Fatalf("error %v with %d reports", err, len(reps))
			}
			return
		}
		for _, r := range reps {
			if r.Benchmark == "" || r.Class.Rank() < 0 {
				t.Fatalf("accepted bad heading or class: %+v", r)
			}
			if r.Seconds < 0 || r.Mops < 0 || r.Threads < -1 || r.Iterations < -1 {
				t.Fatalf("accepted a negative value: %+v", r)
			}
			switch r.Verification {
			case "SUCCESSFUL", "UNSUCCESSFUL", "NOT PERFORMED":
			default:
				t.Fatalf("accepted verification %q", r.Verification)
			}
			if r.Line < 1 || r.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("line %d out of range", r.Line)
			}
		}
	})
}
