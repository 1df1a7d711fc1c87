package places

import "testing"

func TestSmoke(t *testing.T) {
	for _, np := range []int{0, 1, 2, 3, 4, 8} {
		g, err := New(np, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for rep := 0; rep < 200; rep++ {
			out := make([]float64, g.NP())
			g.Run(func(p *Place) {
				s := p.SumFloat64(float64(p.ID() + 1))
				p.Barrier()
				m := p.MaxFloat64(float64(p.ID()))
				v := []float64{1, float64(p.ID())}
				p.SumFloat64s(v)
				out[p.ID()] = s + m + v[0]
			})
			n := float64(g.NP())
			want := n*(n+1)/2 + (n - 1) + n
			for i, o := range out {
				if o != want {
					t.Fatalf("np=%d place %d got %v want %v", np, i, o, want)
				}
			}
		}
		g.Close()
	}
}
