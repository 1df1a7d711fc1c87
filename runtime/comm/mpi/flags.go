//go:build mpi

package mpi

import "os"

// Flags are the mpirun flags the tests and `make test-mpi` use on one
// machine: more ranks than cores (--oversubscribe) and, when running as
// root as CI does, --allow-run-as-root.
func Flags() []string {
	f := []string{"--oversubscribe"}
	if os.Geteuid() == 0 {
		f = append(f, "--allow-run-as-root")
	}
	return f
}
