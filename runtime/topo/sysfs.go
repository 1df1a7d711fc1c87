package topo

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// FromSysfs reads the topology from a sysfs tree rooted at root ("/sys" on
// a live system, or a captured copy holding devices/system/cpu/online,
// devices/system/cpu/cpuN/topology/{physical_package_id,core_id,
// thread_siblings_list} and devices/system/node/nodeN/cpulist). Offline CPUs
// are left out. Caches, features and model name are those of the host.
func FromSysfs(root string) (*Topology, error) {
	cpuDir := filepath.Join(root, "devices", "system", "cpu")
	online, err := readCPUList(filepath.Join(cpuDir, "online"))
	if err != nil {
		// Kernels without CPU hotplug have no online file: every cpuN is.
		online, err = listIndexed(cpuDir, "cpu")
		if err != nil || len(online) == 0 {
			return nil, fmt.Errorf("topo: no CPUs under %s", cpuDir)
		}
	}

	type raw struct {
		id, pkg, core int
		siblings      string // the core's identity: its sibling list
	}
	raws := make([]raw, 0, len(online))
	for _, id := range online {
		dir := filepath.Join(cpuDir, "cpu"+strconv.Itoa(id), "topology")
		pkg, err := readInt(filepath.Join(dir, "physical_package_id"))
		if err != nil {
			return nil, err
		}
		core, err := readInt(filepath.Join(dir, "core_id"))
		if err != nil {
			return nil, err
		}
		sib, err := readCPUList(filepath.Join(dir, "thread_siblings_list"))
		if err != nil {
			// Newer name of the same file.
			sib, err = readCPUList(filepath.Join(dir, "core_cpus_list"))
		}
		key := ""
		if err == nil {
			key = formatCPUList(sib)
		} else {
			key = "core_id=" + strconv.Itoa(core)
		}
		// Some platforms report -1 when there is no package information.
		raws = append(raws, raw{id: id, pkg: max(pkg, 0), core: core, siblings: key})
	}

	// Dense socket numbers in order of package id; within a socket, cores in
	// order of core id (ids are sparse on many Intel parts), and threads in
	// order of CPU id within a core.
	var pkgs []int
	for _, r := range raws {
		if !slices.Contains(pkgs, r.pkg) {
			pkgs = append(pkgs, r.pkg)
		}
	}
	slices.Sort(pkgs)

	type coreKey struct {
		pkg      int
		siblings string
	}
	type coreInfo struct {
		coreID, firstCPU int
		cpus             []int
	}
	cores := map[coreKey]*coreInfo{}
	for _, r := range raws { // raws are in CPU id order
		k := coreKey{r.pkg, r.siblings}
		ci := cores[k]
		if ci == nil {
			ci = &coreInfo{coreID: r.core, firstCPU: r.id}
			cores[k] = ci
		}
		ci.cpus = append(ci.cpus, r.id)
	}
	perSocket := make([][]*coreInfo, len(pkgs))
	for k, ci := range cores {
		s, _ := slices.BinarySearch(pkgs, k.pkg)
		perSocket[s] = append(perSocket[s], ci)
	}

	t := &Topology{Sockets: len(pkgs), Source: root}
	for s, list := range perSocket {
		slices.SortFunc(list, func(a, b *coreInfo) int {
			return cmp.Or(cmp.Compare(a.coreID, b.coreID), cmp.Compare(a.firstCPU, b.firstCPU))
		})
		t.Cores = max(t.Cores, len(list))
		for c, ci := range list {
			t.Threads = max(t.Threads, len(ci.cpus))
			for th, id := range ci.cpus {
				t.CPUs = append(t.CPUs, CPU{ID: id, Socket: s, Core: c, Thread: th, Node: -1})
			}
		}
	}
	slices.SortFunc(t.CPUs, func(a, b CPU) int { return a.ID - b.ID })

	if err := t.readNodes(filepath.Join(root, "devices", "system", "node")); err != nil {
		return nil, err
	}
	t.setHost()
	return t, nil
}

// readNodes fills Nodes and CPU.Node. Without NUMA information (no node
// directory, as on kernels built without NUMA) all CPUs are on node 0.
func (t *Topology) readNodes(dir string) error {
	ids, err := listIndexed(dir, "node")
	if err != nil || len(ids) == 0 {
		n := Node{ID: 0}
		for i := range t.CPUs {
			t.CPUs[i].Node = 0
			n.CPUs = append(n.CPUs, t.CPUs[i].ID)
		}
		t.Nodes = []Node{n}
		return nil
	}
	for _, id := range ids {
		list, err := readCPUList(filepath.Join(dir, "node"+strconv.Itoa(id), "cpulist"))
		if err != nil {
			return err
		}
		n := Node{ID: id}
		for _, c := range list {
			i, ok := slices.BinarySearchFunc(t.CPUs, c, func(x CPU, id int) int { return x.ID - id })
			if !ok {
				continue // offline CPU
			}
			t.CPUs[i].Node = id
			n.CPUs = append(n.CPUs, c)
		}
		t.Nodes = append(t.Nodes, n)
	}
	return nil
}

// listIndexed returns the sorted N of the entries prefixN in dir.
func listIndexed(dir, prefix string) ([]int, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ids []int
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n >= 0 {
			ids = append(ids, n)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

func readInt(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("topo: %w", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, fmt.Errorf("topo: %s: %w", path, err)
	}
	return n, nil
}

func readCPUList(path string) ([]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("topo: %w", err)
	}
	list, err := parseCPUList(string(b))
	if err != nil {
		return nil, fmt.Errorf("topo: %s: %w", path, err)
	}
	return list, nil
}

// maxCPUs bounds every CPU count this package accepts, a sanity limit far
// above any shared-memory machine it will meet.
const maxCPUs = 4096

// parseCPUList parses the kernel's list format, e.g. "0-3,8-11" (an empty
// list is an empty string). The result is sorted and without duplicates.
func parseCPUList(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var list []int
	for part := range strings.SplitSeq(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 0 {
			return nil, fmt.Errorf("bad cpu list %q", s)
		}
		b := a
		if isRange {
			b, err = strconv.Atoi(hi)
			if err != nil || b < a || b-a > maxCPUs {
				return nil, fmt.Errorf("bad cpu list %q", s)
			}
		}
		for c := a; c <= b; c++ {
			list = append(list, c)
		}
	}
	slices.Sort(list)
	return slices.Compact(list), nil
}

// formatCPUList writes a sorted CPU list in the kernel's format, "0-3,8-11".
func formatCPUList(list []int) string {
	var sb strings.Builder
	for i := 0; i < len(list); {
		j := i
		for j+1 < len(list) && list[j+1] == list[j]+1 {
			j++
		}
		if sb.Len() > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(list[i]))
		if j > i {
			sb.WriteByte('-')
			sb.WriteString(strconv.Itoa(list[j]))
		}
		i = j + 1
	}
	return sb.String()
}
