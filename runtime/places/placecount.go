package places

import (
	"strconv"
	"strings"
)

// Count is a number of places as a user writes it: S, the serial point of
// an NPB sweep (New(0): the body runs on the caller), or 1 to MaxPlaces.
// It is written "S" or the number in flags, tables, file names and JSON.
type Count int

// Serial is the count of the serial point "S".
const Serial Count = 0

// ParseCount reads one place count: S (or serial), in either case, or an
// integer from 1 to MaxPlaces. Its error is a *CountError.
func ParseCount(s string) (Count, error) {
	if strings.EqualFold(s, "S") || strings.EqualFold(s, "serial") {
		return Serial, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, &CountError{Text: s, Reason: "want S or a positive integer"}
	case n <= 0:
		return 0, &CountError{Text: s, Reason: "want S (serial) or a positive integer"}
	case n > MaxPlaces:
		return 0, &CountError{Text: s, Reason: "at most " + strconv.Itoa(MaxPlaces) + " places", Over: true}
	}
	return Count(n), nil
}

// ParseCounts reads a comma-separated list of place counts, e.g. "S,1,2,4",
// in the order written. Its error is a *CountError naming the list.
func ParseCounts(s string) ([]Count, error) {
	var cs []Count
	for _, f := range strings.Split(s, ",") {
		c, err := ParseCount(strings.TrimSpace(f))
		if err != nil {
			err.(*CountError).In = s
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// FormatCounts writes a list of counts as ParseCounts reads it: "S,1,2".
func FormatCounts(cs []Count) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, ",")
}

// String is "S" for the serial point, else the number.
func (c Count) String() string {
	if c == Serial {
		return "S"
	}
	return strconv.Itoa(int(c))
}

// MarshalText writes the count as String does.
func (c Count) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a count as ParseCount does.
func (c *Count) UnmarshalText(b []byte) error {
	v, err := ParseCount(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// CountError is a place count refused: the count as written, the list it
// was in (if any) and why.
type CountError struct {
	Text   string // the count as written
	In     string // the list it was in, as written; empty for one count
	Reason string // e.g. "want S or a positive integer"
	// Over says the count is a number above a limit, rather than not a
	// place count at all.
	Over bool
}

// Error reads `bad place count "x" in "S,x": want S or a positive integer`;
// a count that is a positive number is written bare.
func (e *CountError) Error() string {
	var b strings.Builder
	b.WriteString("bad place count ")
	if n, err := strconv.Atoi(e.Text); err == nil && n > 0 {
		b.WriteString(strconv.Itoa(n))
	} else {
		b.WriteString(strconv.Quote(clip(e.Text)))
	}
	if e.In != "" {
		b.WriteString(" in ")
		b.WriteString(strconv.Quote(clip(e.In)))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// clip shortens what a user wrote for an error message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
