package probe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Exchange is one HTTP request the probe sent and what came back, redacted.
// The exchanges of an endpoint are stored in the evidence bundle.
type Exchange struct {
	// Step names why the request was sent (initialize-unauthenticated,
	// foreign-origin, protected-resource-metadata, mcp-session, …).
	Step   string `json:"step"`
	Method string `json:"method"`
	URL    string `json:"url"`
	// RequestHeaders are the headers sent, credentials redacted.
	RequestHeaders map[string]string `json:"request_headers,omitempty"`
	// RequestBody is the body sent (JSON-RPC), cut.
	RequestBody string `json:"request_body,omitempty"`
	Status      int    `json:"status,omitempty"`
	// ResponseHeaders are the headers received, session ids and cookies redacted.
	ResponseHeaders map[string]string `json:"response_headers,omitempty"`
	// ResponseBody is the start of the body, redacted and cut.
	ResponseBody string `json:"response_body,omitempty"`
	Error        string `json:"error,omitempty"`
}

type stepKey struct{}

// withStep labels the requests made with ctx in the exchange record.
func withStep(ctx context.Context, step string) context.Context {
	return context.WithValue(ctx, stepKey{}, step)
}

func stepOf(ctx context.Context) string {
	if s, ok := ctx.Value(stepKey{}).(string); ok {
		return s
	}
	return "mcp-session"
}

// recordedBody is how much of each body the record keeps. Twice as much is
// read and redacted before the cut, so that a secret the cut would split is
// still recognised whole.
const recordedBody = 2048

// recorder is an http.RoundTripper that enforces the response size bound
// and records every exchange, redacted.
type recorder struct {
	base     http.RoundTripper
	red      *secrets.Redactor
	maxBody  int64
	maxCount int

	mu        sync.Mutex
	exchanges []*Exchange
	tls       *tls.ConnectionState
}

// sensitiveHeaders are never recorded with their value.
var sensitiveHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true,
	"mcp-session-id": true, "x-api-key": true, "api-key": true, "x-auth-token": true,
}

func (r *recorder) headerMap(h http.Header) map[string]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string]string, len(h))
	for name, vals := range h {
		v := strings.Join(vals, ", ")
		lower := strings.ToLower(name)
		switch {
		case sensitiveHeaders[lower] || secrets.IsCredentialKey(name):
			v = fmt.Sprintf("[REDACTED:%d chars]", len(v))
		default:
			v = r.red.RedactString(v)
		}
		out[name] = cut(v, 512)
	}
	return out
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := &Exchange{Step: stepOf(req.Context()), Method: req.Method, URL: r.redactURL(req.URL), RequestHeaders: r.headerMap(req.Header)}
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(io.LimitReader(body, recordedBody))
			body.Close()
			ex.RequestBody = r.red.RedactString(string(data))
		}
	}
	r.mu.Lock()
	if r.maxCount > 0 && len(r.exchanges) >= r.maxCount {
		r.mu.Unlock()
		return nil, fmt.Errorf("probe request budget of %d requests spent", r.maxCount)
	}
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()

	resp, err := r.base.RoundTrip(req)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		ex.Error = r.red.RedactString(err.Error())
		return nil, err
	}
	ex.Status = resp.StatusCode
	ex.ResponseHeaders = r.headerMap(resp.Header)
	if resp.TLS != nil && r.tls == nil {
		st := *resp.TLS
		r.tls = &st
	}
	resp.Body = &boundedBody{rc: resp.Body, limit: r.maxBody, ex: ex, rec: r}
	return resp, nil
}

// redactURL shows a URL with credential-like query values redacted.
func (r *recorder) redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		q := c.Query()
		for k, vals := range q {
			for i := range vals {
				if secrets.IsCredentialKey(k) {
					vals[i] = "[REDACTED]"
				}
			}
		}
		c.RawQuery = q.Encode()
	}
	return r.red.RedactString(c.String())
}

func (r *recorder) record() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Exchange, len(r.exchanges))
	for i, e := range r.exchanges {
		out[i] = *e
		out[i].ResponseBody = cut(r.red.RedactString(e.ResponseBody), recordedBody)
	}
	return out
}

// lastAnswer returns the status and the start of the raw (not yet redacted)
// body of the last exchange sent for step; only for analysis, never kept.
func (r *recorder) lastAnswer(step string) (status int, body string, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.exchanges) - 1; i >= 0; i-- {
		if e := r.exchanges[i]; e.Step == step {
			return e.Status, e.ResponseBody, true
		}
	}
	return 0, "", false
}

func (r *recorder) tlsState() *tls.ConnectionState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.tls
}

// errTooLarge reports a response over the size bound.
var errTooLarge = errors.New("response larger than the probe's size limit")

// boundedBody stops reading past limit and keeps the start of the body for
// the record.
type boundedBody struct {
	rc    io.ReadCloser
	limit int64
	read  int64
	ex    *Exchange
	rec   *recorder
	kept  []byte
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.limit > 0 && b.read >= b.limit {
		return 0, fmt.Errorf("%w (%d bytes)", errTooLarge, b.limit)
	}
	if b.limit > 0 && int64(len(p)) > b.limit-b.read {
		p = p[:b.limit-b.read]
	}
	n, err := b.rc.Read(p)
	b.read += int64(n)
	if room := 2*recordedBody - len(b.kept); room > 0 && n > 0 {
		b.kept = append(b.kept, p[:min(n, room)]...)
		b.rec.mu.Lock()
		b.ex.ResponseBody = string(b.kept)
		b.rec.mu.Unlock()
	}
	return n, err
}

func (b *boundedBody) Close() error { return b.rc.Close() }

// headerTransport adds fixed headers (the credentials) to every request.
type headerTransport struct {
	base    http.RoundTripper
	headers http.Header
}

func (h headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	for k, vs := range h.headers {
		r.Header[k] = vs
	}
	return h.base.RoundTrip(r)
}

// newClient builds the probe's HTTP client: the address policy at dial time,
// the recorder, per-request timeouts, and redirects that never carry
// credentials to another host or downgrade to http.
func newClient(p Policy, rec *recorder, timeout time.Duration, insecure bool) *http.Client {
	d := p.dialer()
	d.Timeout = timeout
	tr := &http.Transport{
		DialContext:            p.dialContext(d),
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS10, InsecureSkipVerify: insecure}, //nolint:gosec // only for reading a failing certificate's facts
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: 64 << 10,
		DisableCompression:     false,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        10 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	rec.base = tr
	return &http.Client{
		Transport: rec,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("stopped after 5 redirects")
			}
			first := via[0]
			if first.URL.Scheme == "https" && req.URL.Scheme != "https" {
				return fmt.Errorf("refused redirect from https to %s", req.URL.Scheme)
			}
			if !strings.EqualFold(req.URL.Host, first.URL.Host) && carriesCredentials(first) {
				return fmt.Errorf("refused redirect to another host (%s) with credentials", req.URL.Hostname())
			}
			return nil
		},
	}
}

// carriesCredentials reports whether a request holds a credential header
// or a credential-like query parameter.
func carriesCredentials(r *http.Request) bool {
	for name := range r.Header {
		if sensitiveHeaders[strings.ToLower(name)] || secrets.IsCredentialKey(name) {
			return true
		}
	}
	for k := range r.URL.Query() {
		if secrets.IsCredentialKey(k) || strings.EqualFold(k, "access_token") {
			return true
		}
	}
	return false
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
