package npb

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"npbgo/runtime/places"
)

// Config is what a run of one kernel is given.
type Config struct {
	Class Class
	// Places is the number of places; 0 is the serial point "S".
	Places int
	// CPUs pins place i to CPUs[i]; nil leaves places unpinned.
	CPUs []int
	// Out receives the reference's per-iteration and verification lines
	// (the text printed before the report). Nil discards them.
	Out io.Writer
}

// NewGroup starts the places group the configuration asks for.
func (c Config) NewGroup() (*places.Group, error) {
	return places.New(c.Places, places.Options{CPUs: c.CPUs})
}

// Printf writes a line of progress output to c.Out, if any.
func (c Config) Printf(format string, args ...any) {
	if c.Out != nil {
		fmt.Fprintf(c.Out, format, args...)
	}
}

// Kernel describes one benchmark for the registry.
type Kernel struct {
	Name string // lower case: "cg"
	// Run does one complete benchmark run: setup, the timed region,
	// verification. It returns an error only for bad input or a run that
	// could not be done; a run that fails verification returns a Result
	// with Verified false.
	Run func(Config) (*Result, error)
	// Classes are the classes the kernel implements, e.g. "SWABC".
	Classes string
	// Memory estimates the peak bytes a class needs, so a class that will
	// not fit is refused before it starts.
	Memory func(Class) int64
	// Pin is the default placement policy: "compact", "spread" or "none".
	Pin string
}

var registry = map[string]Kernel{}

// Register adds a kernel; kernel packages call it from init.
func Register(k Kernel) {
	if _, dup := registry[k.Name]; dup {
		panic("npb: kernel registered twice: " + k.Name)
	}
	registry[k.Name] = k
}

// Lookup finds a kernel by name, in any case.
func Lookup(name string) (Kernel, error) {
	k, ok := registry[strings.ToLower(name)]
	if !ok {
		return Kernel{}, fmt.Errorf("npb: unknown kernel %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return k, nil
}

// Names lists the registered kernels in NPB order (IS FT CG MG SP BT LU),
// then any others alphabetically.
func Names() []string {
	order := map[string]int{"is": 0, "ft": 1, "cg": 2, "mg": 3, "sp": 4, "bt": 5, "lu": 6}
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		oi, iok := order[names[i]]
		oj, jok := order[names[j]]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return names[i] < names[j]
	})
	return names
}

// CheckClass reports whether the kernel implements class c.
func (k Kernel) CheckClass(c Class) error {
	if !strings.ContainsRune(k.Classes, rune(c)) {
		return fmt.Errorf("npb: %s has no class %s (have %s)", k.Name, c, k.Classes)
	}
	return nil
}
