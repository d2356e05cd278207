package postree

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// yamlMappingInputs are documents for the comparison of small mappings'
// path with the general one: repeated keys, merge keys, aliases, flow
// mappings, and mappings on either side of maxScannedMembers.
var yamlMappingInputs = []string{
	"a: 1\nb: 2\n", "a: 1\na: 2\n", "a: {x: 1, x: 2}\n", "a: 1\nb:\n  c: 2\n  c: 3\n", "{}\n", "a: {}\nb: []\n",
	"base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n", "base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n  x: 3\n",
	"a: &a\n  k: v\nb: *a\nc: [*a, *a]\n", "- a: 1\n  b: 2\n- {a: 1, a: 1}\n", "? complex\n: value\n", "a: 1\n---\nb: 2\nb: 3\n",
	"x: &m {a: 1}\ny: {<<: *m, b: 2}\n", "x: [&m {a: 1}, &n {b: 2}]\ny: {<<: [*m, *n], a: 3}\n", "\"a\": 1\n'a': 2\n",
	"null: 1\n~: 2\n", "1: a\n01: b\n", "a:\n  - b: 1\n    b: 2\n",
}

func init() {
	for _, n := range []int{maxScannedMembers - 1, maxScannedMembers, maxScannedMembers + 1, 3 * maxScannedMembers} {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d: %d\n", i, i)
		}
		yamlMappingInputs = append(yamlMappingInputs, b.String(), b.String()+"k0: again\n", "m:\n"+strings.ReplaceAll(b.String(), "k", "  k"))
	}
}

// TestSmallYAMLMappings checks that mappings read without maps of their
// keys read as the general path reads them, errors included, on the
// inputs above, the span cases and the corpus' YAML files.
func TestSmallYAMLMappings(t *testing.T) {
	inputs := append([]string(nil), yamlMappingInputs...)
	for _, doc := range spanCases {
		inputs = append(inputs, doc)
	}
	for _, root := range []string{"../../../../shared/corpus", "../../../examples", "../../../deploy"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml") {
				return nil
			}
			if data, err := os.ReadFile(p); err == nil {
				inputs = append(inputs, string(data))
			}
			return nil
		})
	}
	for _, in := range inputs {
		compareYAMLPaths(t, []byte(in))
	}
}

func FuzzSmallYAMLMappings(f *testing.F) {
	for _, in := range yamlMappingInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			t.Skip("large inputs only slow the fuzzer")
		}
		compareYAMLPaths(t, data)
	})
}

// compareYAMLPaths fails when the two paths read data differently.
func compareYAMLPaths(t *testing.T, data []byte) {
	t.Helper()
	docs, perr := ParseYAMLDocuments(data)
	yamlIndexAll = true
	want, wantErr := ParseYAMLDocuments(data)
	yamlIndexAll = false
	if !reflect.DeepEqual(perr, wantErr) {
		t.Fatalf("%q: error %v, want %v", data, perr, wantErr)
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("%q: the small mappings' path reads\n%s\nwant\n%s", data, dumpDocs(docs), dumpDocs(want))
	}
}

func dumpDocs(docs []*Node) string {
	var b strings.Builder
	for _, d := range docs {
		b.WriteString(dumpNode(d))
		b.WriteString("---\n")
	}
	return b.String()
}
