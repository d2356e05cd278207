package oscal

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestHTMLEscaperIsMarshal checks that escaping an encoding made without
// HTML escaping gives what json.Marshal, which escapes, writes.
func TestHTMLEscaperIsMarshal(t *testing.T) {
	for _, v := range []any{
		"",
		"plain",
		"<",
		"a<b>c&d",
		"&&&<<<>>>",
		"<tag attr=\"x&y\">",
		map[string]string{"<k>": "v&", "x": "<<", "y": "a>b"},
		[]string{"&", "no", ">"},
	} {
		var unescaped bytes.Buffer
		enc := json.NewEncoder(&unescaped)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		htmlEscaper{w: &got}.Write(bytes.TrimSuffix(unescaped.Bytes(), []byte("\n")))
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("escaping %q\n got %s\nwant %s", unescaped.Bytes(), got.Bytes(), want)
		}
	}
}
