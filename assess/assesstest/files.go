package assesstest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// FilesSpec sizes a generated fleet of configuration files.
type FilesSpec struct {
	// Servers is the number of MCP server declarations, spread over client
	// configuration files of 1 to 16 servers each, in repositories and on
	// workstations.
	Servers int
	// Workloads is the number of MCP workloads in Kubernetes manifests,
	// 100 per namespace folder, each with its ServiceAccount, RoleBinding
	// and Service.
	Workloads int
	// Gateways is the number of gateway configurations (agentgateway and
	// LiteLLM), each routing to a few servers.
	Gateways int
	// Seed makes the fleet deterministic.
	Seed uint64
}

// FilesSummary counts what WriteFleetFiles wrote.
type FilesSummary struct {
	Files, Servers, Workloads, Gateways int
	Bytes                               int64
}

// WriteFleetFiles writes a varied fleet of real configuration files under
// dir, as a fleet's repositories, workstations and clusters keep them:
// client configurations of every common client and syntax (JSON with
// comments, TOML, YAML) with distinct server names, packages, versions,
// URLs, literal secrets, references and container flags; Kubernetes
// manifests of MCP workloads; and gateway configurations. The same spec
// writes the same bytes.
func WriteFleetFiles(dir string, spec FilesSpec) (FilesSummary, error) {
	g := &fileGen{r: rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x51f15e)), dir: dir}
	for left, file := spec.Servers, 0; left > 0; file++ {
		n := min(left, 1+g.r.IntN(16))
		if err := g.clientFile(file, n); err != nil {
			return g.sum, err
		}
		left -= n
	}
	for ns := 0; ns*100 < spec.Workloads; ns++ {
		if err := g.namespace(ns, min(100, spec.Workloads-ns*100)); err != nil {
			return g.sum, err
		}
	}
	for i := range spec.Gateways {
		if err := g.gateway(i); err != nil {
			return g.sum, err
		}
	}
	return g.sum, nil
}

type fileGen struct {
	r   *rand.Rand
	dir string
	sum FilesSummary
	// serial makes names and secrets distinct across the fleet.
	serial int
}

func (g *fileGen) write(rel string, data []byte) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	g.sum.Files++
	g.sum.Bytes += int64(len(data))
	return nil
}

// clientKinds are the client configuration files generated, with where
// they live in a repository (project) or a home folder (user).
var clientKinds = []struct {
	name, path string
	user       bool
}{
	{"cursor", ".cursor/mcp.json", false},
	{"claude-code", ".mcp.json", false},
	{"vscode", ".vscode/mcp.json", false},
	{"claude-desktop", "Library/Application Support/Claude/claude_desktop_config.json", true},
	{"windsurf", ".codeium/windsurf/mcp_config.json", true},
	{"cline", "cline_mcp_settings.json", true},
	{"gemini", ".gemini/settings.json", false},
	{"codex", ".codex/config.toml", true},
	{"continue", ".continue/config.yaml", false},
}

// entry is one generated server declaration, in a client-neutral shape.
type entry struct {
	name    string
	command string
	args    []string
	env     [][2]string
	url     string
	headers [][2]string
}

func (g *fileGen) clientFile(file, n int) error {
	k := clientKinds[g.r.IntN(len(clientKinds))]
	var folder string
	if k.user {
		folder = fmt.Sprintf("workstations/host-%04d", file)
	} else {
		folder = fmt.Sprintf("repos/org-%02d/repo-%05d", file%37, file)
	}
	entries := make([]entry, n)
	for i := range entries {
		entries[i] = g.entry()
	}
	var data []byte
	switch k.name {
	case "codex":
		data = codexTOML(entries)
	case "continue":
		data = continueYAML(entries)
	case "vscode":
		data = vscodeJSON(entries)
	default:
		data = mcpServersJSON(entries, k.name == "gemini")
	}
	g.sum.Servers += n
	return g.write(folder+"/"+k.path, data)
}

func (g *fileGen) entry() entry {
	r := g.r
	g.serial++
	e := entry{name: fmt.Sprintf("%s-%s-%d", pick(r, words), pick(r, words), g.serial)}
	switch p := r.IntN(100); {
	case p < 40:
		pkg := pick(r, npmPkgs)
		e.command, e.args = "npx", []string{pkg + g.version("@")}
		if r.IntN(3) > 0 {
			e.args = append([]string{"-y"}, e.args...)
		}
		if strings.Contains(pkg, "filesystem") {
			e.args = append(e.args, pick(r, []string{"/", "/Users/dev", fmt.Sprintf("/Users/dev/src/p%d", g.serial), "/tmp/work"}))
		}
	case p < 55:
		e.command, e.args = "uvx", []string{pick(r, pypiPkgs) + g.version("==")}
	case p < 70:
		e.command = "docker"
		e.args = []string{"run", "-i", "--rm"}
		if r.IntN(20) == 0 {
			e.args = append(e.args, "--privileged")
		}
		if r.IntN(5) == 0 {
			e.args = append(e.args, "-v", fmt.Sprintf("/Users/dev/data-%d:/data", g.serial))
		}
		if r.IntN(25) == 0 {
			e.args = append(e.args, "-v", "/var/run/docker.sock:/var/run/docker.sock")
		}
		img := pick(r, images)
		switch r.IntN(3) {
		case 0:
			img += fmt.Sprintf(":%d.%d.%d", r.IntN(3), r.IntN(20), r.IntN(30))
		case 1:
			img += "@sha256:" + digest(fmt.Sprint(img, g.serial))
		}
		e.args = append(e.args, img)
	case p < 75:
		e.command, e.args = "node", []string{fmt.Sprintf("./servers/%s-%d/dist/index.js", pick(r, words), g.serial)}
	default:
		host := pick(r, hosts)
		scheme := "https"
		if host == "localhost" || host == "127.0.0.1" || r.IntN(8) == 0 {
			scheme = "http"
		}
		e.url = fmt.Sprintf("%s://%s/%s/%d/mcp", scheme, host, pick(r, words), g.serial)
		switch r.IntN(4) {
		case 0:
			e.headers = [][2]string{{"Authorization", "Bearer " + g.token()}}
		case 1:
			e.headers = [][2]string{{"Authorization", "Bearer ${API_TOKEN}"}}
		}
	}
	if e.url != "" {
		return e
	}
	for _, ei := range r.Perm(len(envNames))[:r.IntN(4)] {
		name := envNames[ei]
		var v string
		switch r.IntN(4) {
		case 0:
			v = g.token()
		case 1:
			v = "${" + name + "}"
		default:
			v = pick(r, []string{"info", "debug", "production", "us-east-1", "Europe/Paris", "true"})
		}
		e.env = append(e.env, [2]string{name, v})
	}
	return e
}

// version returns a version suffix after sep, or none (unpinned).
func (g *fileGen) version(sep string) string {
	r := g.r
	switch r.IntN(4) {
	case 0:
		return ""
	case 1:
		return sep + "latest"
	default:
		return fmt.Sprintf("%s%d.%d.%d", sep, r.IntN(3), r.IntN(20), r.IntN(30))
	}
}

// token returns a distinct token-shaped literal secret.
func (g *fileGen) token() string {
	d := digest(fmt.Sprint("token", g.serial, g.r.Uint64()))
	switch g.r.IntN(3) {
	case 0:
		return "ghp_" + d[:36]
	case 1:
		return "sk-proj-" + d[:48]
	default:
		return "xoxb-" + d[:10] + "-" + d[10:22] + "-" + d[22:46]
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// jsonEntry writes one entry's fields as JSON members.
func jsonEntry(b *strings.Builder, e entry, indent, urlKey string) {
	var fields []string
	if e.url != "" {
		fields = append(fields, fmt.Sprintf("%q: %s", urlKey, jsonString(e.url)))
		if len(e.headers) > 0 {
			fields = append(fields, fmt.Sprintf("\"headers\": {%s}", pairsJSON(e.headers)))
		}
	} else {
		fields = append(fields, "\"command\": "+jsonString(e.command))
		args := make([]string, len(e.args))
		for i, a := range e.args {
			args[i] = jsonString(a)
		}
		fields = append(fields, "\"args\": ["+strings.Join(args, ", ")+"]")
	}
	if len(e.env) > 0 {
		fields = append(fields, fmt.Sprintf("\"env\": {%s}", pairsJSON(e.env)))
	}
	b.WriteString(indent + strings.Join(fields, ",\n"+indent))
}

func pairsJSON(ps [][2]string) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = jsonString(p[0]) + ": " + jsonString(p[1])
	}
	return strings.Join(parts, ", ")
}

// mcpServersJSON is the mcpServers map most clients read.
func mcpServersJSON(es []entry, gemini bool) []byte {
	urlKey := "url"
	if gemini {
		urlKey = "httpUrl"
	}
	return serversJSON("{\n  \"mcpServers\": {\n", es, urlKey, false)
}

// vscodeJSON is VS Code's mcp.json: servers with a type, comments allowed.
func vscodeJSON(es []entry) []byte {
	return serversJSON("{\n  // MCP servers of this workspace\n  \"servers\": {\n", es, "url", true)
}

// serversJSON writes a JSON map of servers after head; typed servers say
// their transport.
func serversJSON(head string, es []entry, urlKey string, typed bool) []byte {
	var b strings.Builder
	b.WriteString(head)
	for i, e := range es {
		fmt.Fprintf(&b, "    %s: {\n", jsonString(e.name))
		switch {
		case typed && e.url != "":
			b.WriteString("      \"type\": \"http\",\n")
		case typed:
			b.WriteString("      \"type\": \"stdio\",\n")
		}
		jsonEntry(&b, e, "      ", urlKey)
		b.WriteString("\n    }")
		if i < len(es)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  }\n}\n")
	return []byte(b.String())
}

// codexTOML is Codex's config.toml.
func codexTOML(es []entry) []byte {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "[mcp_servers.%s]\n", jsonString(e.name))
		if e.url != "" {
			fmt.Fprintf(&b, "url = %s\n", jsonString(e.url))
			if len(e.headers) > 0 {
				b.WriteString("bearer_token_env_var = \"API_TOKEN\"\n")
			}
		} else {
			fmt.Fprintf(&b, "command = %s\n", jsonString(e.command))
			args := make([]string, len(e.args))
			for i, a := range e.args {
				args[i] = jsonString(a)
			}
			fmt.Fprintf(&b, "args = [%s]\n", strings.Join(args, ", "))
		}
		if len(e.env) > 0 {
			fmt.Fprintf(&b, "[mcp_servers.%s.env]\n", jsonString(e.name))
			for _, kv := range e.env {
				fmt.Fprintf(&b, "%s = %s\n", kv[0], jsonString(kv[1]))
			}
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// continueYAML is Continue's config.yaml: a list of servers.
func continueYAML(es []entry) []byte {
	var b strings.Builder
	b.WriteString("name: workspace\nversion: 0.0.1\nschema: v1\nmcpServers:\n")
	for _, e := range es {
		fmt.Fprintf(&b, "  - name: %s\n", jsonString(e.name))
		if e.url != "" {
			fmt.Fprintf(&b, "    type: streamable-http\n    url: %s\n", jsonString(e.url))
		} else {
			fmt.Fprintf(&b, "    command: %s\n", jsonString(e.command))
			args := make([]string, len(e.args))
			for i, a := range e.args {
				args[i] = jsonString(a)
			}
			fmt.Fprintf(&b, "    args: [%s]\n", strings.Join(args, ", "))
		}
		if len(e.env) > 0 {
			b.WriteString("    env:\n")
			for _, kv := range e.env {
				fmt.Fprintf(&b, "      %s: %s\n", kv[0], jsonString(kv[1]))
			}
		}
	}
	return []byte(b.String())
}

// namespace writes n MCP Deployments of one namespace, with their RBAC,
// Services and (in some namespaces) a default-deny NetworkPolicy.
func (g *fileGen) namespace(ns, n int) error {
	r := g.r
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: team-%d}\nrules:\n- {apiGroups: [\"\"], resources: [%s], verbs: [get, list]}\n",
		ns, pick(r, []string{"pods", "configmaps", "pods, secrets"}))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: team-%d}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n", ns)
	}
	for i := range n {
		g.serial++
		name := fmt.Sprintf("%s-mcp-%d", pick(r, words), g.serial)
		img := fmt.Sprintf("ghcr.io/acme/%s-mcp:%d.%d.%d", pick(r, words), r.IntN(3), r.IntN(20), r.IntN(30))
		if r.IntN(3) == 0 {
			img = fmt.Sprintf("ghcr.io/acme/%s-mcp@sha256:%s", pick(r, words), digest(name))
		}
		sc := "{runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}"
		switch r.IntN(4) {
		case 0:
			sc = "{}"
		case 1:
			sc = "{privileged: true}"
		}
		limits := "resources: {limits: {cpu: 200m, memory: 128Mi}}"
		if r.IntN(3) == 0 {
			limits = "resources: {}"
		}
		secretEnv := fmt.Sprintf("- {name: API_TOKEN, valueFrom: {secretKeyRef: {name: %s, key: token}}}", name)
		if r.IntN(6) == 0 {
			secretEnv = fmt.Sprintf("- {name: API_TOKEN, value: %q}", g.token())
		}
		fmt.Fprintf(&b, `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: %[1]s, namespace: team-%[2]d, labels: {app.kubernetes.io/component: mcp-server}}
spec:
  replicas: %[6]d
  selector: {matchLabels: {app: %[1]s}}
  template:
    metadata: {labels: {app: %[1]s}}
    spec:
      serviceAccountName: %[1]s
      hostNetwork: %[7]t
      containers:
        - name: server
          image: %[3]s
          env:
            %[8]s
            - {name: LOG_LEVEL, value: info}
          securityContext: %[4]s
          %[5]s
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: %[1]s, namespace: team-%[2]d}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: %[1]s, namespace: team-%[2]d}
subjects: [{kind: ServiceAccount, name: %[1]s, namespace: team-%[2]d}]
roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: Service
metadata: {name: %[1]s, namespace: team-%[2]d}
spec: {type: %[9]s, selector: {app: %[1]s}, ports: [{port: 8080}]}
`, name, ns, img, sc, limits, 1+r.IntN(3), r.IntN(30) == 0, secretEnv, pick(r, []string{"ClusterIP", "ClusterIP", "ClusterIP", "LoadBalancer"}))
		_ = i
	}
	g.sum.Workloads += n
	return g.write(fmt.Sprintf("clusters/prod/team-%d/workloads.yaml", ns), []byte(b.String()))
}

// gateway writes an agentgateway or LiteLLM configuration routing to a few
// servers.
func (g *fileGen) gateway(i int) error {
	r := g.r
	g.sum.Gateways++
	if i%2 == 0 {
		var b strings.Builder
		b.WriteString("# yaml-language-server: $schema=https://agentgateway.dev/schema/config\nbinds:\n- port: 3000\n  listeners:\n  - routes:\n    - backends:\n      - mcp:\n          targets:\n")
		for range 2 + r.IntN(4) {
			g.serial++
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "          - name: %s-%d\n            stdio:\n              cmd: npx\n              args: [%q]\n", pick(r, words), g.serial, pick(r, npmPkgs)+g.version("@"))
			} else {
				fmt.Fprintf(&b, "          - name: %s-%d\n            mcp:\n              host: %s\n              port: 443\n              path: /mcp\n", pick(r, words), g.serial, pick(r, hosts))
			}
		}
		return g.write(fmt.Sprintf("gateways/edge-%03d/agentgateway.yaml", i), []byte(b.String()))
	}
	var b strings.Builder
	b.WriteString("model_list:\n  - model_name: gpt-4o-mini\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_key: os.environ/OPENAI_API_KEY\nmcp_servers:\n")
	for range 2 + r.IntN(4) {
		g.serial++
		fmt.Fprintf(&b, "  %s_%d:\n    url: \"https://%s/%d/mcp\"\n    transport: \"http\"\n    auth_type: %s\n", pick(r, words), g.serial, pick(r, hosts), g.serial, pick(r, []string{"bearer_token", "api_key", "none"}))
	}
	return g.write(fmt.Sprintf("gateways/litellm-%03d/litellm_config.yaml", i), []byte(b.String()))
}
