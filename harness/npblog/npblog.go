// Package npblog reads the reports NPB prints at the end of a run
// (print_results.f, and c_print_results.c's layout for IS): Fortran logs,
// serial builds without thread lines, fields printed as asterisks, and
// npbgo's own reports, which use the same labels.
package npblog

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"npbgo/npb"
)

// Report is one NPB results block, as print_results (Fortran) or
// c_print_results (C, used by IS) prints it. A field printed as asterisks
// (a value too wide for its Fortran format) is NaN for a number and -1 for
// a count.
type Report struct {
	Benchmark  string // upper case, as printed: "CG"
	Class      npb.Class
	Size       string // "14000" or "64x64x64", blanks removed
	Iterations int
	Seconds    float64 // "Time in seconds": the timed section only
	// Threads is "Total threads" (or "Total processes" in the MPI
	// layout); 0 when the report has no thread lines, as serial builds
	// and npbgo's serial point print it.
	Threads       int
	AvailThreads  int
	Mops          float64 // "Mop/s total"
	MopsPerThread float64
	OpType        string
	Verification  string // SUCCESSFUL, UNSUCCESSFUL or NOT PERFORMED
	Version       string
	CompileDate   string
	// Line is the 1-based line of the "Benchmark Completed" heading.
	Line int
}

// Verified reports whether the run says it verified.
func (r *Report) Verified() bool { return r.Verification == "SUCCESSFUL" }

// maxLogBytes bounds what a log may hold: an NPB log is a few kilobytes,
// so anything near this is not one.
const maxLogBytes = 64 << 20

// ParseFile reads every report in an NPB log file. An error names the file
// and, where it can, the line.
func ParseFile(path string) ([]Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("npblog: %w", err)
	}
	defer f.Close()
	rs, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("npblog: %s%w", path, err)
	}
	return rs, nil
}

// parseError is a problem at one line of a log; ParseFile puts the file
// name in front.
type parseError struct {
	line int
	msg  string
}

func (e *parseError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf(":%d: %s", e.line, e.msg)
	}
	return ": " + e.msg
}

func perrf(line int, format string, args ...any) error {
	return &parseError{line, fmt.Sprintf(format, args...)}
}

// Parse reads every results block in r: one for an ordinary log, several
// when logs were concatenated. Text around the blocks (the benchmark's own
// progress and verification lines, the compile options, the closing
// address) is skipped. It is an error when there is no block, or when a
// block lacks a line the comparison needs (Class, Size, Iterations, Time in
// seconds, Mop/s total, Verification), which is how a truncated log shows.
func Parse(r io.Reader) ([]Report, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxLogBytes+1))
	if err != nil {
		return nil, perrf(0, "%v", err)
	}
	if len(data) > maxLogBytes {
		return nil, perrf(0, "larger than %d MiB: not an NPB log", maxLogBytes>>20)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, perrf(0, "binary data: not an NPB log")
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var reports []Report
	for i := 0; i < len(lines); i++ {
		name, ok := completedHeading(lines[i])
		if !ok {
			continue
		}
		rep, next, err := parseBlock(lines, i, name)
		if err != nil {
			return nil, err
		}
		reports = append(reports, rep)
		i = next - 1
	}
	if len(reports) == 0 {
		return nil, perrf(0, `no NPB report (no "<NAME> Benchmark Completed" line)`)
	}
	return reports, nil
}

// completedHeading recognises " CG Benchmark Completed." (Fortran) and
// " IS Benchmark Completed" (C) and returns the benchmark name.
func completedHeading(line string) (string, bool) {
	f := strings.Fields(line)
	if len(f) != 3 || f[1] != "Benchmark" || strings.TrimSuffix(f[2], ".") != "Completed" {
		return "", false
	}
	name := f[0]
	if c := name[0]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
		return "", false
	}
	for _, c := range name {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", false
		}
	}
	return strings.ToUpper(name), true
}

// The labels a block must have; the rest are optional.
var requiredLabels = []string{"Class", "Size", "Iterations", "Time in seconds", "Mop/s total", "Verification"}

// parseBlock reads the block whose heading is lines[start]. It stops at
// "Compile options:", at the next heading or at the end, and returns the
// index where scanning should go on.
func parseBlock(lines []string, start int, name string) (Report, int, error) {
	rep := Report{Benchmark: name, Line: start + 1, Threads: 0, AvailThreads: 0,
		MopsPerThread: math.NaN()}
	seen := map[string]bool{}
	i := start + 1
	for ; i < len(lines); i++ {
		line := lines[i]
		if _, ok := completedHeading(line); ok {
			break
		}
		if strings.TrimSpace(line) == "Compile options:" {
			i++
			break
		}
		label, value, ok := strings.Cut(line, "=")
		if !ok {
			continue // blank lines, the thread-count warning
		}
		label = strings.Join(strings.Fields(label), " ")
		value = strings.TrimSpace(value)
		if seen[label] {
			continue
		}
		n := i + 1
		var err error
		switch label {
		case "Class":
			if len(value) != 1 || !strings.Contains(npb.Classes, value) {
				err = perrf(n, "bad Class %q: want one of %s", value, strings.Join(strings.Split(npb.Classes, ""), " "))
			} else {
				rep.Class = npb.Class(value[0])
			}
		case "Size":
			rep.Size, err = parseSize(n, value)
		case "Iterations":
			rep.Iterations, err = parseCount(n, label, value)
		case "Time in seconds":
			rep.Seconds, err = parseReal(n, label, value)
		case "Total threads", "Total processes":
			rep.Threads, err = parseCount(n, label, value)
			label = "Total threads"
		case "Avail threads", "Active procs":
			rep.AvailThreads, err = parseCount(n, label, value)
		case "Mop/s total":
			rep.Mops, err = parseReal(n, label, value)
		case "Mop/s/thread", "Mop/s/process":
			rep.MopsPerThread, err = parseReal(n, label, value)
		case "Operation type":
			rep.OpType = value
		case "Verification":
			switch value {
			case "SUCCESSFUL", "UNSUCCESSFUL", "NOT PERFORMED":
			default:
				err = perrf(n, "bad Verification %q: want SUCCESSFUL, UNSUCCESSFUL or NOT PERFORMED", value)
			}
			rep.Verification = value
		case "Version":
			rep.Version = value
		case "Compile date":
			rep.CompileDate = value
		default:
			continue
		}
		if err != nil {
			return rep, i, err
		}
		seen[label] = true
	}
	for _, l := range requiredLabels {
		if !seen[l] {
			return rep, i, perrf(start+1, "truncated %s report: no %q line", name, l)
		}
	}
	return rep, i, nil
}

// stars reports whether a field is Fortran's "does not fit" fill.
func stars(s string) bool {
	return s != "" && strings.Trim(s, "*") == ""
}

// parseReal reads an F12.2 field. Asterisks, NaN and Infinity (what
// gfortran prints for a zero-time division) become NaN: unknown, not an
// error.
func parseReal(line int, label, s string) (float64, error) {
	if stars(s) {
		return math.NaN(), nil
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "nan", "inf", "infinity":
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, perrf(line, "bad %s value %q: want a number", label, s)
	}
	if v < 0 {
		return 0, perrf(line, "bad %s value %q: negative", label, s)
	}
	return v, nil
}

// parseCount reads an I12 field; asterisks become -1.
func parseCount(line int, label, s string) (int, error) {
	if stars(s) {
		return -1, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, perrf(line, "bad %s value %q: want a count", label, s)
	}
	return v, nil
}

// parseSize reads "14000" (I12) or "64x  64x  64" (I4,'x',I4,'x',I4); a
// part printed as asterisks stays as asterisks.
func parseSize(line int, s string) (string, error) {
	v := strings.Join(strings.Fields(s), "")
	parts := strings.Split(v, "x")
	for _, p := range parts {
		if stars(p) {
			continue
		}
		if _, err := strconv.ParseUint(p, 10, 63); err != nil || len(parts) > 3 {
			return "", perrf(line, "bad Size %q: want N or NxNxN", s)
		}
	}
	return v, nil
}
