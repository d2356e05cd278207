package clientconfig

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/canary"
)

// TestSecretPlacementsNeverLeak collects each canary placement alone:
// nothing of it may reach the subjects, the artifact records or the stored
// copy, and the stored copy must still parse.
func TestSecretPlacementsNeverLeak(t *testing.T) {
	for _, tc := range canary.Placements() {
		t.Run(tc.Name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tc.File: tc.Content})
			res := collect(t, dir)
			subjects, err := json.Marshal(res.Subjects)
			if err != nil {
				t.Fatal(err)
			}
			records, err := json.Marshal(res.Artifacts)
			if err != nil {
				t.Fatal(err)
			}
			stored := res.Files["artifacts/"+tc.File]
			if stored == nil {
				t.Fatalf("%s was not stored", tc.File)
			}
			for _, g := range append(tc.Needles, canary.Word) {
				for what, blob := range map[string][]byte{"subjects": subjects, "artifact records": records, "stored copy": stored} {
					if bytes.Contains(blob, []byte(g)) {
						t.Errorf("%q survives in the %s:\n%s", g, what, blob)
					}
				}
			}
			if bytes.Contains(stored, []byte("[REDACTED:[REDACTED")) {
				t.Errorf("nested redaction in the stored copy:\n%s", stored)
			}
			syn, _ := postree.SyntaxOfPath(tc.File)
			var perr *postree.SyntaxError
			switch syn {
			case postree.JSON:
				_, _, perr = postree.ParseJSON(stored, postree.NewLines(stored))
			case postree.YAML:
				_, perr = postree.ParseYAML(stored)
			case postree.TOML:
				_, perr = postree.ParseTOML(stored, postree.NewLines(stored))
			}
			if perr != nil {
				t.Errorf("the stored copy no longer parses (%v):\n%s", perr, stored)
			}
		})
	}
}

// TestCredentialKeysClassifyAnyValue: the values under credential-named
// keys are literal secrets in the evidence, not printed literals.
func TestCredentialKeysClassifyAnyValue(t *testing.T) {
	for _, tc := range canary.Placements() {
		if tc.File != ".mcp.json" || !strings.Contains(tc.Content, `"env":{"`) {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			for _, s := range analyze(tc.File, []byte(tc.Content)) {
				srv, ok := s.(*evidence.Server)
				if !ok {
					continue
				}
				for k, v := range srv.Env {
					if k != "1" && v.Kind != evidence.ValueLiteralSecret && v.Text != "1" {
						t.Errorf("%s = %+v, want a literal secret", k, v)
					}
				}
			}
		})
	}
}
