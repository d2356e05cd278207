// Package sarif writes Tollgate results as SARIF 2.1.0 for code scanning:
// one rule per control (help with description and remediation, tags with
// the framework requirements and risks, a security-severity), one result
// per failing control × subject at its file and line, waived failures as
// suppressed results with the waiver's justification, and evaluation errors
// as tool notifications. Passing pairs produce nothing.
package sarif

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/jsonindent"
	"github.com/tollgate-dev/tollgate/policy"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

const (
	schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	infoURI   = "https://tollgate.dev"
	// srcRoot is the base every artifact URI is relative to: the repository
	// (the working directory), Options.Root being the scan root's path in it.
	srcRoot = "SRCROOT"
	// fingerprintKey names Tollgate's partial fingerprint.
	fingerprintKey = assess.FingerprintRecipe
)

// Options configure the SARIF log.
type Options struct {
	// Category distinguishes runs uploaded for the same commit (automationDetails.id).
	Category string
	// Root is the scan root's path relative to the repository, prefixed to
	// every file path (which is relative to the scan root), so that code
	// scanning finds the files: assessing examples/acme from the repository
	// root gives examples/acme/repos/…. Empty leaves paths as they are.
	Root string
}

// Write writes r as a SARIF 2.1.0 log to w. The results are built and
// encoded one at a time as they are written (see writeStreaming), so the
// log is never held whole.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write SARIF: no results")
	}
	x := view.For(r)
	doc, findings, index := document(x, opts)
	resultAt := func(i int) result { return buildResult(x, findings[i], index[findings[i].Control.ID], opts.Root) }
	if err := writeStreaming(w, doc, len(findings), resultAt); err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	return nil
}

// document is the log of x without its results, the findings the results
// are built from, and the index of each control's rule.
func document(x *view.Index, opts Options) (log, []view.Finding, map[string]int) {
	rules, index := buildRules(x)
	out := run{
		Tool:      tool{Driver: driver{Name: "Tollgate", Version: x.R.Version, InformationURI: infoURI, Rules: rules}},
		Artifacts: artifacts(x.R, opts.Root),
		Results:   []result{},
	}
	if opts.Category != "" {
		out.AutomationDetails = &automationDetails{ID: strings.TrimSuffix(opts.Category, "/") + "/"}
	}
	inv := invocation{ExecutionSuccessful: true}
	for _, f := range x.Errors() {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, notification{
			Level:          "error",
			Message:        message{Text: orDefault(f.Eval.Message, f.Control.ID+" could not be evaluated for "+f.Subject.Name)},
			AssociatedRule: &reportingRef{ID: f.Control.ID, Index: index[f.Control.ID]},
			Locations:      locations(f, opts.Root),
			Properties:     map[string]any{"subject": f.Subject.ID},
		})
	}
	out.Invocations = []invocation{inv}
	return log{Schema: schemaURI, Version: "2.1.0", Runs: []run{out}}, x.Findings(), index
}

// resultsIndent is the indentation of an element of runs[0].results in
// the log as encodeLog lays it out.
const resultsIndent = "        "

// streamSentinel is the rule ID of the single result that stands for the
// results while the rest of the log is encoded.
const streamSentinel = "tollgate-streamed-results"

// encodeLog encodes doc as the log is written: indented by two spaces,
// HTML characters unescaped, with a final newline.
func encodeLog(w io.Writer, doc log) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeStreaming writes to w exactly what encodeLog writes for doc with the
// n results resultAt(i) as runs[0].results, but encodes the results one at
// a time: the rest of the log is encoded with a sentinel result in their
// place, and the sentinel's encoding is replaced by theirs.
func writeStreaming(w io.Writer, doc log, n int, resultAt func(int) result) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if n == 0 {
		if err := encodeLog(bw, doc); err != nil {
			return err
		}
		return bw.Flush()
	}
	var elem bytes.Buffer
	var indented []byte
	enc := json.NewEncoder(&elem)
	enc.SetEscapeHTML(false)
	var hand []byte // the encoding written by hand
	encode := func(r result) ([]byte, error) {
		var data []byte
		var ok bool
		if hand, ok = appendResult(hand[:0], &r); ok {
			data = hand
		} else {
			elem.Reset()
			if err := enc.Encode(r); err != nil {
				return nil, err
			}
			data = bytes.TrimSuffix(elem.Bytes(), []byte("\n"))
		}
		indented = jsonindent.Append(indented[:0], data, resultsIndent, "  ")
		return indented, nil
	}
	sentinel, err := encode(result{RuleID: streamSentinel})
	if err != nil {
		return err
	}
	sentinel = bytes.Clone(sentinel)
	doc.Runs[0].Results = []result{{RuleID: streamSentinel}}
	var skel bytes.Buffer
	if err := encodeLog(&skel, doc); err != nil {
		return err
	}
	at := bytes.Index(skel.Bytes(), sentinel)
	if at < 0 || bytes.Contains(skel.Bytes()[at+1:], sentinel) {
		return fmt.Errorf("encode SARIF: the results' place was not found once")
	}
	bw.Write(skel.Bytes()[:at])
	for i := range n {
		data, err := encode(resultAt(i))
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",\n" + resultsIndent)
		}
		bw.Write(data)
	}
	bw.Write(skel.Bytes()[at+len(sentinel):])
	return bw.Flush()
}

// buildResult turns one failing or waived pair into a SARIF result.
func buildResult(x *view.Index, f view.Finding, ruleIndex int, root string) result {
	res := result{
		RuleID:    f.Control.ID,
		RuleIndex: ruleIndex,
		Level:     level(f.Control.Severity),
		Message:   message{Text: f.Eval.Message},
		Locations: locations(f, root),
		PartialFingerprints: map[string]string{
			fingerprintKey: f.Fingerprint(),
		},
		Properties: map[string]any{
			"subject":     f.Subject.ID,
			"subjectKind": string(f.Subject.Kind),
			"severity":    f.Control.Severity,
			"findingId":   f.ID(),
		},
	}
	if strings.TrimSpace(res.Message.Text) == "" {
		res.Message.Text = f.Subject.Name + " fails " + f.Control.ID + ": " + f.Control.Title
	}
	switch x.R.Baseline.State(*f.Eval) {
	case assess.BaselineNew:
		res.BaselineState = "new"
	case assess.BaselineUnchanged:
		res.BaselineState = "unchanged"
	}
	if len(f.Eval.Reasons) > 0 {
		res.Properties["reasons"] = view.ReasonTexts(f.Eval.Reasons)
	}
	if f.Waived() {
		just := "Waived by " + orDefault(f.Eval.Waiver, "a waiver")
		if w := f.Waiver; w != nil {
			just = fmt.Sprintf("%s (waiver %s, owner %s, approved by %s, expires %s)", w.Justification, w.ID, w.Owner, w.ApprovedBy, w.Expires.UTC().Format("2006-01-02"))
		}
		res.Suppressions = []suppression{{Kind: "external", Status: "accepted", Justification: just}}
	}
	return res
}

// locations points at the subject's declaration: file and line when known,
// else a logical location (URL, cluster object or subject ID).
func locations(f view.Finding, root string) []location {
	p := f.Subject.Provenance
	if p.File != "" {
		pl := &physicalLocation{ArtifactLocation: artifactLoc{URI: fileURI(rooted(root, p.File)), URIBaseID: srcRoot}}
		if p.Line > 0 {
			pl.Region = &region{StartLine: p.Line, StartColumn: p.Column}
		}
		return []location{{PhysicalLocation: pl}}
	}
	name := orDefault(f.Location, f.Subject.ID)
	return []location{{LogicalLocations: []logicalLocation{{Name: name, FullyQualifiedName: f.Subject.ID, Kind: "resource"}}}}
}

// level maps a control severity onto a SARIF level.
func level(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// securitySeverity is the CVSS-like score code-scanning tools rank by.
func securitySeverity(severity string) string {
	switch severity {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "medium":
		return "5.5"
	case "low":
		return "3.0"
	}
	return ""
}

func artifacts(r *assess.Results, root string) []artifact {
	var out []artifact
	for _, a := range r.Artifacts {
		if a.Format == policy.Format {
			continue // not a file of the scanned tree: the policy it was judged against
		}
		art := artifact{Location: artifactLoc{URI: fileURI(rooted(root, a.Path)), URIBaseID: srcRoot}, Length: a.Size}
		if a.SHA256 != "" {
			art.Hashes = map[string]string{"sha-256": a.SHA256}
		}
		out = append(out, art)
	}
	return out
}

// rooted joins the scan root's path in the repository and a path relative
// to the scan root; paths outside the scan root (absolute, or under ~/)
// are left alone.
func rooted(root, p string) string {
	root = strings.Trim(path.Clean("/"+filepath.ToSlash(root)), "/")
	if root == "" || path.IsAbs(p) || strings.HasPrefix(p, "~") || strings.Contains(p, ":") {
		return p
	}
	return path.Join(root, p)
}

// fileURI turns a slash-separated path relative to the scan root into a
// relative URI reference, as SARIF requires: each segment percent-encoded
// (a space, '#', '%' or '?' in a file name would otherwise change its
// meaning).
func fileURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		// ':' too, so no first segment reads as a URI scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
