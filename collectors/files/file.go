package files

import (
	"encoding/json"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Location is where a file sits, which decides the scope of what it
// declares.
type Location uint8

const (
	// Project files sit in a scanned tree.
	Project Location = iota
	// User files sit in a user's home directory (per-user configuration).
	User
	// System files sit in a system-wide (managed) location.
	System
)

// Place is a well-known file or folder read in addition to the request's
// paths (a client's per-user configuration), with its location.
type Place struct {
	Path     string
	Location Location
}

// File is one file read by the walk and handed to analyzers. Its raw bytes
// never leave the collector unredacted: analyzers hand every secret they
// classify to the file (Secret, Redactor), and the copy stored in the bundle
// is redacted with them and with what a lexical scan finds.
type File struct {
	// Path is the provenance path: relative to the scan root and
	// slash-separated, "~/…" under the home directory, otherwise absolute.
	Path string
	// Data is the content with any UTF-8 byte-order mark removed; offsets
	// and spans refer to it.
	Data []byte
	// SHA256 is the hex sha256 of the file as read (byte-order mark
	// included), the artifact's hash.
	SHA256 string
	// Size is the file's size in bytes.
	Size int64
	// Location says where the file sits.
	Location Location
	// Explicit is true for files named directly in the request.
	Explicit bool
	// Now is the collection time, Version the Tollgate version; both go into
	// every subject's provenance.
	Now     time.Time
	Version string
	// Abs is the file's absolute path on disk ("" for content not read
	// from disk).
	Abs string

	area    area
	raw     []byte
	lines   postree.Lines
	red     *secrets.Redactor
	scanned bool // the lexical scan has added its findings to red
	parsed  map[postree.Syntax]*Parsed
	stream  *Stream
	// spans are the places of secret scalars, replaced in the stored copy.
	spans []secretSpan
}

// secretSpan is where a secret scalar is written, and its decoded value.
type secretSpan struct {
	span  postree.Span
	value string
}

// Parsed is a file parsed in one syntax.
type Parsed struct {
	// Root is the document's root, nil when Err is set.
	Root *postree.Node
	// Leniency records the JSONC extensions and repeated keys a JSON
	// document uses (zero for other syntaxes).
	Leniency postree.Leniency
	// Err is the syntax error, or nil.
	Err *postree.SyntaxError
}

// Stream is a file parsed as a stream of YAML documents.
type Stream struct {
	Docs []*postree.Node
	Err  *postree.SyntaxError
}

// InScannedArea reports whether path (absolute, on disk) lies inside the
// folders the walk that found the file may read, after resolving symbolic
// links. Analyzers that read further files beside the one they were handed
// (a Helm chart's templates, a kustomization's resources) read only those
// it accepts, so a link or a "../" cannot carry a file from elsewhere on the
// machine into the evidence.
func (f *File) InScannedArea(path string) bool {
	if len(f.area) == 0 {
		return false
	}
	return f.area.contains(realPath(path))
}

// Lines returns the file's line index, for turning offsets into positions.
func (f *File) Lines() postree.Lines {
	if f.lines == nil {
		f.lines = postree.NewLines(f.Data)
	}
	return f.lines
}

// Parse parses the file in syntax s (a YAML file's first document). The
// result is kept, so every analyzer that looks at the file in one syntax
// shares one parse.
func (f *File) Parse(s postree.Syntax) *Parsed {
	if p, ok := f.parsed[s]; ok {
		return p
	}
	p := &Parsed{}
	switch s {
	case postree.JSON:
		p.Root, p.Leniency, p.Err = postree.ParseJSON(f.Data, f.Lines())
	case postree.YAML:
		p.Root, p.Err = postree.ParseYAML(f.Data)
	case postree.TOML:
		p.Root, p.Err = postree.ParseTOML(f.Data, f.Lines())
	}
	if f.parsed == nil {
		f.parsed = map[postree.Syntax]*Parsed{}
	}
	f.parsed[s] = p
	return p
}

// ParseYAMLStream parses the file as a stream of YAML documents (a
// Kubernetes manifest file). The result is kept.
func (f *File) ParseYAMLStream() *Stream {
	if f.stream == nil {
		docs, err := postree.ParseYAMLDocuments(f.Data)
		f.stream = &Stream{Docs: docs, Err: err}
	}
	return f.stream
}

// SourceID is the ID of the file's source subject; every subject read from
// the file links to it.
func (f *File) SourceID() string { return evidence.MakeID(evidence.KindSource, f.Path, "") }

// NewSource returns the file's source subject under label l, with its
// provenance (file, hash, collection time) and size filled in.
func (f *File) NewSource(l Label) *evidence.Source {
	src := newSource(f.Path, l, f.Version, f.Now)
	src.Provenance.SHA256 = f.SHA256
	src.Size = f.Size
	return src
}

// Provenance returns the provenance of a subject read from the file at n
// (nil for the file as a whole), recorded as collected by collector.
func (f *File) Provenance(collector string, n *postree.Node) evidence.Provenance {
	p := evidence.Provenance{
		Collector:        collector,
		CollectorVersion: f.Version,
		File:             f.Path,
		SHA256:           f.SHA256,
		Collected:        f.Now,
	}
	if n != nil {
		p.Line, p.Column, p.Pointer = n.Line, n.Col, redactPointer(n.Pointer)
	}
	return p
}

// redactPointer returns a JSON pointer with every segment that is itself a
// credential redacted: a pointer is built from keys, and a token pasted as
// a key (a server's name) would otherwise reach every report.
func redactPointer(ptr string) string { return secrets.RedactSegments(ptr) }

// Diag returns a diagnostic about the file at n's position (nil: no
// position).
func (f *File) Diag(severity string, n *postree.Node, msg string) evidence.Diagnostic {
	dg := evidence.Diagnostic{Severity: severity, File: f.Path, Message: msg}
	if n != nil {
		dg.Line, dg.Column = n.Line, n.Col
	}
	return dg
}

// Redactor returns the file's redactor, for analyses (launch, remote) that
// take one. Everything added to it is removed from the stored copy and from
// the messages redacted with RedactString.
func (f *File) Redactor() *secrets.Redactor { return f.red }

// Secret remembers a raw secret read from the file, together with the
// escaped form it has inside a JSON (or YAML/TOML double-quoted) string, so
// that neither survives in the stored copy.
func (f *File) Secret(raw string) {
	f.red.Add(raw)
	if b, err := json.Marshal(raw); err == nil {
		if esc := string(b[1 : len(b)-1]); esc != raw {
			f.red.Add(esc)
		}
	}
}

// SecretAt remembers that the scalar n holds a secret: its value, as Secret
// does, and the place it is written, so that the stored copy replaces the
// scalar there whatever escapes, block style or line folding the file uses
// to write it (a search for the decoded value would miss those). The whole
// scalar is replaced; quotes and a YAML block header are kept.
func (f *File) SecretAt(n *postree.Node) {
	if n == nil {
		return
	}
	f.Secret(n.Text)
	if n.Span.Known() && n.Span.End <= len(f.Data) {
		f.spans = append(f.spans, secretSpan{n.Span, n.Text})
	}
}

// RedactString removes from s every secret the file is known to hold (those
// analyzers handed over and those the lexical scan finds) and every secret
// recognisable by its form. Use it on any text derived from the file that
// goes into a subject: reasons, messages.
func (f *File) RedactString(s string) string {
	f.scanLexical()
	return f.red.RedactString(s)
}

// scanLexical adds what the lexical scan of the raw file finds to the
// redactor, once.
func (f *File) scanLexical() {
	if !f.scanned {
		f.scanned = true
		lexicalSecrets(f.raw, f.red)
	}
}

// redactedCopy returns the file's content as stored in the bundle: the
// secret scalars replaced where they are written, then every secret the
// redactor knows or recognises replaced wherever it appears.
func (f *File) redactedCopy() []byte {
	f.scanLexical()
	spans := append(f.spans[:len(f.spans):len(f.spans)], f.encodedSecretSpans()...)
	return f.red.Redact(redactSpans(f.raw, len(f.raw)-len(f.Data), spans))
}

// newSource starts the source subject of the file at rel.
func newSource(rel string, l Label, version string, now time.Time) *evidence.Source {
	return &evidence.Source{
		Meta: evidence.Meta{
			Kind: evidence.KindSource,
			ID:   evidence.MakeID(evidence.KindSource, rel, ""),
			Name: rel,
			Provenance: evidence.Provenance{
				Collector:        l.Collector,
				CollectorVersion: version,
				File:             rel,
				Collected:        now,
			},
		},
		Format: l.Format,
		Client: l.Client,
	}
}
