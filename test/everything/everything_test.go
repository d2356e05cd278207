// Package everything tests the probe against a real third-party MCP server:
// the reference "everything" server from npm, pinned in package.json. The
// tests skip when node or the installed package is absent (run `npm ci`
// here; .ci/run does).
package everything

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/probe"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
)

const entry = "node_modules/@modelcontextprotocol/server-everything/dist/index.js"

// requireServer returns node and the server's entry point, or skips.
func requireServer(t *testing.T) (string, string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	abs, err := filepath.Abs(entry)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Skip("server-everything is not installed: run npm ci in test/everything")
	}
	return node, abs
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startHTTP runs the server's Streamable HTTP transport on a free loopback
// port until the test ends.
func startHTTP(t *testing.T) string {
	node, abs := requireServer(t)
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, node, "--require", "./loopback.cjs", abs, "streamableHttp")
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server-everything did not listen on %s", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "http://" + addr + "/mcp"
}

func split(subjects []evidence.Subject) ([]*evidence.Endpoint, map[string]*evidence.Tool) {
	var eps []*evidence.Endpoint
	tools := map[string]*evidence.Tool{}
	for _, s := range subjects {
		switch v := s.(type) {
		case *evidence.Endpoint:
			eps = append(eps, v)
		case *evidence.Tool:
			tools[v.Type+"/"+v.Name] = v
		}
	}
	return eps, tools
}

func TestProbeEverythingOverHTTP(t *testing.T) {
	url := startHTTP(t)
	res, err := probe.Run(context.Background(), []probe.Target{probe.URLTarget(url, nil)}, probe.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Error(err)
		}
	}
	eps, tools := split(res.Subjects)
	if len(eps) != 1 {
		t.Fatalf("%d endpoints", len(eps))
	}
	ep := eps[0]
	if !ep.Reachable || ep.Error != "" || ep.Transport != evidence.TransportStreamableHTTP {
		t.Fatalf("endpoint: reachable=%v transport=%s error=%q", ep.Reachable, ep.Transport, ep.Error)
	}
	if ep.Authentication != evidence.EndpointAuthNone || !ep.UnauthenticatedInit || !ep.UnauthenticatedList {
		t.Errorf("authentication = %s (init %v, list %v)", ep.Authentication, ep.UnauthenticatedInit, ep.UnauthenticatedList)
	}
	if !strings.Contains(ep.ServerName, "everything") || ep.ServerVersion == "" || ep.ProtocolVersion == "" {
		t.Errorf("server %q %q, protocol %q", ep.ServerName, ep.ServerVersion, ep.ProtocolVersion)
	}
	if ep.Session == nil || !ep.Session.Issued || ep.Session.Predictable || ep.Session.EntropyBits < 64 {
		t.Errorf("session = %+v", ep.Session)
	}
	if ep.Tools < 5 || tools["tool/echo"] == nil {
		t.Errorf("%d tools listed; echo present: %v", ep.Tools, tools["tool/echo"] != nil)
	}
	if ep.Prompts == 0 || ep.ResourceTemplates == 0 {
		t.Errorf("prompts %d, resource templates %d", ep.Prompts, ep.ResourceTemplates)
	}
	// A reference server's own definitions must not read as poisoned.
	for name, tool := range tools {
		if len(tool.HiddenInstructions)+len(tool.InvisibleUnicode)+len(tool.ANSIEscapes)+len(tool.EncodedBlobs)+len(tool.Homoglyphs) > 0 {
			t.Errorf("%s flagged: hidden %v invisible %v ansi %v encoded %v homoglyphs %v", name,
				tool.HiddenInstructions, tool.InvisibleUnicode, tool.ANSIEscapes, tool.EncodedBlobs, tool.Homoglyphs)
		}
	}
}

// TestProbeEverythingOverStdio starts the server from a client config, which
// happens only with AllowExec.
func TestProbeEverythingOverStdio(t *testing.T) {
	node, abs := requireServer(t)
	dir := t.TempDir()
	config := `{"mcpServers": {"everything": {"command": ` + strconv.Quote(node) + `, "args": [` + strconv.Quote(abs) + `, "stdio"], "env": {"EVERYTHING_TEST": "1"}}}}`
	if err := os.WriteFile(filepath.Join(dir, ".mcp.json"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	collect := func(allow bool) []evidence.Subject {
		b, err := pipeline.Collect(context.Background(), collectors.Request{Paths: []string{dir}, Version: "test", Now: time.Now().UTC()},
			pipeline.Extra{Probe: &pipeline.ProbeOptions{Configured: true, Options: probe.Options{AllowExec: allow, EndpointTimeout: time.Minute}}})
		if err != nil {
			t.Fatal(err)
		}
		return b.Subjects
	}
	eps, _ := split(collect(false))
	if len(eps) != 0 {
		t.Fatalf("without --allow-exec a stdio server was probed: %+v", eps[0])
	}
	eps, tools := split(collect(true))
	if len(eps) != 1 {
		t.Fatalf("%d endpoints", len(eps))
	}
	ep := eps[0]
	if ep.Transport != evidence.TransportStdio || !ep.Reachable || ep.Tools < 5 || ep.Server != "everything" {
		t.Errorf("endpoint: transport=%s reachable=%v tools=%d server=%q error=%q", ep.Transport, ep.Reachable, ep.Tools, ep.Server, ep.Error)
	}
	if tools["tool/echo"] == nil || tools["tool/echo"].Endpoint != "stdio:everything" {
		t.Errorf("echo: %+v", tools["tool/echo"])
	}
}
