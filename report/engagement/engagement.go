// Package engagement describes the assessment engagement the reports state
// on their cover: which organisation and system were assessed, by whom,
// over which scope, against which system security plan, with which gate
// verdict, and the policy that sets the deadlines of the findings that
// stay open. Every report format that names these reads them from here, so
// the OSCAL documents, the workbook and the summaries agree.
package engagement

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Engagement is what the reports say about the assessment beyond its
// results.
type Engagement struct {
	// Organization is the assessed organisation (OSCAL "prepared-for").
	Organization Party
	// Assessor is the person or team who ran the assessment and answers for
	// it; empty when nobody is named, which the reports then say.
	Assessor Party
	// System identifies the assessed system (the POA&M's system-id).
	System System
	// SSP is the system security plan the assessment plan imports.
	SSP Document
	// DocumentVersion is the revision of the documents written; empty means
	// the assessment time (the tool's version is stated apart).
	DocumentVersion string
	// Scope lists the paths assessed, as given on the command line or in
	// tollgate.yaml (relative to the working directory where possible).
	Scope []string
	// Gate is the verdict of the gate, when it was decided before the
	// reports were written.
	Gate *Gate
	// Remediation sets deadlines and points of contact for open findings.
	Remediation Policy
}

// Party is a person or an organisation named in the reports.
type Party struct {
	Name  string
	Email string
	// Type is "person" or "organization" (empty: organization).
	Type string
}

// Named reports whether the party has a name or an email address.
func (p Party) Named() bool { return strings.TrimSpace(p.Name+p.Email) != "" }

// String renders the party as "Name <email>", "Name" or "email".
func (p Party) String() string {
	name, email := strings.TrimSpace(p.Name), strings.TrimSpace(p.Email)
	switch {
	case name != "" && email != "":
		return name + " <" + email + ">"
	case name != "":
		return name
	}
	return email
}

// Kind is the OSCAL party type: "person" or "organization".
func (p Party) Kind() string {
	if p.Type == "person" {
		return "person"
	}
	return "organization"
}

// ParseParty reads a party written as free text, the way waivers and
// attestations name people: "Jane Doe <jane@example.com>", an email address
// alone, or a team name.
func ParseParty(s string) Party {
	s = strings.TrimSpace(s)
	if a, err := mail.ParseAddress(s); err == nil {
		return Party{Name: a.Name, Email: a.Address}
	}
	return Party{Name: s}
}

// System identifies the assessed system.
type System struct {
	// ID is the system's identifier in the organisation's inventory (for
	// example its FedRAMP or eMASS id); empty means none was given.
	ID string
	// Name is its human name.
	Name string
}

// Document is a document the reports refer to: where it is, relative to the
// reports or as a URL, and the hex sha256 of its content when it was read.
type Document struct {
	Href   string
	SHA256 string
}

// Gate is the gate's verdict as reports state it.
type Gate struct {
	Passed bool
	// Reasons explain a failed gate, one sentence each.
	Reasons []string
	// FailOn is the severity threshold ("none" when off).
	FailOn string
}

// Verdict renders the gate for people: "PASSED" or "FAILED: reasons".
func (g *Gate) Verdict() string {
	if g == nil {
		return ""
	}
	if g.Passed {
		return "PASSED"
	}
	return "FAILED: " + strings.Join(g.Reasons, "; ")
}

// Policy is how long a finding may stay open, by severity, and who answers
// for open findings no waiver names an owner for.
type Policy struct {
	// Days maps a control severity (critical, high, medium, low, info) to
	// the days allowed from detection to remediation; a severity absent
	// from the map has no deadline.
	Days map[string]int
	// PointOfContact owns open findings; empty: the assessed organisation.
	PointOfContact Party
}

// DefaultDays are the remediation deadlines used when none are configured,
// in days from detection: 15 for critical findings (as CISA's Binding
// Operational Directive 19-02 set for critical vulnerabilities), the 30, 90
// and 180 days FedRAMP allows for high, moderate and low risks, and a year
// for informational ones.
var DefaultDays = map[string]int{"critical": 15, "high": 30, "medium": 90, "low": 180, "info": 365}

// DefaultPolicy is the policy with DefaultDays and no point of contact.
func DefaultPolicy() Policy {
	days := make(map[string]int, len(DefaultDays))
	for k, v := range DefaultDays {
		days[k] = v
	}
	return Policy{Days: days}
}

// Deadline is when a finding of the given severity detected at detected is
// due to be remediated, and false when the policy sets no deadline for it.
func (p Policy) Deadline(severity string, detected time.Time) (time.Time, bool) {
	days, ok := p.Days[severity]
	if !ok || days <= 0 {
		return time.Time{}, false
	}
	return detected.UTC().AddDate(0, 0, days), true
}

// Describe states the policy in a sentence.
func (p Policy) Describe() string {
	var parts []string
	for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
		if d, ok := p.Days[sev]; ok && d > 0 {
			unit := "days"
			if d == 1 {
				unit = "day"
			}
			parts = append(parts, fmt.Sprintf("%s %d %s", sev, d, unit))
		}
	}
	if len(parts) == 0 {
		return "No remediation deadlines are set."
	}
	return "Remediation deadlines from detection: " + strings.Join(parts, ", ") + "."
}

// Rating is the risk a control severity stands for, on the qualitative
// scale of NIST SP 800-30 Rev. 1 (Appendices G–I: very low, low, moderate,
// high, very high).
type Rating struct {
	Likelihood string
	Impact     string
	Risk       string
}

// Ratings is the documented table from control severity to likelihood,
// impact and risk. A control's severity already weighs how likely the
// weakness is to be exploited in an MCP deployment against the harm it
// allows, so the two are read back from it: a critical control (a
// privileged container, a download piped to a shell) is both likely to be
// abused and very harmful; an informational one is neither.
var Ratings = map[string]Rating{
	"critical": {Likelihood: "high", Impact: "very-high", Risk: "very-high"},
	"high":     {Likelihood: "high", Impact: "high", Risk: "high"},
	"medium":   {Likelihood: "moderate", Impact: "moderate", Risk: "moderate"},
	"low":      {Likelihood: "low", Impact: "low", Risk: "low"},
	"info":     {Likelihood: "very-low", Impact: "very-low", Risk: "very-low"},
}

// RatingFor returns the rating of a severity, and false for an unknown one.
func RatingFor(severity string) (Rating, bool) {
	r, ok := Ratings[severity]
	return r, ok
}
