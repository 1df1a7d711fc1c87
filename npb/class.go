package npb

import (
	"fmt"
	"strings"
)

// Class is an NPB problem class: S, W, A, B, C, D, E or F.
type Class byte

// The classes NPB 3.4 defines. IS has no class F.
const (
	ClassS Class = 'S'
	ClassW Class = 'W'
	ClassA Class = 'A'
	ClassB Class = 'B'
	ClassC Class = 'C'
	ClassD Class = 'D'
	ClassE Class = 'E'
	ClassF Class = 'F'
)

// Classes lists every class in size order.
const Classes = "SWABCDEF"

// ParseClass accepts one class letter of NPB, in either case. The error
// for any other lists the classes some registered kernel has.
func ParseClass(s string) (Class, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if len(t) != 1 || !strings.Contains(Classes, t) {
		return 0, fmt.Errorf("npb: unknown class %q (have %s)", Clip(s), strings.Join(strings.Split(runnableClasses(), ""), " "))
	}
	return Class(t[0]), nil
}

// runnableClasses are the classes of Classes that some registered kernel
// has, in size order; all of them before any kernel registers.
func runnableClasses() string {
	if len(registry) == 0 {
		return Classes
	}
	var b strings.Builder
	for _, c := range Classes {
		for _, k := range registry {
			if strings.ContainsRune(k.Classes(), c) {
				b.WriteRune(c)
				break
			}
		}
	}
	return b.String()
}

// Rank is the class's position in size order (S=0 … F=7), -1 if none.
func (c Class) Rank() int { return strings.IndexByte(Classes, byte(c)) }

func (c Class) String() string { return string(rune(c)) }

// MarshalText makes a Class a JSON string.
func (c Class) MarshalText() ([]byte, error) { return []byte{byte(c)}, nil }

// UnmarshalText parses a class letter.
func (c *Class) UnmarshalText(b []byte) error {
	v, err := ParseClass(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
