package topo

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestSimulate(t *testing.T) {
	tests := []struct {
		spec     string
		s, c, th int
		wantErr  string // substring of the error; "" for success
	}{
		{spec: "2x8x2", s: 2, c: 8, th: 2},
		{spec: "1x2x1", s: 1, c: 2, th: 1},
		{spec: " 2X4X2\n", s: 2, c: 4, th: 2},
		{spec: "64x32x2", s: 64, c: 32, th: 2},
		{spec: "2x8", wantErr: `topo: bad NPB_TOPOLOGY "2x8": want SOCKETSxCORESxTHREADS, e.g. 2x8x2`},
		{spec: "2x8x2x1", wantErr: `bad NPB_TOPOLOGY "2x8x2x1": want SOCKETSxCORESxTHREADS`},
		{spec: "ax2x1", wantErr: `bad NPB_TOPOLOGY "ax2x1": want SOCKETSxCORESxTHREADS`},
		{spec: "", wantErr: `bad NPB_TOPOLOGY "": want`},
		{spec: "2xx2", wantErr: `bad NPB_TOPOLOGY "2xx2": want`},
		{spec: "-1x2x2", wantErr: `bad NPB_TOPOLOGY "-1x2x2": want`},
		{spec: "+1x2x2", wantErr: `bad NPB_TOPOLOGY "+1x2x2": want`},
		{spec: "2.0x2x2", wantErr: `bad NPB_TOPOLOGY "2.0x2x2": want`},
		{spec: "0x4x1", wantErr: `bad NPB_TOPOLOGY "0x4x1": sockets, cores and threads must each be at least 1`},
		{spec: "2x8x0", wantErr: `bad NPB_TOPOLOGY "2x8x0": sockets`},
		{spec: "64x64x2", wantErr: `bad NPB_TOPOLOGY "64x64x2": 8192 CPUs, more than 4096`},
		{spec: "5000x1x1", wantErr: `"5000x1x1": more than 4096 CPUs`},
		{spec: "1x1x99999999999999999999999", wantErr: `more than 4096 CPUs`},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			topo, err := Simulate(tc.spec)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Simulate(%q) error = %v, want %q", tc.spec, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if topo.Sockets != tc.s || topo.Cores != tc.c || topo.Threads != tc.th {
				t.Errorf("layout %dx%dx%d, want %dx%dx%d", topo.Sockets, topo.Cores, topo.Threads, tc.s, tc.c, tc.th)
			}
			if !topo.Simulated || topo.Source != "NPB_TOPOLOGY="+tc.spec {
				t.Errorf("Simulated=%v Source=%q", topo.Simulated, topo.Source)
			}
			if topo.NumCPU() != tc.s*tc.c*tc.th || len(topo.Nodes) != tc.s {
				t.Fatalf("%d CPUs, %d nodes", topo.NumCPU(), len(topo.Nodes))
			}
			// Linux numbering on Intel: id = thread*(S*C) + socket*C + core.
			for i, c := range topo.CPUs {
				want := CPU{ID: i, Thread: i / (tc.s * tc.c), Socket: i / tc.c % tc.s, Core: i % tc.c}
				want.Node = want.Socket
				if c != want {
					t.Fatalf("CPUs[%d] = %+v, want %+v", i, c, want)
				}
				if !slices.Contains(topo.Nodes[c.Socket].CPUs, c.ID) {
					t.Fatalf("node %d lacks CPU %d", c.Socket, c.ID)
				}
			}
		})
	}
}

func TestFromSysfs(t *testing.T) {
	t.Run("host-2c", func(t *testing.T) {
		got, err := FromSysfs("testdata/host-2c")
		if err != nil {
			t.Fatal(err)
		}
		want := &Topology{
			Sockets: 1, Cores: 2, Threads: 1,
			CPUs:  []CPU{{ID: 0}, {ID: 1, Core: 1}},
			Nodes: []Node{{ID: 0, CPUs: []int{0, 1}}},
		}
		checkLayout(t, got, want)
		if got.Simulated || got.Source != "testdata/host-2c" {
			t.Errorf("Simulated=%v Source=%q", got.Simulated, got.Source)
		}
	})
	t.Run("dual-2x4x2", func(t *testing.T) {
		// The hand-made tree has sparse core ids (0,1,8,9) like Intel
		// parts; with dense indices it is exactly the simulated 2x4x2.
		got, err := FromSysfs("testdata/dual-2x4x2")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Simulate("2x4x2")
		checkLayout(t, got, want)
	})
	t.Run("irregular", func(t *testing.T) {
		// Package ids 3 and 7, cpu1 offline, a core without its SMT
		// sibling online, no NUMA directory.
		root := t.TempDir()
		writeTree(t, root, map[string]string{
			"cpu/online":                            "0,2-4\n",
			"cpu/cpu0/topology/physical_package_id": "3", "cpu/cpu0/topology/core_id": "0", "cpu/cpu0/topology/thread_siblings_list": "0,2",
			"cpu/cpu2/topology/physical_package_id": "3", "cpu/cpu2/topology/core_id": "0", "cpu/cpu2/topology/thread_siblings_list": "0,2",
			"cpu/cpu3/topology/physical_package_id": "7", "cpu/cpu3/topology/core_id": "5", "cpu/cpu3/topology/thread_siblings_list": "3",
			"cpu/cpu4/topology/physical_package_id": "7", "cpu/cpu4/topology/core_id": "2", "cpu/cpu4/topology/thread_siblings_list": "4",
		})
		got, err := FromSysfs(root)
		if err != nil {
			t.Fatal(err)
		}
		want := &Topology{
			Sockets: 2, Cores: 2, Threads: 2,
			CPUs: []CPU{
				{ID: 0, Socket: 0, Core: 0, Thread: 0},
				{ID: 2, Socket: 0, Core: 0, Thread: 1},
				{ID: 3, Socket: 1, Core: 1, Thread: 0},
				{ID: 4, Socket: 1, Core: 0, Thread: 0},
			},
			Nodes: []Node{{ID: 0, CPUs: []int{0, 2, 3, 4}}},
		}
		checkLayout(t, got, want)
		for _, pol := range []Policy{Compact, Spread} {
			cpus, err := got.Assign(5, pol)
			if err != nil {
				t.Fatal(err)
			}
			wantCPUs := map[Policy][]int{Compact: {0, 4, 3, 2, 0}, Spread: {0, 4, 3, 2, 0}}[pol]
			if !slices.Equal(cpus, wantCPUs) {
				t.Errorf("Assign(5, %s) = %v, want %v", pol, cpus, wantCPUs)
			}
		}
	})
	t.Run("no online file", func(t *testing.T) {
		root := t.TempDir()
		writeTree(t, root, map[string]string{
			"cpu/cpu0/topology/physical_package_id": "0", "cpu/cpu0/topology/core_id": "0", "cpu/cpu0/topology/thread_siblings_list": "0",
			"cpu/cpu1/topology/physical_package_id": "0", "cpu/cpu1/topology/core_id": "1", "cpu/cpu1/topology/thread_siblings_list": "1",
			"cpu/cpufreq/x":      "",
			"node/node0/cpulist": "0\n",
			"node/node1/cpulist": "1\n",
			"node/node2/cpulist": "\n", // memory-only node
			"node/has_memory":    "0-2",
		})
		got, err := FromSysfs(root)
		if err != nil {
			t.Fatal(err)
		}
		want := &Topology{
			Sockets: 1, Cores: 2, Threads: 1,
			CPUs:  []CPU{{ID: 0}, {ID: 1, Core: 1, Node: 1}},
			Nodes: []Node{{ID: 0, CPUs: []int{0}}, {ID: 1, CPUs: []int{1}}, {ID: 2}},
		}
		checkLayout(t, got, want)
	})
	for _, tc := range []struct{ name, root string }{
		{"missing", "testdata/does-not-exist"},
		{"missing topology", writeTreeAt(t, map[string]string{"cpu/online": "0-1"})},
		{"bad core_id", writeTreeAt(t, map[string]string{"cpu/online": "0", "cpu/cpu0/topology/physical_package_id": "0", "cpu/cpu0/topology/core_id": "x"})},
		{"bad online", writeTreeAt(t, map[string]string{"cpu/online": "1-0"})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := FromSysfs(tc.root); err == nil {
				t.Fatalf("FromSysfs(%s) = %+v, want error", tc.root, got)
			}
		})
	}
}

func checkLayout(t *testing.T, got, want *Topology) {
	t.Helper()
	if got.Sockets != want.Sockets || got.Cores != want.Cores || got.Threads != want.Threads {
		t.Errorf("layout %dx%dx%d, want %dx%dx%d", got.Sockets, got.Cores, got.Threads, want.Sockets, want.Cores, want.Threads)
	}
	if !slices.Equal(got.CPUs, want.CPUs) {
		t.Errorf("CPUs\n got %+v\nwant %+v", got.CPUs, want.CPUs)
	}
	if !slices.EqualFunc(got.Nodes, want.Nodes, func(a, b Node) bool { return a.ID == b.ID && slices.Equal(a.CPUs, b.CPUs) }) {
		t.Errorf("Nodes\n got %+v\nwant %+v", got.Nodes, want.Nodes)
	}
	if got.Cache.Line <= 0 || got.Cache.L1D <= 0 {
		t.Errorf("Cache = %+v", got.Cache)
	}
}

// writeTree writes files (paths relative to devices/system) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, "devices", "system", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func writeTreeAt(t *testing.T, files map[string]string) string {
	root := t.TempDir()
	writeTree(t, root, files)
	return root
}

func TestDetect(t *testing.T) {
	t.Run("NPB_TOPOLOGY", func(t *testing.T) {
		t.Setenv(Env, "2x8x2")
		got, err := Detect()
		if err != nil {
			t.Fatal(err)
		}
		if !got.Simulated || got.NumCPU() != 32 || got.Sockets != 2 || got.Source != "NPB_TOPOLOGY=2x8x2" {
			t.Errorf("Detect() = %d CPUs, %d sockets, Simulated=%v, Source=%q", got.NumCPU(), got.Sockets, got.Simulated, got.Source)
		}
	})
	t.Run("bad NPB_TOPOLOGY", func(t *testing.T) {
		t.Setenv(Env, "2x8")
		_, err := Detect()
		if err == nil || err.Error() != `topo: bad NPB_TOPOLOGY "2x8": want SOCKETSxCORESxTHREADS, e.g. 2x8x2` {
			t.Errorf("Detect() error = %v", err)
		}
	})
	t.Run("empty NPB_TOPOLOGY", func(t *testing.T) {
		t.Setenv(Env, "") // set but empty: as if unset
		got, err := Detect()
		if err != nil || got.Simulated {
			t.Errorf("Detect() with %s= : %v, simulated %v; want the host", Env, err, got != nil && got.Simulated)
		}
	})
	t.Run("long NPB_TOPOLOGY", func(t *testing.T) {
		t.Setenv(Env, strings.Repeat("2x", 50000))
		_, err := Detect()
		if err == nil || len(err.Error()) > 150 {
			t.Errorf("Detect() error = %.200v (%d bytes), want it short", err, len(err.Error()))
		}
	})
	t.Run("host", func(t *testing.T) {
		t.Setenv(Env, "")
		os.Unsetenv(Env)
		got, err := Detect()
		if err != nil {
			t.Fatal(err)
		}
		if got.Simulated || got.NumCPU() < 1 || got.Sockets < 1 || got.Cores < 1 || got.Threads < 1 || len(got.Nodes) < 1 {
			t.Errorf("Detect() = %+v", got)
		}
		if runtime.GOOS == "linux" && got.Source != "sysfs" {
			t.Errorf("Source = %q, want sysfs", got.Source)
		}
	})
	t.Run("fallback", func(t *testing.T) {
		got := detect("testdata/does-not-exist")
		if got.Simulated || got.NumCPU() != runtime.NumCPU() || got.Sockets != 1 || got.Threads != 1 ||
			!strings.HasPrefix(got.Source, "runtime.NumCPU") {
			t.Errorf("detect(missing) = %+v", got)
		}
		if _, err := got.Assign(3, Compact); err != nil {
			t.Error(err)
		}
	})
}

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		in   string
		want Policy
		ok   bool
	}{
		{"compact", Compact, true},
		{"spread", Spread, true},
		{"none", None, true},
		{" Spread ", Spread, true},
		{"", "", false},
		{"scatter", "", false},
	}
	for _, tc := range tests {
		got, err := ParsePolicy(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParsePolicy(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), `"`+tc.in+`"`) {
			t.Errorf("error %q does not name the value", err)
		}
	}
}

func seq(lo, hi int) []int {
	var s []int
	for i := lo; i < hi; i++ {
		s = append(s, i)
	}
	return s
}

func TestAssign(t *testing.T) {
	t2x8x2, _ := Simulate("2x8x2")
	// spread on 2x8x2: core c of socket 0 is CPU c, of socket 1 CPU 8+c;
	// second threads are 16 higher.
	var spread []int
	for th := range 2 {
		for c := range 8 {
			spread = append(spread, 16*th+c, 16*th+8+c)
		}
	}
	tests := []struct {
		name string
		np   int
		pol  Policy
		want []int
	}{
		{"compact/serial", 0, Compact, []int{0}},
		{"spread/serial", 0, Spread, []int{0}},
		{"compact/1", 1, Compact, []int{0}},
		{"compact/4", 4, Compact, []int{0, 1, 2, 3}},
		{"compact/16", 16, Compact, seq(0, 16)},
		{"compact/32", 32, Compact, seq(0, 32)},
		{"compact/35 wraps", 35, Compact, append(seq(0, 32), 0, 1, 2)},
		{"spread/4", 4, Spread, []int{0, 8, 1, 9}},
		{"spread/32", 32, Spread, spread},
		{"spread/34 wraps", 34, Spread, append(slices.Clone(spread), 0, 8)},
		{"none", 4, None, nil},
		{"none/serial", 0, None, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := t2x8x2.Assign(tc.np, tc.pol)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("Assign(%d, %s) = %v, want %v", tc.np, tc.pol, got, tc.want)
			}
		})
	}

	t.Run("properties", func(t *testing.T) {
		for _, spec := range []string{"2x8x2", "1x4x2", "4x3x1", "2x4x4"} {
			topo, _ := Simulate(spec)
			n := topo.NumCPU()
			phys := topo.Sockets * topo.Cores
			compact, _ := topo.Assign(n, Compact)
			spread, _ := topo.Assign(n, Spread)
			for _, cpus := range [][]int{compact, spread} {
				s := slices.Clone(cpus)
				slices.Sort(s)
				if !slices.Equal(s, seq(0, n)) {
					t.Errorf("%s: %v is not a permutation of the CPUs", spec, cpus)
				}
				for p, id := range cpus {
					c, _ := topo.CPU(id)
					if (p < phys) != (c.Thread == 0) {
						t.Errorf("%s: place %d on thread %d: physical cores must come before SMT siblings", spec, p, c.Thread)
					}
				}
			}
			for p, id := range compact[:phys] {
				if c, _ := topo.CPU(id); c.Socket != p/topo.Cores {
					t.Errorf("%s compact: place %d on socket %d, want %d", spec, p, c.Socket, p/topo.Cores)
				}
			}
			for p, id := range spread {
				if c, _ := topo.CPU(id); c.Socket != p%topo.Sockets {
					t.Errorf("%s spread: place %d on socket %d, want %d", spec, p, c.Socket, p%topo.Sockets)
				}
			}
		}
	})

	t.Run("captured equals simulated", func(t *testing.T) {
		sim, _ := Simulate("2x4x2")
		cap, err := FromSysfs("testdata/dual-2x4x2")
		if err != nil {
			t.Fatal(err)
		}
		for _, pol := range []Policy{Compact, Spread} {
			a, _ := sim.Assign(20, pol)
			b, _ := cap.Assign(20, pol)
			if !slices.Equal(a, b) {
				t.Errorf("%s: simulated %v, captured %v", pol, a, b)
			}
		}
	})

	for _, tc := range []struct {
		np   int
		pol  Policy
		want string
	}{
		{-1, Compact, "topo: -1 places"},
		{-3, None, "topo: -3 places"},
		{4, "scatter", `unknown placement policy "scatter"`},
		{4, "", `unknown placement policy ""`},
	} {
		if got, err := t2x8x2.Assign(tc.np, tc.pol); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Assign(%d, %q) = %v, %v; want error %q", tc.np, tc.pol, got, err, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	topo, _ := Simulate("2x4x2")
	tests := []struct {
		np    int
		pol   Policy
		lines []string // each must appear as a line, compared field by field
		not   []string // substrings that must not appear
	}{
		{4, Spread, []string{
			"layout 2 sockets × 4 cores × 2 threads = 16 CPUs",
			"NUMA node0: 0-3,8-11",
			"node1: 4-7,12-15",
			"source NPB_TOPOLOGY=2x4x2 (simulated: places are not pinned)",
			"places 4 places, spread",
			"place cpu socket core thread node",
			"0 0 0 0 0 0",
			"1 4 1 0 0 1",
			"2 1 0 1 0 0",
			"3 5 1 1 0 1",
		}, []string{"oversubscribed"}},
		{0, Compact, []string{"places serial (1 place), compact", "0 0 0 0 0 0"}, []string{"\n1 "}},
		{18, Compact, []string{
			"places 18 places, compact (oversubscribed: 18 places on 16 CPUs)",
			"8 8 0 0 1 0",
			"16 0 0 0 0 0",
			"17 1 0 1 0 0",
		}, nil},
		{4, None, []string{"places 4 places, none: not pinned"}, []string{"place cpu"}},
		{-2, Compact, []string{"places -2 places, compact: topo: -2 places: want at least 1 (or 0 for serial)"}, []string{"place cpu"}},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		topo.Describe(&buf, tc.np, tc.pol)
		out := buf.String()
		have := map[string]bool{}
		for l := range strings.Lines(out) {
			have[strings.Join(strings.Fields(l), " ")] = true
		}
		for _, l := range tc.lines {
			if !have[l] {
				t.Errorf("Describe(%d, %s): no line %q in\n%s", tc.np, tc.pol, l, out)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(out, s) {
				t.Errorf("Describe(%d, %s): unexpected %q in\n%s", tc.np, tc.pol, s, out)
			}
		}
		for _, key := range []string{"model", "caches", "features"} {
			if !strings.Contains(out, "\n"+key+" ") && !strings.HasPrefix(out, key+" ") {
				t.Errorf("Describe(%d, %s): no %s line in\n%s", tc.np, tc.pol, key, out)
			}
		}
	}
}

func TestCPUList(t *testing.T) {
	tests := []struct {
		in, out string
		list    []int
	}{
		{"", "", nil},
		{"0\n", "0", []int{0}},
		{"0-3,8-11", "0-3,8-11", []int{0, 1, 2, 3, 8, 9, 10, 11}},
		{"0,2,4", "0,2,4", []int{0, 2, 4}},
		{"5,0-1,1", "0-1,5", []int{0, 1, 5}},
	}
	for _, tc := range tests {
		got, err := parseCPUList(tc.in)
		if err != nil || !slices.Equal(got, tc.list) {
			t.Errorf("parseCPUList(%q) = %v, %v; want %v", tc.in, got, err, tc.list)
		}
		if s := formatCPUList(got); s != tc.out {
			t.Errorf("formatCPUList(%v) = %q, want %q", got, s, tc.out)
		}
	}
	for _, bad := range []string{"a", "1-", "-1", "3-1", "0-100000", "1,,2"} {
		if got, err := parseCPUList(bad); err == nil {
			t.Errorf("parseCPUList(%q) = %v, want error", bad, got)
		}
	}
}

// TestAllowed checks that an affinity mask (taskset, a batch system's
// cpuset) limits the CPUs places get, in policy order.
func TestAllowed(t *testing.T) {
	tests := []struct {
		name    string
		mask    []int
		allowed []int // nil: no restriction recorded
		np      int
		pol     Policy
		want    []int
	}{
		{"all allowed", seq(0, 32), nil, 4, Compact, []int{0, 1, 2, 3}},
		{"mask beyond the machine", seq(0, 64), nil, 2, Compact, []int{0, 1}},
		{"socket 1 only, compact", seq(8, 16), seq(8, 16), 3, Compact, []int{8, 9, 10}},
		{"socket 1 and its siblings, spread", []int{8, 9, 24, 25}, []int{8, 9, 24, 25}, 4, Spread, []int{8, 9, 24, 25}},
		{"two CPUs, wraps", []int{3, 12}, []int{3, 12}, 3, Compact, []int{3, 12, 3}},
		{"two CPUs, serial", []int{3, 12}, []int{3, 12}, 0, Spread, []int{3}},
		{"none stays unpinned", []int{5}, []int{5}, 2, None, nil},
		{"mask with no CPU of this machine", []int{99}, nil, 2, Compact, []int{0, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			topo, _ := Simulate("2x8x2")
			topo.restrict(tc.mask)
			if !slices.Equal(topo.Allowed, tc.allowed) {
				t.Fatalf("Allowed = %v, want %v", topo.Allowed, tc.allowed)
			}
			got, err := topo.Assign(tc.np, tc.pol)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Assign(%d, %s) = %v, want %v", tc.np, tc.pol, got, tc.want)
			}
		})
	}
	t.Run("describe", func(t *testing.T) {
		topo, _ := Simulate("1x4x1")
		topo.restrict([]int{2})
		var b strings.Builder
		topo.Describe(&b, 2, Compact)
		for _, want := range []string{"allowed   2 (this process's CPU affinity mask", "oversubscribed: 2 places on 1 CPU)"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("lacks %q:\n%s", want, b.String())
			}
		}
	})
	t.Run("offline", func(t *testing.T) {
		topo, _ := Simulate("1x4x1")
		topo.Allowed = []int{7}
		if _, err := topo.Assign(1, Compact); err == nil || !strings.Contains(err.Error(), "allowed") {
			t.Errorf("Assign with no allowed CPU online: %v", err)
		}
	})
}

// TestStartMask checks that the mask read at start-up names this
// process's CPUs (all of them, unless the test runs under taskset).
func TestStartMask(t *testing.T) {
	if len(startMask) == 0 {
		t.Skip("no affinity mask on this system")
	}
	if len(startMask) != runtime.NumCPU() {
		t.Errorf("start mask %v, runtime.NumCPU() = %d", startMask, runtime.NumCPU())
	}
}
