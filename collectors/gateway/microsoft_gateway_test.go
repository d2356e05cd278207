package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The fixture testdata/microsoft-mcp-gateway/cloud-deployment.yaml follows
// the project's deployment/k8s/cloud-deployment-template.yml (production
// mode, Entra ID settings in a ConfigMap), with names that do not say MCP so
// that only the images identify the components. The project's local
// deployment (development mode) is in the shared corpus and judged in
// pipeline/corpus_test.go.

// TestMicrosoftMCPGatewayProduction checks Entra ID authentication, the
// settings resolved from envFrom, the claims and the router behind it.
func TestMicrosoftMCPGatewayProduction(t *testing.T) {
	gws, srvs, in, handed := interpretWith(t, MicrosoftMCPGatewayInterpreter{}, readFixture(t, "microsoft-mcp-gateway/cloud-deployment.yaml"))
	gw := gws["gateway"]
	if gw == nil || gw.Product != "microsoft-mcp-gateway" || gw.Version != "1.4.0" {
		t.Fatalf("gateway %+v", gw)
	}
	a := gw.Authentication
	if a.Mode != "required" || !slices.Equal(a.Kinds, []string{"oauth"}) || !a.ResourceMetadata || a.Resource != "https://mcp.contoso.com/" {
		t.Errorf("authentication %+v", a)
	}
	if !slices.Equal(a.Issuers, []string{"https://login.microsoftonline.com/${TENANT_ID}/v2.0"}) || !slices.Equal(a.Audiences, []string{"${CLIENT_ID}"}) {
		t.Errorf("issuer %v audiences %v: the ConfigMap's values, as written", a.Issuers, a.Audiences)
	}
	if gw.Authorization.Kind != "rbac" || gw.Authorization.PerTool || gw.Debug {
		t.Errorf("authorization %+v debug %v", gw.Authorization, gw.Debug)
	}
	if l := gw.Listeners; len(l) != 1 || l[0].Exposure != evidence.ExposureAddress || l[0].TLS {
		t.Errorf("listeners %+v: an internal Azure load balancer, plain HTTP", l)
	}
	if v := gw.Credentials["CosmosSettings__ConnectionString"]; v.Kind != evidence.ValueLiteralSecret {
		t.Errorf("cosmos connection string %+v", v)
	}
	if v := gw.Credentials["GatewaySettings__Secret"]; v.Kind != evidence.ValueSecretReference {
		t.Errorf("gateway secret %+v", v)
	}
	if !gw.Audit.Tracing {
		t.Error("Application Insights is configured")
	}
	r := srvs["router"]
	if r == nil || r.Remote == nil || r.Remote.URL != "http://router-service.adapter.svc.cluster.local:8000/mcp" || !slices.Contains(r.Links, gw.ID) {
		t.Fatalf("router %+v", r)
	}
	if len(in.Claims) != 2 || in.Claims[0].Role != "gateway" || in.Claims[1].Role != "server" {
		t.Errorf("claims %+v: both components are claimed by image", in.Claims)
	}
	found := false
	for _, h := range handed {
		found = found || strings.Contains(h, "c2VjcmV0S2V5Rm9y")
	}
	if !found {
		t.Error("the Cosmos key is handed to the set's redactor")
	}
}

// TestMicrosoftMCPGatewayDevelopment checks the development handler: no
// authentication, identity from request headers, debug mode.
func TestMicrosoftMCPGatewayDevelopment(t *testing.T) {
	for _, env := range []string{"- {name: ASPNETCORE_ENVIRONMENT, value: Development}", "- {name: Authentication__BypassEntra, value: \"true\"}"} {
		gws, _, in, _ := interpretWith(t, MicrosoftMCPGatewayInterpreter{}, `apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: mcp}
spec:
  template:
    spec:
      containers:
        - name: gw
          image: localhost:5000/microsoft-mcpgateway-service:latest
          env:
            `+env+`
`)
		gw := gws["gw"]
		a := gw.Authentication
		if a.Mode != "none" || a.TrustedHeader != "X-Dev-Roles" || len(gw.Authorization.Unrestricted) != 1 {
			t.Errorf("%s: authentication %+v authorization %+v", env, a, gw.Authorization)
		}
		if len(in.Diagnostics) < 1 || in.Diagnostics[0].Severity != "warning" || in.Diagnostics[0].Line != 11 {
			t.Errorf("%s: diagnostics %+v, want the warning at the setting's line", env, in.Diagnostics)
		}
	}
}

// TestMicrosoftMCPGatewayNotClaimed checks that other images are left alone.
func TestMicrosoftMCPGatewayNotClaimed(t *testing.T) {
	_, _, in, _ := interpretWith(t, MicrosoftMCPGatewayInterpreter{}, `apiVersion: apps/v1
kind: Deployment
metadata: {name: mcp-gateway, namespace: mcp}
spec:
  template:
    spec:
      containers: [{name: gw, image: ghcr.io/agentgateway/agentgateway:0.7.0}]
`)
	if len(in.Subjects) != 0 || len(in.Claims) != 0 {
		t.Errorf("interpretation %+v", in)
	}
}
