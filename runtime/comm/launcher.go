package comm

import (
	"os"
	"strconv"
)

// launcherVars are the variables an MPI launcher sets in the environment
// of every process it starts: Open MPI's mpirun sets
// OMPI_COMM_WORLD_SIZE; PMI and PMIx launchers such as MPICH's Hydra or
// srun set PMI_SIZE or PMIX_RANK. A user's own OMPI_MCA_* settings are
// not among them: they configure mpirun, they do not say a launcher ran.
var launcherVars = []string{"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}

// Launcher names the variable that says this process was started by an
// MPI launcher as one rank of a job, or is "" when it was not. It needs
// no MPI library: a build without one uses it to refuse to run as a rank
// rather than give one independent run per rank.
func Launcher() string {
	for _, v := range launcherVars {
		if os.Getenv(v) != "" {
			return v
		}
	}
	return ""
}

// LocalRanks is the number of ranks of this process's job that run on
// its machine, as the launcher says (Open MPI's
// OMPI_COMM_WORLD_LOCAL_SIZE, MPICH Hydra's MPI_LOCALNRANKS); 1 when it
// does not say.
func LocalRanks() int {
	for _, v := range []string{"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"} {
		if n, err := strconv.Atoi(os.Getenv(v)); err == nil && n > 0 {
			return n
		}
	}
	return 1
}
