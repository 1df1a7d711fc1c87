package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"npbgo/harness/npblog"
	"npbgo/npb"
	"npbgo/runtime/places"
)

// Implementations a sweep can measure.
const (
	ImplGo      = "go"
	ImplFortran = "fortran" // an NPB reference binary, e.g. cg.A.x
)

// Job is one measurement: one run of one kernel at one place count.
type Job struct {
	Impl   string // ImplGo or ImplFortran
	Kernel string // lower case: "cg"
	Class  npb.Class
	Places places.Count // for Fortran the thread count
	Rep    int          // 1-based
	Pin    string
}

// Name identifies the run in file names and progress lines, in the form
// the Fortran reference logs use: cg.A.p2.r1 (Go), cg.A.t2.r1 (Fortran).
func (j Job) Name() string {
	p := "p"
	if j.Impl == ImplFortran {
		p = "t"
	}
	return fmt.Sprintf("%s.%s.%s%s.r%d", j.Kernel, j.Class, p, j.Places, j.Rep)
}

// LogPath is where the run's NPB report is kept, relative to the sweep
// directory.
func (j Job) LogPath() string {
	if j.Impl == ImplFortran {
		return filepath.Join("logs", "fortran", j.Name()+".txt")
	}
	return filepath.Join("logs", j.Name()+".txt")
}

// Status is how a run ended.
type Status string

const (
	StatusOK         Status = "ok"         // verified
	StatusUnverified Status = "unverified" // ran to the end, verification failed
	StatusFailed     Status = "failed"     // crashed, bad exit, or no result
	StatusTimeout    Status = "timeout"    // killed after the per-run limit
)

// Run is the outcome of one Job.
type Run struct {
	Job
	Seq        int // 1-based position in the sweep order
	Status     Status
	Err        string // why the run did not count; empty when OK
	Seconds    float64
	Mops       float64
	Verified   bool
	ExitCode   int
	PeakRSSKiB int64
	Started    time.Time
	Wall       time.Duration // the whole process, setup and verification included
	GoVersion  string
	GOMAXPROCS int
	CPUs       []int
	PinUsed    string // the placement policy the run reported
	// LogTime says Seconds was read from an NPB report, which prints it
	// with two decimals (a Fortran run, a log without raw.csv).
	LogTime bool
	// Log is the run's NPB report with everything printed before it
	// (stderr of `npb run -json`; stdout and stderr of a Fortran binary).
	Log []byte
}

// OK reports whether the run counts in the statistics.
func (r *Run) OK() bool { return r.Status == StatusOK }

// Runner runs one job. It returns an error only when ctx ended the run
// (the sweep was interrupted); every other failure is recorded in the Run.
type Runner interface {
	Run(ctx context.Context, j Job) (Run, error)
}

// ProcRunner runs each job in a fresh process: `Exe run K -class C -places
// N -json` for Go, FortranBin/k.C.x with OMP_NUM_THREADS=N for Fortran.
type ProcRunner struct {
	Exe        string        // the npb executable
	FortranBin string        // directory of NPB binaries (cg.A.x …); may be empty
	Timeout    time.Duration // per run; 0 = none
	// Env is added to the environment of every child.
	Env []string
	// MPIRun, when set, makes the sweep one of MPI jobs: the launcher and
	// its flags (mpirun --oversubscribe …). A run of N places is then
	// `MPIRun -np N Exe run K -class C -json` (the mpi build runs the
	// kernel's message-passing form on the N ranks) or `MPIRun -np N
	// FortranBin/k.C.x` (NPB-MPI binaries).
	MPIRun []string
}

// command is the program and arguments of a run: argv itself, or argv
// under the MPI launcher on places ranks.
func (p *ProcRunner) command(ctx context.Context, places int, argv ...string) *exec.Cmd {
	if len(p.MPIRun) == 0 {
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		// The run's whole process group (startChild makes the child its
		// leader): a script's own children must not outlive a timeout or
		// Ctrl-C, nor keep the output pipe open for WaitDelay.
		cmd.Cancel = func() error { return endGroup(cmd.Process.Pid) }
		return cmd
	}
	args := append(append(slices.Clone(p.MPIRun[1:]), "-np", strconv.Itoa(max(places, 1))), argv...)
	cmd := exec.CommandContext(ctx, p.MPIRun[0], args...)
	// mpirun forwards SIGTERM to the ranks; SIGKILL would orphan them.
	// (RunChild kills what is left of the group once mpirun has ended.)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	return cmd
}

// Record is what `npb run -json` prints and a sweep reads: the result
// and the facts about the process a sweep keeps beside it.
type Record struct {
	npb.Result
	GoVersion  string `json:"go_version"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	NumCPU     int    `json:"num_cpu"`
	CPUs       []int  `json:"cpus,omitempty"` // the CPU each place was pinned to
	PeakRSSKiB int64  `json:"peak_rss_kib"`
}

// NewRecord is the record of r, run by this process with its places
// pinned to cpus.
func NewRecord(r *npb.Result, cpus []int) Record {
	return Record{Result: *r, GoVersion: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		NumCPU: runtime.NumCPU(), CPUs: cpus, PeakRSSKiB: peakRSSKiB()}
}

// WriteJSON writes the record as one line.
func (rec Record) WriteJSON(w io.Writer) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func peakRSSKiB() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss // kilobytes on Linux
}

// FortranExe is the path of the NPB binary for a kernel and class.
func FortranExe(dir, kernel string, class npb.Class) string {
	return filepath.Join(dir, fmt.Sprintf("%s.%s.x", kernel, class))
}

// Run implements Runner.
func (p *ProcRunner) Run(ctx context.Context, j Job) (Run, error) {
	run := Run{Job: j, Started: time.Now()}
	rctx := ctx
	if p.Timeout > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	var cmd *exec.Cmd
	var stdout, stderr bytes.Buffer
	switch j.Impl {
	case ImplGo:
		args := []string{"run", j.Kernel, "-class", j.Class.String(), "-places", j.Places.String(), "-json"}
		if j.Pin != "" {
			args = append(args, "-pin", j.Pin)
		}
		if len(p.MPIRun) > 0 {
			// Under mpirun the places are ranks, each one place, bound
			// to its core by mpirun.
			args = []string{"run", j.Kernel, "-class", j.Class.String(), "-json"}
		}
		cmd = p.command(rctx, int(j.Places), append([]string{p.Exe}, args...)...)
		cmd.Env = append(os.Environ(), p.Env...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
	case ImplFortran:
		cmd = p.command(rctx, int(j.Places), FortranExe(p.FortranBin, j.Kernel, j.Class))
		cmd.Env = append(append(os.Environ(), p.Env...), fortranEnv(j)...)
		// NPB prints its report on stdout; keep both streams in order.
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
	default:
		return run, fmt.Errorf("harness: unknown implementation %q", j.Impl)
	}
	cmd.WaitDelay = 5 * time.Second
	err := RunChild(cmd)
	run.Wall = time.Since(run.Started)
	run.Log = stderr.Bytes()
	if cmd.ProcessState != nil {
		run.ExitCode = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			run.PeakRSSKiB = ru.Maxrss
		}
	}
	if ctx.Err() != nil {
		return run, ctx.Err()
	}
	if rctx.Err() != nil {
		run.Status, run.Err = StatusTimeout, fmt.Sprintf("killed after %v", p.Timeout)
		return run, nil
	}
	if j.Impl == ImplFortran {
		fortranOutcome(&run, FortranExe(p.FortranBin, j.Kernel, j.Class), err)
	} else {
		goOutcome(&run, stdout.Bytes(), err)
	}
	return run, nil
}

// fortranEnv sets the thread count and, unless the user chose otherwise,
// the binding the reference logs were measured with.
func fortranEnv(j Job) []string {
	env := []string{"OMP_NUM_THREADS=" + strconv.Itoa(int(max(j.Places, 1)))}
	if j.Pin != "none" {
		if os.Getenv("OMP_PROC_BIND") == "" {
			env = append(env, "OMP_PROC_BIND=true")
		}
		if os.Getenv("OMP_PLACES") == "" {
			env = append(env, "OMP_PLACES=cores")
		}
	}
	return env
}

// goOutcome reads the JSON line of `npb run -json`.
func goOutcome(run *Run, stdout []byte, err error) {
	var rec *Record
	lines := strings.Split(strings.TrimSpace(string(stdout)), "\n")
	if last := strings.TrimSpace(lines[len(lines)-1]); strings.HasPrefix(last, "{") {
		var r Record
		if json.Unmarshal([]byte(last), &r) == nil {
			rec = &r
		}
	}
	if rec == nil {
		run.Status = StatusFailed
		run.Err = failureText(run.Log, err, "no JSON result on stdout")
		return
	}
	run.Seconds, run.Mops, run.Verified = rec.Seconds, rec.Mops, rec.Verified
	run.GoVersion, run.GOMAXPROCS, run.CPUs, run.PinUsed = rec.GoVersion, rec.GOMAXPROCS, rec.CPUs, rec.Pin
	if rec.PeakRSSKiB > 0 {
		run.PeakRSSKiB = rec.PeakRSSKiB
	}
	switch {
	case !rec.Verified:
		run.Status, run.Err = StatusUnverified, "verification failed"
	case err != nil:
		run.Status = StatusFailed
		run.Err = failureText(run.Log, err, "")
	default:
		run.Status = StatusOK
	}
}

// fortranOutcome reads the NPB report the reference binary exe printed
// (run by itself or by the MPI launcher).
func fortranOutcome(run *Run, exe string, err error) {
	reps, perr := npblog.Parse(bytes.NewReader(run.Log))
	if perr != nil {
		run.Status = StatusFailed
		run.Err = fortranFailure(exe, err, perr)
		return
	}
	rep := reps[len(reps)-1]
	run.Seconds, run.Mops, run.Verified, run.LogTime = rep.Seconds, rep.Mops, rep.Verified(), true
	switch {
	case !rep.Verified():
		run.Status, run.Err = StatusUnverified, "Verification = "+rep.Verification
	case err != nil:
		run.Status = StatusFailed
		run.Err = fortranFailure(exe, err, nil)
	case math.IsNaN(rep.Seconds):
		run.Status, run.Err = StatusFailed, "Time in seconds printed as asterisks"
	default:
		run.Status = StatusOK
	}
}

// fortranFailure says in one line why a reference binary gave no result:
// which binary, and how it ended ("exit status 139", "signal: killed");
// when it ended well, that its output has no report (perr). Its output
// itself, whose last line can be anything, is in its log.
func fortranFailure(exe string, err, perr error) string {
	var ee *exec.ExitError
	var pe *fs.PathError
	switch {
	case errors.As(err, &ee):
		return exe + ": " + ee.Error()
	case errors.As(err, &pe):
		return exe + ": cannot run it: " + pe.Err.Error()
	case err != nil:
		return exe + ": " + err.Error()
	case perr != nil:
		return exe + ": exit status 0, but no NPB report in its output (" + strings.TrimPrefix(perr.Error(), ": ") + ")"
	}
	return exe + ": exit status 0"
}

// failureText says in one line why a process did not give a result: its
// exit, and the last thing it said.
func failureText(log []byte, err error, fallback string) string {
	var parts []string
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		parts = append(parts, ee.Error()) // "exit status 2", "signal: killed"
	case err != nil:
		parts = append(parts, err.Error())
	}
	if last := reasonLine(log); last != "" {
		parts = append(parts, last)
	} else if fallback != "" {
		parts = append(parts, fallback)
	}
	if len(parts) == 0 {
		return fallback
	}
	return strings.Join(parts, ": ")
}

// reasonLine picks the line of a failed run's output that says why: the
// CLI's own error line or a Go panic, else the last line.
func reasonLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	s := strings.TrimSpace(lines[len(lines)-1])
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if strings.Contains(l, ": note: ") {
			continue // the CLI's remarks, not its error
		}
		if strings.HasPrefix(l, "npb ") || strings.HasPrefix(l, "npb:") || strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "fatal error:") {
			s = l
			break
		}
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
