// Package evidence defines what collectors produce and controls judge: subjects
// (servers, clients, gateways, workloads, endpoints, tools and sources), their provenance,
// the classification and redaction of secret values, and the evidence bundle.
//
// The JSON encoding of every type here is a stable contract: reports, the bundle
// manifest and the CUE checks of the control catalog all read it. Field names are
// snake_case and never change meaning; new fields may be added.
package evidence

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Kind names what sort of thing a subject is.
type Kind string

// The subject kinds.
const (
	KindServer   Kind = "server"   // an MCP server as declared in a client config or manifest
	KindGateway  Kind = "gateway"  // an MCP gateway or proxy and what it enforces
	KindWorkload Kind = "workload" // a Kubernetes workload running an MCP server or gateway
	KindEndpoint Kind = "endpoint" // what a live probe of an MCP endpoint saw
	KindTool     Kind = "tool"     // one tool definition
	KindSource   Kind = "source"   // one input file or cluster, with its parse status
	KindClient   Kind = "client"   // one AI client's settings file and its client-wide settings
)

// Kinds lists every subject kind in a fixed order.
var Kinds = []Kind{KindServer, KindGateway, KindWorkload, KindEndpoint, KindTool, KindSource, KindClient}

// Valid reports whether k is a known subject kind.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Provenance says where a subject came from.
type Provenance struct {
	// Collector is the collector that produced the subject, e.g. "clientconfig/cursor".
	Collector string `json:"collector"`
	// CollectorVersion is the version of Tollgate that ran the collector.
	CollectorVersion string `json:"collector_version,omitempty"`
	// File is the artifact's path relative to the scan root, slash-separated.
	File string `json:"file,omitempty"`
	// Line is the 1-based line of the subject's declaration in File (0 when unknown).
	Line int `json:"line,omitempty"`
	// Column is the 1-based column of the declaration (0 when unknown).
	Column int `json:"column,omitempty"`
	// Pointer is a JSON pointer (or dotted path for TOML/YAML) to the declaration inside File.
	Pointer string `json:"pointer,omitempty"`
	// SHA256 is the hex sha256 of the raw artifact the subject was read from.
	SHA256 string `json:"sha256,omitempty"`
	// URL is set for subjects seen at a live endpoint.
	URL string `json:"url,omitempty"`
	// Cluster, Namespace, Object are set for subjects read from Kubernetes.
	Cluster   string `json:"cluster,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Object    string `json:"object,omitempty"` // kind/name
	// Collected is when the evidence was collected (UTC).
	Collected time.Time `json:"collected"`
}

// Location renders file:line (or the best location available) for people.
// A subject seen at a live endpoint is located by its URL, even when File
// names the probe's record in the evidence bundle.
func (p Provenance) Location() string {
	switch {
	case p.URL != "":
		return p.URL
	case p.File != "" && p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	case p.File != "":
		return p.File
	case p.Object != "":
		loc := p.Object
		if p.Namespace != "" {
			loc = p.Namespace + "/" + loc
		}
		if p.Cluster != "" {
			loc = p.Cluster + ":" + loc
		}
		return loc
	}
	return ""
}

// Meta holds what every subject has. It is embedded in each subject type, so
// its fields appear at the top level of the subject's JSON.
type Meta struct {
	Kind Kind `json:"kind"`
	// ID is stable across runs for the same input: kind, file (or other origin) and name.
	ID string `json:"id"`
	// Name is the subject's own name (server name, file path for sources, …).
	Name string `json:"name"`
	// Provenance says where the subject came from.
	Provenance Provenance `json:"provenance"`
	// Links holds the IDs of related subjects (the gateway fronting a server, the
	// server a tool belongs to, the source a server was declared in).
	Links []string `json:"links,omitempty"`
}

// Metadata returns the subject's common fields.
func (m *Meta) Metadata() *Meta { return m }

// Subject is one thing a control judges.
type Subject interface {
	Metadata() *Meta
}

// MakeID builds a stable subject ID from its kind, origin and name.
func MakeID(kind Kind, origin, name string) string {
	if name == "" {
		return fmt.Sprintf("%s:%s", kind, origin)
	}
	return fmt.Sprintf("%s:%s#%s", kind, origin, name)
}

// DecodeSubject decodes one subject's JSON, choosing the Go type by its "kind".
func DecodeSubject(data []byte) (Subject, error) {
	var head struct {
		Kind Kind `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("decode subject: %w", err)
	}
	var s Subject
	switch head.Kind {
	case KindServer:
		s = &Server{}
	case KindGateway:
		s = &Gateway{}
	case KindWorkload:
		s = &Workload{}
	case KindEndpoint:
		s = &Endpoint{}
	case KindTool:
		s = &Tool{}
	case KindSource:
		s = &Source{}
	case KindClient:
		s = &Client{}
	default:
		return nil, fmt.Errorf("decode subject: unknown kind %q", head.Kind)
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("decode %s subject: %w", head.Kind, err)
	}
	return s, nil
}
