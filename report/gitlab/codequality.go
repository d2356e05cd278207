package gitlab

import (
	"fmt"
	"io"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// Issue is one entry of a Code Quality report, in the Code Climate issue
// shape GitLab documents: description, check_name, fingerprint, severity
// and location.path with location.lines.begin are required.
type Issue struct {
	Type        string   `json:"type"`
	Description string   `json:"description"`
	CheckName   string   `json:"check_name"`
	Fingerprint string   `json:"fingerprint"`
	Severity    string   `json:"severity"`
	Categories  []string `json:"categories"`
	Location    Location `json:"location"`
	Content     *Content `json:"content,omitempty"`
}

// Location is where an issue lies.
type Location struct {
	Path  string `json:"path"`
	Lines Lines  `json:"lines"`
}

// Lines is the line range of an issue.
type Lines struct {
	Begin int `json:"begin"`
}

// Content is the issue's longer explanation, in Markdown.
type Content struct {
	Body string `json:"body"`
}

// codeQualitySeverity maps a control severity onto Code Quality's five
// levels (info, minor, major, critical, blocker).
var codeQualitySeverity = map[string]string{
	"critical": "blocker",
	"high":     "critical",
	"medium":   "major",
	"low":      "minor",
	"info":     "info",
}

// WriteCodeQuality writes the Code Quality report: a JSON array with one
// issue per unwaived failure, in control then subject order.
func WriteCodeQuality(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write Code Quality report: no results")
	}
	issues := []Issue{}
	for _, f := range view.For(r).Failures() {
		path, line := location(f, opts)
		sev, ok := codeQualitySeverity[f.Control.Severity]
		if !ok {
			sev = "major"
		}
		issue := Issue{
			Type:        "issue",
			Description: truncate(f.Control.ID+": "+describe(f), 2000),
			CheckName:   f.Control.ID,
			Fingerprint: f.Fingerprint(),
			Severity:    sev,
			Categories:  []string{"Security"},
			Location:    Location{Path: path, Lines: Lines{Begin: line}},
		}
		if f.Control.Remediation != "" {
			issue.Content = &Content{Body: "**" + f.Control.Title + "** (" + f.ID() + ")\n\n" + f.Control.Remediation}
		}
		issues = append(issues, issue)
	}
	return encode(w, issues, "Code Quality report")
}
