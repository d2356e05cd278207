package evidence

import (
	"strings"
	"sync"
	"testing"
	"time"
)

func testMeta(kind Kind, name string) Meta {
	return Meta{Kind: kind, ID: MakeID(kind, "repo/.cursor/mcp.json", name), Name: name,
		Provenance: Provenance{Collector: "test", File: "repo/.cursor/mcp.json", Line: 3,
			SHA256: strings.Repeat("ab", 32), Collected: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
}

func sampleSubjects() []Subject {
	secret := Value{Kind: ValueLiteralSecret, Secret: true, Reason: "token-shape:github", Fingerprint: "0123456789ab",
		Shape: "ghp_…(40)", Text: "[REDACTED:ghp_…(40)]"}
	ref := Value{Kind: ValueInputReference, Secret: true, Reason: "key-name", Text: "Bearer ${input:tok}", Ref: "tok"}
	return []Subject{
		&Server{Meta: testMeta(KindServer, "github"), Client: "cursor", Format: "cursor/mcp.json", Scope: ScopeProject,
			Transport: TransportStdio, Env: map[string]Value{"GITHUB_TOKEN": secret, "LOG": {Kind: ValueLiteral, Text: "debug"}},
			Launch: &Launch{Command: "docker", Args: []string{"run", "-i", "img:1"}, Runner: "docker",
				Package:    &Package{Ecosystem: "oci", Name: "img", Version: "1", Pinning: PinTag, Registry: "docker.io"},
				Container:  &Container{Image: "img:1", Mounts: []Mount{{Source: "/", Target: "/host", HostPath: true, Broad: true}}, Ports: []PortBinding{{HostPort: "80", ContainerPort: "80"}}},
				SecretArgs: []SecretArg{{Index: 2, Flag: "--token", Value: secret}}},
			Auth: Auth{Kind: AuthLocal}, FilesystemRoots: []FSRoot{{Path: "/", Broad: true, Reason: "root"}}},
		&Server{Meta: testMeta(KindServer, "remote"), Client: "vscode", Format: "vscode/mcp.json", Scope: ScopeProject,
			Transport: TransportStreamableHTTP,
			Remote:    &Remote{URL: "https://${input:d}/mcp", Scheme: "https", Port: 443, Path: "/mcp", Templated: true, Headers: map[string]Value{"Authorization": ref}},
			Auth:      Auth{Kind: AuthStaticBearer, Header: "Authorization", Value: &ref},
			Approvals: Approvals{AutoApprove: []string{"x"}},
			Manifest:  &Manifest{Type: "server.json", PackageName: "io.github.x/y", ReverseDNSName: true}},
		&Source{Meta: testMeta(KindSource, "repo/.cursor/mcp.json"), Format: "cursor/mcp.json", Client: "cursor",
			Status: StatusParseError, Diagnostics: []Diagnostic{{Severity: "error", File: "repo/.cursor/mcp.json", Line: 4, Column: 2, Message: "unexpected }"}}},
		&Gateway{Meta: testMeta(KindGateway, "agw"), Product: "agentgateway",
			Listeners:      []Listener{{Bind: "0.0.0.0", Port: 3000, Exposure: ExposureAllInterfaces, Hosts: []string{"agw"}}},
			Authentication: GatewayAuthentication{Mode: GatewayAuthOptional, Kinds: []string{"jwt"}, TokenValidation: true, Issuers: []string{"https://idp"}},
			Authorization:  GatewayAuthorization{Kind: "cel", PerTool: true, Unrestricted: []string{`mcp.tool.name == "echo"`}},
			Audit:          GatewayAudit{Enabled: true}, Egress: "unknown", SSRF: &GatewaySSRF{Protection: true},
			Credentials: map[string]Value{"master_key": secret}, UpstreamAuth: []string{"passthrough"}},
		&Workload{Meta: testMeta(KindWorkload, "Deployment/mcp"), Object: "Deployment/mcp", Namespace: "mcp",
			Images: []Package{{Ecosystem: "oci", Name: "ghcr.io/x/y", Pinning: PinDigest, Pinned: true, Digest: "sha256:" + strings.Repeat("a", 64)}},
			Origin: "cluster", Role: "server", RecognizedBy: []string{"image ghcr.io/x/y"}, Exposure: "cluster-ip", GatewayAuthentication: "none"},
		&Endpoint{Meta: testMeta(KindEndpoint, "https://x.dev/mcp"), URL: "https://x.dev/mcp", Transport: TransportStreamableHTTP,
			Scheme: "https", Host: "x.dev", Reachable: true, TLSVersion: "1.3", TLSVerified: true, Authentication: EndpointAuthRequired,
			UnauthenticatedStatus: 401, Challenge: &AuthChallenge{Scheme: "bearer", ResourceMetadata: "https://x.dev/.well-known/oauth-protected-resource/mcp"},
			ResourceMetadata: true, ProtectedResource: &ProtectedResource{URL: "https://x.dev/.well-known/oauth-protected-resource/mcp", DiscoveredVia: "www-authenticate",
				Resource: "https://x.dev/mcp", ResourceMatches: true, AuthorizationServers: []string{"https://as.x.dev"}},
			AuthServerMetadata: true, AuthorizationServers: []AuthorizationServer{{Issuer: "https://as.x.dev", Discovery: "oauth", IssuerMatches: true,
				CodeChallengeMethods: []string{"S256"}, PKCES256: true, HTTPSEndpoints: true}},
			PKCES256: true, QueryToken: TestNotTested, OriginValidation: OriginEnforced, Session: &Session{Issued: true, Samples: 2, Length: 36, EntropyBits: 122}},
		&Tool{Meta: testMeta(KindTool, "search"), Type: DefinitionTool, Server: "web", InputSchema: map[string]any{"type": "object"},
			Parameters:      []ToolParameter{{Path: "q", Type: "string", Required: true, Default: "x"}},
			DestructiveHint: HintUnset, HiddenInstructions: []TextMatch{{Field: "description", Rule: "important-tag", Excerpt: "<IMPORTANT>"}},
			SHA256: strings.Repeat("cd", 32), Lock: LockChanged, LockedSHA256: strings.Repeat("ef", 32),
			Changes: []DefinitionChange{{Field: "description", Before: "a", After: "b"}}},
	}
}

func TestValidateSubjectAcceptsEveryKind(t *testing.T) {
	for _, s := range sampleSubjects() {
		if err := ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().Kind, err)
		}
	}
}

func TestValidateSubjectRejects(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func() Subject
		wantSub string
	}{
		{"bad transport", func() Subject {
			s := sampleSubjects()[0].(*Server)
			s.Transport = "carrier-pigeon"
			return s
		}, "transport"},
		{"bad runner", func() Subject {
			s := sampleSubjects()[0].(*Server)
			s.Launch.Runner = "teleport"
			return s
		}, "launch.runner"},
		{"secret with plain text", func() Subject {
			s := sampleSubjects()[0].(*Server)
			s.Env["GITHUB_TOKEN"] = Value{Kind: ValueLiteralSecret, Secret: true, Fingerprint: "0123456789ab", Text: "ghp_real"}
			return s
		}, "env.GITHUB_TOKEN.text"},
		{"pinned disagrees", func() Subject {
			s := sampleSubjects()[0].(*Server)
			s.Launch.Package.Pinned = true
			return s
		}, "launch.package.pinned"},
		{"bad source status", func() Subject {
			s := sampleSubjects()[2].(*Source)
			s.Status = "fine"
			return s
		}, "status"},
		{"missing collector", func() Subject {
			s := sampleSubjects()[3].(*Gateway)
			s.Provenance.Collector = ""
			return s
		}, "provenance.collector"},
		{"bad tool hash", func() Subject {
			s := sampleSubjects()[6].(*Tool)
			s.SHA256 = "nothex"
			return s
		}, "sha256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateSubject(tt.mutate())
			if err == nil || !strings.Contains(err.Error(), tt.wantSub) {
				t.Fatalf("err = %v; want one naming %q", err, tt.wantSub)
			}
			if strings.Contains(err.Error(), "ghp_real") {
				t.Errorf("error reveals the rejected value: %v", err)
			}
			if testing.Verbose() {
				t.Log(err)
			}
		})
	}
}

// unknownField is a subject whose JSON carries a field the schema lacks.
type unknownField struct {
	Server
	Extra string `json:"extra_field"`
}

func TestValidateSubjectRejectsUnknownField(t *testing.T) {
	s := &unknownField{Server: *sampleSubjects()[0].(*Server), Extra: "x"}
	err := ValidateSubject(s)
	if err == nil || !strings.Contains(err.Error(), "extra_field") {
		t.Fatalf("err = %v; want an error naming extra_field", err)
	}
}

func TestValidateSubjectConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range sampleSubjects() {
				if err := ValidateSubject(s); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSchemaKnowsEveryStatus(t *testing.T) {
	for _, st := range []string{StatusOK, StatusParseError, StatusSchemaError, StatusEmpty, StatusBinary,
		StatusTooLarge, StatusUnreadable, StatusSymlinkLoop, StatusUnsupported} {
		s := sampleSubjects()[2].(*Source)
		s.Status = st
		if err := ValidateSubject(s); err != nil {
			t.Errorf("status %q: %v", st, err)
		}
	}
}
