package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

func subjects() []evidence.Subject {
	prov := func(file string, line int) evidence.Provenance {
		return evidence.Provenance{Collector: "clientconfig/cursor", File: file, Line: line}
	}
	return []evidence.Subject{
		&evidence.Server{
			Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:a/.cursor/mcp.json#github", Name: "github", Provenance: prov("a/.cursor/mcp.json", 3)},
			Client: "cursor", Transport: evidence.TransportStdio,
			Launch: &evidence.Launch{Command: "npx", Args: []string{"-y", "@modelcontextprotocol/server-github", "--token", "[REDACTED:ghp_…(40)]"}},
		},
		&evidence.Server{
			Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:b/.vscode/mcp.json#docs", Name: "docs\x1b[31m", Provenance: prov("b/.vscode/mcp.json", 9)},
			Client: "vscode", Transport: evidence.TransportStreamableHTTP, Ignored: true,
			Remote: &evidence.Remote{URL: "https://docs.example.com/mcp"},
		},
		&evidence.Server{
			Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:c/cline_mcp_settings.json#db", Name: "db", Provenance: prov("c/cline_mcp_settings.json", 5)},
			Client: "cline", Transport: evidence.TransportStdio, Disabled: true,
			Launch: &evidence.Launch{Command: "python", Args: []string{"server.py"}},
		},
		&evidence.Source{
			Meta:   evidence.Meta{Kind: evidence.KindSource, ID: "source:d/.mcp.json", Name: "d/.mcp.json", Provenance: prov("d/.mcp.json", 0)},
			Status: evidence.StatusParseError,
			Diagnostics: []evidence.Diagnostic{
				{Severity: "error", Line: 4, Column: 7, Message: "invalid character '}'"},
				{Severity: "warning", Message: "second"},
			},
		},
		&evidence.Source{
			Meta:   evidence.Meta{Kind: evidence.KindSource, ID: "source:a/.cursor/mcp.json", Name: "a/.cursor/mcp.json"},
			Status: evidence.StatusOK, Servers: 1,
		},
	}
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, subjects()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"SERVER", "a/.cursor/mcp.json:3",
		"npx -y @modelcontextprotocol/server-github --token [REDACTED:ghp_…(40)]",
		"vscode (ignored)", "cline (disabled)", "https://docs.example.com/mcp",
		"Sources not fully read:",
		"d/.mcp.json: parse-error: line 4, column 7: invalid character '}' (+1 more)",
		"2 servers (1 disabled), 1 ignored entry, in 2 files; 1 file not fully read",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("control characters from a server name reach the terminal")
	}
}

func TestWriteJSON(t *testing.T) {
	b := &evidence.Bundle{Tool: "tollgate", ToolVersion: "1.0.0", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Subjects: subjects()}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tool     string           `json:"tool"`
		Subjects []map[string]any `json:"subjects"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if len(doc.Subjects) != 5 {
		t.Fatalf("got %d subjects, want 5", len(doc.Subjects))
	}
	for _, s := range doc.Subjects {
		if s["kind"] == nil || s["provenance"] == nil {
			t.Errorf("subject without kind or provenance: %v", s)
		}
	}

	buf.Reset()
	if err := WriteJSON(&buf, &evidence.Bundle{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"subjects": []`) {
		t.Errorf("an empty inventory must list no subjects, not null: %s", buf.String())
	}
}

func TestTarget(t *testing.T) {
	tests := []struct {
		name string
		srv  *evidence.Server
		want string
	}{
		{"stdio", &evidence.Server{Launch: &evidence.Launch{Command: "uvx", Args: []string{"mcp-server-time"}}}, "uvx mcp-server-time"},
		{"remote", &evidence.Server{Remote: &evidence.Remote{URL: "https://x.example/mcp"}}, "https://x.example/mcp"},
		{"bridge shows the command", &evidence.Server{Launch: &evidence.Launch{Command: "npx", Args: []string{"mcp-remote", "https://x.example/mcp"}}, Remote: &evidence.Remote{URL: "https://x.example/mcp"}}, "npx mcp-remote https://x.example/mcp"},
		{"nothing", &evidence.Server{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Target(tt.srv); got != tt.want {
				t.Errorf("Target = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteTableListsWorkloads(t *testing.T) {
	wl := &evidence.Workload{
		Meta: evidence.Meta{Kind: evidence.KindWorkload, ID: "workload:cluster/prod#mcp/Deployment/github-mcp", Name: "github-mcp",
			Provenance: evidence.Provenance{Collector: "kubernetes", Cluster: "prod", Namespace: "mcp", Object: "Deployment/github-mcp"}},
		Object: "Deployment/github-mcp", Namespace: "mcp", Role: "server",
		Images: []evidence.Package{{Ecosystem: "oci", Name: "ghcr.io/github/github-mcp-server", Version: "v0.9.1"}, {Ecosystem: "oci", Name: "busybox"}},
	}
	cluster := &evidence.Source{
		Meta:   evidence.Meta{Kind: evidence.KindSource, ID: "source:cluster/prod", Name: "cluster/prod", Provenance: evidence.Provenance{Collector: "kubernetes", Cluster: "prod"}},
		Status: evidence.StatusOK, Servers: 1,
		Diagnostics: []evidence.Diagnostic{{Severity: "warning", Message: "not allowed to list networkpolicies.networking.k8s.io in every namespace"}},
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, []evidence.Subject{wl, cluster}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"WORKLOAD", "Deployment/github-mcp", "ghcr.io/github/github-mcp-server:v0.9.1 (+1)", "prod:mcp/Deployment/github-mcp",
		"1 workload", "cluster/prod: not allowed to list networkpolicies.networking.k8s.io in every namespace",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
