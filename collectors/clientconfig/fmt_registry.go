package clientconfig

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// registryFormat reads an MCP registry server.json: one server subject per
// package (how to install and launch it) and per remote (a hosted
// endpoint), each carrying the manifest's facts.
type registryFormat struct{}

func (registryFormat) ID() string                                { return "mcp-registry/server.json" }
func (registryFormat) Client() string                            { return "mcp-registry" }
func (registryFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (registryFormat) MatchName(p string) files.Strength {
	return matchAny(p, nil, []pattern{{base: "server.json"}})
}

// MatchContent claims a document whose $schema is the server schema, or a
// file named server.json with a name and packages or remotes.
func (registryFormat) MatchContent(root *postree.Node, byName bool) bool {
	if s, _ := root.Str("$schema"); strings.Contains(s, "server.schema.json") {
		return true
	}
	_, named := root.Str("name")
	return byName && named && (root.Get("packages") != nil || root.Get("remotes") != nil)
}

var (
	schemaDate        = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})`)
	registryTopKeys   = keys("$schema", "name", "title", "description", "version", "repository", "websiteUrl", "icons", "packages", "remotes", "_meta", "status")
	registryPkgKeys   = keys("registryType", "registryBaseUrl", "identifier", "version", "fileSha256", "runtimeHint", "transport", "runtimeArguments", "packageArguments", "environmentVariables")
	registryInputKeys = keys("name", "description", "isRequired", "isSecret", "format", "default", "value", "choices", "variables", "valueHint", "placeholder", "type", "isRepeated")
	registryRunners   = map[string]string{"npm": "npx", "pypi": "uvx", "oci": "docker", "nuget": "dnx"}
)

func (f registryFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	root := d.root
	if !root.IsObject() {
		p.fail(root, "expected a JSON object at the top level, found a %s", root.Kind)
		return p.result()
	}
	m := registryManifest(root)
	pkgs := root.Get("packages")
	if pkgs != nil && pkgs.Kind == postree.Array {
		for i, pkg := range pkgs.Items {
			p.registryPackage(m, pkg, fmt.Sprintf("packages[%d]", i))
		}
	}
	remotes := root.Get("remotes")
	if remotes != nil && remotes.Kind == postree.Array {
		for i, rem := range remotes.Items {
			p.registryRemote(m, rem, fmt.Sprintf("remotes[%d]", i))
		}
	}
	if len(p.servers) == 0 {
		p.fail(root, "server.json declares no packages and no remotes")
	}
	return p.result()
}

// registryManifest reads the top-level facts shared by every subject.
func registryManifest(root *postree.Node) evidence.Manifest {
	m := evidence.Manifest{Type: "server.json"}
	if s, ok := root.Str("$schema"); ok {
		m.SchemaVersion = schemaDate.FindString(s)
	}
	m.PackageName, _ = root.Str("name")
	m.Version, _ = root.Str("version")
	m.ReverseDNSName = reverseDNS(m.PackageName)
	m.ExplicitVersion = m.Version != "" && m.Version != "latest"
	if !m.ReverseDNSName {
		m.SchemaErrors = append(m.SchemaErrors, "name is not a reverse-DNS namespace (e.g. io.github.owner/server)")
	}
	if m.Version == "" {
		m.SchemaErrors = append(m.SchemaErrors, "version is missing")
	}
	for _, k := range root.UnknownKeys(registryTopKeys) {
		m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("unknown key %q", clip(k)))
	}
	return m
}

// reverseDNS reports whether a registry name is namespace/name with a dotted
// namespace.
func reverseDNS(name string) bool {
	ns, rest, ok := strings.Cut(name, "/")
	return ok && rest != "" && strings.Contains(ns, ".") && !strings.HasPrefix(ns, ".") && !strings.HasSuffix(ns, ".")
}

// secretName reports whether a variable or header name suggests a credential.
func secretName(name string) bool {
	n := strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	for _, w := range []string{"TOKEN", "SECRET", "PASSWORD", "PASSWD", "APIKEY", "API_KEY", "CREDENTIAL", "PRIVATE_KEY", "AUTHORIZATION", "ACCESS_KEY", "CLIENT_SECRET"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return strings.HasSuffix(n, "_KEY") || strings.HasSuffix(n, "_PAT") || n == "KEY" || n == "PAT"
}

// registryInput is one declared variable or header.
type registryInput struct {
	name     string
	value    string
	hasValue bool
	secret   bool
}

// registryInputs reads a list of key/value inputs, recording schema errors
// and unmarked secrets in m.
func registryInputs(list *postree.Node, where string, m *evidence.Manifest) []registryInput {
	if list == nil || list.Kind != postree.Array {
		return nil
	}
	var out []registryInput
	for i, it := range list.Items {
		at := fmt.Sprintf("%s[%d]", where, i)
		name, _ := it.Str("name")
		in := registryInput{name: name}
		in.secret, _ = it.Boolean("isSecret")
		if v, ok := it.Scalar("value"); ok {
			in.value, in.hasValue = v, true
		} else if v, ok := it.Scalar("default"); ok {
			in.value, in.hasValue = v, true
		}
		for _, k := range it.UnknownKeys(registryInputKeys) {
			msg := fmt.Sprintf("%s: unknown key %q", at, clip(k))
			if k == "required" {
				msg = fmt.Sprintf("%s: %q is not a server.json key (use isRequired)", at, k)
			}
			m.SchemaErrors = append(m.SchemaErrors, msg)
		}
		if name != "" && !in.secret && secretName(name) {
			m.UnmarkedSecrets = append(m.UnmarkedSecrets, name)
		}
		out = append(out, in)
	}
	return out
}

// inputValue classifies a declared input: its literal value when one is
// given, otherwise a value the user supplies at install time.
func (p *parser) inputValue(in registryInput) evidence.Value {
	if in.hasValue {
		v := p.value(in.name, in.value)
		if in.secret && !v.Secret {
			v.Secret = true
			v.Reason = "declared-secret"
			if v.Kind == evidence.ValueLiteral {
				p.secret(in.value)
				shape := secrets.Shape(in.value)
				v = evidence.Value{Kind: evidence.ValueLiteralSecret, Secret: true, Reason: "declared-secret",
					Fingerprint: secrets.Fingerprint(in.value), Shape: shape, Text: "[REDACTED:" + shape + "]"}
			}
		}
		return v
	}
	return evidence.Value{Kind: evidence.ValueInputReference, Secret: in.secret, Ref: in.name, Text: "{" + in.name + "}"}
}

// registryPackage reads one package as a server.
func (p *parser) registryPackage(base evidence.Manifest, pkg *postree.Node, where string) {
	m := base
	m.SchemaErrors = append([]string(nil), base.SchemaErrors...)
	regType, _ := pkg.Str("registryType")
	ident, _ := pkg.Str("identifier")
	version, _ := pkg.Str("version")
	sha, _ := pkg.Str("fileSha256")
	name := m.PackageName
	if name == "" {
		name = ident
	}
	s := p.newServer(name, pkg, evidence.ScopeRegistry)
	for _, k := range pkg.UnknownKeys(registryPkgKeys) {
		m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("%s: unknown key %q", where, clip(k)))
	}
	if regType == "mcpb" && sha == "" {
		m.MissingFileSHA256 = true
	}
	if version == "latest" {
		m.SchemaErrors = append(m.SchemaErrors, where+": version \"latest\" is not allowed")
	}
	envs := registryInputs(pkg.Get("environmentVariables"), where+".environmentVariables", &m)
	pkgArgs := registryArgs(pkg.Get("packageArguments"))
	runArgs := registryArgs(pkg.Get("runtimeArguments"))

	command, _ := pkg.Str("runtimeHint")
	if command == "" {
		command = registryRunners[regType]
	}
	if command != "" {
		args := append([]string(nil), runArgs...)
		ref := ident
		switch {
		case command == "docker" || command == "podman":
			if version != "" && !strings.Contains(ident, "@") && !strings.Contains(ident[strings.LastIndex(ident, "/")+1:], ":") {
				ref = ident + ":" + version
			}
			args = append([]string{"run", "-i", "--rm"}, args...)
		case regType == "pypi" && version != "":
			ref = ident + "==" + version
		case version != "":
			ref = ident + "@" + version
		}
		args = append(append(args, ref), pkgArgs...)
		p.stdio(s, command, args, "")
	}
	tr := pkg.Get("transport")
	t, _ := tr.Str("type")
	switch t {
	case "", "stdio":
		s.Transport = evidence.TransportStdio
	default:
		s.Transport = transportName(t)
		if s.Transport == "" {
			s.Transport = evidence.TransportUnknown
			m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("%s.transport: unknown type %q", where, clip(t)))
		}
		if u, ok := tr.Str("url"); ok {
			// The package serves HTTP once started; its URL is evidence, its
			// auth is the launch's.
			s.Remote, _ = launch.AnalyzeRemote(u, nil, p.syn, p.d.file.Redactor())
		}
	}
	pkgFacts := &evidence.Package{Ecosystem: regType, Name: ident, Version: version}
	pkgFacts.Pinning, pkgFacts.Pinned = versionPinning(version)
	if sha != "" {
		pkgFacts.Digest = "sha256:" + sha
		pkgFacts.Pinning, pkgFacts.Pinned = evidence.PinDigest, true
	}
	if s.Launch == nil {
		s.Launch = &evidence.Launch{Runner: "binary"}
	}
	s.Launch.Package = pkgFacts
	for _, in := range envs {
		if s.Env == nil {
			s.Env = map[string]evidence.Value{}
		}
		s.Env[in.name] = p.inputValue(in)
		if in.hasValue {
			p.cleartext(s, "env."+secrets.RedactName(in.name), in.value)
		}
	}
	s.Manifest = &m
}

// registryArgs renders declared arguments as a command line: positional
// values as given, named ones as "--name value".
func registryArgs(list *postree.Node) []string {
	if list == nil || list.Kind != postree.Array {
		return nil
	}
	var out []string
	for _, a := range list.Items {
		v, ok := a.Scalar("value")
		if !ok {
			v, ok = a.Scalar("default")
		}
		if !ok {
			if hint, has := a.Str("valueHint"); has {
				v, ok = "{"+hint+"}", true
			}
		}
		if typ, _ := a.Str("type"); typ == "named" {
			if n, has := a.Str("name"); has {
				out = append(out, n)
			}
		}
		if ok {
			out = append(out, v)
		}
	}
	return out
}

// versionPinning classifies a package version string.
func versionPinning(v string) (string, bool) {
	switch {
	case v == "":
		return evidence.PinNone, false
	case v == "latest" || v == "*":
		return evidence.PinLatest, false
	case strings.ContainsAny(v, "^~<>=*| xX") && !strings.HasPrefix(v, "=="):
		return evidence.PinRange, false
	}
	return evidence.PinExact, true
}

// registryRemote reads one remote endpoint as a server.
func (p *parser) registryRemote(base evidence.Manifest, rem *postree.Node, where string) {
	m := base
	m.SchemaErrors = append([]string(nil), base.SchemaErrors...)
	name := m.PackageName
	s := p.newServer(name, rem, evidence.ScopeRegistry)
	t, _ := rem.Str("type")
	s.Transport = transportName(t)
	if s.Transport == "" || s.Transport == evidence.TransportStdio {
		s.Transport = evidence.TransportUnknown
		m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("%s: type %q is not streamable-http or sse", where, clip(t)))
	}
	headers := registryInputs(rem.Get("headers"), where+".headers", &m)
	literal := map[string]string{}
	for _, h := range headers {
		if h.hasValue {
			literal[h.name] = h.value
			if h.secret {
				p.secret(h.value)
			}
		}
	}
	u, _ := rem.Str("url")
	tr := s.Transport
	// Whatever client installs the remote runs the MCP authorization
	// discovery when it has no credential for it.
	p.remote(s, u, literal, tr, true)
	for _, h := range headers {
		if s.Remote.Headers == nil {
			s.Remote.Headers = map[string]evidence.Value{}
		}
		v := p.inputValue(h)
		s.Remote.Headers[h.name] = v
		if (h.secret || strings.EqualFold(h.name, "authorization")) && (s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable) {
			kind := evidence.AuthAPIKey
			if strings.EqualFold(h.name, "authorization") {
				kind = evidence.AuthStaticBearer
			}
			s.Auth = evidence.Auth{Kind: kind, Header: h.name, Value: &v}
		}
	}
	s.Manifest = &m
}
