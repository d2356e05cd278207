// Package html writes tollgate-report.html: one self-contained page (style,
// script and charts embedded, nothing fetched) that a person opens from the
// output folder, even offline and from a file:// URL. It shows the gate
// verdict, per-framework coverage charts scoped to MCP, the findings grouped
// by control with filters and search, the inventory of every subject kind,
// waivers and attestations, the trend when a history is kept, and links into
// the evidence bundle beside it.
//
// Every value comes from the assessment and goes through html/template, so
// a server name or tool description holding markup is shown as text. The
// page's Content-Security-Policy allows only its own style and script (by
// hash) and no network at all.
package html

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	htmltemplate "html/template"
	"io"
	"iter"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/console"
	assets "github.com/tollgate-dev/tollgate/templates/html"
)

// Options configure the page.
type Options struct {
	// Gate is the gate's verdict, shown at the top; nil when the page is
	// rendered without one.
	Gate *console.Gate
	// EvidenceBase is the path from the page to the evidence bundle (e.g.
	// "evidence/"): file locations link into the bundle's redacted copies.
	// Empty: no links.
	EvidenceBase string
}

var page = htmltemplate.Must(htmltemplate.New("report").Funcs(htmltemplate.FuncMap{
	"plural":        words.Count,
	"spans":         spans,
	"findingRows":   writeRows(writeFindingRow),
	"inventoryRows": writeRows(writeInventoryRow),
	"artifactRows":  writeRows(writeArtifactRow),
}).Parse(assets.Page))

// Write writes r as the HTML report to w.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write HTML report: no results")
	}
	m := build(r, opts)
	m.CSS = htmltemplate.CSS(assets.Style)
	m.JS = htmltemplate.JS(assets.Script)
	m.CSP = contentSecurityPolicy(assets.Style, assets.Script)
	// The page is written as it is rendered, never held whole; a page that
	// fails to render is left incomplete in w (report.WriteOutputs then
	// writes nothing at all).
	bw := bufio.NewWriterSize(w, 256<<10)
	m.rows = &rowSink{w: bw}
	if err := page.Execute(bw, m); err != nil {
		return fmt.Errorf("render HTML report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

// rowSink is where the page's finding, inventory and evidence rows go:
// straight into the writer the page is rendered into, in the place of the
// template call that writes them (the template writes everything before
// the call to the same writer first), without a string per row.
type rowSink struct {
	w   *bufio.Writer
	row bytes.Buffer
}

// writeRows returns the template function that writes a table's rows,
// each with write, where the template calls it, and returns nothing for the
// template to print.
func writeRows[T any](write func(*bytes.Buffer, T)) func(*model, iter.Seq[T]) (htmltemplate.HTML, error) {
	return func(m *model, rows iter.Seq[T]) (htmltemplate.HTML, error) {
		for r := range rows {
			m.rows.row.Reset()
			write(&m.rows.row, r)
			if _, err := m.rows.w.Write(m.rows.row.Bytes()); err != nil {
				return "", err
			}
		}
		return "", nil
	}
}

// contentSecurityPolicy allows exactly the page's own style sheet and
// script, images from data: URLs, and nothing else: no fetch, no frame, no
// form submission, no other script (even one that escaped escaping).
func contentSecurityPolicy(style, script string) string {
	return "default-src 'none'; style-src '" + hash(style) + "'; script-src '" + hash(script) +
		"'; img-src data:; base-uri 'none'; form-action 'none'"
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// span is a run of text, shown as code when Code is set.
type span struct {
	Text string
	Code bool
}

// spans splits prose at backticks, as the catalog writes commands and
// keys (`--privileged`), so they show as code; unbalanced backticks stay.
func spans(s string) []span {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		return []span{{Text: s}}
	}
	out := make([]span, 0, len(parts))
	for i, p := range parts {
		if p != "" {
			out = append(out, span{Text: p, Code: i%2 == 1})
		}
	}
	return out
}
