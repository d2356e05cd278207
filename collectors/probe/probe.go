// Package probe examines live MCP endpoints with the official Go SDK: how
// an endpoint treats requests without credentials, its RFC 9728 and RFC
// 8414 metadata, TLS, Origin and CORS handling, session ids and the
// negotiated protocol, and every tool, prompt, resource template and
// instruction it serves. It produces endpoint and tool subjects plus a
// redacted record of every request sent, for the evidence bundle.
//
// A probe is network traffic an organisation answers for: it connects only
// where Policy allows, bounds every request, response and run, never
// forwards credentials across hosts, never calls a tool, and starts a stdio
// server only when AllowExec is set.
package probe

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/progress"
)

// CollectorName is the provenance collector of probe subjects.
const CollectorName = "probe"

// Defaults for Options.
const (
	DefaultRequestTimeout  = 10 * time.Second
	DefaultEndpointTimeout = 45 * time.Second
	DefaultTimeout         = 3 * time.Minute
	DefaultConcurrency     = 4
	DefaultMaxResponse     = 4 << 20
	DefaultMaxDefinitions  = 1000
	// maxRequests bounds the requests sent to one endpoint.
	maxRequests = 64
)

// Options say how to probe.
type Options struct {
	// Policy says which addresses may be contacted.
	Policy Policy
	// AllowExec lets the probe start stdio servers declared in configs.
	AllowExec bool
	// RequestTimeout bounds one request; EndpointTimeout one endpoint;
	// Timeout the whole run.
	RequestTimeout, EndpointTimeout, Timeout time.Duration
	// Concurrency bounds how many endpoints are probed at once.
	Concurrency int
	// MaxResponse bounds the size of one response body.
	MaxResponse int64
	// MaxDefinitions bounds how many tools (and prompts, and templates) are listed.
	MaxDefinitions int
	// ProbeErrors sends, after listing, one tools/call for a tool that does
	// not exist (ErrorProbeTool) and records what the error discloses.
	ProbeErrors bool
	// Now is the collection time; Version the Tollgate version.
	Now     time.Time
	Version string
}

func (o *Options) defaults() {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.EndpointTimeout <= 0 {
		o.EndpointTimeout = DefaultEndpointTimeout
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxResponse <= 0 {
		o.MaxResponse = DefaultMaxResponse
	}
	if o.MaxDefinitions <= 0 {
		o.MaxDefinitions = DefaultMaxDefinitions
	}
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
}

// Target is one endpoint to probe.
type Target struct {
	// URL is the endpoint (http or https), with any query credentials resolved.
	URL string
	// Server is the configured server name, when the target came from a config.
	Server string
	// ServerID is that server subject's ID, linked from the endpoint.
	ServerID string
	// Transport is the configured transport (streamable-http, sse; empty: detect).
	Transport string
	// Headers are the request headers to send, credentials resolved.
	Headers http.Header
	// Secrets are the raw credential values this target carries, redacted
	// from everything the probe records.
	Secrets []string
	// Exec describes a stdio server to start (only with Options.AllowExec).
	Exec *ExecSpec
	// Skip, when set, says why the target cannot be probed (recorded as the
	// endpoint's error; nothing is sent).
	Skip string
}

// displayURL is the URL shown in evidence: credential-like query values and
// userinfo redacted.
func (t Target) displayURL(red *secrets.Redactor) string {
	if t.Exec != nil {
		return "stdio:" + t.Server
	}
	u, err := url.Parse(t.URL)
	if err != nil {
		return red.RedactString(t.URL)
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k, vals := range q {
			for i := range vals {
				if secrets.IsCredentialKey(k) || strings.EqualFold(k, "access_token") {
					vals[i] = "[REDACTED]"
				}
			}
		}
		u.RawQuery = q.Encode()
	}
	return red.RedactString(u.String())
}

// Record is what the bundle keeps of one endpoint's probe.
type Record struct {
	Endpoint  string     `json:"endpoint"`
	Server    string     `json:"server,omitempty"`
	Exchanges []Exchange `json:"exchanges"`
	// Definitions are the definitions listed, redacted.
	Definitions []RecordedDefinition `json:"definitions,omitempty"`
}

// RecordedDefinition is one listed definition in a Record.
type RecordedDefinition struct {
	Type       string         `json:"type"`
	Definition map[string]any `json:"definition"`
}

// Run probes every target (at most Concurrency at once, within Timeout) and
// returns endpoint and tool subjects, with one artifact per endpoint holding
// the redacted record. Tools from different endpoints are correlated
// (collisions, shadowing). Problems with one endpoint become its evidence.
func Run(ctx context.Context, targets []Target, opts Options) (*collectors.Result, error) {
	opts.defaults()
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	type outcome struct {
		endpoint *evidence.Endpoint
		tools    []*evidence.Tool
		path     string
		data     []byte
	}
	results := make([]outcome, len(targets))
	task := progress.Start(ctx, "Probing endpoints", len(targets))
	defer task.Done()
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
			}
			ep, tools, rec := probeOne(ctx, t, opts)
			data, _ := json.MarshalIndent(rec, "", "  ")
			results[i] = outcome{ep, tools, artifactPath(ep.URL, t.Server), append(data, '\n')}
			task.Add(1)
		}()
	}
	wg.Wait()

	res := &collectors.Result{Files: map[string][]byte{}}
	var allTools []*evidence.Tool
	for _, o := range results {
		sum := sha256.Sum256(o.data)
		digest := hex.EncodeToString(sum[:])
		o.endpoint.Provenance.File = o.path
		o.endpoint.Provenance.SHA256 = digest
		res.Subjects = append(res.Subjects, o.endpoint)
		for _, t := range o.tools {
			t.Provenance.File = o.path
			t.Provenance.SHA256 = digest
			allTools = append(allTools, t)
			res.Subjects = append(res.Subjects, t)
		}
		bundlePath := evidence.ArtifactsDir + "/" + o.path
		res.Files[bundlePath] = o.data
		res.Artifacts = append(res.Artifacts, evidence.Artifact{Path: o.path, BundlePath: bundlePath, SHA256: digest,
			RedactedSHA256: digest, Format: "probe/record", Size: int64(len(o.data))})
	}
	tooldef.Correlate(allTools)
	res.Sort()
	return res, nil
}

var slugRE = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// artifactPath names an endpoint's record in the bundle.
func artifactPath(displayURL, server string) string {
	slug := strings.TrimPrefix(strings.TrimPrefix(displayURL, "https://"), "http://")
	slug = strings.Trim(slugRE.ReplaceAllString(slug, "_"), "_")
	if len(slug) > 80 {
		slug = slug[:80]
	}
	sum := sha256.Sum256([]byte(displayURL + "\x00" + server))
	return "probe/" + slug + "-" + hex.EncodeToString(sum[:4]) + ".json"
}

// probeOne probes one target within the endpoint timeout.
func probeOne(ctx context.Context, t Target, opts Options) (*evidence.Endpoint, []*evidence.Tool, Record) {
	ctx, cancel := context.WithTimeout(ctx, opts.EndpointTimeout)
	defer cancel()
	red := secrets.NewRedactor()
	for _, s := range t.Secrets {
		red.Add(s)
	}
	for name, vals := range t.Headers {
		if sensitiveHeaders[strings.ToLower(name)] || secrets.IsCredentialKey(name) {
			for _, v := range vals {
				red.Add(v)
				if _, rest, ok := strings.Cut(v, " "); ok {
					red.Add(strings.TrimSpace(rest))
				}
			}
		}
	}
	display := t.displayURL(red)
	ep := &evidence.Endpoint{
		Meta: evidence.Meta{
			Kind: evidence.KindEndpoint,
			ID:   evidence.MakeID(evidence.KindEndpoint, display, t.Server),
			Name: display,
			Provenance: evidence.Provenance{Collector: CollectorName, CollectorVersion: opts.Version, URL: display,
				Collected: opts.Now},
		},
		URL:              display,
		Server:           t.Server,
		Transport:        evidence.TransportUnknown,
		Authentication:   evidence.EndpointAuthUnknown,
		QueryToken:       evidence.TestNotTested,
		OriginValidation: evidence.TestNotTested,
		Credentials:      len(t.Headers) > 0,
	}
	if t.ServerID != "" {
		ep.Links = []string{t.ServerID}
	}
	rec := &recorder{red: red, maxBody: opts.MaxResponse, maxCount: maxRequests}
	var defs []tooldef.Definition
	switch {
	case t.Skip != "":
		ep.Error = red.RedactString(t.Skip)
	case t.Exec != nil:
		ep.Transport = evidence.TransportStdio
		defs = probeExec(ctx, t, opts, ep, red)
	default:
		hp := &httpProbe{target: t, opts: opts, rec: rec, red: red, ep: ep}
		defs = hp.run(ctx)
	}
	if ctx.Err() != nil && ep.Error == "" {
		ep.Error = fmt.Sprintf("probe stopped after %s", opts.EndpointTimeout)
	}
	server := t.Server
	if server == "" {
		server = display
	}
	origin := tooldef.Origin{Server: server, Endpoint: display, Collector: CollectorName, Version: opts.Version,
		URL: display, Collected: opts.Now, Links: []string{ep.ID}}
	if t.ServerID != "" {
		origin.Links = append(origin.Links, t.ServerID)
	}
	var tools []*evidence.Tool
	record := Record{Endpoint: display, Server: t.Server, Exchanges: rec.record()}
	seen := map[string]bool{}
	for _, d := range defs {
		tool := tooldef.Subject(d, origin, red)
		if seen[tool.ID] {
			continue
		}
		seen[tool.ID] = true
		tools = append(tools, tool)
		record.Definitions = append(record.Definitions, RecordedDefinition{Type: d.Type, Definition: tool.Definition})
		switch d.Type {
		case evidence.DefinitionTool:
			ep.Tools++
		case evidence.DefinitionPrompt:
			ep.Prompts++
		case evidence.DefinitionResourceTemplate:
			ep.ResourceTemplates++
		}
	}
	sort.Slice(tools, func(i, j int) bool { return tools[i].ID < tools[j].ID })
	if record.Exchanges == nil {
		record.Exchanges = []Exchange{}
	}
	return ep, tools, record
}
