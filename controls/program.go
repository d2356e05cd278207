package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"
)

// Results of evaluating a control against a subject (the engine's verdicts
// before waivers and attestations).
const (
	ResultPass          = "pass"
	ResultFail          = "fail"
	ResultNotApplicable = "not-applicable"
	ResultError         = "error"
)

// Reason is one cause of a failure: the path in the subject and what is
// wrong there, with no secret value.
type Reason struct {
	Path   string `json:"path"`
	Detail string `json:"detail"`
}

// Outcome is a control judged against one subject.
type Outcome struct {
	// Result is one of the Result* constants.
	Result string
	// Reasons explain a fail or an error, sorted by path.
	Reasons []Reason
}

// program is a control's CUE compiled in one cue.Context.
type program struct {
	when, check cue.Value
	hasWhen     bool
}

// compileSnippet compiles a when or check snippet, which must describe a struct.
func compileSnippet(ctx *cue.Context, src string) (cue.Value, error) {
	v := ctx.CompileString(src, cue.Filename("snippet.cue"))
	if err := v.Err(); err != nil {
		return v, err
	}
	if v.IncompleteKind()&cue.StructKind == 0 {
		return v, cueerrors.Newf(token.NoPos, "must describe a struct (field constraints on the subject), not %s", v.IncompleteKind())
	}
	return v, nil
}

// compileProgram compiles a control's when and check.
func compileProgram(ctx *cue.Context, c *Control) (*program, error) {
	p := &program{}
	if c.When != "" {
		v, err := compileSnippet(ctx, c.When)
		if err != nil {
			return nil, fmt.Errorf("control %s: when: %w", c.ID, err)
		}
		p.when, p.hasWhen = v, true
	}
	v, err := compileSnippet(ctx, c.Check)
	if err != nil {
		return nil, fmt.Errorf("control %s: check: %w", c.ID, err)
	}
	p.check = v
	return p, nil
}

// eval judges a subject given as JSON: not-applicable when it does not
// satisfy when (conflict or incomplete), pass when it satisfies check, fail
// with reasons otherwise.
func (p *program) eval(ctx *cue.Context, data []byte) (out Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = Outcome{Result: ResultError, Reasons: []Reason{{Detail: fmt.Sprintf("the check could not be evaluated: %v", r)}}}
		}
	}()
	goValue, err := cueData(data)
	if err != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: "the subject could not be read: " + err.Error()}}}
	}
	subject := ctx.Encode(goValue)
	if err := subject.Err(); err != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: "the subject could not be read as CUE"}}}
	}
	if p.hasWhen {
		if err := p.when.Unify(subject).Validate(cue.Concrete(true)); err != nil {
			return Outcome{Result: ResultNotApplicable}
		}
	}
	if err := p.check.Unify(subject).Validate(cue.Concrete(true)); err != nil {
		return Outcome{Result: ResultFail, Reasons: reasons(err, goValue)}
	}
	return Outcome{Result: ResultPass}
}

// cueData decodes a projection's canonical JSON into Go values that
// cue.Context.Encode turns into the same CUE as the JSON would compile to:
// integers as int64 (CUE int), other numbers as float64 (CUE float).
// Encoding Go values is several times cheaper than parsing JSON as CUE.
func cueData(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return numbers(v), nil
}

// numbers replaces json.Number values in place, as cueData describes.
func numbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return i
			}
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	}
	return v
}
