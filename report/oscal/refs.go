package oscal

import (
	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/jsonstr"
)

// appendSubjectRef appends the compact JSON encoding/json writes (HTML
// escaping off) for a subject reference without links, the element an
// observation repeats for every subject a control judged; ok is false for
// a reference with links, which the caller encodes with encoding/json.
func appendSubjectRef(dst []byte, r *oscalTypes.SubjectReference) (_ []byte, ok bool) {
	if r.Links != nil {
		return dst, false
	}
	dst = append(dst, '{')
	if r.Props != nil {
		dst = append(dst, `"props":[`...)
		for i := range *r.Props {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendProperty(dst, &(*r.Props)[i])
		}
		dst = append(dst, "],"...)
	}
	if r.Remarks != "" {
		dst = append(dst, `"remarks":`...)
		dst = jsonstr.Append(dst, r.Remarks)
		dst = append(dst, ',')
	}
	dst = append(dst, `"subject-uuid":`...)
	dst = jsonstr.Append(dst, r.SubjectUuid)
	if r.Title != "" {
		dst = append(dst, `,"title":`...)
		dst = jsonstr.Append(dst, r.Title)
	}
	dst = append(dst, `,"type":`...)
	dst = jsonstr.Append(dst, r.Type)
	return append(dst, '}'), true
}

// appendProperty appends a property's compact JSON as encoding/json
// writes it.
func appendProperty(dst []byte, p *oscalTypes.Property) []byte {
	dst = append(dst, '{')
	for _, f := range [...]struct {
		name, value string
		always      bool
	}{{"class", p.Class, false}, {"group", p.Group, false}, {"name", p.Name, true}, {"ns", p.Ns, false},
		{"remarks", p.Remarks, false}, {"uuid", p.UUID, false}, {"value", p.Value, true}} {
		if f.value == "" && !f.always {
			continue
		}
		if dst[len(dst)-1] != '{' {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = append(dst, f.name...)
		dst = append(dst, '"', ':')
		dst = jsonstr.Append(dst, f.value)
	}
	return append(dst, '}')
}
