package evidence_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// hostBundle is one host's bundle: a Cursor config with the given servers
// (content names the file's version) and a probed endpoint without a file.
func hostBundle(origin string, created time.Time, content string, servers ...string) *evidence.Bundle {
	file := ".cursor/mcp.json"
	src := &evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, ID: evidence.MakeID(evidence.KindSource, file, ""), Name: file,
		Provenance: evidence.Provenance{File: file, Collected: created}},
		Status: evidence.StatusOK, Diagnostics: []evidence.Diagnostic{{Severity: "warning", File: file, Line: 2, Message: "repeated key"}}}
	b := &evidence.Bundle{Origin: origin, Created: created, Tool: "tollgate",
		Subjects:  []evidence.Subject{src},
		Artifacts: []evidence.Artifact{{Path: file, BundlePath: "artifacts/" + file, SHA256: content}},
		Files:     map[string][]byte{"artifacts/" + file: []byte(content)}}
	for _, name := range servers {
		b.Subjects = append(b.Subjects, &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer,
			ID: evidence.MakeID(evidence.KindServer, file, name), Name: name, Links: []string{src.ID},
			Provenance: evidence.Provenance{File: file, Line: 3, Collected: created}}})
	}
	b.Subjects = append(b.Subjects, &evidence.Endpoint{Meta: evidence.Meta{Kind: evidence.KindEndpoint,
		ID: evidence.MakeID(evidence.KindEndpoint, "https://mcp.example/mcp", ""), Name: "https://mcp.example/mcp",
		Provenance: evidence.Provenance{URL: "https://mcp.example/mcp", Collected: created}}, URL: "https://mcp.example/mcp"})
	return b
}

func ids(b *evidence.Bundle) []string {
	var out []string
	for _, s := range b.Subjects {
		out = append(out, s.Metadata().ID)
	}
	return out
}

var (
	monday  = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tuesday = monday.AddDate(0, 0, 1)
)

func TestMergeQualifiesByOrigin(t *testing.T) {
	merged, notes, err := evidence.Merge([]evidence.Part{
		{Path: "a", Bundle: hostBundle("laptop-1", monday, "v1", "github")},
		{Path: "b", Bundle: hostBundle("github.com/acme/api", monday, "v1", "github")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes: %v", notes)
	}
	want := []string{
		"endpoint:github.com/acme/api/https://mcp.example/mcp",
		"endpoint:laptop-1/https://mcp.example/mcp",
		"server:github.com/acme/api/.cursor/mcp.json#github",
		"server:laptop-1/.cursor/mcp.json#github",
		"source:github.com/acme/api/.cursor/mcp.json",
		"source:laptop-1/.cursor/mcp.json",
	}
	if got := ids(merged); !slices.Equal(got, want) {
		t.Errorf("subjects = %q, want %q", got, want)
	}
	for _, s := range merged.Subjects {
		m := s.Metadata()
		origin, _, _ := strings.Cut(strings.TrimPrefix(m.ID, string(m.Kind)+":"), "/")
		if m.Provenance.File != "" && !strings.HasPrefix(m.Provenance.File, origin) {
			t.Errorf("%s: file %q not qualified", m.ID, m.Provenance.File)
		}
		for _, l := range m.Links {
			if !slices.Contains(want, l) {
				t.Errorf("%s links to %q, which is not a merged subject", m.ID, l)
			}
		}
		if src, ok := s.(*evidence.Source); ok && (src.Name != m.Provenance.File || src.Diagnostics[0].File != m.Provenance.File) {
			t.Errorf("source %s: name %q, diagnostic file %q", m.ID, src.Name, src.Diagnostics[0].File)
		}
	}
	if len(merged.Artifacts) != 2 || merged.Artifacts[1].BundlePath != "artifacts/laptop-1/.cursor/mcp.json" {
		t.Fatalf("artifacts = %+v", merged.Artifacts)
	}
	if string(merged.Files["artifacts/laptop-1/.cursor/mcp.json"]) != "v1" || len(merged.Files) != 2 {
		t.Errorf("files = %v", merged.Files)
	}
}

func TestMergeOverlappingBundlesKeepTheLaterCollection(t *testing.T) {
	parts := func() []evidence.Part {
		return []evidence.Part{
			{Path: "tuesday", Bundle: hostBundle("laptop-1", tuesday, "v2", "github")},
			{Path: "monday", Bundle: hostBundle("laptop-1", monday, "v1", "github", "slack")},
		}
	}
	merged, notes, err := evidence.Merge(parts())
	if err != nil {
		t.Fatal(err)
	}
	// Tuesday's copy of the file wins, with its servers only: slack was removed.
	want := []string{"endpoint:laptop-1/https://mcp.example/mcp", "server:laptop-1/.cursor/mcp.json#github", "source:laptop-1/.cursor/mcp.json"}
	if got := ids(merged); !slices.Equal(got, want) {
		t.Errorf("subjects = %q, want %q", got, want)
	}
	if len(merged.Artifacts) != 1 || merged.Artifacts[0].SHA256 != "v2" || string(merged.Files[merged.Artifacts[0].BundlePath]) != "v2" {
		t.Errorf("artifacts = %+v", merged.Artifacts)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "laptop-1/.cursor/mcp.json differs") || !strings.Contains(notes[0], "using tuesday") {
		t.Errorf("notes = %q", notes)
	}
	if !merged.Created.Equal(tuesday) {
		t.Errorf("created = %s, want the latest collection", merged.Created)
	}
	// The order of the arguments does not matter.
	p := parts()
	slices.Reverse(p)
	again, _, err := evidence.Merge(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(again); !slices.Equal(got, want) {
		t.Errorf("reversed: subjects = %q", got)
	}
}

func TestMergeRefusesBundlesWithoutOrigin(t *testing.T) {
	for name, origin := range map[string]string{"none": "", "escaping": "../x"} {
		_, _, err := evidence.Merge([]evidence.Part{
			{Path: "a", Bundle: hostBundle("laptop-1", monday, "v1")},
			{Path: "b/bundle", Bundle: hostBundle(origin, monday, "v1")},
		})
		if err == nil || !strings.Contains(err.Error(), "b/bundle") {
			t.Errorf("%s: want an error naming the bundle, got %v", name, err)
		}
	}
	one := hostBundle("", monday, "v1", "github")
	got, _, err := evidence.Merge([]evidence.Part{{Path: "a", Bundle: one}})
	if err != nil || got != one {
		t.Errorf("a single bundle is evaluated as it is: %v", err)
	}
}

func TestOrigins(t *testing.T) {
	for _, ok := range []string{"laptop-7", "github.com/acme/payments-api", "ci@runner+1", "a.b_c"} {
		if err := evidence.ValidOrigin(ok); err != nil {
			t.Errorf("ValidOrigin(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "/abs", "a/", "a//b", "..", "a/../b", "with space", "tab\t", "semi;colon", "~home", strings.Repeat("x", 201)} {
		if err := evidence.ValidOrigin(bad); err == nil {
			t.Errorf("ValidOrigin(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"My Laptop": "My-Laptop", "a/../b": "a/b", "/x//y/": "x/y", "...": "..."} {
		if got := evidence.SanitizeOrigin(in); got != want {
			t.Errorf("SanitizeOrigin(%q) = %q, want %q", in, got, want)
		}
		if got := evidence.SanitizeOrigin(in); evidence.ValidOrigin(got) != nil {
			t.Errorf("SanitizeOrigin(%q) = %q is not valid", in, got)
		}
	}
}
