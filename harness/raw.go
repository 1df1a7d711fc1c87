package harness

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// readRawCSV is ReadRawCSV on the file's contents b.
func readRawCSV(path string, b []byte) ([]Run, error) {
	runs, lines, _, err := readRawRows(path, b)
	if err != nil {
		return nil, err
	}
	for i := range runs {
		if why := runs[i].inconsistent(); why != "" {
			return nil, fmt.Errorf("harness: %s:%d: %s", path, lines[i], why)
		}
	}
	return runs, nil
}

// inconsistent says why a run's fields cannot all be true at once (a
// row edited by hand, or written by two sweeps at once), or "" when they
// can: a run that finished has a time, a verified run says so in every
// field. Whether they agree with the run's log is checkLog's question.
func (r *Run) inconsistent() string {
	finished := r.Status == StatusOK || r.Status == StatusUnverified
	switch {
	case finished && math.IsNaN(r.Seconds):
		return "the time is not a number"
	case finished && (math.IsInf(r.Seconds, 0) || r.Seconds < 0):
		return fmt.Sprintf("the time is %g s", r.Seconds)
	case finished && (math.IsInf(r.Mops, 0) || r.Mops < 0):
		return fmt.Sprintf("%g Mop/s", r.Mops)
	case r.Verified != (r.Status == StatusOK):
		return fmt.Sprintf("status %s but verified %t", r.Status, r.Verified)
	case r.Status == StatusOK && r.ExitCode != 0:
		return fmt.Sprintf("status ok but exit code %d", r.ExitCode)
	}
	return ""
}

// readRawRows reads the rows of a raw.csv as they are: the runs, the line
// each starts on and the log file each names.
func readRawRows(path string, b []byte) (runs []Run, lines []int, logs []string, err error) {
	if len(b) == 0 {
		return nil, nil, nil, fmt.Errorf("harness: %s: empty file, not a raw.csv", path)
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = 0 // every row as long as the header
	header, err := cr.Read()
	if err != nil {
		return nil, nil, nil, rawError(path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"impl", "kernel", "class", "places", "rep", "seconds", "mops", "status"} {
		if _, ok := col[h]; !ok {
			return nil, nil, nil, fmt.Errorf("harness: %s: no %q column, not a raw.csv", path, h)
		}
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, rawError(path, err)
		}
		line, _ := cr.FieldPos(0)
		r, err := parseRawRow(row, col)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("harness: %s:%d: %w", path, line, err)
		}
		runs, lines, logs = append(runs, r), append(lines, line), append(logs, rawField(row, col, "log"))
	}
	if b[len(b)-1] != '\n' {
		return nil, nil, nil, fmt.Errorf("harness: %s:%d: last row cut short (no newline at the end of the file)", path, bytes.Count(b, []byte("\n"))+1)
	}
	return runs, lines, logs, nil
}

// rawError names the line of a CSV syntax error, or of a row whose field
// count differs from the header's.
func rawError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		why := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			why = "row cut short or malformed: not as many fields as the header"
		}
		return fmt.Errorf("harness: %s:%d: %s", path, pe.StartLine, why)
	}
	return fmt.Errorf("harness: %s: %w", path, err)
}

// rawField is the field of row in column h, "" when there is no such column.
func rawField(row []string, col map[string]int, h string) string {
	if i, ok := col[h]; ok {
		return row[i]
	}
	return ""
}

// parseRawRow reads one row of raw.csv.
func parseRawRow(row []string, col map[string]int) (Run, error) {
	get := func(h string) string { return rawField(row, col, h) }
	has := func(h string) bool { _, ok := col[h]; return ok }
	bad := func(h string) error { return fmt.Errorf("bad %s %q", h, npb.Clip(get(h))) }
	var err error
	r := Run{Job: Job{Impl: get("impl"), Kernel: get("kernel")},
		Status: Status(get("status")), Err: get("error"), Seconds: math.NaN(), Mops: math.NaN(),
		PinUsed: get("pin"), LogTime: get("impl") == ImplFortran}
	switch r.Impl {
	case ImplGo, ImplFortran:
	default:
		return r, bad("impl")
	}
	if r.Kernel == "" {
		return r, bad("kernel")
	}
	if r.Class, err = npb.ParseClass(get("class")); err != nil {
		return r, bad("class")
	}
	switch r.Status {
	case StatusOK, StatusUnverified, StatusFailed, StatusTimeout:
	default:
		return r, bad("status")
	}
	r.Verified = r.Status == StatusOK // a raw.csv of an older npb has no such column
	if has("verified") {
		if r.Verified, err = strconv.ParseBool(get("verified")); err != nil {
			return r, bad("verified")
		}
	}
	if r.Places, err = places.ParseCount(get("places")); err != nil {
		return r, bad("places")
	}
	if r.Rep, err = strconv.Atoi(get("rep")); err != nil || r.Rep < 1 {
		return r, bad("rep")
	}
	for _, f := range []struct {
		h string
		v *float64
	}{{"seconds", &r.Seconds}, {"mops", &r.Mops}} {
		if get(f.h) == "" {
			continue
		}
		if *f.v, err = strconv.ParseFloat(get(f.h), 64); err != nil {
			return r, bad(f.h)
		}
	}
	for _, f := range []struct {
		h string
		v *int
	}{{"seq", &r.Seq}, {"exit_code", &r.ExitCode}, {"gomaxprocs", &r.GOMAXPROCS}} {
		if get(f.h) == "" {
			continue
		}
		if *f.v, err = strconv.Atoi(get(f.h)); err != nil {
			return r, bad(f.h)
		}
	}
	if v := get("peak_rss_kib"); v != "" {
		if r.PeakRSSKiB, err = strconv.ParseInt(v, 10, 64); err != nil {
			return r, bad("peak_rss_kib")
		}
	}
	if v := get("wall_seconds"); v != "" {
		w, err := strconv.ParseFloat(v, 64)
		if err != nil || w < 0 {
			return r, bad("wall_seconds")
		}
		r.Wall = time.Duration(math.Round(w * 1e9))
	}
	if v := get("started"); v != "" {
		if r.Started, err = time.Parse(time.RFC3339, v); err != nil {
			return r, bad("started")
		}
	}
	for _, f := range strings.Fields(get("cpus")) {
		c, err := strconv.Atoi(f)
		if err != nil {
			return r, bad("cpus")
		}
		r.CPUs = append(r.CPUs, c)
	}
	return r, nil
}
