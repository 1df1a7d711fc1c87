package ep

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"npbgo/npb"
	"npbgo/npb/internal/npbtest"
)

// TestMPIVerification runs EP-MPI on every in-process rank count: it
// verifies, counts the reference's pairs, and its sums are the bits of
// the shared-memory form (the exact sums do not depend on who added
// which batch).
func TestMPIVerification(t *testing.T) {
	want := map[npb.Class][2]float64{}
	for _, c := range []npb.Class{npb.ClassS, npb.ClassW} {
		if c != npb.ClassS && (testing.Short() || npbtest.Race) {
			continue
		}
		res, err := Run(npb.Config{Class: c, Places: 2})
		if err != nil {
			t.Fatal(err)
		}
		want[c] = [2]float64{res.Checks[0].Value, res.Checks[1].Value}
	}
	npbtest.VerifyRanks(t, KernelMPI.Run, func(t *testing.T, c npb.Class, np int, res *npb.Result, out string) {
		if res.Kernel != "EP-MPI" || res.OpType != "Random numbers generated" {
			t.Errorf("bad result fields %+v", res)
		}
		w := want[c]
		if math.Float64bits(res.Checks[0].Value) != math.Float64bits(w[0]) || math.Float64bits(res.Checks[1].Value) != math.Float64bits(w[1]) {
			t.Errorf("sums %v %v on %d ranks, the shared-memory form's %v %v", res.Checks[0].Value, res.Checks[1].Value, np, w[0], w[1])
		}
		if line := fmt.Sprintf("No. Gaussian Pairs =%15s\n", fmt.Sprintf("%d.", counts[c].gc)); !strings.Contains(out, line) {
			t.Errorf("no line %q in\n%s", line, out)
		}
	})
}

// TestMPITooManyRanks: a rank without a batch is refused before any
// message, as ep.f refuses it ("Too many nodes").
func TestMPITooManyRanks(t *testing.T) {
	k := KernelMPI
	k.New = few(newMPIRun, 2)
	_, err := k.Run(npb.Config{Class: npb.ClassS, Places: 3})
	if err == nil || !strings.Contains(err.Error(), "at most 2, the batches of class S") {
		t.Errorf("3 ranks for 2 batches: err = %v", err)
	}
}
