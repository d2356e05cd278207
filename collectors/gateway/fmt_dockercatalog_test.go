package gateway

import (
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestDockerCatalog checks that catalog entries become servers behind the
// gateway: images as container launches, remotes through remote analysis,
// secrets as references to the gateway's secret store.
func TestDockerCatalog(t *testing.T) {
	r := analyze(t, "home/.docker/mcp/catalogs/team.yaml", `name: team
registry:
  db:
    type: server
    image: mcp/postgres:1.2.0
    disableNetwork: true
    volumes: ["/:/host"]
    secrets:
      - {name: db.password, env: PGPASSWORD}
    env:
      - {name: PGHOST, value: "{{db.host}}"}
  docs:
    type: remote
    remote:
      url: https://docs.example.com/mcp
      transport_type: streamable-http
      headers:
        Authorization: Bearer sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz0123456789
  legacy:
    type: remote
    remote: {url: "http://10.0.0.5:8080/sse", transport_type: sse}
`)
	if len(r.gateways) != 0 || len(r.servers) != 3 {
		t.Fatalf("%d gateways %d servers", len(r.gateways), len(r.servers))
	}
	db := r.servers["db"]
	if db.Launch == nil || db.Launch.Container == nil || db.Launch.Container.Network != "none" || db.Launch.Package.Pinning != "tag" {
		t.Fatalf("db launch %+v", db.Launch)
	}
	if !db.Launch.Container.Mounts[0].Broad || db.Scope != evidence.ScopeGateway || db.Client != "docker-mcp-gateway" {
		t.Errorf("db %+v", db)
	}
	if v := db.Env["PGPASSWORD"]; v.Kind != evidence.ValueSecretReference || v.Ref != "db.password" {
		t.Errorf("PGPASSWORD %+v, want a secret-store reference", v)
	}
	docs := r.servers["docs"]
	if docs.Auth.Kind != evidence.AuthStaticBearer || docs.Auth.Value.Kind != evidence.ValueLiteralSecret {
		t.Errorf("docs auth %+v", docs.Auth)
	}
	if l := r.servers["legacy"]; l.Transport != evidence.TransportSSE || l.Remote.Scheme != "http" || !l.Remote.Private {
		t.Errorf("legacy %+v", l.Remote)
	}
}

// TestDockerRegistryFile checks registry.yaml, which lists the servers
// enabled by name.
func TestDockerRegistryFile(t *testing.T) {
	r := analyze(t, "home/.docker/mcp/registry.yaml", "registry:\n  duckduckgo:\n    ref: \"\"\n  fetch:\n    ref: \"\"\n")
	if len(r.servers) != 2 || r.src.Format != "docker-mcp/catalog" {
		t.Errorf("servers %d format %s", len(r.servers), r.src.Format)
	}
}
