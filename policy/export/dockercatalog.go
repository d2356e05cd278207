package export

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/policy"
)

// dockerCatalog writes a Docker MCP Gateway catalog of the approved
// servers, in the shape the gateway reads (`docker mcp gateway run
// --catalog FILE`, or `docker mcp catalog import`): a registry map of
// servers, each of type server (an image the gateway runs as a container,
// pinned by digest) or remote (a URL, with its transport), with the tools
// the policy allows. Run the gateway with --servers naming them, or with
// --tools, to expose nothing else. Servers that run as packages or local
// commands have no catalog form and are left out.
type dockerCatalog struct{}

func (dockerCatalog) Name() string { return "docker" }

// catalogFile is the catalog's top level.
type catalogFile struct {
	Name        string                   `yaml:"name"`
	DisplayName string                   `yaml:"displayName"`
	Registry    map[string]catalogServer `yaml:"registry"`
}

// catalogServer is one server of the catalog.
type catalogServer struct {
	Name        string         `yaml:"name"`
	Type        string         `yaml:"type"`
	Image       string         `yaml:"image,omitempty"`
	Title       string         `yaml:"title,omitempty"`
	Description string         `yaml:"description,omitempty"`
	Remote      *catalogRemote `yaml:"remote,omitempty"`
	Tools       []catalogTool  `yaml:"tools,omitempty"`
}

type catalogRemote struct {
	URL       string `yaml:"url"`
	Transport string `yaml:"transport_type"`
}

type catalogTool struct {
	Name string `yaml:"name"`
}

func (t dockerCatalog) Export(p *policy.Policy) ([]File, []Skipped, error) {
	var skipped []Skipped
	cat := catalogFile{Name: "approved", DisplayName: "Servers approved by the organisation policy", Registry: map[string]catalogServer{}}
	used := map[string]bool{}
	for _, a := range p.Approved {
		entry := "approved." + a.Key
		if len(a.Paths) > 0 {
			skipped = append(skipped, Skipped{t.Name(), entry, "approved only for some folders; a gateway catalog serves everyone"})
			continue
		}
		s := catalogServer{Title: a.Key, Description: describe(a)}
		switch {
		case a.Image != nil:
			ref, why := imageRef(a.Image)
			if ref == "" {
				skipped = append(skipped, Skipped{t.Name(), entry, why})
				continue
			}
			s.Type, s.Image = "server", ref
		case a.URL != "":
			l, why := launchOf(a)
			if why != "" {
				skipped = append(skipped, Skipped{t.Name(), entry, why})
				continue
			}
			transport := "streamable-http"
			if l.sse {
				transport = "sse"
			}
			s.Type, s.Remote = "remote", &catalogRemote{URL: l.url, Transport: transport}
		default:
			skipped = append(skipped, Skipped{t.Name(), entry, "the Docker MCP Gateway runs servers from images or remote URLs, and this one is neither"})
			continue
		}
		for _, tool := range exactTools(a.Tools) {
			s.Tools = append(s.Tools, catalogTool{Name: tool})
		}
		s.Name = unique(safeName(a.Key), used)
		cat.Registry[s.Name] = s
	}
	var b bytes.Buffer
	b.WriteString("# Docker MCP Gateway catalog of the servers the organisation policy approves.\n" +
		"# Use it with: docker mcp gateway run --catalog docker-mcp-catalog.yaml --servers <names>\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cat); err != nil {
		return nil, nil, fmt.Errorf("encode catalog: %w", err)
	}
	return []File{{Path: "docker/docker-mcp-catalog.yaml", Description: "Docker MCP Gateway catalog of the approved servers", Data: b.Bytes()}}, skipped, nil
}

// describe says who owns an approved server, for catalogs.
func describe(a *policy.Approved) string {
	d := "Approved by the organisation policy; owner " + a.Owner
	if a.Reviewed != "" {
		d += ", reviewed " + a.Reviewed
	}
	if a.Description != "" {
		d += ". " + a.Description
	}
	return d
}
