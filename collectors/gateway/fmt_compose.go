package gateway

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// composeFormat reads Docker Compose files that run MCP gateways or servers:
// a Docker MCP Gateway service (the docker/mcp-gateway image, or a command
// running `docker mcp gateway run`), a ContextForge service (its image, or
// its settings in the environment), and services that run MCP server images
// directly, which become servers judged like any other container launch.
//
// Each service is analysed as the docker run command Compose would issue
// for it (privileged, network and PID modes, user, capabilities, read-only
// root, volumes, published ports, image and command), so containers are
// judged by the same rules wherever they are declared. Compose expands
// ${VAR}, ${VAR:-default} and $VAR from the environment and .env.
//
// A service with neither an image nor a build is valid only merged over
// another Compose file (an override): on its own, Compose rejects the file,
// which is reported as a schema error at the service's line; what the
// service declares is still read.
var composeFormat = &format{
	id:        "compose",
	product:   "compose",
	syntax:    postree.YAML,
	name:      composeName,
	recognise: recogniseCompose,
	read:      readCompose,
	syn:       secrets.Syntax{Client: "compose", DollarBrace: true, DollarBare: true},
}

// composeName matches Compose's file names: compose.yaml, docker-compose.yml
// and their overrides (docker-compose.override.yml, compose.prod.yaml).
func composeName(p string) files.Strength {
	b := strings.ToLower(baseName(p))
	if ext := path.Ext(b); ext != ".yaml" && ext != ".yml" {
		return files.None
	}
	for _, stem := range []string{"compose", "docker-compose"} {
		if strings.HasPrefix(b, stem+".") || strings.HasPrefix(b, stem+"-") || strings.Contains(b, "_"+stem+".") {
			return files.Weak
		}
	}
	return files.None
}

// recogniseCompose accepts a document with a services map in which some
// service runs an MCP gateway or server, or, for a file named like a
// Compose file, one that mentions MCP at all (reported with no subjects,
// so it is not silently skipped).
func recogniseCompose(f *files.File, root *postree.Node, byName bool) bool {
	services := root.Get("services")
	if !services.IsObject() || len(services.Keys) == 0 {
		return false
	}
	for i := range services.Keys {
		if !services.Vals[i].IsObject() && services.Vals[i].Kind != postree.Null {
			return false
		}
	}
	for i, name := range services.Keys {
		if role, _ := serviceRole(name, services.Vals[i]); role != roleNone {
			return true
		}
	}
	return byName && bytes.Contains(bytes.ToLower(f.Data), []byte("mcp"))
}

// Service roles.
const (
	roleNone = iota
	roleDockerGateway
	roleContextForge
	roleServer
)

// serviceRole decides what a service runs, with the words of its command.
func serviceRole(name string, svc *postree.Node) (int, []string) {
	image, _ := svc.Str("image")
	words := commandWords(svc.Get("entrypoint"))
	words = append(words, commandWords(svc.Get("command"))...)
	repo := imageRepo(image)
	switch {
	case repo == "docker/mcp-gateway" || hasSequence(words, "mcp", "gateway", "run"):
		return roleDockerGateway, words
	case strings.Contains(repo, "mcp-context-forge") || strings.HasSuffix(repo, "/mcpgateway") || looksContextForge(environment(svc.Get("environment"))):
		return roleContextForge, words
	case isMCPServerImage(repo) || runsMCPPackage(words):
		return roleServer, words
	}
	return roleNone, words
}

// imageRepo returns an image reference's repository without registry host,
// tag or digest, lower-cased ("ghcr.io/ibm/mcp-context-forge:1.0" →
// "ibm/mcp-context-forge"; "mcp/fetch" → "mcp/fetch").
func imageRepo(ref string) string {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if ref == "" {
		return ""
	}
	p := launch.ImagePackage(ref)
	name := p.Name
	if p.Registry != "docker.io" {
		name = strings.TrimPrefix(name, p.Registry+"/")
	}
	name = strings.TrimPrefix(name, "docker.io/")
	return strings.TrimPrefix(name, "library/")
}

// gatewayImages are repositories of gateways and tools whose names look
// like MCP servers but are not.
var gatewayImages = []string{"mcp-gateway", "mcp-context-forge", "mcpgateway", "agentgateway", "litellm", "inspector", "mcp-proxy", "toolhive"}

// isMCPServerImage reports whether a repository is an MCP server image:
// Docker's mcp/ namespace, or a name with "mcp" as a word that is not a
// known gateway or tool.
func isMCPServerImage(repo string) bool {
	if repo == "" {
		return false
	}
	for _, g := range gatewayImages {
		if strings.Contains(repo, g) {
			return false
		}
	}
	if strings.HasPrefix(repo, "mcp/") {
		return true
	}
	last := path.Base(repo)
	for _, w := range strings.FieldsFunc(last, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if w == "mcp" {
			return true
		}
	}
	return false
}

// runsMCPPackage reports whether a command runs an MCP server package
// (npx @modelcontextprotocol/server-x, uvx mcp-server-y).
func runsMCPPackage(words []string) bool {
	if len(words) == 0 {
		return false
	}
	res := launch.Analyze(words[0], words[1:], "", secrets.Syntax{}, nil)
	if res.Launch == nil || res.Launch.Package == nil {
		return false
	}
	n := strings.ToLower(res.Launch.Package.Name)
	return strings.Contains(n, "modelcontextprotocol") || strings.Contains(n, "mcp")
}

// commandWords returns a command or entrypoint as words: a list as given, a
// string split as a shell would.
func commandWords(n *postree.Node) []string {
	if n == nil {
		return nil
	}
	if s, ok := n.ScalarText(); ok {
		return launch.SplitCommand(s)
	}
	var out []string
	for _, it := range items(n) {
		if s, ok := it.ScalarText(); ok {
			out = append(out, s)
		}
	}
	return out
}

// hasSequence reports whether words contain seq consecutively.
func hasSequence(words []string, seq ...string) bool {
	for i := 0; i+len(seq) <= len(words); i++ {
		match := true
		for j, w := range seq {
			if words[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// envEntry is one environment variable of a service: its value (when the
// file sets one) and where it is written.
type envEntry struct {
	value string
	set   bool
	node  *postree.Node
}

// environment reads a service's environment, written as a map or as a list
// of NAME=value (a NAME alone passes the variable from Compose's own
// environment).
func environment(n *postree.Node) map[string]envEntry {
	out := map[string]envEntry{}
	if n.IsObject() {
		for i, k := range n.Keys {
			v := n.Vals[i]
			text, ok := v.ScalarText()
			out[k] = envEntry{value: text, set: ok && v.Kind != postree.Null, node: v}
		}
		return out
	}
	for _, it := range items(n) {
		s, ok := it.ScalarText()
		if !ok {
			continue
		}
		k, v, has := strings.Cut(s, "=")
		out[strings.TrimSpace(k)] = envEntry{value: v, set: has, node: it}
	}
	return out
}

// composeReader reads one Compose file.
type composeReader struct {
	b        *builder
	services *postree.Node
}

// readCompose reads every service that runs an MCP gateway or server.
func readCompose(b *builder, root *postree.Node) {
	r := &composeReader{b: b, services: root.Get("services")}
	found := false
	for i, name := range r.services.Keys {
		svc := r.services.Vals[i]
		if !svc.IsObject() {
			continue
		}
		role, words := serviceRole(name, svc)
		if role == roleNone {
			continue
		}
		found = true
		if !svc.Has("image") && !svc.Has("build") {
			b.diags = append(b.diags, b.at.diag("error", r.services.Vals[i], sprintNames(
				"service %q has neither an image nor a build: Compose accepts it only merged over another file (an override); its image and container settings are not assessed here", name)))
		}
		switch role {
		case roleDockerGateway:
			r.dockerGateway(name, svc, words)
		case roleContextForge:
			r.contextForge(name, svc)
		case roleServer:
			r.server(name, svc, words)
		}
	}
	if !found {
		b.info(nil, "no service runs an MCP gateway or server")
	}
}

// container analyses a service as the docker run command Compose issues
// for it.
func (r *composeReader) container(svc *postree.Node, words []string) launch.Result {
	args := []string{"run"}
	if v, _ := svc.Boolean("privileged"); v {
		args = append(args, "--privileged")
	}
	if v, _ := svc.Boolean("read_only"); v {
		args = append(args, "--read-only")
	}
	for _, k := range []struct{ key, flag string }{{"network_mode", "--network"}, {"pid", "--pid"}, {"user", "--user"}} {
		if v, ok := svc.Scalar(k.key); ok {
			args = append(args, k.flag, v)
		}
	}
	for _, c := range items(svc.Get("cap_add")) {
		if v, ok := c.ScalarText(); ok {
			args = append(args, "--cap-add", v)
		}
	}
	for _, v := range items(svc.Get("volumes")) {
		if s, ok := v.ScalarText(); ok {
			args = append(args, "-v", s)
			continue
		}
		if v.IsObject() {
			typ, _ := v.Str("type")
			src, _ := v.Str("source")
			dst, _ := v.Str("target")
			spec := "type=" + typ + ",source=" + src + ",target=" + dst
			if ro, _ := v.Boolean("read_only"); ro {
				spec += ",readonly"
			}
			args = append(args, "--mount", spec)
		}
	}
	for _, p := range composePorts(svc) {
		args = append(args, "-p", p)
	}
	image, _ := svc.Str("image")
	if image == "" {
		image = "<build>"
	}
	args = append(args, image)
	args = append(args, words...)
	res := launch.Analyze("docker", args, "", r.b.syn, r.b.at.red)
	if c := res.Launch.Container; c != nil {
		if v, _ := svc.Boolean("use_api_socket"); v {
			// Compose's use_api_socket gives the container the Docker
			// engine API, as a mounted socket does.
			c.DockerSocket = true
		}
		if !svc.Has("image") {
			c.Image = ""
		}
	}
	if !svc.Has("image") {
		res.Launch.Package = nil
	}
	return res
}

// composePorts returns a service's published ports in docker run -p form.
func composePorts(svc *postree.Node) []string {
	var out []string
	for _, p := range items(svc.Get("ports")) {
		if s, ok := p.ScalarText(); ok {
			out = append(out, s)
			continue
		}
		if p.IsObject() {
			target, _ := p.Scalar("target")
			published, _ := p.Scalar("published")
			hostIP, _ := p.Scalar("host_ip")
			spec := target
			if published != "" {
				spec = published + ":" + target
			}
			if hostIP != "" {
				spec = hostIP + ":" + spec
			}
			out = append(out, spec)
		}
	}
	return out
}

// serviceHosts returns the names other services reach a service under.
func serviceHosts(name string, svc *postree.Node) []string {
	hosts := []string{name}
	for _, k := range []string{"container_name", "hostname"} {
		if v, ok := svc.Str(k); ok {
			hosts = append(hosts, v)
		}
	}
	nets := svc.Get("networks")
	for i := range members(nets) {
		for _, a := range items(nets.Vals[i].Get("aliases")) {
			if v, ok := a.ScalarText(); ok {
				hosts = append(hosts, v)
			}
		}
	}
	return hosts
}

// listeners describes where a containerised gateway listening on port is
// reached: inside the Compose network under the service's names, and on the
// host where the port is published.
func (r *composeReader) listeners(name string, svc *postree.Node, c *evidence.Container, port int, tls bool) []evidence.Listener {
	inner := evidence.Listener{Bind: "0.0.0.0", Port: port, TLS: tls, Exposure: evidence.ExposureInternal, Hosts: distinct(serviceHosts(name, svc))}
	out := []evidence.Listener{inner}
	if c == nil {
		return out
	}
	if c.Network == "host" {
		// The container shares the host's network: the port is the host's.
		l := listenerAt("", port, tls)
		l.Hosts = inner.Hosts
		return []evidence.Listener{l}
	}
	for _, pb := range c.Ports {
		target, _, _ := strings.Cut(pb.ContainerPort, "/")
		if atoi(target) != port {
			continue
		}
		l := listenerAt(strings.Trim(pb.HostIP, "[]"), atoi(pb.HostPort), tls)
		if pb.HostPort == "" {
			// Published on a port Docker picks.
			l.Port = 0
		}
		if l.Port != port {
			l.TargetPort = port
		}
		out = append(out, l)
	}
	return out
}

// server reads a service that runs an MCP server directly.
func (r *composeReader) server(name string, svc *postree.Node, words []string) {
	b := r.b
	s := b.newServer(nil, name, r.services.Get(name))
	s.Client, s.Scope = "docker-compose", evidence.ScopeProject
	res := r.container(svc, words)
	s.Launch = res.Launch
	s.FilesystemRoots = res.Roots
	s.Archived = res.Archived
	s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	env := map[string]string{}
	for k, e := range environment(svc.Get("environment")) {
		if e.set {
			env[k] = e.value
		} else {
			env[k] = "${" + k + "}"
		}
	}
	b.env(s, env)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// atoi parses a decimal port (0 when it is not one).
func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0
		}
	}
	return n
}
