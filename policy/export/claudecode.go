package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/policy"
)

// claudeCode writes Claude Code's managed configuration, as Anthropic
// documents it for administrators:
//
//   - managed-mcp.json, the fixed set of servers every user gets and cannot
//     add to: {"mcpServers": {name: {type, command, args} | {type, url}}},
//     deployed to /Library/Application Support/ClaudeCode/ (macOS),
//     /etc/claude-code/ (Linux) or C:\Program Files\ClaudeCode\ (Windows);
//   - managed-settings.json, the allow and deny lists that filter what users
//     configure: allowedMcpServers and deniedMcpServers, each entry with
//     exactly one of serverName, serverCommand (the exact command and
//     arguments of a stdio server) or serverUrl (a URL, "*" matching any
//     run of characters), and allowManagedMcpServersOnly so users cannot
//     widen the list. Claude Code applies the denylist first, and once the
//     allowlist has a serverCommand (serverUrl) entry, every stdio (remote)
//     server must match one.
//
// Approvals limited to some folders are left out: managed settings apply to
// a whole machine.
type claudeCode struct{}

func (claudeCode) Name() string { return "claude-code" }

// claudeServer is one server of managed-mcp.json.
type claudeServer struct {
	Type    string   `json:"type"`
	Command string   `json:"command,omitempty"`
	Args    []string `json:"args,omitempty"`
	URL     string   `json:"url,omitempty"`
}

// claudeRule is one entry of allowedMcpServers or deniedMcpServers.
type claudeRule struct {
	ServerName    string   `json:"serverName,omitempty"`
	ServerCommand []string `json:"serverCommand,omitempty"`
	ServerURL     string   `json:"serverUrl,omitempty"`
}

// claudeSettings is the MCP part of managed-settings.json.
type claudeSettings struct {
	AllowedMcpServers          []claudeRule `json:"allowedMcpServers"`
	DeniedMcpServers           []claudeRule `json:"deniedMcpServers"`
	AllowManagedMcpServersOnly bool         `json:"allowManagedMcpServersOnly"`
}

func (t claudeCode) Export(p *policy.Policy) ([]File, []Skipped, error) {
	var skipped []Skipped
	skip := func(entry, why string) {
		skipped = append(skipped, Skipped{Target: t.Name(), Entry: entry, Reason: why})
	}
	servers := map[string]claudeServer{}
	settings := claudeSettings{AllowedMcpServers: []claudeRule{}, DeniedMcpServers: []claudeRule{}, AllowManagedMcpServersOnly: true}
	used := map[string]bool{}
	for _, a := range p.Approved {
		entry := "approved." + a.Key
		if len(a.Paths) > 0 {
			skip(entry, "approved only for some folders; managed settings apply to a whole machine")
			continue
		}
		l, why := launchOf(a)
		switch {
		case why == "" && l.url != "":
			typ := "http"
			if l.sse {
				typ = "sse"
			}
			servers[unique(safeName(a.Key), used)] = claudeServer{Type: typ, URL: l.url}
		case why == "":
			servers[unique(safeName(a.Key), used)] = claudeServer{Type: "stdio", Command: l.command[0], Args: l.command[1:]}
		default:
			skip(entry+" (managed-mcp.json)", why)
		}
		rules, why := allowRules(a)
		if len(rules) == 0 {
			skip(entry+" (allowedMcpServers)", why)
		}
		settings.AllowedMcpServers = append(settings.AllowedMcpServers, rules...)
	}
	for _, d := range p.Denied {
		rules, why := denyRules(d)
		if len(rules) == 0 {
			skip("denied."+d.Key+" (deniedMcpServers)", why)
		}
		settings.DeniedMcpServers = append(settings.DeniedMcpServers, rules...)
	}
	mcp, err := marshalJSON(map[string]any{"mcpServers": servers})
	if err != nil {
		return nil, nil, err
	}
	set, err := marshalJSON(settings)
	if err != nil {
		return nil, nil, err
	}
	return []File{
		{Path: "claude-code/managed-mcp.json", Description: "Claude Code: the approved servers every user gets (managed-mcp.json)", Data: mcp},
		{Path: "claude-code/managed-settings.json", Description: "Claude Code: allowedMcpServers and deniedMcpServers (merge into managed-settings.json)", Data: set},
	}, skipped, nil
}

// allowRules are the allowedMcpServers entries of an approved server: its
// URL pattern, each exact launch of each allowed version or digest, or its
// name.
func allowRules(a *policy.Approved) ([]claudeRule, string) {
	switch {
	case a.URL != "":
		return []claudeRule{{ServerURL: a.URL}}, ""
	case len(a.Command) > 0:
		l, why := launchOf(a)
		if why != "" {
			return nil, why
		}
		return []claudeRule{{ServerCommand: l.command}}, ""
	case a.Package != nil || a.Image != nil:
		var out []claudeRule
		for _, v := range pinnedVariants(a) {
			l, why := launchOf(v)
			if why != "" {
				return nil, why
			}
			out = append(out, claudeRule{ServerCommand: l.command})
		}
		if len(out) == 0 {
			_, why := launchOf(a)
			return nil, why
		}
		return out, ""
	}
	return []claudeRule{{ServerName: a.Name}}, ""
}

// pinnedVariants returns one copy of the entry per exact version, digest or
// tag it allows.
func pinnedVariants(a *policy.Approved) []*policy.Approved {
	var out []*policy.Approved
	switch {
	case a.Package != nil:
		for _, v := range a.Package.Versions {
			if !strings.Contains(v, "*") {
				c, pkg := *a, *a.Package
				pkg.Versions = []string{v}
				c.Package = &pkg
				out = append(out, &c)
			}
		}
	case a.Image != nil && len(a.Image.Digests) > 0:
		for _, d := range a.Image.Digests {
			c, img := *a, *a.Image
			img.Digests = []string{d}
			c.Image = &img
			out = append(out, &c)
		}
	case a.Image != nil:
		for _, tag := range a.Image.Tags {
			if !strings.Contains(tag, "*") {
				c, img := *a, *a.Image
				img.Tags = []string{tag}
				c.Image = &img
				out = append(out, &c)
			}
		}
	}
	return out
}

// denyRules are the deniedMcpServers entries of a denied server: its URL
// pattern, its name, or the exact launches of the releases it lists.
// Claude Code matches commands exactly, so a denied package without listed
// versions cannot be written: the allowlist's commands keep it out.
func denyRules(d *policy.Denied) ([]claudeRule, string) {
	switch {
	case d.URL != "":
		return []claudeRule{{ServerURL: d.URL}}, ""
	case d.Name != "" && d.Package == nil && d.Image == nil && len(d.Command) == 0:
		return []claudeRule{{ServerName: d.Name}}, ""
	}
	a := &policy.Approved{Key: d.Key, Identity: d.Identity}
	if len(d.Command) > 0 {
		return allowRules(a)
	}
	if rules, _ := allowRules(a); len(rules) > 0 {
		return rules, ""
	}
	return nil, "Claude Code denies stdio servers by their exact command, and this entry names no exact release " +
		"(the allowlist's commands keep every other command out)"
}

// unique returns name, or name-2, name-3 … when it is taken.
func unique(name string, used map[string]bool) string {
	n := name
	for i := 2; used[n]; i++ {
		n = fmt.Sprintf("%s-%d", name, i)
	}
	used[n] = true
	return n
}

// marshalJSON renders v as indented JSON with a final newline, leaving
// <, > and & as they are.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
