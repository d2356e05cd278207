package controls

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Expected verdicts of an example.
const (
	ExpectPass          = "pass"
	ExpectFail          = "fail"
	ExpectNotApplicable = "not-applicable"
)

var (
	controlIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$`)
	riskIDPattern    = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
)

// snippet is a CUE source held in a catalog attribute, with the file line its
// first line sits on.
type snippet struct {
	src  string
	line int
}

// parsedControl is a control with what validation needs besides the contract type.
type parsedControl struct {
	*Control
	when, check snippet
	messageLine int
	creditLine  int
	risksLine   int
}

// parseFile decodes one catalog file. Problems are recorded, and whatever
// decoded cleanly is returned so that later checks still run.
func parseFile(name string, src []byte, builtin bool, ps *diag.Collector) ([]Risk, []*parsedControl) {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		ps.AddDiags("", diags)
		return nil, nil
	}
	content, diags := f.Body.Content(fileSchema)
	ps.AddDiags("", diags)
	var (
		risks    []Risk
		controls []*parsedControl
	)
	for _, b := range content.Blocks {
		switch b.Type {
		case "risk":
			if r, ok := parseRisk(b, ps); ok {
				risks = append(risks, r)
			}
		case "control":
			if c := parseControl(b, src, builtin, ps); c != nil {
				controls = append(controls, c)
			}
		}
	}
	return risks, controls
}

// parseRisk decodes a risk block.
func parseRisk(b *hcl.Block, ps *diag.Collector) (Risk, bool) {
	id := b.Labels[0]
	file, line := b.DefRange.Filename, b.DefRange.Start.Line
	ctx := fmt.Sprintf("risk %q", id)
	ok := true
	if !riskIDPattern.MatchString(id) {
		ps.Addf(file, line, "%s: id must be lower-case words joined by hyphens", ctx)
		ok = false
	}
	content, diags := b.Body.Content(riskSchema)
	ps.AddDiags(ctx, diags)
	if diags.HasErrors() {
		ok = false
	}
	r := Risk{ID: id, File: file, Line: line}
	ok = stringAttr(content.Attributes, "title", &r.Title, ctx, ps) && ok
	ok = stringAttr(content.Attributes, "description", &r.Description, ctx, ps) && ok
	return r, ok
}

// parseControl decodes and validates a control block (everything that does
// not need other controls or risks).
func parseControl(b *hcl.Block, src []byte, builtin bool, ps *diag.Collector) *parsedControl {
	id := b.Labels[0]
	file, line := b.DefRange.Filename, b.DefRange.Start.Line
	ctx := fmt.Sprintf("control %q", id)
	start := ps.Len()
	if !controlIDPattern.MatchString(id) {
		ps.Addf(file, line, "%s: id must be letters and digits joined by '-', '_' or '.'", ctx)
	}
	content, diags := b.Body.Content(controlSchema)
	ps.AddDiags(ctx, diags)

	c := &Control{ID: id, File: file, Line: line, Builtin: builtin}
	pc := &parsedControl{Control: c}
	attrs := content.Attributes
	stringAttr(attrs, "title", &c.Title, ctx, ps)
	stringAttr(attrs, "family", &c.Family, ctx, ps)
	stringAttr(attrs, "description", &c.Description, ctx, ps)
	stringAttr(attrs, "remediation", &c.Remediation, ctx, ps)
	stringAttr(attrs, "guidance", &c.Guidance, ctx, ps)
	stringAttr(attrs, "message", &c.Message, ctx, ps)
	if a := attrs["message"]; a != nil {
		pc.messageLine = a.Expr.Range().Start.Line
	}
	stringAttr(attrs, "credit", &c.Credit, ctx, ps)
	if a := attrs["credit"]; a != nil {
		pc.creditLine = a.Expr.Range().Start.Line
	}
	if a := attrs["severity"]; a != nil && stringAttr(attrs, "severity", &c.Severity, ctx, ps) && SeverityRank(c.Severity) < 0 {
		ps.Addf(file, a.Expr.Range().Start.Line, "%s: severity %q is not one of %s", ctx, c.Severity, strings.Join(Severities, ", "))
	}
	var kind string
	if a := attrs["subject"]; a != nil && stringAttr(attrs, "subject", &kind, ctx, ps) {
		c.Subject = evidence.Kind(kind)
		if !c.Subject.Valid() {
			ps.Addf(file, a.Expr.Range().Start.Line, "%s: subject %q is not one of %s", ctx, kind, kindList())
		}
	}
	if a := attrs["risks"]; a != nil {
		pc.risksLine = a.Expr.Range().Start.Line
		if v, d := attrStrings(a); d.HasErrors() {
			ps.AddDiags(ctx, d)
		} else if len(v) == 0 {
			ps.Addf(file, pc.risksLine, "%s: risks must name at least one risk", ctx)
		} else {
			c.Risks = v
		}
	}
	if a := attrs["references"]; a != nil {
		if v, d := attrStrings(a); d.HasErrors() {
			ps.AddDiags(ctx, d)
		} else {
			for _, ref := range v {
				if u, err := url.Parse(ref); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
					ps.Addf(file, a.Expr.Range().Start.Line, "%s: reference %q is not an http(s) URL", ctx, ref)
				}
			}
			c.References = v
		}
	}
	if a := attrs["manual"]; a != nil {
		v, d := attrBool(a)
		ps.AddDiags(ctx, d)
		c.Manual = v
	}
	if a := attrs["automated_by"]; a != nil && stringAttr(attrs, "automated_by", &c.AutomatedBy, ctx, ps) && c.AutomatedBy != AutomatedByPolicy {
		ps.Addf(file, a.Expr.Range().Start.Line, "%s: automated_by %q is not %q", ctx, c.AutomatedBy, AutomatedByPolicy)
	}
	for _, name := range []string{"when", "check"} {
		a := attrs[name]
		if a == nil {
			continue
		}
		var s string
		if !stringAttr(attrs, name, &s, ctx, ps) {
			continue
		}
		sn := snippet{src: s, line: snippetLine(a, src)}
		if name == "when" {
			c.When, pc.when = s, sn
		} else {
			c.Check, pc.check = s, sn
		}
	}
	var expects []string
	for _, eb := range content.Blocks {
		ex := parseExample(eb, ctx, ps)
		if slices.ContainsFunc(c.Examples, func(e Example) bool { return e.Name == ex.Name }) {
			ps.Addf(file, ex.Line, "%s: duplicate example %q", ctx, ex.Name)
			continue
		}
		c.Examples = append(c.Examples, ex)
		expects = append(expects, ex.Expect)
	}
	checkShape(pc, attrs, expects, ctx, ps)
	if ps.Len() > start {
		return nil
	}
	return pc
}

// checkShape enforces the rules that tie attributes together: manual
// controls carry guidance and nothing to evaluate; automated controls carry a
// check, a message and both a passing and a failing example; a manual control
// that an input automates (automated_by) carries both.
func checkShape(pc *parsedControl, attrs hcl.Attributes, expects []string, ctx string, ps *diag.Collector) {
	c := pc.Control
	if c.AutomatedBy != "" {
		if !c.Manual {
			ps.Addf(c.File, c.Line, "%s: automated_by is for manual controls that an input automates; set manual = true", ctx)
		}
		if attrs["guidance"] == nil {
			ps.Addf(c.File, c.Line, "%s: a manual control needs guidance (what an attestation must show)", ctx)
		}
		checkAutomatedShape(c, attrs, expects, ctx, ps)
		return
	}
	if c.Manual {
		for _, name := range []string{"when", "check", "message", "credit"} {
			if a := attrs[name]; a != nil {
				ps.Addf(c.File, a.NameRange.Start.Line, "%s: a manual control has no %s (an attestation satisfies it)", ctx, name)
			}
		}
		if len(c.Examples) > 0 {
			ps.Addf(c.File, c.Examples[0].Line, "%s: a manual control has no examples", ctx)
		}
		if attrs["guidance"] == nil {
			ps.Addf(c.File, c.Line, "%s: a manual control needs guidance (what an attestation must show)", ctx)
		}
		return
	}
	if a := attrs["guidance"]; a != nil {
		ps.Addf(c.File, a.NameRange.Start.Line, "%s: guidance is only for manual controls", ctx)
	}
	checkAutomatedShape(c, attrs, expects, ctx, ps)
}

// checkAutomatedShape checks what an evaluable control needs: a check, a
// message, and a passing and a failing example.
func checkAutomatedShape(c *Control, attrs hcl.Attributes, expects []string, ctx string, ps *diag.Collector) {
	if attrs["check"] == nil {
		ps.Addf(c.File, c.Line, "%s: missing check (the CUE every applicable subject must satisfy)", ctx)
	}
	if attrs["message"] == nil {
		ps.Addf(c.File, c.Line, "%s: missing message (the words a failure is reported with)", ctx)
	}
	pass, fail := slices.Contains(expects, ExpectPass), slices.Contains(expects, ExpectFail)
	if !pass || !fail {
		ps.Addf(c.File, c.Line, "%s: needs at least one passing and one failing example", ctx)
	}
}

// parseExample decodes an example block. Problems are recorded; the
// example is returned regardless, so that the shape checks see what it
// declares.
func parseExample(b *hcl.Block, ctx string, ps *diag.Collector) Example {
	ex := Example{Name: b.Labels[0], Line: b.DefRange.Start.Line}
	ctx = fmt.Sprintf("%s: example %q", ctx, ex.Name)
	content, diags := b.Body.Content(exampleSchema)
	ps.AddDiags(ctx, diags)
	if a := content.Attributes["expect"]; a != nil && stringAttr(content.Attributes, "expect", &ex.Expect, ctx, ps) {
		switch ex.Expect {
		case ExpectPass, ExpectFail, ExpectNotApplicable:
		default:
			ps.Addf(b.DefRange.Filename, a.Expr.Range().Start.Line, "%s: expect %q is not pass, fail or not-applicable", ctx, ex.Expect)
		}
	}
	if a := content.Attributes["subject"]; a != nil {
		m, d := attrObject(a)
		ps.AddDiags(ctx, d)
		ex.Subject = m
	}
	return ex
}

// stringAttr decodes an optional string attribute into dst. It reports
// whether the attribute was present and valid.
func stringAttr(attrs hcl.Attributes, name string, dst *string, ctx string, ps *diag.Collector) bool {
	a := attrs[name]
	if a == nil {
		return false
	}
	s, diags := attrString(a)
	ps.AddDiags(ctx, diags)
	if diags.HasErrors() {
		return false
	}
	*dst = s
	return true
}

// snippetLine is the file line holding the first line of a string
// attribute's text: the line after the marker for a heredoc.
func snippetLine(a *hcl.Attribute, src []byte) int {
	r := a.Expr.Range()
	line := r.Start.Line
	if r.Start.Byte < len(src) && bytes.HasPrefix(src[r.Start.Byte:], []byte("<<")) {
		line++
	}
	return line
}

// kindList names the subject kinds for error messages.
func kindList() string {
	names := make([]string, len(evidence.Kinds))
	for i, k := range evidence.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
