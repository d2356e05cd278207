package json

import (
	"strconv"

	"github.com/tollgate-dev/tollgate/internal/jsonstr"
)

// The evaluations (one per subject a control judged), the findings and the
// subjects are most of a large results.json. They are encoded here by
// hand, byte for byte as encoding/json (HTML escaping off) encodes them:
// the compact encoding, and the indented form directly, without a compact
// encoding to indent. TestHandEncodingIsJSON compares them with
// encoding/json and json.Indent.

// appendCompact appends v's compact encoding when v is a type encoded by
// hand; ok is false for any other.
func appendCompact(dst []byte, v any) (_ []byte, ok bool) {
	switch v := v.(type) {
	case *Evaluation:
		return appendEvaluation(dst, v), true
	case *Finding:
		return appendFinding(dst, v), true
	case *Subject:
		return appendSubject(dst, v), true
	}
	return dst, false
}

func appendEvaluation(dst []byte, e *Evaluation) []byte {
	dst = jsonstr.AppendMember(dst, '{', "subject", e.Subject)
	dst = jsonstr.AppendMember(dst, ',', "verdict", e.Verdict)
	dst = jsonstr.AppendMember(dst, ',', "message", e.Message)
	dst = append(dst, `,"reasons":`...)
	dst = appendReasons(dst, e.Reasons)
	dst = jsonstr.AppendMember(dst, ',', "waiver", e.Waiver)
	dst = jsonstr.AppendMember(dst, ',', "attestation", e.Attestation)
	dst = jsonstr.AppendMember(dst, ',', "location", e.Location)
	return append(dst, '}')
}

// appendEvaluationIndented appends what jsonindent.Append appends for
// the compact encoding of e with prefix and an indent of two spaces,
// without the compact encoding in between: results.json lists an
// evaluation for every subject each control judged.
func appendEvaluationIndented(dst []byte, e *Evaluation, prefix string) []byte {
	line := func(dst []byte, depth int) []byte {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, "  "...)
		}
		return dst
	}
	member := func(dst []byte, key, value string) []byte {
		dst = line(dst, 1)
		dst = append(dst, key...)
		return jsonstr.Append(dst, value)
	}
	dst = append(dst, '{')
	dst = member(dst, `"subject": `, e.Subject)
	dst = append(dst, ',')
	dst = member(dst, `"verdict": `, e.Verdict)
	dst = append(dst, ',')
	dst = member(dst, `"message": `, e.Message)
	dst = append(dst, ',')
	dst = line(dst, 1)
	dst = append(dst, `"reasons": `...)
	switch {
	case e.Reasons == nil:
		dst = append(dst, "null"...)
	case len(e.Reasons) == 0:
		dst = append(dst, "[]"...)
	default:
		dst = append(dst, '[')
		for i := range e.Reasons {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = line(dst, 2)
			dst = append(dst, '{')
			dst = line(dst, 3)
			dst = append(dst, `"path": `...)
			dst = jsonstr.Append(dst, e.Reasons[i].Path)
			dst = append(dst, ',')
			dst = line(dst, 3)
			dst = append(dst, `"detail": `...)
			dst = jsonstr.Append(dst, e.Reasons[i].Detail)
			dst = line(dst, 2)
			dst = append(dst, '}')
		}
		dst = line(dst, 1)
		dst = append(dst, ']')
	}
	dst = append(dst, ',')
	dst = member(dst, `"waiver": `, e.Waiver)
	dst = append(dst, ',')
	dst = member(dst, `"attestation": `, e.Attestation)
	dst = append(dst, ',')
	dst = member(dst, `"location": `, e.Location)
	dst = line(dst, 0)
	return append(dst, '}')
}

func appendFinding(dst []byte, f *Finding) []byte {
	dst = jsonstr.AppendMember(dst, '{', "id", f.ID)
	dst = jsonstr.AppendMember(dst, ',', "fingerprint", f.Fingerprint)
	dst = jsonstr.AppendMember(dst, ',', "control", f.Control)
	dst = jsonstr.AppendMember(dst, ',', "title", f.Title)
	dst = jsonstr.AppendMember(dst, ',', "severity", f.Severity)
	dst = jsonstr.AppendMember(dst, ',', "verdict", f.Verdict)
	dst = jsonstr.AppendMember(dst, ',', "subject", f.Subject)
	dst = jsonstr.AppendMember(dst, ',', "subject_kind", f.SubjectKind)
	dst = jsonstr.AppendMember(dst, ',', "subject_name", f.SubjectName)
	l := &f.Location
	dst = jsonstr.AppendKey(dst, ',', "location")
	dst = jsonstr.AppendMember(dst, '{', "file", l.File)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(l.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(l.Column), 10)
	dst = jsonstr.AppendMember(dst, ',', "url", l.URL)
	dst = jsonstr.AppendMember(dst, ',', "object", l.Object)
	dst = jsonstr.AppendMember(dst, ',', "text", l.Text)
	dst = append(dst, '}')
	dst = jsonstr.AppendMember(dst, ',', "message", f.Message)
	dst = append(dst, `,"reasons":`...)
	dst = appendReasons(dst, f.Reasons)
	dst = jsonstr.AppendMember(dst, ',', "remediation", f.Remediation)
	dst = append(dst, `,"requirements":`...)
	if f.Requirements == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, r := range f.Requirements {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(dst, r)
		}
		dst = append(dst, ']')
	}
	dst = jsonstr.AppendMember(dst, ',', "waiver", f.Waiver)
	dst = jsonstr.AppendMember(dst, ',', "baseline", f.Baseline)
	return append(dst, '}')
}

func appendReasons(dst []byte, rs []Reason) []byte {
	if rs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range rs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonstr.AppendMember(dst, '{', "path", rs[i].Path)
		dst = jsonstr.AppendMember(dst, ',', "detail", rs[i].Detail)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// indentLine appends a new line, prefix and depth levels of indent.
func indentLine(dst []byte, prefix string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, "  "...)
	}
	return dst
}

// appendFindingIndented appends what jsonindent.Append appends for the
// compact encoding of f with prefix and an indent of two spaces, without
// the compact encoding in between.
func appendFindingIndented(dst []byte, f *Finding, prefix string) []byte {
	member := func(dst []byte, sep byte, depth int, key, value string) []byte {
		if sep != 0 {
			dst = append(dst, sep)
		}
		dst = indentLine(dst, prefix, depth)
		dst = append(dst, key...)
		return jsonstr.Append(dst, value)
	}
	number := func(dst []byte, depth int, key string, n int) []byte {
		dst = indentLine(append(dst, ','), prefix, depth)
		dst = append(dst, key...)
		return strconv.AppendInt(dst, int64(n), 10)
	}
	dst = member(dst, '{', 1, `"id": `, f.ID)
	dst = member(dst, ',', 1, `"fingerprint": `, f.Fingerprint)
	dst = member(dst, ',', 1, `"control": `, f.Control)
	dst = member(dst, ',', 1, `"title": `, f.Title)
	dst = member(dst, ',', 1, `"severity": `, f.Severity)
	dst = member(dst, ',', 1, `"verdict": `, f.Verdict)
	dst = member(dst, ',', 1, `"subject": `, f.Subject)
	dst = member(dst, ',', 1, `"subject_kind": `, f.SubjectKind)
	dst = member(dst, ',', 1, `"subject_name": `, f.SubjectName)
	l := &f.Location
	dst = append(indentLine(append(dst, ','), prefix, 1), `"location": `...)
	dst = member(dst, '{', 2, `"file": `, l.File)
	dst = number(dst, 2, `"line": `, l.Line)
	dst = number(dst, 2, `"column": `, l.Column)
	dst = member(dst, ',', 2, `"url": `, l.URL)
	dst = member(dst, ',', 2, `"object": `, l.Object)
	dst = member(dst, ',', 2, `"text": `, l.Text)
	dst = append(indentLine(dst, prefix, 1), '}')
	dst = member(dst, ',', 1, `"message": `, f.Message)
	dst = append(indentLine(append(dst, ','), prefix, 1), `"reasons": `...)
	switch {
	case f.Reasons == nil:
		dst = append(dst, "null"...)
	case len(f.Reasons) == 0:
		dst = append(dst, "[]"...)
	default:
		dst = append(dst, '[')
		for i := range f.Reasons {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(indentLine(dst, prefix, 2), '{')
			dst = member(dst, 0, 3, `"path": `, f.Reasons[i].Path)
			dst = member(dst, ',', 3, `"detail": `, f.Reasons[i].Detail)
			dst = append(indentLine(dst, prefix, 2), '}')
		}
		dst = append(indentLine(dst, prefix, 1), ']')
	}
	dst = member(dst, ',', 1, `"remediation": `, f.Remediation)
	dst = append(indentLine(append(dst, ','), prefix, 1), `"requirements": `...)
	switch {
	case f.Requirements == nil:
		dst = append(dst, "null"...)
	case len(f.Requirements) == 0:
		dst = append(dst, "[]"...)
	default:
		dst = append(dst, '[')
		for i, r := range f.Requirements {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(indentLine(dst, prefix, 2), r)
		}
		dst = append(indentLine(dst, prefix, 1), ']')
	}
	dst = member(dst, ',', 1, `"waiver": `, f.Waiver)
	dst = member(dst, ',', 1, `"baseline": `, f.Baseline)
	return append(indentLine(dst, prefix, 0), '}')
}

// subjectMembers are a subject's members but its links, in order.
func subjectMembers(s *Subject) [13]struct{ key, value string } {
	return [13]struct{ key, value string }{
		{"id", s.ID}, {"kind", s.Kind}, {"name", s.Name}, {"client", s.Client}, {"format", s.Format},
		{"scope", s.Scope}, {"transport", s.Transport}, {"location", s.Location}, {"collector", s.Collector},
		{"package", s.Package}, {"endpoint", s.Endpoint}, {"source_status", s.SourceStatus}, {"sha256", s.SHA256},
	}
}

func appendSubject(dst []byte, s *Subject) []byte {
	sep := byte('{')
	for _, m := range subjectMembers(s) {
		dst = jsonstr.AppendMember(dst, sep, m.key, m.value)
		sep = ','
	}
	dst = jsonstr.AppendKey(dst, ',', "links")
	if s.Links == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, l := range s.Links {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(dst, l)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// appendSubjectIndented is appendFindingIndented for a subject.
func appendSubjectIndented(dst []byte, s *Subject, prefix string) []byte {
	sep := byte('{')
	for _, m := range subjectMembers(s) {
		dst = indentLine(append(dst, sep), prefix, 1)
		dst = jsonstr.Append(append(append(append(dst, '"'), m.key...), `": `...), m.value)
		sep = ','
	}
	dst = append(indentLine(append(dst, ','), prefix, 1), `"links": `...)
	switch {
	case s.Links == nil:
		dst = append(dst, "null"...)
	case len(s.Links) == 0:
		dst = append(dst, "[]"...)
	default:
		dst = append(dst, '[')
		for i, l := range s.Links {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(indentLine(dst, prefix, 2), l)
		}
		dst = append(indentLine(dst, prefix, 1), ']')
	}
	return append(indentLine(dst, prefix, 0), '}')
}
