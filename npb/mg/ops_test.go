package mg

import (
	"os"
	"slices"
	"testing"
	"time"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// TestOpTimes times each top-level grid operation (MG_OPS=A go test -run OpTimes -v).
func TestOpTimes(t *testing.T) {
	cl := os.Getenv("MG_OPS")
	if cl == "" {
		t.Skip("set MG_OPS=class")
	}
	c, _ := npb.ParseClass(cl)
	prm, _ := classParams(c)
	for _, np := range []int{1, 2} {
		g, _ := places.New(np, places.Options{})
		m := newMG(prm, g)
		g.Run(m.initBody)
		lt := m.lt
		u, r := m.grid(m.u, lt), m.grid(m.r, lt)
		ops := []struct {
			name string
			f    func(p *places.Place)
		}{
			{"resid", func(p *places.Place) { m.resid(p, u, m.v, r, lt, false) }},
			{"residN", func(p *places.Place) { m.resid(p, u, m.v, r, lt, true) }},
			{"psinv", func(p *places.Place) { m.psinv(p, r, u, lt) }},
			{"rprj3", func(p *places.Place) { m.rprj3(p, r, lt, m.grid(m.r, lt-1)) }},
			{"interp", func(p *places.Place) { m.interp(p, m.grid(m.u, lt-1), lt-1, u, false) }},
			{"interp0", func(p *places.Place) { m.interp(p, m.grid(m.u, lt-1), lt-1, u, true) }},
			{"norm2u3", func(p *places.Place) { m.norm2u3(p, r, lt) }},
			{"zero3", func(p *places.Place) { m.zero3(p, u, lt) }},
			{"upLevel", func(p *places.Place) { m.upLevelPlaces(p, lt, m.v, true, false) }},
			{"mg3PResid", func(p *places.Place) { m.mg3PResid(p, false) }},
			{"bench", m.bench},
		}
		for _, op := range ops {
			best := time.Hour
			for range 10 {
				t0 := time.Now()
				g.Run(op.f)
				best = min(best, time.Since(t0))
			}
			t.Logf("np=%d %-8s %8.2f ms", np, op.name, best.Seconds()*1e3)
		}
		g.Close()
	}
}

// TestLevelTimes times resid per point on every level (MG_OPS=A).
func TestLevelTimes(t *testing.T) {
	cl := os.Getenv("MG_OPS")
	if cl == "" {
		t.Skip("set MG_OPS=class")
	}
	c, _ := npb.ParseClass(cl)
	prm, _ := classParams(c)
	g, _ := places.New(1, places.Options{})
	defer g.Close()
	m := newMG(prm, g)
	g.Run(m.initBody)
	for k := 3; k <= m.lt; k++ {
		u, r := m.grid(m.u, k), m.grid(m.r, k)
		n := m.lv[k].n1 - 2
		reps := max(1, (1<<24)/(n*n*n))
		for _, op := range []struct {
			name string
			f    func(p *places.Place)
		}{
			{"resid", func(p *places.Place) { m.resid(p, u, r, r, k, false) }},
			{"psinv", func(p *places.Place) { m.psinv(p, r, u, k) }},
		} {
			best := time.Hour
			for range 3 {
				t0 := time.Now()
				for range reps {
					g.Run(op.f)
				}
				best = min(best, time.Since(t0))
			}
			t.Logf("k=%d n=%4d %s %6.3f ns/pt", k, n, op.name, best.Seconds()*1e9/float64(reps*n*n*n))
		}
	}
}

// TestCompareFused times the finest-level end of a V-cycle unfused and
// fused, interleaved (MG_OPS=A).
func TestCompareFused(t *testing.T) {
	cl := os.Getenv("MG_OPS")
	if cl == "" {
		t.Skip("set MG_OPS=class")
	}
	c, _ := npb.ParseClass(cl)
	prm, _ := classParams(c)
	for _, np := range []int{1, 2} {
		g, _ := places.New(np, places.Options{})
		m := newMG(prm, g)
		g.Run(m.initBody)
		lt := m.lt
		u, r, z := m.grid(m.u, lt), m.grid(m.r, lt), m.grid(m.u, lt-1)
		variants := []func(p *places.Place){
			func(p *places.Place) {
				m.interp(p, z, lt-1, u, false)
				p.Barrier()
				m.resid(p, u, m.v, r, lt, false)
				p.Barrier()
				m.psinv(p, r, u, lt)
				p.Barrier()
				m.resid(p, u, m.v, r, lt, false)
			},
			func(p *places.Place) { m.upLevelPlaces(p, lt, m.v, true, false) },
		}
		best := make([]time.Duration, len(variants))
		for i := range best {
			best[i] = time.Hour
		}
		for range 8 {
			for i, f := range variants {
				t0 := time.Now()
				g.Run(f)
				best[i] = min(best[i], time.Since(t0))
			}
		}
		t.Logf("np=%d separate %.1f ms, upLevel %.1f ms", np, best[0].Seconds()*1e3, best[1].Seconds()*1e3)
		g.Close()
	}
}

// TestScaling times the timed region at 1 and 2 places, interleaved, best
// of several (MG_OPS=A).
func TestScaling(t *testing.T) {
	cl := os.Getenv("MG_OPS")
	if cl == "" {
		t.Skip("set MG_OPS=class")
	}
	c, _ := npb.ParseClass(cl)
	prm, _ := classParams(c)
	var ms [2]*mg
	var gs [2]*places.Group
	for i, np := range []int{1, 2} {
		var cpus []int
		if os.Getenv("MG_PIN") != "" {
			cpus = []int{0, 1}[:np]
		}
		gs[i], _ = places.New(np, places.Options{CPUs: cpus})
		defer gs[i].Close()
		ms[i] = newMG(prm, gs[i])
		gs[i].Run(ms[i].initBody)
	}
	var all [2][]float64
	for range 7 {
		for i := range 2 {
			gs[i].Run(ms[i].initBody)
			t0 := time.Now()
			gs[i].Run(ms[i].benchBody)
			all[i] = append(all[i], time.Since(t0).Seconds())
		}
	}
	for i := range 2 {
		slices.Sort(all[i])
		t.Logf("np=%d times %.3f", i+1, all[i])
	}
	t.Logf("speedup by min %.2f, by median %.2f", all[0][0]/all[1][0], all[0][3]/all[1][3])
}
