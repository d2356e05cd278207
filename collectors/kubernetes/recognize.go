package kubernetes

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"k8s.io/apimachinery/pkg/labels"
)

// customWorkload describes an MCP custom resource that its operator turns
// into pods: how to read the pod it will run.
type customWorkload struct {
	group, kind, product, role string
	// pod builds the pod spec the operator runs for the resource.
	pod func(o *kubeobj.Object) customPod
}

// customPod is the pod an operator runs for a custom resource.
type customPod struct {
	spec     *postree.Node
	defaults securityDefaults
	// partial is true when the operator's own settings are unknown, so
	// container security facts are left out.
	partial bool
	labels  map[string]string
}

// customWorkloads are the MCP custom resources that run pods.
var customWorkloads = []customWorkload{
	{"toolhive.stacklok.dev", "MCPServer", "ToolHive", "server", toolhivePod},
	{"toolhive.stacklok.dev", "MCPRemoteProxy", "ToolHive", "gateway", toolhiveProxyPod},
	{"toolhive.stacklok.dev", "VirtualMCPServer", "ToolHive", "gateway", toolhiveProxyPod},
	{"kagent.dev", "MCPServer", "kmcp", "server", kmcpPod},
}

// customOf returns the custom workload description of o, or nil.
func customOf(o *kubeobj.Object) *customWorkload {
	for i := range customWorkloads {
		if o.Is(customWorkloads[i].group, customWorkloads[i].kind) {
			return &customWorkloads[i]
		}
	}
	return nil
}

// recognition is why an object counts as an MCP workload.
type recognition struct {
	role    string
	reasons []string
}

func (r *recognition) add(role, reason string) {
	if r.role == "" || r.role == "operator" && role != "operator" || role == "gateway" {
		r.role = role
	}
	for _, have := range r.reasons {
		if have == reason {
			return
		}
	}
	r.reasons = append(r.reasons, reason)
}

// gatewayWords mark a name as a gateway or proxy rather than a server.
var gatewayWords = []string{"gateway", "proxy", "contextforge", "context-forge", "agentgateway", "proxyrunner"}

// roleOfName guesses the role from an image or object name.
func roleOfName(name string) string {
	lower := strings.ToLower(name)
	for _, w := range gatewayWords {
		if strings.Contains(lower, w) {
			return "gateway"
		}
	}
	return "server"
}

// knownImages are MCP server and gateway images whose names do not say
// "mcp" (repository path, without registry or tag).
var knownImages = map[string]string{
	"ghcr.io/agentgateway/agentgateway":                  "gateway",
	"cr.agentgateway.dev/agentgateway":                   "gateway",
	"ghcr.io/stacklok/toolhive/proxyrunner":              "gateway",
	"ghcr.io/stacklok/toolhive/vmcp":                     "gateway",
	"ghcr.io/ibm/mcp-context-forge":                      "gateway",
	"supercorp/supergateway":                             "server",
	"ghcr.io/sparfenyuk/mcp-proxy":                       "gateway",
	"ghcr.io/modelcontextprotocol/inspector":             "server",
	"docker.io/docker/mcp-gateway":                       "gateway",
	"ghcr.io/kagent-dev/kmcp/controller":                 "",
	"ghcr.io/stacklok/toolhive/operator":                 "",
	"ghcr.io/stacklok/toolhive/thv-operator":             "",
	"ghcr.io/kagent-dev/kagent/controller":               "",
	"envoyproxy/ai-gateway-controller":                   "",
	"docker.io/envoyproxy/ai-gateway-controller":         "",
	"ghcr.io/microsoft/mcp-gateway/mcpgateway":           "gateway",
	"mcr.microsoft.com/mcp-gateway/mcpgateway":           "gateway",
	"ghcr.io/github/github-mcp-server":                   "server",
	"ghcr.io/containers/kubernetes-mcp-server":           "server",
	"quay.io/containers/kubernetes_mcp_server":           "server",
	"docker.io/flux159/mcp-server-kubernetes":            "server",
	"docker.io/library/mcp-server":                       "server",
	"docker.io/mcp/everything":                           "server",
	"public.ecr.aws/awslabs-mcp/awslabs/core-mcp-server": "server",
}

// isMCPWord reports whether a word (split on anything not a letter or
// digit) names MCP: "mcp", or a word that starts or ends with it
// ("mcpgateway", "kubemcp").
func isMCPWord(w string) bool {
	return w == "mcp" || strings.HasPrefix(w, "mcp") || strings.HasSuffix(w, "mcp")
}

// mentionsMCP reports whether text contains an MCP word.
func mentionsMCP(text string) bool {
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "mcp") {
		return false
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if isMCPWord(w) {
			return true
		}
	}
	return false
}

// operatorImages are images of MCP operators and controllers: they manage
// MCP servers but are not servers, so their name alone does not make a
// workload MCP.
func operatorImage(repo string) bool {
	role, known := knownImages[repo]
	if known && role == "" {
		return true
	}
	base := path.Base(repo)
	return strings.Contains(base, "operator") || strings.HasSuffix(base, "controller") || strings.HasSuffix(base, "controller-manager")
}

// normalizeRepo returns an image's repository with docker.io made
// explicit ("mcp/fetch" → "docker.io/mcp/fetch").
func normalizeRepo(name, registry string) string {
	if registry == "docker.io" && !strings.HasPrefix(name, "docker.io/") {
		if !strings.Contains(name, "/") {
			return "docker.io/library/" + name
		}
		return "docker.io/" + name
	}
	return name
}

// recognize decides whether a workload object (or its pod template) runs
// an MCP server or gateway, by the rules in the package documentation.
func recognize(o *kubeobj.Object, tpl podTemplate, facts podFacts, selectors []labels.Selector) *recognition {
	r := &recognition{}
	for _, sel := range selectors {
		if sel.Matches(labels.Set(o.Labels)) || sel.Matches(labels.Set(tpl.labels)) {
			r.add("server", "--kube-selector "+sel.String())
		}
	}
	for _, set := range []map[string]string{o.Labels, tpl.labels} {
		for _, k := range sortedKeys(set) {
			if ignoredLabel(k) {
				continue
			}
			if mentionsMCP(k) || mentionsMCP(set[k]) {
				r.add(roleOfName(k+"="+set[k]), fmt.Sprintf("label %s=%s", k, set[k]))
			}
		}
	}
	for _, set := range []map[string]string{o.Annotations, tpl.annotations} {
		for _, k := range sortedKeys(set) {
			if mentionsMCP(k) && !ignoredLabel(k) {
				r.add(roleOfName(k), "annotation "+k)
			}
		}
	}
	if mentionsMCP(o.Name) {
		r.add(roleOfName(o.Name), "name "+o.Name)
	}
	for _, c := range facts.containers {
		if c.Image == nil {
			continue
		}
		repo := normalizeRepo(c.Image.Name, c.Image.Registry)
		if operatorImage(repo) {
			if mentionsMCP(repo) || knownImages[repo] == "" && isKnown(repo) {
				r.add("operator", "MCP operator image "+c.Image.Name)
			}
			continue
		}
		if role, ok := knownImages[repo]; ok {
			r.add(role, "image "+c.Image.Name)
			continue
		}
		if mentionsMCP(repo) {
			r.add(roleOfName(repo), "image "+c.Image.Name)
		}
	}
	for _, c := range items(tpl.spec.Get("containers")) {
		name, _ := c.Str("name")
		for _, p := range items(c.Get("ports")) {
			if pn, _ := p.Str("name"); mentionsMCP(pn) {
				r.add("server", fmt.Sprintf("port %s of container %s", pn, name))
			}
		}
		for _, e := range items(c.Get("env")) {
			if en, _ := e.Str("name"); strings.HasPrefix(strings.ToUpper(en), "MCP_") {
				r.add("server", fmt.Sprintf("env %s of container %s", en, name))
				break
			}
		}
		for _, key := range []string{"command", "args"} {
			words, _ := c.Strings(key)
			for _, w := range words {
				if mcpArg(w) {
					r.add(roleOfName(w), fmt.Sprintf("%s %q of container %s", key, w, name))
					break
				}
			}
		}
	}
	if r.role == "" {
		return nil
	}
	// An MCP operator's own workload is named after MCP too; it runs no
	// server, so it is judged as an operator.
	if onlyOperatorImages(facts) && r.role != "operator" && hasOperatorReason(r) {
		r.role = "operator"
	}
	return r
}

// isKnown reports whether repo is in the table of known images.
func isKnown(repo string) bool {
	_, ok := knownImages[repo]
	return ok
}

// hasOperatorReason reports whether an operator image was among the reasons.
func hasOperatorReason(r *recognition) bool {
	for _, reason := range r.reasons {
		if strings.HasPrefix(reason, "MCP operator image ") {
			return true
		}
	}
	return false
}

// mcpArg reports whether a command-line word names an MCP server: an
// npm or PyPI package of MCP ("@modelcontextprotocol/server-github",
// "mcp-server-time"), an MCP bridge, or a flag of MCP ("--mcp-port").
// URLs are left out: a word pointing at an MCP server elsewhere belongs to
// a client.
func mcpArg(w string) bool {
	lower := strings.ToLower(w)
	switch {
	case strings.Contains(lower, "://"):
		return false
	case strings.Contains(lower, "@modelcontextprotocol/"), strings.Contains(lower, "supergateway"):
		return true
	}
	return mentionsMCP(lower)
}

// onlyOperatorImages reports whether every container runs an MCP
// operator's or controller's image.
func onlyOperatorImages(f podFacts) bool {
	if len(f.containers) == 0 {
		return false
	}
	for _, c := range f.containers {
		if c.Image == nil || !operatorImage(normalizeRepo(c.Image.Name, c.Image.Registry)) {
			return false
		}
	}
	return true
}

// ignoredLabel reports label and annotation keys that say nothing about
// what runs (Helm's bookkeeping, checksums).
func ignoredLabel(k string) bool {
	return k == "helm.sh/chart" || strings.HasPrefix(k, "checksum/") || k == "app.kubernetes.io/managed-by" ||
		k == "kubectl.kubernetes.io/last-applied-configuration" || k == "meta.helm.sh/release-name" ||
		k == "meta.helm.sh/release-namespace"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
