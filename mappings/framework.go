// Package mappings holds the compliance frameworks Tollgate reports against
// (their requirement ids and short titles) and the links from controls to
// those requirements, each with its provenance and rationale.
package mappings

import "strings"

// Provenance values of a link.
const (
	ProvenanceOfficial = "official" // a published crosswalk says so
	ProvenanceAsserted = "asserted" // Tollgate's own reasoned judgement
)

// Framework is one compliance framework.
type Framework struct {
	ID      string `json:"id"`      // e.g. nist-800-53-rev5
	Title   string `json:"title"`   // e.g. NIST SP 800-53 Rev. 5
	Version string `json:"version"` // e.g. 5.1.1
	// Main is true for the four frameworks every control is mapped into where an
	// honest mapping exists (800-53, ISO 27001, SSDF, GDPR).
	Main bool `json:"main"`
	// Source is where the framework is published (a URL), so that reports
	// can say which text their requirement ids refer to.
	Source string `json:"source,omitempty"`
	// Catalog is the URL of an OSCAL catalog of the framework, when one is
	// published; requirement ids then correspond to its control ids.
	Catalog string `json:"catalog,omitempty"`
	// Crosswalk is the published crosswalk the framework's official links
	// rest on; nil when the framework has none.
	Crosswalk    *Crosswalk    `json:"crosswalk,omitempty"`
	Requirements []Requirement `json:"requirements"`
	File         string        `json:"file"`
	// Line is the line of the framework block in File.
	Line int `json:"line"`
}

// VersionBeyondTitle is the framework's version when its title does not
// already name it: "" for ISO/IEC 27001:2022 at version 2022, so that
// reports never print "ISO/IEC 27001:2022 2022".
func (f *Framework) VersionBeyondTitle() string {
	if strings.Contains(f.Title, f.Version) {
		return ""
	}
	return f.Version
}

// Crosswalk is a published mapping between SP 800-53 and another framework.
// An official link into the framework rests on one of its rows: the row
// relating the link's requirement to the 800-53 control named by Link.Via.
type Crosswalk struct {
	// Title names the crosswalk, its publisher and date.
	Title string `json:"title"`
	// Source is where it is published (a URL).
	Source string `json:"source"`
}

// Requirement is one requirement (control, clause, task, article) of a framework.
type Requirement struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Group is the family, theme or chapter the requirement belongs to.
	Group string `json:"group,omitempty"`
	Line  int    `json:"line"`
}

// Link connects a control to a framework requirement it supports.
type Link struct {
	Control     string `json:"control"`
	Framework   string `json:"framework"`
	Requirement string `json:"requirement"`
	Provenance  string `json:"provenance"`
	// Via names the requirement of another framework (an SP 800-53 control)
	// whose published crosswalk row makes an official link official; the same
	// control maps to it as well.
	Via       string `json:"via,omitempty"`
	Rationale string `json:"rationale"`
	// Objectives are the assessment objectives of the requirement the link
	// judges precisely (SP 800-53A ids such as "sc-8.1_obj"), where the
	// control examines exactly those; empty when it bears on the
	// requirement as a whole.
	Objectives []string `json:"objectives,omitempty"`
	File       string   `json:"file"`
	Line       int      `json:"line"`
}

// Exclusion records that a control honestly maps to nothing in a framework,
// and why.
type Exclusion struct {
	Control   string `json:"control"`
	Framework string `json:"framework"`
	Reason    string `json:"reason"`
	File      string `json:"file"`
	Line      int    `json:"line"`
}

// Set is every framework and link loaded.
type Set struct {
	Frameworks []*Framework `json:"frameworks"`
	Links      []Link       `json:"links"`
	// Exclusions are the declared absences of a mapping (none blocks).
	Exclusions []Exclusion `json:"exclusions,omitempty"`
}
