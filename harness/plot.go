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
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"npbgo/runtime/places"
)

// series is one curve of a plot, with the spread of its runs at each
// point (lo[i] ≤ ys[i] ≤ hi[i]; nil when not known).
type series struct {
	label   string
	style   int  // index into styles: one per kernel
	fortran bool // the reference implementation: thin and lighter
	xs, ys  []float64
	lo, hi  []float64
}

// add appends a point and its spread (NaN: none).
func (s *series) add(x, y, lo, hi float64) {
	s.xs, s.ys = append(s.xs, x), append(s.ys, y)
	s.lo, s.hi = append(s.lo, lo), append(s.hi, hi)
}

// style is how one kernel's curves look in every plot: colour, marker and
// dash pattern all differ from kernel to kernel, so two curves that meet
// or lie on the ideal line stay apart, and in black and white too.
type style struct {
	color  color.Color
	glyph  draw.GlyphDrawer
	dashes []vg.Length
}

// styles has a style for each of the eight NPB benchmarks and a variant
// (lu-hp), then repeats. The colours are Okabe and Ito's palette, told
// apart with the common colour-vision deficiencies, and a grey.
var styles = []style{
	{color.RGBA{0, 114, 178, 255}, draw.CircleGlyph{}, nil},                                                                                           // blue
	{color.RGBA{213, 94, 0, 255}, draw.BoxGlyph{}, []vg.Length{vg.Points(6), vg.Points(2)}},                                                           // vermillion
	{color.RGBA{0, 158, 115, 255}, draw.PyramidGlyph{}, []vg.Length{vg.Points(2), vg.Points(2)}},                                                      // bluish green
	{color.RGBA{204, 121, 167, 255}, draw.CrossGlyph{}, []vg.Length{vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}},                          // reddish purple
	{color.RGBA{230, 159, 0, 255}, draw.RingGlyph{}, []vg.Length{vg.Points(1), vg.Points(1.5)}},                                                       // orange
	{color.RGBA{86, 180, 233, 255}, draw.SquareGlyph{}, []vg.Length{vg.Points(10), vg.Points(3)}},                                                     // sky blue
	{color.RGBA{0, 0, 0, 255}, draw.TriangleGlyph{}, []vg.Length{vg.Points(5), vg.Points(2), vg.Points(1), vg.Points(2)}},                             // black
	{color.RGBA{170, 150, 0, 255}, draw.PlusGlyph{}, []vg.Length{vg.Points(4), vg.Points(1), vg.Points(1), vg.Points(1), vg.Points(1), vg.Points(1)}}, // olive
	{color.RGBA{120, 120, 120, 255}, diamondGlyph{}, []vg.Length{vg.Points(12), vg.Points(3), vg.Points(1), vg.Points(3)}},                            // grey
}

// diamondGlyph is a filled square standing on a corner: a ninth marker,
// gonum/plot having eight.
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetColor(sty.Color)
	r := sty.Radius * 1.2
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// lineStyle and glyphStyle are how a series is drawn: Go thick, the
// reference implementation (Fortran) thin and lighter in the same colour,
// marker and dashes.
func (s series) lineStyle() draw.LineStyle {
	st := styles[s.style%len(styles)]
	ls := draw.LineStyle{Color: st.color, Width: vg.Points(1.75), Dashes: st.dashes}
	if s.fortran {
		ls.Color, ls.Width = lighter(st.color), vg.Points(0.9)
	}
	return ls
}

func (s series) glyphStyle() draw.GlyphStyle {
	st := styles[s.style%len(styles)]
	gs := draw.GlyphStyle{Color: st.color, Shape: st.glyph, Radius: vg.Points(3.25)}
	if s.fortran {
		gs.Color, gs.Radius = lighter(st.color), vg.Points(2.5)
	}
	return gs
}

// lighter is a colour at 60% opacity.
func lighter(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 153}
}

// idealStyle draws speedup = places: dark enough to read at a glance, in
// a dash no kernel has.
var idealStyle = draw.LineStyle{Color: color.Gray{Y: 70}, Width: vg.Points(1.1), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2.5)}}

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

// implSuffix labels the reference implementation's curves.
func implSuffix(impl string) string {
	if impl == ImplFortran {
		return " Fortran"
	}
	return ""
}

// speedupSeries makes one curve per kernel of one implementation from
// the points with a speedup, each with the spread of its runs.
func speedupSeries(pts []Point, impl string, styles map[string]int) []series {
	var out []series
	for _, p := range pts {
		if p.Impl != impl || p.Places == 0 || !finite(p.Speedup) {
			continue
		}
		label := strings.ToUpper(p.Kernel) + implSuffix(impl)
		n := len(out)
		if n == 0 || out[n-1].label != label {
			out = append(out, series{label: label, style: styles[p.Kernel], fortran: impl != ImplGo})
			n++
		}
		out[n-1].add(float64(p.Places), p.Speedup, p.SpeedupMin, p.SpeedupMax)
	}
	return out
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// keyEntry is one line of a figure's key: a sample of the curve's line
// and marker, and its label. An entry of a curve sits level with the
// curve's last point (x, y), joined to it by a thin leader, so that the
// key also labels the lines' ends.
type keyEntry struct {
	label string
	line  draw.LineStyle  // zero Width: no line sample
	glyph draw.GlyphStyle // nil Shape: no marker
	atEnd bool
	x, y  float64
}

// figure is a plot beside a column that holds its key: the key never
// covers the data, and its line samples are long enough to show every
// dash pattern whole. Notes are short lines under the key (what the
// bars and the thin lines mean).
type figure struct {
	p     *plot.Plot
	keys  []keyEntry
	notes []string
	bars  int // error-bar sets drawn: the spread of the runs
	// ylabel is the y axis's label, drawn by the figure beside the data
	// area: gonum centres it on the arithmetic middle of the axis's
	// range, near the top of a log axis, and pads the plot for it.
	ylabel string
}

// Figure size: 8 × 5 inches, a PNG at 120 dots per inch (960 × 600).
const (
	figW, figH = 8 * vg.Inch, 5 * vg.Inch
	figDPI     = 120
	sampleW    = vg.Length(30)
	keyGap     = vg.Length(6)
)

// keyStyle is the key's text: the legend's font, left-aligned, centred
// on its line.
func (f *figure) keyStyle() text.Style {
	sty := f.p.Legend.TextStyle
	sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
	return sty
}

// keyWidth is the width of the key column.
func (f *figure) keyWidth() vg.Length {
	sty := f.keyStyle()
	w := vg.Length(0)
	for _, k := range f.keys {
		w = max(w, sampleW+keyGap+sty.Width(k.label))
	}
	for _, n := range f.notes {
		w = max(w, sty.Width(n))
	}
	return w + 3*keyGap
}

// keySlots are the heights of the key's entries in c, the key column's
// canvas: an entry at a curve's end as near to its level as the entries
// around it allow, a line of text apart, the others from the top down.
func (f *figure) keySlots(top, bottom vg.Length, ends []vg.Length) []vg.Length {
	h := f.keyStyle().Height("Mg") + vg.Points(2)
	n := len(f.keys)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	want := make([]vg.Length, n)
	for i, k := range f.keys {
		want[i] = top - vg.Length(i)*h
		if k.atEnd {
			want[i] = ends[i]
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case want[a] > want[b]:
			return -1
		case want[a] < want[b]:
			return 1
		}
		return 0
	})
	y := make([]vg.Length, n)
	for j, i := range order { // down from the top, no closer than h
		y[i] = min(want[i], top)
		if j > 0 {
			y[i] = min(y[i], y[order[j-1]]-h)
		}
	}
	for j := n - 1; j >= 0; j-- { // and back up from the bottom
		i := order[j]
		if j == n-1 {
			y[i] = max(y[i], bottom)
		} else {
			y[i] = max(y[i], y[order[j+1]]+h)
		}
	}
	return y
}

// draw lays the figure out on c: the plot on the left, the key on the
// right.
func (f *figure) draw(c draw.Canvas) {
	kw := f.keyWidth()
	lsty := f.p.Y.Label.TextStyle
	lsty.Rotation, lsty.XAlign, lsty.YAlign = math.Pi/2, text.XCenter, text.YTop
	lw := lsty.Height(f.ylabel) + vg.Points(4)
	left := draw.Crop(c, lw, -kw, 0, 0)
	f.p.Draw(left)
	da := f.p.DataCanvas(left)
	c.FillText(lsty, vg.Point{X: c.Min.X + vg.Points(2), Y: (da.Min.Y + da.Max.Y) / 2}, f.ylabel)
	fx, fy := f.p.Transforms(&da)
	sty := f.keyStyle()
	h := sty.Height("Mg") + vg.Points(2)
	x0 := left.Max.X + 2*keyGap
	ends := make([]vg.Length, len(f.keys))
	for i, k := range f.keys {
		if k.atEnd {
			ends[i] = min(max(fy(k.y), da.Min.Y), da.Max.Y)
		}
	}
	bottom := da.Min.Y + vg.Length(len(f.notes))*h
	ys := f.keySlots(da.Max.Y, bottom, ends)
	for i, k := range f.keys {
		y := ys[i]
		if k.atEnd {
			leader := draw.LineStyle{Color: color.Gray{Y: 170}, Width: vg.Points(0.5)}
			if k.line.Color != nil {
				leader.Color = lighter(k.line.Color)
			}
			c.StrokeLine2(leader, min(fx(k.x), da.Max.X)+vg.Points(4), ends[i], x0-vg.Points(2), y)
		}
		if k.line.Width > 0 {
			c.StrokeLine2(k.line, x0, y, x0+sampleW, y)
		}
		if k.glyph.Shape != nil {
			c.DrawGlyphNoClip(k.glyph, vg.Point{X: x0 + sampleW/2, Y: y})
		}
		c.FillText(sty, vg.Point{X: x0 + sampleW + keyGap, Y: y}, k.label)
	}
	note := sty
	note.Color = color.Gray{Y: 90}
	for i, n := range f.notes {
		c.FillText(note, vg.Point{X: x0, Y: da.Min.Y + vg.Length(len(f.notes)-1-i)*h}, n)
	}
}

// save writes the figure atomically in the format of the file's
// extension (svg or png).
func (f *figure) save(path string) (err error) {
	// gonum/plot panics on data it cannot draw; a plot is not worth the
	// tables of a sweep.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("harness: cannot draw %s: %v", path, r)
		}
	}()
	var c vg.CanvasWriterTo
	switch ext := filepath.Ext(path); ext {
	case ".svg":
		c = vgsvg.New(figW, figH)
	case ".png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(figW, figH), vgimg.UseDPI(figDPI))}
	default:
		return fmt.Errorf("harness: cannot draw %s: unknown format %q", path, ext)
	}
	f.draw(draw.New(c))
	return writeAtomic(path, func(w io.Writer) error {
		_, err := c.WriteTo(w)
		return err
	})
}

// saveBoth writes the figure as name.svg and name.png in dir.
func (f *figure) saveBoth(dir, name string) error {
	for _, ext := range []string{".svg", ".png"} {
		if err := f.save(filepath.Join(dir, name+ext)); err != nil {
			return err
		}
	}
	return nil
}

// newFigure is an empty figure with a grid: its title, the axes' labels,
// the y axis's ticks and scale (log or linear).
func newFigure(title, xlabel, ylabel string, yticks plot.Ticker, logY bool) *figure {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	if logY {
		p.Y.Scale = plot.LogScale{}
	}
	p.Y.Tick.Marker = yticks
	p.Add(plotter.NewGrid())
	return &figure{p: p, ylabel: ylabel}
}

// addSeries draws each series (its spread as bars, then its line and
// markers) and gives it a key entry at its last point.
func (f *figure) addSeries(ss []series) {
	for _, s := range ss {
		xy := make(plotter.XYs, len(s.xs))
		var bars plotter.XYs
		var errs plotter.YErrors
		for i := range s.xs {
			xy[i].X, xy[i].Y = s.xs[i], s.ys[i]
			if i < len(s.lo) && finite(s.lo[i]) && finite(s.hi[i]) && s.hi[i] > s.lo[i] {
				bars = append(bars, xy[i])
				errs = append(errs, struct{ Low, High float64 }{s.ys[i] - s.lo[i], s.hi[i] - s.ys[i]})
			}
		}
		l, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			continue // a NaN slipped through: leave the curve out, not the plot
		}
		if len(bars) > 0 {
			eb := &plotter.YErrorBars{XYs: bars, YErrors: errs, CapWidth: vg.Points(5)}
			eb.LineStyle = s.lineStyle()
			eb.LineStyle.Dashes, eb.LineStyle.Width = nil, vg.Points(0.9)
			f.p.Add(eb)
			f.bars++
		}
		l.LineStyle, pts.GlyphStyle = s.lineStyle(), s.glyphStyle()
		f.p.Add(l, pts)
		n := len(s.xs) - 1
		f.keys = append(f.keys, keyEntry{label: s.label, line: l.LineStyle, glyph: pts.GlyphStyle, atEnd: true, x: s.xs[n], y: s.ys[n]})
	}
}

// notesFor says what the thin lines and the bars of a figure mean, in
// lines short enough for the key's column.
func notesFor(ss []series, more ...string) []string {
	var notes []string
	if slices.ContainsFunc(ss, func(s series) bool { return s.fortran }) {
		notes = append(notes, "thin: Fortran (NPB reference)")
	}
	return append(append(notes, "bars: fastest to slowest run"), more...)
}

// speedupFigure draws speedup against place count: each kernel's curve
// with the spread of its runs as bars, and the ideal (speedup = places)
// up to the last place count. The y axis is zoomed to the data (and to
// the ideal where it is not far above them), with minor ticks.
func speedupFigure(title string, ss []series) *figure {
	f := newFigure(title, "places (threads)", "speedup over 1 place", plot.TickerFunc(linearTicks), false)
	p := f.p
	first, last := math.Inf(1), math.Inf(-1)
	lo, hi := 1.0, 1.0
	for _, s := range ss {
		for i := range s.xs {
			first, last = min(first, s.xs[i]), max(last, s.xs[i])
			lo, hi = min(lo, s.ys[i]), max(hi, s.ys[i])
			if finite(s.lo[i]) && finite(s.hi[i]) {
				lo, hi = min(lo, s.lo[i]), max(hi, s.hi[i])
			}
		}
	}
	if math.IsInf(first, 1) {
		first, last = 1, 1
	}
	// The ideal's end is shown when the data reach within a quarter of
	// it; beyond that it leaves the plot at the top.
	top := max(hi, min(last, 1.25*hi))
	pad := (top - lo) * 0.05
	if pad == 0 {
		pad = 0.1
	}
	p.Y.Min, p.Y.Max = max(0, lo-pad), top+pad
	xpad := max((last-first)*0.04, 0.1)
	p.X.Min, p.X.Max = first-xpad, last+xpad
	p.X.Tick.Marker = placeTicks(nil, first, last)
	f.addSeries(dodge(ss, (last-first)*0.006))
	ideal, _ := plotter.NewLine(plotter.XYs{{X: first, Y: first}, {X: last, Y: last}})
	ideal.LineStyle = idealStyle
	p.Add(ideal) // over the curves: a kernel on the ideal does not hide it
	f.keys = append(f.keys, keyEntry{label: "ideal", line: idealStyle, atEnd: true, x: last, y: last})
	f.notes = notesFor(ss)
	return f
}

// dodge moves each series a little to the side of the next, by step
// times its distance from the middle, so that curves that meet (every
// one at 1 place) keep their markers and bars apart.
func dodge(ss []series, step float64) []series {
	out := make([]series, len(ss))
	for i, s := range ss {
		d := step * (float64(i) - float64(len(ss)-1)/2)
		s.xs = slices.Clone(s.xs)
		for j := range s.xs {
			s.xs[j] += d
		}
		out[i] = s
	}
	return out
}

// linearTicks labels a linear axis at a round step (1, 2 or 5 times a
// power of ten) giving four to eight labels, with unlabelled minor ticks
// at a fifth (a quarter for a step of 2) of it.
func linearTicks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return nil
	}
	step := math.Pow(10, math.Floor(math.Log10(hi-lo)))
	for _, m := range []float64{0.1, 0.2, 0.5, 1} {
		if (hi-lo)/(step*m) <= 8 {
			step *= m
			break
		}
	}
	minor := step / 5
	if d := step / math.Pow(10, math.Floor(math.Log10(step))); math.Abs(d-2) < 1e-9 {
		minor = step / 4
	}
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	var ts []plot.Tick
	for i := math.Ceil(lo/minor - 1e-9); i*minor <= hi+1e-9*minor; i++ {
		v := i * minor
		if v == 0 {
			v = 0 // not -0, which would be labelled "-0.0"
		}
		t := plot.Tick{Value: v}
		if k := v / step; math.Abs(k-math.Round(k)) < 1e-6 {
			t.Label = strconv.FormatFloat(v, 'f', decimals, 64)
		}
		ts = append(ts, t)
	}
	return ts
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

// opCounts are each (kernel, class)'s operations, from a Go run that has
// both a time and Mop/s at full precision: what turns a Mop/s read from
// an NPB log into a time with more digits than the log's two decimals.
func opCounts(pts []Point) map[kc]float64 {
	ops := map[kc]float64{}
	for _, p := range pts {
		if !p.LogTime && p.Time.Median > 0 && p.Mops.Median > 0 {
			ops[kc{p.Kernel, p.Class}] = p.Time.Median * p.Mops.Median
		}
	}
	return ops
}

// pointTime is a point's median time and its spread for a plot. A time
// read from a log (two decimals; a class-S Fortran run prints 0.00) is
// taken from its Mop/s and the kernel's operation count when one is known.
func pointTime(p Point, ops map[kc]float64) (t, lo, hi float64) {
	if op, ok := ops[kc{p.Kernel, p.Class}]; ok && p.LogTime && p.Mops.Median > 0 {
		return op / p.Mops.Median, op / p.Mops.Max, op / p.Mops.Min
	}
	return p.Time.Median, p.Time.Min, p.Time.Max
}

// timesFigure draws median time against place count on a log scale, the
// place counts evenly spaced (S, 1, 2, 4, …), with the spread of the runs.
func timesFigure(title string, pts []Point, styles map[string]int) *figure {
	var counts []places.Count
	for _, p := range pts {
		if !slices.Contains(counts, p.Places) {
			counts = append(counts, p.Places)
		}
	}
	slices.Sort(counts)
	labels := make([]string, len(counts))
	for i, n := range counts {
		labels[i] = n.String()
	}
	ops := opCounts(pts)
	var ss []series
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		t, tlo, thi := pointTime(p, ops)
		if !(t > 0) || !finite(t) {
			continue
		}
		label := strings.ToUpper(p.Kernel) + implSuffix(p.Impl)
		n := len(ss)
		if n == 0 || ss[n-1].label != label {
			ss = append(ss, series{label: label, style: styles[p.Kernel], fortran: p.Impl != ImplGo})
			n++
		}
		ss[n-1].add(float64(slices.Index(counts, p.Places)), t, tlo, thi)
		lo, hi = min(lo, t), max(hi, t)
		if tlo > 0 && finite(thi) {
			lo, hi = min(lo, tlo), max(hi, thi)
		}
	}
	f := newFigure(title, "places (S = serial)", "median time (s)", plot.TickerFunc(logTicks), true)
	p := f.p
	f.addSeries(dodge(ss, 0.012))
	if len(ss) > 0 {
		// Explicit limits: gonum would widen a single value's range by ±1,
		// below zero, which a log axis cannot show.
		p.Y.Min, p.Y.Max = lo/1.25, hi*1.25
	}
	p.X.Min, p.X.Max = -0.3, float64(len(counts)-1)+0.3
	p.X.Tick.Marker = placeTicks(labels, 0, 0)
	var more []string
	for _, q := range pts {
		if _, ok := ops[kc{q.Kernel, q.Class}]; ok && q.LogTime {
			// NPB prints 0.00 for a short run.
			more = []string{"Fortran times from its Mop/s"}
			break
		}
	}
	f.notes = notesFor(ss, more...)
	return f
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
	labelled := 0
	for e := first; e <= last; e++ {
		for m := 1.0; m < 10; m++ {
			v := m * math.Pow(10, float64(e))
			if v < lo*0.999 || v > hi*1.001 {
				continue
			}
			t := plot.Tick{Value: v}
			if slices.Contains(major, m) {
				t.Label = strconv.FormatFloat(v, 'g', 6, 64)
				labelled++
			}
			ts = append(ts, t)
		}
	}
	if labelled < 3 { // a narrow range: label every tick
		for i := range ts {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', 6, 64)
		}
	}
	return ts
}

// placeStyles tell place counts apart in the ratio figure: markers and
// colours of their own, not a kernel's.
var placeStyles = []draw.GlyphStyle{
	{Color: color.RGBA{0, 114, 178, 255}, Shape: draw.CircleGlyph{}, Radius: vg.Points(3.5)},
	{Color: color.RGBA{213, 94, 0, 255}, Shape: draw.BoxGlyph{}, Radius: vg.Points(3.5)},
	{Color: color.RGBA{0, 158, 115, 255}, Shape: draw.PyramidGlyph{}, Radius: vg.Points(3.5)},
	{Color: color.RGBA{204, 121, 167, 255}, Shape: draw.TriangleGlyph{}, Radius: vg.Points(3.5)},
	{Color: color.RGBA{0, 0, 0, 255}, Shape: draw.CrossGlyph{}, Radius: vg.Points(3.5)},
	{Color: color.RGBA{230, 159, 0, 255}, Shape: draw.RingGlyph{}, Radius: vg.Points(3.5)},
}

// ratioFigure draws Go time ÷ Fortran time for every kernel (along x)
// and place count (side by side within a kernel, each its own marker),
// with the spread of the runs (the slowest Go run over the fastest
// Fortran run, and the other way round) and 1.0, the same speed, marked:
// above it Go is slower. The axis is logarithmic, so 2× slower and 2×
// faster lie as far from 1.
func ratioFigure(title string, rows []CompareRow) *figure {
	var kernels []string
	var places []places.Count
	for _, r := range rows {
		if !finite(r.Ratio) || r.Ratio <= 0 {
			continue
		}
		if !slices.Contains(kernels, r.Kernel) {
			kernels = append(kernels, r.Kernel)
		}
		if !slices.Contains(places, r.Places) {
			places = append(places, r.Places)
		}
	}
	slices.Sort(places)
	f := newFigure(title, "kernel", "Go time ÷ Fortran time (above 1: Go is slower)", plot.TickerFunc(ratioTicks), true)
	p := f.p
	lo, hi := 1.0, 1.0
	width := 0.6 // of a kernel's slot, shared by its place counts
	for j, np := range places {
		gs := placeStyles[j%len(placeStyles)]
		var xy, bars plotter.XYs
		var errs plotter.YErrors
		for _, r := range rows {
			i := slices.Index(kernels, r.Kernel)
			if r.Places != np || i < 0 || !finite(r.Ratio) || r.Ratio <= 0 {
				continue
			}
			x := float64(i)
			if len(places) > 1 {
				x += width * (float64(j)/float64(len(places)-1) - 0.5)
			}
			xy = append(xy, plotter.XY{X: x, Y: r.Ratio})
			lo, hi = min(lo, r.Ratio), max(hi, r.Ratio)
			if rlo, rhi := ratioSpread(r); rhi > rlo && rlo > 0 {
				bars = append(bars, plotter.XY{X: x, Y: r.Ratio})
				errs = append(errs, struct{ Low, High float64 }{r.Ratio - rlo, rhi - r.Ratio})
				lo, hi = min(lo, rlo), max(hi, rhi)
			}
		}
		if len(bars) > 0 {
			eb := &plotter.YErrorBars{XYs: bars, YErrors: errs, CapWidth: vg.Points(5)}
			eb.LineStyle = draw.LineStyle{Color: gs.Color, Width: vg.Points(0.9)}
			p.Add(eb)
			f.bars++
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			continue
		}
		sc.GlyphStyle = gs
		p.Add(sc)
		label := np.String() + " places"
		if np == 1 {
			label = "1 place"
		}
		f.keys = append(f.keys, keyEntry{label: label, glyph: gs})
	}
	same, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 1}, {X: float64(len(kernels)) - 0.5, Y: 1}})
	same.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.25)}
	p.Add(same)
	f.keys = append(f.keys, keyEntry{label: "1.0: the same speed", line: same.LineStyle})
	labels := make([]string, len(kernels))
	for i, k := range kernels {
		labels[i] = strings.ToUpper(k)
	}
	p.X.Tick.Marker = placeTicks(labels, 0, 0)
	p.X.Min, p.X.Max = -0.5, float64(len(kernels))-0.5
	p.Y.Min, p.Y.Max = lo/1.15, hi*1.15
	f.notes = []string{"bars: fastest to slowest", "Go run against the other", "side's slowest and fastest"}
	return f
}

// ratioSpread is the range of a row's Go ÷ Fortran over its runs: the
// fastest Go run against the slowest Fortran run, and the other way round
// (from Mop/s, as the ratio is, where both sides have it).
func ratioSpread(r CompareRow) (lo, hi float64) {
	g, f := r.Go, r.Fortran
	if g.Mops.N > 0 && f.Mops.N > 0 && g.Mops.Min > 0 && f.Mops.Min > 0 {
		return f.Mops.Min / g.Mops.Max, f.Mops.Max / g.Mops.Min
	}
	if g.Time.N > 0 && f.Time.N > 0 && f.Time.Min > 0 && f.Time.Max > 0 {
		return g.Time.Min / f.Time.Max, g.Time.Max / f.Time.Min
	}
	return math.NaN(), math.NaN()
}

// ratioTicks labels a ratio's log axis as logTicks does, and always at
// 1, 2 and 5 times a power of ten (0.5, 1, 2 …): the factors a reader
// looks for either side of the same speed.
func ratioTicks(lo, hi float64) []plot.Tick {
	ts := logTicks(lo, hi)
	for i, t := range ts {
		m := t.Value / math.Pow(10, math.Floor(math.Log10(t.Value)+1e-9))
		for _, f := range []float64{1, 2, 5} {
			if math.Abs(m-f) < 1e-6 {
				ts[i].Label = strconv.FormatFloat(t.Value, 'g', 6, 64)
			}
		}
	}
	return ts
}

// plotTitle is a figure's title: what it shows, and under it the sweep
// (class, repetitions) and the machine (CPU model, CPUs, host).
func plotTitle(what, sweep string) string {
	return what + "\n" + sweep
}

// writePlots writes the plots of a sweep into dir, each as SVG and PNG:
// speedup (when a point has one), times (when a run verified) and, when
// the sweep ran NPB's binaries too, Go ÷ Fortran.
func writePlots(dir, title string, pts []Point) error {
	st := kernelStyles(pts)
	ss := append(speedupSeries(pts, ImplGo, st), speedupSeries(pts, ImplFortran, st)...)
	if len(ss) > 0 {
		what := "Speedup over 1 place"
		if slices.ContainsFunc(ss, func(s series) bool { return s.fortran }) {
			what += ": Go and Fortran"
		}
		if err := speedupFigure(plotTitle(what, title), ss).saveBoth(dir, "speedup"); err != nil {
			return err
		}
	}
	if slices.ContainsFunc(pts, func(p Point) bool { return p.Time.N > 0 }) {
		if err := timesFigure(plotTitle("Median time", title), pts, st).saveBoth(dir, "times"); err != nil {
			return err
		}
	}
	return writeRatio(dir, "go-fortran", title, comparePoints(pts))
}

// writeRatio writes the Go ÷ Fortran figure of rows as name.svg and
// name.png, if a row has both sides.
func writeRatio(dir, name, title string, rows []CompareRow) error {
	if !slices.ContainsFunc(rows, func(r CompareRow) bool { return finite(r.Ratio) && r.Ratio > 0 }) {
		return nil
	}
	return ratioFigure(plotTitle("Go time ÷ Fortran time, per kernel and place count", title), rows).saveBoth(dir, name)
}
