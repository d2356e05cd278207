package controls

import "strings"

// LinkedFieldName exposes linkedField to external tests.
const LinkedFieldName = linkedField

// MessageByTextTemplate is Message executed with text/template alone.
func (p *Plan) MessageByTextTemplate(i int, subject map[string]any, reasons []Reason) string {
	e := &p.entries[i]
	return p.render(e, e.tmpl, nil, subject, reasons)
}

// CreditByTextTemplate is Credit executed with text/template alone.
func (p *Plan) CreditByTextTemplate(i int, subject map[string]any) string {
	e := &p.entries[i]
	if e.credit == nil {
		return ""
	}
	return strings.TrimSpace(p.render(e, e.credit, nil, subject, nil))
}

// MessageDirectly is Message rendered by the direct renderer alone; ok is
// false where it leaves the message to text/template.
func (p *Plan) MessageDirectly(i int, subject map[string]any, reasons []Reason) (string, bool) {
	e := &p.entries[i]
	if e.direct == nil {
		return "", false
	}
	return e.direct.execute(subject, renderExtras{subject: subject, reasons: reasons, control: e.control.ID})
}
