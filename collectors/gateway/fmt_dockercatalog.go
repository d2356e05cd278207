package gateway

import (
	"fmt"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// dockerCatalogFormat reads Docker MCP Gateway catalogs (the YAML a
// `--catalog` names, ~/.docker/mcp/catalogs/*.yaml) and its registry.yaml
// (the servers enabled). Catalog entries describe how the gateway runs each
// server: type server (an image run as a container, with its command, env,
// secrets, volumes, user and network settings), remote (a URL, transport
// and headers, or OAuth) or poci. Each becomes a server behind the gateway,
// a container judged like any docker run: disableNetwork runs it without a
// network; secrets come from the gateway's secret store.
var dockerCatalogFormat = &format{
	id:        "docker-mcp/catalog",
	product:   "docker-mcp-gateway",
	syntax:    postree.YAML,
	name:      dockerCatalogName,
	recognise: recogniseDockerCatalog,
	read:      readDockerCatalog,
	syn:       secrets.Syntax{Client: "docker-mcp-gateway"},
}

// dockerCatalogName matches the gateway's own files (registry.yaml,
// docker-mcp.yaml, catalogs/*.yaml) and files named like catalogs.
func dockerCatalogName(p string) files.Strength {
	lp := strings.ToLower(p)
	if ext := path.Ext(lp); ext != ".yaml" && ext != ".yml" {
		return files.None
	}
	b := baseName(lp)
	if strings.Contains(lp, ".docker/mcp/") || strings.Contains(lp, ".docker_mcp_") || b == "registry.yaml" ||
		b == "docker-mcp.yaml" || strings.Contains(b, "catalog") {
		return files.Weak
	}
	return files.None
}

// recogniseDockerCatalog accepts a registry map whose entries are server
// definitions or registry references.
func recogniseDockerCatalog(_ *files.File, root *postree.Node, _ bool) bool {
	reg := root.Get("registry")
	if !reg.IsObject() || len(reg.Keys) == 0 {
		return false
	}
	for _, v := range reg.Vals {
		if !v.IsObject() {
			return false
		}
		if v.Has("image") || v.Has("remote") || v.Has("type") || v.Has("ref") || v.Has("sseEndpoint") {
			return true
		}
	}
	return false
}

// dockerCatalogKeys are the keys of a catalog server entry.
var dockerCatalogKeys = keys("name", "type", "image", "description", "title", "icon", "readme", "longLived", "remote",
	"sseEndpoint", "oauth", "secrets", "env", "command", "volumes", "user", "disableNetwork", "allowHosts", "extraHosts",
	"tools", "config", "prefix", "metadata", "policy", "dateAdded", "upstream", "ref", "source", "toolsUrl", "about")

// readDockerCatalog reads every entry into a server.
func readDockerCatalog(b *builder, root *postree.Node) {
	reg := root.Get("registry")
	for i, name := range reg.Keys {
		e := reg.Vals[i]
		s := b.newServer(nil, name, e)
		s.Scope = evidence.ScopeGateway
		s.UnknownKeys = e.UnknownKeys(dockerCatalogKeys)
		typ, _ := e.Str("type")
		remote := e.Get("remote")
		switch {
		case typ == "remote" || remote.IsObject() && remote.Has("url") || e.Has("sseEndpoint"):
			readCatalogRemote(b, s, e)
		case e.Has("image"):
			readCatalogImage(b, s, e)
		case e.Has("ref") || len(e.Keys) == 0:
			// registry.yaml: the server is enabled; its definition is in a
			// catalog.
			s.Transport = evidence.TransportUnknown
		default:
			s.Ignored = true
			s.IgnoredReason = fmt.Sprintf("catalog entry of type %q has neither an image nor a remote URL", typ)
		}
	}
}

// readCatalogImage reads a server run from an image.
func readCatalogImage(b *builder, s *evidence.Server, e *postree.Node) {
	image, _ := e.Str("image")
	args := []string{"run", "--rm"}
	if off, _ := e.Boolean("disableNetwork"); off {
		args = append(args, "--network", "none")
	}
	if u, ok := e.Str("user"); ok {
		args = append(args, "--user", u)
	}
	for _, v := range items(e.Get("volumes")) {
		if spec, ok := v.ScalarText(); ok {
			args = append(args, "-v", spec)
		}
	}
	args = append(args, image)
	args = append(args, commandWords(e.Get("command"))...)
	b.stdio(s, "docker", args, nil)
	env := map[string]string{}
	for _, v := range items(e.Get("env")) {
		name, _ := v.Str("name")
		val, _ := v.Scalar("value")
		if name != "" {
			env[name] = val
		}
	}
	b.env(s, env)
	for _, sec := range items(e.Get("secrets")) {
		name, _ := sec.Str("name")
		envName, _ := sec.Str("env")
		if envName == "" {
			continue
		}
		if s.Env == nil {
			s.Env = map[string]evidence.Value{}
		}
		s.Env[envName] = evidence.Value{Kind: evidence.ValueSecretReference, Secret: true, Ref: name, Text: name}
	}
}

// readCatalogRemote reads a remote server.
func readCatalogRemote(b *builder, s *evidence.Server, e *postree.Node) {
	remote := e.Get("remote")
	u, _ := remote.Str("url")
	if u == "" {
		u, _ = e.Str("sseEndpoint")
	}
	transport := evidence.TransportStreamableHTTP
	if t, _ := remote.Str("transport_type"); strings.EqualFold(t, "sse") || e.Has("sseEndpoint") {
		transport = evidence.TransportSSE
	}
	headers, _ := remote.StringMap("headers")
	b.remote(s, u, headers, transport)
	if providers := e.Lookup("oauth", "providers"); len(items(providers)) > 0 && s.Auth.Kind == evidence.AuthNone {
		s.Auth = evidence.Auth{Kind: evidence.AuthOAuth}
	}
}
