// Command npb runs the NAS Parallel Benchmarks in Go on the places runtime.
//
//	npb run <kernel> -class C -places N|S [-pin compact|spread|none] [-json]
//	npb bench -class A [-kernels is,cg|all] [-places S,1,2,4|auto] [-reps 3]
//	npb bench -resume RUNDIR
//	npb report RUNDIR
//	npb compare [-reference DIR] [RUNDIR]
//	npb probe [-places 1,2,4|auto] [-json]
//	npb regress -ab OLD_NPB | -fortran-bin DIR | -baseline FILE [-update] [-kernels cg,…] [-places 1,2]
//	npb work -baseline FILE [-update] [-cache]
//	npb topo [-places N] [-pin P]
//	npb list
//
// Bad input is one line on stderr and exit status 2; a run that fails
// verification exits 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"npbgo/npb"
)

// usageError is bad input from the user: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// badInput makes err, if any, bad input from the user.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err.Error()}
}

// errFailed means the run worked but did not verify: exit status 1, the
// report already says why.
var errFailed = errors.New("verification failed")

type command struct {
	name, summary string
	synopsis      string // the arguments, for -h: "<kernel> [-class C] …"
	run           func(args []string, stdout, stderr io.Writer) error
}

// commands are npb's commands, in the order usage lists them (set in init:
// a command's help reads the list).
var commands []command

func init() {
	commands = []command{
		command{"bench", "sweep kernels × place counts, each run a fresh process; tables and plots under results/", "[-class C] [-kernels is,cg|all] [-places S,1,2,4|auto] [-reps N] [flags] | -resume RUNDIR", cmdBench},
		command{"compare", "set a sweep beside Fortran NPB logs: times, ratios, both speedup curves", "[-reference DIR] [RUNDIR]", cmdCompare},
		command{"probe", "time a memory-bound and a compute-bound workload at each place count: how far this machine lets work scale", "[-places 1,2,4|auto] [-json]", cmdProbe},
		command{"regress", "performance-regression check: this npb against another build (-ab), NPB's Fortran (-fortran-bin) or stored samples (-baseline)", "-ab OLD_NPB | -fortran-bin DIR | -baseline FILE [-update] [flags]", cmdRegress},
		command{"report", "write a sweep's tables and plots again from its raw.csv and logs (no runs)", "RUNDIR", cmdReport},
		command{"run", "run one benchmark and print the NPB report", "<kernel> [-class C] [-places N|S] [-pin compact|spread|none] [-json]", cmdRun},
		command{"list", "list the kernels and their classes", "[-check ab|stored|mpi]", cmdList},
		command{"topo", "show the CPU topology and where each place would run", "[-places N] [-pin P]", cmdTopo},
		command{"work", "deterministic work gate: instruction counts of each kernel's timed region under callgrind", "-baseline FILE [-update] [-places N|S] [-cache] [flags]", cmdWork},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: npb <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nrun 'npb <command> -h' for the flags of a command")
}

func main() {
	os.Exit(mainExit(os.Args[1:], os.Stdout, os.Stderr))
}

func mainExit(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "npb: internal error: %v\n", r)
			if os.Getenv("NPB_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = 3
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := underLauncher(c.name)
			if err == nil {
				err = c.run(args[1:], stdout, stderr)
			}
			var ue usageError
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.As(err, &ue):
				fmt.Fprintf(stderr, "npb %s: %s\n", c.name, message(err))
				return 2
			case errors.Is(err, errFailed):
				return 1
			default:
				fmt.Fprintf(stderr, "npb %s: %s\n", c.name, message(err))
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "npb: unknown command %q (have %s)\n", args[0], commandNames())
	return 2
}

// pkgPrefixes are the package prefixes of the errors the packages under
// the CLI return ("harness: …"): the CLI puts its own, "npb compare: ".
var pkgPrefixes = []string{"npb: ", "harness: ", "npblog: ", "regress: ", "topo: ", "places: ", "shm: "}

// message is err's text for the one line on stderr, without the package
// prefix that "npb <command>: " replaces. Input echoed in it (quoted,
// as the flag package quotes a bad value) is cut to clip's length, and
// the whole to a few lines' worth.
func message(err error) string {
	s := err.Error()
	for _, p := range pkgPrefixes {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	s = quoted.ReplaceAllStringFunc(s, func(q string) string {
		if len(q) <= maxEcho+2 {
			return q
		}
		return `"` + npb.Clip(q[1:len(q)-1]) + `"`
	})
	if len(s) > 10*maxEcho {
		s = s[:10*maxEcho] + "…"
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// quoted matches a Go-quoted string in an error message.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// maxEcho is how much of an input an error message repeats (npb.Clip).
const maxEcho = 40

// printHelp is a command's -h: how to call it, what it does, its flags.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	for _, c := range commands {
		if c.name == fs.Name() {
			fmt.Fprintf(w, "%s\n\n%s\n", strings.TrimSpace("usage: npb "+c.name+" "+c.synopsis), c.summary)
		}
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func commandNames() string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// parseNoArgs is parseFlags for a command that takes no arguments; hint
// follows the error for one.
func parseNoArgs(fs *flag.FlagSet, args []string, stdout io.Writer, hint string) error {
	pos, err := parseFlags(fs, args, stdout)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q%s", npb.Clip(pos[0]), hint)
	}
	return err
}

// parseFlags parses flags that may come before and after positional
// arguments ("npb run cg -class A" as well as "npb run -class A cg"). A
// flag error becomes a usage error; -h prints the command's usage on
// stdout.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(stdout, fs)
				return nil, err
			}
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "flag provided but not defined: " + npb.Clip(name)
			}
			return nil, usageError{msg}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
