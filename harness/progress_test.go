package harness

import (
	"strings"
	"testing"
	"time"

	"npbgo/runtime/places"
)

func TestProgress(t *testing.T) {
	jobs := Plan{Class: 'A', Kernels: []string{"cg"}, Places: []places.Count{1, 2}, Reps: 2}.Jobs()
	for _, tty := range []bool{false, true} {
		var b strings.Builder
		p := NewProgress(&b, tty)
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		p.now = func() time.Time { return clock }
		p.Begin(jobs)
		for i, j := range jobs {
			p.Start(j, i+1)
			d := 10 * time.Second / time.Duration(j.Places)
			clock = clock.Add(d)
			r := Run{Job: j, Status: StatusOK, Seconds: d.Seconds(), Mops: 100, Wall: d}
			if i == 2 {
				r.Status, r.Err = StatusFailed, "signal: killed"
			}
			p.Done(r)
		}
		p.End()
		out := b.String()
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if !tty {
			want := []string{
				"[1/4] cg A places=1  rep 1      10.00 s       100.00 Mop/s  ok  (elapsed 0:10, ETA 0:30)",
				"[2/4] cg A places=2  rep 1      5.000 s       100.00 Mop/s  ok  (elapsed 0:15, ETA 0:15)",
				"[3/4] cg A places=1  rep 2 FAILED: signal: killed  (elapsed 0:25, ETA 0:05)",
				"[4/4] cg A places=2  rep 2      5.000 s       100.00 Mop/s  ok  (elapsed 0:30, ETA 0:00)",
			}
			if strings.Join(lines, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", out, strings.Join(want, "\n"))
			}
			continue
		}
		// On a terminal the running line is redrawn, each finished run stays.
		if n := strings.Count(out, "running…"); n != 4 || strings.Count(out, "\r\x1b[K") != 9 || len(lines) != 5 {
			t.Errorf("tty output %q", out)
		}
		if !strings.Contains(out, "[0/4] cg A places=1  rep 1 running…  elapsed 0:00") ||
			!strings.Contains(out, "[1/4] cg A places=2  rep 1 running…  elapsed 0:10, ETA 0:30") {
			t.Errorf("tty output %q", out)
		}
	}
}

func TestFmtClock(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59 * time.Second: "0:59", 61 * time.Second: "1:01",
		3725 * time.Second: "1:02:05", 1500 * time.Millisecond: "0:02"} {
		if got := fmtClock(d); got != want {
			t.Errorf("fmtClock(%v) = %q, want %q", d, got, want)
		}
	}
}
