package regress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"npbgo/harness"
)

// FormatVersion is the version of the baseline file layout.
const FormatVersion = 1

// Calibration identifies the calibration workload ratios were taken
// against.
type Calibration struct {
	Version     int    `json:"version"`
	Description string `json:"description"`
}

// Baseline is the committed reference of a check: ratio samples per
// (workload, class, places), and where and how they were measured.
type Baseline struct {
	Format      int         `json:"format"`
	Calibration Calibration `json:"calibration"`
	Date        time.Time   `json:"date"`
	Commit      string      `json:"commit"`
	Command     []string    `json:"command,omitempty"`
	Reps        int         `json:"reps"`
	MinSample   string      `json:"min_sample"`
	Seconds     float64     `json:"seconds"` // the measurement's wall time
	// OtherLoad and Steal are Measurement's: how noisy the machine was.
	OtherLoad float64      `json:"other_load_cpus"`
	Steal     float64      `json:"steal_cpus"`
	Env       *harness.Env `json:"env,omitempty"`
	Series    []*Series    `json:"series"`
	CalTrace  []*CalTrace  `json:"cal_trace,omitempty"`
}

// NewBaseline wraps a measurement with the facts about this machine and
// binary.
func NewBaseline(m *Measurement, p Plan, command []string) *Baseline {
	env := harness.CollectEnv()
	env.Started = time.Time{} // Date says when
	commit := env.Commit
	if env.Modified && commit != "" {
		commit += "+modified"
	}
	return &Baseline{
		Format:      FormatVersion,
		Calibration: Calibration{Version: CalibrationVersion, Description: CalibrationDescription()},
		Date:        time.Now().UTC().Round(time.Second),
		Commit:      commit,
		Command:     command,
		Reps:        p.Reps,
		MinSample:   p.MinSample.String(),
		Seconds:     math.Round(m.Elapsed.Seconds()*10) / 10,
		OtherLoad:   math.Round(m.OtherLoad*100) / 100,
		Steal:       math.Round(m.Steal*100) / 100,
		Env:         env,
		Series:      m.Series,
		CalTrace:    m.CalTrace,
	}
}

// Find returns the series of k, or nil.
func (b *Baseline) Find(k Key) *Series {
	for _, s := range b.Series {
		if s.Key == k {
			return s
		}
	}
	return nil
}

// Ops is the ops per sample of every point, for Plan.Ops.
func (b *Baseline) Ops() map[Key]int {
	ops := map[Key]int{}
	for _, s := range b.Series {
		ops[s.Key] = s.Ops
	}
	return ops
}

// Merge keeps the series of old for the points b did not measure (an
// update of some kernels only), and reports which it kept.
func (b *Baseline) Merge(old *Baseline) []Key {
	var kept []Key
	for _, s := range old.Series {
		if b.Find(s.Key) == nil {
			s.CalAt = nil // indices into a trace that is not kept
			b.Series = append(b.Series, s)
			kept = append(kept, s.Key)
		}
	}
	sort.Slice(b.Series, func(i, j int) bool { return lessKey(b.Series[i].Key, b.Series[j].Key) })
	return kept
}

// Load reads and checks a baseline file. Every error is one line naming
// the file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("regress: baseline %s does not exist (make one with 'npb regress -update -baseline %s')", path, path)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("regress: cannot read baseline %s: %v", path, err)
	}
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("regress: baseline %s is not a valid baseline file: %v", path, err)
	}
	if err := b.validate(); err != nil {
		return nil, fmt.Errorf("regress: baseline %s: %v", path, err)
	}
	return &b, nil
}

func (b *Baseline) validate() error {
	if b.Format != FormatVersion {
		return fmt.Errorf("format %d, this npb reads format %d: refresh it with -update", b.Format, FormatVersion)
	}
	if len(b.Series) == 0 {
		return errors.New("has no samples")
	}
	seen := map[Key]bool{}
	for _, s := range b.Series {
		if s.Name == "" || s.Places < 1 {
			return fmt.Errorf("bad point %q", s.Key)
		}
		if seen[s.Key] {
			return fmt.Errorf("point %s appears twice", s.Key)
		}
		seen[s.Key] = true
		if len(s.Ratio) == 0 {
			return fmt.Errorf("point %s has no samples", s.Key)
		}
		for _, r := range s.Ratio {
			if !(r > 0) || r > 1e300 {
				return fmt.Errorf("point %s has a bad ratio %g", s.Key, r)
			}
		}
	}
	return nil
}

// Save writes b to path atomically (a temporary file and a rename), making
// the directory if needed.
func (b *Baseline) Save(path string) error {
	data, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		return fmt.Errorf("regress: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("regress: cannot write baseline %s: %w", path, err)
	}
	if err := harness.WriteFileAtomic(path, append(data, '\n')); err != nil {
		return fmt.Errorf("regress: %w", err)
	}
	return nil
}
