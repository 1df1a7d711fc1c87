// Package ranks holds what the message-passing kernels (is-mpi, cg-mpi)
// share: which communicator a place runs on, and a setup step that turns
// a failed rank into an error.
package ranks

import (
	"errors"
	"fmt"

	"npbgo/runtime/comm"
	"npbgo/runtime/places"
)

// World is the communicator the rank on place p runs on: the MPI job's
// when the process is a rank of one (then the group has one place), else
// the in-process communicator of p's group, one rank per place.
func World(p *places.Place) comm.Comm {
	if j := comm.Job(); j != nil {
		return j
	}
	return comm.InProcess(p)
}

// Count is the number of ranks a kernel on g runs on.
func Count(g *places.Group) int {
	if j := comm.Job(); j != nil {
		return j.Size()
	}
	return g.NP()
}

// Setup runs f on every place of g (every rank) and returns the first
// error, from the lowest rank; a panic on a rank becomes an error too.
// In an MPI job the group must have one place: each process is one rank.
func Setup(name string, g *places.Group, f func(p *places.Place) error) (err error) {
	if comm.Job() != nil && g.NP() != 1 {
		return fmt.Errorf("%s: in an MPI job every process is one rank: run it with one place (-places 1 or S), not %d", name, g.NP())
	}
	errs := make([]error, g.NP())
	defer func() {
		if r := recover(); r != nil {
			var pe *places.PanicError
			if e, ok := r.(error); ok && errors.As(e, &pe) {
				err = fmt.Errorf("%s: rank %d: %v", name, pe.Place, pe.Value)
				return
			}
			panic(r)
		}
	}()
	g.Run(func(p *places.Place) { errs[p.ID()] = f(p) })
	return errors.Join(errs...)
}

// Make makes the state of every rank: newRank runs on every place of g
// with the rank's communicator (World), with Setup's errors, and the
// states come back indexed by rank.
func Make[R any](name string, g *places.Group, newRank func(c comm.Comm) (R, error)) ([]R, error) {
	rs := make([]R, g.NP())
	err := Setup(name, g, func(p *places.Place) error {
		r, err := newRank(World(p))
		rs[p.ID()] = r
		return err
	})
	return rs, err
}
