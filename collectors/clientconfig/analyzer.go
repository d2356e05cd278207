package clientconfig

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/definitions"
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// collectorName is the collector family; subjects name their collector
// "clientconfig/<client>".
const collectorName = "clientconfig"

// Analyzers returns one analyzer per client format, in recognition order
// (more specific first; see doc.go).
func Analyzers() []files.Analyzer {
	out := make([]files.Analyzer, len(formats))
	for i, f := range formats {
		out[i] = analyzer{f}
	}
	return out
}

// analyzer reads the files of one format.
type analyzer struct{ f format }

// Label names the format, its client and the collector "clientconfig/<client>".
func (a analyzer) Label() files.Label {
	return files.Label{Format: a.f.ID(), Client: a.f.Client(), Collector: collectorName + "/" + a.f.Client()}
}

// Match is the format's name match; a path in the format's syntax that the
// name does not match is a content match.
func (a analyzer) Match(p string) files.Strength {
	if m := a.f.MatchName(p); m != files.None {
		return m
	}
	if syn, ok := postree.SyntaxOfPath(p); ok {
		if own, _ := a.f.Syntax(); own == syn {
			return files.Content
		}
	}
	return files.None
}

// Analyze parses f as the format's client parses it. A file named strongly
// is the format's even when it does not parse; otherwise the document must
// have the format's shape. A generic name (weak match) that does not parse
// and mentions MCP, or a file named explicitly that does not parse, is a
// tentative parse error: reported unless another analyzer recognises it.
func (a analyzer) Analyze(_ context.Context, file *files.File, by files.Strength) *files.Analysis {
	own, _ := a.f.Syntax()
	if by != files.Strong {
		if syn, ok := postree.SyntaxOfPath(file.Path); ok && syn != own || !ok && by != files.Weak {
			return nil
		}
	}
	parsed := file.Parse(own)
	if parsed.Err != nil {
		switch {
		case by == files.Strong:
			return parseErrorAnalysis(file, a.Label(), own, parsed.Err, false)
		case file.Explicit || by == files.Weak && bytes.Contains(bytes.ToLower(file.Data), []byte("mcp")):
			return parseErrorAnalysis(file, files.Label{Format: "unknown", Collector: collectorName}, own, parsed.Err, true)
		}
		return nil
	}
	if by != files.Strong && !a.f.MatchContent(parsed.Root, by == files.Weak) {
		return nil
	}
	return a.read(file, parsed)
}

// parseErrorAnalysis reports a file that does not parse in syntax syn. The
// file is stored (redacted), so the auditor can see what was there.
func parseErrorAnalysis(file *files.File, l files.Label, syn postree.Syntax, perr *postree.SyntaxError, tentative bool) *files.Analysis {
	src := file.NewSource(l)
	src.Status = evidence.StatusParseError
	src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: file.Path, Line: perr.Line, Column: perr.Col,
		Message: fmt.Sprintf("%s syntax error: %s", syn, perr.Msg)}}
	return &files.Analysis{Source: src, Store: true, Tentative: tentative}
}

// read reads the servers a parsed document declares.
func (a analyzer) read(file *files.File, parsed *files.Parsed) *files.Analysis {
	f := a.f
	src := file.NewSource(a.Label())
	d := &document{file: file, path: file.Path, root: parsed.Root, location: file.Location, sourceID: src.ID}
	if d.location == files.Project && strings.HasPrefix(file.Path, "~/") {
		d.location = files.User
	}
	syn, dialect := f.Syntax()
	src.JSONC = syn == postree.JSON && parsed.Leniency.Used()
	servers, diags := f.Parse(d)
	src.Status = evidence.StatusOK
	for _, dg := range diags {
		if dg.Severity == "error" {
			src.Status = evidence.StatusSchemaError
		}
	}
	if syn == postree.JSON {
		if v := parsed.Leniency.Violation(dialect); v != nil {
			src.Status = evidence.StatusParseError
			diags = append([]evidence.Diagnostic{{Severity: "error", File: file.Path, Line: v.Line, Column: v.Col,
				Message: fmt.Sprintf("%s reads %s; the %s at line %d, column %d makes the file fail to load", f.Client(), dialect, v.Msg, v.Line, v.Col)}}, diags...)
			for _, s := range servers {
				if !s.Ignored {
					s.Ignored = true
					s.IgnoredReason = fmt.Sprintf("%s cannot parse the file (%s at line %d); the entry is not loaded", f.Client(), v.Msg, v.Line)
				}
			}
		}
	}
	for _, dup := range parsed.Leniency.Duplicates {
		diags = append(diags, evidence.Diagnostic{Severity: "warning", File: file.Path, Line: dup.Line, Column: dup.Col, Message: dup.Msg})
	}
	src.Diagnostics = diags
	p := &parser{d: d, f: f, servers: servers}
	p.finish()
	src.UnreadKeys = unreadKeys(f, d)
	src.Credentials = fileCredentials(file, d, secrets.SyntaxFor(f.Client()), servers)
	subjects := make([]evidence.Subject, 0, len(servers))
	for _, s := range servers {
		if s.Ignored {
			src.IgnoredEntries++
		} else {
			src.Servers++
		}
		if s.IgnoredReason != "" {
			s.IgnoredReason = file.RedactString(s.IgnoredReason)
		}
		subjects = append(subjects, s)
	}
	if sr, ok := f.(settingsReader); ok {
		cs := newClientSettings(d, f)
		sr.readSettings(d, cs)
		subjects = append(subjects, cs.subject())
	}
	if f.ID() == (mcpbFormat{}).ID() {
		subjects = append(subjects, bundleDefinitions(file, parsed.Root, servers, src.ID)...)
	}
	return &files.Analysis{Source: src, Subjects: subjects, Store: true}
}

// bundleDefinitions reads the tools and prompts an MCPB manifest declares
// as tool subjects of its server, so their descriptions are judged and
// locked like those of a live server.
func bundleDefinitions(file *files.File, root *postree.Node, servers []*evidence.Server, sourceID string) []evidence.Subject {
	if len(servers) == 0 {
		return nil
	}
	srv := servers[0]
	origin := tooldef.Origin{Server: srv.Name, Collector: collectorName + "/mcpb", Version: file.Version, File: file.Path,
		SHA256: file.SHA256, Collected: file.Now, Links: []string{srv.ID, sourceID}}
	var out []evidence.Subject
	for _, kind := range []struct{ key, typ string }{{"tools", evidence.DefinitionTool}, {"prompts", evidence.DefinitionPrompt}} {
		list := root.Get(kind.key)
		if !list.IsArray() {
			continue
		}
		for _, item := range list.Items {
			if name, _ := item.Str("name"); name != "" && item.IsObject() {
				out = append(out, definitions.Subject(file, kind.typ, item, origin))
			}
		}
	}
	return out
}
