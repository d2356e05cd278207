package jsonvalue_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
)

// roundTrip is what a Converter must equal: v encoded as the engine encoded
// subjects (json.Encoder without HTML escaping) inside an object, so that
// any value decodes, and decoded with a controls.Decoder.
func roundTrip(v any) (any, error) {
	var buf bytes.Buffer
	buf.WriteString(`{"v":`)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('}')
	var d controls.Decoder
	m, err := d.Decode(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return m["v"], nil
}

// sameAsJSON fails t unless c converts v to what its JSON decodes to, or
// both fail.
func sameAsJSON(t *testing.T, c *jsonvalue.Converter, name string, v any) {
	t.Helper()
	want, wantErr := roundTrip(v)
	got, err := c.Value(v)
	if (err != nil) != (wantErr != nil) {
		t.Errorf("%s: converter error %v, encoding/json error %v", name, err, wantErr)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: converted\n%s\nwant (JSON round trip)\n%s", name, show(got), show(want))
	}
}

// show prints a converted value with its Go types, so that a number that
// came back as a string (or the reverse) is visible.
func show(v any) string { return fmt.Sprintf("%#v", v) }
