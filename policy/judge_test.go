package policy

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

const judgePolicy = `package policy

approved: github: {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.4.8", "2025.5.*"]}
	owner: "platform"
	tools: ["get_*", "list_issues"]
}
approved: fetch: {
	image: {name: "mcp/fetch", digests: ["sha256:2222222222222222222222222222222222222222222222222222222222222222"]}
	owner: "platform"
}
approved: ghmcp: {
	image: {name: "ghcr.io/github/github-mcp-server", tags: ["v0.9.*"]}
	owner: "platform"
}
approved: sentry: {
	url:   "https://mcp.sentry.dev/mcp"
	owner: "web"
	auth: ["oauth", "oauth-capable"]
	transports: ["streamable-http"]
}
approved: internal: {
	url:   "https://*.internal.example/*"
	owner: "platform"
}
approved: warehouse: {
	package: {ecosystem: "pypi", name: "warehouse-mcp"}
	owner: "data"
	paths: ["repos/data-*/**"]
}
approved: legacy: {
	command: ["/opt/mcp/legacy", "--stdio"]
	owner: "ops"
}
approved: refs: {
	name:  "docker-enabled-*"
	owner: "platform"
}
denied: evil: {
	package: {ecosystem: "npm", name: "@evil/*"}
	reason:  "malicious publisher"
}
denied: "bad-release": {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.1.0"]}
	reason:  "compromised release"
}
`

func loadText(t *testing.T, src string) *Policy {
	t.Helper()
	p, err := Load(writePolicy(t, map[string]string{"policy.cue": src}))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func npmServer(name, file, pkg, version, pinning string) *evidence.Server {
	return &evidence.Server{
		Meta:      evidence.Meta{Kind: evidence.KindServer, ID: evidence.MakeID(evidence.KindServer, file, name), Name: name, Provenance: evidence.Provenance{File: file}},
		Transport: evidence.TransportStdio, Auth: evidence.Auth{Kind: evidence.AuthLocal},
		Launch: &evidence.Launch{Command: "npx", Args: []string{"-y", pkg + "@" + version}, Runner: "npx",
			Package: &evidence.Package{Ecosystem: "npm", Name: pkg, Version: version, Pinning: pinning}},
	}
}

func imageServer(name, image, tag, digest string) *evidence.Server {
	pin := evidence.PinTag
	if digest != "" {
		pin = evidence.PinDigest
	}
	return &evidence.Server{
		Meta:      evidence.Meta{Kind: evidence.KindServer, ID: "server:c.json#" + name, Name: name, Provenance: evidence.Provenance{File: "c.json"}},
		Transport: evidence.TransportStdio, Auth: evidence.Auth{Kind: evidence.AuthLocal},
		Launch: &evidence.Launch{Command: "docker", Runner: "docker",
			Package: &evidence.Package{Ecosystem: "oci", Name: image, Version: tag, Digest: digest, Pinning: pin}},
	}
}

func remoteServer(name, url, transport, auth string) *evidence.Server {
	return &evidence.Server{
		Meta:      evidence.Meta{Kind: evidence.KindServer, ID: "server:r.json#" + name, Name: name, Provenance: evidence.Provenance{File: "r.json"}},
		Transport: transport, Auth: evidence.Auth{Kind: auth}, Remote: &evidence.Remote{URL: url},
	}
}

func TestJudgeServers(t *testing.T) {
	p := loadText(t, judgePolicy)
	bridge := &evidence.Server{
		Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:b.json#sentry", Name: "sentry", Provenance: evidence.Provenance{File: "b.json"}},
		Launch: &evidence.Launch{Command: "npx", Args: []string{"-y", "mcp-remote@0.1.29", "https://mcp.sentry.dev/mcp"},
			Package: &evidence.Package{Ecosystem: "npm", Name: "mcp-remote", Version: "0.1.29", Pinning: evidence.PinExact}},
		Remote: &evidence.Remote{URL: "https://mcp.sentry.dev/mcp", ViaBridge: true}, Transport: evidence.TransportStdio,
		Auth: evidence.Auth{Kind: evidence.AuthOAuthCapable},
	}
	local := &evidence.Server{
		Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:l.json#legacy", Name: "legacy"},
		Launch: &evidence.Launch{Command: "/opt/mcp/legacy", Args: []string{"--stdio"}, Runner: "binary"}, Transport: evidence.TransportStdio,
	}
	localOther := &evidence.Server{
		Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:l.json#legacy2", Name: "legacy2"},
		Launch: &evidence.Launch{Command: "/opt/mcp/legacy", Args: []string{"--http"}, Runner: "binary"}, Transport: evidence.TransportStdio,
	}
	ref := &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:registry.yaml#docker-enabled-fetch", Name: "docker-enabled-fetch"},
		Transport: evidence.TransportUnknown}
	tests := []struct {
		name string
		s    *evidence.Server
		want evidence.PolicyFacts
	}{
		{"approved at an allowed version", npmServer("gh", "a.json", "@modelcontextprotocol/server-github", "2025.4.8", evidence.PinExact),
			evidence.PolicyFacts{Approval: "approved", Entry: "github", Identity: "npm:@modelcontextprotocol/server-github@2025.4.8", Version: "approved",
				VersionFound: "2025.4.8", VersionsAllowed: []string{"2025.4.8", "2025.5.*"}, Transport: "any", Auth: "any"}},
		{"version matching a pattern", npmServer("gh", "a.json", "@modelcontextprotocol/server-github", "2025.5.3", evidence.PinExact),
			evidence.PolicyFacts{Approval: "approved", Entry: "github", Identity: "npm:@modelcontextprotocol/server-github@2025.5.3", Version: "approved",
				VersionFound: "2025.5.3", VersionsAllowed: []string{"2025.4.8", "2025.5.*"}, Transport: "any", Auth: "any"}},
		{"another version", npmServer("gh", "a.json", "@modelcontextprotocol/server-github", "2025.3.0", evidence.PinExact),
			evidence.PolicyFacts{Approval: "approved", Entry: "github", Identity: "npm:@modelcontextprotocol/server-github@2025.3.0", Version: "other",
				VersionFound: "2025.3.0", VersionsAllowed: []string{"2025.4.8", "2025.5.*"}, Transport: "any", Auth: "any"}},
		{"no version pinned", npmServer("gh", "a.json", "@modelcontextprotocol/server-github", "", evidence.PinNone),
			evidence.PolicyFacts{Approval: "approved", Entry: "github", Identity: "npm:@modelcontextprotocol/server-github", Version: "unpinned",
				VersionsAllowed: []string{"2025.4.8", "2025.5.*"}, Transport: "any", Auth: "any"}},
		{"a denied release of an approved package", npmServer("gh", "a.json", "@modelcontextprotocol/server-github", "2025.1.0", evidence.PinExact),
			evidence.PolicyFacts{Approval: "denied", DeniedBy: "bad-release", Detail: "compromised release", Identity: "npm:@modelcontextprotocol/server-github@2025.1.0"}},
		{"a denied publisher", npmServer("helper", "a.json", "@evil/helper", "1.0.0", evidence.PinExact),
			evidence.PolicyFacts{Approval: "denied", DeniedBy: "evil", Detail: "malicious publisher", Identity: "npm:@evil/helper@1.0.0"}},
		{"a shadow server", npmServer("notion", "a.json", "@notionhq/notion-mcp-server", "1.8.0", evidence.PinExact),
			evidence.PolicyFacts{Approval: "unapproved", Detail: "not on the approved list", Identity: "npm:@notionhq/notion-mcp-server@1.8.0"}},
		{"approved for other folders only", &evidence.Server{
			Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:repos/web/.mcp.json#wh", Name: "wh", Provenance: evidence.Provenance{File: "repos/web/.mcp.json"}},
			Launch: &evidence.Launch{Command: "uvx", Package: &evidence.Package{Ecosystem: "pypi", Name: "warehouse-mcp", Version: "1.0", Pinning: evidence.PinExact}}},
			evidence.PolicyFacts{Approval: "unapproved", Detail: "approved for other folders: warehouse (only in repos/data-*/**)", Identity: "pypi:warehouse-mcp@1.0"}},
		{"approved in its team's folder", &evidence.Server{
			Meta:   evidence.Meta{Kind: evidence.KindServer, ID: "server:repos/data-lake/.mcp.json#wh", Name: "wh", Provenance: evidence.Provenance{File: "repos/data-lake/.mcp.json"}},
			Launch: &evidence.Launch{Command: "uvx", Package: &evidence.Package{Ecosystem: "pypi", Name: "warehouse-mcp", Version: "1.0", Pinning: evidence.PinExact}}},
			evidence.PolicyFacts{Approval: "approved", Entry: "warehouse", Identity: "pypi:warehouse-mcp@1.0", Version: "any", Transport: "any", Auth: "any"}},
		{"Docker Hub image named short, at the approved digest", imageServer("fetch", "mcp/fetch", "", "sha256:2222222222222222222222222222222222222222222222222222222222222222"),
			evidence.PolicyFacts{Approval: "approved", Entry: "fetch", Identity: "oci:mcp/fetch@sha256:2222222222222222222222222222222222222222222222222222222222222222",
				Version: "approved", VersionFound: "sha256:2222222222222222222222222222222222222222222222222222222222222222",
				VersionsAllowed: []string{"sha256:2222222222222222222222222222222222222222222222222222222222222222"}, Transport: "any", Auth: "any"}},
		{"image named with its registry, at a tag only", imageServer("fetch", "docker.io/mcp/fetch", "1.0", ""),
			evidence.PolicyFacts{Approval: "approved", Entry: "fetch", Identity: "oci:docker.io/mcp/fetch:1.0", Version: "unpinned", VersionFound: "1.0",
				VersionsAllowed: []string{"sha256:2222222222222222222222222222222222222222222222222222222222222222"}, Transport: "any", Auth: "any"}},
		{"image at an allowed tag", imageServer("gh", "ghcr.io/github/github-mcp-server", "v0.9.1", ""),
			evidence.PolicyFacts{Approval: "approved", Entry: "ghmcp", Identity: "oci:ghcr.io/github/github-mcp-server:v0.9.1", Version: "approved", VersionFound: "v0.9.1",
				VersionsAllowed: []string{"v0.9.*"}, Transport: "any", Auth: "any"}},
		{"remote with the approved authentication", remoteServer("sentry", "https://MCP.Sentry.dev/mcp/", evidence.TransportStreamableHTTP, evidence.AuthOAuth),
			evidence.PolicyFacts{Approval: "approved", Entry: "sentry", Identity: "url:https://mcp.sentry.dev/mcp", Version: "any", Transport: "allowed", Auth: "allowed"}},
		{"remote with a static token over SSE", remoteServer("sentry", "https://mcp.sentry.dev/mcp", evidence.TransportSSE, evidence.AuthStaticBearer),
			evidence.PolicyFacts{Approval: "approved", Entry: "sentry", Identity: "url:https://mcp.sentry.dev/mcp", Version: "any", Transport: "other", Auth: "other"}},
		{"remote matching a URL pattern", remoteServer("docs", "https://docs.internal.example/mcp", evidence.TransportStreamableHTTP, evidence.AuthOAuth),
			evidence.PolicyFacts{Approval: "approved", Entry: "internal", Identity: "url:https://docs.internal.example/mcp", Version: "any", Transport: "any", Auth: "any"}},
		{"a bridge is the remote it bridges to", bridge,
			evidence.PolicyFacts{Approval: "approved", Entry: "sentry", Identity: "url:https://mcp.sentry.dev/mcp", Version: "any", Transport: "other", Auth: "allowed"}},
		{"local command", local,
			evidence.PolicyFacts{Approval: "approved", Entry: "legacy", Identity: "command:/opt/mcp/legacy --stdio", Version: "any", Transport: "any", Auth: "any"}},
		{"local command with other arguments", localOther,
			evidence.PolicyFacts{Approval: "unapproved", Detail: "not on the approved list", Identity: "command:/opt/mcp/legacy --http"}},
		{"a server only its name identifies", ref,
			evidence.PolicyFacts{Approval: "approved", Entry: "refs", Identity: "name:docker-enabled-fetch", Version: "any", Transport: "any", Auth: "any"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := p.Judge([]evidence.Subject{tt.s})
			if err != nil {
				t.Fatal(err)
			}
			got := j.Facts(tt.s.ID)
			if got == nil {
				t.Fatal("no facts")
			}
			if g, w := jsonOf(t, got), jsonOf(t, &tt.want); g != w {
				t.Errorf("facts\n got %s\nwant %s", g, w)
			}
		})
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestJudgeToolsAndWorkloads(t *testing.T) {
	p := loadText(t, judgePolicy)
	gh := npmServer("github", "a.json", "@modelcontextprotocol/server-github", "2025.4.8", evidence.PinExact)
	tool := func(name string, links []string, server, endpoint string) *evidence.Tool {
		return &evidence.Tool{Meta: evidence.Meta{Kind: evidence.KindTool, ID: "tool:" + server + "#" + name, Name: name, Links: links},
			Type: evidence.DefinitionTool, Server: server, Endpoint: endpoint}
	}
	getIssue := tool("get_issue", []string{gh.ID}, "github", "")
	deleteRepo := tool("delete_repository", []string{gh.ID}, "github", "")
	remoteTool := tool("search", nil, "https://docs.internal.example/mcp", "https://docs.internal.example/mcp")
	prompt := tool("summarise", []string{gh.ID}, "github", "")
	prompt.Type = evidence.DefinitionPrompt
	workload := &evidence.Workload{Meta: evidence.Meta{Kind: evidence.KindWorkload, ID: "workload:k.yaml#default/Deployment/x", Name: "x"},
		Images: []evidence.Package{
			{Ecosystem: "oci", Name: "ghcr.io/github/github-mcp-server", Version: "v0.9.0", Pinning: evidence.PinTag},
			{Ecosystem: "oci", Name: "busybox", Version: "1.36", Pinning: evidence.PinTag},
			{Ecosystem: "oci", Name: "mcp/fetch", Digest: "sha256:1111111111111111111111111111111111111111111111111111111111111111", Pinning: evidence.PinDigest},
		}}
	j, err := p.Judge([]evidence.Subject{gh, getIssue, deleteRepo, remoteTool, prompt, workload})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id, tool, approval string
	}{{getIssue.ID, "allowed", "approved"}, {deleteRepo.ID, "not-allowed", "approved"}, {remoteTool.ID, "any", "approved"}} {
		f := j.Facts(tt.id)
		if f == nil || f.Tool != tt.tool || f.Approval != tt.approval {
			t.Errorf("%s: facts %+v, want tool %s, approval %s", tt.id, f, tt.tool, tt.approval)
		}
	}
	if f := j.Facts(prompt.ID); f != nil {
		t.Errorf("a prompt is not judged as a tool: %+v", f)
	}
	f := j.Facts(workload.ID)
	if f == nil || len(f.Images) != 3 {
		t.Fatalf("workload facts %+v", f)
	}
	want := []evidence.PolicyImage{
		{Image: "ghcr.io/github/github-mcp-server:v0.9.0", Approved: true, Entry: "ghmcp", Version: "approved", VersionFound: "v0.9.0", VersionsAllowed: []string{"v0.9.*"}},
		{Image: "busybox:1.36", Version: "any"},
		{Image: "mcp/fetch@sha256:1111111111111111111111111111111111111111111111111111111111111111", Approved: true, Entry: "fetch", Version: "other",
			VersionFound:    "sha256:1111111111111111111111111111111111111111111111111111111111111111",
			VersionsAllowed: []string{"sha256:2222222222222222222222222222222222222222222222222222222222222222"}},
	}
	if g, w := jsonOf(t, f.Images), jsonOf(t, want); g != w {
		t.Errorf("images\n got %s\nwant %s", g, w)
	}
}

const requirementsPolicy = `package policy

required: "remote-oauth": {
	description: "Remote servers in project configs use OAuth"
	subject:     "server"
	when: {scope: "project", remote: url: string}
	check: auth: kind: "oauth" | "oauth-capable"
}
required: pinned: {
	description: "Packages of the payments team are pinned"
	subject:     "server"
	paths: ["repos/payments/**"]
	when: launch: package: pinning: string
	check: launch: package: pinning: "exact" | "digest"
}
required: audited: {
	description: "Gateways log tool calls"
	subject:     "gateway"
	check: audit: enabled: true
}
`

func TestRequirements(t *testing.T) {
	p := loadText(t, requirementsPolicy)
	static := remoteServer("docs", "https://docs.example/mcp", evidence.TransportStreamableHTTP, evidence.AuthStaticBearer)
	static.Scope = evidence.ScopeProject
	oauth := remoteServer("sentry", "https://mcp.sentry.dev/mcp", evidence.TransportStreamableHTTP, evidence.AuthOAuth)
	oauth.Scope = evidence.ScopeProject
	user := remoteServer("mine", "https://mine.example/mcp", evidence.TransportStreamableHTTP, evidence.AuthStaticBearer)
	user.Scope = evidence.ScopeUser
	unpinned := npmServer("fs", "repos/payments/.mcp.json", "@modelcontextprotocol/server-filesystem", "", evidence.PinNone)
	unpinned.Scope = evidence.ScopeProject
	elsewhere := npmServer("fs", "repos/web/.mcp.json", "@modelcontextprotocol/server-filesystem", "", evidence.PinNone)
	elsewhere.Scope = evidence.ScopeProject
	gw := &evidence.Gateway{Meta: evidence.Meta{Kind: evidence.KindGateway, ID: "gateway:g.yaml", Name: "g"}, Product: "agentgateway"}
	subjects := []evidence.Subject{static, oauth, user, unpinned, elsewhere, gw}
	j, err := p.Judge(subjects)
	if err != nil {
		t.Fatal(err)
	}
	ev := j.NewEvaluator()
	tests := []struct {
		s     evidence.Subject
		want  map[string]string
		unmet []string
	}{
		{static, map[string]string{"remote-oauth": "unmet"}, []string{"remote-oauth"}},
		{oauth, map[string]string{"remote-oauth": "met"}, nil},
		{user, nil, nil},
		{unpinned, map[string]string{"pinned": "unmet"}, []string{"pinned"}},
		{elsewhere, nil, nil},
		{gw, map[string]string{"audited": "unmet"}, []string{"audited"}},
	}
	for _, tt := range tests {
		meta := tt.s.Metadata()
		data, err := json.Marshal(tt.s)
		if err != nil {
			t.Fatal(err)
		}
		m, err := controls.DecodeJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := ev.Attach(m, meta); err != nil {
			t.Fatal(err)
		}
		facts, _ := m[Field].(map[string]any)
		got := map[string]string{}
		reqs, _ := facts["requirements"].(map[string]any)
		for k, v := range reqs {
			got[k], _ = v.(string)
		}
		if len(got) == 0 {
			got = nil
		}
		if jsonOf(t, got) != jsonOf(t, tt.want) {
			t.Errorf("%s: requirements %v, want %v", meta.ID, got, tt.want)
		}
		unmet, _ := facts["unmet"].(map[string]any)
		var ids []string
		for k := range unmet {
			ids = append(ids, k)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, tt.unmet) {
			t.Errorf("%s: unmet %v, want %v", meta.ID, ids, tt.unmet)
		}
		if tt.want == nil && facts != nil && meta.Kind == evidence.KindGateway {
			t.Errorf("%s: facts without a requirement: %v", meta.ID, facts)
		}
	}
	// The words say what was required and what the subject has.
	m := map[string]any{}
	data, _ := json.Marshal(static)
	m, _ = controls.DecodeJSON(data)
	if err := ev.Attach(m, static.Metadata()); err != nil {
		t.Fatal(err)
	}
	why := m[Field].(map[string]any)["unmet"].(map[string]any)["remote-oauth"].(string)
	if why != `Remote servers in project configs use OAuth: auth.kind is "static-bearer"; the check requires one of "oauth", "oauth-capable"` {
		t.Errorf("unmet requirement worded %q", why)
	}
}

func TestExceptionsCover(t *testing.T) {
	p := loadText(t, judgePolicy+`
required: pinned: {description: "pinned", subject: "server", check: launch: package: pinning: "exact"}
exceptions: pilot: {
	allow: ["unapproved", "version"]
	paths: ["repos/pilot/**"]
	justification: "pilot"
	owner: "data"
	approved_by: "security"
	expires: "2027-01-31"
}
exceptions: "github-tools": {
	allow: ["tools"]
	servers: ["github"]
	justification: "delete_repository is needed for the migration"
	owner: "platform"
	approved_by: "security"
	expires: "2026-12-31"
}
exceptions: unpinned: {
	allow: ["requirements"]
	requirements: ["pinned"]
	servers: ["fs"]
	justification: "vendor ships no release"
	owner: "platform"
	approved_by: "security"
	expires: "2026-12-31"
}
`)
	pilot := npmServer("notion", "repos/pilot/.mcp.json", "@notionhq/notion-mcp-server", "1.8.0", evidence.PinExact)
	other := npmServer("notion", "repos/web/.mcp.json", "@notionhq/notion-mcp-server", "1.8.0", evidence.PinExact)
	gh := npmServer("github", "a.json", "@modelcontextprotocol/server-github", "2025.4.8", evidence.PinExact)
	del := &evidence.Tool{Meta: evidence.Meta{Kind: evidence.KindTool, ID: "tool:stdio:github#delete_repository", Name: "delete_repository", Links: []string{gh.ID}},
		Type: evidence.DefinitionTool, Server: "stdio:github"}
	j, err := p.Judge([]evidence.Subject{pilot, other, gh, del})
	if err != nil {
		t.Fatal(err)
	}
	covers := j.Covers()
	var got []string
	for _, c := range covers {
		ids := []string{}
		for id := range c.Selected {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		got = append(got, c.ID+" "+c.Control+" "+jsonOf(t, c.Reasons)+" "+jsonOf(t, ids))
	}
	want := []string{
		`github-tools MCP-POLICY-04 ["policy.tool"] ["server:a.json#github","tool:stdio:github#delete_repository"]`,
		`pilot/MCP-GOV-01 MCP-GOV-01 ["policy.approval"] ["server:repos/pilot/.mcp.json#notion"]`,
		`pilot/MCP-POLICY-01 MCP-POLICY-01 ["policy.version"] ["server:repos/pilot/.mcp.json#notion"]`,
		`pilot/MCP-POLICY-05 MCP-POLICY-05 ["policy.images.*.approved","policy.images.*.version"] ["server:repos/pilot/.mcp.json#notion"]`,
		`unpinned/MCP-POLICY-06 MCP-POLICY-06 ["policy.requirements.pinned"] []`,
		`unpinned/MCP-POLICY-07 MCP-POLICY-07 ["policy.requirements.pinned"] []`,
		`unpinned/MCP-POLICY-08 MCP-POLICY-08 ["policy.requirements.pinned"] []`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("covers:\n got %q\nwant %q", got, want)
	}
}
