package sp

import (
	"testing"

	"npbgo/npb/cfd"
)

// lineBench sets up a class-A-length line (64 points) of SP's solver in a
// set-up 64×12×12 problem and returns the line's start and its RHS.
func lineBench(b *testing.B) (s *sp, w *scratch, o int, src []cfd.Cell) {
	s = newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	o = s.a.P(0, 5, 5)
	return s, newScratch(64), o, append([]cfd.Cell(nil), s.a.RHS[o:o+64]...)
}

// BenchmarkLine is one line solve: setupLHS and forward (with backward).
func BenchmarkLine(b *testing.B) {
	s, w, o, src := lineBench(b)
	r := make([]cfd.Cell, len(src))
	for b.Loop() {
		copy(r, src)
		s.setupLHS(w, &s.ax[0], o, 1, 0, 64)
		forward(w, r, nil, nil, true)
	}
}

// BenchmarkLineSetup is setupLHS alone.
func BenchmarkLineSetup(b *testing.B) {
	s, w, o, _ := lineBench(b)
	for b.Loop() {
		s.setupLHS(w, &s.ax[0], o, 1, 0, 64)
	}
}
