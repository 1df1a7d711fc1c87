package harness

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"npbgo/harness/npblog"
	"npbgo/npb"
	"npbgo/runtime/places"
)

// OpenSweep reopens a sweep directory made by NewSweep, to finish it
// (Execute runs only the jobs it lacks) or to write its tables again
// (WriteOutputs): the plan and environment come from env.json, the runs
// from raw.csv. A run is kept only if its log is there and agrees with it
// (the same benchmark, class, verification and time); notes says which
// runs were dropped, to be made again. A run of raw.csv that is not in
// the plan, or is there twice, is an error: the files are not of one
// sweep.
func OpenSweep(dir string) (s *Sweep, notes []string, err error) {
	envPath := filepath.Join(dir, "env.json")
	b, err := os.ReadFile(envPath)
	if err != nil {
		return nil, nil, fmt.Errorf("harness: not a sweep directory: %w", err)
	}
	var doc struct {
		Env
		Plan planJSON `json:"plan"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, nil, fmt.Errorf("harness: %s: %w", envPath, err)
	}
	plan, err := doc.Plan.plan()
	if err != nil {
		return nil, nil, fmt.Errorf("harness: %s: %w", envPath, err)
	}
	jobs := plan.Jobs()
	if len(jobs) == 0 {
		return nil, nil, fmt.Errorf("harness: %s: %w", envPath, ErrEmptySweep)
	}
	env := doc.Env
	s = &Sweep{Dir: dir, Plan: plan, Env: &env, Total: len(jobs), reopened: true}
	rawPath := filepath.Join(dir, "raw.csv")
	raw, err := os.ReadFile(rawPath)
	if errors.Is(err, os.ErrNotExist) {
		s.Interrupted = true
		return s, nil, nil // killed before its first run finished
	}
	if err != nil {
		return nil, nil, fmt.Errorf("harness: %w", err)
	}
	runs, _, logs, err := readRawRows(rawPath, raw)
	if err != nil {
		return nil, nil, err
	}
	inPlan := map[string]Job{}
	for _, j := range jobs {
		inPlan[jobKey(j)] = j
	}
	seen := map[string]bool{}
	for i, r := range runs {
		k := jobKey(r.Job)
		j, ok := inPlan[k]
		if !ok {
			return nil, nil, fmt.Errorf("harness: %s: run %s is not in the plan of %s", rawPath, npb.Clip(r.Name()), envPath)
		}
		if seen[k] {
			return nil, nil, fmt.Errorf("harness: %s: run %s is there twice", rawPath, r.Name())
		}
		seen[k] = true
		r.Pin = j.Pin
		why := r.inconsistent()
		if l := filepath.ToSlash(r.LogPath()); why == "" && logs[i] != "" && logs[i] != l {
			why = fmt.Sprintf("the log is %s, not %s", npb.Clip(logs[i]), l)
		}
		if why != "" {
			why = "raw.csv says " + why
		} else {
			why = checkLog(dir, &r)
		}
		if why != "" {
			notes = append(notes, fmt.Sprintf("%s: %s: it is made again", r.Name(), why))
			continue
		}
		s.Runs = append(s.Runs, r)
	}
	s.Interrupted = len(s.Runs) < s.Total
	return s, notes, nil
}

// jobKey identifies a job of a plan.
func jobKey(j Job) string { return j.Impl + "/" + j.Name() }

// checkLog reads a run's log into r.Log and says why it does not back the
// run, if it does not.
func checkLog(dir string, r *Run) string {
	log, err := os.ReadFile(filepath.Join(dir, r.LogPath()))
	if err != nil {
		return "no log " + r.LogPath()
	}
	r.Log = log
	if r.Status != StatusOK && r.Status != StatusUnverified {
		return "" // a failed run's log is whatever the process said
	}
	reps, err := npblog.Parse(strings.NewReader(string(log)))
	if err != nil {
		return fmt.Sprintf("log %s: %v", r.LogPath(), strings.TrimPrefix(err.Error(), ": "))
	}
	rep := reps[len(reps)-1]
	// The report prints the time and Mop/s with two decimals.
	differ := func(log, raw float64) bool {
		return math.IsNaN(log) != math.IsNaN(raw) || math.Abs(log-raw) > 0.0051
	}
	switch {
	case !strings.EqualFold(rep.Benchmark, r.Kernel) || rep.Class != r.Class:
		return fmt.Sprintf("log %s is of %s class %s", r.LogPath(), rep.Benchmark, rep.Class)
	case rep.Threads >= 0 && rep.Threads != int(r.Places) && !(r.Places == places.Serial && rep.Threads == 1):
		// The serial point prints no thread count, or one rank.
		return fmt.Sprintf("log %s is of %d places, raw.csv %s", r.LogPath(), rep.Threads, r.Places.String())
	case rep.Verified() != (r.Status == StatusOK):
		return fmt.Sprintf("log %s says verification %s, raw.csv %s", r.LogPath(), rep.Verification, r.Status)
	case !math.IsNaN(rep.Seconds) && differ(rep.Seconds, r.Seconds):
		return fmt.Sprintf("log %s says %.2f s, raw.csv %g s", r.LogPath(), rep.Seconds, r.Seconds)
	case differ(rep.Mops, r.Mops):
		return fmt.Sprintf("log %s says %.2f Mop/s, raw.csv %g", r.LogPath(), rep.Mops, r.Mops)
	}
	return ""
}

// plan is the Plan env.json describes.
func (p planJSON) plan() (Plan, error) {
	plan := Plan{Class: p.Class, Kernels: p.Kernels, Places: p.Places, Reps: p.Reps, Pin: p.Pin, Fortran: p.Fortran}
	if plan.Class == 0 || plan.Reps < 1 {
		return plan, fmt.Errorf("no plan (class, kernels, places, reps)")
	}
	return plan, nil
}

// Missing is how many jobs of the plan have no run yet.
func (s *Sweep) Missing() int {
	return s.Total - len(s.Runs)
}

// probed reports whether the machine probe has points marked when.
func (s *Sweep) probed(when string) bool {
	for _, p := range s.Env.Scaling {
		if p.When == when {
			return true
		}
	}
	return false
}

// resumed notes in env.json that the sweep was taken up again.
func (s *Sweep) resumed(now time.Time) {
	s.Env.Resumed = append(s.Env.Resumed, now)
}
