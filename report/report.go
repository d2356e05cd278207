// Package report renders one assess.Results value into every output format
// Tollgate writes: OSCAL assessment results, the auditor workbook, SARIF,
// JUnit, results.json, a Markdown summary and an HTML report. Each format lives in its own
// sub-package and reads only the Results; this package is their registry
// and writes a set of them, with the evidence bundle, all or nothing.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	htmlreport "github.com/tollgate-dev/tollgate/report/html"
	jsonreport "github.com/tollgate-dev/tollgate/report/json"
	"github.com/tollgate-dev/tollgate/report/junit"
	"github.com/tollgate-dev/tollgate/report/markdown"
	"github.com/tollgate-dev/tollgate/report/oscal"
	"github.com/tollgate-dev/tollgate/report/sarif"
	"github.com/tollgate-dev/tollgate/report/xlsx"
)

// Options carries each format's options.
type Options struct {
	OSCAL    oscal.Options
	XLSX     xlsx.Options
	SARIF    sarif.Options
	JUnit    junit.Options
	JSON     jsonreport.Options
	Markdown markdown.Options
	HTML     htmlreport.Options
}

// Format is one output format.
type Format struct {
	// Name is what users pass to --format.
	Name string
	// File is the file name the format is written to.
	File string
	// Description says what the file is, for help texts.
	Description string
	write       func(io.Writer, *assess.Results, Options) error
}

var registry = []Format{
	{Name: "oscal", File: "assessment-results.json", Description: "OSCAL 1.1.3 assessment results",
		write: func(w io.Writer, r *assess.Results, o Options) error { return oscal.Write(w, r, o.OSCAL) }},
	{Name: "poam", File: "poam.json", Description: "OSCAL 1.1.3 plan of action and milestones",
		write: func(w io.Writer, r *assess.Results, o Options) error { return oscal.WritePOAM(w, r, o.OSCAL) }},
	{Name: "xlsx", File: "tollgate-report.xlsx", Description: "auditor workbook",
		write: func(w io.Writer, r *assess.Results, o Options) error { return xlsx.Write(w, r, o.XLSX) }},
	{Name: "sarif", File: "tollgate.sarif", Description: "SARIF 2.1.0 for code scanning",
		write: func(w io.Writer, r *assess.Results, o Options) error { return sarif.Write(w, r, o.SARIF) }},
	{Name: "junit", File: "junit.xml", Description: "JUnit XML for CI test reports",
		write: func(w io.Writer, r *assess.Results, o Options) error { return junit.Write(w, r, o.JUnit) }},
	{Name: "json", File: "results.json", Description: "stable machine-readable results (docs/results-json.md)",
		write: func(w io.Writer, r *assess.Results, o Options) error { return jsonreport.Write(w, r, o.JSON) }},
	{Name: "md", File: "summary.md", Description: "Markdown summary for pull-request comments",
		write: func(w io.Writer, r *assess.Results, o Options) error { return markdown.Write(w, r, o.Markdown) }},
	{Name: "html", File: "tollgate-report.html", Description: "HTML report to open in a browser: coverage, findings, inventory",
		write: func(w io.Writer, r *assess.Results, o Options) error { return htmlreport.Write(w, r, o.HTML) }},
}

// Formats lists the format names, in the order WriteAll writes them.
var Formats = names()

func names() []string {
	out := make([]string, len(registry))
	for i, f := range registry {
		out[i] = f.Name
	}
	return out
}

// aliases are other names accepted for a format.
var aliases = map[string]string{"markdown": "md", "excel": "xlsx", "oscal-ar": "oscal"}

// Lookup returns the format with the given name (or alias).
func Lookup(name string) (Format, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := aliases[n]; ok {
		n = a
	}
	for _, f := range registry {
		if f.Name == n {
			return f, true
		}
	}
	return Format{}, false
}

// Render writes r in the named format to w.
func Render(w io.Writer, format string, r *assess.Results, opts Options) error {
	f, ok := Lookup(format)
	if !ok {
		return unknownFormat(format)
	}
	return f.write(w, r, opts)
}

// resolve turns format names into formats: empty means all, duplicates are
// dropped, unknown names are an error.
func resolve(formats []string) ([]Format, error) {
	if len(formats) == 0 {
		return append([]Format(nil), registry...), nil
	}
	seen := map[string]bool{}
	var out []Format
	for _, name := range formats {
		f, ok := Lookup(name)
		if !ok {
			return nil, unknownFormat(name)
		}
		if !seen[f.Name] {
			seen[f.Name] = true
			out = append(out, f)
		}
	}
	order := map[string]int{}
	for i, f := range registry {
		order[f.Name] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Name] < order[out[j].Name] })
	return out, nil
}

func unknownFormat(name string) error {
	return fmt.Errorf("unknown report format %q (known: %s)", name, strings.Join(Formats, ", "))
}
