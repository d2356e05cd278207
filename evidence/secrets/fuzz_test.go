package secrets

import (
	"strings"
	"testing"
)

// fuzzCanary is a credential planted in fuzzed values; it must never
// survive into a classified Text or redacted output.
const fuzzCanary = "ghp_CanaryCanaryCanaryCanary0123456789"

var fuzzClients = []string{"claude-desktop", "claude-code", "cursor", "vscode", "windsurf", "cline",
	"continue", "zed", "gemini-cli", "codex", "mcpb", "unknown"}

func FuzzClassify(f *testing.F) {
	seeds := []struct{ key, value string }{
		{"GITHUB_TOKEN", "${GITHUB_TOKEN}"}, {"Authorization", "Bearer ${input:tok}"},
		{"API_KEY", "<paste-your-key-here>"}, {"PATH", "C:/x;%PATH%"}, {"DB", "postgres://u:p@h/db"},
		{"X", "${{ secrets.X }}"}, {"MSSQL_PASSWORD", "FakeP4sswordNotReal0000"}, {"", "$HOME/${env:X}"},
		{"url", "https://${input:domain}/mcp?api_key=abc"}, {"K", "${A:-${B}}"}, {"K", "%%$${{}}"},
	}
	for i, s := range seeds {
		f.Add(s.key, s.value, uint8(i))
	}
	f.Fuzz(func(t *testing.T, key, value string, client uint8) {
		syn := SyntaxFor(fuzzClients[int(client)%len(fuzzClients)])
		v := Classify(key, value, syn)
		if v.Kind == "" {
			t.Fatalf("no kind for %q", value)
		}
		if v.Kind == "literal-secret" && value != "" {
			if v.Text != "[REDACTED:"+v.Shape+"]" {
				t.Fatalf("secret Text %q is not the redaction marker of shape %q", v.Text, v.Shape)
			}
			// Only the shape varies in the marker. It may show a known public
			// prefix (ghp_, github_pat_…) and the length, never the value.
			prefix, _, _ := strings.Cut(v.Shape, "…")
			if len(value) >= minSecretLen && len(value) > len(prefix) && strings.Contains(v.Shape, value) {
				t.Fatalf("secret shape %q reveals value %q", v.Shape, value)
			}
		}
		// A planted canary never survives, whatever surrounds it.
		for _, planted := range []string{value + " " + fuzzCanary, fuzzCanary + " " + value, key + " " + fuzzCanary + " " + value} {
			got := Classify(key, planted, syn)
			if strings.Contains(got.Text, fuzzCanary) || strings.Contains(got.Ref, fuzzCanary) {
				t.Fatalf("canary survived in %+v (value %q)", got, planted)
			}
			if out := NewRedactor().RedactString(planted); strings.Contains(out, fuzzCanary) {
				t.Fatalf("Redactor left the canary in %q", out)
			}
		}
		// Redaction never nests and is idempotent: a marker keeps the shape
		// and length it shows.
		red := NewRedactor()
		red.Add(key)
		once := red.RedactString(key + "=" + value + " https://" + value + "@h/?code=" + value)
		if twice := red.RedactString(once); twice != once {
			t.Fatalf("redaction is not idempotent:\n%q\n%q", once, twice)
		}
		if strings.Contains(once, "[REDACTED:[REDACTED") {
			t.Fatalf("nested redaction: %q", once)
		}
		r := NewRedactor()
		r.Add(value)
		if len(value) >= minSecretLen && strings.Contains(r.RedactString("x "+value+" y"), value) {
			t.Fatalf("remembered secret %q survived", value)
		}
	})
}
