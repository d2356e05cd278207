// Package report renders one assess.Results value into every output format
// Tollgate writes: OSCAL assessment results, the auditor workbook, SARIF,
// JUnit, results.json, a Markdown summary, an HTML report and GitLab's Code
// Quality and SAST reports. Each format lives in its own
// sub-package and reads only the Results; this package is their registry
// and writes a set of them, with the evidence bundle, all or nothing.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/gitlab"
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
	// Engagement is what every report says about the assessment beyond its
	// results (parties, system, scope, gate, remediation policy); it is
	// passed to each format that states it.
	Engagement engagement.Engagement
	OSCAL      oscal.Options
	XLSX       xlsx.Options
	SARIF      sarif.Options
	JUnit      junit.Options
	JSON       jsonreport.Options
	Markdown   markdown.Options
	HTML       htmlreport.Options
	GitLab     gitlab.Options
}

// Format is one output format.
type Format struct {
	// Name is what users pass to --format.
	Name string
	// File is the file name the format is written to.
	File string
	// Description says what the file is, for help texts.
	Description string
	// OptIn formats are written only when asked for by name, not by
	// default (the GitLab reports, which only GitLab reads).
	OptIn bool
	// needs are formats written with this one because it refers to them
	// (the assessment results and the POA&M import the assessment plan).
	needs []string
	// citesManifest formats cite the evidence manifest by its hash, so
	// they are written once the manifest is encoded (the OSCAL documents
	// and the workbook); the others may be written meanwhile.
	citesManifest bool
	// citesPlan formats cite the assessment plan by its hash, so they are
	// written once the plan is (the assessment results).
	citesPlan bool
	// cost is the format's rough share of the CPU time a large fleet's
	// reports take, in percent. It orders the streamed reports, the
	// costliest first, so that the workers finish together; it never
	// changes what is written.
	cost  int
	write func(io.Writer, *assess.Results, Options) error
}

var registry = []Format{
	{Name: "ap", File: oscal.PlanFile, Description: "OSCAL 1.1.3 assessment plan: scope, subjects, methods, tool", citesManifest: true, cost: 1,
		write: func(w io.Writer, r *assess.Results, o Options) error { return oscal.WritePlan(w, r, o.OSCAL) }},
	{Name: "oscal", File: oscal.ResultsFile, Description: "OSCAL 1.1.3 assessment results", needs: []string{"ap"}, citesManifest: true, citesPlan: true, cost: 12,
		write: func(w io.Writer, r *assess.Results, o Options) error { return oscal.Write(w, r, o.OSCAL) }},
	{Name: "poam", File: oscal.POAMFile, Description: "OSCAL 1.1.3 plan of action and milestones", needs: []string{"ap"}, citesManifest: true, cost: 15,
		write: func(w io.Writer, r *assess.Results, o Options) error { return oscal.WritePOAM(w, r, o.OSCAL) }},
	{Name: "xlsx", File: "tollgate-report.xlsx", Description: "auditor workbook", citesManifest: true, cost: 10,
		write: func(w io.Writer, r *assess.Results, o Options) error { return xlsx.Write(w, r, o.XLSX) }},
	{Name: "sarif", File: "tollgate.sarif", Description: "SARIF 2.1.0 for code scanning", cost: 2,
		write: func(w io.Writer, r *assess.Results, o Options) error { return sarif.Write(w, r, o.SARIF) }},
	{Name: "junit", File: "junit.xml", Description: "JUnit XML for CI test reports", cost: 5,
		write: func(w io.Writer, r *assess.Results, o Options) error { return junit.Write(w, r, o.JUnit) }},
	{Name: "json", File: "results.json", Description: "stable machine-readable results, described in docs/results-json.md", cost: 6,
		write: func(w io.Writer, r *assess.Results, o Options) error { return jsonreport.Write(w, r, o.JSON) }},
	{Name: "md", File: "summary.md", Description: "Markdown summary for pull-request comments",
		write: func(w io.Writer, r *assess.Results, o Options) error { return markdown.Write(w, r, o.Markdown) }},
	{Name: "html", File: "tollgate-report.html", Description: "HTML report to open in a browser: coverage, findings, inventory", cost: 5,
		write: func(w io.Writer, r *assess.Results, o Options) error { return htmlreport.Write(w, r, o.HTML) }},
	{Name: "codequality", File: "gl-code-quality-report.json", Description: "GitLab Code Quality report for artifacts:reports:codequality", OptIn: true, cost: 2,
		write: func(w io.Writer, r *assess.Results, o Options) error { return gitlab.WriteCodeQuality(w, r, o.GitLab) }},
	{Name: "gitlab-sast", File: "gl-sast-report.json", Description: "GitLab SAST security report for artifacts:reports:sast", OptIn: true, cost: 2,
		write: func(w io.Writer, r *assess.Results, o Options) error { return gitlab.WriteSAST(w, r, o.GitLab) }},
}

// Formats lists every format name, in the order WriteAll writes them.
var Formats = names(true)

// DefaultFormats lists the formats written when none is named: all but the
// opt-in ones.
var DefaultFormats = names(false)

// None is the format list that writes no report at all (for a run that only
// gates, such as a pre-commit hook).
const None = "none"

func names(optIn bool) []string {
	var out []string
	for _, f := range registry {
		if optIn || !f.OptIn {
			out = append(out, f.Name)
		}
	}
	return out
}

// aliases are other names accepted for a format.
var aliases = map[string]string{"markdown": "md", "excel": "xlsx", "oscal-ar": "oscal", "oscal-ap": "ap", "oscal-poam": "poam",
	"code-quality": "codequality", "gitlab-codequality": "codequality", "sast": "gitlab-sast"}

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
	return f.write(w, r, opts.withEngagement())
}

// withEngagement hands the engagement to the formats that state it.
func (o Options) withEngagement() Options {
	o.OSCAL.Engagement = o.Engagement
	o.XLSX.Engagement = o.Engagement
	o.Markdown.Engagement = o.Engagement
	return o
}

// resolve turns format names into formats: empty means the default ones,
// duplicates are dropped, unknown names are an error.
func resolve(formats []string) ([]Format, error) {
	if len(formats) == 0 {
		var out []Format
		for _, f := range registry {
			if !f.OptIn {
				out = append(out, f)
			}
		}
		return out, nil
	}
	seen := map[string]bool{}
	var out []Format
	var add func(name string) error
	add = func(name string) error {
		f, ok := Lookup(name)
		if !ok {
			return unknownFormat(name)
		}
		if seen[f.Name] {
			return nil
		}
		seen[f.Name] = true
		out = append(out, f)
		for _, n := range f.needs {
			if err := add(n); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range formats {
		if err := add(name); err != nil {
			return nil, err
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
