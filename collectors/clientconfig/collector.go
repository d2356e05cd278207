package clientconfig

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// collectorName is the collector family; subjects name their collector
// "clientconfig/<client>".
const collectorName = "clientconfig"

// Collector reads MCP client configuration files and server manifests.
type Collector struct{}

// New returns a client-config collector.
func New() *Collector { return &Collector{} }

// Name returns "clientconfig".
func (*Collector) Name() string { return collectorName }

// fileResult is what one file produced.
type fileResult struct {
	subjects []evidence.Subject
	artifact *evidence.Artifact
	content  []byte
}

// Collect discovers the files the request covers and reads them in
// parallel. Every file considered becomes a source subject; the servers it
// declares become server subjects linked to it. Output is sorted.
func (c *Collector) Collect(ctx context.Context, req collectors.Request) (*collectors.Result, error) {
	cands, err := discover(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("clientconfig: %w", err)
	}
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	req.Now = req.Now.UTC()
	workers := req.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]fileResult, len(cands))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = processFile(cands[i], req)
			}
		}()
	}
feed:
	for i := range cands {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("clientconfig: %w", err)
	}

	out := &collectors.Result{Files: map[string][]byte{}}
	for _, r := range results {
		out.Subjects = append(out.Subjects, r.subjects...)
		if r.artifact != nil {
			out.Artifacts = append(out.Artifacts, *r.artifact)
			out.Files[r.artifact.BundlePath] = r.content
		}
	}
	out.Sort()
	return out, nil
}

// processFile reads, recognises and parses one candidate.
func processFile(c candidate, req collectors.Request) fileResult {
	src := &evidence.Source{
		Meta: evidence.Meta{
			Kind: evidence.KindSource,
			ID:   evidence.MakeID(evidence.KindSource, c.rel, ""),
			Name: c.rel,
			Provenance: evidence.Provenance{
				Collector:        collectorName,
				CollectorVersion: req.Version,
				File:             c.rel,
				Collected:        req.Now.UTC(),
			},
		},
		Format: "unknown",
	}
	fail := func(status, detail string) fileResult {
		src.Status = status
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: c.rel, Message: detail}}
		return fileResult{subjects: []evidence.Subject{src}}
	}
	if c.status != "" {
		src.Format = "directory"
		return fail(c.status, c.detail)
	}
	strong, weak := nameCandidates(c.rel)
	if strong != nil {
		src.Format, src.Client = strong.ID(), strong.Client()
		src.Provenance.Collector = collectorName + "/" + strong.Client()
	}
	rd := readFile(c.abs, req.Limit())
	src.Size = rd.size
	if rd.status != "" {
		// Only a file named like a client's own configuration is worth
		// reporting when its content cannot even be looked at.
		if strong == nil && !c.explicit {
			return fileResult{}
		}
		return fail(rd.status, rd.detail)
	}
	return analyzeNamed(c, strong, weak, req, src, rd.data)
}

// analyzeNamed recognises and parses the content of one file whose
// nameCandidates are known.
func analyzeNamed(c candidate, strong format, weak []format, req collectors.Request, src *evidence.Source, raw []byte) fileResult {
	data := bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	sum := sha256.Sum256(raw)
	src.Provenance.SHA256 = hex.EncodeToString(sum[:])

	li := newLineIndex(data)
	rec := recognize(c.rel, strong, weak, data, li)
	switch {
	case rec.f == nil && rec.unsupported != nil:
		src.Format = rec.unsupported.format
		src.Status = evidence.StatusUnsupported
		src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: c.rel, Message: fmt.Sprintf(
			"%s is not a client configuration; it belongs to the %s collector family, which this version does not include", rec.unsupported.format, rec.unsupported.collector)}}
		return fileResult{subjects: []evidence.Subject{src}}
	case rec.f == nil && rec.perr != nil && (c.explicit || len(weak) > 0 && bytes.Contains(bytes.ToLower(data), []byte("mcp"))):
		// A generic name (server.json, settings.json) that does not parse is
		// reported when it mentions MCP at all.
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{parseDiag(c.rel, rec, rec.perr)}
		return finishFile(src, nil, raw, secrets.NewRedactor(), c)
	case rec.f == nil:
		if !c.explicit {
			return fileResult{}
		}
		src.Status = evidence.StatusUnsupported
		src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: c.rel, Message: "not recognised as an MCP client configuration or server manifest"}}
		return fileResult{subjects: []evidence.Subject{src}}
	}

	f := rec.f
	src.Format, src.Client = f.ID(), f.Client()
	src.Provenance.Collector = collectorName + "/" + f.Client()
	red := secrets.NewRedactor()
	if rec.perr != nil {
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{parseDiag(c.rel, rec, rec.perr)}
		return finishFile(src, nil, raw, red, c)
	}
	d := &document{
		path: c.rel, data: data, li: li, sha256: src.Provenance.SHA256, location: c.location,
		root: rec.root, now: req.Now.UTC(), version: req.Version, red: red, sourceID: src.ID,
	}
	if d.location == locProject && strings.HasPrefix(c.rel, "~/") {
		d.location = locUser
	}
	src.JSONC = rec.syntax == syntaxJSON && rec.leniency.used()
	servers, diags := f.Parse(d)
	src.Status = evidence.StatusOK
	for _, dg := range diags {
		if dg.Severity == "error" {
			src.Status = evidence.StatusSchemaError
		}
	}
	if fam, dialect := f.Syntax(); fam == syntaxJSON {
		if v := rec.leniency.violation(dialect); v != nil {
			src.Status = evidence.StatusParseError
			diags = append([]evidence.Diagnostic{{Severity: "error", File: c.rel, Line: v.line, Column: v.col,
				Message: fmt.Sprintf("%s reads %s; the %s at line %d, column %d makes the file fail to load", f.Client(), dialect, v.msg, v.line, v.col)}}, diags...)
			for _, s := range servers {
				if !s.Ignored {
					s.Ignored = true
					s.IgnoredReason = fmt.Sprintf("%s cannot parse the file (%s at line %d); the entry is not loaded", f.Client(), v.msg, v.line)
				}
			}
		}
	}
	for _, dup := range rec.leniency.duplicates {
		diags = append(diags, evidence.Diagnostic{Severity: "warning", File: c.rel, Line: dup.line, Column: dup.col, Message: dup.msg})
	}
	src.Diagnostics = diags
	p := &parser{d: d, f: f, servers: servers}
	p.finish()
	return finishFile(src, servers, raw, red, c)
}

// parseDiag words a syntax error.
func parseDiag(rel string, rec recognition, perr *parseError) evidence.Diagnostic {
	kind := map[syntaxFamily]string{syntaxJSON: "JSON", syntaxYAML: "YAML", syntaxTOML: "TOML"}[rec.syntax]
	return evidence.Diagnostic{Severity: "error", File: rel, Line: perr.line, Column: perr.col,
		Message: fmt.Sprintf("%s syntax error: %s", kind, perr.msg)}
}

// finishFile counts servers, redacts messages, and produces the artifact.
func finishFile(src *evidence.Source, servers []*evidence.Server, raw []byte, red *secrets.Redactor, c candidate) fileResult {
	lexicalSecrets(raw, red)
	subjects := make([]evidence.Subject, 0, len(servers)+1)
	for _, s := range servers {
		if s.Ignored {
			src.IgnoredEntries++
		} else {
			src.Servers++
		}
		if s.IgnoredReason != "" {
			s.IgnoredReason = red.RedactString(s.IgnoredReason)
		}
		subjects = append(subjects, s)
	}
	for i := range src.Diagnostics {
		src.Diagnostics[i].Message = red.RedactString(src.Diagnostics[i].Message)
	}
	subjects = append(subjects, src)
	redacted := red.Redact(raw)
	rsum := sha256.Sum256(redacted)
	art := &evidence.Artifact{
		Path:           c.rel,
		BundlePath:     bundlePath(c.rel),
		SHA256:         src.Provenance.SHA256,
		RedactedSHA256: hex.EncodeToString(rsum[:]),
		Format:         src.Format,
		Size:           int64(len(raw)),
	}
	return fileResult{subjects: subjects, artifact: art, content: redacted}
}

// bundlePath maps a provenance path to a path inside the bundle's artifacts
// folder that cannot escape it.
func bundlePath(rel string) string {
	p := strings.ReplaceAll(rel, ":", "")
	p = strings.TrimPrefix(p, "~/")
	if rel != p && strings.HasPrefix(rel, "~/") {
		p = "home/" + p
	}
	p = path.Clean("/" + p)
	return "artifacts" + p
}
