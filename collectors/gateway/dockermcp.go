package gateway

import (
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Docker MCP Gateway (`docker mcp gateway run`, the docker/mcp-gateway
// image). Its flags and their defaults, as `gateway run` defines them:
// --transport stdio (sse and streaming listen on --port, 8811 by default,
// on --host, every interface by default); --log-calls, --block-secrets and
// --verify-signatures default to true, --block-network to false. HTTP
// transports require the bearer token in MCP_GATEWAY_AUTH_TOKEN (generated
// at start when unset) unless --allow-unauthenticated, and accept browser
// requests only from localhost origins. Before v0.43.1 the image
// (DOCKER_MCP_IN_CONTAINER=1) served HTTP transports without
// authentication. Remote servers must be public HTTPS unless
// DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS=1.

// dockerValueFlags are the gateway run flags that take a value.
var dockerValueFlags = keys("servers", "profile", "catalog", "additional-catalog", "registry", "additional-registry",
	"config", "additional-config", "tools-config", "additional-tools-config", "secrets", "tools", "interceptor",
	"oci-ref", "mcp-registry", "port", "host", "transport", "cpus", "memory", "log")

// dockerBoolFlags are the gateway run flags that are switches.
var dockerBoolFlags = keys("enable-all-servers", "allow-unauthenticated", "log-calls", "block-secrets", "block-network",
	"verify-signatures", "dry-run", "verbose", "long-lived", "debug-dns", "watch", "static")

// dockerFlags are the parsed flags of one gateway run command.
type dockerFlags struct {
	values   map[string][]string
	switches map[string]bool
	unknown  []string
}

// parseDockerFlags parses the words after `gateway run` (or the image's
// command, whose entrypoint is the gateway).
func parseDockerFlags(words []string) dockerFlags {
	f := dockerFlags{values: map[string][]string{}, switches: map[string]bool{}}
	if i := indexSequence(words, "gateway", "run"); i >= 0 {
		words = words[i+2:]
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !strings.HasPrefix(w, "--") {
			continue
		}
		name, val, hasEq := strings.Cut(strings.TrimPrefix(w, "--"), "=")
		switch {
		case dockerValueFlags[name]:
			if !hasEq && i+1 < len(words) {
				i++
				val = words[i]
			}
			f.values[name] = append(f.values[name], val)
		case dockerBoolFlags[name]:
			on := true
			if hasEq {
				on, _ = strconv.ParseBool(val)
			}
			f.switches[name] = on
		default:
			f.unknown = append(f.unknown, w)
		}
	}
	return f
}

// indexSequence returns where seq starts in words, or -1.
func indexSequence(words []string, seq ...string) int {
	for i := 0; i+len(seq) <= len(words); i++ {
		if hasSequence(words[i:i+len(seq)], seq...) {
			return i
		}
	}
	return -1
}

// value returns the last value of a flag, or def.
func (f dockerFlags) value(name, def string) string {
	if v := f.values[name]; len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

// list returns every value of a repeatable, comma-separated flag.
func (f dockerFlags) list(name string) []string {
	var out []string
	for _, v := range f.values[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// on returns a switch's value, or def when it is not given.
func (f dockerFlags) on(name string, def bool) bool {
	if v, ok := f.switches[name]; ok {
		return v
	}
	return def
}

// dockerAuthVersion is the first image release whose HTTP transports
// require authentication inside a container.
var dockerAuthVersion = [3]int{0, 43, 1}

// dockerGateway reads a Compose service running the Docker MCP Gateway.
func (r *composeReader) dockerGateway(name string, svc *postree.Node, words []string) {
	b := r.b
	decl := r.services.Get(name)
	gw := b.newProductGateway("docker-mcp-gateway", name, decl)
	flags := parseDockerFlags(words)
	for _, u := range flags.unknown {
		b.rejected(gw, svc.Get("command"), "unknown flag %s (gateway run refuses to start)", u)
	}
	res := r.container(svc, words)
	gw.Container = res.Launch.Container
	gw.Image = res.Launch.Package
	image, _ := svc.Str("image")
	inContainer := imageRepo(image) == "docker/mcp-gateway"
	if gw.Image != nil {
		gw.Version = gw.Image.Version
	}
	env := environment(svc.Get("environment"))

	transport := strings.ToLower(flags.value("transport", "stdio"))
	httpTransport := transport != "stdio"
	a := &gw.Authentication
	switch {
	case !httpTransport:
		a.Mode = evidence.GatewayAuthLocal
	case flags.on("allow-unauthenticated", false):
		a.Mode = evidence.GatewayAuthNone
	case inContainer && olderThan(gw.Version, dockerAuthVersion):
		a.Mode = evidence.GatewayAuthNone
		b.warn(decl, "docker/mcp-gateway %s serves the %s transport in a container without authentication (required from v0.43.1)", gw.Version, transport)
	default:
		a.Mode = evidence.GatewayAuthRequired
		a.Kinds = []string{"api-key"}
		if e, ok := env["MCP_GATEWAY_AUTH_TOKEN"]; ok && e.set {
			b.credential(gw, "MCP_GATEWAY_AUTH_TOKEN", e.value)
		} else if !ok {
			b.info(decl, "the gateway generates a bearer token at start and prints it in its log, since service %q does not set MCP_GATEWAY_AUTH_TOKEN", name)
		}
		if inContainer && (gw.Version == "" || gw.Version == "latest") {
			b.info(decl, "image %s is not pinned: releases before v0.43.1 served %s without authentication in containers", image, transport)
		}
	}
	if httpTransport {
		port := atoi(flags.value("port", "8811"))
		host := flags.value("host", "")
		ls := r.listeners(name, svc, gw.Container, port, false)
		if host != "" && isLoopbackHost(host) {
			// Bound to the container's own loopback: reachable only from
			// inside the container.
			ls = []evidence.Listener{listenerAt(host, port, false)}
		}
		for i := range ls {
			if transport == "sse" {
				ls[i].Path, ls[i].Transport = "/sse", evidence.TransportSSE
			} else {
				ls[i].Path, ls[i].Transport = "/mcp", evidence.TransportStreamableHTTP
			}
		}
		gw.Listeners = ls
		gw.DNSRebinding = true // Origin must be localhost when set
	}

	gw.Audit.Enabled = flags.on("log-calls", true) // tool names and argument shapes, not values
	blockSecrets, verify := flags.on("block-secrets", true), flags.on("verify-signatures", true)
	gw.SecretBlocking, gw.SignatureVerify = &blockSecrets, &verify
	dockerGuardrails(b, gw, flags, svc.Get("command"))
	dockerTracing(gw, env)
	if flags.on("block-network", false) {
		gw.Egress = "restricted"
	}
	gw.Debug = flags.on("debug-dns", false)
	insecureRemotes := env["DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS"].value == "1" || strings.EqualFold(env["DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS"].value, "true")
	gw.SSRF = &evidence.GatewaySSRF{Protection: !insecureRemotes, PrivateTargets: insecureRemotes, Localhost: insecureRemotes}
	if tools := flags.list("tools"); len(tools) > 0 {
		gw.Authorization = evidence.GatewayAuthorization{Kind: "allow-list", PerTool: true}
	}
	for _, k := range sortedKeys(env) {
		e := env[k]
		if !e.set || k == "MCP_GATEWAY_AUTH_TOKEN" {
			continue
		}
		if gw.Env == nil {
			gw.Env = map[string]evidence.Value{}
		}
		gw.Env[k] = b.value(k, e.value)
	}
	if flags.on("enable-all-servers", false) {
		b.info(decl, "gateway %q enables every server of its catalogs", name)
	}
	for _, srv := range flags.list("servers") {
		s := b.newServer(gw, srv, svc.Get("command"))
		s.Transport = evidence.TransportUnknown
	}
}

// olderThan reports whether a version tag (v0.42.3, 0.42.3) is a release
// before min; tags that are not versions (latest, dind, none) are taken to
// be current.
func olderThan(tag string, min [3]int) bool {
	t := strings.TrimPrefix(tag, "v")
	parts := strings.SplitN(t, ".", 3)
	if len(parts) < 2 {
		return false
	}
	var v [3]int
	for i, p := range parts {
		if j := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }); j >= 0 {
			p = p[:j]
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return false
		}
		v[i] = n
	}
	for i := range v {
		if v[i] != min[i] {
			return v[i] < min[i]
		}
	}
	return false
}
