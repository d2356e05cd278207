package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePolicy writes files (name → content) into a new folder and returns it.
func writePolicy(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodPolicy = `package policy

owner:    "security@example.com"
reviewed: "2026-03-02"

_registry: "registry.example.com"

approved: github: {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.4.8"]}
	owner: "platform"
	tools: ["get_*", "list_*"]
}
approved: internal: {
	image: {name: _registry + "/*"}
	owner: "platform"
}
denied: evil: {
	package: {ecosystem: "npm", name: "@evil/*"}
	reason:  "known bad publisher"
}
required: "remote-oauth": {
	description: "Remote servers in project configs use OAuth"
	subject:     "server"
	when: {scope: "project", remote: url: string}
	check: auth: kind: "oauth" | "oauth-capable"
}
required: "internal-images": {
	description: "Images come from the internal registry"
	subject:     "workload"
	check: images: [...{registry: _registry}]
}
exceptions: pilot: {
	allow: ["unapproved"]
	paths: ["repos/pilot/**"]
	justification: "pilot"
	owner:         "data"
	approved_by:   "security"
	expires:       "2027-01-31"
}
`

func TestLoadGoodPolicy(t *testing.T) {
	dir := writePolicy(t, map[string]string{"servers.cue": goodPolicy, "README.md": "not read"})
	p, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.Owner != "security@example.com" || p.Reviewed != "2026-03-02" {
		t.Errorf("owner %q, reviewed %q", p.Owner, p.Reviewed)
	}
	if len(p.Approved) != 2 || p.Approved[0].Key != "github" || p.Approved[1].Image.Name != "registry.example.com/*" {
		t.Errorf("approved = %+v", p.Approved)
	}
	if len(p.Files) != 1 || p.Files[0].Path != filepath.ToSlash(filepath.Join(dir, "servers.cue")) || len(p.Files[0].SHA256) != 64 {
		t.Errorf("files = %+v", p.Files)
	}
	if len(p.Required) != 2 {
		t.Fatalf("required = %+v", p.Required)
	}
	// A requirement's CUE is self-contained: the policy's hidden field is
	// resolved.
	images := p.Required[0]
	if images.ID != "internal-images" || !strings.Contains(images.Check, `"registry.example.com"`) || strings.Contains(images.Check, "_registry") {
		t.Errorf("requirement %s check:\n%s", images.ID, images.Check)
	}
	if p.Required[1].Line != 21 || p.Required[1].File != p.Files[0].Path {
		t.Errorf("requirement located at %s:%d, want line 21", p.Required[1].File, p.Required[1].Line)
	}
	if x := p.Exceptions[0]; x.ID != "pilot" || x.expires.Format("2006-01-02") != "2027-01-31" {
		t.Errorf("exception = %+v", x)
	}
}

func TestLoadSpreadOverFiles(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"a.cue": "package acme\n_owners: platform: \"platform@example.com\"\n",
		"b.cue": "package acme\napproved: time: {package: {ecosystem: \"pypi\", name: \"mcp-server-time\"}, owner: _owners.platform}\n",
	})
	p, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 2 || len(p.Approved) != 1 || p.Approved[0].Owner != "platform@example.com" {
		t.Errorf("policy = %+v", p)
	}
	if !strings.HasSuffix(p.Approved[0].File, "b.cue") || p.Approved[0].Line != 2 {
		t.Errorf("entry located at %s:%d", p.Approved[0].File, p.Approved[0].Line)
	}
}

func TestLoadReportsEveryProblemAtItsLine(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"misspelt field", `approved: gh: {package: {ecosystem: "npm", name: "x", verions: ["1"]}, owner: "o"}`,
			[]string{`p.cue:2: approved.gh.package.verions: unknown field (did you mean approved.gh.package.versions?)`}},
		{"unknown top-level field", `aproved: gh: {url: "https://x.example/mcp", owner: "o"}`,
			[]string{`p.cue:2: aproved: unknown field (did you mean approved?)`}},
		{"field with no close match", `approved: gh: {url: "https://x.example/mcp", owner: "o", colour: "red"}`,
			[]string{`approved.gh.colour: unknown field (allowed here: auth, command, description, image, name, owner, package, paths, reviewed, tools, transports, url)`}},
		{"missing owner", "approved: gh: {\n\turl: \"https://x.example/mcp\"\n}",
			[]string{`p.cue:2: approved.gh.owner: missing: the schema requires it`}},
		{"problems in two entries are both reported", "approved: a: {url: \"https://a.example\", owner: \"o\", typo: 1}\napproved: b: {url: \"https://b.example\"}",
			[]string{`approved.a.typo: unknown field`, `p.cue:3: approved.b.owner: missing`}},
		{"bad ecosystem", `approved: gh: {package: {ecosystem: "nmp", name: "x"}, owner: "o"}`,
			[]string{`p.cue:2: approved.gh.package.ecosystem`}},
		{"no identity", `approved: gh: {owner: "o"}`,
			[]string{`p.cue:2: approved.gh: say what identifies the server`}},
		{"bad glob", `approved: gh: {url: "https://x.example/mcp", owner: "o", paths: ["repos/[a-"]}`,
			[]string{`approved.gh: paths: pattern "repos/[a-"`}},
		{"impossible date", `reviewed: "2026-02-30"`, []string{`reviewed: "2026-02-30" is not a date`}},
		{"requirement naming a field servers lack",
			"required: pin: {\n\tdescription: \"pinned\"\n\tsubject: \"server\"\n\tcheck: launch: pakage: pinning: \"exact\"\n}",
			[]string{`p.cue:2: required.pin: check refers to launch.pakage, which server subjects do not have (did you mean launch.package?)`}},
		{"requirement without check", "required: pin: {\n\tdescription: \"pinned\"\n\tsubject: \"server\"\n}",
			[]string{`required.pin.check: missing: the schema requires it`}},
		{"requirement of an unsupported kind", `required: x: {description: "d", subject: "tool", check: name: string}`,
			[]string{`required.x.subject`}},
		{"exception selecting nothing",
			`exceptions: x: {allow: ["version"], justification: "j", owner: "o", approved_by: "a", expires: "2027-01-01"}`,
			[]string{`exceptions.x: say which subjects it covers: paths, servers, or both`}},
		{"exception of an unknown requirement",
			`exceptions: x: {allow: ["requirements"], requirements: ["nope"], servers: ["s"], justification: "j", owner: "o", approved_by: "a", expires: "2027-01-01"}`,
			[]string{`exceptions.x: requirement "nope" is not in the policy`}},
		{"exception that cannot excuse a denial",
			`exceptions: x: {allow: ["denied"], servers: ["s"], justification: "j", owner: "o", approved_by: "a", expires: "2027-01-01"}`,
			[]string{`exceptions.x.allow.0`}},
		{"syntax error", `approved: gh: {url: "https://x.example/mcp" owner: "o"}`, []string{`p.cue:2:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicy(t, map[string]string{"p.cue": "package policy\n" + tt.src + "\n"})
			_, err := Load(dir)
			if err == nil {
				t.Fatal("no error")
			}
			msg := strings.ReplaceAll(err.Error(), filepath.ToSlash(dir)+"/", "")
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q:\n%s", want, msg)
				}
			}
			if strings.Contains(msg, schemaFile) {
				t.Errorf("error points into the schema rather than the policy:\n%s", msg)
			}
		})
	}
}

func TestLoadRefusesWhatIsNotAPolicy(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.cue")
	if err := os.WriteFile(outside, []byte("package x\napproved: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Mkdir(link, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(link, "escape.cue")); err != nil {
		t.Skip("no symbolic links here")
	}
	big := writePolicy(t, map[string]string{"big.cue": "package p\n// " + strings.Repeat("x", MaxFileSize) + "\n"})
	mixed := writePolicy(t, map[string]string{"a.cue": "package a\n", "b.cue": "package b\n"})
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope"), "no such file or folder"},
		{"folder without cue files", t.TempDir(), "holds no .cue file"},
		{"not a cue file", writeFile(t, "policy.yaml", "a: 1"), "not a .cue file"},
		{"symbolic link out of the folder", link, "a symbolic link leading out of the policy's folder"},
		{"too large", big, "larger than 1024 KiB"},
		{"two packages", mixed, `every file of a policy is one package`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// writeFile writes one file in a new folder and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSchemaCompiles(t *testing.T) {
	dir := writePolicy(t, map[string]string{"empty.cue": "package policy\n"})
	p, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Approved)+len(p.Denied)+len(p.Required)+len(p.Exceptions) != 0 {
		t.Errorf("an empty policy holds nothing: %+v", p)
	}
}

// TestReadmePolicyLoads keeps the README's example policy valid.
func TestReadmePolicyLoads(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Policy\n")
	if !ok {
		t.Fatal("README has no Policy section")
	}
	_, block, ok := strings.Cut(section, "```cue\n")
	if !ok {
		t.Fatal("the Policy section has no CUE example")
	}
	block, _, _ = strings.Cut(block, "```")
	p, err := Load(writePolicy(t, map[string]string{"policy.cue": block}))
	if err != nil {
		t.Fatalf("the README's policy does not load: %v", err)
	}
	if len(p.Approved) != 4 || len(p.Denied) != 1 || len(p.Required) != 1 || len(p.Exceptions) != 1 {
		t.Errorf("README policy = %+v", p)
	}
}
