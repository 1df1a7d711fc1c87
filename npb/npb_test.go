package npb

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseClass(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Class
		err  bool
	}{
		{"S", ClassS, false}, {"a", ClassA, false}, {" B ", ClassB, false}, {"F", ClassF, false},
		{"", 0, true}, {"Q", 0, true}, {"AB", 0, true}, {"1", 0, true},
	} {
		got, err := ParseClass(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseClass(%q) = %v, %v", tt.in, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "npb: unknown class") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

func TestChecks(t *testing.T) {
	var r Result
	r.Verify()
	if r.Verified {
		t.Error("no checks must not verify")
	}
	ok := RelCheck("zeta", 17.130235054029+1e-12, 17.130235054029, 1e-10)
	bad := RelCheck("zeta", 17.2, 17.130235054029, 1e-10)
	nan := RelCheck("x", nan(), 1, 1e-10)
	if !ok.OK || bad.OK || nan.OK {
		t.Errorf("RelCheck: %+v %+v %+v", ok, bad, nan)
	}
	r.Verify(ok, ExactCheck("rank", 3, 3))
	if !r.Verified {
		t.Error("passing checks did not verify")
	}
	r.Verify(ok, bad)
	if r.Verified {
		t.Error("a failing check verified")
	}
}

func nan() float64 { z := 0.0; return z / z }

// The report must line up with the Fortran reference output column for
// column: every labelled line of a real NPB3.4-OMP log, with our values,
// must be byte-identical up to the values' text.
func TestReportMatchesFortranLayout(t *testing.T) {
	r := &Result{Kernel: "CG", Class: ClassA, Size: []int{14000}, Iterations: 15, Places: 2,
		Seconds: 0.34, Mops: 4456.90, OpType: "floating point", Verified: true}
	var b bytes.Buffer
	r.Report(&b)
	got := b.String()
	for _, line := range []string{
		" CG Benchmark Completed.",
		" Class           =                        A",
		" Size            =                    14000",
		" Iterations      =                       15",
		" Time in seconds =                     0.34",
		" Total threads   =                        2",
		" Avail threads   =                        2",
		" Mop/s total     =                  4456.90",
		" Mop/s/thread    =                  2228.45",
		" Operation type  =           floating point",
		" Verification    =               SUCCESSFUL",
		" Version         =                      3.4",
		" Compile options:",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("report lacks %q:\n%s", line, got)
		}
	}
	// Grid size, serial (no thread lines), IS's C layout, overflow.
	r = &Result{Kernel: "FT", Class: ClassS, Size: []int{64, 64, 64}, Iterations: 6, Seconds: 1e12, Mops: 1, OpType: "floating point"}
	b.Reset()
	r.Report(&b)
	got = b.String()
	for _, want := range []string{
		" Size            =             64x  64x  64\n",
		" Time in seconds =             ************\n",
		" Verification    =             UNSUCCESSFUL\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "threads") {
		t.Errorf("serial report prints thread lines:\n%s", got)
	}
	r.Kernel = "IS"
	b.Reset()
	r.Report(&b)
	if !strings.Contains(b.String(), " IS Benchmark Completed\n") {
		t.Errorf("IS report:\n%s", b.String())
	}
	// NPB-MPI's process lines, all ranks active and not.
	for _, tc := range []struct{ ranks, active, want int }{{4, 0, 4}, {5, 4, 4}} {
		r = &Result{Kernel: "SP-MPI", Class: ClassS, Size: []int{12, 12, 12}, Ranks: tc.ranks, Active: tc.active, Mops: 10}
		b.Reset()
		r.Report(&b)
		for _, want := range []string{
			fmt.Sprintf(" Total processes = %24d\n", tc.ranks),
			fmt.Sprintf(" Active procs    = %24d\n", tc.want),
			fmt.Sprintf(" Mop/s/process   = %24.2f\n", 10/float64(tc.ranks)),
		} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("report lacks %q:\n%s", want, b.String())
			}
		}
	}
}

// Cross-check against the Fortran log itself, when ../shared is beside the
// checkout (as in CI).
func TestReportAgainstReferenceLog(t *testing.T) {
	log, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "fortran", "cg.A.t2.r1.txt"))
	if err != nil {
		t.Skip("no reference log:", err)
	}
	r := &Result{Kernel: "CG", Class: ClassA, Size: []int{14000}, Iterations: 15, Places: 2,
		Seconds: 0.34, Mops: 4456.90, OpType: "floating point", Verified: true}
	var b bytes.Buffer
	r.Report(&b)
	ours := strings.Split(b.String(), "\n")
	for _, want := range strings.Split(string(log), "\n") {
		if !strings.Contains(want, " = ") || strings.HasPrefix(want, "    ") || strings.Contains(want, "Compile date") || strings.Contains(want, "Initialization") {
			continue
		}
		// Times and rates are this run's; their lines must match in label
		// and in the column the value ends.
		label, _, _ := strings.Cut(want, "=")
		measured := strings.Contains(want, "Time in seconds") || strings.Contains(want, "Mop/s")
		found := false
		for _, l := range ours {
			found = found || l == want || measured && strings.HasPrefix(l, label+"=") && len(l) == len(want)
		}
		if !found {
			t.Errorf("reference line %q not reproduced", want)
		}
	}
}

func TestReference(t *testing.T) {
	var cg struct {
		Params struct {
			Na int `json:"na"`
		} `json:"params"`
		Verification struct {
			Zeta struct {
				Value float64 `json:"value"`
			} `json:"zeta_verify_value"`
		} `json:"verification"`
	}
	if err := Reference("cg", ClassA, &cg); err != nil {
		t.Fatal(err)
	}
	if cg.Params.Na != 14000 || cg.Verification.Zeta.Value != 17.130235054029 {
		t.Errorf("CG A reference = %+v", cg)
	}
	if eps, err := ReferenceEpsilon("FT"); err != nil || eps != 1e-12 {
		t.Errorf("FT epsilon = %v, %v", eps, err)
	}
	if err := Reference("IS", ClassF, &cg); err == nil {
		t.Error("IS class F has reference values?")
	}
	if err := Reference("XX", ClassA, &cg); err == nil {
		t.Error("unknown kernel accepted")
	}
}
