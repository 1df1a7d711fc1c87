package ismpi

import (
	"testing"

	"npbgo/runtime/places"
)

func newGroup(t *testing.T, np int) *places.Group {
	t.Helper()
	g, err := places.New(np, places.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}
