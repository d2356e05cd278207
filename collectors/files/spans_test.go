package files

import (
	"context"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// fieldAnalyzer reads any JSON, YAML or TOML file and hands every value
// under a key named "field" to SecretAt (a key name the lexical redaction
// does not know, so that only the span redaction acts).
type fieldAnalyzer struct{}

func (fieldAnalyzer) Label() Label { return Label{Format: "test/field", Collector: "test"} }

func (fieldAnalyzer) Match(p string) Strength {
	if _, ok := postree.SyntaxOfPath(p); ok {
		return Strong
	}
	return None
}

func (a fieldAnalyzer) Analyze(_ context.Context, f *File, _ Strength) *Analysis {
	syn, _ := postree.SyntaxOfPath(f.Path)
	src := f.NewSource(a.Label())
	src.Status = evidence.StatusOK
	var walk func(n *postree.Node)
	walk = func(n *postree.Node) {
		for i, k := range n.Keys {
			if k == "field" {
				f.SecretAt(n.Vals[i])
			}
			walk(n.Vals[i])
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	if p := f.Parse(syn); p.Err == nil {
		walk(p.Root)
	}
	return &Analysis{Source: src, Store: true}
}

// TestSecretsRedactedWhereTheyAreWritten checks that a secret scalar is
// removed from the stored copy however the file encodes it, and that the
// copy still parses, with the marker where the secret was.
func TestSecretsRedactedWhereTheyAreWritten(t *testing.T) {
	tests := []struct {
		name, data string
		leaks      []string // encoded fragments of the secret
	}{
		{"a.json", "\ufeff{\"field\": \"sk-\\u0043ANARYabcdefghijklmnopqrstuv\", \"n\": 1}", []string{"ANARYabcdefghijklmnopqrstuv"}},
		{"b.json", `{"a": [{"field": 84239176501234}]}`, []string{"84239176501234"}},
		{"c.yaml", "x:\n  field: >-\n    CANARY-folded-part-one\n    part-two\n  other: 1\n", []string{"part-one", "part-two"}},
		{"d.yaml", "field: |\r\n  CANARY-block\r\n  second-line\r\nnext: 2\r\n", []string{"CANARY-block", "second-line"}},
		{"e.yaml", "field: CANARY-plain\n  continued-line\nnext: 2\n", []string{"CANARY-plain", "continued-line"}},
		{"f.yaml", "field: 'it''s-CANARY-quoted'\n", []string{"CANARY-quoted"}},
		{"g.toml", "field = \"\"\"\nCANARY-multi\\\n  line\"\"\"\n[t]\nfield = 'CANARY-literal'\n", []string{"CANARY-multi", "CANARY-literal", "line\"\"\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := CollectData(context.Background(), tt.name, []byte(tt.data), Options{Now: testNow}, []Analyzer{fieldAnalyzer{}})
			stored := string(out.Files[BundlePath(tt.name)])
			if stored == "" {
				t.Fatal("nothing stored")
			}
			for _, leak := range tt.leaks {
				if strings.Contains(stored, leak) {
					t.Errorf("stored copy holds %q:\n%s", leak, stored)
				}
			}
			data := strings.TrimPrefix(stored, "\ufeff")
			syn, _ := postree.SyntaxOfPath(tt.name)
			f := &File{Data: []byte(data)}
			p := f.Parse(syn)
			if p.Err != nil {
				t.Fatalf("stored copy does not parse: %v\n%s", p.Err, stored)
			}
			if !strings.Contains(stored, "[REDACTED:") {
				t.Errorf("no marker in the stored copy:\n%s", stored)
			}
		})
	}
}
