package regress

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// loadProbe measures how busy the machine was with other processes during
// a measurement: CPU time of the whole machine (/proc/stat) less this
// process's own and its children's (getrusage; the A/B check runs the
// kernels as children), per second of wall time, in CPUs. A check
// run on a busy machine is noisier; the report says so.
type loadProbe struct {
	wall       time.Time
	busy, self float64 // seconds of CPU
	steal      float64
	ok         bool
}

func startLoad() loadProbe {
	busy, steal, ok := machineCPU()
	return loadProbe{wall: time.Now(), busy: busy, steal: steal, self: selfCPU(), ok: ok}
}

// other returns the CPUs used by other processes and stolen by the
// hypervisor, on average since the probe started; ok is false when
// /proc/stat cannot be read.
func (l loadProbe) other() (other, steal float64, ok bool) {
	busy, st, ok2 := machineCPU()
	if !l.ok || !ok2 {
		return 0, 0, false
	}
	wall := time.Since(l.wall).Seconds()
	if wall <= 0 {
		return 0, 0, false
	}
	other = (busy - l.busy - (selfCPU() - l.self)) / wall
	return max(other, 0), (st - l.steal) / wall, true
}

// machineCPU reads the busy (not idle, not iowait, not steal) and stolen
// CPU seconds of the machine since boot.
func machineCPU() (busy, steal float64, ok bool) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	if !s.Scan() {
		return 0, 0, false
	}
	fields := strings.Fields(s.Text())
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0, 0, false
	}
	// user nice system idle iowait irq softirq steal [guest guest_nice]
	var v [8]float64
	for i := range v {
		x, err := strconv.ParseFloat(fields[i+1], 64)
		if err != nil {
			return 0, 0, false
		}
		v[i] = x / 100 // USER_HZ, 100 on every Linux
	}
	return v[0] + v[1] + v[2] + v[5] + v[6], v[7], true
}

func selfCPU() float64 {
	var t time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			t += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return t.Seconds()
}
