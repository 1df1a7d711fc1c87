//go:build mpi

package main

import (
	"npbgo/runtime/comm"
	"npbgo/runtime/comm/mpi"
)

// In the mpi build, `npb run` started by mpirun joins the job; started
// by hand it runs as the default build does (see joinJob).
func init() {
	mpiBuild = true
	joinJob = func() (comm.Comm, func(), error) {
		if !mpi.Launched() {
			return nil, nil, nil
		}
		w, err := mpi.Init()
		if err != nil {
			return nil, nil, err
		}
		return w, mpi.Finalize, nil
	}
}
