package oscal

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestLayout(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, `{}`},
		{`[]` + "\n", `[]` + "\n"},
		{`{"a":1,"b":"x"}`, `{"a": 1, "b": "x"}`},
		{`{"a":{"b":[1,2],"c":{}},"d":[{"e":null}]}` + "\n",
			"{\n  \"a\": {\n    \"b\": [1, 2],\n    \"c\": {}\n  },\n  \"d\": [\n    {\"e\": null}\n  ]\n}\n"},
		{`{"s":"a\"{[,:]}\\","t":["\\\"",":"],"u":[[true,false]]}`,
			"{\n  \"s\": \"a\\\"{[,:]}\\\\\",\n  \"t\": [\"\\\\\\\"\", \":\"],\n  \"u\": [\n    [true, false]\n  ]\n}"},
	}
	for _, tt := range tests {
		var got bytes.Buffer
		layout(&got, []byte(tt.in))
		if got.String() != tt.want {
			t.Errorf("layout(%s) =\n%s\nwant\n%s", tt.in, got.String(), tt.want)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got.Bytes()); err != nil {
			t.Errorf("layout(%s) is not JSON: %v", tt.in, err)
		} else if strings.TrimSpace(compact.String()) != strings.TrimSpace(tt.in) {
			t.Errorf("layout(%s) changed the value: %s", tt.in, compact.String())
		}
	}
}

// TestLayoutKeepsDocuments checks that layout changes only insignificant
// whitespace in a real document.
func TestLayoutKeepsDocuments(t *testing.T) {
	data, err := Marshal(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	layout(&again, compact.Bytes())
	if !bytes.Equal(again.Bytes(), bytes.TrimSuffix(data, []byte("\n"))) {
		t.Error("laying out the compacted document does not give the document back")
	}
}

// TestValidateReportsViolations checks that Validate names where a document
// breaks the schema, and rejects what is no single OSCAL model.
func TestValidateReportsViolations(t *testing.T) {
	data, err := Marshal(fixture.Results(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(`"state": "satisfied"`), []byte(`"state": ""`), 1)
	err = Validate(broken)
	if err == nil || !strings.Contains(err.Error(), "/assessment-results/results/") {
		t.Errorf("Validate(broken) = %v, want the location of the violation", err)
	}
	// A value that breaks one of OSCAL's long patterns is named without
	// the pattern.
	broken = bytes.Replace(data, []byte(`"end": "2026-`), []byte(`"end": "9999-`), 1)
	err = Validate(broken)
	if err == nil || !strings.Contains(err.Error(), `'9999-`) || strings.Contains(err.Error(), "^(") || len(err.Error()) > 400 {
		t.Errorf("Validate(year 9999) = %v, want the value named without the pattern", err)
	}
	for _, doc := range []string{`[]`, `{}`, `{"catalog":{},"profile":{}}`, `{"catalog":`} {
		if err := Validate([]byte(doc)); err == nil {
			t.Errorf("Validate(%s) accepted it", doc)
		}
	}
}

// TestLayoutIsItsDefinition compares layout with its first, plainer form
// (layoutDefinition) on random values, one by one and together in one
// array long enough to be written in several parts.
func TestLayoutIsItsDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var all [][]byte
	for range 3000 {
		src := jsontest.Std(t, jsontest.Value(r))
		all = append(all, src)
		var got bytes.Buffer
		if err := layout(&got, src); err != nil {
			t.Fatal(err)
		}
		if want := layoutDefinition(src); got.String() != want {
			t.Fatalf("layout(%s) =\n%s\nwant\n%s", src, got.String(), want)
		}
	}
	for len(all) < 4*flushAt/16 {
		all = append(all, all...)
	}
	src := append(append([]byte(`[{"a":[`), bytes.Join(all, []byte(","))...), "]}]"...)
	var got writeCounter
	if err := layout(&got, src); err != nil {
		t.Fatal(err)
	}
	if got.writes < 2 {
		t.Errorf("%d bytes were written in %d parts, want several", got.Len(), got.writes)
	}
	if want := layoutDefinition(src); got.String() != want {
		t.Error("layout of a long array differs from its definition")
	}
}

// writeCounter is a buffer that counts the writes it takes.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// layoutDefinition is layout as first written: a flat object or array is
// found by one scan and written by a second.
func layoutDefinition(src []byte) string {
	var dst strings.Builder
	depth := 0
	newline := func() { dst.WriteString("\n" + strings.Repeat("  ", depth)) }
	flatEnd := func(i int) (int, bool) {
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
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst.Write(src[i:end])
			i = end
			continue
		case '{', '[':
			if end, ok := flatEnd(i); ok {
				for j := i; j < end; {
					switch c := src[j]; c {
					case '"':
						e := stringEnd(src, j)
						dst.Write(src[j:e])
						j = e
						continue
					case ':':
						dst.WriteString(": ")
					case ',':
						dst.WriteString(", ")
					case '{', '[', '}', ']':
						dst.WriteByte(c)
					default:
						e := literalEnd(src, j)
						dst.Write(src[j:e])
						j = e
						continue
					}
					j++
				}
				i = end
				continue
			}
			dst.WriteByte(c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst.WriteByte(c)
		case ',':
			dst.WriteByte(',')
			newline()
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
	return dst.String()
}
