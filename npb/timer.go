package npb

import "time"

// Timer is a wall-clock timer that accumulates over Start/Stop pairs, like
// the reference's timer_start/timer_stop/timer_read (common/timers.f). It
// reads the monotonic clock.
type Timer struct {
	start   time.Time
	elapsed time.Duration
}

// Start starts (or restarts) a measurement.
func (t *Timer) Start() { t.start = time.Now() }

// Stop adds the time since Start.
func (t *Timer) Stop() { t.elapsed += time.Since(t.start) }

// Clear sets the accumulated time to zero.
func (t *Timer) Clear() { t.elapsed = 0 }

// Seconds is the accumulated time.
func (t *Timer) Seconds() float64 { return t.elapsed.Seconds() }
