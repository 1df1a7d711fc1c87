package harness

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"npbgo/npb"
)

// WorkModel gives a kernel's work at a class by its own models
// (npb.Kernel.Work for the machine's last-level cache); ok is false when
// the kernel or its model is unknown. The CLI sets it: the harness does
// not link the kernels.
type WorkModel func(kernel, class string) (w npb.Work, ok bool)

// roofPoint is one point of a sweep against the machine's ceiling.
type roofPoint struct {
	Impl, Kernel, Class string
	Places              int
	Work                npb.Work
	Seconds             float64 // median
	// GOps and GBs are what the point achieved by the models: NPB's
	// operations and the modelled bytes over the median time.
	GOps, GBs float64
	// CeilGBs and CeilGFlops are the probe's at the point's place count
	// (1 for the serial point); zero when not measured.
	CeilGBs, CeilGFlops float64
	// MemFrac and FpFrac are the fractions of the two ceilings reached
	// (NaN when there is no such ceiling or no such use of it).
	MemFrac, FpFrac float64
}

// Bound is the ceiling the point is closest to: "memory" or "compute",
// with the fraction reached; "" when neither is known.
func (r roofPoint) Bound() (string, float64) {
	switch {
	case finite(r.MemFrac) && (!finite(r.FpFrac) || r.MemFrac >= r.FpFrac):
		return "memory", r.MemFrac
	case finite(r.FpFrac):
		return "compute", r.FpFrac
	}
	return "", math.NaN()
}

// ceiling is the probe's best bandwidth and flop rate at np places over
// its measurements (before and after the runs).
func ceiling(sc []Scaling, np int) (gbs, gflops float64) {
	for _, p := range sc {
		if p.Places == max(np, 1) {
			gbs, gflops = max(gbs, p.MemoryGBs), max(gflops, p.ComputeGFlops)
		}
	}
	return gbs, gflops
}

// roofPoints places every point with a verified time and a work model
// against the ceiling the probe measured.
func (s *Sweep) roofPoints(pts []Point) []roofPoint {
	if s.Model == nil {
		return nil
	}
	var sc []Scaling
	if s.Env != nil {
		sc = s.Env.Scaling
	}
	var out []roofPoint
	for _, p := range pts {
		t := p.Time.Median
		if p.Time.N == 0 || !(t > 0) {
			continue
		}
		w, ok := s.Model(p.Kernel, p.Class)
		if !ok {
			continue
		}
		r := roofPoint{Impl: p.Impl, Kernel: p.Kernel, Class: p.Class, Places: p.Places, Work: w, Seconds: t,
			GOps: w.Ops / t / 1e9, GBs: w.Bytes / t / 1e9, MemFrac: math.NaN(), FpFrac: math.NaN()}
		r.CeilGBs, r.CeilGFlops = ceiling(sc, p.Places)
		if r.CeilGBs > 0 && w.Bytes > 0 {
			r.MemFrac = r.GBs / r.CeilGBs
		}
		if r.CeilGFlops > 0 && w.Flops {
			r.FpFrac = r.GOps / r.CeilGFlops
		}
		out = append(out, r)
	}
	return out
}

// WriteCeiling writes speedup.md's section on the ceiling: each point's
// operation and modelled byte rates and the fraction of the ceiling it is
// closest to.
func writeCeiling(w io.Writer, rps []roofPoint) {
	if len(rps) == 0 {
		return
	}
	fmt.Fprintln(w, "\n## Against the machine's ceiling")
	fmt.Fprintln(w, "\nGop/s = NPB's operation count (the report's Mop/s) ÷ median time; GB/s = the kernel's model of the bytes its timed region moves (npb.Problem.Traffic, for this machine's last-level cache) ÷ median time; op/B = their ratio, the arithmetic intensity. Bound = the ceiling the point is closest to, and the fraction of it reached: memory = GB/s ÷ the probe's triad GB/s, compute = Gop/s ÷ the probe's GFLOP/s, both at the same place count (1 for S). IS counts keys and EP random numbers, not flops: they have no compute fraction, and EP, which moves no memory, none at all.")
	fmt.Fprintln(w)
	var rows [][]string
	for _, r := range rps {
		bound, frac := r.Bound()
		cell := "-"
		if bound != "" {
			cell = bound + " " + pctSign(frac)
		}
		gbs, ai := "-", "-"
		if r.Work.Bytes > 0 {
			gbs, ai = fmtSpread(r.GBs), fmtSpread(r.Work.Intensity())
		}
		rows = append(rows, []string{implKernel(r.Impl, r.Kernel), r.Class, PlacesLabel(r.Places), fmtSpread(r.GOps), gbs, ai, cell})
	}
	table(w, []string{"kernel", "class", "places", "Gop/s", "GB/s (model)", "op/B", "bound: fraction of ceiling"}, rows)
}

// rooflineFigure draws every point at its arithmetic intensity and
// operation rate under the probe's two ceilings at the largest place
// count (memory: GB/s × intensity, compute: GFLOP/s), log-log. A kernel
// keeps its marker; the place count is written beside each point, and
// Fortran's points are lighter.
func rooflineFigure(title string, rps []roofPoint, sc []Scaling, kstyles map[string]int) *figure {
	f := newFigure(title, "arithmetic intensity (operations per byte, by the kernels' models)", "Gop/s", plot.TickerFunc(logTicks), true)
	p := f.p
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.TickerFunc(logTicks)
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	var kernels []string
	var inCache []roofPoint // flops and no memory traffic: at the right edge
	for _, r := range rps {
		if r.Work.Flops && r.Work.Bytes == 0 && r.GOps > 0 {
			inCache = append(inCache, r)
			ylo, yhi = min(ylo, r.GOps), max(yhi, r.GOps)
		}
	}
	mark := func(r roofPoint, ai float64) {
		st := styles[kstyles[r.Kernel]%len(styles)]
		gs := draw.GlyphStyle{Color: st.color, Shape: st.glyph, Radius: vg.Points(3.5)}
		if r.Impl != ImplGo {
			gs.Color = lighter(st.color)
		}
		sp, _ := plotter.NewScatter(plotter.XYs{{X: ai, Y: r.GOps}})
		sp.GlyphStyle = gs
		p.Add(sp)
		lab, _ := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: ai, Y: r.GOps}}, Labels: []string{" " + PlacesLabel(r.Places)}})
		lab.Offset = vg.Point{X: vg.Points(4), Y: -vg.Points(3)}
		p.Add(lab)
		if !slices.Contains(kernels, r.Kernel) {
			kernels = append(kernels, r.Kernel)
			f.keys = append(f.keys, keyEntry{label: strings.ToUpper(r.Kernel), glyph: draw.GlyphStyle{Color: st.color, Shape: st.glyph, Radius: vg.Points(3.5)}})
		}
	}
	for _, r := range rps {
		if r.Work.Bytes > 0 && r.GOps > 0 {
			ai := r.Work.Intensity()
			xlo, xhi, ylo, yhi = min(xlo, ai), max(xhi, ai), min(ylo, r.GOps), max(yhi, r.GOps)
		}
	}
	np := 0
	for _, s := range sc {
		np = max(np, s.Places)
	}
	gbs, gflops := ceiling(sc, np)
	if math.IsInf(xlo, 1) {
		xlo, xhi = 0.1, 10
	}
	if math.IsInf(ylo, 1) {
		ylo, yhi = 0.01, 10
	}
	xlo, xhi = xlo/3, xhi*3
	edge := xhi // where the points in cache go, beyond the others
	if len(inCache) > 0 {
		xhi *= 8
	}
	if gbs > 0 && gflops > 0 {
		ridge := gflops / gbs
		xlo, xhi = min(xlo, ridge/3), max(xhi, ridge*3)
		yhi = max(yhi, gflops)
		ylo = min(ylo, gbs*xlo)
		roof, _ := plotter.NewLine(plotter.XYs{{X: xlo, Y: gbs * xlo}, {X: ridge, Y: gflops}, {X: xhi, Y: gflops}})
		roof.LineStyle = idealStyle
		p.Add(roof)
		f.keys = append(f.keys, keyEntry{label: fmt.Sprintf("ceiling at %d places", max(np, 1)), line: idealStyle})
		_, kind := peakKind(sc)
		f.notes = append(f.notes, fmt.Sprintf("slope: triad %s GB/s", fmtSpread(gbs)), fmt.Sprintf("roof: %s GFLOP/s (%s)", fmtSpread(gflops), kind))
	}
	for _, r := range rps {
		if r.Work.Bytes > 0 && r.GOps > 0 {
			mark(r, r.Work.Intensity())
		}
	}
	for _, r := range inCache {
		// one column per kernel, so that their place labels stay apart
		mark(r, edge*math.Pow(1.5, float64(1+kstyles[r.Kernel]%5)))
	}
	if len(inCache) > 0 {
		f.notes = append(f.notes, "right edge: no memory traffic", "by the model (in cache)")
	}
	p.X.Min, p.X.Max = xlo, xhi
	p.Y.Min, p.Y.Max = ylo/2, yhi*2
	if slices.ContainsFunc(rps, func(r roofPoint) bool { return r.Impl != ImplGo }) {
		f.notes = append(f.notes, "light: Fortran (NPB reference)")
	}
	f.notes = append(f.notes, "label: places", "IS: keys, EP: not drawn")
	return f
}

// writeRoofline writes roofline.svg and roofline.png when a point has
// a model.
func (s *Sweep) writeRoofline(dir, title string, pts []Point) error {
	rps := s.roofPoints(pts)
	if !slices.ContainsFunc(rps, func(r roofPoint) bool { return (r.Work.Bytes > 0 || r.Work.Flops) && r.GOps > 0 }) {
		return nil
	}
	var sc []Scaling
	if s.Env != nil {
		sc = s.Env.Scaling
	}
	return rooflineFigure(plotTitle("Roofline: each kernel under this machine's ceiling", title), rps, sc, kernelStyles(pts)).saveBoth(dir, "roofline")
}
