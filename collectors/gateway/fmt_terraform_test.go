package gateway

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// The Terraform fixtures in testdata/terraform follow the Terraform
// providers' documented resources (registry.terraform.io google,
// aws and kreuzwerker/docker):
//   - cloudrun: google_cloud_run_v2_service with the "allow unauthenticated
//     invocations" iam_member granting roles/run.invoker to allUsers, its
//     variables and locals in variables.tf;
//   - cloudrun-v1: google_cloud_run_service with internal ingress and an
//     iam_policy from a google_iam_policy data source (allAuthenticatedUsers),
//     secret_key_ref environment and a variable default holding a password;
//   - ecs: aws_ecs_task_definition with jsonencode container definitions and
//     an aws_ecs_service assigning public IPs, and a heredoc definition with
//     a privileged container mounting the Docker socket;
//   - docker: docker_image and docker_container with env, ports and volumes;
//   - storage: a module with nothing MCP, which is not reported.

// TestTerraformGolden reads every Terraform fixture and compares the
// subjects with testdata/golden/terraform.json.
func TestTerraformGolden(t *testing.T) {
	checkFixturesGolden(t, "terraform", "terraform.json")
}

// collectTree writes files into a temporary folder and collects it with
// the gateway analyzers.
func collectTree(t *testing.T, tree map[string]string) *files.Output {
	t.Helper()
	dir := t.TempDir()
	for name, content := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: fixedNow, Version: "test"}, Analyzers())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
	}
	return out
}

// subjectsOf indexes collected subjects by kind and name.
func subjectsOf(out *files.Output) (map[string]*evidence.Gateway, map[string]*evidence.Server, map[string]*evidence.Source) {
	gws, srvs, srcs := map[string]*evidence.Gateway{}, map[string]*evidence.Server{}, map[string]*evidence.Source{}
	for _, s := range out.Subjects {
		switch v := s.(type) {
		case *evidence.Gateway:
			gws[v.Name] = v
		case *evidence.Server:
			srvs[v.Name] = v
		case *evidence.Source:
			srcs[v.Name] = v
		}
	}
	return gws, srvs, srcs
}

// TestTerraformFixtures checks the facts each documented shape yields.
func TestTerraformFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "terraform")
	out, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: fixedNow, Version: "test"}, Analyzers())
	if err != nil {
		t.Fatal(err)
	}
	gws, srvs, srcs := subjectsOf(out)
	t.Run("public Cloud Run service", func(t *testing.T) {
		gw := gws["github-mcp"]
		if gw == nil || gw.Product != "cloud-run" || gw.Authentication.Mode != "none" {
			t.Fatalf("gateway %+v: allUsers invokes it without credentials", gw)
		}
		if l := gw.Listeners[0]; l.Exposure != evidence.ExposurePublic || !l.TLS || l.Port != 443 {
			t.Errorf("listener %+v", l)
		}
		s := srvs["github-mcp"]
		if s == nil || !slices.Contains(s.Links, gw.ID) || s.Launch == nil || s.Launch.Package.Name != "ghcr.io/github/github-mcp-server" {
			t.Fatalf("server %+v", s)
		}
		if v := s.Env["GITHUB_PERSONAL_ACCESS_TOKEN"]; v.Kind != evidence.ValueConfigReference || v.Ref != "var.github_token" {
			t.Errorf("token %+v: a variable without default stays templated", v)
		}
		if v := s.Env["GITHUB_TOOLSETS"]; v.Kind != evidence.ValueLiteral || v.Text != "repos,issues,pull_requests" {
			t.Errorf("toolsets %+v: a literal local of another file is resolved", v)
		}
		if v := s.Env["OPENAI_API_KEY"]; v.Kind != evidence.ValueSecretReference {
			t.Errorf("openai key %+v: a Secret Manager reference", v)
		}
		if src := srcs["cloudrun/main.tf"]; src == nil || len(src.Diagnostics) == 0 || src.Diagnostics[0].Line != 44 {
			t.Errorf("source %+v: the allUsers grant is reported at its line", src)
		}
	})
	t.Run("internal Cloud Run service for any Google account", func(t *testing.T) {
		gw := gws["mcp-fetch"]
		if gw.Authentication.Mode != "required" || gw.Listeners[0].Exposure != evidence.ExposureInternal {
			t.Errorf("authentication %+v listeners %+v", gw.Authentication, gw.Listeners)
		}
		if len(gw.Authorization.Unrestricted) != 1 || gw.Authorization.Kind != "rbac" {
			t.Errorf("authorization %+v: allAuthenticatedUsers is every Google account", gw.Authorization)
		}
		if v := srvs["mcp-fetch"].Env["ADMIN_PASSWORD"]; v.Kind != evidence.ValueLiteralSecret {
			t.Errorf("admin password %+v: the variable's committed default", v)
		}
	})
	t.Run("ECS task definitions", func(t *testing.T) {
		slack := srvs["mcp/slack-mcp"]
		if slack == nil || !slack.Launch.Container.PublishedAllInterfaces {
			t.Fatalf("slack %+v: the service assigns public IPs", slack)
		}
		if srvs["mcp/log-router"] != nil {
			t.Error("the log router sidecar runs no MCP server")
		}
		if v := slack.Env["SLACK_SIGNING_SECRET"]; v.Kind != evidence.ValueSecretReference {
			t.Errorf("signing secret %+v", v)
		}
		pg := srvs["postgres_mcp/postgres-mcp"]
		if pg == nil || !pg.Launch.Container.Privileged || !pg.Launch.Container.DockerSocket || pg.Transport != evidence.TransportSSE {
			t.Fatalf("postgres %+v", pg)
		}
		if pg.Provenance.Line != 58 || !strings.HasPrefix(pg.Provenance.Pointer, "/resource/aws_ecs_task_definition/postgres_mcp/container_definitions/") {
			t.Errorf("provenance %+v: the heredoc's definition at its line", pg.Provenance)
		}
	})
	t.Run("docker_container", func(t *testing.T) {
		s := srvs["mcp-filesystem"]
		if s == nil || s.Launch.Package.Name != "mcp/filesystem" || !s.Launch.Container.PublishedAllInterfaces || !s.Launch.Container.Privileged {
			t.Fatalf("server %+v", s)
		}
		if len(s.FilesystemRoots) != 1 || !s.FilesystemRoots[0].Broad {
			t.Errorf("roots %+v", s.FilesystemRoots)
		}
	})
	t.Run("no MCP, no report", func(t *testing.T) {
		if srcs["storage/main.tf"] != nil {
			t.Error("a module that runs no MCP server is not reported")
		}
	})
	for name, content := range out.Files {
		for _, secret := range []string{"Sup3rS3cretAdm1n", "xoxb-123456789012", "Pa55w0rdForMcp1", "ghp_Q1w2E3r4"} {
			if strings.Contains(string(content), secret) {
				t.Errorf("stored %s keeps %s", name, secret)
			}
		}
	}
}

// TestTerraformValues checks what is resolved and what stays templated.
func TestTerraformValues(t *testing.T) {
	out := collectTree(t, map[string]string{
		"infra/main.tf": `resource "docker_container" "mcp" {
  name  = "github-mcp"
  image = "ghcr.io/github/github-mcp-server:${var.tag}"
  env   = ["A=${local.a}", "TOKEN=${var.token}", "B=${upper(var.x)}"]
}
`,
		"infra/vars.tf": `variable "tag" {}
variable "token" { default = "ghp_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8" }
locals {
  a = local.b
  b = local.a
}
`,
	})
	_, srvs, _ := subjectsOf(out)
	s := srvs["github-mcp"]
	if s == nil {
		t.Fatal("no server")
	}
	if s.Launch.Package == nil || s.Launch.Package.Version != "${var.tag}" {
		t.Errorf("package %+v: the tag is computed", s.Launch.Package)
	}
	if v := s.Env["A"]; v.Kind != evidence.ValueConfigReference {
		t.Errorf("A %+v: locals that refer to each other stay templated", v)
	}
	if v := s.Env["B"]; v.Kind != evidence.ValueConfigReference {
		t.Errorf("B %+v", v)
	}
	for name, content := range out.Files {
		if strings.Contains(string(content), "Zz9Yy8") {
			t.Errorf("stored %s keeps the token", name)
		}
	}
}

// TestTerraformBadInput checks that a .tf file that does not parse is a
// parse error at its line when it mentions MCP, the rest of the module
// still read, and that other broken files are left alone.
func TestTerraformBadInput(t *testing.T) {
	out := collectTree(t, map[string]string{
		"mcp/main.tf":    "resource \"docker_container\" \"mcp\" {\n  name = \"fetch-mcp\"\n  image = \"mcp/fetch:1.0\"\n}\n",
		"mcp/broken.tf":  "resource \"docker_container\" \"mcp2\" {\n  name = \"mcp-two\n  image = \"mcp/time\"\n}\n",
		"other/which.tf": "resource \"x\" \"y\" {\n",
		"mcp/empty.tf":   "",
	})
	gws, srvs, srcs := subjectsOf(out)
	_ = gws
	if srvs["fetch-mcp"] == nil {
		t.Error("the module's other files are still read")
	}
	src := srcs["mcp/broken.tf"]
	if src == nil || src.Status != evidence.StatusParseError || src.Diagnostics[0].Line != 2 || !strings.Contains(src.Diagnostics[0].Message, "HCL syntax error") {
		t.Errorf("broken source %+v", src)
	}
	if srcs["other/which.tf"] != nil {
		t.Error("a broken .tf that says nothing of MCP is not reported")
	}
}
