package npb

import (
	"fmt"
	"slices"
	"strings"
)

// Choice is one kernel of a list, at the class it runs.
type Choice struct {
	Name  string // lower case, as registered (or one of Select's extra names)
	Class Class
}

func (c Choice) String() string { return c.Name + "/" + c.Class.String() }

// Select reads a list of kernels (the -kernels of npb bench, regress and
// work) for class c. "all" is every kernel that has the class, without
// the message-passing forms (WithClass). Otherwise it is comma-separated
// names in the order to run them, repeats dropped; name/CLASS gives one
// kernel its own class (a CFD kernel at S beside the others at W keeps a
// check short). Every kernel must exist and have its class. The extra
// names (the regression check's places workloads) are taken as they are,
// at class c, and "all" ends with them.
func Select(list string, c Class, extra ...string) ([]Choice, error) {
	var cs []Choice
	if strings.EqualFold(strings.TrimSpace(list), "all") {
		for _, n := range WithClass(c) {
			cs = append(cs, Choice{n, c})
		}
		if len(cs) == 0 {
			return nil, fmt.Errorf("npb: no kernel has class %s (have %s)", c, strings.Join(Names(), ", "))
		}
		for _, n := range extra {
			cs = append(cs, Choice{n, c})
		}
		return cs, nil
	}
	for _, f := range strings.Split(list, ",") {
		name, cls, hasClass := strings.Cut(strings.TrimSpace(f), "/")
		name = strings.ToLower(name)
		ch := Choice{name, c}
		switch {
		case name == "":
			return nil, fmt.Errorf("npb: bad -kernels %q: empty name", Clip(list))
		case slices.Contains(extra, name) && !hasClass:
		default:
			if hasClass {
				var err error
				if ch.Class, err = ParseClass(cls); err != nil {
					return nil, err
				}
			}
			k, err := Lookup(name)
			if err != nil {
				return nil, fmt.Errorf("npb: unknown kernel %q (have %s)", Clip(name), strings.Join(append(Names(), extra...), ", "))
			}
			if err := k.CheckClass(ch.Class); err != nil {
				return nil, err
			}
		}
		if !slices.Contains(cs, ch) {
			cs = append(cs, ch)
		}
	}
	return cs, nil
}

// OneClass is the names of a selection that must run at one class (a
// sweep, a baseline): an error for a kernel given another class.
func OneClass(cs []Choice, c Class) ([]string, error) {
	names := make([]string, len(cs))
	for i, ch := range cs {
		if ch.Class != c {
			return nil, fmt.Errorf("npb: %s: one class for every kernel here (-class %s)", ch, c)
		}
		names[i] = ch.Name
	}
	return names, nil
}
