package sarif

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsonstr"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// The results, one per failing or waived pair, are most of a large SARIF
// log. They are encoded here by hand, byte for byte as encoding/json (HTML
// escaping off) encodes them, compact. A property whose value is neither a
// string nor a list of strings makes the encoder give up, and the result
// is encoded by encoding/json instead. TestResultEncodingIsJSON compares
// the two.

// appendResult appends r's compact JSON; ok is false when r holds a value
// the encoder does not handle.
func appendResult(dst []byte, r *result) (_ []byte, ok bool) {
	dst = jsonstr.AppendMember(dst, '{', "ruleId", r.RuleID)
	dst = strconv.AppendInt(jsonstr.AppendKey(dst, ',', "ruleIndex"), int64(r.RuleIndex), 10)
	dst = jsonstr.AppendMember(dst, ',', "level", r.Level)
	dst = append(jsonstr.AppendMember(jsonstr.AppendKey(dst, ',', "message"), '{', "text", r.Message.Text), '}')
	dst = jsonstr.AppendKey(dst, ',', "locations")
	if r.Locations == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range r.Locations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendLocation(dst, &r.Locations[i])
		}
		dst = append(dst, ']')
	}
	dst = jsonstr.AppendKey(dst, ',', "partialFingerprints")
	if r.PartialFingerprints == nil {
		dst = append(dst, "null"...)
	} else {
		dst, _ = appendObject(dst, r.PartialFingerprints, func(dst []byte, v string) ([]byte, bool) {
			return jsonstr.Append(dst, v), true
		})
	}
	if len(r.Suppressions) > 0 {
		dst = append(jsonstr.AppendKey(dst, ',', "suppressions"), '[')
		for i, s := range r.Suppressions {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.AppendMember(dst, '{', "kind", s.Kind)
			dst = jsonstr.AppendMember(dst, ',', "status", s.Status)
			if s.Justification != "" {
				dst = jsonstr.AppendMember(dst, ',', "justification", s.Justification)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if r.BaselineState != "" {
		dst = jsonstr.AppendMember(dst, ',', "baselineState", r.BaselineState)
	}
	ok = true
	if len(r.Properties) > 0 {
		dst, ok = appendObject(jsonstr.AppendKey(dst, ',', "properties"), r.Properties, appendPropertyValue)
	}
	return append(dst, '}'), ok
}

func appendLocation(dst []byte, l *location) []byte {
	dst = append(dst, '{')
	var sep byte // none before the first member
	if p := l.PhysicalLocation; p != nil {
		sep = ','
		dst = jsonstr.AppendKey(dst, 0, "physicalLocation")
		dst = jsonstr.AppendMember(jsonstr.AppendKey(dst, '{', "artifactLocation"), '{', "uri", p.ArtifactLocation.URI)
		if p.ArtifactLocation.URIBaseID != "" {
			dst = jsonstr.AppendMember(dst, ',', "uriBaseId", p.ArtifactLocation.URIBaseID)
		}
		dst = append(dst, '}')
		if g := p.Region; g != nil {
			dst = strconv.AppendInt(jsonstr.AppendKey(jsonstr.AppendKey(dst, ',', "region"), '{', "startLine"), int64(g.StartLine), 10)
			if g.StartColumn != 0 {
				dst = strconv.AppendInt(jsonstr.AppendKey(dst, ',', "startColumn"), int64(g.StartColumn), 10)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, '}')
	}
	if len(l.LogicalLocations) > 0 {
		dst = append(jsonstr.AppendKey(dst, sep, "logicalLocations"), '[')
		for i, g := range l.LogicalLocations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.AppendMember(dst, '{', "name", g.Name)
			dst = jsonstr.AppendMember(dst, ',', "fullyQualifiedName", g.FullyQualifiedName)
			dst = jsonstr.AppendMember(dst, ',', "kind", g.Kind)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// appendPropertyValue appends a property's value when it is a string or a
// list of strings.
func appendPropertyValue(dst []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case string:
		return jsonstr.Append(dst, v), true
	case []string:
		if v == nil {
			return append(dst, "null"...), true
		}
		dst = append(dst, '[')
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(dst, s)
		}
		return append(dst, ']'), true
	}
	return dst, false
}

// appendObject appends m as encoding/json does, its keys sorted, each value
// by value; ok is false when value gave up on one.
func appendObject[V any](dst []byte, m map[string]V, value func([]byte, V) ([]byte, bool)) (_ []byte, ok bool) {
	var small [8]string // a result's maps hold a few keys
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(jsonstr.Append(dst, k), ':')
		if dst, ok = value(dst, m[k]); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendFindingResult appends the compact JSON of the result buildResult
// makes of f, without making it: no result, no maps, and no location
// lists are built for the results, one per failing or waived pair.
// TestStreamedIsTheLog compares the log with the one built from results.
func (w *resultWriter) appendFindingResult(dst []byte, f *view.Finding, ruleIndex int) []byte {
	dst = jsonstr.AppendMember(dst, '{', "ruleId", f.Control.ID)
	dst = strconv.AppendInt(jsonstr.AppendKey(dst, ',', "ruleIndex"), int64(ruleIndex), 10)
	dst = jsonstr.AppendMember(dst, ',', "level", level(f.Control.Severity))
	dst = jsonstr.AppendKey(jsonstr.AppendKey(dst, ',', "message"), '{', "text")
	if strings.TrimSpace(f.Eval.Message) == "" {
		dst = jsonstr.Append(dst, f.Subject.Name+" fails "+f.Control.ID+": "+f.Control.Title)
	} else {
		dst = jsonstr.Append(dst, f.Eval.Message)
	}
	dst = append(jsonstr.AppendKey(append(dst, '}'), ',', "locations"), '[')
	if p := &f.Subject.Provenance; p.File != "" {
		dst = jsonstr.AppendKey(append(dst, '{'), 0, "physicalLocation")
		dst = jsonstr.AppendMember(jsonstr.AppendKey(dst, '{', "artifactLocation"), '{', "uri", w.uri(p.File))
		dst = append(jsonstr.AppendMember(dst, ',', "uriBaseId", srcRoot), '}')
		if p.Line > 0 {
			dst = strconv.AppendInt(jsonstr.AppendKey(jsonstr.AppendKey(dst, ',', "region"), '{', "startLine"), int64(p.Line), 10)
			if p.Column != 0 {
				dst = strconv.AppendInt(jsonstr.AppendKey(dst, ',', "startColumn"), int64(p.Column), 10)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, '}', '}')
	} else {
		dst = append(jsonstr.AppendKey(append(dst, '{'), 0, "logicalLocations"), '[')
		dst = jsonstr.AppendMember(dst, '{', "name", orDefault(f.Location, f.Subject.ID))
		dst = jsonstr.AppendMember(dst, ',', "fullyQualifiedName", f.Subject.ID)
		dst = jsonstr.AppendMember(dst, ',', "kind", "resource")
		dst = append(dst, '}', ']', '}')
	}
	dst = append(jsonstr.AppendKey(append(dst, ']'), ',', "partialFingerprints"), '{')
	dst = append(jsonstr.Append(dst, fingerprintKey), ':')
	dst = append(jsonstr.Append(dst, f.Fingerprint()), '}')
	if f.Waived() {
		dst = append(jsonstr.AppendKey(dst, ',', "suppressions"), '[')
		dst = jsonstr.AppendMember(dst, '{', "kind", "external")
		dst = jsonstr.AppendMember(dst, ',', "status", "accepted")
		dst = jsonstr.AppendMember(dst, ',', "justification", justification(f))
		dst = append(dst, '}', ']')
	}
	switch w.x.R.Baseline.State(*f.Eval) {
	case assess.BaselineNew:
		dst = jsonstr.AppendMember(dst, ',', "baselineState", "new")
	case assess.BaselineUnchanged:
		dst = jsonstr.AppendMember(dst, ',', "baselineState", "unchanged")
	}
	// The properties' keys in encoding/json's order, sorted.
	dst = jsonstr.AppendMember(jsonstr.AppendKey(dst, ',', "properties"), '{', "findingId", f.ID())
	if len(f.Eval.Reasons) > 0 {
		dst = append(jsonstr.AppendKey(dst, ',', "reasons"), '[')
		for i, r := range f.Eval.Reasons {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendReasonText(dst, r)
		}
		dst = append(dst, ']')
	}
	dst = jsonstr.AppendMember(dst, ',', "severity", f.Control.Severity)
	dst = jsonstr.AppendMember(dst, ',', "subject", f.Subject.ID)
	dst = jsonstr.AppendMember(dst, ',', "subjectKind", string(f.Subject.Kind))
	return append(dst, '}', '}')
}

// resultWriter encodes the results of one log.
type resultWriter struct {
	x    *view.Index
	root string // Options.Root, cleaned (see rooted)
}

// uri is the artifact URI of file, a path relative to the scan root.
func (w *resultWriter) uri(file string) string { return fileURI(joinRoot(w.root, file)) }

// appendArtifact appends the compact JSON of a's entry in the log's
// artifacts.
func (w *resultWriter) appendArtifact(dst []byte, a *evidence.Artifact) []byte {
	return appendArtifactEntry(dst, w.uri(a.Path), srcRoot, a.Size, a.SHA256)
}

// appendArtifactEntry appends the compact JSON of the artifact with
// location uri (relative to uriBaseID, unless empty), length and SHA-256
// (each left out when zero or empty).
func appendArtifactEntry(dst []byte, uri, uriBaseID string, length int64, sha256 string) []byte {
	dst = jsonstr.AppendMember(jsonstr.AppendKey(dst, '{', "location"), '{', "uri", uri)
	if uriBaseID != "" {
		dst = jsonstr.AppendMember(dst, ',', "uriBaseId", uriBaseID)
	}
	dst = append(dst, '}')
	if length != 0 {
		dst = strconv.AppendInt(jsonstr.AppendKey(dst, ',', "length"), length, 10)
	}
	if sha256 != "" {
		dst = append(jsonstr.AppendMember(jsonstr.AppendKey(dst, ',', "hashes"), '{', "sha-256", sha256), '}')
	}
	return append(dst, '}')
}

// appendReasonText appends view.ReasonText(r) as a JSON string without
// joining it first: "path: detail" escaped is path escaped, ": ", detail
// escaped, since escaping works a character at a time and no character
// spans the ASCII ": ".
func appendReasonText(dst []byte, r assess.Reason) []byte {
	if r.Path == "" {
		return jsonstr.Append(dst, r.Detail)
	}
	dst = jsonstr.Append(dst, r.Path)
	dst = append(dst[:len(dst)-1], ':', ' ') // the closing quote replaced
	n := len(dst)
	dst = jsonstr.Append(dst, r.Detail)
	copy(dst[n:], dst[n+1:]) // the opening quote dropped
	return dst[:len(dst)-1]
}
