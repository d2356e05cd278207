package gateway

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// collectorName is the collector family; subjects name their collector
// "gateway/<product>".
const collectorName = "gateway"

// format reads one gateway product's configuration file.
type format struct {
	// id identifies the file format, e.g. "agentgateway/config".
	id string
	// product is the gateway product the file configures.
	product string
	// syntax is the file's syntax; parse, when set, reads the file instead.
	syntax postree.Syntax
	parse  func(f *files.File) (*postree.Node, *postree.SyntaxError)
	// parseSyntax names the syntax parse reads, for messages ("dotenv"
	// when empty).
	parseSyntax string
	// claimBroken, when set, reports whether a file matched by name that
	// does not parse is still the format's (its text says so), so that its
	// syntax error is reported.
	claimBroken func(f *files.File) bool
	// brokenSecrets, when set, hands the secrets of a file that does not
	// parse to the file's redactor, read as loosely as the syntax allows
	// (the lexical scan knows only "key: value" and "key = value").
	brokenSecrets func(f *files.File)
	// name says how strongly a path alone names the format (files.None:
	// only the content decides).
	name func(p string) files.Strength
	// recognise reports whether a parsed document is the format's. byName is
	// true when the path matched by name (weakly or strongly).
	recognise func(f *files.File, root *postree.Node, byName bool) bool
	// read reads the document into b.
	read func(b *builder, root *postree.Node)
	// syn is the reference syntax the product expands in the file.
	syn secrets.Syntax
}

// analyzer reads the files of one gateway format.
type analyzer struct{ f *format }

// Label names the format, its product and the collector "gateway/<product>".
func (a analyzer) Label() files.Label {
	return files.Label{Format: a.f.id, Client: a.f.product, Collector: collectorName + "/" + a.f.product}
}

// Match is the format's name match; any other path in the format's syntax is
// a content match.
func (a analyzer) Match(p string) files.Strength {
	if a.f.name != nil {
		if m := a.f.name(p); m != files.None {
			return m
		}
	}
	if a.f.parse != nil {
		return files.None
	}
	if syn, ok := postree.SyntaxOfPath(p); ok && syn == a.f.syntax {
		return files.Content
	}
	return files.None
}

// Analyze parses f. A file named strongly is the format's even when it does
// not parse; otherwise the document must be recognisably the format's.
func (a analyzer) Analyze(_ context.Context, f *files.File, by files.Strength) *files.Analysis {
	var root *postree.Node
	var perr *postree.SyntaxError
	if a.f.parse != nil {
		root, perr = a.f.parse(f)
	} else {
		p := f.Parse(a.f.syntax)
		root, perr = p.Root, p.Err
	}
	if perr != nil {
		if by != files.Strong && !a.namesProduct(f) && (a.f.claimBroken == nil || by < files.Weak || !a.f.claimBroken(f)) {
			return nil
		}
		return a.parseError(f, perr, by != files.Strong)
	}
	if !a.f.recognise(f, root, by >= files.Weak) {
		return nil
	}
	return a.read(f, root)
}

// namesProduct reports whether a file that does not parse still says it is
// the product's: its path or text names the product.
func (a analyzer) namesProduct(f *files.File) bool {
	word := strings.ToLower(a.f.product)
	return strings.Contains(strings.ToLower(f.Path), word) || strings.Contains(strings.ToLower(string(f.Data)), word)
}

// parseError reports a file of the format that does not parse, naming the
// line. A Helm template (values written with {{ }}) gets a hint: it is not
// the configuration until it is rendered.
func (a analyzer) parseError(f *files.File, perr *postree.SyntaxError, tentative bool) *files.Analysis {
	if a.f.brokenSecrets != nil {
		a.f.brokenSecrets(f)
	}
	src := f.NewSource(a.Label())
	src.Status = evidence.StatusParseError
	msg := fmt.Sprintf("%s syntax error: %s", syntaxName(a.f), perr.Msg)
	if templated(f.Data, perr.Line) || helmActionLine(f.Data) > 0 {
		msg += " (the file is a template: render it, e.g. with `helm template`, and assess the output)"
	}
	src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: f.Path, Line: perr.Line, Column: perr.Col, Message: msg}}
	return &files.Analysis{Source: src, Store: true, Tentative: tentative}
}

// syntaxName names the syntax of a format for messages.
func syntaxName(f *format) string {
	if f.parseSyntax != "" {
		return f.parseSyntax
	}
	if f.parse != nil {
		return "dotenv"
	}
	return f.syntax.String()
}

// templated reports whether the line holds template directives ({{ … }}).
func templated(data []byte, line int) bool {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return false
	}
	return strings.Contains(lines[line-1], "{{")
}

// reHelmAction is a Go template action as Helm charts write them ({{ .Values.x }},
// {{- include … }}, {{ if … }}), not the {{name.key}} placeholders of Docker
// MCP catalogs nor the ${{ … }} references of decK and Continue.
var reHelmAction = regexp.MustCompile(`(^|[^$])\{\{-?\s*(\.[A-Za-z$]|\$|(include|template|toYaml|toJson|tpl|if|else|end|range|with|define|required|default|quote|printf)\b)`)

// helmActionLine returns the line of the first Helm template action in
// data, or 0.
func helmActionLine(data []byte) int {
	loc := reHelmAction.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]+1], []byte("\n")) + 1
}

// read reads a recognised document.
func (a analyzer) read(f *files.File, root *postree.Node) *files.Analysis {
	src := f.NewSource(a.Label())
	b := newBuilder(fileSite(f), a.f.product, a.f.id, a.f.syn)
	a.f.read(b, root)
	if line := helmActionLine(f.Data); line > 0 {
		b.diags = append(b.diags, evidence.Diagnostic{Severity: "error", File: f.Path, Line: line, Message: fmt.Sprintf(
			"the file is a template ({{ … }} actions): %s reads it only once rendered (e.g. with `helm template`); the values written as actions are unknown, the rest is assessed as written", a.f.product)})
	}
	src.Status = evidence.StatusOK
	src.Diagnostics = b.diags
	subjects := b.subjects()
	for _, d := range b.diags {
		if d.Severity == "error" {
			// The product refuses the file as written; what it declares is
			// still read and judged.
			src.Status = evidence.StatusSchemaError
		}
	}
	for _, s := range subjects {
		if srv, ok := s.(*evidence.Server); ok {
			if srv.Ignored {
				src.IgnoredEntries++
			} else {
				src.Servers++
			}
			srv.IgnoredReason = f.RedactString(srv.IgnoredReason)
		}
		if gw, ok := s.(*evidence.Gateway); ok {
			for i := range gw.ConfigErrors {
				gw.ConfigErrors[i] = f.RedactString(gw.ConfigErrors[i])
			}
			for i := range gw.IgnoredSettings {
				gw.IgnoredSettings[i] = f.RedactString(gw.IgnoredSettings[i])
			}
		}
	}
	return &files.Analysis{Source: src, Subjects: subjects, Store: true}
}

// fileSite is the site of a file read by the walk.
func fileSite(f *files.File) site {
	return site{
		path:     f.Path,
		sourceID: f.SourceID(),
		prov:     func(n *postree.Node) evidence.Provenance { return f.Provenance("", n) },
		diag:     f.Diag,
		secret:   f.Secret,
		secretAt: f.SecretAt,
		red:      f.Redactor(),
		beside:   func(rel string) ([]byte, string, bool) { return readBeside(f, rel) },
	}
}

// baseName returns the last element of a slash-separated path, and, for the
// flattened names of copied files ("owner__repo__dir_config.yaml"), the part
// after the last "__".
func baseName(p string) string {
	b := path.Base(p)
	if i := strings.LastIndex(b, "__"); i >= 0 {
		b = b[i+2:]
	}
	return b
}
