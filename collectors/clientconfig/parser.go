package clientconfig

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// parser accumulates the servers and diagnostics read from one document. It
// is the only place raw values are turned into evidence: environment values
// through secrets.Classify, command lines through launch.Analyze and URLs and
// headers through launch.AnalyzeRemote, with every raw secret handed to the
// document's Redactor.
type parser struct {
	d       *document
	f       format
	syn     secrets.Syntax
	servers []*evidence.Server
	diags   []evidence.Diagnostic
}

func newParser(d *document, f format) *parser {
	return &parser{d: d, f: f, syn: secrets.SyntaxFor(f.Client())}
}

// result returns what was read.
func (p *parser) result() ([]*evidence.Server, []evidence.Diagnostic) {
	return p.servers, p.diags
}

// warn records a warning at n.
func (p *parser) warn(n *postree.Node, format string, args ...any) {
	p.diags = append(p.diags, p.d.diag("warning", n, fmt.Sprintf(format, args...)))
}

// fail records an error at n.
func (p *parser) fail(n *postree.Node, format string, args ...any) {
	p.diags = append(p.diags, p.d.diag("error", n, fmt.Sprintf(format, args...)))
}

// newServer starts a server declared at n and records it. A name that is
// itself a credential (a token pasted as the key) is redacted before it
// becomes the subject's name and ID.
func (p *parser) newServer(name string, n *postree.Node, scope string) *evidence.Server {
	name = secrets.RedactName(name)
	s := &evidence.Server{
		Meta: evidence.Meta{
			Kind:       evidence.KindServer,
			ID:         evidence.MakeID(evidence.KindServer, p.d.path, name),
			Name:       name,
			Provenance: p.d.file.Provenance(collectorName+"/"+p.f.Client(), n),
			Links:      []string{p.d.sourceID},
		},
		Client:    p.f.Client(),
		Format:    p.f.ID(),
		Scope:     scope,
		Transport: evidence.TransportUnknown,
		Auth:      evidence.Auth{Kind: evidence.AuthNone},
	}
	p.servers = append(p.servers, s)
	return s
}

// ignore marks s as an entry the client does not load.
func (p *parser) ignore(s *evidence.Server, reason string) {
	if s.Ignored {
		return
	}
	s.Ignored = true
	s.IgnoredReason = reason
}

// value classifies one configured value and remembers it for redaction when
// it is a literal secret.
func (p *parser) value(key, raw string) evidence.Value {
	v := secrets.Classify(key, raw, p.syn)
	if v.Secret && !v.IsReference() || v.Kind == evidence.ValueLiteralSecret {
		p.secret(raw)
	}
	return v
}

// credential classifies a value written outside any server entry (a
// prompted input's default), under key, hands a secret to the file and
// records it as a credential of the file.
func (p *parser) credential(key string, n *postree.Node, raw string) evidence.Value {
	v := p.value(key, raw)
	if v.Secret && !v.IsReference() {
		p.d.file.SecretAt(n)
		if v.Kind != evidence.ValueLiteralSecret {
			shape := secrets.Shape(raw)
			v = evidence.Value{Kind: evidence.ValueLiteralSecret, Secret: true, Reason: v.Reason, Fingerprint: secrets.Fingerprint(raw),
				Shape: shape, Text: "[REDACTED:" + shape + "]"}
		}
		p.d.addCredential(n, v)
	}
	return v
}

// cleartext records the URLs without TLS to other hosts that value, handed
// to the server at in, holds.
func (p *parser) cleartext(s *evidence.Server, in, value string) {
	s.CleartextURLs = append(s.CleartextURLs, launch.CleartextURLs(in, value, p.d.file.Redactor())...)
}

// secret hands a raw secret to the file, so that neither it nor its escaped
// form survives in the stored copy.
func (p *parser) secret(raw string) { p.d.file.Secret(raw) }

// env classifies an environment map into s.Env.
func (p *parser) env(s *evidence.Server, env map[string]string) {
	if len(env) == 0 {
		return
	}
	if s.Env == nil {
		s.Env = make(map[string]evidence.Value, len(env))
	}
	for k, v := range env {
		name := secrets.RedactName(k)
		s.Env[name] = p.value(k, v)
		p.cleartext(s, "env."+name, v)
	}
}

// stdio analyses a local launch.
func (p *parser) stdio(s *evidence.Server, command string, args []string, cwd string) {
	s.Transport = evidence.TransportStdio
	res := launch.Analyze(command, args, cwd, p.syn, p.d.file.Redactor())
	s.Launch = res.Launch
	for i, a := range args {
		in := fmt.Sprintf("args[%d]", i)
		if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(k, "-") {
			in, a = k, v
		} else if ok && launch.IsAssignment(a) {
			in, a = "env."+secrets.RedactName(k), v // docker -e NAME=value, env NAME=value
		} else if i > 0 && strings.HasPrefix(args[i-1], "-") && !strings.Contains(args[i-1], "=") {
			in = args[i-1]
		}
		if res.Bridge != nil && p.d.file.RedactString(strings.TrimSpace(a)) == res.Bridge.URL {
			continue // the bridged remote, judged as the server's own URL
		}
		p.cleartext(s, in, a)
	}
	s.FilesystemRoots = append(s.FilesystemRoots, res.Roots...)
	s.Archived = s.Archived || res.Archived
	s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	if res.Bridge != nil {
		// A local bridge (mcp-remote) speaks stdio to the client and HTTP to
		// the remote; the bridge authenticates, with a header from its
		// arguments or by OAuth discovery.
		s.Remote = res.Bridge
		s.Auth = bridgeAuth(res.Bridge)
	}
}

// bridgeAuth derives the auth of a bridged remote from the headers the bridge
// is given.
func bridgeAuth(r *evidence.Remote) evidence.Auth {
	names := make([]string, 0, len(r.Headers))
	for h := range r.Headers {
		names = append(names, h)
	}
	sort.Strings(names)
	for _, h := range names {
		v := r.Headers[h]
		if strings.EqualFold(h, "authorization") || v.Secret {
			kind := evidence.AuthStaticBearer
			if !strings.EqualFold(h, "authorization") {
				kind = evidence.AuthAPIKey
			}
			return evidence.Auth{Kind: kind, Header: h, Value: &v}
		}
	}
	if r.Userinfo != nil {
		return evidence.Auth{Kind: evidence.AuthBasic, Value: r.Userinfo}
	}
	return evidence.Auth{Kind: evidence.AuthOAuthCapable}
}

// remote analyses a remote server. oauthDiscovery says whether the client
// runs OAuth discovery for a remote that has no static credentials.
func (p *parser) remote(s *evidence.Server, rawURL string, headers map[string]string, transport string, oauthDiscovery bool) {
	s.Transport = transport
	r, auth := launch.AnalyzeRemote(rawURL, headers, p.syn, p.d.file.Redactor())
	s.Remote = r
	s.Auth = auth
	if s.Auth.Kind == "" {
		s.Auth.Kind = evidence.AuthNone
	}
	if s.Auth.Kind == evidence.AuthNone && oauthDiscovery {
		s.Auth.Kind = evidence.AuthOAuthCapable
	}
}

// finish sorts and deduplicates what was read: IDs are made unique within
// the document (falling back to the declaration's pointer), and list fields
// are sorted.
func (p *parser) finish() {
	count := map[string]int{}
	for _, s := range p.servers {
		count[s.ID]++
	}
	for _, s := range p.servers {
		if count[s.ID] > 1 {
			s.ID = evidence.MakeID(evidence.KindServer, p.d.path, strings.TrimPrefix(s.Provenance.Pointer, "/"))
		}
		sort.Strings(s.UnknownKeys)
		sort.Strings(s.Approvals.AutoApprove)
		sort.Strings(s.Approvals.IncludeTools)
		sort.Strings(s.Approvals.ExcludeTools)
		sort.SliceStable(s.FilesystemRoots, func(i, j int) bool {
			return s.FilesystemRoots[i].Path < s.FilesystemRoots[j].Path
		})
		sort.SliceStable(s.CleartextURLs, func(i, j int) bool {
			a, b := s.CleartextURLs[i], s.CleartextURLs[j]
			return a.In < b.In || a.In == b.In && a.URL < b.URL
		})
		if len(s.CleartextURLs) > 0 && holdsCredential(s) {
			for i := range s.CleartextURLs {
				s.CleartextURLs[i].WithCredentials = true
			}
		}
	}
}

// holdsCredential reports whether the server is given a credential,
// literal or referenced: in its environment, arguments, headers or URL.
func holdsCredential(s *evidence.Server) bool {
	found := false
	eachValue(s, func(v *evidence.Value) {
		if v.Secret {
			found = true
		}
	})
	return found
}
