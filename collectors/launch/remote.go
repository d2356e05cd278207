package launch

import (
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// reRefForm matches the reference forms a URL may be built from, template
// placeholders ({{VAR}}) included.
var reRefForm = regexp.MustCompile(`\$\{\{[^}]*\}\}|\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{\{[^{}]*\}\}`)

// refMarker stands in for a reference while a templated URL is parsed.
const refMarker = "tollgate-ref-"

// defaultPorts are the ports implied by a URL scheme.
var defaultPorts = map[string]int{"http": 80, "https": 443, "ws": 80, "wss": 443}

// privateSuffixes are DNS suffixes of hosts that are not on the internet.
var privateSuffixes = []string{".local", ".internal", ".svc", ".cluster.local", ".lan", ".home.arpa",
	".localdomain", ".intranet", ".corp", ".private"}

// AnalyzeRemote analyses a remote server's URL and request headers and
// returns the remote description and the authentication it implies. Raw
// secrets are added to red (which may be nil) and redacted in the result.
func AnalyzeRemote(rawURL string, headers map[string]string, syn secrets.Syntax, red *secrets.Redactor) (*evidence.Remote, evidence.Auth) {
	local := secrets.NewRedactor()
	r := &evidence.Remote{}
	auth := evidence.Auth{Kind: evidence.AuthNone}
	raw := strings.TrimSpace(rawURL)
	// A credential the URL holds by its form is remembered (the secret
	// alone, so the host stays readable): the path is redacted with the URL.
	if part, _ := secrets.SecretPart("", raw); part != "" {
		local.Add(part)
	}

	// parse with references swapped for host-safe markers
	var refs []string
	parsable := reRefForm.ReplaceAllStringFunc(raw, func(m string) string {
		refs = append(refs, m)
		return refMarker + strconv.Itoa(len(refs)-1)
	})
	u, err := url.Parse(parsable)
	if err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(parsable, refMarker) {
		r.Templated = true // the whole URL is a reference
	}
	if err == nil && u.Host != "" {
		restore := func(s string) string {
			for i := len(refs) - 1; i >= 0; i-- {
				s = strings.ReplaceAll(s, refMarker+strconv.Itoa(i), refs[i])
			}
			return s
		}
		r.Scheme = strings.ToLower(u.Scheme)
		if strings.Contains(r.Scheme, refMarker) {
			r.Scheme, r.Templated = "", true
		}
		host := u.Hostname()
		if strings.Contains(host, refMarker) {
			r.Templated = true
		} else {
			r.Host = strings.ToLower(host)
			r.Loopback, r.Private = hostScope(r.Host)
		}
		if p := u.Port(); p != "" {
			if strings.Contains(p, refMarker) {
				r.Templated = true
			} else if n, err := strconv.Atoi(p); err == nil {
				r.Port = n
			}
		} else {
			r.Port = defaultPorts[r.Scheme]
		}
		r.Path = restore(u.EscapedPath())
		if v, ok := pathCredential(r.Host, r.Path, syn, local); ok {
			r.PathCredential = &v
			auth = evidence.Auth{Kind: evidence.AuthAPIKey, Value: copyValue(v)}
		}
		if u.User != nil {
			name := restore(u.User.Username())
			pw, hasPW := u.User.Password()
			var v evidence.Value
			if hasPW {
				v = secrets.ClassifyInto("password", restore(pw), syn, local)
			} else {
				v = secrets.ClassifyInto("", name, syn, local)
			}
			r.Userinfo = &v
			if v.Secret {
				auth = evidence.Auth{Kind: evidence.AuthBasic, Value: copyValue(v)}
			}
		}
		if u.RawQuery != "" {
			r.Query = map[string]evidence.Value{}
			q := u.Query()
			for _, k := range sortedKeys(q) {
				val := restore(q.Get(k))
				v := secrets.ClassifyQueryInto(k, val, syn, local)
				if v.Kind == evidence.ValueLiteralSecret {
					local.Add(url.QueryEscape(val))
				}
				r.Query[secrets.RedactName(k)] = v
				if v.Secret {
					auth.InQuery = true
					if auth.Kind == evidence.AuthNone {
						auth = evidence.Auth{Kind: evidence.AuthAPIKey, Value: copyValue(v), InQuery: true}
					}
				}
			}
		}
	} else if len(refs) > 0 {
		r.Templated = true
	}

	if len(headers) > 0 {
		r.Headers = map[string]evidence.Value{}
		names := make([]string, 0, len(headers))
		for k := range headers {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			v := secrets.ClassifyInto(name, headers[name], syn, local)
			r.Headers[secrets.RedactName(name)] = v
			if a, ok := headerAuth(name, headers[name], v); ok && authRank(a.Kind) > authRank(auth.Kind) {
				a.InQuery = auth.InQuery
				auth = a
			}
		}
	}

	red.Merge(local)
	r.URL = local.RedactString(raw)
	r.Path = local.RedactString(r.Path)
	if red != nil {
		r.URL = red.RedactString(r.URL)
		r.Path = red.RedactString(r.Path)
	}
	return r, auth
}

// pathCredential finds a credential written in a URL's path: a webhook's
// or bot's token (recognised with the host, hooks.slack.com/services/…) or
// a segment that is a key by its form (https://host/mcp/<key>/sse).
func pathCredential(host, path string, syn secrets.Syntax, red *secrets.Redactor) (evidence.Value, bool) {
	if path == "" || path == "/" {
		return evidence.Value{}, false
	}
	candidates := []string{host + path}
	for _, seg := range strings.Split(path, "/") {
		if seg, err := url.PathUnescape(seg); err == nil && seg != "" {
			candidates = append(candidates, seg)
		}
	}
	for _, c := range candidates {
		if v := secrets.Classify("", c, syn); v.Kind == evidence.ValueLiteralSecret {
			part, _ := secrets.SecretPart("", c)
			red.Add(part)
			return v, true
		}
	}
	return evidence.Value{}, false
}

// headerAuth derives the authentication a header implies.
func headerAuth(name, raw string, v evidence.Value) (evidence.Auth, bool) {
	lname := strings.ToLower(name)
	switch {
	case lname == "authorization" || lname == "proxy-authorization":
		kind := evidence.AuthStaticBearer
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(raw)), "basic ") {
			kind = evidence.AuthBasic
		}
		return evidence.Auth{Kind: kind, Header: name, Value: copyValue(v)}, true
	case secrets.IsCredentialKey(name):
		return evidence.Auth{Kind: evidence.AuthAPIKey, Header: name, Value: copyValue(v)}, true
	}
	return evidence.Auth{}, false
}

// authRank orders the kinds a header, userinfo or query can imply.
func authRank(kind string) int {
	switch kind {
	case evidence.AuthStaticBearer:
		return 4
	case evidence.AuthBasic:
		return 3
	case evidence.AuthAPIKey:
		return 2
	case evidence.AuthNone:
		return 0
	}
	return 1
}

func copyValue(v evidence.Value) *evidence.Value { return &v }

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// cgnat is the shared address space of RFC 6598 (carrier-grade NAT, Tailscale).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// hostScope reports whether a host is loopback (localhost, 127.0.0.0/8, ::1,
// 0.0.0.0) or private (RFC 1918, link-local, fc00::/7, cluster-internal and
// single-label names).
func hostScope(host string) (loopback, private bool) {
	h := strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if h == "" {
		return false, false
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true, false
	}
	if ip, err := netip.ParseAddr(h); err == nil {
		ip = ip.Unmap()
		switch {
		case ip.IsLoopback() || ip.IsUnspecified():
			return true, false
		case ip.IsPrivate() || ip.IsLinkLocalUnicast() || cgnat.Contains(ip):
			return false, true
		}
		return false, false
	}
	if net.ParseIP(h) != nil {
		return false, false
	}
	for _, s := range privateSuffixes {
		if strings.HasSuffix(h, s) {
			return false, true
		}
	}
	if !strings.Contains(h, ".") {
		return false, true // a single-label name resolves only on a local network
	}
	return false, false
}
