package assess

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs (run with -update to accept):\n--- got\n%s", name, got)
	}
}

var now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func testCatalog(t *testing.T) *controls.Catalog {
	t.Helper()
	cat, err := controls.LoadDir("testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	merged, err := controls.Merge(cat)
	if err != nil {
		t.Fatal(err)
	}
	return merged
}

func server(name, file string, mod func(*evidence.Server)) *evidence.Server {
	s := &evidence.Server{
		Meta: evidence.Meta{
			Kind: evidence.KindServer, ID: evidence.MakeID(evidence.KindServer, file, name), Name: name,
			Provenance: evidence.Provenance{Collector: "clientconfig/cursor", File: file, Line: 3},
		},
		Client: "cursor", Format: "cursor/mcp.json", Scope: evidence.ScopeProject, Transport: evidence.TransportStdio,
		Launch: &evidence.Launch{Command: "npx", Runner: "npx"},
	}
	if mod != nil {
		mod(s)
	}
	return s
}

func source(file, format, status string) *evidence.Source {
	s := &evidence.Source{
		Meta:   evidence.Meta{Kind: evidence.KindSource, ID: evidence.MakeID(evidence.KindSource, file, ""), Name: file, Provenance: evidence.Provenance{File: file}},
		Format: format, Status: status,
	}
	if status == evidence.StatusParseError {
		s.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: file, Line: 7, Message: "invalid character '}' looking for beginning of object key string"}}
	}
	return s
}

func secretEnv(kind string) map[string]evidence.Value {
	return map[string]evidence.Value{"API_TOKEN": {Kind: kind, Secret: true, Fingerprint: "0123456789ab", Text: "[REDACTED:sk-…(51)]"}}
}

func testSubjects() []evidence.Subject {
	remote := func(scheme, host string) func(*evidence.Server) {
		return func(s *evidence.Server) {
			s.Transport, s.Launch = evidence.TransportStreamableHTTP, nil
			s.Remote = &evidence.Remote{URL: scheme + "://" + host + "/mcp", Scheme: scheme, Host: host}
		}
	}
	return []evidence.Subject{
		server("github", ".cursor/mcp.json", func(s *evidence.Server) { s.Env = secretEnv(evidence.ValueLiteralSecret) }),
		server("legacy-db", ".cursor/mcp.json", func(s *evidence.Server) { s.Env = secretEnv(evidence.ValueLiteralSecret) }),
		server("docs", ".vscode/mcp.json", func(s *evidence.Server) {
			remote("https", "docs.example.com")(s)
			s.Env = secretEnv(evidence.ValueEnvReference)
		}),
		server("wiki", ".vscode/mcp.json", remote("http", "wiki.internal")),
		server("ignored-one", ".vscode/mcp.json", func(s *evidence.Server) {
			s.Ignored = true
			s.Env = secretEnv(evidence.ValueLiteralSecret)
		}),
		source(".cursor/mcp.json", "cursor/mcp.json", evidence.StatusOK),
		source(".codeium/windsurf/mcp_config.json", "windsurf/mcp_config.json", evidence.StatusParseError),
		source("gateway/config.yaml", "agentgateway/config.yaml", evidence.StatusParseError),
	}
}

func testMappings() *mappings.Set {
	link := func(control, fw, req string) mappings.Link {
		return mappings.Link{Control: control, Framework: fw, Requirement: req, Provenance: mappings.ProvenanceAsserted, Rationale: "test"}
	}
	return &mappings.Set{
		Frameworks: []*mappings.Framework{
			{ID: "fw-b", Title: "Framework B", Requirements: []mappings.Requirement{{ID: "B-1", Title: "Mixed"}}},
			{ID: "fw-a", Title: "Framework A", Requirements: []mappings.Requirement{
				{ID: "A-1", Title: "Secrets"}, {ID: "A-2", Title: "Allowlist"}, {ID: "A-3", Title: "Incident response"},
				{ID: "A-4", Title: "Gateways"}, {ID: "A-5", Title: "Unmapped"}, {ID: "A-6", Title: "Config hygiene and governance"},
			}},
		},
		Links: []mappings.Link{
			link("T-SECRETS-01", "fw-a", "A-1"), link("T-GOV-01", "fw-a", "A-2"), link("T-GOV-02", "fw-a", "A-3"),
			link("T-GW-01", "fw-a", "A-4"), link("T-GOV-01", "fw-a", "A-6"), link("T-GOV-02", "fw-a", "A-6"),
			link("T-TLS-01", "fw-b", "B-1"), link("T-GOV-01", "fw-b", "B-1"), link("NOT-IN-CATALOG", "fw-b", "B-1"),
		},
	}
}

func testInput(t *testing.T) Input {
	t.Helper()
	waivers, err := LoadWaivers("testdata/waivers/waivers.hcl")
	if err != nil {
		t.Fatal(err)
	}
	atts, err := LoadAttestations("testdata/attestations/attestations.hcl")
	if err != nil {
		t.Fatal(err)
	}
	return Input{
		Subjects: testSubjects(), Catalog: testCatalog(t), Mappings: testMappings(),
		Waivers: waivers, Attestations: atts, Now: now, Tool: "tollgate", Version: "test",
		Artifacts: []evidence.Artifact{{Path: ".vscode/mcp.json", SHA256: "bb"}, {Path: ".cursor/mcp.json", SHA256: "aa"}},
	}
}

// TestRun checks every verdict and roll-up of a small assessment against a
// golden results file.
func TestRun(t *testing.T) {
	res, err := Run(context.Background(), testInput(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "results.golden.json", append(data, '\n'))

	status := map[string]Status{}
	for _, cr := range res.Controls {
		status[cr.Control.ID] = cr.Status
	}
	want := map[string]Status{
		"T-SECRETS-01": StatusNotSatisfied, // github fails; legacy-db waived
		"T-TLS-01":     StatusNotSatisfied, // wiki fails: its waiver expired
		"T-GW-01":      StatusError,        // the gateway config could not be parsed
		"T-SRC-01":     StatusNotSatisfied, // two sources do not parse
		"T-GOV-01":     StatusSatisfied,    // attested
		"T-GOV-02":     StatusManual,       // attestation expired
	}
	for id, w := range want {
		if status[id] != w {
			t.Errorf("%s: status %s, want %s", id, status[id], w)
		}
	}
	reqs := map[string]Status{}
	for _, fr := range res.Frameworks {
		for _, rr := range fr.Requirements {
			reqs[fr.Framework.ID+"/"+rr.Requirement.ID] = rr.Status
		}
	}
	wantReqs := map[string]Status{
		"fw-a/A-1": StatusNotSatisfied, "fw-a/A-2": StatusSatisfied, "fw-a/A-3": StatusManual,
		"fw-a/A-4": StatusError, "fw-a/A-5": StatusNotAssessed, "fw-a/A-6": StatusSatisfied,
		"fw-b/B-1": StatusNotSatisfied,
	}
	for id, w := range wantReqs {
		if reqs[id] != w {
			t.Errorf("%s: status %s, want %s", id, reqs[id], w)
		}
	}
	waivers := map[string]WaiverRecord{}
	for _, w := range res.Waivers {
		waivers[w.ID] = w
	}
	if w := waivers["W-001"]; w.Status != WaiverActive || w.Matched != 1 {
		t.Errorf("W-001 = %s/%d, want active/1", w.Status, w.Matched)
	}
	if w := waivers["W-002"]; w.Status != WaiverExpired || w.Matched != 0 {
		t.Errorf("W-002 = %s/%d, want expired/0", w.Status, w.Matched)
	}
	if w := waivers["W-003"]; w.Status != WaiverUnused {
		t.Errorf("W-003 = %s, want unused", w.Status)
	}
	for _, cr := range res.Controls {
		ev, _ := json.Marshal(cr.Evaluations)
		if strings.Contains(string(ev), "sk-") || strings.Contains(string(ev), "0123456789ab") {
			t.Errorf("%s: evaluations reveal a secret's shape or fingerprint: %s", cr.Control.ID, ev)
		}
	}
}

// TestRunDeterministic runs the same input in another order and requires
// byte-identical results.
func TestRunDeterministic(t *testing.T) {
	in := testInput(t)
	a, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	in.Subjects = slices.Clone(in.Subjects)
	slices.Reverse(in.Subjects)
	slices.Reverse(in.Artifacts)
	slices.Reverse(in.Waivers)
	b, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("results differ when the input order changes")
	}
}

func TestRunFrameworkFilter(t *testing.T) {
	in := testInput(t)
	in.Frameworks = []string{"fw-b"}
	res, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Frameworks) != 1 || res.Frameworks[0].Framework.ID != "fw-b" {
		t.Errorf("frameworks = %v", res.Frameworks)
	}
	in.Frameworks = []string{"nope"}
	if _, err := Run(context.Background(), in); err == nil || !strings.Contains(err.Error(), `unknown framework "nope"`) {
		t.Errorf("unknown framework: %v", err)
	}
}

func TestRunRejectsBadReferences(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Input)
		want string
	}{
		{"no catalog", func(in *Input) { in.Catalog = nil }, "no control catalog"},
		{"waiver of unknown control", func(in *Input) { in.Waivers[0].Control = "NOPE" }, `unknown control "NOPE"`},
		{"waiver of manual control", func(in *Input) { in.Waivers[0].Control = "T-GOV-01" }, "is manual"},
		{"attestation of automated control", func(in *Input) { in.Attestations[0].Control = "T-TLS-01" }, "checked automatically"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := testInput(t)
			tt.mod(&in)
			if _, err := Run(context.Background(), in); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := testInput(t)
	if _, err := Run(ctx, in); err == nil {
		t.Error("cancelled run succeeded")
	}
}
