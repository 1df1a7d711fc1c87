package mg

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"npbgo/npb"
	"npbgo/runtime/places"
)

// The routines of mg.f as written there, line buffers and all, on whole
// levels and serially: the reference the row kernels must match bit for
// bit. at(i1, i2, i3) takes the reference's 1-based indices.

type refGrid struct {
	z              []float64
	n1, n2, n3, ps int
}

func (g refGrid) at(i1, i2, i3 int) *float64 { return &g.z[(i1-1)+g.n1*(i2-1)+g.ps*(i3-1)] }

// refComm3 is comm3 on one process (comm1p): every border periodic.
func refComm3(u refGrid) {
	n1, n2, n3 := u.n1, u.n2, u.n3
	for i3 := 2; i3 <= n3-1; i3++ {
		for i2 := 2; i2 <= n2-1; i2++ {
			*u.at(1, i2, i3) = *u.at(n1-1, i2, i3)
			*u.at(n1, i2, i3) = *u.at(2, i2, i3)
		}
		for i1 := 1; i1 <= n1; i1++ {
			*u.at(i1, 1, i3) = *u.at(i1, n2-1, i3)
			*u.at(i1, n2, i3) = *u.at(i1, 2, i3)
		}
	}
	for i2 := 1; i2 <= n2; i2++ {
		for i1 := 1; i1 <= n1; i1++ {
			*u.at(i1, i2, 1) = *u.at(i1, i2, n3-1)
			*u.at(i1, i2, n3) = *u.at(i1, i2, 2)
		}
	}
}

func refResid(u, v, r refGrid, a [4]float64) {
	n1, n2, n3 := u.n1, u.n2, u.n3
	u1, u2 := make([]float64, n1+1), make([]float64, n1+1)
	for i3 := 2; i3 <= n3-1; i3++ {
		for i2 := 2; i2 <= n2-1; i2++ {
			for i1 := 1; i1 <= n1; i1++ {
				u1[i1] = *u.at(i1, i2-1, i3) + *u.at(i1, i2+1, i3) + *u.at(i1, i2, i3-1) + *u.at(i1, i2, i3+1)
				u2[i1] = *u.at(i1, i2-1, i3-1) + *u.at(i1, i2+1, i3-1) + *u.at(i1, i2-1, i3+1) + *u.at(i1, i2+1, i3+1)
			}
			for i1 := 2; i1 <= n1-1; i1++ {
				*r.at(i1, i2, i3) = *v.at(i1, i2, i3) - a[0]**u.at(i1, i2, i3) -
					a[2]*(u2[i1]+u1[i1-1]+u1[i1+1]) -
					a[3]*(u2[i1-1]+u2[i1+1])
			}
		}
	}
	refComm3(r)
}

func refPsinv(r, u refGrid, c [4]float64) {
	n1, n2, n3 := u.n1, u.n2, u.n3
	r1, r2 := make([]float64, n1+1), make([]float64, n1+1)
	for i3 := 2; i3 <= n3-1; i3++ {
		for i2 := 2; i2 <= n2-1; i2++ {
			for i1 := 1; i1 <= n1; i1++ {
				r1[i1] = *r.at(i1, i2-1, i3) + *r.at(i1, i2+1, i3) + *r.at(i1, i2, i3-1) + *r.at(i1, i2, i3+1)
				r2[i1] = *r.at(i1, i2-1, i3-1) + *r.at(i1, i2+1, i3-1) + *r.at(i1, i2-1, i3+1) + *r.at(i1, i2+1, i3+1)
			}
			for i1 := 2; i1 <= n1-1; i1++ {
				*u.at(i1, i2, i3) = *u.at(i1, i2, i3) + c[0]**r.at(i1, i2, i3) +
					c[1]*(*r.at(i1-1, i2, i3)+*r.at(i1+1, i2, i3)+r1[i1]) +
					c[2]*(r2[i1]+r1[i1-1]+r1[i1+1])
			}
		}
	}
	refComm3(u)
}

func refRprj3(r, s refGrid) {
	m1j, m2j, m3j := s.n1, s.n2, s.n3
	x1, y1 := make([]float64, r.n1+1), make([]float64, r.n1+1)
	for j3 := 2; j3 <= m3j-1; j3++ {
		for j2 := 2; j2 <= m2j-1; j2++ {
			i3, i2 := 2*j3-1, 2*j2-1
			for j1 := 2; j1 <= m1j; j1++ {
				i1 := 2*j1 - 1
				x1[i1-1] = *r.at(i1-1, i2-1, i3) + *r.at(i1-1, i2+1, i3) + *r.at(i1-1, i2, i3-1) + *r.at(i1-1, i2, i3+1)
				y1[i1-1] = *r.at(i1-1, i2-1, i3-1) + *r.at(i1-1, i2-1, i3+1) + *r.at(i1-1, i2+1, i3-1) + *r.at(i1-1, i2+1, i3+1)
			}
			for j1 := 2; j1 <= m1j-1; j1++ {
				i1 := 2*j1 - 1
				y2 := *r.at(i1, i2-1, i3-1) + *r.at(i1, i2-1, i3+1) + *r.at(i1, i2+1, i3-1) + *r.at(i1, i2+1, i3+1)
				x2 := *r.at(i1, i2-1, i3) + *r.at(i1, i2+1, i3) + *r.at(i1, i2, i3-1) + *r.at(i1, i2, i3+1)
				*s.at(j1, j2, j3) = 0.5**r.at(i1, i2, i3) +
					0.25*(*r.at(i1-1, i2, i3)+*r.at(i1+1, i2, i3)+x2) +
					0.125*(x1[i1-1]+x1[i1+1]+y2) +
					0.0625*(y1[i1-1]+y1[i1+1])
			}
		}
	}
	refComm3(s)
}

func refInterp(z, u refGrid) {
	mm1, mm2, mm3 := z.n1, z.n2, z.n3
	z1, z2, z3 := make([]float64, mm1+1), make([]float64, mm1+1), make([]float64, mm1+1)
	for i3 := 1; i3 <= mm3-1; i3++ {
		for i2 := 1; i2 <= mm2-1; i2++ {
			for i1 := 1; i1 <= mm1; i1++ {
				z1[i1] = *z.at(i1, i2+1, i3) + *z.at(i1, i2, i3)
				z2[i1] = *z.at(i1, i2, i3+1) + *z.at(i1, i2, i3)
				z3[i1] = *z.at(i1, i2+1, i3+1) + *z.at(i1, i2, i3+1) + z1[i1]
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				*u.at(2*i1-1, 2*i2-1, 2*i3-1) += *z.at(i1, i2, i3)
				*u.at(2*i1, 2*i2-1, 2*i3-1) += 0.5 * (*z.at(i1+1, i2, i3) + *z.at(i1, i2, i3))
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				*u.at(2*i1-1, 2*i2, 2*i3-1) += 0.5 * z1[i1]
				*u.at(2*i1, 2*i2, 2*i3-1) += 0.25 * (z1[i1] + z1[i1+1])
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				*u.at(2*i1-1, 2*i2-1, 2*i3) += 0.5 * z2[i1]
				*u.at(2*i1, 2*i2-1, 2*i3) += 0.25 * (z2[i1] + z2[i1+1])
			}
			for i1 := 1; i1 <= mm1-1; i1++ {
				*u.at(2*i1-1, 2*i2, 2*i3) += 0.25 * z3[i1]
				*u.at(2*i1, 2*i2, 2*i3) += 0.125 * (z3[i1] + z3[i1+1])
			}
		}
	}
}

// TestKernelsMatchReference runs each grid operation on random data with
// several place counts and compares every point, ghosts included, with the
// reference routine: they must agree bit for bit.
func TestKernelsMatchReference(t *testing.T) {
	prm, err := classParams(npb.ClassS)
	if err != nil {
		t.Fatal(err)
	}
	for _, np := range []int{0, 1, 2, 3, 4} {
		for _, k := range []int{2, 3, prm.lt} {
			t.Run(fmt.Sprintf("places=%d/level=%d", np, k), func(t *testing.T) {
				g, err := places.New(np, places.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer g.Close()
				m := newMG(prm, g)
				rng := rand.New(rand.NewPCG(1, uint64(k)))
				fill := func(z []float64) {
					for i := range z {
						z[i] = rng.Float64()*2 - 1
					}
				}
				grid := func(z []float64, k int) refGrid {
					l := m.lv[k]
					return refGrid{z: z, n1: l.n1, n2: l.n2, n3: l.n3, ps: l.ps}
				}
				clone := func(z []float64) []float64 { return append([]float64(nil), z...) }
				uk, rk, ukc := m.grid(m.u, k), m.grid(m.r, k), m.grid(m.u, k-1)
				vk := make([]float64, len(uk))
				fill(uk)
				fill(rk)
				fill(vk)
				fill(ukc)

				check := func(name string, got, want []float64) {
					t.Helper()
					l := m.lv[k]
					if len(got) < l.size() {
						l = m.lv[k-1]
					}
					for i3 := range l.n3 {
						for j := range l.n1 * l.n2 {
							o := i3*l.ps + j
							if got[o] != want[o] {
								t.Fatalf("%s: point %d of plane %d: got %v, want %v", name, j, i3, got[o], want[o])
							}
						}
					}
				}

				want := clone(rk)
				refResid(grid(uk, k), grid(vk, k), grid(want, k), m.a)
				g.Run(func(p *places.Place) { m.resid(p, uk, vk, rk, k, false) })
				check("resid", rk, want)

				g.Run(func(p *places.Place) { m.resid(p, uk, vk, rk, k, true) })
				check("resid with norm", rk, want)
				fused := [2]float64{m.rnm2, m.rnmu}
				g.Run(func(p *places.Place) { m.norm2u3(p, rk, k) })
				if got := [2]float64{m.rnm2, m.rnmu}; got != fused || got[0] == 0 {
					t.Errorf("norms: norm2u3 %v, fused into resid %v", got, fused)
				}

				want = clone(uk)
				refPsinv(grid(rk, k), grid(want, k), m.c)
				g.Run(func(p *places.Place) { m.psinv(p, rk, uk, k) })
				check("psinv", uk, want)

				// upLevel: interp, resid, psinv and, on the finest level,
				// resid again (with norm2u3), as mg3P and the resid after it.
				for _, again := range []bool{false, true} {
					for _, norm := range []bool{false, true} {
						if norm && !again {
							continue
						}
						fill(uk)
						fill(rk)
						v := rk
						if again {
							v = vk
						}
						wantR, wantU := clone(rk), clone(uk)
						wantV := wantR
						if again {
							wantV = vk
						}
						zero := k < m.lt
						if zero {
							clear(wantU)
						}
						refInterp(grid(ukc, k-1), grid(wantU, k))
						refResid(grid(wantU, k), grid(wantV, k), grid(wantR, k), m.a)
						refPsinv(grid(wantR, k), grid(wantU, k), m.c)
						if again {
							refResid(grid(wantU, k), grid(vk, k), grid(wantR, k), m.a)
						}
						m.rnm2, m.rnmu = 0, 0
						g.Run(func(p *places.Place) { m.upLevelPlaces(p, k, v, again, norm) })
						name := fmt.Sprintf("upLevel(again=%v, norm=%v)", again, norm)
						check(name+" r", rk, wantR)
						check(name+" u", uk, wantU)
						if norm {
							fused := [2]float64{m.rnm2, m.rnmu}
							g.Run(func(p *places.Place) { m.norm2u3(p, rk, k) })
							got := [2]float64{m.rnm2, m.rnmu}
							// The place blocks differ, so the partial sums may too.
							if got[1] != fused[1] || math.Abs(got[0]-fused[0]) > 1e-14*got[0] || (g.NP() == 1 && got != fused) {
								t.Errorf("norms: norm2u3 %v, fused into upLevel %v", got, fused)
							}
						}
					}
				}

				rkc := m.grid(m.r, k-1)
				want = clone(rkc)
				refRprj3(grid(rk, k), grid(want, k-1))
				g.Run(func(p *places.Place) { m.rprj3(p, rk, k, rkc) })
				check("rprj3", rkc, want)

				want = clone(uk)
				refInterp(grid(ukc, k-1), grid(want, k))
				g.Run(func(p *places.Place) { m.interp(p, ukc, k-1, uk, false) })
				check("interp", uk, want)

				for i := range want {
					want[i] = 0
				}
				refInterp(grid(ukc, k-1), grid(want, k))
				g.Run(func(p *places.Place) { m.interp(p, ukc, k-1, uk, true) })
				check("interp into zero", uk, want)
			})
		}
	}
}
