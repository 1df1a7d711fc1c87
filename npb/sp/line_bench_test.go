package sp

import (
	"testing"

	"npbgo/npb/cfd"
)

// lineBench sets up a class-A-length line (64 points) of SP's solver from
// a set-up 64×12×12 problem: its ρ⁻¹, velocity, speed and RHS.
func lineBench(b *testing.B) (s *sp, ax *axis, w *scratch, rho, vel, spd []float64, src []cfd.Cell) {
	s = newGrid(b, 0, 64, 12, 12, 1, 0.0015)
	a := s.a
	o := a.P(0, 5, 5)
	rho, vel, spd = append([]float64(nil), a.RhoI[o:o+64]...), append([]float64(nil), a.US[o:o+64]...), append([]float64(nil), a.Speed[o:o+64]...)
	src = append([]cfd.Cell(nil), a.RHS[o:o+64]...)
	return s, &s.ax[0], newScratch(64), rho, vel, spd, src
}

// BenchmarkLine is one line solve: setupLHS and solveLHS.
func BenchmarkLine(b *testing.B) {
	s, ax, w, rho, vel, spd, src := lineBench(b)
	r := make([]cfd.Cell, len(src))
	for b.Loop() {
		copy(r, src)
		s.setupLHS(w, ax, rho, vel, spd)
		solveLHS(w, r)
	}
}

// BenchmarkLineSetup is setupLHS alone.
func BenchmarkLineSetup(b *testing.B) {
	s, ax, w, rho, vel, spd, _ := lineBench(b)
	for b.Loop() {
		s.setupLHS(w, ax, rho, vel, spd)
	}
}
