package controls

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"github.com/tollgate-dev/tollgate/evidence"
)

// templateFuncs are the functions message and credit templates may call:
// location renders where a subject map (the subject itself, or one of
// .linked's) was declared, as file:line or the best location known; join
// writes a list's entries separated by commas ({{join .unknown_keys}}),
// where printing the list itself would write Go's [a b c].
var templateFuncs = template.FuncMap{
	"location": func(subject any) string {
		m, _ := subject.(map[string]any)
		return provenanceOf(m).Location()
	},
	"join": join,
}

// join writes the entries of a list separated by ", " (or by sep, when
// given), and any other value as text ("" for none).
func join(v any, sep ...string) string {
	separator := ", "
	if len(sep) > 0 {
		separator = sep[0]
	}
	var parts []string
	switch l := v.(type) {
	case nil:
		return ""
	case []any:
		parts = make([]string, len(l))
		for i, e := range l {
			parts[i] = fmt.Sprint(e)
		}
	case []string:
		parts = l
	default:
		return fmt.Sprint(v)
	}
	return strings.Join(parts, separator)
}

// newTemplate parses a message or credit template with templateFuncs.
func newTemplate(name, text string) (*template.Template, error) {
	return template.New(name).Funcs(templateFuncs).Parse(text)
}

// Message fills control i's message template for a failing subject. The
// template sees the subject's JSON fields plus .location (file:line or the
// best location known), .file, .line, .failing (the failing paths, joined
// by commas) and .control (the control ID). The extra fields are set on
// subject while the template runs and removed afterwards, so subject must
// not be shared with another goroutine during the call.
func (p *Plan) Message(i int, subject map[string]any, reasons []Reason) string {
	e := &p.entries[i]
	if e.tmpl == nil {
		return ""
	}
	return p.render(e, e.tmpl, e.direct, subject, reasons)
}

// Credit fills control i's credit template for a passing subject: what
// another subject linked to it contributed to the pass. It is "" when the
// control has no credit template or the template writes nothing for this
// subject. The template sees what Message's does.
func (p *Plan) Credit(i int, subject map[string]any) string {
	e := &p.entries[i]
	if e.credit == nil {
		return ""
	}
	return strings.TrimSpace(p.render(e, e.credit, e.creditDirect, subject, nil))
}

// render executes tmpl over subject with the extra fields Message
// describes: with direct where it can, else with text/template.
func (p *Plan) render(e *planEntry, tmpl *template.Template, direct *directTemplate, subject map[string]any, reasons []Reason) string {
	if direct != nil {
		if out, ok := direct.execute(subject, renderExtras{subject: subject, reasons: reasons, control: e.control.ID}); ok {
			return out
		}
	}
	return renderTemplate(e, tmpl, subject, reasons)
}

// noValueText is what text/template prints for a missing field; messages
// leave it out.
const noValueText = "<no value>"

// renderTemplate executes tmpl with text/template: the extra fields are
// set on subject while it runs and removed afterwards.
func renderTemplate(e *planEntry, tmpl *template.Template, subject map[string]any, reasons []Reason) string {
	prov := provenanceOf(subject)
	extra := [...]struct {
		key string
		val any
	}{
		{"location", prov.Location()}, {"file", prov.File}, {"line", prov.Line},
		{"failing", failing(reasons)}, {"control", e.control.ID},
	}
	var saved [len(extra)]any
	var had [len(extra)]bool
	for j, x := range extra {
		saved[j], had[j] = subject[x.key]
		subject[x.key] = x.val
	}
	defer func() {
		for j, x := range extra {
			if had[j] {
				subject[x.key] = saved[j]
			} else {
				delete(subject, x.key)
			}
		}
	}()
	var b strings.Builder
	if err := tmpl.Execute(&b, subject); err != nil {
		return e.control.Title + " (message template failed: " + err.Error() + ")"
	}
	return strings.ReplaceAll(b.String(), noValueText, "")
}

// provenanceOf reads the location fields of a subject's provenance.
func provenanceOf(subject map[string]any) evidence.Provenance {
	m, _ := subject["provenance"].(map[string]any)
	str := func(k string) string { s, _ := m[k].(string); return s }
	var line int
	switch v := m["line"].(type) {
	case json.Number:
		n, _ := strconv.Atoi(string(v))
		line = n
	case float64:
		line = int(v)
	}
	return evidence.Provenance{
		File: str("file"), Line: line, URL: str("url"),
		Cluster: str("cluster"), Namespace: str("namespace"), Object: str("object"),
	}
}
