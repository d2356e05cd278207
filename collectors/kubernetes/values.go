package kubernetes

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

var (
	reValuesName = regexp.MustCompile(`(^|[_/])values([-_.][^/]*)?\.ya?ml$`)
	reChartPath  = regexp.MustCompile(`(^|[_/])(helm|charts?)([-_/]|$)`)
)

// values reads Helm values files: a chart's own values.yaml (judged as
// rendered with the chart) and lone values files, whose chart is not
// beside them, read for what they clearly say.
type values struct {
	opts Options
}

// Label describes values files.
func (v *values) Label() files.Label {
	return files.Label{Format: FormatValues, Collector: Collector}
}

// Match matches values*.yaml weakly and other YAML under chart folders by
// content.
func (v *values) Match(p string) files.Strength {
	if path.Ext(p) != ".yaml" && path.Ext(p) != ".yml" {
		return files.None
	}
	if reValuesName.MatchString(p) {
		return files.Weak
	}
	if reChartPath.MatchString(p) {
		return files.Content
	}
	return files.None
}

// Analyze reads a values file that speaks of MCP.
func (v *values) Analyze(ctx context.Context, f *files.File, by files.Strength) *files.Analysis {
	if !mentionsMCP(string(f.Data)) || reAPIVersion.Match(f.Data) && reKind.Match(f.Data) {
		return nil
	}
	parsed := f.Parse(postree.YAML)
	if parsed.Err != nil {
		if by < files.Weak {
			return nil
		}
		src := f.NewSource(v.Label())
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: f.Path, Line: parsed.Err.Line, Column: parsed.Err.Col, Message: parsed.Err.Msg}}
		return &files.Analysis{Source: src, Store: true, Tentative: true}
	}
	root := parsed.Root
	if !root.IsObject() || by == files.Content && !hasImage(root) {
		return nil
	}
	redactValues(f, root, "")
	src := f.NewSource(v.Label())
	src.Status = evidence.StatusOK
	if path.Base(f.Path) == "values.yaml" && chartBeside(f) {
		src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: f.Path, Message: "default values of the chart beside it: judged as rendered with the chart"}}
		return &files.Analysis{Source: src, Store: true}
	}
	a := &files.Analysis{Source: src, Store: true}
	origin := kubeobj.Origin{Kind: kubeobj.OriginValues, Path: f.Path, SourceID: f.SourceID(), Collected: f.Now, Version: f.Version,
		Secret: f.Secret, SHA256: func(string) string { return f.SHA256 }}
	vals := &kubeobj.Values{Root: root, File: f.Path, Origin: origin}
	var in kubeobj.Interpretation
	for _, vi := range v.opts.ValuesInterpreters {
		in.Merge(vi.InterpretValues(ctx, vals))
	}
	a.Subjects = append(a.Subjects, in.Subjects...)
	src.Diagnostics = append(src.Diagnostics, in.Diagnostics...)
	fronting := gatewayAuthentication(in.Subjects)
	for _, w := range valuesWorkloads(vals, f.Redactor()) {
		if mode, ok := fronting[w.ID]; ok {
			w.GatewayAuthentication = mode
		}
		a.Subjects = append(a.Subjects, w)
		src.Servers++
	}
	src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "info", File: f.Path, Message: "Helm values without their chart: " +
		"workloads show only what the values set (partial); render the chart with --helm-values for the full picture"})
	sortDiagnostics(src.Diagnostics)
	return a
}

// chartBeside reports whether a Chart.yaml sits in f's folder.
func chartBeside(f *files.File) bool {
	if f.Abs == "" {
		return false
	}
	chart := filepath.Join(filepath.Dir(f.Abs), "Chart.yaml")
	info, err := os.Stat(chart)
	return err == nil && info.Mode().IsRegular() && f.InScannedArea(chart)
}

// hasImage reports whether a values document configures an image.
func hasImage(root *postree.Node) bool {
	found := false
	eachComponent(root, "", 0, func(string, *postree.Node) { found = true })
	return found
}

// eachComponent calls fn for every object (to depth 3) that configures an
// image (`image: {repository: …}` or `image: "repo:tag"`), with its key
// path ("" for the top level).
func eachComponent(n *postree.Node, name string, depth int, fn func(string, *postree.Node)) {
	if !n.IsObject() || depth > 3 {
		return
	}
	if on, ok := n.Boolean("enabled"); ok && !on {
		return // a component the chart does not deploy
	}
	img := n.Get("image")
	if img.IsObject() && img.Has("repository") || img != nil && img.Kind == postree.String && img.Text != "" {
		fn(name, n)
	}
	for i, k := range n.Keys {
		if k == "image" {
			continue
		}
		child := k
		if name != "" {
			child = name + "." + k
		}
		eachComponent(n.Vals[i], child, depth+1, fn)
	}
}

// redactValues hands every literal credential of a values document to the
// file's redactor, judged by key name and value as client configs are.
func redactValues(f *files.File, n *postree.Node, key string) {
	switch n.Kind {
	case postree.Object:
		for i, k := range n.Keys {
			redactValues(f, n.Vals[i], k)
		}
	case postree.Array:
		for _, it := range n.Items {
			redactValues(f, it, key)
		}
	case postree.String:
		secrets.ClassifyInto(key, n.Text, secrets.SyntaxFor("helm"), f.Redactor())
	}
}

// valuesWorkloads reads the components of a lone values file that run MCP
// into partial workloads.
func valuesWorkloads(v *kubeobj.Values, red *secrets.Redactor) []*evidence.Workload {
	var out []*evidence.Workload
	eachComponent(v.Root, "", 0, func(name string, n *postree.Node) {
		if w := valuesWorkload(v, name, n, red); w != nil {
			out = append(out, w)
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// valuesWorkload reads one component of a values file.
func valuesWorkload(v *kubeobj.Values, name string, n *postree.Node, red *secrets.Redactor) *evidence.Workload {
	image := valuesImage(n.Get("image"))
	if image == nil {
		return nil
	}
	label := name
	if label == "" {
		label = strings.TrimSuffix(path.Base(v.File), path.Ext(v.File))
	}
	id := v.WorkloadID(name)
	repo := normalizeRepo(image.Name, image.Registry)
	rec := &recognition{}
	switch role, known := knownImages[repo]; {
	case operatorImage(repo):
		rec.add("operator", "image "+image.Name)
	case known:
		rec.add(role, "image "+image.Name)
	case mentionsMCP(repo):
		rec.add(roleOfName(repo), "image "+image.Name)
	case mentionsMCP(name):
		rec.add(roleOfName(name), "values key "+name)
	case name == "":
		rec.add("server", "values of an MCP chart")
	}
	if rec.role == "" {
		return nil
	}
	c := evidence.PodContainer{Name: label, Image: image}
	sc := firstObject(n.Get("securityContext"), n.Lookup("security", "securityContext"), n.Lookup("containerSecurityContext"))
	podSC := firstObject(n.Get("podSecurityContext"), n.Lookup("security", "podSecurityContext"))
	knownSecurity(&c, sc, podSC)
	if limits := n.Lookup("resources", "limits"); limits.IsObject() {
		cpu, mem := limits.Has("cpu"), limits.Has("memory")
		c.CPULimit, c.MemoryLimit = &cpu, &mem
	}
	c.Env = valuesEnv(n.Get("env"), red)
	w := &evidence.Workload{
		Meta: evidence.Meta{
			Kind: evidence.KindWorkload, ID: id, Name: label,
			Provenance: v.Provenance(Collector, n.Get("image")), Links: []string{v.Origin.SourceID},
		},
		Object: "HelmValues/" + label, Origin: "helm-values", Partial: true, Role: rec.role, RecognizedBy: rec.reasons,
		Images: []evidence.Package{*image}, Containers: []evidence.PodContainer{c},
		GatewayAuthentication: evidence.GatewayAuthNone,
	}
	w.HostNetwork, _ = n.Boolean("hostNetwork")
	if sa := n.Get("serviceAccount"); sa.IsObject() {
		w.ServiceAccount, _ = sa.Str("name")
		if auto, ok := sa.Boolean("automount"); ok {
			w.AutomountToken = auto
		} else if auto, ok := sa.Boolean("automountServiceAccountToken"); ok {
			w.AutomountToken = auto
		}
		annotations, _ := sa.StringMap("annotations")
		for _, a := range cloudIdentityAnnotations {
			if annotations[a] != "" {
				w.CloudIdentity = append(w.CloudIdentity, a)
			}
		}
	}
	if np := firstObject(n.Get("networkPolicy"), n.Get("networkPolicies")); np.IsObject() {
		if on, _ := np.Boolean("enabled"); on {
			w.Network = valuesNetwork(np)
		}
	}
	for _, ing := range []*postree.Node{n.Get("ingress"), n.Lookup("transport", "ingress")} {
		if on, _ := ing.Boolean("enabled"); on {
			w.Ingresses = append(w.Ingresses, valuesIngress(ing))
			w.Exposure = "ingress"
		}
	}
	if w.Exposure == "" {
		for _, svc := range []*postree.Node{n.Get("service"), n.Lookup("transport", "service")} {
			if typ, ok := svc.Str("type"); ok && typ != "" {
				w.Services = append(w.Services, evidence.ExposedService{Name: label, Type: typ})
				w.Exposure = map[string]string{"NodePort": "node-port", "LoadBalancer": "load-balancer"}[typ]
				if w.Exposure == "" {
					w.Exposure = "cluster-ip"
				}
			}
		}
	}
	redactNames(w)
	return w
}

// valuesImage reads an image block ({registry, repository, tag, digest})
// or an image string. An image without a tag is the chart's appVersion: a
// tag the values do not show, not `latest`.
func valuesImage(n *postree.Node) *evidence.Package {
	if n == nil {
		return nil
	}
	if n.Kind == postree.String {
		return launch.ImagePackage(n.Text)
	}
	repo, _ := n.Scalar("repository")
	if repo == "" {
		return nil
	}
	if reg, _ := n.Scalar("registry"); reg != "" && !strings.HasPrefix(repo, reg+"/") {
		repo = reg + "/" + repo
	}
	ref := repo
	if tag, _ := n.Scalar("tag"); tag != "" {
		ref += ":" + tag
	}
	if digest, _ := n.Scalar("digest"); digest != "" {
		ref += "@" + digest
	}
	p := launch.ImagePackage(ref)
	if p.Pinning == evidence.PinNone {
		p.Pinning = evidence.PinTag
	}
	return p
}

// knownSecurity sets the container facts a values file states.
func knownSecurity(c *evidence.PodContainer, sc, podSC *postree.Node) {
	setting := func(key string) *postree.Node {
		if v := sc.Get(key); v != nil {
			return v
		}
		return podSC.Get(key)
	}
	boolFact := func(n *postree.Node) *bool {
		if n == nil || n.Kind != postree.Bool {
			return nil
		}
		b := n.Text == "true"
		return &b
	}
	c.Privileged = boolFact(sc.Get("privileged"))
	c.RunAsNonRoot = boolFact(setting("runAsNonRoot"))
	if uid := setting("runAsUser"); uid != nil && uid.Kind == postree.Number && uid.Text != "0" {
		yes := true
		c.RunAsNonRoot = &yes
	}
	c.AllowPrivilegeEscalation = boolFact(sc.Get("allowPrivilegeEscalation"))
	c.ReadOnlyRootFS = boolFact(sc.Get("readOnlyRootFilesystem"))
	if caps := sc.Get("capabilities"); caps.IsObject() {
		drop := false
		for _, d := range items(caps.Get("drop")) {
			if strings.EqualFold(d.Text, "ALL") {
				drop = true
			}
		}
		c.CapabilitiesDropAll = &drop
		for _, a := range items(caps.Get("add")) {
			c.CapabilitiesAdded = append(c.CapabilitiesAdded, strings.ToUpper(a.Text))
		}
	}
	if t, ok := setting("seccompProfile").Str("type"); ok && t != "" {
		c.Seccomp = t
	}
}

// valuesEnv reads env given as a list of EnvVars or as a name → value map.
func valuesEnv(n *postree.Node, red *secrets.Redactor) map[string]evidence.Value {
	out := map[string]evidence.Value{}
	syn := secrets.SyntaxFor("kubernetes")
	switch {
	case n.IsArray():
		for _, e := range n.Items {
			if key, _ := e.Str("name"); key != "" {
				out[key] = envValue(e, syn, red)
			}
		}
	case n.IsObject():
		for i, k := range n.Keys {
			if s, ok := n.Vals[i].ScalarText(); ok {
				out[k] = secrets.ClassifyInto(k, s, syn, red)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// valuesNetwork judges NetworkPolicy rules written in values as the
// chart's NetworkPolicy would apply them: ingress and egress isolated by the
// rules given (a list without rules denies everything).
func valuesNetwork(np *postree.Node) evidence.WorkloadNetwork {
	var out evidence.WorkloadNetwork
	ingress, egress := true, true
	if rules := np.Get("ingress"); rules.IsArray() {
		for _, r := range rules.Items {
			if admitsAll(r.Get("from")) {
				ingress = false
			}
		}
	} else {
		ingress = false
	}
	if rules := np.Get("egress"); rules.IsArray() {
		for i, r := range rules.Items {
			peers := r.Get("to")
			if admitsAll(peers) {
				egress = false
				out.OpenEgress = append(out.OpenEgress, fmt.Sprintf("networkPolicy egress rule %d: %s", i+1, openReason(peers)))
			}
			if reachesMetadata(peers) {
				out.MetadataEgress = true
			}
		}
	} else {
		egress = false
	}
	out.IngressRestricted, out.EgressRestricted = &ingress, &egress
	out.Policies = []string{"networkPolicy (values)"}
	return out
}

// valuesIngress reads an ingress block of values.
func valuesIngress(ing *postree.Node) evidence.ExposedIngress {
	ei := evidence.ExposedIngress{Name: "ingress (values)", Kind: "Ingress"}
	for _, h := range items(ing.Get("hosts")) {
		if host, ok := h.Str("host"); ok {
			ei.Hosts = append(ei.Hosts, host)
		} else if s, ok := h.ScalarText(); ok {
			ei.Hosts = append(ei.Hosts, s)
		}
	}
	ei.TLS = len(items(ing.Get("tls"))) > 0
	if on, ok := ing.Lookup("tls").Boolean("enabled"); ok {
		ei.TLS = on
	}
	annotations, _ := ing.StringMap("annotations")
	ei.Auth = ingressAuth(annotations)
	return ei
}
