package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/oauthex"
	"github.com/tollgate-dev/tollgate/evidence"
)

// maxAuthServers bounds how many authorization servers are looked up.
const maxAuthServers = 3

// maxMetadata bounds a metadata document's size.
const maxMetadata = 256 << 10

// discoverAuth finds the RFC 9728 protected-resource metadata (from the
// challenge's resource_metadata, else the well-known URIs) and the metadata
// of each authorization server it names (RFC 8414, then OpenID discovery).
// Metadata requests never carry credentials.
func (p *httpProbe) discoverAuth(ctx context.Context) {
	ep := p.ep
	var candidates []struct{ url, via string }
	if ep.Challenge != nil && ep.Challenge.ResourceMetadata != "" {
		if mu, err := p.u.Parse(ep.Challenge.ResourceMetadata); err == nil {
			candidates = append(candidates, struct{ url, via string }{mu.String(), "www-authenticate"})
		}
	}
	origin := p.u.Scheme + "://" + p.u.Host
	path := strings.TrimSuffix(p.u.EscapedPath(), "/")
	if path != "" {
		candidates = append(candidates, struct{ url, via string }{origin + "/.well-known/oauth-protected-resource" + path, "well-known"})
	}
	candidates = append(candidates, struct{ url, via string }{origin + "/.well-known/oauth-protected-resource", "well-known"})

	for _, c := range candidates {
		var prm oauthex.ProtectedResourceMetadata
		if err := p.getJSON(ctx, "protected-resource-metadata", c.url, &prm); err != nil {
			continue
		}
		pr := &evidence.ProtectedResource{
			URL: p.red.RedactString(c.url), DiscoveredVia: c.via, Resource: p.red.RedactString(prm.Resource),
			ResourceMatches:        resourceMatches(prm.Resource, p.u),
			AuthorizationServers:   capList(prm.AuthorizationServers, 10),
			ScopesSupported:        capList(prm.ScopesSupported, 50),
			BearerMethodsSupported: capList(prm.BearerMethodsSupported, 10),
		}
		ep.ProtectedResource = pr
		ep.ResourceMetadata = true
		break
	}
	issuers := []string(nil)
	if ep.ProtectedResource != nil {
		issuers = ep.ProtectedResource.AuthorizationServers
	} else {
		// Revision 2025-03-26 had no resource metadata: the server's own
		// origin was the authorization server. Look there, so what such a
		// server offers is still recorded.
		issuers = []string{origin}
	}
	all, s256 := true, true
	for i, issuer := range issuers {
		if i >= maxAuthServers {
			break
		}
		as := p.authServer(ctx, issuer)
		if ep.ProtectedResource == nil && as.MetadataURL == "" {
			continue
		}
		ep.AuthorizationServers = append(ep.AuthorizationServers, as)
		if as.MetadataURL == "" {
			all = false
		}
		if !as.PKCES256 {
			s256 = false
		}
		if as.DynamicClientRegistration {
			ep.DynamicClientRegistration = true
		}
	}
	n := len(ep.AuthorizationServers)
	ep.AuthServerMetadata = n > 0 && all
	ep.PKCES256 = n > 0 && s256
}

// authServer looks up one issuer's metadata at the RFC 8414 and OpenID
// Connect discovery locations, in the order the MCP authorization
// specification gives.
func (p *httpProbe) authServer(ctx context.Context, issuer string) evidence.AuthorizationServer {
	as := evidence.AuthorizationServer{Issuer: p.red.RedactString(issuer)}
	iu, err := url.Parse(issuer)
	if err != nil || (iu.Scheme != "https" && iu.Scheme != "http") || iu.Host == "" {
		as.Error = "issuer is not an http(s) URL"
		return as
	}
	origin := iu.Scheme + "://" + iu.Host
	path := strings.TrimSuffix(iu.EscapedPath(), "/")
	type loc struct{ url, discovery string }
	var locs []loc
	if path != "" {
		locs = append(locs,
			loc{origin + "/.well-known/oauth-authorization-server" + path, "oauth"},
			loc{origin + "/.well-known/openid-configuration" + path, "openid"},
			loc{origin + path + "/.well-known/openid-configuration", "openid"})
	} else {
		locs = append(locs,
			loc{origin + "/.well-known/oauth-authorization-server", "oauth"},
			loc{origin + "/.well-known/openid-configuration", "openid"})
	}
	var lastErr error
	for _, l := range locs {
		var meta oauthex.AuthServerMeta
		if err := p.getJSON(ctx, "authorization-server-metadata", l.url, &meta); err != nil {
			lastErr = err
			continue
		}
		as.MetadataURL = p.red.RedactString(l.url)
		as.Discovery = l.discovery
		as.IssuerMatches = strings.TrimSuffix(meta.Issuer, "/") == strings.TrimSuffix(issuer, "/")
		as.CodeChallengeMethods = capList(meta.CodeChallengeMethodsSupported, 10)
		for _, m := range meta.CodeChallengeMethodsSupported {
			if m == "S256" {
				as.PKCES256 = true
			}
		}
		as.DynamicClientRegistration = meta.RegistrationEndpoint != ""
		as.ClientIDMetadataDocuments = meta.ClientIDMetadataDocumentSupported
		as.HTTPSEndpoints = true
		for _, e := range []string{meta.AuthorizationEndpoint, meta.TokenEndpoint, meta.RegistrationEndpoint, meta.JWKSURI} {
			if e != "" && !secureURL(e) {
				as.HTTPSEndpoints = false
			}
		}
		return as
	}
	as.Error = "no authorization server metadata found"
	if lastErr != nil {
		as.Error += ": " + p.red.RedactString(rootCause(lastErr).Error())
	}
	return as
}

// getJSON fetches a metadata document (no credentials) into v.
func (p *httpProbe) getJSON(ctx context.Context, step, target string, v any) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	if err := p.opts.Policy.CheckHost(u.Hostname()); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(withStep(ctx, step), http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("MCP-Protocol-Version", initProtocolVersion)
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %s", p.red.RedactString(target), statusText(resp.StatusCode))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxMetadata+1))
	if err != nil {
		return err
	}
	if len(data) > maxMetadata {
		return fmt.Errorf("%s: metadata larger than %d KB", p.red.RedactString(target), maxMetadata>>10)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", p.red.RedactString(target), err)
	}
	return nil
}

// resourceMatches reports whether an RFC 9728 resource identifies the
// endpoint: the same scheme, host and port, and a path that is the
// endpoint's path or a parent of it (a resource may cover a whole origin).
func resourceMatches(resource string, endpoint *url.URL) bool {
	r, err := url.Parse(resource)
	if err != nil || r.Host == "" || r.Fragment != "" {
		return false
	}
	if !strings.EqualFold(r.Scheme, endpoint.Scheme) || !strings.EqualFold(hostPort(r), hostPort(endpoint)) {
		return false
	}
	rp := strings.TrimSuffix(r.EscapedPath(), "/")
	ep := strings.TrimSuffix(endpoint.EscapedPath(), "/")
	return rp == ep || rp == "" || strings.HasPrefix(ep, rp+"/")
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}

// secureURL reports whether a URL is https, or http on loopback.
func secureURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return u.Scheme == "https" || u.Scheme == "http" && IsLoopbackHost(u.Hostname())
}

func capList(in []string, n int) []string {
	if len(in) > n {
		in = in[:n]
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = cut(s, 200)
	}
	return out
}
