package npb

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Version is the NPB version whose definitions npbgo implements; the report
// prints it where NPB prints its own version, so NPB scripts parse it.
const Version = "3.4"

// field right-justifies s in w columns, or fills them with '*' as Fortran
// does when a value does not fit.
func field(w int, s string) string {
	if len(s) > w {
		return strings.Repeat("*", w)
	}
	return strings.Repeat(" ", w-len(s)) + s
}

// Report writes the standard NPB results block (print_results), with the
// same labels and columns: values end in column 43, so scripts written for
// the Fortran and C reference parse it. The serial point prints no thread
// lines, like NPB's serial builds. IS uses the C layout (no period after
// "Completed"), as the reference does.
func (r *Result) Report(w io.Writer) {
	var b strings.Builder
	line := func(label, value string) {
		fmt.Fprintf(&b, " %-16s= %s\n", label, field(24, value))
	}
	b.WriteString("\n\n")
	period := "."
	if r.Kernel == "IS" || strings.HasPrefix(r.Kernel, "IS-") {
		period = ""
	}
	fmt.Fprintf(&b, " %s Benchmark Completed%s\n", r.Kernel, period)
	line("Class", r.Class.String())
	if len(r.Size) == 3 {
		fmt.Fprintf(&b, " %-16s=  %9s%s\n", "Size", "",
			fmt.Sprintf("%sx%sx%s", field(4, fmt.Sprint(r.Size[0])), field(4, fmt.Sprint(r.Size[1])), field(4, fmt.Sprint(r.Size[2]))))
	} else {
		// print_results writes EP's size, 2^(m+1), in 15 columns.
		w := 12
		if r.Kernel == "EP" || strings.HasPrefix(r.Kernel, "EP-") {
			w = 15
		}
		line("Size", field(w, r.SizeString()))
	}
	line("Iterations", field(12, fmt.Sprint(r.Iterations)))
	line("Time in seconds", field(12, fmt.Sprintf("%.2f", r.Seconds)))
	switch {
	case r.Ranks > 0: // NPB-MPI's print_results
		line("Total processes", field(12, fmt.Sprint(r.Ranks)))
		active := r.Ranks
		if r.Active > 0 {
			active = r.Active
		}
		line("Active procs", field(12, fmt.Sprint(active)))
	case r.Places > 0:
		line("Total threads", field(12, fmt.Sprint(r.Places)))
		line("Avail threads", field(12, fmt.Sprint(r.Places)))
	}
	line("Mop/s total", field(12, fmt.Sprintf("%.2f", r.Mops)))
	if r.Ranks > 0 {
		line("Mop/s/process", field(12, fmt.Sprintf("%.2f", r.Mops/float64(r.Ranks))))
	} else if r.Places > 0 {
		line("Mop/s/thread", field(12, fmt.Sprintf("%.2f", r.Mops/float64(r.Places))))
	}
	fmt.Fprintf(&b, " %-16s= %s\n", "Operation type", field(24, r.OpType))
	verdict := "UNSUCCESSFUL"
	if r.Verified {
		verdict = "SUCCESSFUL"
	}
	line("Verification", field(12, verdict))
	line("Version", field(12, Version))
	line("Compile date", field(12, compileDate()))
	b.WriteString("\n Compile options:\n")
	for _, kv := range buildOptions(r.Pin, r.mpi) {
		fmt.Fprintf(&b, "    %-13s= %s\n", kv[0], kv[1])
	}
	b.WriteString("\n\n")
	io.WriteString(w, b.String())
}

// compileDate is the date the running binary was written, in the
// reference's "%d %b %Y" form.
func compileDate() string {
	t := time.Now()
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			t = fi.ModTime()
		}
	}
	return t.Format("2 Jan 2006")
}

// buildOptions stands where the reference prints its compiler and flags.
func buildOptions(pin, mpi string) [][2]string {
	opts := [][2]string{{"GO", runtime.Version()}, {"GOARCH", runtime.GOARCH}}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "GOAMD64", "GOEXPERIMENT", "-gcflags", "-race", "-tags", "vcs.revision":
				opts = append(opts, [2]string{strings.ToUpper(strings.TrimPrefix(s.Key, "-")), s.Value})
			}
		}
	}
	if mpi != "" {
		opts = append(opts, [2]string{"MPI", mpi})
	}
	if pin == "" {
		pin = "(none)"
	}
	return append(opts, [2]string{"PIN", pin})
}
