package harness

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
	"npbgo/runtime/topo"
)

// Env is where and how a sweep ran: env.json.
type Env struct {
	Host       string `json:"host"`
	CPUModel   string `json:"cpu_model"`
	NumCPU     int    `json:"num_cpu"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	GoVersion  string `json:"go_version"`
	// GoExperiment is the GOEXPERIMENT the npb binary was built with
	// ("simd": vector code paths on).
	GoExperiment string `json:"goexperiment,omitempty"`
	// Commit is the revision the npb binary was built from (its build
	// info), else the work tree's HEAD; Modified says the tree had
	// uncommitted changes when the binary was built.
	Commit   string `json:"commit,omitempty"`
	Modified bool   `json:"commit_modified,omitempty"`
	GitHead  string `json:"git_head,omitempty"`
	// Caches are the cache sizes the kernels block for, in bytes.
	Caches topo.Caches `json:"caches"`
	// Topology is what topo.Detect found (sockets, cores, SMT, features).
	Topology   any               `json:"topology,omitempty"`
	Executable string            `json:"executable,omitempty"`
	FortranBin string            `json:"fortran_bin,omitempty"`
	Args       []string          `json:"args,omitempty"`
	Flags      map[string]string `json:"flags,omitempty"`
	Started    time.Time         `json:"started"`
	Finished   time.Time         `json:"finished,omitzero"`
	// Interrupted says the sweep was stopped before its last run.
	Interrupted bool `json:"interrupted,omitempty"`
	// Resumed lists when `npb bench -resume` took the sweep up again.
	Resumed []time.Time `json:"resumed,omitempty"`
	// Scaling is the machine probe, before and after the runs (Sweep.Probe).
	Scaling      []Scaling `json:"scaling,omitempty"`
	ScalingError string    `json:"scaling_error,omitempty"`
}

// CollectEnv reads what can be known about this machine and binary
// without the CLI's help.
func CollectEnv() *Env {
	e := &Env{
		NumCPU: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, GoVersion: runtime.Version(),
		CPUModel: cpuModel(), Caches: topo.HostCaches(), Started: time.Now(),
		Topology: topologySummary(),
	}
	e.Host, _ = os.Hostname()
	if exe, err := os.Executable(); err == nil {
		e.Executable = exe
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				e.Commit = s.Value
			case "vcs.modified":
				e.Modified = s.Value == "true"
			case "GOEXPERIMENT":
				e.GoExperiment = s.Value
			}
		}
	}
	if out, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		e.GitHead = strings.TrimSpace(string(out))
	}
	if e.Commit == "" {
		e.Commit = e.GitHead
	}
	return e
}

// Machine names where a sweep ran, for titles: the CPU model without
// its trademark signs, the CPUs and the host, e.g. "Intel Xeon Gold
// 6248 CPU @ 2.50GHz, 2 CPUs, host vm".
func (e *Env) Machine() string {
	model := e.CPUModel
	for _, s := range []string{"(R)", "(r)", "(TM)", "(tm)"} {
		model = strings.ReplaceAll(model, s, " ")
	}
	parts := []string{strings.Join(strings.Fields(model), " ")}
	if parts[0] == "" {
		parts = nil
	}
	if e.NumCPU > 0 {
		parts = append(parts, fmt.Sprintf("%d CPUs", e.NumCPU))
	}
	if e.Host != "" {
		parts = append(parts, "host "+e.Host)
	}
	return strings.Join(parts, ", ")
}

// cpuModel is the "model name" of /proc/cpuinfo (x86) or its nearest
// equivalent.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name", "Model", "cpu model", "uarch":
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// planJSON is a Plan as env.json and summary.json show it.
type planJSON struct {
	Class   npb.Class      `json:"class"`
	Kernels []string       `json:"kernels"`
	Places  []places.Count `json:"places"`
	Reps    int            `json:"reps"`
	Pin     string         `json:"pin,omitempty"`
	Fortran []string       `json:"fortran,omitempty"`
}

func (p Plan) json() planJSON {
	return planJSON{Class: p.Class, Kernels: p.Kernels, Places: p.Places, Reps: p.Reps, Pin: p.Pin, Fortran: p.Fortran}
}

func (s *Sweep) writeEnv() error {
	b, err := json.MarshalIndent(struct {
		*Env
		Plan planJSON `json:"plan"`
	}{s.Env, s.Plan.json()}, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(s.Dir, "env.json"), append(b, '\n'))
}
