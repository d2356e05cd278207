package assess

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/policy"
)

const testPolicy = `package policy

approved: github: {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.4.8"]}
	owner: "platform"
}
required: "remote-oauth": {
	description: "Remote servers use OAuth"
	subject:     "server"
	when: remote: url: string
	check: auth: kind: "oauth" | "oauth-capable"
}
exceptions: pilot: {
	allow: ["unapproved", "requirements"]
	paths: ["repos/pilot/**"]
	justification: "pilot of the docs server"
	owner: "docs"
	approved_by: "security"
	expires: "2026-06-30"
}
`

func loadTestPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.cue"), []byte(testPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPolicyAutomatesTheAllowlistControl(t *testing.T) {
	builtin, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	pinned := func(v string) func(*evidence.Server) {
		return func(s *evidence.Server) {
			s.Launch = &evidence.Launch{Command: "npx", Runner: "npx",
				Package: &evidence.Package{Ecosystem: "npm", Name: "@modelcontextprotocol/server-github", Version: v, Pinning: evidence.PinExact}}
		}
	}
	remote := func(s *evidence.Server) {
		s.Transport, s.Auth = evidence.TransportStreamableHTTP, evidence.Auth{Kind: evidence.AuthStaticBearer}
		s.Remote = &evidence.Remote{URL: "https://docs.example/mcp", Scheme: "https", Host: "docs.example"}
	}
	subjects := []evidence.Subject{
		server("github", "repos/app/.mcp.json", pinned("2025.4.8")),
		server("github-old", "repos/app/.mcp.json", pinned("2025.1.0")),
		server("docs", "repos/app/.mcp.json", remote),
		server("docs", "repos/pilot/.mcp.json", remote),
	}
	att := Attestation{ID: "A-1", Control: policy.ControlApproved, Statement: "We keep a list.", AttestedBy: "sec",
		Evidence: "https://wiki.example/allowlist", Expires: now.AddDate(1, 0, 0), File: "a.hcl", Line: 1}
	in := Input{Subjects: subjects, Catalog: builtin, Now: now, Attestations: []Attestation{att}}

	// Without a policy the allowlist is attested.
	res, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	gov := resultOf(t, res, policy.ControlApproved)
	if gov.Control.Manual != true || gov.Status != StatusSatisfied || gov.Evaluations[0].Attestation != "A-1" {
		t.Errorf("without a policy: %+v", gov)
	}
	if res.Policy != nil {
		t.Errorf("policy record without a policy: %+v", res.Policy)
	}

	// With one, every server is judged against it.
	in.Policy = loadTestPolicy(t)
	res, err = Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	gov = resultOf(t, res, policy.ControlApproved)
	if gov.Control.Manual || gov.Status != StatusNotSatisfied {
		t.Errorf("with a policy, %s is automated and fails: manual %v, status %s", gov.Control.ID, gov.Control.Manual, gov.Status)
	}
	verdicts := map[string]Verdict{}
	for _, e := range gov.Evaluations {
		verdicts[e.SubjectID] = e.Verdict
	}
	want := map[string]Verdict{
		"server:repos/app/.mcp.json#github":     VerdictPass,
		"server:repos/app/.mcp.json#github-old": VerdictPass, // approved, at another version: MCP-POLICY-01
		"server:repos/app/.mcp.json#docs":       VerdictFail,
		"server:repos/pilot/.mcp.json#docs":     VerdictWaived,
	}
	for id, v := range want {
		if verdicts[id] != v {
			t.Errorf("%s: %s %s, want %s", policy.ControlApproved, id, verdicts[id], v)
		}
	}
	version := resultOf(t, res, policy.ControlVersion)
	if len(version.Evaluations) != 2 || version.Counts.Fail != 1 || version.Evaluations[1].SubjectID != "server:repos/app/.mcp.json#github-old" ||
		version.Evaluations[1].Reasons[0].Path != "policy.version" {
		t.Errorf("%s: %+v", policy.ControlVersion, version.Evaluations)
	}
	req := resultOf(t, res, policy.ControlServerRequirements)
	if req.Counts.Fail != 1 || req.Counts.Waived != 1 {
		t.Errorf("%s counts %+v", policy.ControlServerRequirements, req.Counts)
	}
	for _, e := range req.Evaluations {
		if e.Verdict == VerdictFail && (len(e.Reasons) != 1 || e.Reasons[0].Path != "policy.requirements.remote-oauth") {
			t.Errorf("requirement failure reasons %+v", e.Reasons)
		}
	}
	if len(res.Attestations) != 1 || res.Attestations[0].Status != AttestationSuperseded {
		t.Errorf("the attestation of an automated control is superseded: %+v", res.Attestations)
	}
	var ids []string
	for _, w := range res.Waivers {
		ids = append(ids, w.ID+" "+w.Status)
	}
	if want := []string{"pilot/MCP-GOV-01 active", "pilot/MCP-POLICY-05 unused", "pilot/MCP-POLICY-06 active", "pilot/MCP-POLICY-07 unused", "pilot/MCP-POLICY-08 unused"}; !slices.Equal(ids, want) {
		t.Errorf("waivers %q, want %q", ids, want)
	}
	if res.Policy == nil || res.Policy.Approved != 1 || res.Policy.Required != 1 || len(res.Policy.Files) != 1 ||
		res.Policy.Files[0].Artifact != "tollgate-policy/policy.cue" {
		t.Errorf("policy record %+v", res.Policy)
	}
	// The catalog given stays as it was.
	if !builtin.Control(policy.ControlApproved).Manual {
		t.Error("the input catalog was changed")
	}

	// An exception expires like a waiver.
	in.Now = now.AddDate(1, 0, 0)
	in.Attestations = nil
	res, err = Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range resultOf(t, res, policy.ControlApproved).Evaluations {
		if e.SubjectID == "server:repos/pilot/.mcp.json#docs" && e.Verdict != VerdictFail {
			t.Errorf("after the exception expired: %s", e.Verdict)
		}
	}
}

func TestReasonsLimitAWaiver(t *testing.T) {
	builtin, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s := server("docs", "repos/app/.mcp.json", func(s *evidence.Server) {
		s.Transport, s.Auth = evidence.TransportSSE, evidence.Auth{Kind: evidence.AuthStaticBearer}
		s.Remote = &evidence.Remote{URL: "https://docs.example/mcp"}
	})
	dir := t.TempDir()
	src := `package policy
approved: docs: {url: "https://docs.example/mcp", owner: "docs", transports: ["streamable-http"], auth: ["oauth"]}
exceptions: sse: {allow: ["transport"], servers: ["docs"], justification: "j", owner: "o", approved_by: "a", expires: "2027-01-01"}
`
	if err := os.WriteFile(filepath.Join(dir, "p.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Input{Subjects: []evidence.Subject{s}, Catalog: builtin, Now: now, Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	// The exception excuses the transport, not the authentication: the
	// failure on both stands.
	usage := resultOf(t, res, policy.ControlUsage)
	if len(usage.Evaluations) != 1 || usage.Evaluations[0].Verdict != VerdictFail {
		t.Fatalf("%+v", usage.Evaluations)
	}
	// Allowing the authentication too waives it.
	src2 := src + `exceptions: auth: {allow: ["transport", "auth"], servers: ["docs"], justification: "j", owner: "o", approved_by: "a", expires: "2027-01-01"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "p.cue"), []byte(src2), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = policy.Load(dir); err != nil {
		t.Fatal(err)
	}
	res, err = Run(context.Background(), Input{Subjects: []evidence.Subject{s}, Catalog: builtin, Now: now, Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	if e := resultOf(t, res, policy.ControlUsage).Evaluations[0]; e.Verdict != VerdictWaived || e.Waiver != "auth" {
		t.Errorf("%+v", e)
	}
}

func resultOf(t *testing.T, res *Results, id string) ControlResult {
	t.Helper()
	for _, cr := range res.Controls {
		if cr.Control.ID == id {
			return cr
		}
	}
	t.Fatalf("no result for %s", id)
	return ControlResult{}
}
