package controls

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

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
	if err := e.tmpl.Execute(&b, subject); err != nil {
		return e.control.Title + " (message template failed: " + err.Error() + ")"
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
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
