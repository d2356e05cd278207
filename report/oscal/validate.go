package oscal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/defenseunicorns/go-oscal/src/pkg/validation"
	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate-dev/tollgate/internal/jsonindent"
)

// maxReported bounds how many schema violations an error message lists.
const maxReported = 5

// encode marshals a document, lays it out (see layout) and validates the
// bytes it returns against the OSCAL 1.1.3 schema; it returns them only
// when the document is valid.
func encode(doc oscalTypes.OscalModels) ([]byte, error) {
	data, err := layoutJSON(doc)
	if err != nil {
		return nil, err
	}
	if err := Validate(data); err != nil {
		return nil, err
	}
	return data, nil
}

// layoutJSON marshals a document and lays it out (see layout), without
// validating it.
func layoutJSON(doc oscalTypes.OscalModels) ([]byte, error) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode OSCAL document: %w", err)
	}
	var out bytes.Buffer
	out.Grow(compact.Len() + compact.Len()/2)
	layout(&out, compact.Bytes())
	return out.Bytes(), nil
}

// schema is the OSCAL complete schema go-oscal ships for Version, compiled
// once per process: compiling it takes longer than validating most
// documents.
var schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	// go-oscal keeps its schemas in an internal package; a validator for a
	// placeholder document hands out the schema for Version, and the path
	// go-oscal compiles it under.
	v, err := validation.NewValidatorDesiredVersion(map[string]any{"catalog": map[string]any{}}, Version)
	if err != nil {
		return nil, err
	}
	params, err := v.GetValidationParams()
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(params.SchemaPath, params.SchemaData); err != nil {
		return nil, err
	}
	return c.Compile(params.SchemaPath)
})

// Validate checks an OSCAL JSON document against the OSCAL 1.1.3 complete
// schema (the one go-oscal validates with, compiled the way go-oscal
// compiles it) and returns an error naming the first violations.
//
// Unlike go-oscal's validator, which recompiles the schema and converts the
// document to a generic map and back on every call, it compiles the schema
// once per process and decodes the document once, so the time and memory it
// takes are proportional to the document alone.
func Validate(data []byte) error {
	sch, err := schema()
	if err != nil {
		return fmt.Errorf("validate OSCAL document: load the OSCAL %s schema: %w", Version, err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("validate OSCAL document: %w", err)
	}
	m, ok := doc.(map[string]any)
	if !ok || len(m) != 1 {
		return fmt.Errorf("validate OSCAL document: want a JSON object holding exactly one OSCAL model")
	}
	verr := sch.Validate(doc)
	if verr == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		return fmt.Errorf("OSCAL document is not valid OSCAL %s: %w", Version, verr)
	}
	found := validation.ExtractErrors(m, ve.DetailedOutput())
	if len(found) == 0 {
		return fmt.Errorf("OSCAL document is not valid OSCAL %s: %w", Version, verr)
	}
	var msgs []string
	for i, e := range found {
		if i == maxReported {
			msgs = append(msgs, fmt.Sprintf("and %d more", len(found)-maxReported))
			break
		}
		msgs = append(msgs, fmt.Sprintf("%s: %s", e.InstanceLocation, shortenViolation(e.Error)))
	}
	return errors.New("OSCAL document is not valid OSCAL " + Version + ": " + strings.Join(msgs, "; "))
}

// shortenViolation drops the regular expression from a pattern violation:
// OSCAL's date and token patterns run to kilobytes and say nothing a
// reader needs beyond which value broke them.
func shortenViolation(msg string) string {
	if i := strings.Index(msg, " does not match pattern "); i >= 0 {
		msg = strings.TrimPrefix(msg, `"`)
		i = strings.Index(msg, " does not match pattern ")
		return msg[:i] + " is not in the form the OSCAL schema requires there"
	}
	return msg
}

// layout writes the compact JSON src to dst indented by two spaces per
// level, except that an object or array holding no object or array (a
// property, a link, a hash, a list of strings) is written on one line:
//
//	"props": [
//	  {"name": "verdict", "ns": "https://tollgate.dev/ns/oscal", "value": "fail"}
//	],
//
// The documents stay readable and diff well, at about two thirds of the
// size plain indentation gives them: OSCAL spends most of its lines on
// such small objects, and assessment results of a large fleet hold
// hundreds of thousands of them. src must be valid JSON without
// insignificant whitespace (what encoding/json writes), optionally ending
// in a newline; layout runs in time linear in its size.
func layout(dst io.Writer, src []byte) error {
	l := &layouter{dst: dst}
	l.run(src, nil)
	return l.flush()
}

// layouter lays out compact JSON (see layout), keeping its depth between
// runs so that a document can be laid out piece by piece. It appends to
// out, which it hands to dst once it holds flushAt bytes; without dst, out
// holds all it lays out.
type layouter struct {
	dst   io.Writer
	out   []byte
	depth int
	err   error
}

// flushAt is how much layouter gathers before it writes.
const flushAt = 256 << 10

// write appends s to what the layouter writes.
func (l *layouter) write(s string) { l.out = append(l.out, s...) }

// insert appends laid-out bytes to what the layouter writes.
func (l *layouter) insert(laid []byte) {
	if len(l.out) >= flushAt {
		l.flush()
	}
	l.out = append(l.out, laid...)
}

// flush writes what the layouter holds and returns the first write error.
func (l *layouter) flush() error {
	if l.dst == nil {
		return nil
	}
	if len(l.out) > 0 && l.err == nil {
		_, l.err = l.dst.Write(l.out)
	}
	l.out = l.out[:0]
	return l.err
}

func (l *layouter) newline() { l.out = appendNewline(l.out, l.depth) }

// appendNewline appends a newline and the indent of depth.
func appendNewline(out []byte, depth int) []byte {
	out = append(out, '\n')
	if w := 2 * depth; w <= len(indentSpaces) {
		return append(out, indentSpaces[:w]...)
	}
	for range depth {
		out = append(out, "  "...)
	}
	return out
}

// indentSpaces is where newline cuts its indent from.
const indentSpaces = "                                                                "

// run lays out src. When hooks holds an offset of src that layout reaches
// (a value's first byte), the hook writes in its stead and returns the
// offset to continue from.
func (l *layouter) run(src []byte, hooks map[int]func() int) {
	var offsets []int
	if len(hooks) > 0 {
		offsets = slices.Sorted(maps.Keys(hooks))
	}
	next := nextHook(offsets)
	out := l.out
	for i := 0; i < len(src); {
		if len(out) >= flushAt {
			l.out = out
			l.flush()
			out = l.out
		}
		if i == next {
			l.out = out
			i = hooks[next]()
			out = l.out
			offsets = offsets[1:]
			next = nextHook(offsets)
			continue
		}
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			out = append(out, src[i:end]...)
			i = end
			continue
		case '{', '[':
			if flat, end, ok := appendFlat(out, src, i); ok {
				out = flat
				i = end
				continue
			}
			out = append(out, c)
			l.depth++
			out = appendNewline(out, l.depth)
		case '}', ']':
			l.depth--
			out = appendNewline(out, l.depth)
			out = append(out, c)
		case ',':
			out = append(out, ',')
			out = appendNewline(out, l.depth)
		case ':':
			out = append(out, ": "...)
		default:
			end := literalEnd(src, i)
			out = append(out, src[i:end]...)
			i = end
			continue
		}
		i++
	}
	l.out = out
}

// nextHook is the first of the sorted hook offsets, or -1 when none is left.
func nextHook(offsets []int) int {
	if len(offsets) == 0 {
		return -1
	}
	return offsets[0]
}

// stringEnd returns the index just past the JSON string starting at
// src[i] (a '"').
func stringEnd(src []byte, i int) int { return jsonindent.StringEnd(src, i) }

// literalEnd returns the index just past the number or literal (true,
// false, null) starting at src[i].
func literalEnd(src []byte, i int) int {
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case ',', ':', '{', '}', '[', ']', '"':
			return j
		}
		j++
	}
	return j
}

// appendFlat appends the object or array starting at src[i] to out on one
// line, with a space after each colon and comma, when it holds no object
// or array, and returns out and the index just past its end. It stops at
// the first nested object or array (ok false, out's bytes past its length
// left as they may be), so the scans layout makes read each byte at most
// twice.
func appendFlat(out, src []byte, i int) (_ []byte, end int, ok bool) {
	out = append(out, src[i])
	for j := i + 1; j < len(src); {
		switch c := src[j]; c {
		case '"':
			e := stringEnd(src, j)
			out = append(out, src[j:e]...)
			j = e
			continue
		case ':':
			out = append(out, ": "...)
		case ',':
			out = append(out, ", "...)
		case '{', '[':
			return nil, 0, false
		case '}', ']':
			return append(out, c), j + 1, true
		default:
			e := literalEnd(src, j)
			out = append(out, src[j:e]...)
			j = e
			continue
		}
		j++
	}
	return nil, 0, false
}
