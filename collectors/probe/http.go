package probe

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// ForeignOrigin is the Origin header the probe sends to test Origin validation.
const ForeignOrigin = "https://origin-check.tollgate.invalid"

// initProtocolVersion is the protocol version the raw initialize requests ask for.
const initProtocolVersion = "2025-06-18"

// httpProbe probes one Streamable HTTP (or legacy SSE) endpoint.
type httpProbe struct {
	target Target
	opts   Options
	rec    *recorder
	red    *secrets.Redactor
	ep     *evidence.Endpoint
	client *http.Client
	u      *url.URL
}

// initReply is what one raw initialize request got.
type initReply struct {
	status  int
	header  http.Header
	ok      bool // a JSON-RPC result came back
	session string
	err     error
}

func (p *httpProbe) run(ctx context.Context) []tooldef.Definition {
	ep := p.ep
	u, err := url.Parse(p.target.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		ep.Error = p.red.RedactString(fmt.Sprintf("not an http(s) URL: %s", p.target.URL))
		return nil
	}
	p.u = u
	ep.Scheme, ep.Host = u.Scheme, u.Hostname()
	ep.Loopback = IsLoopbackHost(ep.Host)
	ep.Private = IsPrivateHost(ep.Host)
	if err := p.opts.Policy.CheckHost(ep.Host); err != nil {
		ep.Error = err.Error()
		return nil
	}
	p.client = newClient(p.opts.Policy, p.rec, p.opts.RequestTimeout, false)

	unauth := p.initialize(ctx, "initialize-unauthenticated", nil, p.target.URL, "")
	if unauth.err != nil {
		p.unreachable(ctx, unauth.err)
		return nil
	}
	ep.Reachable = true
	p.tlsFacts(p.rec.tlsState())
	ep.UnauthenticatedStatus = unauth.status
	switch {
	case unauth.ok:
		ep.Authentication = evidence.EndpointAuthNone
		ep.UnauthenticatedInit = true
		ep.Transport = evidence.TransportStreamableHTTP
	case unauth.status == http.StatusUnauthorized || unauth.status == http.StatusForbidden:
		ep.Authentication = evidence.EndpointAuthRequired
		ep.Transport = evidence.TransportStreamableHTTP
	}
	if unauth.status == http.StatusUnauthorized {
		p.challenge(unauth.header)
	}
	if ep.Authentication == evidence.EndpointAuthRequired || ep.Credentials {
		p.discoverAuth(ctx)
	}

	creds := p.target.Headers
	var sessions []string
	if unauth.session != "" {
		sessions = append(sessions, unauth.session)
	}
	working := http.Header(nil) // the headers that got initialize through
	if !unauth.ok && len(creds) > 0 {
		r := p.initialize(ctx, "initialize-authenticated", creds, p.target.URL, "")
		if r.ok {
			working = creds
			ep.Transport = evidence.TransportStreamableHTTP
			if r.session != "" {
				sessions = append(sessions, r.session)
			}
		} else if r.err == nil && ep.Authentication == evidence.EndpointAuthUnknown && (r.status == 401 || r.status == 403) {
			ep.Authentication = evidence.EndpointAuthRequired
		}
	}
	served := unauth.ok || working != nil

	if !served && ep.Transport == evidence.TransportUnknown {
		if defs, ok := p.legacySSE(ctx); ok {
			return defs
		}
	}
	if served {
		// More samples for the session id analysis.
		for len(sessions) > 0 && len(sessions) < 3 {
			r := p.initialize(ctx, "initialize-session-sample", working, p.target.URL, "")
			if !r.ok || r.session == "" {
				break
			}
			sessions = append(sessions, r.session)
		}
		p.originCheck(ctx, working)
		if ep.Authentication == evidence.EndpointAuthRequired {
			p.queryToken(ctx)
		}
	}
	p.cors(ctx)
	if served {
		ep.Session = analyzeSessions(sessions)
		for _, s := range sessions {
			p.red.Add(s)
		}
		p.closeSessions(ctx, sessions, working)
	} else if len(sessions) > 0 {
		ep.Session = analyzeSessions(sessions)
	}
	if !served {
		if ep.Error == "" && ep.Authentication == evidence.EndpointAuthRequired && len(creds) == 0 {
			ep.Error = "authentication required and no credential was given: definitions not listed"
		} else if ep.Error == "" {
			ep.Error = fmt.Sprintf("initialize was not accepted (HTTP %d)", unauth.status)
		}
		return nil
	}
	return p.list(ctx, working)
}

// initialize sends one raw initialize request.
func (p *httpProbe) initialize(ctx context.Context, step string, headers http.Header, target, origin string) initReply {
	params := &mcp.InitializeParams{
		ProtocolVersion: initProtocolVersion,
		Capabilities:    &mcp.ClientCapabilities{},
		ClientInfo:      &mcp.Implementation{Name: "tollgate-probe", Version: p.opts.Version},
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params})
	req, err := http.NewRequestWithContext(withStep(ctx, step), http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return initReply{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	for k, vs := range headers {
		req.Header[k] = vs
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return initReply{err: err}
	}
	defer resp.Body.Close()
	r := initReply{status: resp.StatusCode, header: resp.Header, session: resp.Header.Get("Mcp-Session-Id")}
	if resp.StatusCode/100 == 2 {
		r.ok = hasResult(resp)
	} else {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	}
	return r
}

// hasResult reports whether a response carries a JSON-RPC result (as JSON
// or as the first message of an event stream).
func hasResult(resp *http.Response) bool {
	var msg struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if d, ok := strings.CutPrefix(line, "data:"); ok {
				if json.Unmarshal([]byte(strings.TrimSpace(d)), &msg) == nil && len(msg.Result) > 0 {
					return true
				}
			}
		}
		return false
	}
	return json.Unmarshal(data, &msg) == nil && len(msg.Result) > 0 && string(msg.Result) != "null"
}

// unreachable records why the endpoint could not be reached; a certificate
// that does not verify still has its TLS facts read (without sending anything).
func (p *httpProbe) unreachable(ctx context.Context, err error) {
	ep := p.ep
	var certErr *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &unknown) || errors.As(err, &hostErr) || errors.As(err, &invalid) {
		ep.Reachable = true
		ep.TLSError = p.red.RedactString(rootCause(err).Error())
		if st := p.handshake(ctx); st != nil {
			p.tlsFacts(st)
		}
		ep.TLSVerified = false
		ep.Error = "TLS certificate did not verify: nothing was sent"
		return
	}
	ep.Error = p.red.RedactString(rootCause(err).Error())
}

func rootCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// handshake reads a failing certificate's facts with a bare TLS handshake.
func (p *httpProbe) handshake(ctx context.Context) *tls.ConnectionState {
	host := p.u.Host
	if p.u.Port() == "" {
		host = net.JoinHostPort(p.u.Hostname(), "443")
	}
	d := p.opts.Policy.dialer()
	d.Timeout = p.opts.RequestTimeout
	conn, err := p.opts.Policy.dialContext(d)(ctx, "tcp", host)
	if err != nil {
		return nil
	}
	defer conn.Close()
	tc := tls.Client(conn, &tls.Config{ServerName: p.u.Hostname(), InsecureSkipVerify: true}) //nolint:gosec // facts only
	_ = tc.SetDeadline(time.Now().Add(p.opts.RequestTimeout))
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil
	}
	st := tc.ConnectionState()
	return &st
}

func (p *httpProbe) tlsFacts(st *tls.ConnectionState) {
	if st == nil {
		return
	}
	ep := p.ep
	switch st.Version {
	case tls.VersionTLS10:
		ep.TLSVersion = "1.0"
	case tls.VersionTLS11:
		ep.TLSVersion = "1.1"
	case tls.VersionTLS12:
		ep.TLSVersion = "1.2"
	case tls.VersionTLS13:
		ep.TLSVersion = "1.3"
	}
	ep.TLSVerified = len(st.VerifiedChains) > 0
	if len(st.PeerCertificates) > 0 {
		na := st.PeerCertificates[0].NotAfter.UTC()
		ep.CertificateExpires = na.Format(time.RFC3339)
		days := int(na.Sub(p.opts.Now).Hours() / 24)
		ep.CertificateDaysLeft = &days
	}
}

// challenge parses the 401's WWW-Authenticate header.
func (p *httpProbe) challenge(h http.Header) {
	vals := h.Values("WWW-Authenticate")
	if len(vals) == 0 {
		return
	}
	p.ep.WWWAuthenticate = tooldef.Cut(p.red.RedactString(strings.Join(vals, ", ")), 300)
	chs, err := oauthex.ParseWWWAuthenticate(vals)
	if err != nil || len(chs) == 0 {
		return
	}
	for _, c := range chs {
		if !strings.EqualFold(c.Scheme, "bearer") && len(chs) > 1 {
			continue
		}
		p.ep.Challenge = &evidence.AuthChallenge{
			Scheme:           strings.ToLower(c.Scheme),
			ResourceMetadata: p.red.RedactString(c.Params["resource_metadata"]),
			Scope:            c.Params["scope"],
			Error:            c.Params["error"],
		}
		return
	}
}

// originCheck sends initialize with a foreign Origin.
func (p *httpProbe) originCheck(ctx context.Context, headers http.Header) {
	r := p.initialize(ctx, "initialize-foreign-origin", headers, p.target.URL, ForeignOrigin)
	switch {
	case r.err != nil:
	case r.ok:
		p.ep.OriginValidation = evidence.OriginMissing
	case r.status == http.StatusForbidden || r.status == http.StatusBadRequest || r.status == http.StatusUnauthorized && headers == nil:
		if r.status != http.StatusUnauthorized {
			p.ep.OriginValidation = evidence.OriginEnforced
		}
	case r.status/100 == 4:
		p.ep.OriginValidation = evidence.OriginEnforced
	}
	if r.session != "" {
		p.closeSessions(ctx, []string{r.session}, headers)
	}
	p.corsFrom(r.header)
}

// cors sends a CORS preflight from a foreign origin.
func (p *httpProbe) cors(ctx context.Context) {
	req, err := http.NewRequestWithContext(withStep(ctx, "cors-preflight"), http.MethodOptions, p.target.URL, nil)
	if err != nil {
		return
	}
	req.Header.Set("Origin", ForeignOrigin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id")
	resp, err := p.client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	p.corsFrom(resp.Header)
}

func (p *httpProbe) corsFrom(h http.Header) {
	if h == nil {
		return
	}
	if v := h.Get("Access-Control-Allow-Origin"); v != "" && p.ep.CORSAllowOrigin != "*" {
		p.ep.CORSAllowOrigin = tooldef.Cut(v, 200)
	}
	if strings.EqualFold(h.Get("Access-Control-Allow-Credentials"), "true") {
		p.ep.CORSAllowCredentials = true
	}
}

// queryToken checks whether the bearer credential is accepted in the query
// string. It runs only over https or loopback, so the token never crosses a
// network in clear text.
func (p *httpProbe) queryToken(ctx context.Context) {
	auth := p.target.Headers.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || token == "" {
		return
	}
	if p.u.Scheme != "https" && !p.ep.Loopback {
		return
	}
	q := *p.u
	values := q.Query()
	values.Set("access_token", strings.TrimSpace(token))
	q.RawQuery = values.Encode()
	others := http.Header{}
	for k, vs := range p.target.Headers {
		if !strings.EqualFold(k, "Authorization") {
			others[k] = vs
		}
	}
	r := p.initialize(ctx, "initialize-token-in-query", others, q.String(), "")
	switch {
	case r.err != nil:
	case r.ok:
		p.ep.QueryToken = evidence.TestAccepted
		if r.session != "" {
			p.red.Add(r.session)
			p.closeSessions(ctx, []string{r.session}, p.target.Headers)
		}
	case r.status == http.StatusUnauthorized || r.status == http.StatusForbidden || r.status == http.StatusBadRequest:
		p.ep.QueryToken = evidence.TestRejected
	}
}

// closeSessions ends the sessions the raw requests opened (DELETE), best effort.
func (p *httpProbe) closeSessions(ctx context.Context, ids []string, headers http.Header) {
	for _, id := range ids {
		req, err := http.NewRequestWithContext(withStep(ctx, "close-session"), http.MethodDelete, p.target.URL, nil)
		if err != nil {
			continue
		}
		for k, vs := range headers {
			req.Header[k] = vs
		}
		req.Header.Set("Mcp-Session-Id", id)
		req.Header.Set("Mcp-Protocol-Version", initProtocolVersion)
		if resp, err := p.client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
	}
}

// legacySSE detects the deprecated HTTP+SSE transport: a GET that opens an
// event stream whose first event names the message endpoint.
func (p *httpProbe) legacySSE(ctx context.Context) ([]tooldef.Definition, bool) {
	sctx, cancel := context.WithTimeout(ctx, p.opts.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(withStep(sctx, "sse-detect"), http.MethodGet, p.target.URL, nil)
	if err != nil {
		return nil, false
	}
	req.Header.Set("Accept", "text/event-stream")
	for k, vs := range p.target.Headers {
		req.Header[k] = vs
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, false
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		p.ep.Authentication = evidence.EndpointAuthRequired
		p.challenge(resp.Header)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return nil, false
	}
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 64<<10))
	event := ""
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "event:"); ok {
			event = strings.TrimSpace(v)
			continue
		}
		if v, ok := strings.CutPrefix(line, "data:"); ok && event == "endpoint" {
			p.ep.Transport = evidence.TransportSSE
			if len(p.target.Headers) == 0 {
				p.ep.Authentication = evidence.EndpointAuthNone
			}
			p.ep.Session = &evidence.Session{}
			if mu, err := p.u.Parse(strings.TrimSpace(v)); err == nil {
				for k, vals := range mu.Query() {
					if strings.Contains(strings.ToLower(k), "session") || k == "sid" {
						p.ep.Session.Issued = true
						p.ep.Session.InURL = true
						p.ep.Session.Samples = 1
						for _, id := range vals {
							p.red.Add(id)
							p.ep.Session.Length = len(id)
							p.ep.Session.EntropyBits = entropyBits(id)
						}
					}
				}
			}
			cancel()
			return p.listSSE(ctx), true
		}
	}
	return nil, false
}

// list opens an SDK session with the headers that worked and lists every
// definition.
func (p *httpProbe) list(ctx context.Context, headers http.Header) []tooldef.Definition {
	hc := newClient(p.opts.Policy, p.rec, p.opts.RequestTimeout, false)
	if len(headers) > 0 {
		hc.Transport = headerTransport{base: hc.Transport, headers: headers}
	}
	t := &mcp.StreamableClientTransport{Endpoint: p.target.URL, HTTPClient: hc, MaxRetries: -1, DisableStandaloneSSE: true,
		MaxEventSize: int(p.opts.MaxResponse)}
	defs, unauthList := p.session(ctx, t, p.opts.ProbeErrors)
	if headers == nil {
		p.ep.UnauthenticatedList = unauthList
	} else if p.ep.UnauthenticatedInit {
		// Initialize worked without credentials but definitions were listed
		// with them: check tools/list without them too.
		ut := &mcp.StreamableClientTransport{Endpoint: p.target.URL, HTTPClient: newClient(p.opts.Policy, p.rec, p.opts.RequestTimeout, false),
			MaxRetries: -1, DisableStandaloneSSE: true}
		_, p.ep.UnauthenticatedList = p.session(withStep(ctx, "tools-list-unauthenticated"), ut, false)
	}
	return defs
}

func (p *httpProbe) listSSE(ctx context.Context) []tooldef.Definition {
	hc := newClient(p.opts.Policy, p.rec, p.opts.RequestTimeout, false)
	hc.Timeout = 0 // the event stream stays open; the context bounds it
	if len(p.target.Headers) > 0 {
		hc.Transport = headerTransport{base: hc.Transport, headers: p.target.Headers}
	}
	defs, ok := p.session(ctx, &mcp.SSEClientTransport{Endpoint: p.target.URL, HTTPClient: hc}, p.opts.ProbeErrors)
	if len(p.target.Headers) == 0 {
		p.ep.UnauthenticatedInit = ok || p.ep.ProtocolVersion != ""
		p.ep.UnauthenticatedList = ok
	}
	return defs
}

// session connects with the SDK, records the negotiated facts and lists
// tools, prompts and resource templates, then provokes an error when
// probeErrors is set. ok reports whether tools/list succeeded.
func (p *httpProbe) session(ctx context.Context, t mcp.Transport, probeErrors bool) (defs []tooldef.Definition, ok bool) {
	var raw rawAnswer
	if probeErrors {
		raw = func() (int, string, bool) { return p.rec.lastAnswer(errorProbeStep) }
	}
	return listDefinitions(ctx, t, p.ep, p.red, p.opts, raw, probeErrors)
}

// listDefinitions is the SDK part shared by HTTP and stdio probes. With
// probeErrors it also sends the error probe (see probeError); raw reads the
// probe's raw HTTP answer, nil for stdio.
func listDefinitions(ctx context.Context, t mcp.Transport, ep *evidence.Endpoint, red *secrets.Redactor, opts Options,
	raw rawAnswer, probeErrors bool) (defs []tooldef.Definition, ok bool) {
	client := mcp.NewClient(&mcp.Implementation{Name: "tollgate-probe", Version: opts.Version}, &mcp.ClientOptions{
		Capabilities: &mcp.ClientCapabilities{},
	})
	cs, err := client.Connect(ctx, t, nil)
	if err != nil {
		if ep.Error == "" {
			ep.Error = red.RedactString("MCP session: " + rootCause(err).Error())
		}
		return nil, false
	}
	defer cs.Close()
	if ir := cs.InitializeResult(); ir != nil {
		ep.ProtocolVersion = ir.ProtocolVersion
		if ir.ServerInfo != nil {
			ep.ServerName = tooldef.Cut(red.RedactString(ir.ServerInfo.Name), 200)
			ep.ServerVersion = tooldef.Cut(red.RedactString(ir.ServerInfo.Version), 100)
		}
		if ir.Instructions != "" {
			defs = append(defs, tooldef.Definition{Type: evidence.DefinitionInstructions, Raw: map[string]any{"instructions": ir.Instructions}})
		}
	}
	var caps *mcp.ServerCapabilities
	if ir := cs.InitializeResult(); ir != nil {
		caps = ir.Capabilities
	}
	add := func(typ string, v any) {
		if d, err := tooldef.FromValue(typ, v); err == nil {
			defs = append(defs, d)
		}
	}
	n := 0
	listed := map[string]bool{}
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			if ep.Error == "" {
				ep.Error = red.RedactString("tools/list: " + rootCause(err).Error())
			}
			break
		}
		ok = true
		if n++; n > opts.MaxDefinitions {
			ep.Error = fmt.Sprintf("more than %d tools: the rest were not listed", opts.MaxDefinitions)
			break
		}
		listed[tool.Name] = true
		add(evidence.DefinitionTool, tool)
	}
	if n == 0 && ep.Error == "" {
		ok = true // an empty list is a successful list
	}
	if probeErrors {
		probeError(ctx, cs, listed, ep, red, opts.RequestTimeout, raw)
	}
	if caps == nil || caps.Prompts != nil {
		n = 0
		for prompt, err := range cs.Prompts(ctx, nil) {
			if err != nil || n >= opts.MaxDefinitions {
				break
			}
			n++
			add(evidence.DefinitionPrompt, prompt)
		}
	}
	if caps == nil || caps.Resources != nil {
		n = 0
		for rt, err := range cs.ResourceTemplates(ctx, nil) {
			if err != nil || n >= opts.MaxDefinitions {
				break
			}
			n++
			add(evidence.DefinitionResourceTemplate, rt)
		}
	}
	return defs, ok
}

// statusText is a short description of an HTTP status for messages.
func statusText(code int) string {
	return strconv.Itoa(code) + " " + http.StatusText(code)
}
