package harness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The sweep's web page, index.html: one self-contained file (the plots
// are inline SVG, the style is inline; no script, font or image is
// fetched) with the tables, the plots, the probe, the environment and the
// runs that did not verify, so that a sweep can be shared as one file.

// htmlTable is a Markdown table of the sweep's .md files, for the page.
type htmlTable struct {
	Header []string
	Rows   [][]string
}

// htmlSection is one heading of a .md file with its prose and tables.
type htmlSection struct {
	Heading string
	Level   int
	Text    []string
	Tables  []htmlTable
}

// htmlPlot is one plot, its SVG inline.
type htmlPlot struct {
	Name string
	SVG  template.HTML
}

type htmlPage struct {
	Title    string
	Verified string
	Failed   []string
	Sections []htmlSection
	Plots    []htmlPlot
	Env      string
}

// parseMarkdown reads the headings, paragraphs and tables of the
// Markdown the harness writes (nothing more general).
func parseMarkdown(md string) []htmlSection {
	var out []htmlSection
	cur := func() *htmlSection {
		if len(out) == 0 {
			out = append(out, htmlSection{})
		}
		return &out[len(out)-1]
	}
	var tbl *htmlTable
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "|") {
			tbl = nil
		}
		switch {
		case t == "":
		case strings.HasPrefix(t, "#"):
			lvl := len(t) - len(strings.TrimLeft(t, "#"))
			out = append(out, htmlSection{Heading: strings.TrimSpace(t[lvl:]), Level: min(lvl+1, 6)})
		case strings.HasPrefix(t, "|"):
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if tbl == nil {
				s := cur()
				s.Tables = append(s.Tables, htmlTable{Header: cells})
				tbl = &s.Tables[len(s.Tables)-1]
			} else if strings.Trim(strings.Join(cells, ""), "-:") != "" {
				tbl.Rows = append(tbl.Rows, cells)
			}
		default:
			s := cur()
			s.Text = append(s.Text, strings.ReplaceAll(t, "`", ""))
		}
	}
	return out
}

var pageTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>npb sweep: {{.Title}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:1.5em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.6em 0 1.2em}
th,td{border:1px solid #ccc;padding:.2em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f2f2f2}
.ok{color:#060}.bad{color:#a00}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:.8em;overflow:auto;font-size:12px}
</style></head><body>
<h1>npb sweep: {{.Title}}</h1>
<p id="verification" class="{{if .Failed}}bad{{else}}ok{{end}}">{{.Verified}}</p>
{{if .Failed}}<ul>{{range .Failed}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Sections}}{{if .Heading}}<h{{.Level}}>{{.Heading}}</h{{.Level}}>{{end}}
{{range .Text}}<p>{{.}}</p>{{end}}
{{range .Tables}}<table><thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody></table>{{end}}{{end}}
<h2>Plots</h2>
{{range .Plots}}<figure id="plot-{{.Name}}">{{.SVG}}<figcaption>{{.Name}}</figcaption></figure>
{{end}}
<h2>Environment</h2>
<pre id="env">{{.Env}}</pre>
</body></html>
`))

// writeHTML writes index.html into dir from the tables and SVG plots
// already written there.
func (s *Sweep) writeHTML(dir, title string, pts []Point) error {
	page := htmlPage{Title: title}
	nfail := 0
	for _, p := range pts {
		for _, r := range p.Failed {
			nfail++
			page.Failed = append(page.Failed, fmt.Sprintf("%s: %s: %s", describeRun(r), r.Status, r.Err))
		}
	}
	page.Verified = fmt.Sprintf("%d of %d runs verified.", len(s.Runs)-nfail, len(s.Runs))
	if nfail == 0 && len(s.Runs) > 0 {
		page.Verified = fmt.Sprintf("All %d runs verified.", len(s.Runs))
	}
	var md bytes.Buffer
	WriteTimes(&md, title, pts)
	md.WriteString("\n")
	s.writeSpeedup(&md, title, pts)
	page.Sections = parseMarkdown(md.String())
	for _, name := range []string{"speedup", "times", "roofline", "go-fortran"} {
		b, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			continue // a plot the sweep has no data for
		}
		svg := string(b)
		if i := strings.Index(svg, "<svg"); i > 0 { // drop the XML prolog
			svg = svg[i:]
		}
		page.Plots = append(page.Plots, htmlPlot{Name: name, SVG: template.HTML(svg)})
	}
	if s.Env != nil {
		b, _ := json.MarshalIndent(s.Env, "", "  ")
		page.Env = string(b)
	}
	return writeAtomic(filepath.Join(dir, "index.html"), func(w io.Writer) error {
		return pageTemplate.Execute(w, page)
	})
}
