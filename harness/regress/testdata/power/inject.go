package npb

import (
	"os"
	"strconv"
	"time"
)

// injectSlowdown makes the timed region NPB_INJECT_SLOWDOWN times as long
// by busy-waiting at its end. Only `make regress-power` builds it, into a
// scratch copy of the tree (with slowdown.patch); npbgo itself has no such
// hook.
func injectSlowdown(t *Timer) {
	f, err := strconv.ParseFloat(os.Getenv("NPB_INJECT_SLOWDOWN"), 64)
	if err != nil || f <= 1 {
		return
	}
	end := t.start.Add(time.Duration(float64(time.Since(t.start)) * f))
	for time.Now().Before(end) {
	}
}
