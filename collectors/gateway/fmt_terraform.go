package gateway

import (
	"bytes"
	"context"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// terraformFormat is the format id of Terraform files.
const terraformFormat = "terraform/hcl"

// terraformAnalyzer reads Terraform configuration (.tf files in HCL native
// syntax) with HCL's own parser, without running providers: the .tf files
// of one folder are one module, read together once the walk is over (a
// variable declared in variables.tf, its resource in main.tf). Resources
// that run MCP servers or gateways become subjects:
//
//   - google_cloud_run_service and google_cloud_run_v2_service: Cloud Run's
//     front end is the gateway (HTTPS, ingress, IAM roles/run.invoker from
//     the service's iam_member, iam_binding and iam_policy resources, a
//     google_iam_policy data source, invoker_iam_disabled) and each container
//     a server behind it;
//   - aws_ecs_task_definition: each container definition (jsonencode,
//     heredoc or JSON string) is a server launched as that container, its
//     ports published to the internet when an aws_ecs_service of the task
//     assigns a public IP;
//   - docker_container (the Docker provider): a server launched as the
//     docker run the resource describes;
//   - kubernetes_* resources of the Kubernetes provider (and the objects of
//     kubernetes_manifest): converted to the objects they create and handed
//     to the Kubernetes collector's builder, which builds their workloads
//     and runs its interpreters as for manifests.
//
// A container runs MCP when its image, its name, its command or its
// environment says so. Values Terraform computes (variables without a
// default, resource attributes, functions of them) stay templated: their
// text, judged as references, never guessed. A module with nothing MCP is
// not reported.
type terraformAnalyzer struct {
	// kube builds the workloads of kubernetes_* resources (the Kubernetes
	// collector's builder); nil leaves them out.
	kube kubeobj.SetBuilder
}

// Label names the format.
func (terraformAnalyzer) Label() files.Label {
	return files.Label{Format: terraformFormat, Client: "terraform", Collector: collectorName + "/terraform"}
}

// Match reads .tf files; the module decides whether they are reported.
func (terraformAnalyzer) Match(p string) files.Strength {
	if strings.EqualFold(path.Ext(p), ".tf") {
		return files.Weak
	}
	return files.None
}

// Analyze parses a file. One that does not parse is reported when it
// mentions MCP; one that parses is judged with its module in Group.
func (a terraformAnalyzer) Analyze(_ context.Context, f *files.File, _ files.Strength) *files.Analysis {
	src := f.NewSource(a.Label())
	if _, perr := parseTerraform(f); perr != nil {
		if !bytes.Contains(bytes.ToLower(f.Data), []byte("mcp")) {
			return nil
		}
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: f.Path, Line: perr.Line, Column: perr.Col,
			Message: "HCL syntax error: " + perr.Msg}}
		return &files.Analysis{Source: src, Store: true}
	}
	src.Status = evidence.StatusOK
	return &files.Analysis{Source: src, Store: true}
}

// Group judges the files of each folder as one module.
func (a terraformAnalyzer) Group(ctx context.Context, members []files.Member) {
	folders := files.ByFolder(members, func(mb files.Member) bool { return mb.Analysis.Source.Status == evidence.StatusOK })
	for _, fd := range folders {
		if ctx.Err() != nil {
			return
		}
		a.module(ctx, fd.Dir, fd.Members)
	}
}

// module reads the files of one folder.
func (a terraformAnalyzer) module(ctx context.Context, dir string, members []files.Member) {
	m := newTFModule(dir)
	for _, mb := range members {
		body, _ := parseTerraform(mb.File)
		m.add(mb.File, body)
	}
	m.convert()
	rd := &tfReader{m: m, red: secrets.NewRedactor(), members: members}
	rd.cloudRun()
	rd.ecs()
	rd.dockerContainers()
	found := rd.kubernetes(ctx, a.kube)
	for _, b := range rd.builders {
		subjects := b.subjects()
		mb := rd.member(b.at.path)
		mb.Analysis.Subjects = append(mb.Analysis.Subjects, subjects...)
		mb.Analysis.Source.Diagnostics = append(mb.Analysis.Source.Diagnostics, b.diags...)
		for _, s := range subjects {
			if srv, ok := s.(*evidence.Server); ok && !srv.Ignored {
				mb.Analysis.Source.Servers++
			}
			found = true
		}
	}
	for _, mb := range members {
		mb.File.Redactor().Merge(rd.red)
		if !found {
			// Nothing in the module runs MCP: its files are not Tollgate's.
			mb.Analysis.Discard = true
		}
	}
}

// tfReader reads the MCP resources of one module into subjects.
type tfReader struct {
	m        *tfModule
	red      *secrets.Redactor
	members  []files.Member
	builders []*builder
}

// member returns the member file at a provenance path.
func (rd *tfReader) member(p string) files.Member {
	for _, mb := range rd.members {
		if mb.File.Path == p {
			return mb
		}
	}
	return rd.members[0]
}

// builder starts the builder of a resource: subjects are identified and
// placed in the resource's file; secrets are removed from every file of the
// module (a variable's default is written in another file than its use).
func (rd *tfReader) builder(r *tfResource, product string) *builder {
	f := r.file
	at := site{
		path:     f.Path,
		sourceID: f.SourceID(),
		prov:     func(n *postree.Node) evidence.Provenance { return f.Provenance("", n) },
		diag:     f.Diag,
		secret: func(raw string) {
			for _, mb := range rd.members {
				mb.File.Secret(raw)
			}
		},
		secretAt: func(n *postree.Node) {
			if o := rd.m.owner[n]; o != nil {
				o.SecretAt(n)
			}
			for _, mb := range rd.members {
				mb.File.Secret(n.Text)
			}
		},
		red: rd.red,
	}
	b := newBuilder(at, product, terraformFormat, secrets.SyntaxFor("terraform"))
	b.collector = collectorName + "/terraform"
	rd.builders = append(rd.builders, b)
	return b
}

// literal returns a node's text when it is a value written in the module
// (not computed by Terraform).
func literal(n *postree.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	s, ok := n.ScalarText()
	if !ok || strings.Contains(s, "${") {
		return "", false
	}
	return s, true
}

// words returns a list of strings (a command, args).
func words(n *postree.Node) []string {
	var out []string
	for _, it := range items(n) {
		if s, ok := it.ScalarText(); ok {
			out = append(out, s)
		}
	}
	return out
}

// tfContainer is a container a resource runs, as docker run flags.
type tfContainer struct {
	image      string
	privileged bool
	readOnly   bool
	network    string
	pid        string
	user       string
	capAdd     []string
	volumes    []string // -v specs
	mounts     []string // --mount specs
	ports      []string // -p specs
	command    []string
	env        map[string]*postree.Node
	// secretEnv are variables filled from a secret store (name → secret).
	secretEnv map[string]string
}

// runsMCP reports whether a container runs an MCP server: its image, its
// command, one of its names, or an MCP_ variable says so.
func (c *tfContainer) runsMCP(names ...string) bool {
	if isMCPServerImage(imageRepo(c.image)) || isGatewayImage(imageRepo(c.image)) || runsMCPPackage(c.command) {
		return true
	}
	for _, n := range names {
		if mcpNamed(n) {
			return true
		}
	}
	for k := range c.env {
		if strings.HasPrefix(strings.ToUpper(k), "MCP_") {
			return true
		}
	}
	return false
}

// isGatewayImage reports whether a repository is an MCP gateway's image.
func isGatewayImage(repo string) bool {
	for _, g := range gatewayImages {
		if repo != "" && strings.Contains(repo, g) && g != "inspector" {
			return true
		}
	}
	return false
}

// server makes the server a container runs: launch analysis of the docker
// run the container amounts to, and its environment classified.
func (c *tfContainer) server(b *builder, gw *evidence.Gateway, name string, at *postree.Node) *evidence.Server {
	s := b.newServer(gw, name, at)
	args := []string{"run"}
	if c.privileged {
		args = append(args, "--privileged")
	}
	if c.readOnly {
		args = append(args, "--read-only")
	}
	for _, kv := range [][2]string{{"--network", c.network}, {"--pid", c.pid}, {"--user", c.user}} {
		if kv[1] != "" {
			args = append(args, kv[0], kv[1])
		}
	}
	for _, cap := range c.capAdd {
		args = append(args, "--cap-add", cap)
	}
	for _, v := range c.volumes {
		args = append(args, "-v", v)
	}
	for _, v := range c.mounts {
		args = append(args, "--mount", v)
	}
	for _, p := range c.ports {
		args = append(args, "-p", p)
	}
	image := c.image
	if image == "" {
		image = "<unknown>"
	}
	args = append(append(args, image), c.command...)
	res := launch.Analyze("docker", args, "", b.syn, b.at.red)
	s.Launch, s.FilesystemRoots, s.Archived = res.Launch, res.Roots, res.Archived
	s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	s.Transport = evidence.TransportStreamableHTTP
	for i, w := range c.command {
		if w == "--transport=sse" || w == "--transport" && i+1 < len(c.command) && c.command[i+1] == "sse" {
			s.Transport = evidence.TransportSSE
		}
	}
	for k, n := range c.env {
		if s.Env == nil {
			s.Env = map[string]evidence.Value{}
		}
		raw, _ := n.ScalarText()
		v := b.value(k, raw)
		if v.Kind == evidence.ValueLiteralSecret {
			b.secretNode(n)
		}
		s.Env[k] = v
	}
	for k, ref := range c.secretEnv {
		if s.Env == nil {
			s.Env = map[string]evidence.Value{}
		}
		s.Env[k] = evidence.Value{Kind: evidence.ValueSecretReference, Secret: true, Reason: "declared-secret", Text: ref, Ref: ref}
	}
	return s
}
