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

// layoutWriter is where layout writes: a bytes.Buffer or a bufio.Writer.
type layoutWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
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
func layout(dst layoutWriter, src []byte) {
	(&layouter{dst: dst}).run(src, nil)
}

// layouter lays out compact JSON (see layout), keeping its depth between
// runs so that a document can be laid out piece by piece.
type layouter struct {
	dst   layoutWriter
	depth int
}

func (l *layouter) newline() {
	l.dst.WriteByte('\n')
	if w := 2 * l.depth; w <= len(indentSpaces) {
		l.dst.WriteString(indentSpaces[:w])
		return
	}
	for range l.depth {
		l.dst.WriteString("  ")
	}
}

// indentSpaces is where newline cuts its indent from.
const indentSpaces = "                                                                "

// run lays out src. When hooks holds an offset of src that layout reaches
// (a value's first byte), the hook writes in its stead and returns the
// offset to continue from.
func (l *layouter) run(src []byte, hooks map[int]func() int) {
	dst := l.dst
	var offsets []int
	if len(hooks) > 0 {
		offsets = slices.Sorted(maps.Keys(hooks))
	}
	next := nextHook(offsets)
	for i := 0; i < len(src); {
		if i == next {
			i = hooks[next]()
			offsets = offsets[1:]
			next = nextHook(offsets)
			continue
		}
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst.Write(src[i:end])
			i = end
			continue
		case '{', '[':
			if end, ok := flatEnd(src, i); ok {
				writeFlat(dst, src[i:end])
				i = end
				continue
			}
			dst.WriteByte(c)
			l.depth++
			l.newline()
		case '}', ']':
			l.depth--
			l.newline()
			dst.WriteByte(c)
		case ',':
			dst.WriteByte(',')
			l.newline()
		case ':':
			dst.WriteString(": ")
		default:
			end := literalEnd(src, i)
			dst.Write(src[i:end])
			i = end
			continue
		}
		i++
	}
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

// flatEnd reports whether the object or array starting at src[i] holds no
// object or array and, if so, returns the index just past its end. It
// stops at the first nested object or array, so the scans layout makes
// read each byte at most twice.
func flatEnd(src []byte, i int) (int, bool) {
	for j := i + 1; j < len(src); {
		switch src[j] {
		case '"':
			j = stringEnd(src, j)
			continue
		case '{', '[':
			return 0, false
		case '}', ']':
			return j + 1, true
		}
		j++
	}
	return 0, false
}

// writeFlat writes a flat object or array on one line, with a space after
// each colon and comma.
func writeFlat(dst layoutWriter, src []byte) {
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst.Write(src[i:end])
			i = end
			continue
		case ':':
			dst.WriteString(": ")
		case ',':
			dst.WriteString(", ")
		case '{', '[', '}', ']':
			dst.WriteByte(c)
		default:
			end := literalEnd(src, i)
			dst.Write(src[i:end])
			i = end
			continue
		}
		i++
	}
}
