package npb

import (
	"fmt"
	"math"
	"strings"
)

// Check is one compared value: what the run computed, the official
// reference, and the verdict.
type Check struct {
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Reference float64 `json:"reference"`
	RelErr    float64 `json:"rel_err"`
	Epsilon   float64 `json:"epsilon"`
	OK        bool    `json:"ok"`
}

// RelCheck compares value with ref by relative error |v-ref|/|ref| <= eps
// (absolute error when ref is 0). NaN never passes.
func RelCheck(name string, value, ref, eps float64) Check {
	d := math.Abs(value - ref)
	if ref != 0 {
		d /= math.Abs(ref)
	}
	return Check{Name: name, Value: value, Reference: ref, RelErr: d, Epsilon: eps, OK: d <= eps && !math.IsNaN(d)}
}

// ExactCheck compares integers exactly (IS ranks).
func ExactCheck(name string, value, ref int64) Check {
	return Check{Name: name, Value: float64(value), Reference: float64(ref),
		RelErr: math.Abs(float64(value - ref)), OK: value == ref}
}

// Result is one run of one kernel.
type Result struct {
	Kernel     string  `json:"kernel"` // upper case, as NPB prints it: "CG"
	Class      Class   `json:"class"`
	Size       []int   `json:"size"` // na, or nx, ny, nz
	Iterations int     `json:"iterations"`
	Places     int     `json:"places"` // 0 = serial
	Seconds    float64 `json:"seconds"`
	Mops       float64 `json:"mops"`
	OpType     string  `json:"op_type"`
	Verified   bool    `json:"verified"`
	Checks     []Check `json:"checks"`
	Pin        string  `json:"pin,omitempty"`

	// Ranks is the number of processes (MPI or in-process ranks) of a
	// message-passing kernel; 0 for the shared-memory kernels.
	Ranks int `json:"ranks,omitempty"`
	// Active is how many of them computed, when not all did (SP's and
	// BT's message-passing forms use the largest square); 0 means all.
	Active int `json:"active,omitempty"`

	mpi string // the MPI library of the job (Config.MPI), for the report
}

// Verify sets r.Checks and r.Verified: verified when there is at least one
// check and every check passed.
func (r *Result) Verify(checks ...Check) {
	r.Checks = checks
	r.Verified = len(checks) > 0
	for _, c := range checks {
		r.Verified = r.Verified && c.OK
	}
}

// Threads is the thread count NPB would print (1 in serial mode).
func (r *Result) Threads() int { return max(r.Places, 1) }

// SizeString is the size as the report prints it: "14000" or "64x64x64".
func (r *Result) SizeString() string {
	parts := make([]string, len(r.Size))
	for i, n := range r.Size {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, "x")
}
