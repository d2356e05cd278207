package jsontest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Std is what a hand-written encoder must equal: v as encoding/json
// encodes it with HTML escaping off, compact, without a final newline.
func Std(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
