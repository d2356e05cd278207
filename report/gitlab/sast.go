package gitlab

import (
	"crypto/sha256"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// SASTVersion is the version of GitLab's security report schema the SAST
// report declares and follows.
const SASTVersion = "15.0.7"

// SASTSchema is where that schema is published.
const SASTSchema = "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v" + SASTVersion + "/dist/sast-report-format.json"

// SASTReport is a GitLab SAST security report.
type SASTReport struct {
	Version         string          `json:"version"`
	Schema          string          `json:"schema"`
	Scan            Scan            `json:"scan"`
	Vulnerabilities []Vulnerability `json:"vulnerabilities"`
}

// Scan describes the run that made the report.
type Scan struct {
	Analyzer  Tool   `json:"analyzer"`
	Scanner   Tool   `json:"scanner"`
	Type      string `json:"type"`
	StartTime string `json:"start_time"`
	EndTime   string `json:"end_time"`
	Status    string `json:"status"`
}

// Tool is the analyzer or scanner.
type Tool struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
	URL     string `json:"url"`
	Vendor  Vendor `json:"vendor"`
}

// Vendor names who makes a tool.
type Vendor struct {
	Name string `json:"name"`
}

// Vulnerability is one finding.
type Vulnerability struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Severity    string       `json:"severity"`
	Solution    string       `json:"solution,omitempty"`
	Identifiers []Identifier `json:"identifiers"`
	Links       []Link       `json:"links,omitempty"`
	Location    SASTLocation `json:"location"`
}

// Identifier names what a vulnerability is. The first is the primary
// identifier GitLab tracks a vulnerability by.
type Identifier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

// Link points to more information.
type Link struct {
	URL string `json:"url"`
}

// SASTLocation is where a vulnerability lies.
type SASTLocation struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// sastSeverity maps a control severity onto the schema's levels.
var sastSeverity = map[string]string{
	"critical": "Critical",
	"high":     "High",
	"medium":   "Medium",
	"low":      "Low",
	"info":     "Info",
}

// Limits of the schema.
const (
	maxName        = 255
	maxDescription = 1 << 20
	maxSolution    = 7000
	maxIdentifiers = 20
)

// WriteSAST writes the SAST report: one vulnerability per unwaived failure,
// in control then subject order.
func WriteSAST(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write GitLab SAST report: no results")
	}
	version := r.Version
	if version == "" {
		version = "unknown"
	}
	tool := Tool{ID: "tollgate", Name: "Tollgate", Version: version, URL: "https://github.com/tollgate-dev/tollgate", Vendor: Vendor{Name: "Tollgate"}}
	at := r.Timestamp.UTC().Format("2006-01-02T15:04:05")
	rep := SASTReport{
		Version: SASTVersion, Schema: SASTSchema,
		Scan:            Scan{Analyzer: tool, Scanner: tool, Type: "sast", StartTime: at, EndTime: at, Status: "success"},
		Vulnerabilities: []Vulnerability{},
	}
	x := view.For(r)
	for _, f := range x.Failures() {
		path, line := location(f, opts)
		sev, ok := sastSeverity[f.Control.Severity]
		if !ok {
			sev = "Unknown"
		}
		v := Vulnerability{
			ID:          uuidOf(f.Fingerprint()),
			Name:        truncate(f.Control.ID+" "+f.Control.Title, maxName),
			Description: truncate(describe(f)+"\n\nSubject: "+f.Subject.Name+" ("+string(f.Subject.Kind)+", "+f.Subject.ID+")", maxDescription),
			Severity:    sev,
			Solution:    truncate(f.Control.Remediation, maxSolution),
			Identifiers: []Identifier{
				{Type: "tollgate_finding", Name: f.ID(), Value: f.Fingerprint()},
				{Type: "tollgate_control", Name: f.Control.ID, Value: f.Control.ID},
			},
			Location: SASTLocation{File: path, StartLine: line, EndLine: line},
		}
		for _, ref := range x.Requirements(f.Control.ID) {
			if len(v.Identifiers) == maxIdentifiers {
				break
			}
			v.Identifiers = append(v.Identifiers, Identifier{Type: "tollgate_requirement", Name: ref.String(), Value: ref.String()})
		}
		for _, ref := range f.Control.References {
			if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
				v.Links = append(v.Links, Link{URL: ref})
			}
		}
		rep.Vulnerabilities = append(rep.Vulnerabilities, v)
	}
	return encode(w, rep, "GitLab SAST report")
}

// uuidOf derives a UUID (version 5 layout) from a finding fingerprint, so a
// finding has the same id in every pipeline.
func uuidOf(fingerprint string) string {
	sum := sha256.Sum256([]byte("tollgate-gitlab-sast\x00" + fingerprint))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
