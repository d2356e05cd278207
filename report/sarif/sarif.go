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
	"github.com/tollgate-dev/tollgate/evidence"
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
	rw := &resultWriter{x: x, root: cleanRoot(opts.Root)}
	arts := scannedArtifacts(r)
	artifactsOut := streamed{n: len(arts), appendAt: func(dst []byte, i int) []byte {
		return rw.appendArtifact(dst, arts[i])
	}}
	resultsOut := streamed{n: len(findings), appendAt: func(dst []byte, i int) []byte {
		return rw.appendFindingResult(dst, &findings[i], index[findings[i].Control.ID])
	}}
	if err := writeStreaming(w, doc, artifactsOut, resultsOut); err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	return nil
}

// document is the log of x without its artifacts and results, the
// findings the results are built from, and the index of each control's
// rule.
func document(x *view.Index, opts Options) (log, []view.Finding, map[string]int) {
	rules, index := buildRules(x)
	out := run{
		Tool:    tool{Driver: driver{Name: "Tollgate", Version: x.R.Version, InformationURI: infoURI, Rules: rules}},
		Results: []result{},
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

// resultsIndent is the indentation of an element of runs[0].results (and
// of runs[0].artifacts) in the log as encodeLog lays it out.
const resultsIndent = "        "

// streamSentinel is the rule ID of the single result that stands for the
// results while the rest of the log is encoded; artifactsSentinel the URI
// of the single artifact that stands for the artifacts.
const (
	streamSentinel    = "tollgate-streamed-results"
	artifactsSentinel = "tollgate-streamed-artifacts"
)

// encodeLog encodes doc as the log is written: indented by two spaces,
// HTML characters unescaped, with a final newline.
func encodeLog(w io.Writer, doc log) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// streamed is an array of the log's run written one element at a time:
// n elements, appendAt(dst, i) appending the compact encoding of element
// i.
type streamed struct {
	n        int
	appendAt func(dst []byte, i int) []byte
}

// writeStreaming writes to w exactly what encodeLog writes for doc with
// the elements of artifacts as runs[0].artifacts and those of results as
// runs[0].results, but encodes them one at a time: the rest of the log is
// encoded with a sentinel element in the place of each array (the
// artifacts are left out when there are none), and each sentinel's
// encoding is replaced by the array's elements.
func writeStreaming(w io.Writer, doc log, artifacts, results streamed) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if artifacts.n == 0 && results.n == 0 {
		if err := encodeLog(bw, doc); err != nil {
			return err
		}
		return bw.Flush()
	}
	var hand, indented []byte // an element's encoding, compact and indented
	var sentinels [][]byte
	var arrays []streamed
	if artifacts.n > 0 {
		doc.Runs[0].Artifacts = []artifact{{Location: artifactLoc{URI: artifactsSentinel}}}
		compact := appendArtifactEntry(nil, artifactsSentinel, "", 0, "")
		sentinels = append(sentinels, jsonindent.Append(nil, compact, resultsIndent, "  "))
		arrays = append(arrays, artifacts)
	}
	if results.n > 0 {
		r := result{RuleID: streamSentinel}
		doc.Runs[0].Results = []result{r}
		compact, _ := appendResult(nil, &r)
		sentinels = append(sentinels, jsonindent.Append(nil, compact, resultsIndent, "  "))
		arrays = append(arrays, results)
	}
	// The skeleton as encodeLog writes it, indented by jsonindent.
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	skel := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
	rest := append(jsonindent.Append(make([]byte, 0, len(skel)*3/2), skel, "", "  "), '\n')
	for k, sentinel := range sentinels {
		at := bytes.Index(rest, sentinel)
		if at < 0 || bytes.Contains(rest[at+1:], sentinel) {
			return fmt.Errorf("encode SARIF: the place of an array was not found once")
		}
		bw.Write(rest[:at])
		for i := range arrays[k].n {
			hand = arrays[k].appendAt(hand[:0], i)
			indented = jsonindent.Append(indented[:0], hand, resultsIndent, "  ")
			if i > 0 {
				bw.WriteString(",\n" + resultsIndent)
			}
			bw.Write(indented)
		}
		rest = rest[at+len(sentinel):]
	}
	bw.Write(rest)
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
		res.Suppressions = []suppression{{Kind: "external", Status: "accepted", Justification: justification(&f)}}
	}
	return res
}

// justification says why a waived finding is suppressed.
func justification(f *view.Finding) string {
	if w := f.Waiver; w != nil {
		return fmt.Sprintf("%s (waiver %s, owner %s, approved by %s, expires %s)", w.Justification, w.ID, w.Owner, w.ApprovedBy, w.Expires.UTC().Format("2006-01-02"))
	}
	return "Waived by " + orDefault(f.Eval.Waiver, "a waiver")
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

// scannedArtifacts are the artifacts of r that are files of the scanned
// tree, as the log lists them.
func scannedArtifacts(r *assess.Results) []*evidence.Artifact {
	out := make([]*evidence.Artifact, 0, len(r.Artifacts))
	for i := range r.Artifacts {
		if r.Artifacts[i].Format == policy.Format {
			continue // not a file of the scanned tree: the policy it was judged against
		}
		out = append(out, &r.Artifacts[i])
	}
	return out
}

// rooted joins the scan root's path in the repository and a path relative
// to the scan root; paths outside the scan root (absolute, or under ~/)
// are left alone.
func rooted(root, p string) string { return joinRoot(cleanRoot(root), p) }

// cleanRoot is root as rooted joins it: slash-separated, clean, with no
// leading or trailing slash.
func cleanRoot(root string) string {
	return strings.Trim(path.Clean("/"+filepath.ToSlash(root)), "/")
}

// joinRoot is rooted for a root cleaned by cleanRoot.
func joinRoot(root, p string) string {
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
	if view.PlainPath(path) {
		return path
	}
	return escapeSegments(path)
}

// escapeSegments percent-encodes each segment of path as fileURI
// describes.
func escapeSegments(path string) string {
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
