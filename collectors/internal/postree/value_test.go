package postree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// TestValueIsWhatEncodingJSONDecodes checks that a parsed document converts
// back into exactly the value encoding/json decodes from the same JSON (with
// numbers kept as json.Number), from each syntax.
func TestValueIsWhatEncodingJSONDecodes(t *testing.T) {
	const want = `{"name":"srv","port":8080,"ratio":0.5,"big":12345678901234567890,"on":true,"off":false,` +
		`"none":null,"args":["-y","pkg",1],"env":{"A":"b"},"empty":{},"list":[]}`
	tests := []struct {
		name string
		data string
		syn  Syntax
	}{
		{"json", want, JSON},
		{"yaml", "name: srv\nport: 8080\nratio: 0.5\nbig: 12345678901234567890\non: true\noff: false\nnone: null\n" +
			"args: [-y, pkg, 1]\nenv:\n  A: b\nempty: {}\nlist: []\n", YAML},
		{"toml", "name = \"srv\"\nport = 8080\nratio = 0.5\nbig = \"12345678901234567890\"\non = true\noff = false\n" +
			"args = [\"-y\", \"pkg\", 1]\nlist = []\n[env]\nA = \"b\"\n[empty]\n", TOML},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var root *Node
			var perr *SyntaxError
			data := []byte(tc.data)
			switch tc.syn {
			case JSON:
				root, _, perr = ParseJSON(data, NewLines(data))
			case YAML:
				root, perr = ParseYAML(data)
			case TOML:
				root, perr = ParseTOML(data, NewLines(data))
			}
			if perr != nil {
				t.Fatal(perr)
			}
			dec := json.NewDecoder(bytes.NewReader([]byte(want)))
			dec.UseNumber()
			var expected map[string]any
			if err := dec.Decode(&expected); err != nil {
				t.Fatal(err)
			}
			if tc.syn == TOML {
				// TOML has no null, and a number this large does not fit its integers.
				delete(expected, "none")
				expected["big"] = "12345678901234567890"
			}
			if got := root.Value(); !reflect.DeepEqual(got, expected) {
				t.Errorf("Value() = %#v\nwant      %#v", got, expected)
			}
		})
	}
	if (*Node)(nil).Value() != nil {
		t.Error("a missing node's value is not nil")
	}
}
