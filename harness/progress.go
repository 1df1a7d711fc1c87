package harness

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// Progress reports a sweep on stderr: which run is going, how many are
// done, the time so far and an estimate of the time left. On a terminal
// the line of the run in flight is redrawn in place; elsewhere (a log
// file, CI) it prints exactly one line per finished run.
type Progress struct {
	w   io.Writer
	tty bool
	now func() time.Time

	jobs  []Job
	done  int
	begin time.Time
	cur   time.Time // start of the run in flight
	walls map[string][]time.Duration
}

// NewProgress writes to w; tty selects the redrawn status line.
func NewProgress(w io.Writer, tty bool) *Progress {
	return &Progress{w: w, tty: tty, now: time.Now, walls: map[string][]time.Duration{}}
}

// Begin starts the clock for a sweep of these jobs.
func (p *Progress) Begin(jobs []Job) {
	p.jobs, p.done, p.begin = jobs, 0, p.now()
}

// Start says run seq (1-based) is starting.
func (p *Progress) Start(j Job, seq int) {
	p.cur = p.now()
	if p.tty {
		fmt.Fprintf(p.w, "\r\x1b[K%s %s running…  %s", p.count(seq-1), describe(j, len(p.jobs)), p.clock())
	}
}

// Done records a finished run and prints its line.
func (p *Progress) Done(r Run) {
	p.done++
	p.cur = time.Time{}
	k := pointKey(r.Job)
	p.walls[k] = append(p.walls[k], r.Wall)
	var res string
	if r.OK() {
		res = fmt.Sprintf("%10s s %12.2f Mop/s  ok", fmtSec(r.Seconds), r.Mops)
	} else {
		res = fmt.Sprintf("%s: %s", strings.ToUpper(string(r.Status)), r.Err)
	}
	if p.tty {
		io.WriteString(p.w, "\r\x1b[K")
	}
	fmt.Fprintf(p.w, "%s %s %s  (%s)\n", p.count(p.done), describe(r.Job, len(p.jobs)), res, p.clock())
}

// End clears the status line.
func (p *Progress) End() {
	if p.tty {
		io.WriteString(p.w, "\r\x1b[K")
	}
}

func (p *Progress) count(n int) string {
	w := len(fmt.Sprint(len(p.jobs)))
	return fmt.Sprintf("[%*d/%d]", w, n, len(p.jobs))
}

// describe names a job for a person: "cg A places=2 rep 1/3".
func describe(j Job, total int) string {
	what := "places=" + j.Places.String()
	impl := ""
	if j.Impl == ImplFortran {
		what = fmt.Sprintf("threads=%d", j.Places)
		impl = "fortran "
	}
	return fmt.Sprintf("%s%s %s %-9s rep %d", impl, j.Kernel, j.Class, what, j.Rep)
}

func (p *Progress) clock() string {
	s := "elapsed " + fmtClock(p.now().Sub(p.begin))
	if eta, ok := p.eta(); ok {
		s += ", ETA " + fmtClock(eta)
	}
	return s
}

// eta estimates the time left: every run still to make costs what the
// runs of the same point cost so far, else the mean of that kernel, else
// the mean of everything finished. The run in flight counts what it has
// left.
func (p *Progress) eta() (time.Duration, bool) {
	var all []time.Duration
	byKernel := map[string][]time.Duration{}
	for k, ws := range p.walls {
		all = append(all, ws...)
		kk := k[:strings.LastIndexByte(k, '/')]
		byKernel[kk] = append(byKernel[kk], ws...)
	}
	if len(all) == 0 {
		return 0, false
	}
	var left time.Duration
	for i := p.done; i < len(p.jobs); i++ {
		j := p.jobs[i]
		est := mean(all)
		if ws := p.walls[pointKey(j)]; len(ws) > 0 {
			est = mean(ws)
		} else if ws := byKernel[j.Impl+"/"+j.Kernel]; len(ws) > 0 {
			est = mean(ws)
		}
		if i == p.done && !p.cur.IsZero() {
			est = max(est-p.now().Sub(p.cur), 0)
		}
		left += est
	}
	return left, true
}

func pointKey(j Job) string { return j.Impl + "/" + j.Kernel + "/" + j.Places.String() }

func mean(ds []time.Duration) time.Duration {
	var s time.Duration
	for _, d := range ds {
		s += d
	}
	return s / time.Duration(len(ds))
}

// fmtClock prints a duration as m:ss or h:mm:ss.
func fmtClock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
