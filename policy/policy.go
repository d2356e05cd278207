// Package policy reads an organisation's MCP policy — the servers it
// approves (by package, image, URL or command, with the versions or digests
// allowed, their owners and how they may be used), the servers and
// publishers it denies, the settings it requires, and time-bound exceptions —
// from CUE files checked against the schema shipped with Tollgate
// (schema.cue), and judges collected subjects against it.
//
// The judgement is a set of facts per subject (evidence.PolicyFacts) that
// the engine adds to each subject as the field "policy"; the built-in
// policy controls judge those facts. Requirements are CUE against the
// evidence schema, validated and evaluated like a control's checks.
// Exceptions become waivers of the policy controls.
package policy

import (
	_ "embed"
	"time"
)

// SchemaCUE is the schema every policy is unified with (#Policy).
//
//go:embed schema.cue
var SchemaCUE string

// Policy is an organisation policy, loaded and validated.
type Policy struct {
	// Owner answers for the policy; Reviewed is its last review date.
	Owner    string
	Reviewed string
	// Approved, Denied, Required and Exceptions are sorted by name.
	Approved   []*Approved
	Denied     []*Denied
	Required   []*Requirement
	Exceptions []*Exception
	// Files are the files the policy was read from, in name order.
	Files []File
}

// File is one file of a policy.
type File struct {
	// Path is the file's path as given (relative to the working directory
	// when the policy was named that way).
	Path string `json:"path"`
	// SHA256 is the hex sha256 of its content.
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// Data is the file's content.
	Data []byte `json:"-"`
}

// Identity is what identifies a server to the policy. Every field given
// must match.
type Identity struct {
	Package *Package `json:"package,omitempty"`
	Image   *Image   `json:"image,omitempty"`
	URL     string   `json:"url,omitempty"`
	Command []string `json:"command,omitempty"`
	Name    string   `json:"name,omitempty"`
}

// Package names a package a runner fetches.
type Package struct {
	Ecosystem string   `json:"ecosystem"`
	Name      string   `json:"name"`
	Versions  []string `json:"versions,omitempty"`
}

// Image names a container image.
type Image struct {
	Name    string   `json:"name"`
	Digests []string `json:"digests,omitempty"`
	Tags    []string `json:"tags,omitempty"`
}

// Approved is one approved server.
type Approved struct {
	// Key is the entry's name in the policy.
	Key string `json:"-"`
	Identity
	Owner       string   `json:"owner"`
	Reviewed    string   `json:"reviewed,omitempty"`
	Description string   `json:"description,omitempty"`
	Paths       []string `json:"paths,omitempty"`
	Tools       []string `json:"tools,omitempty"`
	Transports  []string `json:"transports,omitempty"`
	Auth        []string `json:"auth,omitempty"`
	// File and Line locate the entry.
	File string `json:"-"`
	Line int    `json:"-"`

	m matcher
}

// Denied is one denied server or publisher.
type Denied struct {
	Key string `json:"-"`
	Identity
	Reason string `json:"reason"`
	File   string `json:"-"`
	Line   int    `json:"-"`

	m matcher
}

// Requirement is a setting every subject in its scope must have.
type Requirement struct {
	// ID is the requirement's name in the policy.
	ID          string   `json:"-"`
	Description string   `json:"description"`
	Subject     string   `json:"subject"`
	Paths       []string `json:"paths,omitempty"`
	// When and Check are the requirement's CUE, as text.
	When  string `json:"-"`
	Check string `json:"-"`
	File  string `json:"-"`
	Line  int    `json:"-"`

	paths globs
}

// Exception is a time-bound departure from the policy.
type Exception struct {
	ID            string   `json:"-"`
	Allow         []string `json:"allow"`
	Paths         []string `json:"paths,omitempty"`
	Servers       []string `json:"servers,omitempty"`
	Requirements  []string `json:"requirements,omitempty"`
	Justification string   `json:"justification"`
	Owner         string   `json:"owner"`
	ApprovedBy    string   `json:"approved_by"`
	Expires       string   `json:"expires"`
	File          string   `json:"-"`
	Line          int      `json:"-"`

	expires time.Time
}
