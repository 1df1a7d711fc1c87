package npb

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"npbgo/runtime/places"
)

// fake is a benchmark that records the order in which the driver calls it.
type fake struct {
	calls []string
	fail  bool
}

func (f *fake) Setup(g *places.Group, out Printer) error {
	f.calls = append(f.calls, "setup")
	out.Printf(" setting up\n")
	if f.fail {
		return errors.New("fake: setup failed")
	}
	return nil
}
func (f *fake) Timed()                 { f.calls = append(f.calls, "timed") }
func (f *fake) Mops(t float64) float64 { return 1 / t }
func (f *fake) Verify(out Printer) []Check {
	f.calls = append(f.calls, "verify")
	out.Printf(" verified\n")
	return []Check{RelCheck("x", 1, 1, 1e-8)}
}

func TestKernelRun(t *testing.T) {
	f := &fake{}
	k := Kernel{Name: "cg", New: func(Class) (Problem, Benchmark, error) {
		return Problem{Size: []int{12, 11, 10}, Iterations: 3, Banner: []string{" dt: 0.5"}}, f, nil
	}, MaxClass: ClassA}
	if got := k.Classes(); got != "SWA" {
		t.Errorf("classes %q, want SWA", got)
	}
	var out strings.Builder
	r, err := k.Run(Config{Class: ClassS, Places: 2, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.calls, ",") != "setup,timed,verify" {
		t.Errorf("calls %v", f.calls)
	}
	if !r.Verified || r.Kernel != "CG" || r.Iterations != 3 || r.OpType != "floating point" || r.Places != 2 || r.SizeString() != "12x11x10" {
		t.Errorf("result %+v", r)
	}
	for _, want := range []string{
		" NAS Parallel Benchmarks (NPB3.4-Go) - CG Benchmark\n\n Size:   12x  11x  10  (class S)\n Iterations:     3\n dt: 0.5\n Number of available threads:     2\n\n setting up\n Initialization time = ",
		" verified\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestKernelRunErrors(t *testing.T) {
	k := Kernel{Name: "cg", New: func(Class) (Problem, Benchmark, error) {
		return Problem{Size: []int{1}, Iterations: 1}, &fake{fail: true}, nil
	}, MaxClass: ClassA}
	for _, tt := range []struct {
		cfg  Config
		want string
	}{
		{Config{Class: ClassB}, "cg: no class B (have S W A)"},
		{Config{Class: ClassS, Places: -1}, "cg: places: "},
		{Config{Class: ClassS}, "fake: setup failed"},
	} {
		_, err := k.Run(tt.cfg)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want %q", tt.cfg, err, tt.want)
		}
	}
}

func TestKernelOrder(t *testing.T) {
	names := []string{"zz", "lu-hp", "lu", "bt", "is", "ep-mpi", "cg", "ep"}
	want := "ep ep-mpi is cg bt lu lu-hp zz"
	slices.SortFunc(names, Compare)
	if got := strings.Join(names, " "); got != want {
		t.Errorf("order %q, want %q", got, want)
	}
}
