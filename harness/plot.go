package harness

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// series is one curve of a plot.
type series struct {
	label   string
	style   int  // index into styles: one per kernel
	fortran bool // the reference implementation: thin and lighter
	xs, ys  []float64
}

// style is how one kernel's curves look in every plot: colour, marker and
// dash pattern all differ from kernel to kernel, so two curves that meet
// or lie on the ideal line stay apart, and in black and white too.
type style struct {
	color  color.Color
	glyph  draw.GlyphDrawer
	dashes []vg.Length
}

// styles has a style for each of the seven NPB kernels and a variant
// (lu-hp), then repeats. The colours are Okabe and Ito's palette, told
// apart with the common colour-vision deficiencies.
var styles = []style{
	{color.RGBA{0, 114, 178, 255}, draw.CircleGlyph{}, nil},                                                                                           // blue
	{color.RGBA{213, 94, 0, 255}, draw.BoxGlyph{}, []vg.Length{vg.Points(6), vg.Points(2)}},                                                           // vermillion
	{color.RGBA{0, 158, 115, 255}, draw.PyramidGlyph{}, []vg.Length{vg.Points(2), vg.Points(2)}},                                                      // bluish green
	{color.RGBA{204, 121, 167, 255}, draw.CrossGlyph{}, []vg.Length{vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}},                          // reddish purple
	{color.RGBA{230, 159, 0, 255}, draw.RingGlyph{}, []vg.Length{vg.Points(1), vg.Points(1.5)}},                                                       // orange
	{color.RGBA{86, 180, 233, 255}, draw.SquareGlyph{}, []vg.Length{vg.Points(10), vg.Points(3)}},                                                     // sky blue
	{color.RGBA{0, 0, 0, 255}, draw.TriangleGlyph{}, []vg.Length{vg.Points(5), vg.Points(2), vg.Points(1), vg.Points(2)}},                             // black
	{color.RGBA{170, 150, 0, 255}, draw.PlusGlyph{}, []vg.Length{vg.Points(4), vg.Points(1), vg.Points(1), vg.Points(1), vg.Points(1), vg.Points(1)}}, // olive
}

// kernelStyles gives every kernel of pts its style, the same in every
// plot of the sweep.
func kernelStyles(pts []Point) map[string]int {
	m := map[string]int{}
	for _, p := range pts {
		if _, ok := m[p.Kernel]; !ok {
			m[p.Kernel] = len(m)
		}
	}
	return m
}

// speedupSeries makes one curve per kernel of one implementation from
// the points with a speedup.
func speedupSeries(pts []Point, impl string, styles map[string]int, suffix string) []series {
	var out []series
	for _, p := range pts {
		if p.Impl != impl || p.Places == 0 || math.IsNaN(p.Speedup) || math.IsInf(p.Speedup, 0) {
			continue
		}
		n := len(out)
		if n == 0 || out[n-1].label != strings.ToUpper(p.Kernel)+suffix {
			out = append(out, series{label: strings.ToUpper(p.Kernel) + suffix, style: styles[p.Kernel], fortran: impl != ImplGo})
			n++
		}
		out[n-1].xs = append(out[n-1].xs, float64(p.Places))
		out[n-1].ys = append(out[n-1].ys, p.Speedup)
	}
	return out
}

// speedupPlot draws speedup against place count, with the ideal
// (speedup = places) as a grey line over the curves, so that a kernel
// scaling perfectly does not hide it. The x axis starts at the first
// place count.
func speedupPlot(title string, ss []series) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "places (threads)"
	p.Y.Label.Text = "speedup over 1 place"
	top, first := 1.0, math.Inf(1)
	for _, s := range ss {
		for i := range s.xs {
			top = max(top, s.xs[i], s.ys[i])
			first = min(first, s.xs[i])
		}
	}
	if math.IsInf(first, 1) {
		first = 1
	}
	addSeries(p, ss)
	ideal, _ := plotter.NewLine(plotter.XYs{{X: first, Y: first}, {X: top, Y: top}})
	ideal.Color = color.Gray{Y: 150}
	ideal.Width = vg.Points(0.75)
	ideal.Dashes = []vg.Length{vg.Points(1), vg.Points(3)}
	p.Add(ideal)
	p.Legend.Add("ideal", ideal)
	pad := (top - first) * 0.04
	if pad == 0 {
		pad = 0.1
	}
	p.X.Min, p.Y.Min = first-pad, 0
	p.X.Max, p.Y.Max = top+pad, top*1.04
	p.X.Tick.Marker = placeTicks(nil, first, top)
	p.Y.Tick.Marker = placeTicks(nil, 0, top)
	p.Add(plotter.NewGrid())
	p.Legend.Top, p.Legend.Left = true, true
	return p
}

func addSeries(p *plot.Plot, ss []series) {
	for _, s := range ss {
		xy := make(plotter.XYs, len(s.xs))
		for i := range s.xs {
			xy[i].X, xy[i].Y = s.xs[i], s.ys[i]
		}
		l, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			continue // a NaN slipped through: leave the curve out, not the plot
		}
		st := styles[s.style%len(styles)]
		l.Color, pts.Color = st.color, st.color
		l.Width = vg.Points(1.5)
		l.Dashes = st.dashes
		pts.Shape = st.glyph
		pts.Radius = vg.Points(3)
		if s.fortran {
			// The other implementation: the kernel's colour and marker,
			// a thin lighter line.
			r, g, b, _ := st.color.RGBA()
			c := color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 150}
			l.Color, pts.Color = c, c
			l.Width = vg.Points(0.75)
			pts.Radius = vg.Points(2.5)
		}
		p.Add(l, pts)
		p.Legend.Add(s.label, l, pts)
	}
}

// placeTicks labels an axis at the place counts from first to top (at
// 0, 1, 2, … when labels are given, for categorical axes).
func placeTicks(labels []string, first, top float64) plot.Ticker {
	if labels != nil {
		ts := make(plot.ConstantTicks, len(labels))
		for i, l := range labels {
			ts[i] = plot.Tick{Value: float64(i), Label: l}
		}
		return ts
	}
	var ts plot.ConstantTicks
	step := 1
	for (top-first)/float64(step) > 16 {
		step *= 2
	}
	lo := int(math.Ceil(first))
	for x := lo; x <= int(top); x += step {
		ts = append(ts, plot.Tick{Value: float64(x), Label: strconv.Itoa(x)})
	}
	return ts
}

// timesPlot draws median time against place count on a log scale, the
// place counts evenly spaced (S, 1, 2, 4, …).
func timesPlot(title string, pts []Point, styles map[string]int) *plot.Plot {
	var places []int
	for _, p := range pts {
		if !slices.Contains(places, p.Places) {
			places = append(places, p.Places)
		}
	}
	slices.Sort(places)
	labels := make([]string, len(places))
	for i, n := range places {
		labels[i] = PlacesLabel(n)
	}
	var ss []series
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		t := p.Time.Median
		if math.IsNaN(t) || t <= 0 {
			continue
		}
		label := strings.ToUpper(p.Kernel)
		if p.Impl != ImplGo {
			label += " (" + p.Impl + ")"
		}
		n := len(ss)
		if n == 0 || ss[n-1].label != label {
			ss = append(ss, series{label: label, style: styles[p.Kernel], fortran: p.Impl != ImplGo})
			n++
		}
		ss[n-1].xs = append(ss[n-1].xs, float64(slices.Index(places, p.Places)))
		ss[n-1].ys = append(ss[n-1].ys, t)
		lo, hi = min(lo, t), max(hi, t)
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "places (S = serial)"
	p.Y.Label.Text = "median time (s)"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.TickerFunc(logTicks)
	addSeries(p, ss)
	if len(ss) > 0 {
		// Explicit limits: gonum would widen a single value's range by ±1,
		// below zero, which a log axis cannot show.
		p.Y.Min, p.Y.Max = lo/1.25, hi*1.25
	}
	// The axis ends just past the last point; the legend sits at the
	// top right, above the fast many-place points.
	p.X.Min, p.X.Max = -0.3, float64(len(places)-1)+0.3
	p.X.Tick.Marker = placeTicks(labels, 0, 0)
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	return p
}

// logTicks labels a log axis at 1, 2 and 5 times powers of ten (only at
// the powers when the range spans many decades), with unlabelled minor
// ticks between.
func logTicks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi >= lo) {
		return nil
	}
	first, last := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	major := []float64{1, 2, 5}
	if last-first > 3 {
		major = []float64{1}
	}
	var ts []plot.Tick
	for e := first; e <= last; e++ {
		for m := 1.0; m < 10; m++ {
			v := m * math.Pow(10, float64(e))
			if v < lo*0.999 || v > hi*1.001 {
				continue
			}
			t := plot.Tick{Value: v}
			if slices.Contains(major, m) {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ts = append(ts, t)
		}
	}
	return ts
}

// savePlot writes a plot atomically in the format of the file's extension.
func savePlot(p *plot.Plot, path string) (err error) {
	// gonum/plot panics on data it cannot draw; a plot is not worth the
	// tables of a sweep.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("harness: cannot draw %s: %v", path, r)
		}
	}()
	format := strings.TrimPrefix(filepath.Ext(path), ".")
	wt, err := p.WriterTo(7*vg.Inch, 4.5*vg.Inch, format)
	if err != nil {
		return err
	}
	return writeAtomic(path, func(w io.Writer) error {
		_, err := wt.WriteTo(w)
		return err
	})
}

// writePlots writes speedup.svg, speedup.png and times.svg of a sweep;
// nothing when no run verified.
func writePlots(dir, title string, pts []Point) error {
	st := kernelStyles(pts)
	var ss []series
	ss = append(ss, speedupSeries(pts, ImplGo, st, "")...)
	ss = append(ss, speedupSeries(pts, ImplFortran, st, " (Fortran)")...)
	if len(ss) > 0 {
		sp := speedupPlot("Speedup: "+title, ss)
		for _, name := range []string{"speedup.svg", "speedup.png"} {
			if err := savePlot(sp, filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	for _, p := range pts {
		if p.Time.N > 0 {
			return savePlot(timesPlot("Times: "+title, pts, st), filepath.Join(dir, "times.svg"))
		}
	}
	return nil
}
