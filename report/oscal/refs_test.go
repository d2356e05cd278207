package oscal

import (
	"encoding/json"
	"strings"
	"testing"
)

// referenceKeys are the OSCAL keys whose values name a UUID defined
// elsewhere (in the same document or one it imports).
var referenceKeys = map[string]bool{
	"subject-uuid": true, "observation-uuid": true, "risk-uuid": true, "actor-uuid": true,
	"party-uuids": true, "component-uuid": true, "activity-uuid": true, "finding-uuid": true,
}

// checkReferences checks that every UUID the first document refers to is
// defined in it or in one of the documents it imports (given after it),
// that every "#uuid" link names a back-matter resource of the same
// document, and that no UUID is defined twice in one document.
func checkReferences(t *testing.T, doc []byte, imported ...[]byte) {
	t.Helper()
	defined := map[string]bool{}
	for i, d := range append([][]byte{doc}, imported...) {
		own := map[string]int{}
		walkJSON(t, d, func(key string, v any, _ map[string]any) {
			if key != "uuid" {
				return
			}
			s, _ := v.(string)
			own[s]++
			defined[s] = true
		})
		for u, n := range own {
			if n > 1 {
				t.Errorf("document %d defines UUID %s %d times", i, u, n)
			}
		}
	}
	walkJSON(t, doc, func(key string, v any, _ map[string]any) {
		switch {
		case referenceKeys[key]:
			var refs []string
			switch x := v.(type) {
			case string:
				refs = []string{x}
			case []any:
				for _, e := range x {
					s, _ := e.(string)
					refs = append(refs, s)
				}
			}
			for _, u := range refs {
				if !defined[u] {
					t.Errorf("%s %s is defined nowhere", key, u)
				}
			}
		case key == "href":
			s, _ := v.(string)
			if id, ok := strings.CutPrefix(s, "#"); ok && !defined[id] {
				t.Errorf("link %s names nothing", s)
			}
		}
	})
}

// walkJSON calls fn for every key of every object in a JSON document.
func walkJSON(t *testing.T, data []byte, fn func(key string, v any, parent map[string]any)) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				fn(k, e, x)
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
}
