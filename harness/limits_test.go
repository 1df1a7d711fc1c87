package harness

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMemoryLimits reads the bounds on a run's memory from a made-up
// /proc and cgroup tree: MemAvailable, the address-space limit less what
// is mapped, and a cgroup's memory.max less its use (page cache that can
// be dropped does not count), in cgroup v2 and v1, up the hierarchy.
func TestMemoryLimits(t *testing.T) {
	const gib = 1 << 30
	write := func(root, path, body string) {
		t.Helper()
		p := filepath.Join(root, path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proc := t.TempDir()
	write(proc, "meminfo", "MemTotal: 8388608 kB\nMemAvailable: 4194304 kB\n")
	write(proc, "self/status", "Name:\tnpb\nVmSize:\t  524288 kB\n")

	v2 := t.TempDir()
	write(proc, "self/cgroup", "0::/user.slice/job\n")
	write(v2, "user.slice/job/memory.max", "max\n")
	write(v2, "user.slice/job/memory.current", "0\n")
	write(v2, "user.slice/memory.max", "3221225472\n") // 3 GiB for the slice…
	write(v2, "user.slice/memory.current", "2147483648\n")
	write(v2, "user.slice/memory.stat", "anon 1073741824\nfile 1073741824\ninactive_file 536870912\n") // … of which 0.5 GiB can be dropped
	m := memProbe{proc: proc, cgroup: v2, rlimitAS: func() (uint64, bool) { return 2 * gib, true }}
	got := m.limits()
	want := []memLimit{
		{4 * gib, "available (MemAvailable)"},
		{2*gib - gib/2, "left under the address-space limit (ulimit -v)"},
		{gib + gib/2, "left under the memory limit of cgroup /user.slice"},
	}
	if len(got) != len(want) {
		t.Fatalf("limits %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("limit %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if err := m.check("ft class B", 3*gib); err == nil || err.Error() != "harness: ft class B needs about 3.0 GiB, only 1.5 GiB left under the address-space limit (ulimit -v)" {
		t.Errorf("check: %v", err)
	}
	if err := m.check("ft class A", gib); err != nil {
		t.Errorf("check: %v", err)
	}

	v1 := t.TempDir()
	write(proc, "self/cgroup", "5:cpu,cpuacct:/x\n4:memory:/docker/abc\n0::/\n")
	write(v1, "memory/docker/abc/memory.limit_in_bytes", "1073741824\n")
	write(v1, "memory/docker/abc/memory.usage_in_bytes", "805306368\n")
	write(v1, "memory/docker/abc/memory.stat", "cache 536870912\ntotal_inactive_file 268435456\n")
	write(v1, "memory/docker/memory.limit_in_bytes", "9223372036854771712\n") // no limit
	m = memProbe{proc: proc, cgroup: v1, rlimitAS: func() (uint64, bool) { return 0, false }}
	got = m.limits()
	if len(got) != 2 || got[1] != (memLimit{gib / 2, "left under the memory limit of cgroup /docker/abc"}) {
		t.Errorf("cgroup v1: %+v", got)
	}
	// A cgroup namespace shows the process's own cgroup at the mount's root.
	v1ns := t.TempDir()
	write(v1ns, "memory/memory.limit_in_bytes", "1073741824\n")
	write(v1ns, "memory/memory.usage_in_bytes", "268435456\n")
	m.cgroup = v1ns
	if got = m.limits(); len(got) != 2 || !strings.Contains(got[1].what, "cgroup /docker/abc") || got[1].left != 3*gib/4 {
		t.Errorf("cgroup v1 in a namespace: %+v", got)
	}
	// Nothing readable: no limit known, nothing refused.
	m = memProbe{proc: t.TempDir(), cgroup: t.TempDir(), rlimitAS: func() (uint64, bool) { return 0, false }}
	if got := m.limits(); len(got) != 0 || m.check("x", 1<<50) != nil {
		t.Errorf("empty: %+v", got)
	}
}
