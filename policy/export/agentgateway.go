package export

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/policy"
)

// agentgateway writes an agentgateway configuration (agentgateway -f FILE)
// in its simplified top-level mcp form: one target per approved server that
// can be run or reached (stdio with the pinned command, mcp or sse with the
// URL), and an mcpAuthorization policy whose CEL rules allow each target's
// allowed tools (mcp.tool.target, mcp.tool.name) and nothing else, since
// agentgateway refuses a tool that no rule allows. It is the backend list to
// merge into a gateway's configuration: it sets no authentication and
// listens on every interface, as agentgateway does by default.
type agentgateway struct{}

func (agentgateway) Name() string { return "agentgateway" }

type agwFile struct {
	MCP agwMCP `yaml:"mcp"`
}

type agwMCP struct {
	Port     int         `yaml:"port"`
	Policies agwPolicies `yaml:"policies"`
	Targets  []agwTarget `yaml:"targets"`
}

type agwPolicies struct {
	MCPAuthorization agwAuthorization `yaml:"mcpAuthorization"`
}

type agwAuthorization struct {
	Rules []string `yaml:"rules"`
}

type agwTarget struct {
	Name  string     `yaml:"name"`
	Stdio *agwStdio  `yaml:"stdio,omitempty"`
	MCP   *agwRemote `yaml:"mcp,omitempty"`
	SSE   *agwRemote `yaml:"sse,omitempty"`
}

type agwStdio struct {
	Cmd  string   `yaml:"cmd"`
	Args []string `yaml:"args,omitempty"`
}

type agwRemote struct {
	Host string `yaml:"host"`
}

func (t agentgateway) Export(p *policy.Policy) ([]File, []Skipped, error) {
	var skipped []Skipped
	cfg := agwFile{MCP: agwMCP{Port: 3000, Policies: agwPolicies{MCPAuthorization: agwAuthorization{Rules: []string{}}}, Targets: []agwTarget{}}}
	used := map[string]bool{}
	for _, a := range p.Approved {
		entry := "approved." + a.Key
		if len(a.Paths) > 0 {
			skipped = append(skipped, Skipped{t.Name(), entry, "approved only for some folders; a gateway serves everyone"})
			continue
		}
		l, why := launchOf(a)
		if why != "" {
			skipped = append(skipped, Skipped{t.Name(), entry, why})
			continue
		}
		target := agwTarget{Name: unique(targetName(a.Key), used)}
		switch {
		case l.url != "" && l.sse:
			target.SSE = &agwRemote{Host: l.url}
		case l.url != "":
			target.MCP = &agwRemote{Host: l.url}
		default:
			target.Stdio = &agwStdio{Cmd: l.command[0], Args: l.command[1:]}
		}
		cfg.MCP.Targets = append(cfg.MCP.Targets, target)
		cfg.MCP.Policies.MCPAuthorization.Rules = append(cfg.MCP.Policies.MCPAuthorization.Rules, toolRule(target.Name, a.Tools))
	}
	var b bytes.Buffer
	b.WriteString("# yaml-language-server: $schema=https://agentgateway.dev/schema/config\n" +
		"# The servers the organisation policy approves, each limited to the tools it allows.\n" +
		"# Add authentication (jwtAuth, mcpAuthentication) before exposing it beyond this host.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, nil, fmt.Errorf("encode agentgateway configuration: %w", err)
	}
	return []File{{Path: "agentgateway/agentgateway.yaml", Description: "agentgateway targets of the approved servers, with their allowed tools", Data: b.Bytes()}}, skipped, nil
}

// nonTargetName is what an agentgateway target name may not hold: it must
// be a Gateway API section name (lowercase letters, digits, '-' and '.'),
// and agentgateway reserves '_' and '+' as delimiters of the tool names it
// multiplexes.
var nonTargetName = regexp.MustCompile(`[^a-z0-9]+`)

// maxTargetName is the longest target name written, within the 253
// characters agentgateway accepts, leaving room for unique's suffix.
const maxTargetName = 200

// targetName turns an entry's name into an agentgateway target name:
// lowercase letters and digits in runs joined by '-'.
func targetName(key string) string {
	s := strings.Trim(nonTargetName.ReplaceAllString(strings.ToLower(key), "-"), "-")
	if len(s) > maxTargetName {
		s = strings.TrimRight(s[:maxTargetName], "-")
	}
	if s == "" {
		return "server"
	}
	return s
}

// toolRule is the CEL rule allowing a target's tools: every tool when the
// policy lists none, else those it lists ("get_*" is a prefix).
func toolRule(target string, tools []string) string {
	rule := "mcp.tool.target == " + strconv.Quote(target)
	if len(tools) == 0 {
		return rule
	}
	var alts []string
	for _, tool := range tools {
		alts = append(alts, toolMatch(tool))
	}
	if len(alts) == 1 {
		return rule + " && " + alts[0]
	}
	return rule + " && (" + strings.Join(alts, " || ") + ")"
}

// toolMatch is the CEL test of a tool name against one pattern.
func toolMatch(p string) string {
	const name = "mcp.tool.name"
	switch n := strings.Count(p, "*"); {
	case n == 0:
		return name + " == " + strconv.Quote(p)
	case n == 1 && strings.HasSuffix(p, "*"):
		return name + ".startsWith(" + strconv.Quote(strings.TrimSuffix(p, "*")) + ")"
	case n == 1 && strings.HasPrefix(p, "*"):
		return name + ".endsWith(" + strconv.Quote(strings.TrimPrefix(p, "*")) + ")"
	}
	parts := strings.Split(p, "*")
	for i, part := range parts {
		parts[i] = regexp.QuoteMeta(part)
	}
	return name + ".matches(" + strconv.Quote("^"+strings.Join(parts, ".*")+"$") + ")"
}
