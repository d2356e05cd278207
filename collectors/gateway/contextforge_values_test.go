package gateway

import (
	"context"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestContextForgeValues checks the chart's values: settings from config
// and secret, the image, where clients reach the gateway, and plugins that
// only observe.
func TestContextForgeValues(t *testing.T) {
	root, perr := postree.ParseYAML([]byte(`mcpContextForge:
  image: {repository: ghcr.io/ibm/mcp-context-forge, tag: "1.0.8"}
  service: {type: LoadBalancer, port: 80}
  ingress: {enabled: true, host: mcp.example.com, tls: {enabled: false}}
  config:
    SSRF_ALLOW_PRIVATE_NETWORKS: "true"
    SECURITY_LOGGING_ENABLED: "true"
  secret:
    BASIC_AUTH_PASSWORD: changeme
    JWT_SECRET_KEY: 3f8a9c2e71b04d5aa6e2c9f1d8b7e4a0
  pluginConfig:
    enabled: true
    plugins: |
      plugins:
        - name: SecretsDetection
          kind: cpex_secrets_detection.SecretsDetectionPlugin
          mode: permissive
        - name: RateLimiterPlugin
          kind: cpex_rate_limiter.RateLimiterPlugin
          mode: enforce
          config:
            redis_url: "redis://:{{ "{{" }} env.REDIS_PASSWORD {{ "}}" }}@{{ .Release.Name }}-redis:6379/0"
`))
	if perr != nil {
		t.Fatal(perr)
	}
	var handed []string
	v := &kubeobj.Values{Root: root, File: "values-prod.yaml", Origin: kubeobj.Origin{Kind: kubeobj.OriginValues, Path: "values-prod.yaml",
		SourceID: "source:values-prod.yaml", Collected: fixedNow, Secret: func(s string) { handed = append(handed, s) }}}
	in := ContextForgeValues{}.InterpretValues(context.Background(), v)
	if len(in.Subjects) != 1 {
		t.Fatalf("subjects %v", in.Subjects)
	}
	gw := in.Subjects[0].(*evidence.Gateway)
	if err := evidence.ValidateSubject(gw); err != nil {
		t.Error(err)
	}
	if gw.Version != "1.0.8" || gw.Listeners[0].Exposure != evidence.ExposurePublic || gw.Listeners[1].TLS {
		t.Errorf("version %s listeners %+v", gw.Version, gw.Listeners)
	}
	if gw.SecretBlocking == nil || *gw.SecretBlocking || !gw.RateLimit || !gw.SSRF.PrivateTargets || !gw.Audit.Enabled {
		t.Errorf("secret blocking %v rate %v ssrf %+v audit %v", gw.SecretBlocking, gw.RateLimit, gw.SSRF, gw.Audit)
	}
	if !slices.Equal(gw.DefaultCredentials, []string{"BASIC_AUTH_PASSWORD"}) || gw.Credentials["JWT_SECRET_KEY"].Kind != evidence.ValueLiteralSecret {
		t.Errorf("default %v credentials %+v", gw.DefaultCredentials, gw.Credentials)
	}
	if !slices.Contains(handed, "3f8a9c2e71b04d5aa6e2c9f1d8b7e4a0") {
		t.Error("the signing key was not handed to the source's redactor")
	}
	if !slices.Contains(gw.Links, "workload:values-prod.yaml#values/mcpContextForge") {
		t.Errorf("links %v", gw.Links)
	}
}

// TestStripTemplateActions checks that template actions, quoted braces
// inside them included, become plain words.
func TestStripTemplateActions(t *testing.T) {
	for in, want := range map[string]string{
		`a: "x{{ "{{" }} env.P {{ "}}" }}y"`: `a: "xTEMPLATE env.P TEMPLATEy"`,
		`b: {{ .Release.Name }}-svc`:         `b: TEMPLATE-svc`,
		`c: plain`:                           `c: plain`,
		`d: {{ unterminated`:                 `d: TEMPLATE`,
	} {
		if got := stripTemplateActions(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
