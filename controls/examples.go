package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ExampleResult is one example judged by its control.
type ExampleResult struct {
	Control string `json:"control"`
	Example string `json:"example"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	// Expect is the verdict the example declares; Got is the one the engine gave.
	Expect string `json:"expect"`
	Got    string `json:"got"`
	// Reasons explain a fail or an error.
	Reasons []Reason `json:"reasons,omitempty"`
	// Message is the control's message filled from the example (fail,
	// error), or its credit (pass).
	Message string `json:"message,omitempty"`
}

// OK reports whether the control gave the expected verdict.
func (r ExampleResult) OK() bool { return r.Expect == r.Got }

// RunExamples judges every example of every automated control exactly as the
// engine judges subjects: the example subject, given the control's subject
// kind when it names none, is encoded to JSON and decoded like a collected
// subject, projected, and evaluated. Results follow catalog order.
func RunExamples(cat *Catalog) ([]ExampleResult, error) {
	plan, err := NewPlan(cat)
	if err != nil {
		return nil, err
	}
	ev := plan.NewEvaluator()
	var out []ExampleResult
	for i, c := range cat.Controls {
		if !c.Evaluable() {
			continue
		}
		for _, ex := range c.Examples {
			subject, err := ExampleSubject(c, ex)
			if err != nil {
				return nil, err
			}
			o := ev.Evaluate(i, subject)
			if err := ev.Err(); err != nil {
				return nil, err
			}
			r := ExampleResult{Control: c.ID, Example: ex.Name, File: c.File, Line: ex.Line, Expect: ex.Expect, Got: o.Result, Reasons: o.Reasons}
			switch o.Result {
			case ResultFail, ResultError:
				r.Message = plan.Message(i, subject, o.Reasons)
			case ResultPass:
				r.Message = plan.Credit(i, subject)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// ExampleSubject returns an example's subject as the engine sees it: with
// kind set to the control's subject kind unless the example names one, and
// round-tripped through JSON like a collected subject.
func ExampleSubject(c *Control, ex Example) (map[string]any, error) {
	s := make(map[string]any, len(ex.Subject)+1)
	for k, v := range ex.Subject {
		s[k] = v
	}
	if _, ok := s["kind"]; !ok {
		s["kind"] = string(c.Subject)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("control %s: example %q: %w", c.ID, ex.Name, err)
	}
	return DecodeJSON(data)
}

// DecodeJSON decodes a subject's JSON the way the engine reads every
// subject: numbers stay json.Number, so integers and floats keep their form.
// The compact JSON json.Marshal writes is read without encoding/json's
// scanner (see decodeCompact), to the same values. Unlike a Decoder, it
// keeps no table of keys: one subject has few to share.
func DecodeJSON(data []byte) (map[string]any, error) { return decodeWith(&compactDecoder{}, data) }

// A Decoder decodes subjects as DecodeJSON does, one goroutine at a time.
// The object keys of the subjects it decodes share their strings: the
// subjects of a fleet repeat the same few keys.
type Decoder struct {
	compact compactDecoder
}

// maxKeys bounds how many keys a Decoder shares: beyond them, keys are
// decoded as DecodeJSON decodes them, each its own string.
const maxKeys = 4096

// Decode decodes one subject's JSON (see DecodeJSON).
func (d *Decoder) Decode(data []byte) (map[string]any, error) {
	if d.compact.keys == nil {
		d.compact.keys = map[string]string{}
	}
	return decodeWith(&d.compact, data)
}

// decodeWith decodes data with c or, where c gives up, with encoding/json.
func decodeWith(c *compactDecoder, data []byte) (map[string]any, error) {
	if m, ok := c.decode(data); ok {
		return m, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode subject: %w", err)
	}
	return m, nil
}
