package controls

import (
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// attrValue evaluates an attribute without variables or functions: catalog
// files are data, not programs.
func attrValue(attr *hcl.Attribute) (cty.Value, hcl.Diagnostics) {
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	if !v.IsWhollyKnown() {
		return cty.NilVal, hcl.Diagnostics{attrDiag(attr, "Invalid value", "the value must be a constant")}
	}
	return v, nil
}

// attrString decodes a string attribute.
func attrString(attr *hcl.Attribute) (string, hcl.Diagnostics) {
	v, diags := attrValue(attr)
	if diags.HasErrors() {
		return "", diags
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return "", hcl.Diagnostics{attrDiag(attr, "Invalid value", fmt.Sprintf("%s must be a string", attr.Name))}
	}
	return s.AsString(), nil
}

// attrBool decodes a bool attribute.
func attrBool(attr *hcl.Attribute) (bool, hcl.Diagnostics) {
	v, diags := attrValue(attr)
	if diags.HasErrors() {
		return false, diags
	}
	if v.IsNull() || v.Type() != cty.Bool {
		return false, hcl.Diagnostics{attrDiag(attr, "Invalid value", fmt.Sprintf("%s must be true or false", attr.Name))}
	}
	return v.True(), nil
}

// attrStrings decodes a list of strings.
func attrStrings(attr *hcl.Attribute) ([]string, hcl.Diagnostics) {
	v, diags := attrValue(attr)
	if diags.HasErrors() {
		return nil, diags
	}
	l, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || l.IsNull() {
		return nil, hcl.Diagnostics{attrDiag(attr, "Invalid value", fmt.Sprintf("%s must be a list of strings", attr.Name))}
	}
	var out []string
	for it := l.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			return nil, hcl.Diagnostics{attrDiag(attr, "Invalid value", fmt.Sprintf("%s must not contain null", attr.Name))}
		}
		out = append(out, e.AsString())
	}
	return out, nil
}

// attrObject decodes an object attribute into the JSON-shaped Go value the
// engine evaluates (numbers become json.Number, as when a subject is decoded).
func attrObject(attr *hcl.Attribute) (map[string]any, hcl.Diagnostics) {
	v, diags := attrValue(attr)
	if diags.HasErrors() {
		return nil, diags
	}
	if v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return nil, hcl.Diagnostics{attrDiag(attr, "Invalid value", fmt.Sprintf("%s must be an object", attr.Name))}
	}
	m, _ := ctyToGo(v).(map[string]any)
	return m, nil
}

// ctyToGo converts a known cty value to JSON-shaped Go data.
func ctyToGo(v cty.Value) any {
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		return json.Number(v.AsBigFloat().Text('g', -1))
	case t.IsObjectType() || t.IsMapType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyToGo(e)
		}
		return out
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, ctyToGo(e))
		}
		return out
	}
	return nil
}

// attrDiag builds an error diagnostic pointing at an attribute.
func attrDiag(attr *hcl.Attribute, summary, detail string) *hcl.Diagnostic {
	r := attr.Expr.Range()
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r}
}
