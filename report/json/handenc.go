package json

import (
	"strconv"

	"github.com/tollgate-dev/tollgate/internal/jsonstr"
)

// The evaluations (one per subject a control judged) and the findings are
// most of a large results.json. They are encoded here by hand, byte for
// byte as encoding/json (HTML escaping off) encodes them: the compact
// encoding, which the layout then indents. TestHandEncodingIsJSON compares
// the two.

// appendCompact appends v's compact encoding when v is a type encoded by
// hand; ok is false for any other.
func appendCompact(dst []byte, v any) (_ []byte, ok bool) {
	switch v := v.(type) {
	case *Evaluation:
		return appendEvaluation(dst, v), true
	case *Finding:
		return appendFinding(dst, v), true
	}
	return dst, false
}

func appendEvaluation(dst []byte, e *Evaluation) []byte {
	dst = appendMember(dst, '{', "subject", e.Subject)
	dst = appendMember(dst, ',', "verdict", e.Verdict)
	dst = appendMember(dst, ',', "message", e.Message)
	dst = append(dst, `,"reasons":`...)
	dst = appendReasons(dst, e.Reasons)
	dst = appendMember(dst, ',', "waiver", e.Waiver)
	dst = appendMember(dst, ',', "attestation", e.Attestation)
	dst = appendMember(dst, ',', "location", e.Location)
	return append(dst, '}')
}

func appendFinding(dst []byte, f *Finding) []byte {
	dst = appendMember(dst, '{', "id", f.ID)
	dst = appendMember(dst, ',', "fingerprint", f.Fingerprint)
	dst = appendMember(dst, ',', "control", f.Control)
	dst = appendMember(dst, ',', "title", f.Title)
	dst = appendMember(dst, ',', "severity", f.Severity)
	dst = appendMember(dst, ',', "verdict", f.Verdict)
	dst = appendMember(dst, ',', "subject", f.Subject)
	dst = appendMember(dst, ',', "subject_kind", f.SubjectKind)
	dst = appendMember(dst, ',', "subject_name", f.SubjectName)
	l := &f.Location
	dst = appendKey(dst, ',', "location")
	dst = appendMember(dst, '{', "file", l.File)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(l.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(l.Column), 10)
	dst = appendMember(dst, ',', "url", l.URL)
	dst = appendMember(dst, ',', "object", l.Object)
	dst = appendMember(dst, ',', "text", l.Text)
	dst = append(dst, '}')
	dst = appendMember(dst, ',', "message", f.Message)
	dst = append(dst, `,"reasons":`...)
	dst = appendReasons(dst, f.Reasons)
	dst = appendMember(dst, ',', "remediation", f.Remediation)
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
	dst = appendMember(dst, ',', "waiver", f.Waiver)
	dst = appendMember(dst, ',', "baseline", f.Baseline)
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
		dst = appendMember(dst, '{', "path", rs[i].Path)
		dst = appendMember(dst, ',', "detail", rs[i].Detail)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendMember appends before (the object's '{' or a ',') and the member
// key: value, the value a string.
func appendMember(dst []byte, before byte, key, value string) []byte {
	return jsonstr.Append(appendKey(dst, before, key), value)
}

// appendKey appends before and the key of a member, up to its value.
func appendKey(dst []byte, before byte, key string) []byte {
	dst = append(dst, before, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}
