package view

import (
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// TestPackageRef: the inventory names a package as ecosystem:name@version
// and an image as a container engine does, its tag after ":" and its
// digest after "@", so a digest pin is never lost and no tag reads as a
// digest.
func TestPackageRef(t *testing.T) {
	digest := "sha256:" + "6f0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5"
	tests := []struct {
		name string
		pkg  evidence.Package
		want string
	}{
		{"npm version", evidence.Package{Ecosystem: "npm", Name: "@upstash/context7-mcp", Version: "1.0.14"}, "npm:@upstash/context7-mcp@1.0.14"},
		{"unversioned", evidence.Package{Ecosystem: "npm", Name: "@modelcontextprotocol/server-filesystem"}, "npm:@modelcontextprotocol/server-filesystem"},
		{"image tag", evidence.Package{Ecosystem: "oci", Name: "mcp/kubernetes", Version: "latest"}, "oci:mcp/kubernetes:latest"},
		{"image digest", evidence.Package{Ecosystem: "oci", Name: "ghcr.io/github/github-mcp-server", Digest: digest}, "oci:ghcr.io/github/github-mcp-server@" + digest},
		{"image tag and digest", evidence.Package{Ecosystem: "oci", Name: "ghcr.io/acme/mcp", Version: "1.4.2", Digest: digest}, "oci:ghcr.io/acme/mcp:1.4.2@" + digest},
		{"image on a registry port", evidence.Package{Ecosystem: "oci", Name: "localhost:5000/mcpgateway", Version: "latest"}, "oci:localhost:5000/mcpgateway:latest"},
		{"bare image", evidence.Package{Ecosystem: "oci", Name: "docker.io/mcp/fetch"}, "oci:docker.io/mcp/fetch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:x", Name: "x"},
				Launch: &evidence.Launch{Package: &tt.pkg}}
			if got := SubjectFacts(srv).Package; got != tt.want {
				t.Errorf("server package = %q, want %q", got, tt.want)
			}
			wl := &evidence.Workload{Meta: evidence.Meta{Kind: evidence.KindWorkload, ID: "workload:x", Name: "x"},
				Images: []evidence.Package{tt.pkg}}
			if got := SubjectFacts(wl).Package; got != tt.want {
				t.Errorf("workload package = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestClientFacts: a client's settings file is inventoried with its
// client, format and scope (project settings apply to whoever opens the
// repository; user settings to one person), as a server's are.
func TestClientFacts(t *testing.T) {
	c := &evidence.Client{Meta: evidence.Meta{Kind: evidence.KindClient, ID: "client:a/.codex/config.toml", Name: "codex"},
		Client: "codex", Format: "codex/config.toml", Scope: "project"}
	f := SubjectFacts(c)
	if f.Client != "codex" || f.Format != "codex/config.toml" || f.Scope != "project" {
		t.Errorf("client facts = %+v, want client codex, format codex/config.toml, scope project", f)
	}
}

// TestIndexFactsAreSubjectFacts checks that the facts an index extracts
// once are those of the subject asked about, also for a subject whose ID a
// later subject has too and for one the results do not hold.
func TestIndexFactsAreSubjectFacts(t *testing.T) {
	r := fixture.Results()
	twin := *r.Subjects[0].(*evidence.Server)
	twin.Meta.Name = "twin"
	r.Subjects = append(r.Subjects, &twin)
	stranger := &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:elsewhere", Name: "elsewhere"}}
	x := New(r)
	for _, s := range append(slices.Clone(r.Subjects), stranger) {
		if got, want := x.Facts(s), SubjectFacts(s); got != want {
			t.Errorf("%s: facts %+v, want %+v", s.Metadata().ID, got, want)
		}
	}
}
