package controls

import (
	"encoding/json"
	"testing"
)

// TestDirectTemplatesFollowTextTemplate renders templates written to reach
// the corners of text/template's semantics (missing and null fields, fields
// of values that are not maps, variables and their scopes, range over lists
// and maps with break and continue, the subject's added fields, the
// subject's truth) with directTemplate and with text/template over subjects
// shaped for them, and requires the same text wherever directTemplate
// renders, and that it renders most of them.
func TestDirectTemplatesFollowTextTemplate(t *testing.T) {
	templates := []string{
		`{{.name}} in {{.location}} ({{.file}}:{{.line}}) fails {{.failing}} of {{.control}}`,
		`{{.a.b.c}}|{{.nothing.b}}|{{.null}}|{{.s.x}}|{{.null.x}}|{{.n}}|{{.t}}|{{.list}}|{{.m}}`,
		`{{if .}}root{{end}}{{if not $}}empty{{end}}{{with $}}{{.name}}{{end}}{{if .m}}m{{else if .list}}l{{else}}none{{end}}`,
		`{{$x := "a"}}{{range .list}}{{$x = printf "%v/%s" . $x}}{{$y := .}}{{end}}{{$x}}`,
		`{{range $i, $e := .list}}{{if $i}}, {{end}}{{$i}}={{$e}}{{if eq $e "b"}}{{break}}{{end}}{{end}}`,
		`{{range $k, $v := .m}}{{$k}}:{{$v}};{{else}}no map{{end}}{{range .nothing}}x{{else}}nothing{{end}}`,
		`{{range .objs}}{{if eq .mode "skip"}}{{continue}}{{end}}[{{.name}} {{location .}}]{{end}}`,
		`{{if and .s (or .nothing .t (eq .n "2"))}}yes{{end}}{{if or .null .nothing}}{{else}}neither{{end}}{{and .s .n}}{{or .nothing .null}}`,
		`{{eq .s "x"}} {{ne .nothing "x"}} {{eq .null "x"}} {{eq .n "2"}} {{eq .t true}} {{eq .s .t}} {{eq .nothing .null}}`,
		`{{join .list}}|{{join .nothing}}|{{join .s}}|{{join .}}|{{print .s .n .nothing}}|{{printf "%s-%v" .s .null}}|{{print .}}`,
		`{{with .objs}}{{len .}}{{end}}`,
		`{{.line}}{{if .line}} at line {{.line}}{{end}}{{if .provenance.line}}!{{end}}`,
		`{{(location .)}} {{location .m}} {{location .nothing}} {{printf "%q" (print .s)}}`,
		`{{.kind.x}}`,
		`{{range .m}}{{.}}{{end}}{{range $}}{{.}}{{end}}`,
		`{{.}}`,
	}
	var subjects []map[string]any
	for _, src := range []string{
		`{}`,
		`{"kind":"server","name":"gh","s":"x","n":2,"t":true,"null":null,"list":["a","b",null,"c"],"m":{"k":"v","j":1},
		  "a":{"b":{"c":"deep"}},"objs":[{"name":"o1","provenance":{"file":"f.json","line":3}},{"mode":"skip"},null,"str"],
		  "provenance":{"file":"mcp.json","line":12}}`,
		`{"kind":"server","location":"own","file":"own.json","line":"7","failing":"mine","control":"C","s":"","n":0,"t":false,
		  "list":[],"m":{},"objs":[{"name":"only","mode":"keep"}]}`,
		`{"kind":"server","s":{"x":1},"a":"not a map","list":"text","m":[1,2],"objs":{"name":"map"}}`,
	} {
		m, err := DecodeJSON([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, m)
	}
	e := &planEntry{control: &Control{ID: "TEST-01", Title: "Test"}}
	reasons := []Reason{{Path: "env.A.kind"}, {Path: "remote.url"}}
	rendered, total := 0, 0
	for _, src := range templates {
		tmpl, err := newTemplate("t", src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		d := newDirectTemplate(tmpl)
		if d == nil {
			if src != `{{with .objs}}{{len .}}{{end}}` {
				t.Errorf("%s: not rendered directly", src)
			}
			continue
		}
		for _, s := range subjects {
			want := renderTemplate(e, tmpl, s, reasons)
			got, ok := d.execute(s, renderExtras{subject: s, reasons: reasons, control: e.control.ID})
			total++
			if !ok {
				continue
			}
			rendered++
			if got != want {
				data, _ := json.Marshal(s)
				t.Errorf("%s over %s:\ndirect:        %q\ntext/template: %q", src, data, got, want)
			}
		}
	}
	t.Logf("%d of %d rendered directly", rendered, total)
	if rendered < total/2 {
		t.Errorf("only %d of %d rendered directly", rendered, total)
	}
}
