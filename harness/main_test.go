package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"npbgo/npb"
)

// fakeEnv makes the test binary act as `npb`: the process-backed runner is
// tested against it, since the real kernels are not needed to test the
// harness. Its value picks the behaviour: ok, unverified, crash, hang,
// silent.
const fakeEnv = "NPBGO_HARNESS_FAKE_NPB"

func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeEnv); mode != "" {
		os.Exit(fakeNPB(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeNPB imitates `npb run K -class C -places N -json`: the report on
// stderr, one JSON line on stdout, the CLI's exit codes.
func fakeNPB(mode string, args []string) int {
	if len(args) < 6 || args[0] != "run" || args[2] != "-class" || args[4] != "-places" {
		fmt.Fprintf(os.Stderr, "npb run: bad arguments %q\n", args)
		return 2
	}
	np := 0
	if args[5] != "S" {
		np, _ = strconv.Atoi(args[5])
	}
	switch mode {
	case "crash":
		fmt.Fprintln(os.Stderr, " iteration 1")
		fmt.Fprintln(os.Stderr, "npb: internal error: cg: index out of range")
		return 3
	case "hang":
		time.Sleep(time.Minute)
		return 0
	case "silent":
		return 0
	}
	secs := 1.0 / float64(max(np, 1))
	r := npb.Result{Kernel: strings.ToUpper(args[1]), Class: npb.Class(args[3][0]), Size: []int{1400},
		Iterations: 15, Places: np, Seconds: secs, Mops: 100 / secs, OpType: "floating point"}
	r.Verify(npb.RelCheck("zeta", 8.5, 8.5, 1e-10))
	if mode == "unverified" {
		r.Verify(npb.RelCheck("zeta", 9, 8.5, 1e-10))
	}
	fmt.Fprintln(os.Stderr, "   iteration           ||r||                 zeta")
	r.Report(os.Stderr)
	b, _ := json.Marshal(struct {
		npb.Result
		GoVersion  string `json:"go_version"`
		GOMAXPROCS int    `json:"gomaxprocs"`
		NumCPU     int    `json:"num_cpu"`
		CPUs       []int  `json:"cpus,omitempty"`
		PeakRSSKiB int64  `json:"peak_rss_kib"`
	}{r, "go1.26.8", 2, 2, []int{0, 1}[:min(np, 2)], 12345})
	fmt.Println(string(b))
	if !r.Verified {
		return 1
	}
	return 0
}

// fakeRunner stands in for processes: each job takes 1 s ÷ places (the
// serial point 1.1 s) times the rep's factor, and jobs listed in fail end
// as that status.
type fakeRunner struct {
	mu            sync.Mutex
	jobs          []Job
	fail          map[string]Status // by Job.Name()
	cancel        func()            // called when the job numbered cancelAt starts
	cancelAt      int
	blockOnCancel bool // the job in flight waits for ctx, as a killed process would
}

func (f *fakeRunner) Run(ctx context.Context, j Job) (Run, error) {
	f.mu.Lock()
	f.jobs = append(f.jobs, j)
	n := len(f.jobs)
	f.mu.Unlock()
	if f.cancel != nil && n == f.cancelAt {
		f.cancel()
		if f.blockOnCancel {
			<-ctx.Done()
			return Run{Job: j}, ctx.Err()
		}
	}
	secs := 1.0 / float64(max(j.Places, 1))
	if j.Places == 0 {
		secs = 1.1
	}
	secs *= 1 + 0.01*float64(j.Rep-1)
	if j.Impl == ImplFortran {
		secs *= 0.5
	}
	r := Run{Job: j, Status: StatusOK, Seconds: secs, Mops: 100 / secs, Verified: true,
		Wall: time.Duration(secs * float64(time.Second)), Started: time.Date(2026, 11, 22, 15, 30, n, 0, time.UTC),
		PeakRSSKiB: 1000, GOMAXPROCS: 2}
	switch st := f.fail[j.Name()]; st {
	case StatusUnverified:
		r.Status, r.Verified, r.Err = st, false, "verification failed"
	case StatusFailed:
		r.Status, r.Seconds, r.Mops, r.Verified, r.Err = st, math.NaN(), math.NaN(), false, "exit status 3: npb: internal error: boom"
	}
	var log bytes.Buffer
	if r.Status != StatusFailed {
		res := npb.Result{Kernel: strings.ToUpper(j.Kernel), Class: j.Class, Size: []int{1400},
			Iterations: 15, Places: int(j.Places), Seconds: r.Seconds, Mops: r.Mops, OpType: "floating point", Verified: r.Verified}
		res.Report(&log)
	} else {
		log.WriteString("npb: internal error: boom\n")
	}
	r.Log = log.Bytes()
	return r, nil
}
